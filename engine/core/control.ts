// Hex control: who holds each hex. Stored as one string per map row ('A' Allied, 'G' German,
// '.' nobody), so that a change copies one short row rather than the whole map, and the state
// stays plain JSON.
import type { MapIndex } from './map.ts';
import type { GameState, Side } from './types.ts';

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
    const code = u.side === 'allied' ? 0 : 1;
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
