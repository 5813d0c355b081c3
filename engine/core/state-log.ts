// The game's log: every entry is stamped with the turn and the local time of its start.
//
// The state keeps the current turn's entries in `log` and each earlier turn's in a list of its own
// in `history` (one array per turn, never changed once the turn is over). Every action that logs
// copies `log`; were it the whole game's log, a campaign would copy thousands of entries per
// action (quadratic in the turns). The turn hash covers `log` and the hash chain covers every
// earlier turn, so `history` is left out of the turn hash; the state hash (stateHash) hashes the
// state with the whole log in `log`, as the log was kept before, so its value did not change.
import { fromMinutes } from './time.ts';
import { peek } from './immer.ts';
import type { GameState, LogEvent } from './types.ts';

export function log(state: GameState, e: Omit<LogEvent, 'turn' | 'at'>): void {
  state.log.push({ turn: state.turn, at: fromMinutes(state.time), ...e });
}

/** The whole game's log, oldest first (reports, the log panel, charts). */
export function fullLog(s: Pick<GameState, 'log' | 'history'>): LogEvent[] {
  return s.history.length ? [...s.history.flat(), ...s.log] : s.log;
}

/**
 * The log's entries from turn `from` on, newest first (doctrine reads the last turns' casualty
 * returns and combats), without joining the whole log.
 */
export function* entriesSince(s: Pick<GameState, 'log' | 'history'>, from: number): Iterable<LogEvent> {
  for (let i = s.log.length - 1; i >= 0 && s.log[i].turn >= from; i--) yield s.log[i];
  for (let t = s.history.length - 1; t >= 0; t--) {
    const turn = s.history[t];
    for (let i = turn.length - 1; i >= 0; i--) {
      if (turn[i].turn < from) return;
      yield turn[i];
    }
  }
}

/**
 * Closes the turn's log (the state's draft, as the turn ends): its entries go to `history`. Both
 * arrays are read without drafting them and replaced, so that immer has no other draft to finish.
 */
export function closeTurnLog(s: GameState): void {
  s.history = [...peek(s, 'history'), peek(s, 'log')];
  s.log = [];
}
