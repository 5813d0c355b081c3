/// <reference lib="webworker" />
// The engine worker: owns the game being played and runs replays and the AI off the page's
// thread, posting each turn's state as plain JSON. It calls the engine's public API only; the
// order of play is runGame's (in each decision phase the Allied side acts, then the German side,
// then the phase ends), so a game in which the player leaves every decision to the plan is the
// same game, with the same hash, as `cassino run`.
import {
  type Action, type ActionSource, type Controller, type EngineContext, type GameState, type LoggedAction, type Phase,
  type ReplayFile, SIDES, type Side, applyAction, fromMinutes, historicalController, replayFileSchema, replayGame,
  runGame, startGame, stateHash, summarise, turnStart,
} from '../engine/core/index.ts';
import { errorText, loadContext, readWhatIf } from './data.ts';
import type { FromWorker, ToWorker, WhatIfArm } from './protocol.ts';

const post = (m: FromWorker) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

let ctx: EngineContext | null = null;
let scenarioFile = '';

/** Phases in which controllers act (as in runGame). */
const DECISION: readonly Phase[] = ['orders', 'movement', 'combat'];
/** Phases in which the game waits for the player. */
const PLAYER_PHASES: readonly Phase[] = ['movement', 'combat'];

interface Game {
  seed: string;
  state: GameState;
  player: Side;
  assist: boolean;
  ai: Controller;
  own: Controller;
  /** Which side acts next in the current decision phase (index into SIDES; 2: the phase may end). */
  cursor: number;
  actions: LoggedAction[];
  /** Units the player gave an order to this turn: the plan leaves them alone. */
  commanded: Set<string>;
  commandedTurn: number;
  /** Turn whose movement phase has had its disengagement step (Controller.disengage). */
  disengagedTurn: number;
}

let game: Game | null = null;

function need(): EngineContext {
  if (!ctx) throw new Error('no scenario loaded');
  return ctx;
}

function apply(g: Game, action: Action, source: ActionSource): string | null {
  const turn = g.state.turn;
  const phase = g.state.phase;
  const r = applyAction(need(), g.state, action);
  if (!r.ok) return r.reason;
  g.state = r.value;
  g.actions.push({ turn, phase, source, action });
  return null;
}

function unitsOf(a: Action): string[] {
  switch (a.type) {
    case 'move': case 'digIn': case 'rest': case 'buildBridge': return [a.unit];
    case 'relieve': return [a.unit, a.by];
    case 'attack': return [...a.units, ...(a.artillery ?? [])];
    case 'fireSupport': return a.artillery;
    case 'releaseReserve': case 'setMission': return a.units;
    default: return [];
  }
}

function runController(g: Game, c: Controller, side: Side, skipCommanded: boolean, step: 'propose' | 'disengage' = 'propose'): void {
  const c0 = need();
  const proposals = step === 'disengage' ? (c.disengage?.(c0, () => g.state, side) ?? []) : c.propose(c0, () => g.state, side);
  for (const p of proposals) {
    if (skipCommanded && unitsOf(p.action).some((id) => g.commanded.has(id))) continue;
    apply(g, p.action, p.source);
  }
}

/**
 * Plays on until the player must decide (a movement or combat phase, the player's side to act)
 * or the game ends. `ending`: the player has finished the current phase; `untilTurn`: keep
 * finishing the player's phases until this turn begins.
 */
function advance(g: Game, ending: boolean, untilTurn: number): boolean {
  for (;;) {
    if (g.state.finished) return false;
    if (g.state.turn !== g.commandedTurn) { g.commanded.clear(); g.commandedTurn = g.state.turn; }
    if (DECISION.includes(g.state.phase)) {
      // As in runGame: withdrawals get away before either side's other moves.
      if (g.state.phase === 'movement' && g.disengagedTurn !== g.state.turn) {
        g.disengagedTurn = g.state.turn;
        for (const side of SIDES) {
          if (side !== g.player) runController(g, g.ai, side, false, 'disengage');
          else if (g.assist) runController(g, g.own, side, true, 'disengage');
        }
      }
      while (g.cursor < SIDES.length) {
        const side = SIDES[g.cursor];
        if (side === g.player) {
          const wait = PLAYER_PHASES.includes(g.state.phase) && !ending && g.state.turn >= untilTurn;
          if (wait) return true;
          if (g.assist) runController(g, g.own, side, true);
        } else {
          runController(g, g.ai, side, false);
        }
        g.cursor++;
        ending = false;
      }
    }
    apply(g, { type: 'endPhase' }, 'event');
    g.cursor = 0;
    ending = false;
  }
}

function replayFileOf(g: Game): ReplayFile {
  const c = need();
  return {
    format: 'cassino-replay', version: 1,
    scenario: { id: c.scenario.id, version: c.scenario.version, file: c.scenario.file },
    map: { id: c.map.data.id, version: c.map.data.version },
    seed: g.seed,
    actions: g.actions as ReplayFile['actions'],
    turnHashes: g.state.turnHashes,
    finalHash: stateHash(g.state),
  };
}

function streamActions(req: number, c: EngineContext, seed: string, actions: LoggedAction[]): GameState {
  // Re-applies the (already verified) log through the reducer to show it turn by turn.
  let state = startGame(c, seed);
  post({ kind: 'frame', req, index: 0, state });
  for (const a of actions) {
    const r = applyAction(c, state, a.action);
    if (!r.ok) break;
    const before = state.turnHashes.length;
    state = r.value;
    if (state.turnHashes.length > before) post({ kind: 'frame', req, index: state.turnHashes.length, state });
  }
  return state;
}

