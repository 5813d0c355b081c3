// What a game is watched for as it plays: who holds each objective at the end of each turn (for
// outcome dates) and the documented outcome checks.
import type { EngineContext } from './context.ts';
import { holderOf } from './control.ts';
import { OutcomeWatcher, turnEnd } from './outcome-checks.ts';
import type { GameState, Side } from './types.ts';

/** Which side holds each objective at the end of each turn (for outcome dates). */
export type ObjectiveTrack = Array<{ turn: number; holders: Record<string, Side | 'none'> }>;

export function objectiveHolders(ctx: EngineContext, s: GameState): Record<string, Side | 'none'> {
  const out: Record<string, Side | 'none'> = {};
  for (const o of ctx.scenario.objectives) {
    out[o.id] = holderOf(s, o.hex);
  }
  return out;
}

export class RunWatch {
  readonly objectives: ObjectiveTrack = [];
  private readonly outcomes: OutcomeWatcher;
  constructor(private readonly ctx: EngineContext) { this.outcomes = new OutcomeWatcher(ctx.scenario.checks, ctx.map); }
  turnEnded(s: GameState): void {
    const turn = s.turnHashes.length - 1;
    this.objectives.push({ turn, holders: objectiveHolders(this.ctx, s) });
    this.outcomes.step(s, turnEnd(this.ctx.scenario.start, turn));
  }
  checks(): Record<string, boolean> { return this.outcomes.result(); }
}
