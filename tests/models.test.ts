import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { testContext } from './helpers.ts';
import { startGame } from '../engine/core/run.ts';
import { fullLog } from '../engine/core/state-log.ts';
import { hexIndex } from '../engine/core/map.ts';
import { UNREACHABLE, isBridged, occupancy, reachable, stepCost } from '../engine/core/models/movement.ts';
import { supplyCosts, supplyPercent } from '../engine/core/models/supply.ts';
import { nextWeather, climatologyCondition } from '../engine/core/models/weather.ts';
import { encodeObserved, isObserved, observedHexes } from '../engine/core/models/observation.ts';
import fc from 'fast-check';
import { buildEngagement, postureOf } from '../engine/core/attack.ts';
import { resolveEngagement } from '../engine/core/models/combat.ts';
import { toMinutes } from '../engine/core/time.ts';
import { applyAction } from '../engine/core/engine.ts';
import { setControl } from '../engine/core/control.ts';
import { keyedUniform } from '../engine/core/rng.ts';
import type { GameState, WeatherState } from '../engine/core/types.ts';

const ctx = testContext();
const map = ctx.map;
const P = ctx.params;
const h = (col: number, row: number) => hexIndex(map, col, row);
const dirTo = (a: number, b: number) => map.neighbours.subarray(a * 6, a * 6 + 6).indexOf(b);

function withWeather(s: GameState, w: Partial<WeatherState>): GameState {
  return produce(s, (d) => { Object.assign(d.weather, w); });
}

describe('terrain and movement', () => {
  const s0 = withWeather(startGame(ctx, '1'), { ground: 'dry', riverLevel: 0, visibility: 100 });

  it('makes a river crossing dearer than open ground', () => {
    const open = stepCost(map, P.movement, s0, 'foot', 'allied', h(10, 3), dirTo(h(10, 3), h(9, 3)));
    const ford = stepCost(map, P.movement, s0, 'foot', 'allied', h(8, 3), dirTo(h(8, 3), h(7, 3)));
    const deep = stepCost(map, P.movement, s0, 'foot', 'allied', h(8, 11), dirTo(h(8, 11), h(7, 11)));
    expect(ford).toBeGreaterThan(open * 5);
    expect(deep).toBeGreaterThan(ford);
  });

  it('stops tanks at an unbridged river, and lets them cross once it is bridged', () => {
    const a = h(8, 3);
    const d = dirTo(a, h(7, 3));
    expect(stepCost(map, P.movement, s0, 'vehicle', 'allied', a, d)).toBe(UNREACHABLE);
    const bridged = produce(s0, (s) => { s.hexes[a] = { bridges: [d] }; });
    expect(stepCost(map, P.movement, bridged, 'vehicle', 'allied', a, d)).toBeLessThan(UNREACHABLE);
  });

  it('slows movement off the roads in mud, but not on them', () => {
    const mud = withWeather(s0, { ground: 'mud' });
    const off = [h(12, 3), dirTo(h(12, 3), h(11, 3))] as const;
    const road = [h(12, 6), dirTo(h(12, 6), h(11, 6))] as const;
    expect(stepCost(map, P.movement, mud, 'foot', 'allied', ...off)).toBeGreaterThan(stepCost(map, P.movement, s0, 'foot', 'allied', ...off));
    expect(stepCost(map, P.movement, mud, 'foot', 'allied', ...road)).toBe(stepCost(map, P.movement, s0, 'foot', 'allied', ...road));
  });

  it('makes the flooded valley floor impassable to tanks off the tracks', () => {
    expect(stepCost(map, P.movement, s0, 'vehicle', 'allied', h(10, 10), dirTo(h(10, 10), h(9, 10)))).toBe(UNREACHABLE);
  });

  it('ends movement next to the enemy (zone of control) and never enters an enemy hex', () => {
    const s = produce(s0, (d) => { d.units['us-751-tk'].mp = 800; d.units['us-1-143'].mp = 800; });
    const occ = occupancy(map, s);
    const r = reachable(map, P.movement, s, s.units['us-1-143'], 'infantry', occ);
    expect(r.costOf(s.units['de-3-104'].hex)).toBe(UNREACHABLE);
  });
});

