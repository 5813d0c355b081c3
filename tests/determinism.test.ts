import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { produce } from 'immer';
import { stateDigest } from '../engine/core/hash.ts';
import { testContext } from './helpers.ts';
import { replayGame, runGame, startGame } from '../engine/core/run.ts';
import { fullLog } from '../engine/core/state-log.ts';
import { applyAction, applyMoves, stateHash } from '../engine/core/engine.ts';
import { historicalController } from '../engine/core/controllers.ts';
import { occupancy } from '../engine/core/models/movement.ts';
import type { Action } from '../engine/core/actions/union.ts';
import type { GameState } from '../engine/core/types.ts';
import { keyedUniform, initRng } from '../engine/core/rng.ts';
import { runInWorker } from '../engine/node/workers/run-in-worker.ts';
import { workerScript } from '../engine/node/workers/script.ts';
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

  it('computes the same hash in a worker thread as in the main thread, started from the bundle or through tsx', async () => {
    // Batch workers start from a bundle of their modules; through tsx only if esbuild cannot bundle.
    expect((await workerScript(new URL('../engine/node/batch/worker.ts', import.meta.url))).url.protocol).toBe('data:');
    const seeds = ['1', '99'];
    for (const start of ['bundle', 'tsx'] as const) {
      const inWorker = await runInWorker('test-skirmish', seeds, undefined, start);
      expect(inWorker.map((w) => w.seed)).toEqual(seeds);
      for (const w of inWorker) {
        const here = runGame(ctx, { seed: w.seed, recordActions: false });
        expect(w.hash).toBe(here.finalHash);
        expect(w.turnHashes).toEqual(here.state.turnHashes);
      }
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
    const weather = (s: typeof quiet.state) => fullLog(s).filter((e) => e.kind === 'weather').map((e) => e.text);
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

  it('applies a run of moves in one draft as one by one, refusals and where units stand included', () => {
    // The movement phase of a big battle, and the moves the AI would make in it, with moves that
    // fail (a unit moved twice, a full hex, an enemy hex, a unit off the map) mixed in.
    const b4 = loadContext('battle-4');
    let s = runGame(b4, { seed: '2', turns: 2, recordActions: false }).state;
    const step = (a: Action) => { const r = applyAction(b4, s, a); if (r.ok) s = r.value; };
    while (s.phase !== 'orders') step({ type: 'endPhase' });
    for (const side of ['allied', 'german'] as const) for (const p of historicalController().propose(b4, () => s, side)) step(p.action);
    step({ type: 'endPhase' });
    expect(s.phase).toBe('movement');
    const proposed: Array<Extract<Action, { type: 'move' }>> = [];
    for (const side of ['allied', 'german'] as const) {
      for (const p of historicalController().propose(b4, () => s, side)) if (p.action.type === 'move') proposed.push(p.action);
    }
    expect(proposed.length).toBeGreaterThan(20);
    const occ = occupancy(b4.map, s);
    const enemyHex = (a: Extract<Action, { type: 'move' }>) => {
      const side = s.units[a.unit].side === 'allied' ? 1 : 0;
      return occ.side.findIndex((x) => x === side);
    };
    const odd = proposed.slice(0, 6).flatMap((a) => [
      { ...a },
      { type: 'move' as const, unit: a.unit, to: enemyHex(a) },
      { type: 'move' as const, unit: 'no-such-unit', to: a.to },
    ]);
    fc.assert(fc.property(fc.shuffledSubarray([...proposed, ...odd], { minLength: 2 }), (moves) => {
      let one = s;
      const refusedOne: Array<string | null> = [];
      for (const a of moves) {
        const r = applyAction(b4, one, a);
        refusedOne.push(r.ok ? null : r.reason);
        if (r.ok) one = r.value;
      }
      const all = applyMoves(b4, s, moves);
      expect(all.refused).toEqual(refusedOne);
      expect(stateHash(all.state)).toBe(stateHash(one));
      const fresh = occupancy(b4.map, { ...all.state, units: { ...all.state.units } });
      const kept = occupancy(b4.map, all.state);
      expect(Array.from(kept.side)).toEqual(Array.from(fresh.side));
      expect(Array.from(kept.men)).toEqual(Array.from(fresh.men));
    }), { numRuns: 25 });
  });

  it('digests equal values alike whatever their key order, and tells apart values that differ', () => {
    const reordered = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(reordered);
      if (v === null || typeof v !== 'object') return v;
      const out: Record<string, unknown> = {};
      // Defined, not assigned: an own "__proto__" key (JSON can have one) would set the prototype.
      for (const k of Object.keys(v).reverse()) {
        Object.defineProperty(out, k, { value: reordered((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
      }
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
    const tricky = [1, '1', 1.5, '1.5', true, 'true', null, 'null', 0, [], {}, [[]], [1, [2]], [[1], 2], { a: 1 }, { a: '1' }, { 'a': [1] }, '', 'ab', 'ba', 'a\u0000', { ab: 1 }, { a: 1, b: 2 }, { a: 2, b: 1 }, { '': {} }, { '': 1 }, { 'a\u0000': 1, b: 1 }, { a: 1, '\u0000b': 1 }];
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
