// Invariants under any sequence of actions, legal or not (fast-check).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testContext } from './helpers.ts';
import { replayGame, runGame, startGame } from '../engine/core/run.ts';
import { historicalController, type Controller } from '../engine/core/controllers.ts';
import { applyAction, stateHash } from '../engine/core/engine.ts';
import type { Action } from '../engine/core/actions/union.ts';
import type { GameState } from '../engine/core/types.ts';

const ctx = testContext();
const unitIds = ctx.scenario.units.map((u) => u.id);
const initialMen = ctx.scenario.units.reduce((a, u) => a + u.men, 0);

const hexArb = fc.integer({ min: -2, max: ctx.map.size + 2 });
const unitArb = fc.constantFrom(...unitIds, 'no-such-unit');
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Action>({ type: 'endPhase' }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('move' as const), unit: unitArb, to: hexArb }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('attack' as const), units: fc.uniqueArray(unitArb, { minLength: 1, maxLength: 3 }), target: hexArb }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('fireSupport' as const), artillery: fc.uniqueArray(unitArb, { minLength: 1, maxLength: 2 }), target: hexArb }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('digIn' as const), unit: unitArb }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('rest' as const), unit: unitArb }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('releaseReserve' as const), units: fc.uniqueArray(unitArb, { minLength: 1, maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('relieve' as const), unit: unitArb, by: unitArb }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('buildBridge' as const), unit: unitArb, toward: hexArb }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('airStrike' as const), side: fc.constantFrom('allied' as const, 'german' as const), target: hexArb, aircraft: fc.integer({ min: 0, max: 300 }), tonnage: fc.integer({ min: 0, max: 1500 }), accuracy: fc.double({ min: 0, max: 1, noNaN: true }) }) },
);

/** Applies actions, and near each action an attack the AI would make, so that combat happens. */
function play(actions: Action[], seed: string, check: (before: GameState, after: GameState, a: Action, ok: boolean) => void): GameState {
  let s = startGame(ctx, seed);
  for (const a of actions) {
    const r = applyAction(ctx, s, a);
    check(s, r.ok ? r.value : s, a, r.ok);
    if (r.ok) s = r.value;
  }
  return s;
}

function invariants(s: GameState): void {
  let men = 0;
  const sideAt = new Map<number, string>();
  for (const u of Object.values(s.units)) {
    expect(u.men).toBeGreaterThanOrEqual(0);
    expect(u.tanks).toBeGreaterThanOrEqual(0);
    expect(u.cohesion).toBeGreaterThanOrEqual(0);
    expect(u.fatigue).toBeLessThanOrEqual(100);
    men += u.men;
    if (u.hex >= 0 && (u.status === 'active' || u.status === 'reserve')) {
      const other = sideAt.get(u.hex);
      expect(other === undefined || other === u.side, `two enemy units in hex ${u.hex}`).toBe(true);
      sideAt.set(u.hex, u.side);
    }
  }
  const lost = Object.values(s.losses).reduce((a, b) => a + b, 0);
  const arrived = Object.values(s.arrivals).reduce((a, b) => a + b, 0);
  expect(men).toBe(initialMen - lost + arrived);
}

describe('invariants under random action sequences', () => {
  it('never makes strength negative, conserves men and never puts enemies in one hex', () => {
    fc.assert(fc.property(fc.array(actionArb, { minLength: 1, maxLength: 120 }), fc.integer({ min: 1, max: 1000 }), (actions, seed) => {
      const end = play(actions, String(seed), (_b, after) => invariants(after));
      invariants(end);
    }), { numRuns: 60 });
  });

  it('rejects every illegal action without changing the state', () => {
    fc.assert(fc.property(fc.array(actionArb, { minLength: 1, maxLength: 80 }), (actions) => {
      play(actions, '3', (before, after, _a, ok) => {
        if (!ok) {
          expect(after).toBe(before);
        }
      });
    }), { numRuns: 60 });
    // And a few known-illegal actions, each with its reason.
    const s = startGame(ctx, '1');
    const cases: Array<[Action, RegExp]> = [
      [{ type: 'move', unit: 'us-1-141', to: 3 }, /not allowed in the weather phase/],
      [{ type: 'attack', units: ['ghost'], target: 1 }, /not allowed in the weather phase/],
    ];
    for (const [a, why] of cases) {
      const h = stateHash(s);
      const r = applyAction(ctx, s, a);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(why);
      expect(stateHash(s)).toBe(h);
    }
  });

  it('keeps the invariants through whole runs with random moves and attacks added to the plan', () => {
    const choice = fc.record({ unit: fc.nat(unitIds.length - 1), dir: fc.nat(5) });
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.array(choice, { minLength: 10, maxLength: 200 }), (seed, choices) => {
      let k = 0;
      const next = () => choices[k++ % choices.length];
      const chaos: Controller = {
        *propose(c, now, side) {
          yield* historicalController().propose(c, now, side);
          const s = now();
          if (s.phase !== 'movement' && s.phase !== 'combat') return;
          for (let i = 0; i < 6; i++) {
            const { unit, dir } = next();
            const u = now().units[unitIds[unit]];
            if (u.side !== side || u.hex < 0) continue;
            const n = c.map.neighbours[u.hex * 6 + dir];
            if (n < 0) continue;
            yield s.phase === 'movement'
              ? { source: 'player', action: { type: 'move', unit: u.id, to: n } }
              : { source: 'player', action: { type: 'attack', units: [u.id], target: n } };
          }
        },
      };
      let turns = 0;
      const run = runGame(ctx, { seed: String(seed), controllers: { allied: chaos, german: chaos }, onTurnEnd: (st) => { turns++; invariants(st); } });
      invariants(run.state);
      expect(turns).toBe(ctx.scenario.turns);
      const rep = replayGame(ctx, String(seed), run.actions, run.state.turnHashes);
      expect(rep.ok).toBe(true);
    }), { numRuns: 15 });
  });
});