describe('weather', () => {
  it('follows the historical record where there is one', () => {
    const w = nextWeather(P.weather, ctx.scenario.weather, toMinutes('1944-01-20T18:00'), null, 0.99, 0.99);
    expect(w.condition).toBe('heavy-rain');
    expect(w.historical).toBe(true);
    expect(w.air).toBe(false);
  });

  it('turns the ground to mud after rain and dries it in fine weather', () => {
    let w: WeatherState | null = null;
    const rainy = [{ from: toMinutes('1944-01-01T00:00'), to: toMinutes('1945-01-01T00:00'), condition: 'heavy-rain' as const }];
    for (let t = 0; t < 3; t++) w = nextWeather(P.weather, rainy, toMinutes('1944-02-01T06:00') + t * 720, w, 0, 0);
    expect(w!.ground).toBe('mud');
    expect(w!.riverLevel).toBeGreaterThan(0);
    const fine = [{ from: toMinutes('1944-01-01T00:00'), to: toMinutes('1945-01-01T00:00'), condition: 'clear' as const }];
    for (let t = 0; t < 8; t++) w = nextWeather(P.weather, fine, toMinutes('1944-02-03T06:00') + t * 720, w, 0, 0);
    expect(w!.ground).toBe('dry');
  });

  it('keeps weather in spells (persistence) and draws May finer than January', () => {
    expect(climatologyCondition(P.weather, 1, 'heavy-rain', 0.1, 0.0)).toBe('heavy-rain');
    let fineJan = 0;
    let fineMay = 0;
    for (let i = 0; i < 1000; i++) {
      const u = (i + 0.5) / 1000;
      if (climatologyCondition(P.weather, 1, null, 1, u) === 'clear') fineJan++;
      if (climatologyCondition(P.weather, 5, null, 1, u) === 'clear') fineMay++;
    }
    expect(fineMay).toBeGreaterThan(fineJan * 2);
  });
});

describe('observation and supply', () => {
  it('writes what a side observes as one character a hex that isObserved reads back', () => {
    fc.assert(fc.property(fc.uint8Array({ min: 0, max: 1, maxLength: 20000 }), (seen) => {
      const text = encodeObserved(seen);
      expect(text.length).toBe(seen.length);
      const state = { observed: { allied: text, german: '' } } as unknown as GameState;
      for (let h = 0; h < seen.length; h++) if (isObserved(state, 'allied', h) !== (seen[h] === 1)) expect.fail(`hex ${h}`);
      expect(/^[01]*$/.test(text)).toBe(true);
    }), { numRuns: 30 });
  });

  const s0 = withWeather(startGame(ctx, '1'), { ground: 'dry', visibility: 100 });

  it('lets the side holding the hill observe the valley, and darkness take that away', () => {
    const german = observedHexes(map, P.observation, s0, 'german');
    expect(german[h(14, 6)]).toBe(1);
    const night = withWeather(s0, { visibility: 20 });
    expect(observedHexes(map, P.observation, night, 'german')[h(14, 6)]).toBe(0);
  });

  it('supplies units near their source fully and cuts off units with no friendly path', () => {
    const cost = supplyCosts(map, P.movement, P.supply, ctx.scenario, s0, 'allied');
    expect(supplyPercent(P.supply, cost[h(13, 6)])).toBe(100);
    expect(cost[h(2, 6)]).toBe(UNREACHABLE); // German-held ground
    expect(supplyPercent(P.supply, UNREACHABLE)).toBe(0);
  });

  it('makes supply over observed ground dearer (interdiction)', () => {
    const blind = produce(s0, (d) => { d.observed.german = ''.padEnd(map.size, '0'); });
    const seen = produce(s0, (d) => { d.observed.german = ''.padEnd(map.size, '1'); });
    const far = h(8, 6);
    expect(supplyCosts(map, P.movement, P.supply, ctx.scenario, seen, 'allied')[far])
      .toBeGreaterThan(supplyCosts(map, P.movement, P.supply, ctx.scenario, blind, 'allied')[far]);
  });
});

