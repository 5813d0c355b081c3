// Keeping a game: continuing a saved game from any turn, passing it between two players (play by
// e-mail, hot-seat) with each side's move checked by the hash chain, undo within a phase, and the
// fog of war a person playing one side sees.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Action, type GameState, type ReplayFile, type Seat, type Side, GameSession, SIDES, checkAction, continueReplay, fogOfWar,
  historicalController, isObserved, lastSeenMarkers, recordReplay, runGame, stateHash, updateSightings, verifyReplay,
} from '../engine/core/index.ts';
import { cli } from './cli-helpers.ts';
import { testContext } from './helpers.ts';

const ctx = testContext();
const SEED = '4';

function savedGame(turns?: number): ReplayFile {
  return recordReplay(ctx, runGame(ctx, { seed: SEED, turns, recordActions: true }));
}

/** A player seat in the movement and combat phases, the plan playing the units they leave alone. */
const player = (): Seat => ({ kind: 'player', phases: new Set(['movement', 'combat']), assist: historicalController() });
const hotSeat = () => ({ allied: player(), german: player() });

/** A dig-in order the engine accepts now for one of `side`'s units, if any. */
function digIn(s: GameState, side: Side, skip = 0): Action | undefined {
  return ctx.scenario.units
    .filter((u) => u.side === side)
    .map((u): Action => ({ type: 'digIn', unit: u.id }))
    .filter((a) => checkAction(ctx, s, a) === null)[skip];
}

describe('continuing a saved game', () => {
  it('from any turn of a replay, plays on to the same state hash as the game that was never interrupted', () => {
    const whole = runGame(ctx, { seed: SEED, recordActions: true });
    const file = recordReplay(ctx, whole);
    const n = file.turnHashes.length;
    for (const fromTurn of [0, 1, Math.floor(n / 2), n - 1]) {
      const go = continueReplay(ctx, file, 'game.json', { fromTurn });
      expect(go.message).toMatch(new RegExp(`^game\\.json: ${fromTurn} turn hashes verified; going on from turn ${fromTurn} `));
      go.session!.advance();
      expect(go.session!.record().finalHash).toBe(whole.finalHash);
      expect(go.session!.actions).toEqual(whole.actions);
    }
  });

  it('from where a shorter game stopped, plays on as if it had never stopped', () => {
    const go = continueReplay(ctx, savedGame(3), 'three-turns.json');
    go.session!.advance();
    expect(go.session!.record().finalHash).toBe(runGame(ctx, { seed: SEED }).finalHash);
  });

  it('refuses a file whose history does not verify, with a sentence naming the file and the turn', () => {
    const file = savedGame(4);
    const tampered = { ...file, turnHashes: file.turnHashes.map((h, i) => (i === 1 ? '0123456789abcdef' : h)) };
    const go = continueReplay(ctx, tampered, 'sent.json', { fromTurn: 3 });
    expect(go.session).toBeNull();
    expect(go.message).toMatch(/^sent\.json: the replay diverged at turn 1 \(1944-[-\dT:]+\): recorded hash 0123456789abcdef, replayed [0-9a-f]{16}$/);
    expect(() => continueReplay(ctx, file, 'sent.json', { fromTurn: 9 })).toThrow(/sent\.json: turnHashes: the replay holds 4 turns; it can be continued from turn 0 to 4, not 9/);
  });
});

/** One side's part of a phase in a hot-seat game: a dig-in order if one is allowed, then the game plays on to the next wait. */
function playPart(session: GameSession): void {
  const side = session.nextSide!;
  const order = digIn(session.state, side);
  if (order) expect(session.act(order)).toBeNull();
  session.advance({ phase: true });
}

/** The file a player sends after their part: the game, where it waits, and the chain with their link added. */
function send(session: GameSession, side: Side, chain: ReplayFile['handoffs'] = []): ReplayFile {
  const { state, actions } = session;
  const link = { side, turn: state.turn, phase: state.phase, actions: actions.length, hash: stateHash(state) };
  return recordReplay(ctx, { seed: SEED, state, actions }, { waitingFor: session.nextSide ?? undefined, handoffs: [...chain, link] });
}

