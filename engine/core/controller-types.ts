// What a controller is, apart from the controllers themselves: the doctrine AI implements it and
// controllers.ts builds on the doctrine, so the shape lives below both.
import type { EngineContext } from './context.ts';
import type { Action } from './actions/union.ts';
import type { ActionSource, GameState, Side } from './types.ts';

export interface Proposal { action: Action; source: ActionSource }

/**
 * A controller yields actions for its side in the current phase. It reads the current state
 * through `now()` before each proposal, since every applied action changes it.
 */
export interface Controller {
  propose(ctx: EngineContext, now: () => GameState, side: Side): Iterable<Proposal>;
  /**
   * Movement phase only, before either side's other moves: units breaking contact (withdraw
   * missions) get away first. Movement within a turn is simultaneous; played side after side, a
   * withdrawal by night would otherwise be overtaken by an enemy who moves first and finds the
   * position still held (the paratroopers left the abbey in the night of 17/18 May 1944).
   */
  disengage?(ctx: EngineContext, now: () => GameState, side: Side): Iterable<Proposal>;
}
