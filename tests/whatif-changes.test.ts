// The what-if change types added for issue 25: ground changes (bridges built and blown, rubble,
// flooding) validated against the map, units and formations outside the orders of battle with
// their full data, and outcome checks at a date. Each plays on the test scenario.
import { describe, expect, it } from 'vitest';
import { loadContext } from '../engine/node/files.ts';
import { runGame } from '../engine/core/run.ts';
import { fordableNow, isBridged } from '../engine/core/models/movement-rules.ts';
import { costTable } from '../engine/core/models/step-costs.ts';
import type { EngineContext } from '../engine/core/context.ts';
import type { GameState } from '../engine/core/types.ts';
import { cli } from './cli-helpers.ts';
import { errorOf, whatIf } from './whatif-fixtures.ts';

const ctxWith = (changes: unknown[]) => loadContext('test-skirmish', { whatIf: whatIf(changes) });
const SRC = { source: 'test' };

describe('ground changes', () => {
  it('builds a bridge from a date and blows it later; the checks of both dates see it', () => {
    const ctx = ctxWith([
      { type: 'ground', at: '1944-01-21T06:00', hex: 'crossing', toward: 'crossing@1,0', change: 'bridge', ...SRC },
      { type: 'ground', at: '1944-01-22T06:00', hex: 'crossing@1,0', toward: 'crossing', change: 'blow-bridge', ...SRC },
      { type: 'check.add', id: 'bridge-on-21st', holds: 'the bridge stands on the evening of 21 January', check: [{ kind: 'bridge', hex: 'crossing', toward: 'crossing@1,0', at: '1944-01-21T18:00' }] },
      { type: 'check.add', id: 'bridge-gone-22nd', holds: 'the bridge is down on 22 January', check: [{ kind: 'bridge', hex: 'crossing', toward: 'crossing@1,0', standing: false, at: '1944-01-22T18:00' }] },
    ]);
    const h = ctx.map.hexOfPlace.get('crossing')!;
    const d = ctx.map.neighbours.subarray(h * 6, h * 6 + 6).indexOf(ctx.map.hexOfPlace.get('crossing')! + 1);
    const mid = runGame(ctx, { seed: '1', turns: 2 });
    expect(isBridged(ctx.map, mid.state, h, d)).toBe(true);
    const end = runGame(ctx, { seed: '1' });
    expect(isBridged(ctx.map, end.state, h, d)).toBe(false);
    expect(end.checks).toMatchObject({ 'bridge-on-21st': true, 'bridge-gone-22nd': true });
  });

  it('turns a hex to rubble or floods it, and back', () => {
    const ctx = ctxWith([
      { type: 'ground', at: '1944-01-20T18:00', hex: 'town', change: 'rubble', ...SRC },
      { type: 'ground', at: '1944-01-20T18:00', hex: 'far-bank', change: 'flood', ...SRC },
      { type: 'ground', at: '1944-01-21T18:00', hex: 'far-bank', change: 'clear', ...SRC },
    ]);
    const first = runGame(ctx, { seed: '1', turns: 1 }).state;
    expect(first.hexes[ctx.map.hexOfPlace.get('town')!].terrain).toBe('rubble');
    expect(first.hexes[ctx.map.hexOfPlace.get('far-bank')!].terrain).toBe('flooded');
    const later = runGame(ctx, { seed: '1', turns: 3 }).state;
    expect(later.hexes[ctx.map.hexOfPlace.get('far-bank')!].terrain).toBeUndefined();
  });

  /** Cost (hundredths of an hour, foot, river low) of the step from place `from` into its neighbour one column east (dx 1) or west (-1). */
  const footStep = (ctx: EngineContext, s: GameState, from: string, dx: 1 | -1, into = false): number => {
    const at = ctx.map.hexOfPlace.get(from)!;
    const [h, n] = into ? [at - dx, at] : [at, at + dx];
    const d = ctx.map.neighbours.subarray(h * 6, h * 6 + 6).indexOf(n);
    return costTable(ctx.map, ctx.params.movement, { ...s, weather: { ...s.weather, riverLevel: 0 } }, 'foot', 'allied')[h * 6 + d];
  };

  it('opens a ford over an unfordable river side: infantry cross it as a fordable river, for the same hours', () => {
    const ctx = ctxWith([{ type: 'ground', at: '1944-01-20T18:00', hex: 'crossing', toward: 'crossing@1,0', change: 'ford', ...SRC }]);
    const plain = loadContext('test-skirmish');
    const h = ctx.map.hexOfPlace.get('crossing')!;
    const r = ctx.map.river[h * 6 + ctx.map.neighbours.subarray(h * 6, h * 6 + 6).indexOf(h + 1)];
    const s = runGame(ctx, { seed: '1', turns: 1 }).state;
    const before = runGame(plain, { seed: '1', turns: 1 }).state;
    const low = (x: GameState) => ({ ...x, weather: { ...x.weather, riverLevel: 0 } });
    expect(fordableNow(ctx.map, low(before), r)).toBe(false);
    expect(fordableNow(ctx.map, low(s), r)).toBe(true);
    const m = ctx.params.movement.riverCrossingHours;
    // The unfordable crossing's extra hours become the fordable crossing's (dearer by day under enemy observation).
    const saved = Math.round((m.unfordable - m.fordable) * 100);
    expect([saved, Math.round(saved * ctx.params.movement.observedFactor.value)]).toContain(footStep(plain, before, 'crossing', 1) - footStep(ctx, s, 'crossing', 1));
    // A river side fordable on the map already is refused, and so is a ford where no river runs.
    expect(errorOf(() => ctxWith([{ type: 'ground', at: '1944-01-20T18:00', hex: 'ford-north', toward: 'ford-north@1,0', change: 'ford', ...SRC }])))
      .toContain('changes[0].toward: the river between');
    expect(errorOf(() => ctxWith([{ type: 'ground', at: '1944-01-20T18:00', hex: 'town', toward: 'town@1,0', change: 'ford', ...SRC }])))
      .toContain('(a ford needs one)');
  });

  it('sows a hex with mines: every step into it is slower, by the shipped minefield factor, until they are cleared', () => {
    const ctx = ctxWith([
      { type: 'ground', at: '1944-01-20T18:00', hex: 'town', change: 'mines', ...SRC },
      { type: 'ground', at: '1944-01-21T18:00', hex: 'town', change: 'clear-mines', ...SRC },
    ]);
    const plain = loadContext('test-skirmish');
    const mined = runGame(ctx, { seed: '1', turns: 1 }).state;
    expect(mined.hexes[ctx.map.hexOfPlace.get('town')!].mines).toBe(true);
    const f = ctx.params.movement.minefieldSpeedFactor.foot;
    // The step into the town from its western neighbour.
    const base = footStep(plain, runGame(plain, { seed: '1', turns: 1 }).state, 'town', -1, true);
    // Slower by the factor (to the rounding of hundredths of an hour).
    expect(Math.abs(footStep(ctx, mined, 'town', -1, true) - base / f)).toBeLessThanOrEqual(1);
    const cleared = runGame(ctx, { seed: '1', turns: 3 }).state;
    expect(cleared.hexes[ctx.map.hexOfPlace.get('town')!].mines).toBeUndefined();
    expect(errorOf(() => ctxWith([{ type: 'ground', at: '1944-01-20T18:00', hex: 'town', toward: 'town@1,0', change: 'mines', ...SRC }])))
      .toContain('changes[0].toward: a "mines" change takes no "toward"');
  });

  it('refuses a bridge where no river runs, one without "toward", and ground off the map, naming the change', () => {
    expect(errorOf(() => ctxWith([{ type: 'ground', at: '1944-01-21T06:00', hex: 'town', toward: 'town@1,0', change: 'bridge', ...SRC }])))
      .toContain('changes[0].toward: no river runs between');
    expect(errorOf(() => ctxWith([{ type: 'ground', at: '1944-01-21T06:00', hex: 'crossing', change: 'blow-bridge', ...SRC }])))
      .toContain('changes[0].toward: expected the neighbouring hex across the river');
    expect(errorOf(() => ctxWith([{ type: 'ground', at: '1944-01-21T06:00', hex: '@99,99', change: 'rubble', ...SRC }])))
      .toContain('changes[0].hex:');
  });
});

