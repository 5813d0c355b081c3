// The front line as a map shows it: one continuous line between the ground each side holds.
// The state's control map leaves hexes nobody holds between the sides, and small islands of one
// side inside the other (a platoon's hill top), which drawn as they are break the front into
// stubs and rings. Here each unheld land hex goes to the side that holds the nearest ground
// (a breadth-first fill from both sides at once), hexes mostly surrounded by the other side go to
// it (SMOOTHING passes), islands of fewer than MIN_POCKET hexes join the ground around them, and
// the hexsides between the two sides are chained into polylines.
// Presentation only: who holds a hex is the engine's answer (the tint shows it as it is).
import type { MapIndex } from '../../engine/core/index.ts';

/** Islands smaller than this (in hexes) are not drawn as pockets of their own. */
export const MIN_POCKET = 4;

/** Codes of the filled map: 0 nobody (sea or out of reach), 1 Allied, 2 German. */
export function fillFront(m: MapIndex, control: string[]): Uint8Array {
  const side = new Uint8Array(m.size);
  const queue: number[] = [];
  for (let h = 0; h < m.size; h++) {
    const c = control[Math.floor(h / m.cols)]?.[h % m.cols];
    if (c === 'A' || c === 'G') { side[h] = c === 'A' ? 1 : 2; queue.push(h); }
  }
  for (let i = 0; i < queue.length; i++) {
    const h = queue[i];
    for (let d = 0; d < 6; d++) {
      const n = m.neighbours[h * 6 + d];
      if (n < 0 || side[n] || m.terrain[n] === 'sea') continue;
      side[n] = side[h];
      queue.push(n);
    }
  }
  for (let i = 0; i < SMOOTHING; i++) smooth(m, side);
  absorbPockets(m, side);
  return side;
}

/** Passes of smoothing: enough to close the one-hex corridors units leave behind them. */
export const SMOOTHING = 2;

/**
 * A hex four or more of whose land neighbours are the other side's goes to that side: the
 * one-hex-wide tracks of ground a unit walked through (or a notch in the line) do not make the
 * front zigzag round them.
 */
function smooth(m: MapIndex, side: Uint8Array): void {
  const next = side.slice();
  for (let h = 0; h < m.size; h++) {
    if (!side[h]) continue;
    let other = 0;
    for (let d = 0; d < 6; d++) {
      const n = m.neighbours[h * 6 + d];
      if (n >= 0 && side[n] && side[n] !== side[h]) other++;
    }
    if (other >= 4) next[h] = 3 - side[h];
  }
  side.set(next);
}

/** Gives islands of fewer than MIN_POCKET hexes to the side around them. */
function absorbPockets(m: MapIndex, side: Uint8Array): void {
  const seen = new Uint8Array(m.size);
  for (let h = 0; h < m.size; h++) {
    if (!side[h] || seen[h]) continue;
    const comp = [h];
    seen[h] = 1;
    let around = 0;
    for (let i = 0; i < comp.length; i++) {
      for (let d = 0; d < 6; d++) {
        const n = m.neighbours[comp[i] * 6 + d];
        if (n < 0 || !side[n]) continue;
        if (side[n] !== side[h]) { around = side[n]; continue; }
        if (!seen[n]) { seen[n] = 1; comp.push(n); }
      }
    }
    if (comp.length < MIN_POCKET && around) for (const x of comp) side[x] = around;
  }
}

type Point = [number, number];

/**
 * The hexsides between the two sides as polylines of corner points: segments that share a
 * corner are chained, so the line is drawn as strokes with joins, not as loose dashes.
 */
export function frontPolylines(m: MapIndex, side: Uint8Array, sideCorners: (h: number, d: number) => [number, number, number, number]): Point[][] {
  const key = (x: number, y: number) => `${Math.round(x * 4)},${Math.round(y * 4)}`;
  const segs: Array<[Point, Point]> = [];
  const at = new Map<string, number[]>();
  for (let h = 0; h < m.size; h++) {
    if (!side[h]) continue;
    for (let d = 0; d < 3; d++) {
      const n = m.neighbours[h * 6 + d];
      if (n < 0 || !side[n] || side[n] === side[h]) continue;
      const [x0, y0, x1, y1] = sideCorners(h, d);
      const i = segs.push([[x0, y0], [x1, y1]]) - 1;
      for (const k of [key(x0, y0), key(x1, y1)]) { const l = at.get(k); if (l) l.push(i); else at.set(k, [i]); }
    }
  }
  const used = new Uint8Array(segs.length);
  const lines: Point[][] = [];
  const extend = (line: Point[]) => {
    for (;;) {
      const end = line[line.length - 1];
      const next = (at.get(key(end[0], end[1])) ?? []).find((j) => !used[j]);
      if (next === undefined) return;
      used[next] = 1;
      const [a, b] = segs[next];
      line.push(key(a[0], a[1]) === key(end[0], end[1]) ? b : a);
    }
  };
  for (let i = 0; i < segs.length; i++) {
    if (used[i]) continue;
    used[i] = 1;
    const fwd: Point[] = [segs[i][0], segs[i][1]];
    extend(fwd);
    const back: Point[] = [segs[i][0]];
    extend(back);
    lines.push([...back.reverse(), ...fwd.slice(1)]);
  }
  return lines;
}
