// The last check before an assault the doctrine ordered goes in: the believed odds at the moment
// of attack, with the guns actually allotted to it, must reach the odds the order asked for.
// Plan and player orders carry no such condition and always go in.
import type { EngineContext } from '../context.ts';
import type { GameState, Side } from '../types.ts';
import { believedOdds } from './beliefs.ts';
import { hopelessReassault, repulsedFrom } from '../repulse.ts';

export function attackersAllowed(ctx: EngineContext, s: GameState, side: Side, all: string[], target: number, artillery: string[]): string[] {
  // Units thrown back from the hex at hopeless odds stay down unless this assault's odds are better
  // (repulse.ts, a rule of the reducer): the others may still go in.
  const repulsed = hopelessReassault(ctx, s, all, target, artillery) ? new Set(repulsedFrom(s, all, target)) : null;
  const attackers = repulsed ? all.filter((id) => !repulsed.has(id)) : all;
  if (attackers.length === 0) return attackers;
  let need = 0;
  for (const id of attackers) {
    const m = s.missions[id];
    if (m?.kind === 'assault' && m.minOdds !== undefined) need = Math.max(need, m.minOdds);
  }
  if (need === 0) return attackers;
  const guns = artillery.reduce((a, id) => a + s.units[id].guns, 0);
  const odds = believedOdds(ctx, s, side, attackers, target, guns);
  if (odds !== null && odds >= need) return attackers;
  // Without the conditional units, the unconditional ones (plan orders) still attack.
  const rest = attackers.filter((id) => { const m = s.missions[id]; return !(m?.kind === 'assault' && m.minOdds !== undefined); });
  return rest;
}