describe('combat conditions taken from the state', () => {
  const s0 = withWeather(startGame(ctx, '1'), { ground: 'dry', condition: 'clear', riverLevel: 0, visibility: 100, air: true });
  // 1/143rd faces III/104 across the fordable northern stretch; 1/141st faces I/129 across the deep one.
  const attack = (s: GameState, atkId = 'us-1-143', defId = 'de-3-104') => {
    const atk = [s.units[atkId]];
    const def = [s.units[defId]];
    return buildEngagement(ctx, s, atk, def, def[0].hex, 0, 0);
  };
  const outcome = (s: GameState, n = 300) => {
    const input = attack(s);
    let a = 0;
    let d = 0;
    let wins = 0;
    for (let i = 0; i < n; i++) {
      const r = resolveEngagement(input, P.combat, keyedUniform(s.rng, 'combat', `test/${i}`));
      a += r.attackerLosses;
      d += r.defenderLosses;
      if (r.attackerWins) wins++;
    }
    return { a: a / n, d: d / n, wins, ratio: input && resolveEngagement(input, P.combat, () => 0.5).powerRatio };
  };

  it('sees the river, the posture and the night from the map and the clock', () => {
    expect(attack(s0).river).toBe('fordable');
    expect(attack(s0, 'us-1-141', 'de-1-129').river).toBe('unfordable');
    expect(attack(s0).defenderPosture).toBe(postureOf(2));
    expect(attack(s0, 'us-1-141', 'de-1-129').defenderPosture).toBe('FD');
    expect(attack(s0).night).toBe(true); // the scenario starts at 18:00
    expect(attack(withWeather(s0, { riverLevel: 2 })).river).toBe('unfordable');
  });

  it('costs the attacker more, and gains less, across a river in flood than at a ford', () => {
    const ford = outcome(s0);
    const flood = outcome(withWeather(s0, { riverLevel: 2 }));
    expect(flood.a).toBeGreaterThan(ford.a);
    expect(flood.ratio).toBeLessThan(ford.ratio);
  });

  it('gives a tired, shaken attacker less combat power and less success', () => {
    const tired = produce(s0, (d) => { d.units['us-1-143'].fatigue = 90; d.units['us-1-143'].cohesion = 40; });
    const fresh = outcome(s0);
    const worn = outcome(tired);
    expect(worn.ratio).toBeLessThan(fresh.ratio);
    expect(worn.d).toBeLessThan(fresh.d);
    expect(worn.wins).toBeLessThanOrEqual(fresh.wins);
  });
});

