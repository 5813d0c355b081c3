// The browser's game is `cassino run`'s game: the engine worker's handler (ui/engine-host.ts,
// driven here in Node through the same messages the page sends), with the player giving no orders
// and "plan runs my other units" ticked, plays the same turns, with the same hashes, as runGame.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAction } from '../engine/core/engine.ts';
import { replayGame, runGame } from '../engine/core/run.ts';
import type { Side } from '../engine/core/types.ts';
import { loadContext } from '../engine/node/files.ts';
import { EngineHost } from '../ui/engine-host.ts';
import type { FromWorker, ToWorker } from '../ui/protocol.ts';
import { cli } from './cli-helpers.ts';

type Ask = { [K in ToWorker['kind']]: Omit<Extract<ToWorker, { kind: K }>, 'req'> }[ToWorker['kind']];
type Played = Extract<FromWorker, { kind: 'played' }>;

/** A worker's handler with the page's side of the conversation: each request's last answer. */
function worker(): { ask: (m: Ask) => Promise<FromWorker>; posted: FromWorker[] } {
  const posted: FromWorker[] = [];
  const host = new EngineHost((m) => posted.push(m));
  let req = 0;
  const ask = async (m: Ask): Promise<FromWorker> => {
    await host.receive({ ...m, req: ++req } as ToWorker);
    return posted[posted.length - 1];
  };
  return { ask, posted };
}

/** Plays as `side` giving no orders, ending each turn (or each phase) at once, until the game is over. */
async function leaveEverythingToThePlan(file: string, seed: string, side: Side, by: 'turn' | 'phase' = 'turn') {
  const w = worker();
  expect(await w.ask({ kind: 'load', file })).toMatchObject({ kind: 'loaded' });
  let r = (await w.ask({ kind: 'play', seed, side, assist: true })) as Played;
  let waits = 0;
  while (r.waiting) {
    waits++;
    r = (await w.ask({ kind: 'end', turn: by === 'turn' })) as Played;
    expect(r.kind).toBe('played');
  }
  return { state: r.state, waits, w };
}

