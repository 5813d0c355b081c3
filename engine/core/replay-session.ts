// Replay files in one place for the command line and the browser: recording one from a game,
// reading one (a file that fails the replay format is bad input, named with the action's index and
// field), and verifying one by re-applying its action log through the reducer alone and comparing
// every turn's hash, with the messages a user sees. Every message names the replay file.
import type { EngineContext } from './context.ts';
import { DataError, formatPath, zodIssues } from './data-error.ts';
import { stateHash } from './engine.ts';
import { type Handoff, REPLAY_FORMAT, type ReplayFile, offMapIssues, replayFileSchema } from './replay.ts';
import type { ObjectiveTrack } from './run-watch.ts';
import { GameSession, type Seat } from './session.ts';
import { fromMinutes, turnStart } from './time.ts';
import type { LoggedAction } from './actions/union.ts';
import type { GameState, Side } from './types.ts';

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
  /** A hand-off whose recorded hash the re-applied game did not reach. */
  broken?: BrokenLink;
}

/** An action of a log that the reducer threw on instead of refusing it (a malformed action). */
export class UnappliableAction extends Error {
  constructor(readonly index: number, cause: unknown) { super((cause as Error)?.message ?? String(cause)); }
}

/** A hand-off link of the chain that re-applying the log did not meet. */
export interface BrokenLink { link: Handoff; actual: string }

/**
 * Re-applies a logged game, action by action through the reducer alone (a GameSession nobody
 * advances), and compares each turn's hash with the recorded ones, and the state hash at each
 * hand-off with its link. `onTurnEnd` sees each turn's state as it is replayed (the browser shows them).
 */
export function replayGame(
  ctx: EngineContext, seed: string, actions: LoggedAction[], expectedHashes: string[], onTurnEnd?: (s: GameState) => void, handoffs: Handoff[] = [],
): ReplayCheck {
  const make = (end: (s: GameState) => void) => new GameSession(ctx, { seed, recordActions: false, onTurnEnd: end });
  const { session, result } = reapply(make, actions, expectedHashes, handoffs, onTurnEnd);
  return checkOf(session, !result.refused && !result.mismatch && !result.broken && session.state.turnHashes.length === expectedHashes.length, result);
}

function checkOf(session: GameSession, ok: boolean, extra: Partial<ReplayCheck>): ReplayCheck {
  const { state, objectives, checks, finalHash } = session.record();
  return { ok, state, objectives, checks, finalHash, ...extra };
}

type Reapplied = Pick<ReplayCheck, 'refused' | 'mismatch' | 'broken'>;

/** Re-applies `actions` in a session `make` builds, stopping at the first refusal, turn-hash mismatch or broken hand-off link. */
function reapply(
  make: (onTurnEnd: (s: GameState) => void) => GameSession, actions: LoggedAction[], expectedHashes: string[], handoffs: Handoff[], onTurnEnd?: (s: GameState) => void,
): { session: GameSession; result: Reapplied } {
  let mismatch: ReplayCheck['mismatch'];
  const session = make((s) => {
    const t = s.turnHashes.length - 1;
    onTurnEnd?.(s);
    if (expectedHashes[t] !== undefined && expectedHashes[t] !== s.turnHashes[t]) mismatch ??= { turn: t, expected: expectedHashes[t], actual: s.turnHashes[t] };
  });
  const links = new Map(handoffs.map((h) => [h.actions, h]));
  const linkAt = (n: number): BrokenLink | undefined => {
    const link = links.get(n);
    const actual = link ? stateHash(session.state) : '';
    return link && actual !== link.hash ? { link, actual } : undefined;
  };
  let broken = linkAt(0);
  for (let i = 0; i < actions.length && !broken; i++) {
    let reason: string | null;
    try {
      reason = session.act(actions[i].action, actions[i].source);
    } catch (e) {
      throw new UnappliableAction(i, e);
    }
    if (reason) return { session, result: { refused: { index: i, reason } } };
    if (mismatch) return { session, result: { mismatch } };
    broken = linkAt(i + 1);
  }
  // A link beyond the end of the log: actions were taken out after that side saved the game.
  const beyond = handoffs.find((h) => h.actions > actions.length);
  if (!broken && beyond) broken = { link: beyond, actual: stateHash(session.state) };
  return { session, result: broken ? { broken } : {} };
}

/** What a game recorded: its seed, final state and action log (a GameSession's record). */
export interface RecordedGame { seed: string; state: GameState; actions: LoggedAction[] }

/** The replay file of a game played on `ctx`; `file` is the scenario file as the replay names it. */
export function recordReplay(
  ctx: EngineContext, game: RecordedGame,
  opts: { file?: string; turns?: number; fingerprint?: ReplayFile['fingerprint']; waitingFor?: ReplayFile['waitingFor']; handoffs?: Handoff[] } = {},
): ReplayFile {
  return {
    format: REPLAY_FORMAT, version: 1,
    scenario: { id: ctx.scenario.id, version: ctx.scenario.version, file: opts.file ?? ctx.scenario.file },
    map: { id: ctx.map.data.id, version: ctx.map.data.version },
    ...(opts.fingerprint ? { fingerprint: opts.fingerprint } : {}),
    seed: game.seed, ...(opts.turns ? { turns: opts.turns } : {}),
    actions: game.actions as ReplayFile['actions'],
    turnHashes: game.state.turnHashes,
    finalHash: stateHash(game.state),
    ...(opts.waitingFor ? { waitingFor: opts.waitingFor } : {}),
    ...(opts.handoffs?.length ? { handoffs: opts.handoffs } : {}),
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
    check = replayGame(ctx, rp.seed, actions, rp.turnHashes, onTurnEnd, rp.handoffs);
  } catch (e) {
    throw unappliable(e, file);
  }
  return { ok: verdictOk(check, rp), message: `${file}: ${verdictText(ctx, check, rp)}`, check };
}

