// Fire limits are rules of the reducer: no gun fires on a mountain hex next to which the firing
// side's own troops stand on the same crest (danger close), whether a player, the plan or the
// doctrine orders it. Point 593 from Snakeshead Ridge is the history's case.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadContext } from '../engine/node/files.ts';
import { produce } from 'immer';
import { GameSession, artilleryInRange, checkAction, hexIndex, previewAssault, startGame, unitsInHex } from '../engine/core/index.ts';
import { dangerCloseFrom, onRidge } from '../engine/core/fire-limits.ts';
import type { GameState } from '../engine/core/types.ts';

const ctx = loadContext('battle-2');

/** Battle 2 at the Allied player's first combat phase, nothing moved. */
function firstCombat(): GameState {
  const ses = new GameSession(ctx, { seed: '1', seats: { allied: { kind: 'player', phases: new Set(['movement', 'combat']) } } });
  ses.advance();
  ses.advance({ phase: true });
  expect(ses.state.phase).toBe('combat');
  return ses.state;
}
const s0 = firstCombat();
const p593 = hexIndex(ctx.map, 53, 51);

describe('danger close', () => {
  it('refuses the guns for the Royal Sussex on Point 593 from Snakeshead, saying why, and lets the infantry go in alone', () => {
    const guns = artilleryInRange(ctx, s0, 'allied', p593).map((u) => u.id);
    expect(guns.length).toBeGreaterThan(5);
    const reason = 'fire on hex 53,51 is danger close: allied troops at 54,50 stand on the same crest, within 250 m of the bursts';
    expect(checkAction(ctx, s0, { type: 'attack', units: ['uk-1-royal-sussex'], target: p593, artillery: guns })).toBe(reason);
    expect(checkAction(ctx, s0, { type: 'fireSupport', artillery: [guns[0]], target: p593 })).toBe(reason);
    expect(checkAction(ctx, s0, { type: 'attack', units: ['uk-1-royal-sussex'], target: p593 })).toBeNull();
  });

  it('lets the guns fire on Point 575, four hexes from the ridge', () => {
    const p575 = hexIndex(ctx.map, 50, 49);
    const guns = artilleryInRange(ctx, s0, 'allied', p575).map((u) => u.id);
    expect(checkAction(ctx, s0, { type: 'fireSupport', artillery: guns.slice(0, 2), target: p575 })).toBeNull();
  });

  it('accepts no fire on a hex next to own troops on its crest, for any target and guns (property)', () => {
    const targets = Object.values(s0.units).filter((u) => u.side === 'german' && u.status === 'active' && u.hex >= 0).map((u) => u.hex);
    fc.assert(fc.property(fc.constantFrom(...targets), fc.integer({ min: 1, max: 6 }), (t, n) => {
      const guns = artilleryInRange(ctx, s0, 'allied', t).slice(0, n).map((u) => u.id);
      if (!guns.length) return;
      const ok = checkAction(ctx, s0, { type: 'fireSupport', artillery: guns, target: t }) === null;
      expect(ok).toBe(dangerCloseFrom(ctx, s0, 'allied', t) < 0);
      expect(unitsInHex(s0, t).every((u) => u.side === 'german')).toBe(true);
    }), { numRuns: 60, seed: 21 });
  });
});

describe('danger close needs men on the skyline', () => {
  const b4 = loadContext('battle-4');
  const at = (c: number, r: number) => hexIndex(b4.map, c, r);

  it('holds the Royal Sussex\'s hex on Snakeshead for a ridge top and the 2e DIM\'s hillside below Monte Maio for none', () => {
    const drop = b4.params.fire.dangerClose.ridgeDropM;
    expect(onRidge(b4.map, at(54, 50), drop)).toBe(true);
    expect(onRidge(b4.map, at(49, 131), drop)).toBe(false);
  });

  it('lets the guns fire for an assault climbing a hillside onto a mountain post (battle 4, 13 May: 2e DIM)', () => {
    const s = startGame(b4, '1');
    const climb = produce(s, (d) => {
      d.units['fr-1-8-rtm'].hex = at(49, 131);
      d.units['de-pi-171'].hex = at(49, 130);
      d.phase = 'combat';
    });
    const guns = artilleryInRange(b4, climb, 'allied', at(49, 130)).slice(0, 3).map((u) => u.id);
    expect(guns.length).toBeGreaterThan(0);
    expect(dangerCloseFrom(b4, climb, 'allied', at(49, 130))).toBe(-1);
    expect(checkAction(b4, climb, { type: 'attack', units: ['fr-1-8-rtm'], target: at(49, 130), artillery: guns })).toBeNull();
  });
});

