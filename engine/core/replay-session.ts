// Replay files in one place for the command line and the browser: recording one from a game,
// reading one (a file that fails the replay format is bad input, named with the action's index and
// field), and verifying one by re-applying its action log through the reducer alone and comparing
// every turn's hash, with the messages a user sees. Every message names the replay file.
import type { EngineContext } from './context.ts';
import { DataError, formatPath, zodIssues } from './data-error.ts';
import { stateHash } from './engine.ts';
import { REPLAY_FORMAT, type ReplayFile, offMapIssues, replayFileSchema } from './replay.ts';
import type { ObjectiveTrack } from './run-watch.ts';
import { GameSession } from './session.ts';
import { fromMinutes, turnStart } from './time.ts';
import type { LoggedAction } from './actions/union.ts';
import type { GameState } from './types.ts';

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

/** An action of a log that the reducer threw on instead of refusing it (a malformed action). */
export class UnappliableAction extends Error {
  constructor(readonly index: number, cause: unknown) { super((cause as Error)?.message ?? String(cause)); }
}

/**
 * Re-applies a logged game, action by action through the reducer alone (a GameSession nobody
 * advances), and compares each turn's hash with the recorded ones. `onTurnEnd` sees each turn's
 * state as it is replayed (the browser shows them).
 */
export function replayGame(
  ctx: EngineContext, seed: string, actions: LoggedAction[], expectedHashes: string[], onTurnEnd?: (s: GameState) => void,
): ReplayCheck {
  let mismatch: ReplayCheck['mismatch'];
  const session = new GameSession(ctx, {
    seed, recordActions: false,
    onTurnEnd: (s) => {
      const t = s.turnHashes.length - 1;
      onTurnEnd?.(s);
      if (expectedHashes[t] !== undefined && expectedHashes[t] !== s.turnHashes[t]) mismatch = { turn: t, expected: expectedHashes[t], actual: s.turnHashes[t] };
    },
  });
  const done = (ok: boolean, extra: Partial<ReplayCheck> = {}): ReplayCheck => {
    const { state, objectives, checks, finalHash } = session.record();
    return { ok, state, objectives, checks, finalHash, ...extra };
  };
  for (let i = 0; i < actions.length; i++) {
    let reason: string | null;
    try {
      reason = session.act(actions[i].action, actions[i].source);
    } catch (e) {
      throw new UnappliableAction(i, e);
    }
    if (reason) return done(false, { refused: { index: i, reason } });
    if (mismatch) return done(false, { mismatch });
  }
  return done(session.state.turnHashes.length === expectedHashes.length);
}

/** What a game recorded: its seed, final state and action log (a GameSession's record). */
export interface RecordedGame { seed: string; state: GameState; actions: LoggedAction[] }

/** The replay file of a game played on `ctx`; `file` is the scenario file as the replay names it. */
export function recordReplay(ctx: EngineContext, game: RecordedGame, opts: { file?: string; turns?: number; fingerprint?: ReplayFile['fingerprint'] } = {}): ReplayFile {
  return {
    format: REPLAY_FORMAT, version: 1,
    scenario: { id: ctx.scenario.id, version: ctx.scenario.version, file: opts.file ?? ctx.scenario.file },
    map: { id: ctx.map.data.id, version: ctx.map.data.version },
    ...(opts.fingerprint ? { fingerprint: opts.fingerprint } : {}),
    seed: game.seed, ...(opts.turns ? { turns: opts.turns } : {}),
    actions: game.actions as ReplayFile['actions'],
    turnHashes: game.state.turnHashes,
    finalHash: stateHash(game.state),
  };
}

/** A replay file's contents checked against the replay format; a DataError naming `file` and the path (e.g. actions[3].action.unit) if not. */
export function parseReplay(raw: unknown, file: string): ReplayFile {
  const parsed = replayFileSchema.safeParse(raw);
  if (!parsed.success) throw new DataError(file, zodIssues(parsed.error.issues));
  return parsed.data;
}

/** Refuses (as bad input) a replay recorded on another version of the scenario or its map, or naming hexes beyond the map. */
export function checkReplayFits(ctx: EngineContext, rp: ReplayFile, file: string, scenarioShown = ctx.scenario.file): void {
  if (ctx.scenario.id !== rp.scenario.id || ctx.scenario.version !== rp.scenario.version) {
    throw new DataError(file, [{ path: 'scenario', message: `the replay was recorded on scenario ${rp.scenario.id} version ${rp.scenario.version}, but ${scenarioShown} is ${ctx.scenario.id} version ${ctx.scenario.version}` }]);
  }
  if (ctx.map.data.id !== rp.map.id || ctx.map.data.version !== rp.map.version) {
    throw new DataError(file, [{ path: 'map', message: `the replay was recorded on map ${rp.map.id} version ${rp.map.version}, but the scenario now uses ${ctx.map.data.id} version ${ctx.map.data.version}` }]);
  }
  // The action schema cannot know the map: a hex beyond it is bad input too, not a divergence.
  const offMap = offMapIssues(rp.actions, ctx.map.size);
  if (offMap.length) throw new DataError(file, offMap);
}

export interface ReplayVerdict {
  /** Every turn hash and the final hash match. */
  ok: boolean;
  /** One sentence for the user, naming the file. */
  message: string;
  check: ReplayCheck;
}

/**
 * Re-applies a well-formed replay (parseReplay, checkReplayFits) and says whether it verified: the
 * first turn that diverged (with its date), the action the engine refused, or how it ended
 * differently. An action the reducer cannot even apply is bad input (a DataError naming it).
 */
export function verifyReplay(ctx: EngineContext, rp: ReplayFile, file: string, onTurnEnd?: (s: GameState) => void): ReplayVerdict {
  const actions = rp.actions as unknown as LoggedAction[];
  let check: ReplayCheck;
  try {
    check = replayGame(ctx, rp.seed, actions, rp.turnHashes, onTurnEnd);
  } catch (e) {
    if (!(e instanceof UnappliableAction)) throw e;
    throw new DataError(file, [{ path: formatPath(['actions', e.index, 'action']), message: `the engine could not apply this action (${e.message})` }]);
  }
  return { ok: verdictOk(check, rp), message: `${file}: ${verdictText(ctx, check, rp)}`, check };
}

const verdictOk = (check: ReplayCheck, rp: ReplayFile): boolean => check.ok && check.finalHash === rp.finalHash;

function verdictText(ctx: EngineContext, check: ReplayCheck, rp: ReplayFile): string {
  if (check.refused) return `the replay diverged: action ${check.refused.index + 1} of ${rp.actions.length} was refused (${check.refused.reason})`;
  if (check.mismatch) {
    const when = fromMinutes(turnStart(ctx.scenario.start, check.mismatch.turn));
    return `the replay diverged at turn ${check.mismatch.turn} (${when}): recorded hash ${check.mismatch.expected}, replayed ${check.mismatch.actual}`;
  }
  if (!verdictOk(check, rp)) {
    return `the replay ended differently: ${check.state.turnHashes.length} turns (recorded ${rp.turnHashes.length}), final hash ${check.finalHash} (recorded ${rp.finalHash})`;
  }
  return `replay verified: ${check.state.turnHashes.length} turn hashes match (final hash ${check.finalHash})`;
}
