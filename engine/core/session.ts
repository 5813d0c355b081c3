// One game session: the turn loop `cassino run`, `cassino replay`, the batch workers and the
// browser worker all drive. Each side has a seat: a controller (the plan, the doctrine AI) that
// proposes at once, or a player the session waits for. In each decision phase withdrawals get
// away first (both sides' disengagement, movement phase only), then the Allied side acts, then
// the German side, then the phase ends. At a player's turn to act the session stops and says it
// is waiting; the player's actions are applied as they arrive (`act`), and `advance` resumes when
// the player has finished the phase (boardgame.io's model). The initial state plus the action log
// is the whole game (as in boardgame.io and Wesnoth replays).
import type { EngineContext } from './context.ts';
import { type Controller, type Proposal, historicalController } from './controllers.ts';
import { applyAction, enterFirstPhase, stateHash } from './engine.ts';
import { initialState } from './initial.ts';
import { ProposalBatch, type ProposalOutcome } from './proposals.ts';
import { type ObjectiveTrack, RunWatch } from './run-watch.ts';
import { type Action, type LoggedAction, unitsOf } from './actions/union.ts';
import { type ActionSource, type GameState, type Phase, SIDES, type Side } from './types.ts';

export function startGame(ctx: EngineContext, seed: string): GameState {
  return enterFirstPhase(ctx, initialState(ctx, seed));
}

/** A side played by a person: the session stops in each of `phases` until the player has finished it. */
export interface PlayerSeat {
  kind: 'player';
  phases: ReadonlySet<Phase>;
  /** Plays the player's units they gave no order to this turn ("plan runs my other units"), or none. */
  assist?: Controller;
}

export type Seat = Controller | PlayerSeat;

const isPlayer = (s: Seat): s is PlayerSeat => (s as Partial<PlayerSeat>).kind === 'player';

export interface SessionOptions {
  seed: string;
  /** Who plays each side (default: the historical plan with the doctrine AI). */
  seats?: Partial<Record<Side, Seat>>;
  /** Stop after this many turns (default: the whole scenario). */
  turns?: number;
  /** Keep the action log (needed for replays; batch runs may skip it). */
  recordActions?: boolean;
  onTurnEnd?: (s: GameState) => void;
  /** Go on from this state (at the start of a phase) instead of the scenario's first. */
  from?: GameState;
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

/** Why `advance` stopped: a player must act, the game is over, the turn limit, or the phase could not end. */
export type SessionStatus = 'waiting' | 'finished' | 'turnLimit' | 'stuck';

/** Which of the player's waits an `advance` goes past: the one they are in, and every one before turn `untilTurn`. */
export interface Release { phase?: boolean; untilTurn?: number }

/** What an accepted action changed: the state before it, the log's length and the units ordered. */
interface Checkpoint { state: GameState; actions: number; commanded: string[]; commandedTurn: number }

const DECISION_PHASES: ReadonlySet<Phase> = new Set(['orders', 'movement', 'combat']);

export class GameSession {
  state: GameState;
  readonly actions: LoggedAction[] = [];
  readonly rejected: Rejection[] = [];
  private readonly watch: RunWatch;
  private readonly seats: Record<Side, Seat>;
  private readonly limit: number;
  /** Where the current decision phase is: 0 disengagement, then one step per side (SIDES order). */
  private step = 0;
  /** Units the player gave an order to in turn `commandedTurn`. */
  private commanded = new Set<string>();
  private commandedTurn = -1;
  private readonly outcome: ProposalOutcome;
  /** The player's accepted actions in the current phase, each with what it changed (for undo). */
  private readonly undoable: Checkpoint[] = [];

  constructor(private readonly ctx: EngineContext, private readonly opts: SessionOptions) {
    this.state = opts.from ?? startGame(ctx, opts.seed);
    this.watch = new RunWatch(ctx);
    this.seats = { allied: opts.seats?.allied ?? historicalController(), german: opts.seats?.german ?? historicalController() };
    this.limit = opts.turns ?? Infinity;
    const record = opts.recordActions ?? true;
    this.outcome = {
      accepted: (p, turn, phase) => { if (record) this.actions.push({ turn, phase, source: p.source, action: p.action }); },
      refused: (p, turn, phase, reason) => { this.rejected.push({ turn, phase, source: p.source, action: p.action, reason }); },
    };
  }

  /** Plays on until a player must act, the game ends, the turn limit is reached or a phase cannot end. */
  advance(release: Release = {}): SessionStatus {
    this.undoable.length = 0;
    let releasePhase = release.phase ?? false;
    const untilTurn = release.untilTurn ?? 0;
    for (;;) {
      if (this.state.finished) return 'finished';
      if (this.state.turnHashes.length >= this.limit) return 'turnLimit';
      if (DECISION_PHASES.has(this.state.phase)) {
        if (this.step === 0) this.disengage();
        for (; this.step < SIDES.length + 1; this.step++) {
          const side = SIDES[this.step - 1];
          if (this.waitsFor(side) && !releasePhase && this.state.turn >= untilTurn) return 'waiting';
          this.propose(side);
          releasePhase = false;
        }
      }
      if (!this.endPhase()) return 'stuck';
    }
  }

