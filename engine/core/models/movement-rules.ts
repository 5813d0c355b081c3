// Movement rules: what a hex is now (bombing changes it, engineers bridge it), what a step into
// it costs in hours, and what stops or always allows a move. Costs are integer hundredths of an
// hour elsewhere (step-costs.ts) so paths and remaining movement are exact on every machine.
import type { MapIndex, TerrainType } from '../map.ts';
import { LINK_BY_CODE } from '../map.ts';
import type { MovementParams } from '../params.ts';
import { type GameState, type Side, type UnitState, type UnitType, enemyIndex } from '../types.ts';
import type { Occupancy } from './occupancy.ts';

export type MoveMode = 'foot' | 'vehicle';

const VEHICLE_TYPES: ReadonlySet<UnitType> = new Set(['armour', 'tank-destroyer', 'assault-gun', 'artillery']);

export function moveMode(type: UnitType): MoveMode {
  return VEHICLE_TYPES.has(type) ? 'vehicle' : 'foot';
}

/** Whether `side` must keep out of hex h (a scheduled keepOut still in force). */
export function keptOut(state: GameState, side: Side, h: number): boolean {
  return state.keepOut?.some((k) => k.side === side && k.hexes.includes(h)) ?? false;
}

export function terrainAt(map: MapIndex, state: Pick<GameState, 'hexes'>, h: number): TerrainType {
  return (state.hexes[h]?.terrain as TerrainType | undefined) ?? map.terrain[h];
}

/** Index+1 of the river hexside from h in direction d (0 when there is none). */
export function riverSideAt(map: MapIndex, h: number, d: number): number {
  return map.river[h * 6 + d];
}

export function isBridged(map: MapIndex, state: Pick<GameState, 'hexes'>, h: number, d: number): boolean {
  const r = map.river[h * 6 + d];
  if (r === 0) return false;
  const n = map.neighbours[h * 6 + d];
  if (map.data.riverSides[r - 1].bridge) return !(state.hexes[h]?.blown?.includes(d) || (n >= 0 && state.hexes[n]?.blown?.includes((d + 3) % 6)));
  return (state.hexes[h]?.bridges?.includes(d) ?? false) || (n >= 0 && (state.hexes[n]?.bridges?.includes((d + 3) % 6) ?? false));
}

/** Whether river side r (1 + index into riverSides) has a ford a ground change made (state.hexes[...].fords). */
export function fordAt(map: MapIndex, state: Pick<GameState, 'hexes'>, r: number): boolean {
  const side = map.data.riverSides[r - 1];
  return (state.hexes[side.a]?.fords?.includes(r) ?? false) || (state.hexes[side.b]?.fords?.includes(r) ?? false);
}

/** Whether the river side is fordable now (by the map or a ford made in play): a river in flood is not. */
export function fordableNow(map: MapIndex, state: Pick<GameState, 'weather' | 'hexes'>, r: number): boolean {
  return (map.data.riverSides[r - 1].fordable || fordAt(map, state, r)) && state.weather.riverLevel < 2;
}

/** What ground changes made of a hexside: a ford over its river, mines in the hex entered. */
export interface StepGround { forded?: boolean; mined?: boolean }

export const UNREACHABLE = 0x3fffffff;

/** Hours to cross from h into its neighbour in direction d, before observation (Infinity: impassable). */
export function stepHours(
  map: MapIndex, p: MovementParams, mode: MoveMode, h: number, d: number, mud: boolean, riverLevel: number,
  terrain: TerrainType, bridged: boolean, ground: StepGround = {},
): number {
  const linkCode = map.link[h * 6 + d];
  let speed = 0;
  if (linkCode) speed = p.linkSpeedKmh[mode][LINK_BY_CODE[linkCode]!];
  if (speed <= 0) {
    speed = p.speedKmh[mode][terrain];
    if (mud) speed *= p.mudSpeedFactor[mode];
  }
  if (speed <= 0) return Infinity;
  if (ground.mined) speed *= p.minefieldSpeedFactor[mode];
  let hours = (map.data.grid.hexSizeM / 1000) / speed;
  const r = map.river[h * 6 + d];
  if (r && !bridged) {
    if (mode === 'vehicle') return Infinity;
    const side = map.data.riverSides[r - 1];
    const flood = riverLevel >= 2 ? p.riverCrossingHours.floodFactor : 1;
    hours += ((side.fordable || ground.forded) && riverLevel < 2 ? p.riverCrossingHours.fordable : p.riverCrossingHours.unfordable) * flood;
  }
  return hours;
}


/**
 * The one-step rule of hex wargames: a unit that has not moved this turn may always enter an
 * adjacent hex it could legally enter, spending all its movement (a flooded river otherwise costs
 * more than a whole turn's movement and could never be crossed).
 */
export function canAlwaysStep(unit: UnitState): boolean {
  return unit.posture !== 'move' && unit.mp > 0 && !unit.attacked;
}

export function inEnemyZoc(map: MapIndex, occ: Occupancy, side: Side, h: number): boolean {
  const enemy = enemyIndex(side);
  for (let d = 0; d < 6; d++) {
    const n = map.neighbours[h * 6 + d];
    if (n >= 0 && occ.side[n] === enemy) return true;
  }
  return false;
}
