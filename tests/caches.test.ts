// The engine's speed caches (cost tables shared between runs with the same changed hexes, goal
// fields kept per cost table and goal and searched further on demand, the bucket queue) must never
// change a result: a game played alongside others in one process gives the hashes it gives alone,
// a run after clearCaches() gives the hashes of a warm one, and a reused goal field holds the
// exact costs a fresh search finds. Every module-level cache of the core is described in
// engine/core/caches.ts, so that none is added without saying why it is safe.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDraft, produce } from 'immer';
import { peekAll } from '../engine/core/immer.ts';
import { testContext } from './helpers.ts';
import { listScenarios, loadContext } from '../engine/node/files.ts';
import { playTurn, startGame } from '../engine/core/run.ts';
import { UNREACHABLE, costTable, goalField } from '../engine/core/models/movement.ts';
import { BucketQueue } from '../engine/core/models/bucket-queue.ts';
import { MovingOccupancy, occupancy } from '../engine/core/models/occupancy.ts';
import { supplyCosts } from '../engine/core/models/supply.ts';
import { unitsInHex } from '../engine/core/attack.ts';
import { GameSession } from '../engine/core/session.ts';
import { runGame } from '../engine/core/run.ts';
import { stateHash, turnHash } from '../engine/core/engine.ts';
import type { EngineContext } from '../engine/core/context.ts';
import type { GameState } from '../engine/core/types.ts';
import { runInWorker } from '../engine/node/workers/run-in-worker.ts';
import { CACHES, type CacheInfo, clearCaches, hookedCaches } from '../engine/core/caches.ts';
import '../engine/core/index.ts';
import { GOLDEN_SPECS, goldenDir, goldenText, playGolden } from './golden/golden.ts';


/** Reference: a plain reverse Dijkstra over the allied cost table of a state, settling the whole map. */
function exactField(ctx: EngineContext, state: GameState, mode: 'foot' | 'vehicle', goal: number): Int32Array {
  const { map } = ctx;
  const table = costTable(map, ctx.params.movement, state, mode, 'allied');
  const dist = new Int32Array(map.size).fill(UNREACHABLE);
  const done = new Uint8Array(map.size);
  dist[goal] = 0;
  for (;;) {
    let h = -1;
    for (let i = 0; i < map.size; i++) if (!done[i] && dist[i] < UNREACHABLE && (h < 0 || dist[i] < dist[h])) h = i;
    if (h < 0) return dist;
    done[h] = 1;
    for (let d = 0; d < 6; d++) {
      const n = map.neighbours[h * 6 + d];
      if (n < 0) continue;
      const step = table[n * 6 + ((d + 3) % 6)];
      if (step < UNREACHABLE && dist[h] + step < dist[n]) dist[n] = dist[h] + step;
    }
  }
}

