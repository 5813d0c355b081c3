// The game's log: every entry is stamped with the turn and the local time of its start.
import { fromMinutes } from './time.ts';
import type { GameState, LogEvent } from './types.ts';

export function log(state: GameState, e: Omit<LogEvent, 'turn' | 'at'>): void {
  state.log.push({ turn: state.turn, at: fromMinutes(state.time), ...e });
}
