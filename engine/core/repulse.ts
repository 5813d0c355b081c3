// Hopeless odds: a unit thrown back from a hex at a power ratio below combat.json hopelessOdds
// (attack.ts marks it `repulsed`) does not keep assaulting that hex at such odds. It may go in
// again when new fire, fresh troops or a weakened defender raise the odds of the new assault to
// the threshold, or once a new plan or player order has been given (set-mission.ts clears the
// mark). A rule of the reducer: it holds for the player, the plan, the doctrine and what-ifs alike.
import type { EngineContext } from './context.ts';
import { assaultSetup, unitsInHex } from './attack.ts';
import type { GameState } from './types.ts';

/** The power ratio an assault by `unitIds` on `target`, with `artilleryIds` firing, would have now (before noise). */
export function assaultOdds(ctx: EngineContext, state: GameState, unitIds: string[], target: number, artilleryIds: string[]): number {
  if (unitIds.length === 0 || unitsInHex(state, target).length === 0) return Infinity;
  return assaultSetup(ctx, state, unitIds, target, artilleryIds).ratio;
}

/** The units among `unitIds` repulsed from `target` at hopeless odds (no new order since). */
export function repulsedFrom(state: GameState, unitIds: string[], target: number): string[] {
  return unitIds.filter((id) => state.units[id]?.repulsed?.hex === target);
}

/**
 * Why an assault by `unitIds` on `target` is refused under the hopeless-odds rule, or null: some
 * of its units were repulsed from the hex and the new assault's odds are still below the threshold.
 */
export function hopelessReassault(
  ctx: EngineContext, state: GameState, unitIds: string[], target: number, artilleryIds: string[],
): string | null {
  const repulsed = repulsedFrom(state, unitIds, target);
  if (repulsed.length === 0) return null;
  const threshold = ctx.params.combat.hopelessOdds.ratio;
  const odds = assaultOdds(ctx, state, unitIds, target, artilleryIds);
  if (odds >= threshold) return null;
  const u = state.units[repulsed[0]].repulsed!;
  return `unit "${repulsed[0]}" was thrown back from this hex on turn ${u.turn} at odds ${u.ratio} (below ${threshold}) and ` +
    'nothing has raised them to that since: it goes in again only with new fire or fresh troops, or on a new order';
}