describe('speed caches', () => {
  it('give two battles on the same map, played turn about in one process, the hashes each gives alone', async () => {
    const [alone2] = await runInWorker('battle-2', ['3']);
    const [alone3] = await runInWorker('battle-3', ['3'], 12);
    const c2 = loadContext('battle-2');
    const c3 = loadContext('battle-3');
    const skirmish = testContext();
    let a = startGame(c2, '3');
    let b = startGame(c3, '3');
    let t = startGame(skirmish, '3');
    for (let turn = 0; turn < 12; turn++) {
      a = playTurn(c2, a);
      t = playTurn(skirmish, t);
      b = playTurn(c3, b);
    }
    expect(a.turnHashes).toEqual(alone2.turnHashes);
    expect(b.turnHashes).toEqual(alone3.turnHashes);
  });

  it('keep goal fields exact for every hex needed so far, however the requests come', () => {
    const ctx = testContext();
    const { map } = ctx;
    const p = ctx.params.movement;
    const state = startGame(ctx, '1');
    const exact = (mode: 'foot' | 'vehicle', goal: number) => exactField(ctx, state, mode, goal);
    const hex = fc.integer({ min: 0, max: map.size - 1 });
    fc.assert(fc.property(
      fc.constantFrom('foot' as const, 'vehicle' as const), hex, fc.array(fc.array(hex, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
      (mode, goal, requests) => {
        const want = exact(mode, goal);
        let far = 0;
        for (const needed of requests) {
          const field = goalField(map, p, state, mode, 'allied', goal, needed);
          for (const h of needed) far = Math.max(far, want[h]);
          // Exact wherever the true cost is within the farthest hex needed; a bound no lower elsewhere.
          for (let h = 0; h < map.size; h++) {
            if (want[h] <= far) expect(field[h]).toBe(want[h]);
            else expect(field[h]).toBeGreaterThanOrEqual(want[h]);
          }
        }
      },
    ), { numRuns: 60 });
  });

  it('keep goal fields exact on later tables of the same ground once a search has found the hexes that cannot reach the goal', () => {
    // Two daytime states that differ only in what the enemy observes: the same passable steps, other
    // costs. A search that ran out (a needed hex cannot reach the goal) on the first tells later
    // searches on the second which hexes need not be looked for; the second must still be exact.
    const ctx = testContext();
    const { map } = ctx;
    const p = ctx.params.movement;
    const start = startGame(ctx, '1');
    const day = (seen: (h: number) => boolean) => produce(start, (d) => {
      d.weather.visibility = 100;
      d.observed.german = Array.from({ length: map.size }, (_, h) => (seen(h) ? '1' : '0')).join('');
    });
    const exact = (state: typeof start, mode: 'foot' | 'vehicle', goal: number) => exactField(ctx, state, mode, goal);
    const hex = fc.integer({ min: 0, max: map.size - 1 });
    let unreachableSeen = 0;
    fc.assert(fc.property(
      fc.constantFrom('foot' as const, 'vehicle' as const), hex, fc.array(hex, { minLength: 1, maxLength: 4 }), fc.integer({ min: 2, max: 7 }),
      (mode, goal, needed, k) => {
        const a = day((h) => h % k === 0);
        const b = day((h) => h % (k + 1) === 1);
        const wantA = exact(a, mode, goal);
        const wantB = exact(b, mode, goal);
        if (needed.some((h) => wantA[h] === UNREACHABLE)) unreachableSeen++;
        goalField(map, p, a, mode, 'allied', goal, needed);
        const field = goalField(map, p, b, mode, 'allied', goal, needed);
        let far = 0;
        for (const h of needed) if (wantB[h] < UNREACHABLE) far = Math.max(far, wantB[h]);
        for (let h = 0; h < map.size; h++) {
          if (wantB[h] === UNREACHABLE) expect(field[h]).toBe(UNREACHABLE);
          else if (wantB[h] <= far) expect(field[h]).toBe(wantB[h]);
          else expect(field[h]).toBeGreaterThanOrEqual(wantB[h]);
        }
      },
    ), { numRuns: 40 });
    // The vehicle mode cannot cross the skirmish's river unbridged: some requests hold such hexes.
    expect(unreachableSeen).toBeGreaterThan(0);
  });

  it('trace supply as a search from scratch does, on every turn, repaired from the traces kept, kept or fresh', () => {
    const differ = (a: Int32Array, b: Int32Array) => a.findIndex((x, h) => x !== b[h]);
    for (const id of ['test-skirmish', 'battle-4']) {
      const ctx = loadContext(id);
      const { map, params: P, scenario } = ctx;
      let s = startGame(ctx, '1');
      while (!s.finished) {
        s = playTurn(ctx, s);
        for (const side of ['allied', 'german'] as const) {
          // The traces kept are the game's, then those of the turns before (caches emptied below).
          const warm = supplyCosts(map, P.movement, P.supply, scenario, s, side);
          const kept = supplyCosts(map, P.movement, P.supply, scenario, s, side);
          clearCaches();
          const fresh = supplyCosts(map, P.movement, P.supply, scenario, s, side);
          expect([differ(warm, fresh), differ(kept, fresh)]).toEqual([-1, -1]);
        }
      }
    }
  });

  it('index units by hex, worked out from the last record indexed, as a fresh index does, after every action', () => {
    const ctx = loadContext('battle-4');
    const hexesOf = (s: GameState) => [...new Set(Object.values(s.units).map((u) => u.hex))].sort((a, b) => a - b);
    const lists = (s: GameState) => hexesOf(s).map((h) => unitsInHex(s, h).map((u) => u.id).join(','));
    let turns = 0;
    const session = new GameSession(ctx, { seed: '2', turns: 6, onTurnEnd: () => { turns++; } });
    session.advance();
    // Replay the run's actions one at a time, asking after each for the index worked out from the last.
    const replay = new GameSession(ctx, { seed: '2', recordActions: false });
    let checked = 0;
    for (const a of session.actions) {
      replay.act(a.action, a.source);
      const warm = lists(replay.state);
      clearCaches();
      // The fresh index is now the last one: the next state's is worked out from it.
      expect(warm).toEqual(lists(replay.state));
      checked++;
    }
    expect(turns).toBe(6);
    expect(checked).toBeGreaterThan(100);
  });

  it('index units by hex through many records in a row, each worked out from the last, as a scan of the units finds them', () => {
    const ctx = loadContext('battle-4');
    const session = new GameSession(ctx, { seed: '1', turns: 4 });
    session.advance();
    const replay = new GameSession(ctx, { seed: '1', recordActions: false });
    const scan = (s: GameState, h: number) => Object.values(s.units).filter((u) => u.hex === h && (u.status === 'active' || u.status === 'reserve'))
      .map((u) => u.id).sort().join(',');
    let checked = 0;
    for (const a of session.actions) {
      const before = replay.state;
      replay.act(a.action, a.source);
      // The hexes anyone stands in before or after the action, asked of the index of each state in turn (no cache emptied).
      const hexes = new Set([...Object.values(before.units), ...Object.values(replay.state.units)].map((u) => u.hex).filter((h) => h >= 0));
      for (const h of hexes) expect(unitsInHex(replay.state, h).map((u) => u.id).join(',')).toBe(scan(replay.state, h));
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('count where units stand after any moves, at the hexes each move left and entered, as a count of every unit does', () => {
    const ctx = loadContext('battle-4');
    let s = startGame(ctx, '1');
    for (let t = 0; t < 3; t++) s = playTurn(ctx, s);
    const ids = Object.keys(s.units);
    // Moves of any units (on the map, off it, destroyed or in reserve alike) to any hexes, some
    // into hexes others hold or leave, some off the map and back.
    const move = fc.tuple(fc.integer({ min: 0, max: ids.length - 1 }), fc.oneof(fc.integer({ min: -1, max: ctx.map.size - 1 }), fc.integer({ min: 0, max: ids.length - 1 }).map((k) => s.units[ids[k]].hex)));
    fc.assert(fc.property(fc.array(move, { minLength: 1, maxLength: 40 }), (moves) => {
      const moving = new MovingOccupancy(ctx.map, s);
      const units = { ...s.units };
      for (const [k, to] of moves) {
        expect(moving.unit(ids[k])).toBe(units[ids[k]]);
        moving.move(units[ids[k]] = { ...units[ids[k]], hex: to });
        const fresh = occupancy(ctx.map, { ...s, units: { ...units } });
        // The first hex where the two counts differ (-1: none); a 19,600-hex toEqual per move is slow.
        const differ = fresh.side.findIndex((x, h) => x !== moving.occ.side[h] || fresh.men[h] !== moving.occ.men[h]);
        expect(differ).toBe(-1);
      }
    }), { numRuns: 30 });
  });

  it('count where units stand in a draft, after any changes to it, as in the state it becomes, without drafting a unit', () => {
    const ctx = loadContext('battle-4');
    let s = startGame(ctx, '1');
    for (let t = 0; t < 3; t++) s = playTurn(ctx, s);
    const ids = Object.keys(s.units);
    const statuses = ['active', 'reserve', 'destroyed', 'offmap'] as const;
    const change = fc.tuple(fc.integer({ min: 0, max: ids.length - 1 }), fc.integer({ min: -1, max: ctx.map.size - 1 }), fc.constantFrom(...statuses), fc.integer({ min: 0, max: 900 }));
    fc.assert(fc.property(fc.array(change, { maxLength: 30 }), (changes) => {
      let inDraft: ReturnType<typeof occupancy> | undefined;
      let drafted = 0;
      const after = produce(s, (d) => {
        for (const [k, hex, status, men] of changes) Object.assign(d.units[ids[k]], { hex, status, men });
        const touched = new Set(changes.map(([k]) => ids[k]));
        inDraft = occupancy(ctx.map, d);
        drafted = ids.filter((id) => !touched.has(id) && isDraft(Reflect.getOwnPropertyDescriptor(d.units, id)!.value)).length;
        // What it read the units from: each as peek() reads it through the draft.
        const all = peekAll(d.units);
        expect(ids.filter((id) => all[id] !== Reflect.getOwnPropertyDescriptor(d.units, id)!.value)).toEqual([]);
      });
      const fresh = occupancy(ctx.map, { ...after, units: { ...after.units } });
      expect(drafted).toBe(0);
      expect(fresh.side.findIndex((x, h) => x !== inDraft!.side[h] || fresh.men[h] !== inDraft!.men[h])).toBe(-1);
    }), { numRuns: 30 });
  });

  it('keep state digests equal to a digest worked out afresh, on every turn of every scenario', () => {
    for (const id of listScenarios()) {
      const ctx = loadContext(id);
      let turns = 0;
      runGame(ctx, {
        seed: '1', recordActions: false,
        onTurnEnd: (s) => {
          // A copy shares no object with the state, so nothing kept for the state's parts is used.
          const copy = structuredClone(s);
          expect([turnHash(s), stateHash(s)]).toEqual([turnHash(copy), stateHash(copy)]);
          turns++;
        },
      });
      expect(turns).toBe(ctx.scenario.turns);
    }
  });

  it('pop bucket-queue entries in order of priority, every one pushed', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 1000 })), { maxLength: 200 }), (steps) => {
      // Dijkstra's pattern: each push is at most 63 above the priority last popped.
      const q = new BucketQueue(64);
      const pushed: string[] = [];
      const popped: string[] = [];
      let last = 0;
      for (const [dk, v] of steps) {
        q.push(q.last + dk, v);
        pushed.push(`${q.last + dk}:${v}`);
        if (v % 3 === 0) {
          const x = q.pop();
          expect(q.last).toBeGreaterThanOrEqual(last);
          last = q.last;
          popped.push(`${q.last}:${x}`);
        }
      }
      while (q.size) {
        const x = q.pop();
        expect(q.last).toBeGreaterThanOrEqual(last);
        last = q.last;
        popped.push(`${q.last}:${x}`);
      }
      expect(popped.sort()).toEqual(pushed.sort());
    }));
    const q = new BucketQueue(16);
    expect(() => q.push(16, 1)).toThrow(/out of range/);
  });
});

