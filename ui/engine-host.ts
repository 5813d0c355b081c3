// What the engine worker does, without the worker: owns the scenario loaded and the game being
// played, answers each request from the page and posts back plain JSON. The game is a GameSession
// (engine/core/session.ts), the one `cassino run` plays: the player's side is a seat the session
// waits for in the movement and combat phases, so a game in which the player leaves every
// decision to the plan is the same game, with the same hashes, as `cassino run`. No DOM here: the
// tests drive it in Node (tests/engine-host.test.ts).
import {
  type EngineContext, type GameState, type Phase, type Seat, type Side, GameSession, checkReplayFits, enemyOf, historicalController,
  type Handoff, type Paired, CI_METHOD, bootstrapCis, figureComparison, paired, questionsOf, seedRange, shareChange, parseReplay, recordReplay, runGame, startGame, stateHash, summarise, verifyReplay, continueReplay,
} from '../engine/core/index.ts';
import { errorText, loadContext, readWhatIf } from './data.ts';
import type { FromWorker, ToWorker, WhatIfHolder } from './protocol.ts';
import type { ReplayFile } from '../engine/core/index.ts';

export type Post = (m: FromWorker) => void;

/** The game being played: its session, and for a game between two people the hand-off chain so far. */
interface Game { seed: string; session: GameSession; mail?: { handoffs: Handoff[] } }
type Request<K extends ToWorker['kind']> = Extract<ToWorker, { kind: K }>;

/** Phases in which the game waits for the player. */
const PLAYER_PHASES: ReadonlySet<Phase> = new Set(['movement', 'combat']);

type WhatIfCompared = Extract<FromWorker, { kind: 'whatIfCompared' }>;
const SIDES = ['allied', 'german'] as const;
/** Who may hold an objective, in the order `cassino compare` lists them. */
const HOLDERS: readonly WhatIfHolder[] = ['allied', 'german', 'none'];

/** The name replay messages give a file the page did not name. */
const UNNAMED_REPLAY = 'the replay file';

