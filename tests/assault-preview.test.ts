// The odds a player is shown before an assault are the odds the assault is fought at: every
// attack of whole runs is previewed from the state it was ordered in, then applied, and the
// result's ratio is the preview's. The preview's likely result brackets what happens, it names
// the guns the rules allow, it refuses what the reducer refuses, and it changes nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction, formatRatio, previewAssault, runGame, startGame, stateHash } from '../engine/core/index.ts';
import type { Action, GameState, LoggedAction } from '../engine/core/index.ts';
import { testContext } from './helpers.ts';

const ctx = testContext();

/** Replays a run's actions; calls `at` with the state before each attack and the state after it. */
function eachAttack(seed: string, at: (before: GameState, a: Extract<Action, { type: 'attack' }>, after: GameState) => void): number {
  const rec = runGame(ctx, { seed });
  let s = startGame(ctx, seed);
  let n = 0;
  for (const { action } of rec.actions as LoggedAction[]) {
    const r = applyAction(ctx, s, action);
    if (!r.ok) continue;
    if (action.type === 'attack') { at(s, action, r.value); n++; }
    s = r.value;
  }
  return n;
}

describe('previewAssault', () => {
  it('shows the ratio each assault of a run is then fought at, and changes nothing', () => {
    let checked = 0;
    for (const seed of ['1', '2', '3']) {
      checked += eachAttack(seed, (before, a, after) => {
        const hash = stateHash(before);
        const p = previewAssault(ctx, before, a.units, a.target, a.artillery ?? [], 8);
        expect(p.ok).toBe(true);
        if (!p.ok) return;
        const event = after.log.filter((e) => e.kind === 'combat' && e.hex === a.target).at(-1)!;
        expect(event.data!.ratio).toBe(Math.round(p.ratio * 1000) / 1000);
        expect(event.data!.attackGuns).toBe(p.attackGuns);
        expect(event.data!.defenceGuns).toBe(p.defenceGuns);
        expect(event.data!.attackMen).toBe(p.attackMen);
        expect(stateHash(before)).toBe(hash);
      });
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('gives a likely result as a range that brackets the losses of most assaults', () => {
    let inside = 0; let total = 0;
    eachAttack('5', (before, a, after) => {
      const p = previewAssault(ctx, before, a.units, a.target, a.artillery ?? []);
      if (!p.ok) return;
      expect(p.attackerLosses.low).toBeLessThanOrEqual(p.attackerLosses.median);
      expect(p.attackerLosses.median).toBeLessThanOrEqual(p.attackerLosses.high);
      expect(p.winChance).toBeGreaterThanOrEqual(0);
      expect(p.winChance).toBeLessThanOrEqual(1);
      const lost = Number(after.log.filter((e) => e.kind === 'combat' && e.hex === a.target).at(-1)!.data!.attackerLosses);
      // A 10-90 % range: the real losses fall inside it about four times in five.
      if (lost >= p.attackerLosses.low && lost <= p.attackerLosses.high) inside++;
      total++;
    });
    expect(total).toBeGreaterThan(0);
    expect(inside / total).toBeGreaterThanOrEqual(0.5);
  });

  it('lists only batteries the rules let fire (in range, with a mission left), and refuses what the reducer refuses', () => {
    eachAttack('1', (before, a) => {
      const p = previewAssault(ctx, before, a.units, a.target, [], 2);
      if (!p.ok) return;
      for (const g of p.gunsAllowed) {
        const with1: Action = { type: 'attack', units: a.units, target: a.target, artillery: [g.id] };
        expect(applyAction(ctx, before, with1).ok).toBe(true);
      }
    });
    const s = startGame(ctx, '1');
    const p = previewAssault(ctx, s, ['us-1-141'], 3);
    expect(p).toEqual({ ok: false, reason: expect.stringMatching(/not allowed in the weather phase/) });
  });
});

describe('formatRatio', () => {
  it('prints two significant figures', () => {
    expect(formatRatio(0.4321)).toBe('0.43');
    expect(formatRatio(1.234)).toBe('1.2');
    expect(formatRatio(12.7)).toBe('13');
    expect(formatRatio(3)).toBe('3');
  });
  it('never prints more than two significant digits for any positive ratio', () => {
    fc.assert(fc.property(fc.double({ min: 1e-4, max: 1e4, noNaN: true }), (r) => {
      const digits = formatRatio(r).replace(/^0\.0*/, '').replace(/[.]/g, '').replace(/0+$/, '');
      expect(digits.length).toBeLessThanOrEqual(2);
    }));
  });
});
