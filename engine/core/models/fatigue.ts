// Fatigue and recovery at the end of each turn: attacking, moving, exposure to cold rain in the
// mountains and lack of supply wear units down; rest and supply restore them.
import type { MapIndex } from '../map.ts';
import type { FatigueParams } from '../params.ts';
import type { GameState, UnitState } from '../types.ts';
import { terrainAt } from './movement-rules.ts';

const RUGGED = new Set(['rugged-mixed', 'rugged-bare', 'rugged-wooded', 'abbey-ruins']);

export interface TurnActivity { attacked: boolean; moved: boolean; inContact: boolean }

const clamp = (v: number) => Math.max(0, Math.min(100, Math.round(v)));

/** Applies one turn of fatigue and cohesion change to a (draft) unit. */
export function recoverUnit(p: FatigueParams, map: MapIndex, state: GameState, u: UnitState, act: TurnActivity): void {
  let dF = 0;
  let dC = 0;
  if (act.attacked) dF += p.attack;
  else if (act.inContact) dF += p.defendInContact;
  if (act.moved) dF += p.move;
  const wet = state.weather.condition === 'light-rain' || state.weather.condition === 'heavy-rain' || state.weather.condition === 'snow';
  if (wet && state.weather.temperature === 'cold' && u.hex >= 0 && RUGGED.has(terrainAt(map, state, u.hex))) dF += p.exposure.value;
  const resting = u.posture === 'rest' || (!act.attacked && !act.moved && !act.inContact);
  if (u.posture === 'rest' && !act.inContact) dF -= p.restRecovery;
  else if (resting) dF -= p.idleRecovery;
  if (u.supply < 50) {
    dF += p.outOfSupplyFatigue;
    dC -= p.outOfSupplyCohesion;
  } else {
    dC += resting ? p.cohesionRecoveryRested : act.inContact ? 0 : p.cohesionRecoveryInLine;
  }
  u.fatigue = clamp(u.fatigue + dF);
  u.cohesion = clamp(u.cohesion + dC);
}
