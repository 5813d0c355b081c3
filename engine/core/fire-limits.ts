// Fire limits: which hexes guns may fire on, whoever gives the order (player, plan, doctrine,
// what-if). Danger close on a crest: where a side's own troops stand next to the target on the
// same crest or above it (a reverse slope), the shells that fall short or long of the target burst
// among them, and no gun may fire there. The Royal Sussex on Snakeshead Ridge, 65 m from Point 593:
// 'artillery cannot fire on 593 itself (too close to their own troops)' (cassino-1944.md, battle 2).
import type { EngineContext } from './context.ts';
import { hexLabel } from './map.ts';
import { terrainAt } from './models/movement-rules.ts';
import { occupancy } from './models/occupancy.ts';
import type { TerrainType } from './map.ts';
import { type GameState, type Side, sideIndex } from './types.ts';

/** Ground where a crest can shelter neither side from the other's shorts: the mountains and the abbey's hill. */
const CREST_GROUND: ReadonlySet<TerrainType> = new Set(['rugged-bare', 'rugged-mixed', 'rugged-wooded', 'abbey', 'abbey-ruins']);

/**
 * The hex next to `target` from which `side`'s own troops make fire on it danger close, or -1:
 * own units there on a ridge top (see onRidge), both hexes crest ground, and theirs no more than
 * fire.dangerClose.crestDropM below the target (or above it).
 */
export function dangerCloseFrom(ctx: EngineContext, state: GameState, side: Side, target: number): number {
  const map = ctx.map;
  if (!CREST_GROUND.has(terrainAt(map, state, target))) return -1;
  const own = sideIndex(side);
  const drop = ctx.params.fire.dangerClose.crestDropM;
  const ridge = ctx.params.fire.dangerClose.ridgeDropM;
  // The ground first: who stands where is counted only for a hex where it could matter (counting
  // it for every fire mission was a fifth of a battle-4 run).
  let occ: ReturnType<typeof occupancy> | undefined;
  for (let d = 0; d < 6; d++) {
    const n = map.neighbours[target * 6 + d];
    if (n < 0 || !CREST_GROUND.has(terrainAt(map, state, n))) continue;
    if (map.elevation[n] < map.elevation[target] - drop || !onRidge(map, n, ridge)) continue;
    if ((occ ??= occupancy(map, state)).side[n] === own) return n;
  }
  return -1;
}

/**
 * A ridge top: along one of the hex's three axes the ground falls at least `dropM` on both sides.
 * Men there lie on the skyline; on a hillside the slope above them takes the shorts.
 */
export function onRidge(map: EngineContext['map'], h: number, dropM: number): boolean {
  const e = map.elevation[h];
  for (let d = 0; d < 3; d++) {
    const a = map.neighbours[h * 6 + d];
    const b = map.neighbours[h * 6 + d + 3];
    if (a >= 0 && b >= 0 && e - map.elevation[a] >= dropM && e - map.elevation[b] >= dropM) return true;
  }
  return false;
}

/**
 * Which of `units` (the enemy's, in their hexes) `side`'s guns may fire on: danger close works both
 * ways, so the guns answering an assault cannot fire on attackers who close with their own
 * troops on the same crest (the Snakeshead assaults: the lines 65 m apart on one ridge). Only when
 * fire.json dangerClose.answeringFire is on (shipped off: see its source).
 */
export function openToFire(ctx: EngineContext, state: GameState, side: Side, units: { hex: number }[]): boolean[] {
  if (!ctx.params.fire.dangerClose.answeringFire) return units.map(() => true);
  return units.map((u) => dangerCloseFrom(ctx, state, side, u.hex) < 0);
}

/** Why `side`'s guns may not fire on `target` now, or null. */
export function fireRefusal(ctx: EngineContext, state: GameState, side: Side, target: number): string | null {
  const from = dangerCloseFrom(ctx, state, side, target);
  if (from < 0) return null;
  return `fire on hex ${hexLabel(ctx.map, target)} is danger close: ${side} troops at ${hexLabel(ctx.map, from)} stand on the same crest, within 250 m of the bursts`;
}