  /** A player's action, applied now; the reason when the engine refuses it. */
  act(action: Action, source: ActionSource = 'player'): string | null {
    const { turn, phase } = this.state;
    const before = this.state.turnHashes.length;
    const r = applyAction(this.ctx, this.state, action);
    if (!r.ok) {
      this.outcome.refused({ action, source }, turn, phase, r.reason);
      return r.reason;
    }
    const checkpoint: Checkpoint = { state: this.state, actions: this.actions.length, commanded: [...this.commandedNow()], commandedTurn: this.commandedTurn };
    this.state = r.value;
    this.outcome.accepted({ action, source }, turn, phase);
    // Only the player's own orders keep the assisting plan away (a resumed game re-applies the plan's too).
    if (source === 'player') for (const id of unitsOf(action)) this.commandedNow().add(id);
    this.undoable.push(checkpoint);
    this.phaseMoved(phase, before);
    return null;
  }

  /** How many of the player's actions in this phase can be taken back. */
  get undoDepth(): number { return this.undoable.length; }

  /**
   * Takes back the player's last action in this phase (`all`: every one of them), restoring the
   * state, its hash and the action log as they were; false when there is nothing to take back.
   * Actions are undone only within the phase: once the phase (or the other side's part) has been
   * played on, what happened is final.
   */
  undo(all = false): boolean {
    if (!this.undoable.length) return false;
    const c = all ? this.undoable[0] : this.undoable[this.undoable.length - 1];
    this.undoable.length = all ? 0 : this.undoable.length - 1;
    this.state = c.state;
    this.actions.length = Math.min(this.actions.length, c.actions);
    this.commanded = new Set(c.commanded);
    this.commandedTurn = c.commandedTurn;
    return true;
  }

  /** The side whose part of the current phase comes next (the one a waiting session waits for). */
  get nextSide(): Side | null {
    return this.step >= 1 && this.step <= SIDES.length ? SIDES[this.step - 1] : null;
  }

  /**
   * A game saved while `side` was to play its part of the current phase goes on from there (the
   * parts before it, withdrawals included, are already in its action log).
   */
  resumeWith(side: Side): void {
    this.step = SIDES.indexOf(side) + 1;
  }

  /** The game so far: state, action log, refusals, objective holders, outcome checks and hash. */
  record(): RunRecord {
    const { state, actions, rejected } = this;
    return { seed: this.opts.seed, state, actions, rejected, objectives: this.watch.objectives, checks: this.watch.checks(), finalHash: stateHash(state) };
  }

  private waitsFor(side: Side): boolean {
    const seat = this.seats[side];
    return isPlayer(seat) && seat.phases.has(this.state.phase);
  }

  private controllerOf(side: Side): Controller | undefined {
    const seat = this.seats[side];
    return isPlayer(seat) ? seat.assist : seat;
  }

  /** Step 0 of a decision phase: in the movement phase, units breaking contact get away first, on both sides. */
  private disengage(): void {
    if (this.state.phase === 'movement') {
      for (const side of SIDES) {
        const c = this.controllerOf(side);
        if (c?.disengage) this.play(side, (now) => c.disengage!(this.ctx, now, side));
      }
    }
    this.step = 1;
  }

  private propose(side: Side): void {
    const c = this.controllerOf(side);
    if (c) this.play(side, (now) => c.propose(this.ctx, now, side));
  }

  private play(side: Side, proposals: (now: () => GameState) => Iterable<Proposal>): void {
    const batch = new ProposalBatch(this.ctx, this.state, this.outcome);
    const ps = proposals(batch.now);
    this.state = batch.play(isPlayer(this.seats[side]) ? this.leavingCommanded(ps) : ps);
  }

  /** The assisting plan's proposals, without those for units the player has ordered this turn. */
  private *leavingCommanded(ps: Iterable<Proposal>): Iterable<Proposal> {
    for (const p of ps) if (!unitsOf(p.action).some((id) => this.commandedNow().has(id))) yield p;
  }

  private commandedNow(): Set<string> {
    if (this.state.turn !== this.commandedTurn) { this.commanded.clear(); this.commandedTurn = this.state.turn; }
    return this.commanded;
  }

  private endPhase(): boolean {
    const p: Proposal = { action: { type: 'endPhase' }, source: 'event' };
    const { turn, phase } = this.state;
    const before = this.state.turnHashes.length;
    const r = applyAction(this.ctx, this.state, p.action);
    if (!r.ok) { this.outcome.refused(p, turn, phase, r.reason); return false; }
    this.state = r.value;
    this.outcome.accepted(p, turn, phase);
    this.phaseMoved(phase, before);
    return true;
  }

  /** After an action that may have ended the phase (or the turn): the next phase starts at its first step. */
  private phaseMoved(phase: Phase, hashesBefore: number): void {
    if (this.state.phase !== phase || this.state.turnHashes.length > hashesBefore) this.undoable.length = 0;
    if (this.state.phase !== phase || this.state.turnHashes.length > hashesBefore) this.step = 0;
    if (this.state.turnHashes.length > hashesBefore) {
      this.watch.turnEnded(this.state);
      this.opts.onTurnEnd?.(this.state);
    }
  }
}