describe('play by e-mail and hot-seat', () => {
  it('a game passed back and forth as a file ends as the same game played at one table', () => {
    const table = new GameSession(ctx, { seed: SEED, seats: hotSeat(), turns: 3 });
    let mail = new GameSession(ctx, { seed: SEED, seats: hotSeat(), turns: 3 });
    table.advance();
    mail.advance();
    let file: ReplayFile | undefined;
    while (!table.state.finished && table.state.turnHashes.length < 3) {
      const side = table.nextSide!;
      playPart(table);
      playPart(mail);
      file = send(mail, side, file?.handoffs);
      const received = continueReplay(ctx, JSON.parse(JSON.stringify(file)) as ReplayFile, 'move.json', { seats: hotSeat(), turns: 3 });
      expect(received.ok).toBe(true);
      expect(received.session!.nextSide).toBe(table.nextSide);
      mail = received.session!;
    }
    expect(file!.handoffs!.length).toBeGreaterThan(4);
    expect(stateHash(mail.state)).toBe(stateHash(table.state));
    expect(verifyReplay(ctx, file!, 'move.json').ok).toBe(true);
  });

  it('refuses a received file in which a move was changed after its side sent it', () => {
    const s = new GameSession(ctx, { seed: SEED, seats: hotSeat(), turns: 2 });
    s.advance();
    const before = s.state;
    playPart(s);
    const sent = send(s, 'allied');
    const i = sent.actions.findIndex((a) => a.source === 'player');
    expect(i).toBeGreaterThanOrEqual(0);
    // The opponent swaps the allied order for another and re-signs the end of the file.
    const other = digIn(before, 'allied', 1)!;
    const forged = { ...sent, actions: sent.actions.map((a, k) => (k === i ? { ...a, action: other } : a)) } as ReplayFile;
    const go = continueReplay(ctx, forged, 'reply.json', { seats: hotSeat() });
    expect(go.session).toBeNull();
    expect(go.message).toMatch(/^reply\.json: the allied side's move of turn 0 \(movement phase\) does not verify: the game it hands over has hash [0-9a-f]{16}, the file records [0-9a-f]{16}; the file was changed after that side saved it$/);
    expect(verifyReplay(ctx, forged, 'reply.json')).toMatchObject({ ok: false, message: go.message });
    // Or takes the allied order out altogether.
    const dropped = { ...sent, actions: sent.actions.filter((_, k) => k !== i) } as ReplayFile;
    expect(continueReplay(ctx, dropped, 'reply.json', { seats: hotSeat() }).message).toMatch(/^reply\.json: the allied side's move of turn 0 \(movement phase\) does not verify/);
  });
});

describe('undo within a phase', () => {
  it('takes back the player\'s orders one by one or all at once, restoring the state hash and the log', () => {
    const s = new GameSession(ctx, { seed: SEED, seats: { allied: player() } });
    expect(s.advance()).toBe('waiting');
    const start = { hash: stateHash(s.state), actions: s.actions.length };
    expect(s.act(digIn(s.state, 'allied')!)).toBeNull();
    const one = stateHash(s.state);
    expect(s.act(digIn(s.state, 'allied')!)).toBeNull();
    expect(s.undoDepth).toBe(2);
    expect(s.undo()).toBe(true);
    expect(stateHash(s.state)).toBe(one);
    expect(s.act(digIn(s.state, 'allied', 1)!)).toBeNull();
    expect(s.undo(true)).toBe(true);
    expect({ hash: stateHash(s.state), actions: s.actions.length }).toEqual(start);
    expect(s.undo()).toBe(false);
    // Once the phase is played on, what happened is final.
    s.act(digIn(s.state, 'allied')!);
    s.advance({ phase: true });
    expect(s.undo()).toBe(false);
  });
});

describe('fog of war', () => {
  const game = runGame(ctx, { seed: SEED, turns: 3 });
  for (const side of SIDES) {
    it(`the ${side} player sees only enemy units in hexes the ${side} side observes, and its own units all`, () => {
      const seen = fogOfWar(game.state, side);
      const on = (s: GameState, own: boolean) => Object.values(s.units).filter((u) => (u.side === side) === own && u.hex >= 0);
      expect(on(seen, true)).toEqual(on(game.state, true));
      for (const u of on(seen, false)) expect(isObserved(game.state, side, u.hex)).toBe(true);
      const hidden = on(game.state, false).filter((u) => !isObserved(game.state, side, u.hex));
      expect(on(seen, false).length).toBe(on(game.state, false).length - hidden.length);
    });
  }

  it('keeps a last-seen marker where an enemy unit was seen until its hex is observed again', () => {
    const s0 = game.state;
    const enemy = Object.keys(s0.units).find((id) => s0.units[id].side === 'german' && s0.units[id].hex >= 0 && isObserved(s0, 'allied', s0.units[id].hex))!;
    const seen = updateSightings({}, s0, 'allied');
    expect(seen[enemy]).toEqual({ hex: s0.units[enemy].hex, turn: s0.turn, time: s0.time });
    // The unit slips out of sight (its hex is no longer observed): the marker stays where it was seen.
    const blind = { ...s0, observed: { ...s0.observed, allied: s0.observed.allied.replace(/1/g, '0') } };
    expect(lastSeenMarkers(updateSightings(seen, blind, 'allied'), blind, 'allied')).toContainEqual({ id: enemy, ...seen[enemy] });
    expect(fogOfWar(blind, 'allied').units[enemy].hex).toBe(-1);
  });
});

describe('cassino run --from-replay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cassino-keep-'));
  const part = join(dir, 'part.json');

  it('continues a saved game from where it stopped or from a turn, to the hash of the uninterrupted run', async () => {
    const whole = JSON.parse((await cli(['run', 'test-skirmish', '--seed', '11', '--json'])).out);
    expect((await cli(['run', 'test-skirmish', '--seed', '11', '--turns', '5', '--save-replay', part])).code).toBe(0);
    const on = await cli(['run', '--from-replay', part, '--json']);
    expect(on.code).toBe(0);
    expect(JSON.parse(on.out)).toEqual(whole);
    const back = await cli(['run', '--from-replay', part, '--from-turn', '2', '--save-replay', join(dir, 'again.json')]);
    expect(back.out).toMatch(new RegExp(`part\\.json: 2 turn hashes verified; going on from turn 2 \\(1944-[-\\dT:]+\\)[^]*state hash ${whole.stateHash}`));
    expect((await cli(['replay', join(dir, 'again.json'), '--json'])).code).toBe(0);
  });

  it('refuses a file that does not verify (exit 1) and options the file already fixes (exit 2)', async () => {
    const rp = JSON.parse(readFileSync(part, 'utf8'));
    rp.turnHashes[1] = '0000000000000000';
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(rp));
    const r = await cli(['run', '--from-replay', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.json: the replay diverged at turn 1 \(1944-[-\dT:]+\): recorded hash 0000000000000000/);
    expect((await cli(['run', '--from-replay', part, '--seed', '3'])).err).toMatch(/--from-replay takes the scenario and seed from the file; leave out --seed/);
    expect((await cli(['run', '--from-turn', '2'])).err).toMatch(/--from-turn needs --from-replay FILE/);
  });
});
