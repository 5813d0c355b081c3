import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { produce } from 'immer';
import { stateDigest } from '../engine/core/hash.ts';
import { testContext } from './helpers.ts';
import { replayGame, runGame, startGame } from '../engine/core/run.ts';
import { applyAction, stateHash } from '../engine/core/engine.ts';
import { keyedUniform, initRng } from '../engine/core/rng.ts';
import { runInWorker } from '../engine/node/workers/run-in-worker.ts';
import { loadContext } from '../engine/node/files.ts';
import { freezeStates } from '../engine/core/immer.ts';

const ctx = testContext();

describe('determinism', () => {
  it('gives the same hashes for the same seed, twice', () => {
    const a = runGame(ctx, { seed: '42' });
    const b = runGame(ctx, { seed: '42' });
    expect(a.state.turnHashes).toEqual(b.state.turnHashes);
    expect(a.finalHash).toBe(b.finalHash);
    expect(a.state.turnHashes).toHaveLength(ctx.scenario.turns);
  });

  it('gives different runs for different seeds', () => {
    const hashes = new Set(['1', '2', '3', '4'].map((seed) => runGame(ctx, { seed }).finalHash));
    expect(hashes.size).toBe(4);
  });

  it('replays a recorded run to the same hash, turn by turn', () => {
    const run = runGame(ctx, { seed: '7' });
    const rep = replayGame(ctx, '7', run.actions, run.state.turnHashes);
    expect(rep.ok).toBe(true);
    expect(rep.finalHash).toBe(run.finalHash);
    expect(rep.objectives).toEqual(run.objectives);
  });

  it('detects a replay that has been tampered with', () => {
    const run = runGame(ctx, { seed: '7' });
    const i = run.actions.findIndex((a) => a.action.type === 'attack');
    const actions = run.actions.filter((_, k) => k !== i);
    const rep = replayGame(ctx, '7', actions, run.state.turnHashes);
    expect(rep.ok).toBe(false);
    expect(rep.mismatch?.turn ?? rep.refused?.index).toBeDefined();
  });

  it('computes the same hash in a worker thread as in the main thread', async () => {
    const seeds = ['1', '99'];
    const inWorker = await runInWorker('test-skirmish', seeds);
    for (const w of inWorker) {
      const here = runGame(ctx, { seed: w.seed, recordActions: false });
      expect(w.hash).toBe(here.finalHash);
      expect(w.turnHashes).toEqual(here.state.turnHashes);
    }
  });

  it('keeps unrelated random draws when one decision changes (keyed streams)', () => {
    const rng = initRng('5');
    const a = keyedUniform(rng, 'combat', 't3/h100/n0');
    const b = keyedUniform(rng, 'combat', 't3/h100/n0');
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(keyedUniform(rng, 'combat', 't3/h101/n0')()).not.toBe(keyedUniform(rng, 'combat', 't3/h100/n0')());
    // The weather of a run does not depend on what the players decide.
    const quiet = runGame(ctx, { seed: '5', controllers: { allied: { *propose() {} }, german: { *propose() {} } } });
    const busy = runGame(ctx, { seed: '5' });
    const weather = (s: typeof quiet.state) => s.log.filter((e) => e.kind === 'weather').map((e) => e.text);
    expect(weather(quiet.state)).toEqual(weather(busy.state));
  });

  it('freezes every state so that an accidental mutation fails loudly', () => {
    const s = startGame(ctx, '1');
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.units['us-1-141'])).toBe(true);
    expect(() => { (s.units['us-1-141'] as { men: number }).men = 1; }).toThrow();
    const next = applyAction(ctx, s, { type: 'endPhase' });
    expect(next.ok && Object.isFrozen(next.value.weather)).toBe(true);
    expect(stateHash(s)).toBe(stateHash(startGame(ctx, '1')));
  });

  it('plays a battle the same with orders and fire applied a phase at a time as one by one, frozen or not', () => {
    // runGame applies runs of orders and fire missions in one draft; a replay applies each action
    // on its own. Battle 2 has both, and refusals among them.
    const b2 = loadContext('battle-2');
    const run = runGame(b2, { seed: '3' });
    expect(run.actions.filter((a) => a.action.type === 'fireSupport').length).toBeGreaterThan(20);
    const rep = replayGame(b2, '3', run.actions, run.state.turnHashes);
    expect(rep.ok).toBe(true);
    expect(rep.finalHash).toBe(run.finalHash);
    freezeStates(false);
    try {
      const loose = runGame(b2, { seed: '3', recordActions: false });
      expect(Object.isFrozen(loose.state)).toBe(false);
      expect(loose.state.turnHashes).toEqual(run.state.turnHashes);
    } finally {
      freezeStates(true);
    }
  });

  it('digests equal values alike whatever their key order, and tells apart values that differ', () => {
    const reordered = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(reordered);
      if (v === null || typeof v !== 'object') return v;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).reverse()) out[k] = reordered((v as Record<string, unknown>)[k]);
      return out;
    };
    fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
      expect(stateDigest(reordered(a))).toBe(stateDigest(a));
      expect(stateDigest({ x: a, y: undefined })).toBe(stateDigest({ x: a }));
      if (JSON.stringify(reordered(a)) !== JSON.stringify(reordered(b)) && JSON.stringify(a) !== JSON.stringify(b)) {
        expect(stateDigest(a)).not.toBe(stateDigest(b));
      }
    }), { numRuns: 300 });
    // Values of different kinds or shapes that a careless digest would confuse.
    const tricky = [1, '1', 1.5, '1.5', true, 'true', null, 'null', 0, [], {}, [[]], [1, [2]], [[1], 2], { a: 1 }, { a: '1' }, { 'a': [1] }, '', 'ab', 'ba', 'a\u0000', { ab: 1 }, { a: 1, b: 2 }, { a: 2, b: 1 }];
    expect(new Set(tricky.map((v) => stateDigest(v))).size).toBe(tricky.length);
  });

  it('digests a state the same whether its parts were digested before or not', () => {
    const s = startGame(ctx, '1');
    const before = stateDigest(s);
    const next = produce(s, (d) => { d.units['us-1-141'].men -= 1; });
    const fresh = JSON.parse(JSON.stringify(next));
    expect(stateDigest(next)).toBe(stateDigest(fresh));
    expect(stateDigest(next)).not.toBe(before);
    expect(stateDigest(s)).toBe(before);
  });
});