function unappliable(e: unknown, file: string): unknown {
  if (!(e instanceof UnappliableAction)) return e;
  return new DataError(file, [{ path: formatPath(['actions', e.index, 'action']), message: `the engine could not apply this action (${e.message})` }]);
}

const verdictOk = (check: ReplayCheck, rp: ReplayFile): boolean => check.ok && check.finalHash === rp.finalHash;

function verdictText(ctx: EngineContext, check: ReplayCheck, rp: ReplayFile): string {
  if (check.refused) return `the replay diverged: action ${check.refused.index + 1} of ${rp.actions.length} was refused (${check.refused.reason})`;
  if (check.broken) {
    const { link, actual } = check.broken;
    return `the ${link.side} side's move of turn ${link.turn} (${link.phase} phase) does not verify: the game it hands over has hash ${actual}, the file records ${link.hash}; the file was changed after that side saved it`;
  }
  if (check.mismatch) {
    const when = fromMinutes(turnStart(ctx.scenario.start, check.mismatch.turn));
    return `the replay diverged at turn ${check.mismatch.turn} (${when}): recorded hash ${check.mismatch.expected}, replayed ${check.mismatch.actual}`;
  }
  if (!verdictOk(check, rp)) {
    return `the replay ended differently: ${check.state.turnHashes.length} turns (recorded ${rp.turnHashes.length}), final hash ${check.finalHash} (recorded ${rp.finalHash})`;
  }
  return `replay verified: ${check.state.turnHashes.length} turn hashes match (final hash ${check.finalHash})`;
}

export interface ContinueOptions {
  /** Who plays each side from now on (default: the historical plan with the doctrine AI). */
  seats?: Partial<Record<Side, Seat>>;
  /** Go on from the start of this turn (0 = the first), cutting the file's later turns; default: where the file ends. */
  fromTurn?: number;
  /** Stop after this many turns in all. */
  turns?: number;
  onTurnEnd?: (s: GameState) => void;
}

export interface Continued {
  /** The game, ready to `advance`, with the file's actions (up to `fromTurn`) in its log; null when the file did not verify. */
  session: GameSession | null;
  ok: boolean;
  /** One sentence for the user, naming the file. */
  message: string;
}

/**
 * A saved game taken up again: its actions (those before `fromTurn`, or all) are re-applied
 * through the reducer and checked against the file's turn hashes and hand-off links, then the
 * game goes on with `seats`. A game continued from turn k of a file plays on exactly as the game
 * that recorded it did (same state, same hashes) when the seats are the same.
 */
export function continueReplay(ctx: EngineContext, rp: ReplayFile, file: string, opts: ContinueOptions = {}): Continued {
  const played = rp.turnHashes.length;
  const at = opts.fromTurn;
  if (at !== undefined && (at < 0 || at > played)) {
    throw new DataError(file, [{ path: 'turnHashes', message: `the replay holds ${played} turns; it can be continued from turn 0 to ${played}, not ${at}` }]);
  }
  const all = rp.actions as unknown as LoggedAction[];
  const actions = at === undefined ? all : all.slice(0, firstOfTurn(all, at));
  const hashes = at === undefined ? rp.turnHashes : rp.turnHashes.slice(0, at);
  const links = (rp.handoffs ?? []).filter((h) => at === undefined || h.actions <= actions.length);
  const make = (end: (s: GameState) => void) => new GameSession(ctx, { seed: rp.seed, seats: opts.seats, turns: opts.turns, onTurnEnd: end });
  let r: ReturnType<typeof reapply>;
  try {
    r = reapply(make, actions, hashes, links, opts.onTurnEnd);
  } catch (e) {
    throw unappliable(e, file);
  }
  const { session, result } = r;
  const whole = session.state.turnHashes.length === hashes.length && (at !== undefined || stateHash(session.state) === rp.finalHash);
  const check = checkOf(session, whole && !result.refused && !result.mismatch && !result.broken, result);
  if (!check.ok) return { session: null, ok: false, message: `${file}: ${verdictText(ctx, check, at === undefined ? rp : { ...rp, turnHashes: hashes, finalHash: check.finalHash })}` };
  if (at === undefined && rp.waitingFor) session.resumeWith(rp.waitingFor);
  const when = fromMinutes(session.state.time);
  const mid = at === undefined && rp.waitingFor ? `, ${session.state.phase} phase, ${rp.waitingFor} to play` : '';
  const where = session.state.finished ? 'the game is over' : `going on from turn ${session.state.turn} (${when}${mid})`;
  return { session, ok: true, message: `${file}: ${hashes.length} turn hashes${links.length ? ` and ${links.length} hand-offs` : ''} verified; ${where}` };
}

/** Index of the first logged action of turn `turn` or later (the log is in turn order). */
function firstOfTurn(actions: LoggedAction[], turn: number): number {
  const i = actions.findIndex((a) => a.turn >= turn);
  return i < 0 ? actions.length : i;
}
