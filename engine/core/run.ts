// Playing a scenario: the loop that asks each side's controller for actions phase by phase, and
// the replay that re-applies a recorded action log and checks every turn's hash. The initial
// state plus the action log is the whole game (as in boardgame.io and Wesnoth replays).
import type { EngineContext } from './context.ts';
import { type Controller, type Proposal, historicalController } from './controllers.ts';
import { BATCHABLE_ACTIONS, applyAction, applyActions, applyMoves, enterFirstPhase, stateHash } from './engine.ts';
import { initialState } from './initial.ts';
import { holderOf } from './control.ts';
import { OutcomeWatcher, turnEnd } from './outcome-checks.ts';
import { type Action, type ActionSource, type GameState, type LoggedAction, type Phase, SIDES, type Side } from './types.ts';

export function startGame(ctx: EngineContext, seed: string): GameState {
  return enterFirstPhase(ctx, initialState(ctx, seed));
}

/** Which side holds each objective at the end of each turn (for outcome dates). */
export type ObjectiveTrack = Array<{ turn: number; holders: Record<string, Side | 'none'> }>;

export function objectiveHolders(ctx: EngineContext, s: GameState): Record<string, Side | 'none'> {
  const out: Record<string, Side | 'none'> = {};
  for (const o of ctx.scenario.objectives) {
    out[o.id] = holderOf(s, o.hex);
  }
  return out;
}

/** What a run is watched for as it plays: objective holders and the documented outcome checks. */
class RunWatch {
  readonly objectives: ObjectiveTrack = [];
  private readonly outcomes: OutcomeWatcher;
  constructor(private readonly ctx: EngineContext) { this.outcomes = new OutcomeWatcher(ctx.scenario.checks); }
  turnEnded(s: GameState): void {
    const turn = s.turnHashes.length - 1;
    this.objectives.push({ turn, holders: objectiveHolders(this.ctx, s) });
    this.outcomes.step(s, turnEnd(this.ctx.scenario.start, turn));
  }
  checks(): Record<string, boolean> { return this.outcomes.result(); }
}

export interface RunOptions {
  seed: string;
  /** Stop after this many turns (default: the whole scenario). */
  turns?: number;
  controllers?: Partial<Record<Side, Controller>>;
  /** Keep the action log (needed for replays; batch runs may skip it). */
  recordActions?: boolean;
  onTurnEnd?: (s: GameState) => void;
}

export interface Rejection { turn: number; phase: string; source: ActionSource; action: Action; reason: string }

export interface RunRecord {
  seed: string;
  state: GameState;
  actions: LoggedAction[];
  rejected: Rejection[];
  objectives: ObjectiveTrack;
  /** Verdict of each documented outcome check (scenario documented.outcomes) for this run. */
  checks: Record<string, boolean>;
  finalHash: string;
}

/**
 * Asks both sides' controllers for the current phase's actions and applies them. Proposals that
 * read only a few units (BATCHABLE_ACTIONS) and moves are held back and applied together (a run
 * of moves in one produce, a run of the others in another) when the controller next looks at the
 * state (`now()`), proposes an attack or another action, or stops: the controller sees the same
 * states as if each had been applied at once, and every action still passes the reducer's
 * checks, in order.
 */
function playPhase(
  ctx: EngineContext, start: GameState, controllers: Record<Side, Controller>,
  accepted: (p: Proposal, turn: number, phase: Phase) => void, refused: (p: Proposal, turn: number, phase: Phase, reason: string) => void,
): GameState {
  let state = start;
  let pending: Proposal[] = [];
  const flush = (): void => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const { turn, phase } = state;
    if (batch.length === 1) return applyOne(batch[0]);
    // A run of moves goes in one produce, and a run of other orders in another, in order.
    for (let i = 0; i < batch.length;) {
      const moves = batch[i].action.type === 'move';
      let j = i + 1;
      while (j < batch.length && (batch[j].action.type === 'move') === moves) j++;
      const run = batch.slice(i, j);
      const actions = run.map((p) => p.action);
      const r = moves ? applyMoves(ctx, state, actions as Array<Extract<Action, { type: 'move' }>>) : applyActions(ctx, state, actions);
      state = r.state;
      run.forEach((p, k) => { const reason = r.refused[k]; if (reason) refused(p, turn, phase, reason); else accepted(p, turn, phase); });
      i = j;
    }
  };
  const applyOne = (p: Proposal): void => {
    const { turn, phase } = state;
    const r = applyAction(ctx, state, p.action);
    if (!r.ok) return refused(p, turn, phase, r.reason);
    state = r.value;
    accepted(p, turn, phase);
  };
  const now = (): GameState => { flush(); return state; };
  const play = (proposals: Iterable<Proposal>): void => {
    for (const p of proposals) {
      if (p.action.type === 'move' || BATCHABLE_ACTIONS.has(p.action.type)) pending.push(p);
      else { flush(); applyOne(p); }
    }
    flush();
  };
  if (start.phase === 'movement') {
    for (const side of SIDES) {
      const c = controllers[side];
      if (c.disengage) play(c.disengage(ctx, now, side));
    }
  }
  for (const side of SIDES) play(controllers[side].propose(ctx, now, side));
  return state;
}

