// Hex control: who holds each hex. Stored as one string per map row ('A' Allied, 'G' German,
// '.' nobody), so that a change copies one short row rather than the whole map, and the state
// stays plain JSON.
import type { MapIndex } from './map.ts';
import { type GameState, type Side, enemyIndex, sideIndex } from './types.ts';

export type ControlChar = 'A' | 'G' | '.';

export const sideChar = (s: Side): ControlChar => (s === 'allied' ? 'A' : 'G');

export function controlRows(flat: string, cols: number): string[] {
  const rows: string[] = [];
  for (let i = 0; i < flat.length; i += cols) rows.push(flat.slice(i, i + cols));
  return rows;
}

export function controlOf(s: Pick<GameState, 'control'>, h: number): ControlChar {
  const cols = s.control[0].length;
  const r = (h / cols) | 0;
  return s.control[r][h - r * cols] as ControlChar;
}

export function holderOf(s: Pick<GameState, 'control'>, h: number): Side | 'none' {
  const c = controlOf(s, h);
  return c === 'A' ? 'allied' : c === 'G' ? 'german' : 'none';
}

/** Sets the holder of hex h on a draft state. */
export function setControl(s: GameState, h: number, c: ControlChar): void {
  const cols = s.control[0].length;
  const r = (h / cols) | 0;
  const i = h - r * cols;
  const row = s.control[r];
  if (row[i] !== c) s.control[r] = row.slice(0, i) + c + row.slice(i + 1);
}

/** The rows with hexes `hs` held by `c`: a new array, or the same one when nothing changes. */
export function withControl(rows: readonly string[], hs: readonly number[], c: ControlChar): string[] {
  const cols = rows[0].length;
  let out: string[] | undefined;
  for (const h of hs) {
    const r = (h / cols) | 0;
    const i = h - r * cols;
    const row = (out ?? rows)[r];
    if (row[i] !== c) (out ??= rows.slice())[r] = row.slice(0, i) + c + row.slice(i + 1);
  }
  return out ?? (rows as string[]);
}

/** The whole map's control as one string (for loops over many hexes). */
export function controlFlat(s: Pick<GameState, 'control'>): string {
  return s.control.join('');
}

/**
 * Where the front runs: each land hex goes to the side whose units are nearest (a breadth-first
 * search from every unit at once). Hexes both sides reach at the same distance, and hexes nobody
 * reaches, get `tie(h)`. Sea stays '.'.
 */
export function nearestUnitFront(
  map: Pick<MapIndex, 'size' | 'neighbours' | 'terrain'>,
  units: Iterable<{ hex: number; side: Side }>,
  tie: (h: number) => ControlChar,
): string {
  const owner = new Int8Array(map.size).fill(-1);
  const dist = new Int32Array(map.size).fill(-1);
  let frontier: number[] = [];
  for (const u of units) {
    const code = sideIndex(u.side);
    if (dist[u.hex] === 0 && owner[u.hex] !== code) owner[u.hex] = 2;
    else if (dist[u.hex] !== 0) { dist[u.hex] = 0; owner[u.hex] = code; frontier.push(u.hex); }
  }
  let d = 0;
  while (frontier.length) {
    const next: number[] = [];
    d++;
    for (const h of frontier) {
      for (let k = 0; k < 6; k++) {
        const n = map.neighbours[h * 6 + k];
        if (n < 0 || map.terrain[n] === 'sea') continue;
        if (dist[n] === -1) { dist[n] = d; owner[n] = owner[h]; next.push(n); }
        else if (dist[n] === d && owner[n] !== owner[h]) owner[n] = 2;
      }
    }
    frontier = next;
  }
  const chars: string[] = new Array(map.size);
  for (let h = 0; h < map.size; h++) {
    chars[h] = map.terrain[h] === 'sea' ? '.' : owner[h] === 0 ? 'A' : owner[h] === 1 ? 'G' : tie(h);
  }
  return chars.join('');
}

/**
 * The front as `nearestUnitFront` draws it can leave a unit on an island of its own ground, cut
 * off from every supply source of its side by ground that is the enemy's only because the enemy's
 * units stand nearer. A unit not boxed in by enemy units gets back the shortest way to its side's
 * connected ground, through hexes no enemy unit stands in: in a quiet spell the lines settle
 * with each side's positions joined to its rear. Where both sides would take the same hex, it
 * stays as the front had it.
 */
