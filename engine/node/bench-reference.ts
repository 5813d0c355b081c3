// The benchmark's yardstick: a fixed pure-JavaScript workload shipped with the bench, timed on the
// same machine and in the same process as the runs, so a run's time can be given in units of it
// (`npm run bench` prints battle-4 as a multiple of the reference) and figures from machines of
// different speeds, or from one machine under different load, can be compared.
//
// It does the kinds of work a run does, in fixed amounts: integer hashing (the state hash), a
// bucket-free Dijkstra-like relaxation over a grid of 20,000 cells with six neighbours (supply,
// movement), small-object copies keyed by string (immer's copies of records) and a sort. Nothing
// in it depends on the engine, so a change to the engine never changes the yardstick; its result
// is checked, so a change to the yardstick itself shows.

/** The reference workload's result: fixed, whatever the machine. */
export const REFERENCE_CHECKSUM = 1975820038;

/** Runs the reference workload once and returns its checksum (REFERENCE_CHECKSUM). */
export function referenceWorkload(): number {
  let h = 0x811c9dc5;
  const mix = (x: number): void => { h = Math.imul(h ^ x, 0x01000193); };
  // A grid 200 x 100, six neighbours a cell, costs from a xorshift stream.
  const cols = 200;
  const size = cols * 100;
  let seed = 0x2545f491;
  const next = (): number => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed >>> 0; };
  const step = new Int32Array(size);
  for (let i = 0; i < size; i++) step[i] = 1 + (next() % 97);
  for (let pass = 0; pass < 3; pass++) {
    const dist = new Int32Array(size).fill(0x3fffffff);
    const queue: number[] = [pass * 7];
    dist[pass * 7] = 0;
    for (let qi = 0; qi < queue.length; qi++) {
      const c = queue[qi];
      const r = (c / cols) | 0;
      const q = c % cols;
      const odd = q & 1;
      const around = [c - cols, c + cols, c - 1, c + 1, c + (odd ? cols : -cols) - 1, c + (odd ? cols : -cols) + 1];
      for (let d = 0; d < 6; d++) {
        const n = around[d];
        if (n < 0 || n >= size || Math.abs((n % cols) - q) > 1 || Math.abs(((n / cols) | 0) - r) > 1) continue;
        const nd = dist[c] + step[n];
        if (nd < dist[n]) { dist[n] = nd; queue.push(n); }
      }
    }
    for (let i = 0; i < size; i += 97) mix(dist[i]);
  }
  // Records of 300 small objects, remade a few at a time, each remake a copy of the record.
  let record: Record<string, { id: string; men: number; hex: number }> = {};
  for (let i = 0; i < 300; i++) record[`unit-${i}`] = { id: `unit-${i}`, men: 800 + (next() % 200), hex: next() % size };
  for (let round = 0; round < 200; round++) {
    const copy = { ...record };
    for (let k = 0; k < 5; k++) {
      const id = `unit-${next() % 300}`;
      copy[id] = { ...copy[id], men: copy[id].men - 1, hex: (copy[id].hex + 1) % size };
    }
    record = copy;
  }
  for (const id of Object.keys(record).sort()) { mix(record[id].men); mix(record[id].hex); }
  // A sort of 100,000 numbers.
  const xs = Array.from({ length: 100_000 }, () => next() % 1_000_000);
  xs.sort((a, b) => a - b);
  for (let i = 0; i < xs.length; i += 1000) mix(xs[i]);
  return h >>> 0;
}