describe('new units and formations', () => {
  const formation = { id: 'de-new-kg', name: 'Kampfgruppe (what-if)', side: 'german', level: 'regiment', parent: 'german' };
  const unit = { id: 'de-new-bn', name: 'I./Kampfgruppe', side: 'german', formation: 'de-new-kg', nation: 'de', type: 'infantry', size: 'battalion', men: 600, at: 'west-base', source: 'test establishment' };

  it('brings in a unit with its full data under a new formation, and it fights like any unit', () => {
    const ctx = ctxWith([{ type: 'formation.new', formation }, { type: 'unit.new', unit }]);
    expect(ctx.scenario.unitById['de-new-bn']).toMatchObject({ men: 600, side: 'german', formation: 'de-new-kg', source: 'test establishment' });
    const s = runGame(ctx, { seed: '1' }).state;
    expect(s.units['de-new-bn'].men).toBeLessThanOrEqual(600);
  });

  it('checks the unit as an order-of-battle unit is checked, reporting against the what-if', () => {
    const file = whatIf([{ type: 'unit.new', unit: { ...unit, formation: 'nowhere', men: -5 } }]);
    const msg = errorOf(() => loadContext('test-skirmish', { whatIf: file }));
    expect(msg).toContain(`${file}`);
    expect(msg).toContain('changes[0].unit.men');
    const unknownParent = whatIf([{ type: 'unit.new', unit: { ...unit, formation: 'nowhere' } }]);
    expect(errorOf(() => loadContext('test-skirmish', { whatIf: unknownParent }))).toMatch(/changes\[0\]\.unit\.formation: .*nowhere/);
  });
});

describe('outcome checks added by a what-if', () => {
  it('are refused when they name an unknown objective or a time outside the scenario', () => {
    expect(errorOf(() => ctxWith([{ type: 'check.add', id: 'c', holds: 'x', check: [{ kind: 'holds', objective: 'nowhere', side: 'allied' }] }])))
      .toContain('changes[0].check[0].objective: unknown objective "nowhere"');
    expect(errorOf(() => ctxWith([{ type: 'check.add', id: 'c', holds: 'x', check: [{ kind: 'holds', objective: 'town', side: 'allied', at: '1944-03-01T06:00' }] }])))
      .toContain('changes[0].check[0].at: 1944-03-01T06:00 is outside the scenario window');
  });
});

describe('cassino validate on a broken what-if', () => {
  it('exits 2 and names the file and the path of every problem in the new change types', async () => {
    const file = whatIf([
      { type: 'ground', at: '1944-01-21T06:00', hex: 'town', toward: 'hill-west', change: 'bridge', ...SRC },
      { type: 'plan.modify', order: 'sk.tanks-withdrawn', set: { when: [{ kind: 'holds', objective: 'nowhere', side: 'allied' }] } },
    ]);
    const out = await cli(['validate', file]);
    expect(out.code).toBe(2);
    expect(out.err).toContain(`${file}: changes[0].toward: expected a neighbour of the hex`);
    expect(out.err).toContain(`${file}: changes[1].set.when[0].objective: unknown objective "nowhere"`);
  });
});