const DECISION_PHASES: ReadonlySet<Phase> = new Set(['orders', 'movement', 'combat']);

export function runGame(ctx: EngineContext, opts: RunOptions): RunRecord {
  const record = opts.recordActions ?? true;
  const controllers: Record<Side, Controller> = {
    allied: opts.controllers?.allied ?? historicalController(),
    german: opts.controllers?.german ?? historicalController(),
  };
  let state = startGame(ctx, opts.seed);
  const actions: LoggedAction[] = [];
  const rejected: Rejection[] = [];
  const watch = new RunWatch(ctx);
  const limit = opts.turns ?? Infinity;
  const accepted = (p: Proposal, turn: number, phase: Phase): void => { if (record) actions.push({ turn, phase, source: p.source, action: p.action }); };
  const refused = (p: Proposal, turn: number, phase: Phase, reason: string): void => { rejected.push({ turn, phase, source: p.source, action: p.action, reason }); };
  while (!state.finished && state.turnHashes.length < limit) {
    if (DECISION_PHASES.has(state.phase)) state = playPhase(ctx, state, controllers, accepted, refused);
    const before = state.turnHashes.length;
    const { turn, phase } = state;
    const r = applyAction(ctx, state, { type: 'endPhase' });
    if (!r.ok) { refused({ action: { type: 'endPhase' }, source: 'event' }, turn, phase, r.reason); break; }
    state = r.value;
    accepted({ action: { type: 'endPhase' }, source: 'event' }, turn, phase);
    if (state.turnHashes.length > before) {
      watch.turnEnded(state);
      opts.onTurnEnd?.(state);
    }
  }
  return { seed: opts.seed, state, actions, rejected, objectives: watch.objectives, checks: watch.checks(), finalHash: stateHash(state) };
}

/**
 * Plays the rest of the current turn (all phases, both sides' controllers; refused proposals are
 * dropped), as runGame does: for benchmarks and tests that step a game turn by turn.
 */
export function playTurn(ctx: EngineContext, state: GameState, controller: Controller = historicalController()): GameState {
  let s = state;
  const turn = s.turnHashes.length;
  const controllers = { allied: controller, german: controller };
  const ignore = (): void => {};
  while (!s.finished && s.turnHashes.length === turn) {
    if (DECISION_PHASES.has(s.phase)) s = playPhase(ctx, s, controllers, ignore, ignore);
    const r = applyAction(ctx, s, { type: 'endPhase' });
    if (!r.ok) break;
    s = r.value;
  }
  return s;
}

export interface ReplayCheck {
  ok: boolean;
  state: GameState;
  objectives: ObjectiveTrack;
  checks: Record<string, boolean>;
  finalHash: string;
  /** First turn whose hash differs from the recorded one, with both hashes. */
  mismatch?: { turn: number; expected: string; actual: string };
  /** An action the engine refused during the replay. */
  refused?: { index: number; reason: string };
}

/** Re-applies a logged game and compares each turn's hash with the recorded ones. */
export function replayGame(ctx: EngineContext, seed: string, actions: LoggedAction[], expectedHashes: string[]): ReplayCheck {
  let state = startGame(ctx, seed);
  const watch = new RunWatch(ctx);
  const { objectives } = watch;
  const done = (ok: boolean, extra: Partial<ReplayCheck> = {}): ReplayCheck => ({ ok, state, objectives, checks: watch.checks(), finalHash: stateHash(state), ...extra });
  for (let i = 0; i < actions.length; i++) {
    const r = applyAction(ctx, state, actions[i].action);
    if (!r.ok) return done(false, { refused: { index: i, reason: r.reason } });
    const before = state.turnHashes.length;
    state = r.value;
    if (state.turnHashes.length > before) {
      const t = state.turnHashes.length - 1;
      watch.turnEnded(state);
      if (expectedHashes[t] !== undefined && expectedHashes[t] !== state.turnHashes[t]) {
        return done(false, { mismatch: { turn: t, expected: expectedHashes[t], actual: state.turnHashes[t] } });
      }
    }
  }
  return done(state.turnHashes.length === expectedHashes.length);
}