describe('the browser worker plays `cassino run`\'s game when the plan runs every unit', () => {
  for (const [file, id, side, seed] of [
    ['test-skirmish.json', 'test-skirmish', 'allied', '1'],
    ['test-skirmish.json', 'test-skirmish', 'german', '4'],
    ['battle-1.json', 'battle-1', 'allied', '2'],
  ] as const) {
    it(`${id}, seed ${seed}, playing the ${side} side: the same turn hashes as runGame`, async () => {
      const node = runGame(loadContext(id), { seed, recordActions: false });
      const { state, waits } = await leaveEverythingToThePlan(file, seed, side);
      expect(state.finished).toBe(true);
      expect(waits).toBeGreaterThan(0);
      expect(state.turnHashes).toEqual(node.state.turnHashes);
    });
  }

  it('for any seed and side (test-skirmish), the same turn hashes as runGame', async () => {
    const ctx = loadContext('test-skirmish');
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom<Side>('allied', 'german'), async (n, side) => {
      const seed = String(n);
      const { state } = await leaveEverythingToThePlan('test-skirmish.json', seed, side);
      expect(state.turnHashes).toEqual(runGame(ctx, { seed, recordActions: false }).state.turnHashes);
    }), { numRuns: 6 });
  });

  it('ending phase by phase is the same game as ending turn by turn (test-skirmish, German side)', async () => {
    const byTurn = await leaveEverythingToThePlan('test-skirmish.json', '3', 'german', 'turn');
    const byPhase = await leaveEverythingToThePlan('test-skirmish.json', '3', 'german', 'phase');
    expect(byPhase.state.turnHashes).toEqual(byTurn.state.turnHashes);
    // The player is asked twice a turn (movement and combat) when ending phase by phase.
    expect(byPhase.waits).toBeGreaterThan(byTurn.waits);
  });

  it('the replay the browser saves verifies with `cassino replay`, and the worker verifies it too', async () => {
    const { w, state } = await leaveEverythingToThePlan('test-skirmish.json', '6', 'allied');
    const saved = await w.ask({ kind: 'saveReplay' });
    if (saved.kind !== 'replayFile') throw new Error(`expected a replay file, got ${saved.kind}`);
    expect(saved.replay.turnHashes).toEqual(state.turnHashes);
    expect(saved.replay.actions.some((a) => a.source === 'plan')).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'cassino-host-')), 'browser.replay.json');
    writeFileSync(file, JSON.stringify(saved.replay));
    const r = await cli(['replay', file]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const done = await w.ask({ kind: 'replay', replay: saved.replay, file: 'browser.replay.json' });
    expect(done).toMatchObject({ kind: 'done', turns: state.turnHashes.length, check: { ok: true } });
    expect(done.kind === 'done' && done.check?.message).toMatch(/^browser\.replay\.json: replay verified/);
  });

  it('a tampered replay opened in the browser is reported with the file, the turn and its date', async () => {
    const { w } = await leaveEverythingToThePlan('test-skirmish.json', '6', 'allied');
    const saved = await w.ask({ kind: 'saveReplay' });
    if (saved.kind !== 'replayFile') throw new Error(`expected a replay file, got ${saved.kind}`);
    const tampered = { ...saved.replay, turnHashes: saved.replay.turnHashes.map((h, i) => (i === 1 ? '0000000000000000' : h)) };
    const done = await w.ask({ kind: 'replay', replay: tampered, file: 'sent-to-me.json' });
    expect(done.kind === 'done' && done.check).toEqual({ ok: false, message: expect.stringMatching(/^sent-to-me\.json: the replay diverged at turn 1 \(1944-\d\d-\d\dT\d\d:00\): recorded hash 0000000000000000/) });
    const bad = await w.ask({ kind: 'replay', replay: { ...saved.replay, seed: 7 } as never, file: 'sent-to-me.json' });
    expect(bad).toMatchObject({ kind: 'error', message: expect.stringMatching(/^sent-to-me\.json: seed: /) });
  });

  it('a unit the player orders is left alone by the plan for the rest of that turn, and the game replays', async () => {
    const ctx = loadContext('test-skirmish');
    const w = worker();
    await w.ask({ kind: 'load', file: 'test-skirmish.json' });
    let r = (await w.ask({ kind: 'play', seed: '2', side: 'allied', assist: true })) as Played;
    const orders: Array<{ turn: number; unit: string }> = [];
    while (r.waiting) {
      const s = r.state;
      const unit = ctx.scenario.units.find((u) => u.side === 'allied' && checkAction(ctx, s, { type: 'digIn', unit: u.id }) === null)?.id;
      if (unit && s.phase === 'movement') {
        const after = (await w.ask({ kind: 'action', action: { type: 'digIn', unit } })) as Played;
        expect(after.rejected).toBeUndefined();
        orders.push({ turn: s.turn, unit });
      }
      r = (await w.ask({ kind: 'end', turn: true })) as Played;
    }
    expect(orders.length).toBeGreaterThan(0);
    const saved = await w.ask({ kind: 'saveReplay' });
    if (saved.kind !== 'replayFile') throw new Error(`expected a replay file, got ${saved.kind}`);
    const log = saved.replay.actions;
    for (const { turn, unit } of orders) {
      const given = log.findIndex((a) => a.source === 'player' && a.turn === turn && 'unit' in a.action && a.action.unit === unit);
      expect(given).toBeGreaterThanOrEqual(0);
      const touches = (a: (typeof log)[number]) => JSON.stringify(a.action).includes(`"${unit}"`);
      expect(log.slice(given + 1).filter((a) => a.turn === turn && a.source !== 'player' && touches(a))).toEqual([]);
    }
    const check = replayGame(ctx, '2', log as never, saved.replay.turnHashes);
    expect(check.ok).toBe(true);
    expect(check.finalHash).toBe(saved.replay.finalHash);
  });
});

describe('the What-if tab\'s comparison (the worker\'s compareWhatIf)', () => {
  it('gives the paired differences, intervals and shares `cassino compare` gives for the same what-if, seeds and runs', async () => {
    const w = worker();
    const r = await w.ask({ kind: 'compareWhatIf', whatIf: 'no-abbey-bombing.json', seed: '7', runs: 6 });
    if (r.kind !== 'whatIfCompared') throw new Error(`expected a comparison, got ${JSON.stringify(r)}`);
    expect(w.posted.filter((m) => m.kind === 'progress').map((m) => (m as { done: number }).done)).toEqual([...Array(12).keys()].map((i) => i + 1));
    const { runCompare } = await import('../engine/node/compare.ts');
    const c = await runCompare({ scenario: 'battle-2', whatIf: 'scenarios/whatifs/no-abbey-bombing.json', runs: 6, seed: '7', workers: 1, progress: false });
    expect(r.seeds).toEqual(c.seeds);
    for (const k of ['losses.allied', 'losses.german']) {
      const { historical, whatIf, difference } = c.figures[k];
      expect({ k, ...r.figures[k], label: undefined }).toEqual({ k, historical, whatIf, difference, label: undefined });
    }
    expect(Object.fromEntries(Object.entries(r.objectives).map(([id, o]) => [id, o.held]))).toEqual(Object.fromEntries(Object.entries(c.objectives).map(([id, o]) => [id, o.held])));
  });

  it('refuses a first seed that is not a whole number, as `cassino compare --seed` does', async () => {
    const r = await worker().ask({ kind: 'compareWhatIf', whatIf: 'no-abbey-bombing.json', seed: 'abc', runs: 3 });
    expect(r).toMatchObject({ kind: 'error', message: expect.stringContaining('the first seed must be a whole number') });
  });
});