describe('engineering', () => {
  it('builds a bridge over several turns of work, after which tanks can cross', () => {
    const site = h(8, 8);
    const far = h(7, 8);
    let s = produce(startGame(ctx, '1'), (d) => {
      d.units['us-111-eng'].hex = site;
      setControl(d, far, 'A');
    });
    const d = dirTo(site, far);
    expect(stepCost(map, P.movement, s, 'vehicle', 'allied', site, d)).toBe(UNREACHABLE);
    let turns = 0;
    while (!isBridged(map, s, site, d) && turns < 12) {
      while (s.phase !== 'orders') s = (applyAction(ctx, s, { type: 'endPhase' }) as { ok: true; value: GameState }).value;
      const r = applyAction(ctx, s, { type: 'buildBridge', unit: 'us-111-eng', toward: far });
      expect(r.ok).toBe(true);
      if (r.ok) s = r.value;
      do s = (applyAction(ctx, s, { type: 'endPhase' }) as { ok: true; value: GameState }).value; while (s.phase !== 'weather' && !s.finished);
      turns++;
      if (s.finished) break;
    }
    expect(isBridged(map, s, site, d)).toBe(true);
    expect(turns).toBeGreaterThan(1);
    expect(fullLog(s).some((e) => e.kind === 'bridge')).toBe(true);
    expect(stepCost(map, P.movement, s, 'vehicle', 'allied', site, d)).toBeLessThan(UNREACHABLE);
  });

  it('refuses to bridge towards a bank the enemy holds', () => {
    let s = startGame(ctx, '1');
    while (s.phase !== 'orders') s = (applyAction(ctx, s, { type: 'endPhase' }) as { ok: true; value: GameState }).value;
    s = produce(s, (d) => { d.units['us-111-eng'].hex = h(8, 6); });
    const r = applyAction(ctx, s, { type: 'buildBridge', unit: 'us-111-eng', toward: h(7, 6) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/enemy/);
  });
});

describe('bombardment suppression', () => {
  /** Battle 4's first combat phase and a German hex that well over 100 Allied guns can reach. */
  async function setUp(aboveFloor?: number) {
    const { loadContext } = await import('../engine/node/files.ts');
    const { startGame } = await import('../engine/core/run.ts');
    const { applyAction } = await import('../engine/core/engine.ts');
    const { artilleryInRange, unitsInHex } = await import('../engine/core/attack.ts');
    const ctx = loadContext('battle-4');
    let s = startGame(ctx, '1');
    while (s.phase !== 'combat') { const r = applyAction(ctx, s, { type: 'endPhase' }); if (!r.ok) throw new Error(r.reason); s = r.value; }
    const german = Object.values(s.units).filter((u) => u.side === 'german' && u.status === 'active' && u.hex >= 0).sort((a, b) => (a.id < b.id ? -1 : 1));
    const target = german.find((u) => artilleryInRange(ctx, s, 'allied', u.hex).reduce((a, x) => a + x.guns, 0) > 150)!;
    expect(target).toBeDefined();
    if (aboveFloor !== undefined) s = produce(s, (d) => { for (const u of unitsInHex(d, target.hex)) u.cohesion = ctx.params.fire.suppressionFloor.value + aboveFloor; });
    const before = new Map(unitsInHex(s, target.hex).map((u) => [u.id, u.cohesion]));
    /** Fires every Allied battery in range on the hex, battery by battery. */
    const fireAll = () => {
      let guns = 0;
      for (const a of artilleryInRange(ctx, s, 'allied', target.hex)) {
        const r = applyAction(ctx, s, { type: 'fireSupport', artillery: [a.id], target: target.hex });
        if (!r.ok) throw new Error(r.reason);
        s = r.value;
        guns += a.guns;
      }
      return { guns, after: s };
    };
    return { ctx, before, fireAll };
  }

  it('takes a turn of heavy fire off a hex once, however many missions it comes in', async () => {
    const { ctx, before, fireAll } = await setUp();
    const { guns, after } = fireAll();
    expect(guns).toBeGreaterThan(150);
    const full = ctx.params.fire.suppressionCohesion.value;
    for (const [id, c] of before) {
      const u = after.units[id];
      if (u.status === 'active') expect(c - u.cohesion).toBe(Math.min(Math.max(0, c - ctx.params.fire.suppressionFloor.value), full));
    }
  });

  it('takes cohesion no lower than the floor: fire alone does not break a unit', async () => {
    const { ctx, before, fireAll } = await setUp(5);
    const floor = ctx.params.fire.suppressionFloor.value;
    expect(floor).toBeGreaterThan(0);
    expect(ctx.params.fire.suppressionCohesion.value).toBeGreaterThan(5);
    const { after } = fireAll();
    const active = [...before.keys()].filter((id) => after.units[id].status === 'active');
    expect(active.length).toBeGreaterThan(0);
    // A full turn's suppression (10) would take them 5 below the floor; they stop at it.
    for (const id of active) expect(after.units[id].cohesion).toBe(floor);
  });
});
