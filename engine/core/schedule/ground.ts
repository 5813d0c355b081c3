// The ground changed at a time, as an event of the world (what-ifs, or a scenario's own history):
// a bridge built or blown over a river hexside, a ford over one, a hex turned to rubble or flooded,
// sown with mines or cleared of them, or a hex given back its map terrain. Checked against the map
// when the scenario loads: a bridge or a ford needs a river between the hex and its neighbour
// `toward`; no change is made at sea. Movement reads fords and mines from state.hexes
// (models/movement-rules.ts: fordAt, stepHours).
import { z } from 'zod';
import { hexLabel } from '../map.ts';
import { hexRef } from '../schema-parts.ts';
import { log } from '../state-log.ts';
import type { GameState } from '../types.ts';
import { entryBase } from './base.ts';
import { type ScheduleLoad, defineKind } from './kind.ts';

export const GROUND_CHANGES = ['bridge', 'blow-bridge', 'ford', 'rubble', 'flood', 'clear', 'mines', 'clear-mines'] as const;
type GroundChange = (typeof GROUND_CHANGES)[number];

const schema = z.strictObject({
  ...entryBase, kind: z.literal('ground'), hex: hexRef, change: z.enum(GROUND_CHANGES),
  /** For bridges and fords: the neighbour across the river. */
  toward: hexRef.optional(),
});

/** The direction from `h` to its neighbour across a river, or -1 (reported). */
function riverSide(load: ScheduleLoad, path: string, h: number, toward: string | undefined, what: string): number {
  if (toward === undefined) { load.add(`${path}.toward`, `expected the neighbouring hex across the river ("toward") for a ${what}`); return -1; }
  const t = load.hex(`${path}.toward`, toward);
  if (h < 0 || t < 0) return -1;
  const d = load.map.neighbours.subarray(h * 6, h * 6 + 6).indexOf(t);
  if (d < 0) { load.add(`${path}.toward`, `expected a neighbour of the hex (${hexLabel(load.map, h)})`); return -1; }
  if (load.map.river[h * 6 + d] === 0) { load.add(`${path}.toward`, `no river runs between ${hexLabel(load.map, h)} and ${hexLabel(load.map, t)} (a ${what} needs one)`); return -1; }
  return d;
}

function resolveGround(e: z.infer<typeof schema>, at: number, load: ScheduleLoad, path: string) {
  const hex = load.hex(`${path}.hex`, e.hex);
  const across = e.change === 'bridge' || e.change === 'blow-bridge' || e.change === 'ford';
  if (!across && e.toward !== undefined) load.add(`${path}.toward`, `a "${e.change}" change takes no "toward" (only bridges and fords do)`);
  const dir = across ? riverSide(load, path, hex, e.toward, e.change === 'ford' ? 'ford' : 'bridge') : -1;
  if (hex >= 0 && load.map.terrain[hex] === 'sea') load.add(`${path}.hex`, `${hexLabel(load.map, hex)} is sea (a ground change needs land)`);
  const r = dir >= 0 ? load.map.river[hex * 6 + dir] : 0;
  if (e.change === 'ford' && r > 0 && load.map.data.riverSides[r - 1].fordable) load.add(`${path}.toward`, `the river between ${hexLabel(load.map, hex)} and its neighbour is fordable on the map already (a ford change opens one where the map has none)`);
  return { at, kind: 'ground' as const, hex, change: e.change as GroundChange, dir, note: e.note };
}

const without = (list: number[] | undefined, d: number) => (list ?? []).filter((x) => x !== d);

/** Builds (or blows) the bridge over the hexside from `h` in direction `d`, seen from both banks. */
function setBridge(s: GameState, map: { neighbours: Int32Array }, h: number, d: number, standing: boolean): void {
  const n = map.neighbours[h * 6 + d];
  const back = (d + 3) % 6;
  s.hexes[h] = { ...s.hexes[h], bridges: standing ? [...without(s.hexes[h]?.bridges, d), d] : without(s.hexes[h]?.bridges, d), blown: standing ? without(s.hexes[h]?.blown, d) : [...without(s.hexes[h]?.blown, d), d] };
  if (n >= 0 && s.hexes[n]) s.hexes[n] = { ...s.hexes[n], bridges: without(s.hexes[n].bridges, back), blown: without(s.hexes[n].blown, back) };
  for (const k of [h, n]) {
    const c = s.hexes[k];
    if (!c) continue;
    if (c.bridges?.length === 0) delete c.bridges;
    if (c.blown?.length === 0) delete c.blown;
  }
}

const GROUND_WORDS: Record<Exclude<GroundChange, 'bridge' | 'blow-bridge'>, string> = {
  ford: 'have a ford between them (infantry cross as at a fordable river while it is not in flood)',
  rubble: 'is rubble', flood: 'is flooded', clear: 'is back to its map terrain',
  mines: 'is sown with mines (steps into it are slower)', 'clear-mines': 'is cleared of mines',
};

export const ground = defineKind({
  kind: 'ground',
  schema,
  resolve: resolveGround,
  fire(ctx, s, it) {
    const where = hexLabel(ctx.map, it.hex);
    if (it.change === 'bridge' || it.change === 'blow-bridge') {
      setBridge(s, ctx.map, it.hex, it.dir, it.change === 'bridge');
      const across = hexLabel(ctx.map, ctx.map.neighbours[it.hex * 6 + it.dir]);
      log(s, { kind: 'bridge', hex: it.hex, text: `${it.change === 'bridge' ? 'A bridge now stands' : 'The bridge is blown'} between ${where} and ${across}${it.note ? ` (${it.note})` : ''}` });
      return;
    }
    const c = { ...s.hexes[it.hex] };
    const r = it.dir >= 0 ? ctx.map.river[it.hex * 6 + it.dir] : 0;
    if (it.change === 'ford') c.fords = [...(c.fords ?? []).filter((x) => x !== r), r];
    else if (it.change === 'mines') c.mines = true;
    else if (it.change === 'clear-mines') delete c.mines;
    else if (it.change === 'clear') delete c.terrain;
    else c.terrain = it.change === 'rubble' ? 'rubble' : 'flooded';
    s.hexes[it.hex] = c;
    const across = it.dir >= 0 ? ` and ${hexLabel(ctx.map, ctx.map.neighbours[it.hex * 6 + it.dir])}` : '';
    log(s, { kind: 'ground', hex: it.hex, text: `${where}${across} ${GROUND_WORDS[it.change]}${it.note ? ` (${it.note})` : ''}` });
  },
});