export class EngineHost {
  private ctx: EngineContext | null = null;
  private game: Game | null = null;
  /** The game last replayed (the historical plan's or a file's), which 'continue' takes up from any turn. */
  private lastRun: ReplayFile | null = null;

  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly post: Post) {}

  /** Handles requests one at a time, in order; a request that fails is answered with its error's sentence. */
  receive(m: ToWorker): Promise<void> {
    this.queue = this.queue.then(() => this.handle(m)).catch((err) => this.post({ kind: 'error', req: m.req, message: errorText(err) }));
    return this.queue;
  }

  private async handle(m: ToWorker): Promise<void> {
    switch (m.kind) {
      case 'load': return this.load(m);
      case 'play': return this.play(m);
      case 'action': return this.act(m);
      case 'end': return this.end(m);
      case 'historical': return this.historical(m);
      case 'replay': return this.replay(m);
      case 'compareWhatIf': return this.compareWhatIf(m);
      case 'continue': return this.continueGame(m);
      case 'undo': {
        const { session } = this.playing();
        const t0 = performance.now();
        session.undo(m.all);
        this.played(m.req, session.state, true, t0);
        return;
      }
      case 'saveReplay': return this.save(m.req);
    }
  }

  private need(): EngineContext {
    if (!this.ctx) throw new Error('no scenario loaded');
    return this.ctx;
  }

  private playing(): Game {
    if (!this.game) throw new Error('no game in progress');
    return this.game;
  }

  private played(req: number, state: GameState, waiting: boolean, t0: number, rejected?: string | null, message?: string): void {
    const s = this.game?.session;
    const extra = s ? { hash: stateHash(state), next: this.game?.mail ? s.nextSide : null, undo: s.undoDepth } : {};
    this.post({ kind: 'played', req, state, waiting, computeMs: performance.now() - t0, ...extra, ...(rejected ? { rejected } : {}), ...(message ? { message } : {}) });
  }

  /** The seats of a game the player commands `side` of; `mail`: the other side is a person too. */
  private seats(side: Side, assist: boolean, mail: boolean): Record<Side, Seat> {
    const player = (): Seat => ({ kind: 'player', phases: PLAYER_PHASES, ...(assist ? { assist: historicalController() } : {}) });
    return { [side]: player(), [enemyOf(side)]: mail ? player() : historicalController() } as Record<Side, Seat>;
  }

  /** A saved game taken up again; a file whose history does not verify is refused with the sentence saying why. */
  private continueGame(m: Request<'continue'>): void {
    const c = this.need();
    const t0 = performance.now();
    const file = m.file ?? (m.replay ? UNNAMED_REPLAY : 'the replay shown');
    if (!m.replay && !this.lastRun) throw new Error('no game replayed to continue');
    const rp = m.replay ? parseReplay(m.replay, file) : this.lastRun!;
    checkReplayFits(c, rp, file);
    const go = continueReplay(c, rp, file, { seats: this.seats(m.side, m.assist, m.mail), ...(m.fromTurn !== undefined ? { fromTurn: m.fromTurn } : {}) });
    if (!go.session) throw new Error(go.message);
    this.game = { seed: rp.seed, session: go.session, ...(m.mail ? { mail: { handoffs: m.fromTurn === undefined ? [...(rp.handoffs ?? [])] : [] } } : {}) };
    const waiting = go.session.advance() === 'waiting';
    this.played(m.req, go.session.state, waiting, t0, null, go.message);
  }

  /** The game so far as a replay file; a game between two people adds the hand-off of the side that has just played. */
  private save(req: number): void {
    const g = this.playing();
    const { state, actions } = g.session;
    const next = g.session.nextSide;
    if (g.mail && next && !state.finished) {
      const link: Handoff = { side: enemyOf(next), turn: state.turn, phase: state.phase, actions: actions.length, hash: stateHash(state) };
      const last = g.mail.handoffs[g.mail.handoffs.length - 1];
      if (!last || last.actions !== link.actions) g.mail.handoffs.push(link);
    }
    const replay = recordReplay(this.need(), { seed: g.seed, state, actions }, g.mail ? { waitingFor: next ?? undefined, handoffs: g.mail.handoffs } : {});
    this.post({ kind: 'replayFile', req, replay });
  }

  private async load(m: Request<'load'>): Promise<void> {
    this.ctx = null;
    this.game = null;
    this.lastRun = null;
    this.ctx = await loadContext(m.file);
    this.post({ kind: 'loaded', req: m.req, ok: true, scenario: m.file });
  }

  /** The player commands `m.side`; the historical plan and AI play the other side (and, with `assist`, the player's units they give no order). */
  private play(m: Request<'play'>): void {
    const t0 = performance.now();
    const session = new GameSession(this.need(), { seed: m.seed, seats: this.seats(m.side, m.assist, m.mail ?? false) });
    this.game = { seed: m.seed, session, ...(m.mail ? { mail: { handoffs: [] } } : {}) };
    const waiting = session.advance() === 'waiting';
    this.played(m.req, session.state, waiting, t0);
  }

  private act(m: Request<'action'>): void {
    const { session } = this.playing();
    const t0 = performance.now();
    const reason = session.act(m.action);
    this.played(m.req, session.state, true, t0, reason);
  }

  /** The player has finished the phase (`turn`: and every phase of theirs until the next turn begins). */
  private end(m: Request<'end'>): void {
    const { session } = this.playing();
    const t0 = performance.now();
    // Between two people, ending the turn ends only this side's part: the other side's waits are theirs.
    const waiting = session.advance({ phase: true, untilTurn: m.turn && !this.game?.mail ? session.state.turn + 1 : 0 }) === 'waiting';
    this.played(m.req, session.state, waiting, t0);
  }

  private historical(m: Request<'historical'>): void {
    const c = this.need();
    const t0 = performance.now();
    this.post({ kind: 'frame', req: m.req, index: 0, state: startGame(c, m.seed) });
    const rec = runGame(c, {
      seed: m.seed, turns: m.turns, recordActions: true,
      onTurnEnd: (s) => this.post({ kind: 'frame', req: m.req, index: s.turnHashes.length, state: s }),
    });
    this.lastRun = recordReplay(c, rec);
    this.post({ kind: 'done', req: m.req, finalHash: rec.finalHash, turns: rec.state.turnHashes.length, computeMs: performance.now() - t0 });
  }

  /** Checks a replay file as `cassino replay` does (same messages), showing each turn as it is re-applied. */
  private replay(m: Request<'replay'>): void {
    const c = this.need();
    const t0 = performance.now();
    const file = m.file ?? UNNAMED_REPLAY;
    const rp = parseReplay(m.replay, file);
    checkReplayFits(c, rp, file);
    this.post({ kind: 'frame', req: m.req, index: 0, state: startGame(c, rp.seed) });
    const frame = (s: GameState): void => this.post({ kind: 'frame', req: m.req, index: s.turnHashes.length, state: s });
    const { ok, message, check } = verifyReplay(c, rp, file, frame);
    this.lastRun = ok ? rp : null;
    this.post({ kind: 'done', req: m.req, finalHash: check.finalHash, turns: check.state.turnHashes.length, computeMs: performance.now() - t0, check: { ok, message } });
  }

  /** Both arms on the same seed (common random numbers), in contexts of their own. */
  /**
   * The what-if against the historical plan on the same seeds, as `cassino compare` plays and
   * sums it: the historical arm asks the what-if's questions only (questionsOf), figures and
   * shares go through engine/core/stats/paired.ts, so the two give the same numbers.
   */
  private async compareWhatIf(m: Request<'compareWhatIf'>): Promise<void> {
    const t0 = performance.now();
    const w = await readWhatIf(m.whatIf);
    const file = `${w.whatIf.scenario.id}.json`;
    const questions = questionsOf(w.whatIf);
    const hist = await loadContext(file, questions ? { ...w, whatIf: questions } : undefined);
    const what = await loadContext(file, w);
    if (!/^\d+$/.test(m.seed) || !(m.runs >= 1)) throw new Error('the first seed must be a whole number and the runs at least 1 (as `cassino compare --seed S --runs N` takes them)');
    const seeds = seedRange(m.seed, m.runs);
    const objectives = [...new Map([...what.scenario.objectives, ...hist.scenario.objectives].map((o) => [o.id, o.name]))];
    const order = [...new Set([...hist.scenario.objectives, ...what.scenario.objectives].map((o) => o.id))];
    const arms = [hist, what].map(() => ({ losses: SIDES.map(() => new Float64Array(seeds.length)), held: new Map(order.map((id) => [id, HOLDERS.map(() => new Float64Array(seeds.length))])) }));
    let done = 0;
    [hist, what].forEach((c, k) => seeds.forEach((seed, i) => {
      const r = runGame(c, { seed, recordActions: false });
      const sum = summarise(c, r.state, seed, r.objectives, r.finalHash, r.checks);
      SIDES.forEach((side, j) => { arms[k].losses[j][i] = sum.losses.bySide[side]; });
      for (const o of sum.outcome.objectives) {
        const col = arms[k].held.get(o.id)?.[HOLDERS.indexOf(o.holder)];
        if (col) col[i] = 1;
      }
      this.post({ kind: 'progress', req: m.req, done: ++done, total: seeds.length * 2 });
    }));
    const names = new Map(objectives);
    const series: Array<{ p: Paired; set: (ci: [number, number]) => void }> = [];
    const figures: WhatIfCompared['figures'] = {};
    SIDES.forEach((side, j) => {
      const p = paired(arms[0].losses[j], arms[1].losses[j]);
      series.push({ p, set: (ci) => { figures[`losses.${side}`] = { label: `${hist.scenario.sides[side].name} (all ${side} losses)`, ...figureComparison(p, ci) }; } });
    });
    const held: WhatIfCompared['objectives'] = {};
    for (const id of order) {
      held[id] = { name: names.get(id) ?? id, held: {} as WhatIfCompared['objectives'][string]['held'] };
      HOLDERS.forEach((h, j) => {
        const p = paired(arms[0].held.get(id)![j], arms[1].held.get(id)![j]);
        series.push({ p, set: (ci) => { held[id].held[h] = shareChange(p, ci); } });
      });
    }
    const cis = bootstrapCis(series.map((x) => x.p.d));
    series.forEach((x, i) => x.set(cis[i]));
    this.post({
      kind: 'whatIfCompared', req: m.req, scenario: { id: hist.scenario.id, name: hist.scenario.name }, whatIf: { id: w.whatIf.id, name: w.whatIf.name },
      seeds: { first: seeds[0], last: seeds[seeds.length - 1], count: seeds.length }, method: CI_METHOD, figures, objectives: held, computeMs: performance.now() - t0,
    });
  }

}
