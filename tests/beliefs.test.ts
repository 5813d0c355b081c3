// Beliefs that act: each side's intelligence picture (enemy divisions believed against its own,
// the expected main effort, a landing feared) is state set by plan items and what-ifs, and the
// doctrine reads it when it places and commits reserves. Battle 4 carries the Diadem deception;
// the no-diadem-deception what-if removes it.
import { describe, expect, it } from 'vitest';
import { loadContext } from '../engine/node/files.ts';
import { runGame } from '../engine/core/run.ts';
import { toMinutes } from '../engine/core/time.ts';
import type { EngineContext } from '../engine/core/context.ts';
import type { GameState } from '../engine/core/types.ts';
import { errorOf, whatIf } from './whatif-fixtures.ts';

/** The state at the end of the turn that ends at `at` (a run stopped there). */
function stateAt(ctx: EngineContext, seed: string, at: string): GameState {
  const t = toMinutes(at);
  let out: GameState | undefined;
  const turns = Math.round((t - ctx.scenario.start) / 720);
  runGame(ctx, { seed, turns, onTurnEnd: (s) => { if (s.time === t) out = s; } });
  if (!out) throw new Error(`no turn ends at ${at}`);
  return out;
}

describe('battle 4: the Diadem deception', () => {
  const hist = loadContext('battle-4');
  const open = loadContext('battle-4', { whatIf: 'scenarios/whatifs/no-diadem-deception.json' });
  const germanReserves = hist.scenario.units.filter((u) => u.side === 'german' && hist.scenario.raw.deploy?.some((d) => d.unit === u.id && d.status === 'reserve')).map((u) => u.id);

  it('the historical run believes 6 Allied divisions against 4, and a landing; the what-if the true 13', () => {
    const a = stateAt(hist, '1', '1944-05-12T06:00');
    expect(a.intel.german).toEqual({ enemyDivisionsBelieved: 6, ownDivisions: 4, mainEffort: null, landingFeared: true });
    const b = stateAt(open, '1', '1944-05-12T06:00');
    expect(b.intel.german).toMatchObject({ enemyDivisionsBelieved: 13, ownDivisions: 4, landingFeared: false });
    expect(b.intel.german.mainEffort).toBe(open.map.hexOfPlace.get('sant-angelo'));
  });

  it('places the German reserves differently on 13 May in at least 80 % of paired runs', () => {
    expect(germanReserves.length).toBeGreaterThanOrEqual(4);
    const seeds = Array.from({ length: 10 }, (_, k) => String(k + 1));
    const where = (ctx: EngineContext, seed: string) => {
      const s = stateAt(ctx, seed, '1944-05-13T06:00');
      return germanReserves.map((id) => s.units[id].hex).join(',');
    };
    const differ = seeds.filter((seed) => where(hist, seed) !== where(open, seed)).length;
    expect(differ / seeds.length).toBeGreaterThanOrEqual(0.8);
  });

  it('deceived, the reserves stay in reserve through the first night; told the truth, they are released and moved up at once', () => {
    const a = stateAt(hist, '1', '1944-05-12T06:00');
    const b = stateAt(open, '1', '1944-05-12T06:00');
    const moved = (s: GameState) => germanReserves.filter((id) => s.units[id].status !== 'reserve').length;
    expect(moved(a)).toBe(0);
    expect(moved(b)).toBeGreaterThanOrEqual(3);
    expect(b.flags['german.reserves-to-main-effort']).toBeDefined();
    expect(a.flags['german.reserves-to-main-effort']).toBeUndefined();
  });
});

describe('the intelligence change and item', () => {
  it('sets the beliefs the item gives and keeps the others', () => {
    const file = whatIf([{ type: 'intelligence', side: 'allied', at: '1944-01-20T18:00', mainEffort: 'town', landingFeared: true }]);
    const ctx = loadContext('test-skirmish', { whatIf: file });
    const s = stateAt(ctx, '1', '1944-01-21T06:00');
    expect(s.intel.allied).toMatchObject({ mainEffort: ctx.map.hexOfPlace.get('town'), landingFeared: true });
  });

  it('refuses an item with no belief and a main effort off the map, naming the change', () => {
    const none = whatIf([{ type: 'intelligence', side: 'allied', at: '1944-01-20T18:00' }]);
    expect(errorOf(() => loadContext('test-skirmish', { whatIf: none }))).toContain('changes[0]: expected at least one belief');
    const off = whatIf([{ type: 'intelligence', side: 'german', at: '1944-01-20T18:00', mainEffort: 'nowhere' }]);
    expect(errorOf(() => loadContext('test-skirmish', { whatIf: off }))).toMatch(/changes\[0\]\.mainEffort: unknown place "nowhere"/);
  });
});