async function handle(m: ToWorker): Promise<void> {
  switch (m.kind) {
    case 'load': {
      ctx = null;
      game = null;
      ctx = await loadContext(m.file);
      scenarioFile = m.file;
      post({ kind: 'loaded', req: m.req, ok: true, scenario: scenarioFile });
      return;
    }
    case 'play': {
      const t0 = performance.now();
      const c = need();
      game = {
        seed: m.seed, state: startGame(c, m.seed), player: m.side, assist: m.assist,
        ai: historicalController(), own: historicalController(), cursor: 0, actions: [], commanded: new Set(), commandedTurn: 0, disengagedTurn: -1,
      };
      const waiting = advance(game, false, 0);
      post({ kind: 'played', req: m.req, state: game.state, waiting, computeMs: performance.now() - t0 });
      return;
    }
    case 'action': {
      const g = game;
      if (!g) throw new Error('no game in progress');
      const t0 = performance.now();
      const reason = apply(g, m.action, 'player');
      if (!reason) for (const id of unitsOf(m.action)) g.commanded.add(id);
      post({ kind: 'played', req: m.req, state: g.state, waiting: true, computeMs: performance.now() - t0, ...(reason ? { rejected: reason } : {}) });
      return;
    }
    case 'end': {
      const g = game;
      if (!g) throw new Error('no game in progress');
      const t0 = performance.now();
      const waiting = advance(g, true, m.turn ? g.state.turn + 1 : 0);
      post({ kind: 'played', req: m.req, state: g.state, waiting, computeMs: performance.now() - t0 });
      return;
    }
    case 'historical': {
      const c = need();
      const t0 = performance.now();
      post({ kind: 'frame', req: m.req, index: 0, state: startGame(c, m.seed) });
      const rec = runGame(c, {
        seed: m.seed, turns: m.turns, recordActions: false,
        onTurnEnd: (s) => post({ kind: 'frame', req: m.req, index: s.turnHashes.length, state: s }),
      });
      post({ kind: 'done', req: m.req, finalHash: rec.finalHash, turns: rec.state.turnHashes.length, computeMs: performance.now() - t0 });
      return;
    }
    case 'replay': {
      const c = need();
      const t0 = performance.now();
      const parsed = replayFileSchema.safeParse(m.replay);
      if (!parsed.success) throw new Error(`not a replay file: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
      const rp = parsed.data;
      if (rp.scenario.id !== c.scenario.id || rp.scenario.version !== c.scenario.version) {
        throw new Error(`the replay was recorded on scenario ${rp.scenario.id} version ${rp.scenario.version}, but ${c.scenario.file} is ${c.scenario.id} version ${c.scenario.version}`);
      }
      if (rp.map.id !== c.map.data.id || rp.map.version !== c.map.data.version) {
        throw new Error(`the replay was recorded on map ${rp.map.id} version ${rp.map.version}, but the scenario uses ${c.map.data.id} version ${c.map.data.version}`);
      }
      const actions = rp.actions as unknown as LoggedAction[];
      const check = replayGame(c, rp.seed, actions, rp.turnHashes);
      let message: string;
      let ok = false;
      if (check.refused) message = `the replay diverged: action ${check.refused.index + 1} of ${actions.length} was refused (${check.refused.reason})`;
      else if (check.mismatch) message = `the replay diverged at turn ${check.mismatch.turn} (${fromMinutes(turnStart(c.scenario.start, check.mismatch.turn))}): recorded hash ${check.mismatch.expected}, replayed ${check.mismatch.actual}`;
      else if (!check.ok || check.finalHash !== rp.finalHash) message = `the replay ended differently: ${check.state.turnHashes.length} turns (recorded ${rp.turnHashes.length}), final hash ${check.finalHash} (recorded ${rp.finalHash})`;
      else { ok = true; message = `replay verified: ${check.state.turnHashes.length} turn hashes match (final hash ${check.finalHash})`; }
      const last = streamActions(m.req, c, rp.seed, actions);
      post({ kind: 'done', req: m.req, finalHash: stateHash(last), turns: last.turnHashes.length, computeMs: performance.now() - t0, check: { ok, message } });
      return;
    }
    case 'compareWhatIf': {
      // Both arms on the same seed (common random numbers), in contexts of their own.
      const t0 = performance.now();
      const w = await readWhatIf(m.whatIf);
      const file = `${w.whatIf.scenario.id}.json`;
      const hist = await loadContext(file);
      const what = await loadContext(file, w);
      const seed = m.seed ?? hist.scenario.defaultSeed;
      const arm = (c: EngineContext): WhatIfArm => {
        const r = runGame(c, { seed, recordActions: false });
        const s = summarise(c, r.state, seed, r.objectives, r.finalHash, r.checks);
        return { finalHash: r.finalHash, losses: s.losses.bySide, holders: Object.fromEntries(s.outcome.objectives.map((o) => [o.id, o.holder])) };
      };
      post({
        kind: 'whatIfCompared', req: m.req, scenario: { id: hist.scenario.id, name: hist.scenario.name }, seed,
        whatIf: { id: w.whatIf.id, name: w.whatIf.name }, objectives: what.scenario.objectives.map((o) => ({ id: o.id, name: o.name })),
        historical: arm(hist), whatIfArm: arm(what), computeMs: performance.now() - t0,
      });
      return;
    }
    case 'saveReplay': {
      if (!game) throw new Error('no game in progress');
      post({ kind: 'replayFile', req: m.req, replay: replayFileOf(game) });
      return;
    }
  }
}

// Requests are handled one at a time, in order.
let queue: Promise<void> = Promise.resolve();
self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  queue = queue.then(() => handle(m)).catch((err) => post({ kind: 'error', req: m.req, message: errorText(err) }));
};
