// A supply trace repaired from an earlier one must hold exactly the costs a search from scratch
// finds: on every turn of a battle (from the turn before, and from two turns before, which is the
// other of day and night), and for any changes to a network (property).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadContext } from '../engine/node/files.ts';
import { playTurn, startGame } from '../engine/core/run.ts';
import { supplyNetwork } from '../engine/core/models/supply.ts';
import { type SupplyNetwork, changedHexes, positiveSteps, repairSupply, searchSupply } from '../engine/core/models/supply-search.ts';
import type { GameState } from '../engine/core/types.ts';
import { UNREACHABLE } from '../engine/core/models/movement-rules.ts';

const differ = (a: Int32Array, b: Int32Array) => a.findIndex((x, h) => x !== b[h]);

/** The costs `after` gets repaired from `before`'s (undefined: more than `most` hexes changed). */
function repaired(before: SupplyNetwork, after: SupplyNetwork, most = Infinity): Int32Array | undefined {
  const changed = changedHexes(before, after, most);
  if (!changed) return undefined;
  const cost = searchSupply(before);
  repairSupply(after, cost, changed);
  return cost;
}

describe('supply traces repaired', () => {
  it('hold the costs of a search from scratch on every turn of battle 4, from one and from two turns before', () => {
    const ctx = loadContext('battle-4');
    const { map, params: P, scenario } = ctx;
    const nets: Array<Record<'allied' | 'german', SupplyNetwork>> = [];
    let s: GameState = startGame(ctx, '3');
    let repairs = 0;
    let changes = 0;
    while (!s.finished) {
      s = playTurn(ctx, s);
      const now = { allied: supplyNetwork(map, P.movement, P.supply, scenario, s, 'allied'), german: supplyNetwork(map, P.movement, P.supply, scenario, s, 'german') };
      for (const side of ['allied', 'german'] as const) {
        const fresh = searchSupply(now[side]);
        expect(positiveSteps(now[side])).toBe(true);
        for (const back of [1, 2]) {
          const before = nets[nets.length - back]?.[side];
          if (!before) continue;
          changes += changedHexes(before, now[side], Infinity)!.length;
          expect(differ(repaired(before, now[side])!, fresh)).toBe(-1);
          repairs++;
        }
      }
      nets.push(now);
    }
    expect(repairs).toBeGreaterThan(40);
    // The turns changed the networks (a repair with nothing to do would prove little).
    expect(changes).toBeGreaterThan(1000);
  });

  it('hold the costs of a search from scratch after any changes of hexes and steps (property)', () => {
    const ctx = loadContext('battle-4');
    const { map, params: P, scenario } = ctx;
    const s = playTurn(ctx, startGame(ctx, '1'));
    const base = supplyNetwork(map, P.movement, P.supply, scenario, s, 'allied');
    const baseCost = searchSupply(base);
    // Hexes near the network's cheapest paths matter most: changes are drawn among hexes it reaches.
    const reached = [...baseCost.keys()].filter((h) => baseCost[h] < UNREACHABLE);
    const hexChange = fc.tuple(fc.constantFrom(...reached), fc.integer({ min: 0, max: 2 }));
    const stepChange = fc.tuple(fc.constantFrom(...reached), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 400 }));
    fc.assert(fc.property(fc.array(hexChange, { maxLength: 60 }), fc.array(stepChange, { maxLength: 20 }), (hexes, steps) => {
      const open = base.open.slice();
      for (const [h, o] of hexes) open[h] = o;
      const after: SupplyNetwork = { ...base, open };
      if (steps.length) {
        after.plain = base.plain.slice();
        after.observed = base.observed.slice();
        after.buckets = Math.max(base.buckets, 1024);
        for (const [h, d, c] of steps) { after.plain[h * 6 + d] = c; after.observed[h * 6 + d] = 2 * c; }
      }
      const cost = baseCost.slice();
      repairSupply(after, cost, changedHexes(base, after, Infinity)!);
      expect(differ(cost, searchSupply(after))).toBe(-1);
    }), { numRuns: 60, seed: 7 });
  });

  it('decline a repair when more hexes changed than asked', () => {
    const ctx = loadContext('battle-4');
    const { map, params: P, scenario } = ctx;
    const s = startGame(ctx, '1');
    const base = supplyNetwork(map, P.movement, P.supply, scenario, s, 'allied');
    const open = base.open.map((o) => (o ? 0 : 1));
    expect(repaired(base, { ...base, open }, 100)).toBeUndefined();
  });
});