export function joinCutOffUnits(
  map: Pick<MapIndex, 'size' | 'neighbours' | 'terrain'>,
  front: string,
  units: ReadonlyArray<{ hex: number; side: Side }>,
  sources: ReadonlyArray<{ hex: number; side: Side }>,
): string {
  const occupied = new Int8Array(map.size); // 1 Allied, 2 German, 3 both
  for (const u of units) occupied[u.hex] |= 1 << sideIndex(u.side);
  const claims: Array<Set<number>> = [new Set(), new Set()];
  (['allied', 'german'] as const).forEach((side, k) => {
    const own = sideChar(side);
    const enemyBit = 1 << enemyIndex(side);
    const reached = new Uint8Array(map.size);
    const flood = (starts: number[]) => {
      const stack = starts.filter((h) => front[h] === own || claims[k].has(h));
      for (const h of stack) reached[h] = 1;
      while (stack.length) {
        const h = stack.pop()!;
        for (let d = 0; d < 6; d++) {
          const n = map.neighbours[h * 6 + d];
          if (n < 0 || reached[n] || !(front[n] === own || claims[k].has(n))) continue;
          reached[n] = 1;
          stack.push(n);
        }
      }
    };
    flood(sources.filter((s) => s.side === side && s.hex >= 0).map((s) => s.hex));
    const cutOff = [...new Set(units.filter((u) => u.side === side && !reached[u.hex]).map((u) => u.hex))].sort((a, b) => a - b);
    for (const start of cutOff) {
      if (reached[start]) continue;
      // Breadth-first through hexes free of enemy units, to the nearest hex joined to the rear.
      const prev = new Int32Array(map.size).fill(-2);
      prev[start] = -1;
      let queue = [start];
      let found = -1;
      while (queue.length && found < 0) {
        const next: number[] = [];
        for (const h of queue) {
          for (let d = 0; d < 6 && found < 0; d++) {
            const n = map.neighbours[h * 6 + d];
            if (n < 0 || prev[n] !== -2 || map.terrain[n] === 'sea' || occupied[n] & enemyBit) continue;
            prev[n] = h;
            if (reached[n]) found = n; else next.push(n);
          }
          if (found >= 0) break;
        }
        queue = next;
      }
      if (found < 0) continue; // boxed in by enemy units: truly cut off
      const path: number[] = [];
      for (let h = prev[found]; h >= 0; h = prev[h]) path.push(h);
      for (const h of path) if (front[h] !== own) claims[k].add(h);
      flood(path);
    }
  });
  if (!claims[0].size && !claims[1].size) return front;
  const chars = front.split('');
  for (const [k, c] of [[0, 'A'], [1, 'G']] as const) for (const h of claims[k]) if (!claims[1 - k].has(h)) chars[h] = c;
  return chars.join('');
}

/**
 * The control rows with each side's ground farther than `radius` hexes from all of its units on
 * the map in lower case ('a', 'g'): ground a side holds but no longer covers with its weapons (its
 * units withdrew from it), which the other crosses under a looser bound (movement.enemyGround).
 * Rows that do not change are the same strings.
 */
export function coveredFront(
  map: Pick<MapIndex, 'size' | 'neighbours'>, rows: readonly string[], units: Iterable<{ hex: number; side: Side; status: string }>, radius: number,
): string[] {
  const covered = [new Uint8Array(map.size), new Uint8Array(map.size)];
  const frontier: number[][] = [[], []];
  for (const u of units) {
    if (u.hex < 0 || (u.status !== 'active' && u.status !== 'reserve')) continue;
    const k = sideIndex(u.side);
    if (!covered[k][u.hex]) { covered[k][u.hex] = 1; frontier[k].push(u.hex); }
  }
  for (let k = 0; k < 2; k++) {
    let f = frontier[k];
    for (let d = 0; d < radius && f.length; d++) {
      const next: number[] = [];
      for (const h of f) for (let i = 0; i < 6; i++) {
        const n = map.neighbours[h * 6 + i];
        if (n >= 0 && !covered[k][n]) { covered[k][n] = 1; next.push(n); }
      }
      f = next;
    }
  }
  const cols = rows[0].length;
  return rows.map((row, r) => {
    let out: string[] | undefined;
    for (let i = 0; i < cols; i++) {
      const c = row[i];
      const k = c === 'A' ? 0 : c === 'G' ? 1 : -1;
      if (k >= 0 && !covered[k][r * cols + i]) (out ??= row.split(''))[i] = k === 0 ? 'a' : 'g';
    }
    return out ? out.join('') : row;
  });
}