describe('the attack preview', () => {
  it('shows no guns allowed on Point 593 from Snakeshead and says why', () => {
    const p = previewAssault(ctx, s0, ['uk-1-royal-sussex'], p593);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.gunsAllowed).toEqual([]);
    expect(p.fireLimit).toBe('fire on hex 53,51 is danger close: allied troops at 54,50 stand on the same crest, within 250 m of the bursts');
  });
});

// Shipped off (fire.json dangerClose.answeringFire, with why); the trial file switches it on.
describe('danger close both ways (trial)', () => {
  const both = loadContext('battle-2', { params: 'engine/params/trials/danger-close-answering.json' });

  it('keeps the German guns off the Royal Sussex closing with Point 593 on its crest, and only there', () => {
    const off = previewAssault(ctx, s0, ['uk-1-royal-sussex'], p593, []);
    const on = previewAssault(both, s0, ['uk-1-royal-sussex'], p593, []);
    if (!off.ok || !on.ok) throw new Error('the assault itself is legal');
    // As shipped the paratroopers' guns answer the assault and weigh in the defence.
    expect(off.defenceGuns).toBeGreaterThan(0);
    // Both ways, they would burst among the paratroopers on 593 themselves: none answers.
    expect(on.defenceGuns).toBe(0);
    expect(on.answering).toEqual([]);
    expect(on.ratio).toBeGreaterThan(off.ratio);
    // The reason is the same rule read from the defender's side: his own men on 593, next to the Sussex's crest hex.
    expect(dangerCloseFrom(both, s0, 'german', hexIndex(ctx.map, 54, 50))).toBe(p593);
  });
});

// Shipped off (fire.json gunsPerKmFront 0); the trial file sets CDB90's densest European front.
describe('guns per km of front (trial)', () => {
  const capped = loadContext('battle-2', { params: 'engine/params/trials/guns-per-front.json' });
  const perKm = capped.params.fire.gunsPerKmFront.value;

  it('counts no more guns for an assault, on either side, than its front holds', () => {
    // The first legal one-battalion assault with every gun in range: German hex, Allied battalion next to it.
    const found = Object.values(s0.units).filter((u) => u.side === 'german' && u.status === 'active' && u.hex >= 0).flatMap((d) => {
      const guns = artilleryInRange(ctx, s0, 'allied', d.hex).map((u) => u.id);
      return Object.values(s0.units)
        .filter((u) => u.side === 'allied' && u.status === 'active' && u.hex >= 0 && ctx.scenario.unitById[u.id].type === 'infantry')
        .filter((u) => checkAction(ctx, s0, { type: 'attack', units: [u.id], target: d.hex, artillery: guns }) === null)
        .map((u) => ({ unit: u.id, target: d.hex, guns }));
    })[0];
    expect(found).toBeDefined();
    const { unit, target, guns } = found!;
    const all = guns.reduce((n, id) => n + s0.units[id].guns, 0);
    const off = previewAssault(ctx, s0, [unit], target, guns);
    const on = previewAssault(capped, s0, [unit], target, guns);
    if (!off.ok || !on.ok) throw new Error('the assault itself is legal');
    expect(all).toBeGreaterThan(perKm * 0.25);
    expect(off.attackGuns).toBe(all);
    // One hex of 250 m: a quarter of a km of front.
    expect(on.attackGuns).toBe(perKm * 0.25);
    expect(on.defenceGuns).toBeLessThanOrEqual(perKm * 0.25);
    expect(on.ratio).toBeLessThan(off.ratio);
  });
});
