// Applying a controller's proposals to the game, in order, with the cheap ones held back and
// applied together: the one place a game's moves, orders and fire go through the reducer.
import type { EngineContext } from './context.ts';
import type { Proposal } from './controller-types.ts';
import { BATCHABLE_ACTIONS, applyAction, applyActions, applyMoves } from './engine.ts';
import type { Action } from './actions/union.ts';
import type { GameState, Phase } from './types.ts';

export interface ProposalOutcome {
  accepted(p: Proposal, turn: number, phase: Phase): void;
  refused(p: Proposal, turn: number, phase: Phase, reason: string): void;
}

/**
 * One controller step (a side's proposals, or its disengagement). Proposals that read only a few
 * units (BATCHABLE_ACTIONS) and moves are held back and applied together (a run of moves in one
 * produce, a run of the others in another) when the controller next looks at the state (`now()`),
 * proposes an attack or another action, or stops: the controller sees the same states as if each
 * had been applied at once, and every action still passes the reducer's checks, in order.
 */
export class ProposalBatch {
  private pending: Proposal[] = [];

  constructor(private readonly ctx: EngineContext, public state: GameState, private readonly outcome: ProposalOutcome) {}

  readonly now = (): GameState => { this.flush(); return this.state; };

  play(proposals: Iterable<Proposal>): GameState {
    for (const p of proposals) {
      if (p.action.type === 'move' || BATCHABLE_ACTIONS.has(p.action.type)) this.pending.push(p);
      else { this.flush(); this.applyOne(p); }
    }
    this.flush();
    return this.state;
  }

  private flush(): void {
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 1) return this.applyOne(batch[0]);
    // A run of moves goes in one produce, and a run of other orders in another, in order.
    for (let i = 0; i < batch.length;) {
      const moves = batch[i].action.type === 'move';
      let j = i + 1;
      while (j < batch.length && (batch[j].action.type === 'move') === moves) j++;
      this.applyRun(batch.slice(i, j), moves);
      i = j;
    }
  }

  private applyRun(run: Proposal[], moves: boolean): void {
    const { turn, phase } = this.state;
    const actions = run.map((p) => p.action);
    const r = moves ? applyMoves(this.ctx, this.state, actions as Array<Extract<Action, { type: 'move' }>>) : applyActions(this.ctx, this.state, actions);
    this.state = r.state;
    run.forEach((p, k) => {
      const reason = r.refused[k];
      if (reason) this.outcome.refused(p, turn, phase, reason); else this.outcome.accepted(p, turn, phase);
    });
  }

  private applyOne(p: Proposal): void {
    const { turn, phase } = this.state;
    const r = applyAction(this.ctx, this.state, p.action);
    if (!r.ok) return this.outcome.refused(p, turn, phase, r.reason);
    this.state = r.value;
    this.outcome.accepted(p, turn, phase);
  }
}