const CORE = 'engine/core';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/**
 * Module-level state that can hold entries between calls: every `let`, and every `const` made an
 * empty Map, WeakMap, Set or array, or an object of arrays. A declaration whose comment above says
 * `Not a cache` is left out.
 */
function moduleLevelState(): Array<{ module: string; variable: string }> {
  const out: Array<{ module: string; variable: string }> = [];
  for (const file of sourceFiles(CORE)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const m = /^(?:export )?(const|let) (\w+)\b[^=]*(?:=\s*(.*))?$/.exec(line);
      if (!m) return;
      const [, kind, variable, init = ''] = m;
      const holds = kind === 'let' || /^new (Weak)?Map\b/.test(init) || /^new Set(<.*>)?\(\)/.test(init) || /^\[\];/.test(init) || /^\{.*\[\].*\};/.test(init);
      if (!holds) return;
      let j = i - 1;
      while (j >= 0 && /^\s*(\/\/|\/\*|\*)|^(export )?(const|let) /.test(lines[j]) && !/not a cache/i.test(lines[j])) j--;
      if (j >= 0 && /not a cache/i.test(lines[j])) return;
      out.push({ module: relative(CORE, file).replaceAll('\\', '/'), variable });
    });
  }
  return out;
}

describe('the cache registry (engine/core/caches.ts)', () => {
  const described = Object.values(CACHES as Record<string, CacheInfo>).flatMap((c) => c.variables.map((v) => `${c.module} ${v}`));

  it('describes every module-level cache in engine/core, and none that is gone', () => {
    const found = moduleLevelState().map((x) => `${x.module} ${x.variable}`);
    expect(found.filter((x) => !described.includes(x)), 'module-level state no entry describes').toEqual([]);
    expect(described.filter((x) => !found.includes(x)), 'entries for variables no longer there').toEqual([]);
  });

  it('can empty every cache but those whose module says why it need not', () => {
    const entries = Object.entries(CACHES as Record<string, CacheInfo>);
    const hooked = hookedCaches();
    expect(entries.filter(([name, c]) => !c.unhooked && !hooked.includes(name as never)).map(([name]) => name)).toEqual([]);
    for (const [, c] of entries) expect(c.keysOn.length > 0 && c.safe.length > 0).toBe(true);
  });

  it('gives, after clearCaches(), the golden hashes a warm run gives', () => {
    const spec = GOLDEN_SPECS.find((g) => g.name === 'battle-2.s1')!;
    const pinned = readFileSync(`${goldenDir}${spec.name}.json`, 'utf8');
    playGolden(spec);
    const warm = goldenText(playGolden(spec).record);
    clearCaches();
    const cold = goldenText(playGolden(spec).record);
    expect(warm).toBe(pinned);
    expect(cold).toBe(pinned);
  });

  it('gives the golden turn hashes when the caches are emptied before every turn', () => {
    const spec = GOLDEN_SPECS.find((g) => g.name === 'battle-2.s1')!;
    const pinned = JSON.parse(readFileSync(`${goldenDir}${spec.name}.json`, 'utf8')) as { turnHashes: string[] };
    const ctx = loadContext(spec.scenario);
    let s = startGame(ctx, spec.seed);
    while (!s.finished) {
      clearCaches();
      s = playTurn(ctx, s);
    }
    expect(s.turnHashes).toEqual(pinned.turnHashes);
  });
});
