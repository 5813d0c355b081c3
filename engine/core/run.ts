// Playing a scenario from start to end with controllers on both sides (`cassino run`, batches,
// benchmarks): a GameSession (session.ts) in which nobody waits for a player.
import type { EngineContext } from './context.ts';
import { type Controller, historicalController } from './controllers.ts';
import { GameSession, type RunRecord } from './session.ts';
import type { GameState, Side } from './types.ts';

export { startGame, type Rejection, type RunRecord } from './session.ts';
export { objectiveHolders, type ObjectiveTrack } from './run-watch.ts';
export { replayGame, type ReplayCheck } from './replay-session.ts';

export interface RunOptions {
  seed: string;
  /** Stop after this many turns (default: the whole scenario). */
  turns?: number;
  controllers?: Partial<Record<Side, Controller>>;
  /** Keep the action log (needed for replays; batch runs may skip it). */
  recordActions?: boolean;
  onTurnEnd?: (s: GameState) => void;
}

export function runGame(ctx: EngineContext, opts: RunOptions): RunRecord {
  const session = new GameSession(ctx, { seed: opts.seed, seats: opts.controllers, turns: opts.turns, recordActions: opts.recordActions, onTurnEnd: opts.onTurnEnd });
  session.advance();
  return session.record();
}

/**
 * Plays the rest of the current turn (all phases, both sides' controllers; refused proposals are
 * dropped), as runGame does: for benchmarks and tests that step a game turn by turn. The seed is
 * already in the state's random streams (the session's record, which names it, is not used).
 */
export function playTurn(ctx: EngineContext, state: GameState, controller: Controller = historicalController()): GameState {
  const session = new GameSession(ctx, {
    seed: '', from: state, turns: state.turnHashes.length + 1, recordActions: false, seats: { allied: controller, german: controller },
  });
  session.advance();
  return session.state;
}
