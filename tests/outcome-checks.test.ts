// Documented outcomes are checked by the engine, turn by turn, from data: the verdict of each
// check must agree with what the run did (who held what, where units stood, when a flag rose).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGame } from '../engine/core/run.ts';
import { regionMask } from '../engine/core/outcome-checks.ts';
import { lossVerdict, outcomeVerdict } from '../engine/node/calibrate.ts';
import { loadContext } from '../engine/node/files.ts';
import { cli } from './cli-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'cassino-checks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = JSON.parse(readFileSync(new URL('../scenarios/test-skirmish.json', import.meta.url), 'utf8'));

function withChecks(outcomes: unknown[], regions: Record<string, unknown> = {}): string {
  const sc = structuredClone(base);
  sc.documented = { source: 'test', outcomes, regions };
  const file = join(dir, `s${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(sc));
  return file;
}

const WEST = { name: 'West bank', westOf: ['test-river'], source: 'test' };

describe('documented outcome checks', () => {
  const file = withChecks([
    { id: 'town-german', battle: 1, share: 0.5, holds: 'The town is German at the end.', check: [{ kind: 'holds', objective: 'town', side: 'german' }] },
    { id: 'crossing-allied', battle: 1, share: 0.5, holds: 'The crossing is Allied at the end.', check: [{ kind: 'holds', objective: 'crossing', side: 'allied' }] },
    { id: 'crossing-ever', battle: 1, share: 0.5, holds: 'The Allies take the crossing.', check: [{ kind: 'taken', objective: 'crossing', side: 'allied' }] },
    { id: 'us-west', battle: 1, share: 0.5, holds: 'A 141st battalion is on the west bank at the end.', check: [{ kind: 'unitsIn', region: 'west', side: 'allied', formations: ['us-141st-inf'] }] },
    { id: 'none-west', battle: 1, share: 0.5, holds: 'No 141st battalion is on the west bank at the end.', check: [{ kind: 'unitsIn', region: 'west', side: 'allied', formations: ['us-141st-inf'], min: 0, max: 0 }] },
  ], { west: WEST });
  const ctx = loadContext(file);

  it('a region west of a river holds the west bank and not the east', () => {
    const m = regionMask(ctx.map, WEST, (r) => ctx.map.hexOfPlace.get(r) ?? -1) as Uint8Array;
    const at = (p: string) => m[ctx.map.hexOfPlace.get(p)!];
    expect([at('town'), at('hill-west'), at('crossing'), at('west-base')]).toEqual([1, 1, 1, 1]);
    expect(at('east-base')).toBe(0);
  });

  it('each verdict agrees with the run it judges, over several seeds', () => {
    const west = regionMask(ctx.map, WEST, () => -1) as Uint8Array;
    for (const seed of ['1', '2', '3', '4', '5', '6']) {
      const r = runGame(ctx, { seed, recordActions: false });
      const last = r.objectives[r.objectives.length - 1].holders;
      expect(r.checks['town-german']).toBe(last.town === 'german');
      expect(r.checks['crossing-allied']).toBe(last.crossing === 'allied');
      expect(r.checks['crossing-ever']).toBe(r.objectives.some((t) => t.holders.crossing === 'allied'));
      const onWest = ['us-1-141', 'us-2-141'].filter((id) => { const u = r.state.units[id]; return u.status === 'active' && u.hex >= 0 && west[u.hex] === 1; });
      expect(r.checks['us-west']).toBe(onWest.length >= 1);
      expect(r.checks['none-west']).toBe(onWest.length === 0);
    }
  });

  it('"taken ... notBefore" fails when the side held it earlier than allowed', () => {
    const f = withChecks([
      { id: 'late', battle: 1, share: 0.5, holds: 'Taken only after the first day.', check: [{ kind: 'taken', objective: 'crossing', side: 'allied', notBefore: '1944-01-23T06:00' }] },
    ]);
    const c = loadContext(f);
    for (const seed of ['1', '2', '3']) {
      const r = runGame(c, { seed, recordActions: false });
      const early = r.objectives.slice(0, -1).some((t) => t.holders.crossing === 'allied');
      if (early) expect(r.checks.late).toBe(false);
    }
  });

  it('a check naming an unknown objective, region or a time outside the window is refused with its path', async () => {
    const f = withChecks([
      { id: 'bad', battle: 1, share: 0.5, holds: 'x', check: [
        { kind: 'holds', objective: 'nowhere', side: 'german' },
        { kind: 'unitsIn', region: 'east', side: 'allied' },
        { kind: 'holds', objective: 'town', side: 'german', at: '1944-03-01T06:00' },
      ] },
    ]);
    const r = await cli(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('documented.outcomes[0].check[0].objective: unknown objective "nowhere" (the scenario\'s objectives are town, crossing, ford-north)');
    expect(r.err).toContain('documented.outcomes[0].check[1].region: unknown region "east" (expected one of documented.regions: none defined)');
    expect(r.err).toContain('documented.outcomes[0].check[2].at: 1944-03-01T06:00 is outside the scenario window (1944-01-20T18:00 to 1944-01-23T06:00)');
  });

  it('an outcome target without a check is refused', async () => {
    const f = withChecks([{ id: 'words', battle: 1, share: 0.5, holds: 'Only words.' }]);
    const r = await cli(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('documented.outcomes[0].check: Invalid input: expected array, received undefined');
  });
});

describe('calibration verdicts', () => {
  const t = { id: 't', battle: 1, who: 'x', from: '1944-01-20', to: '1944-01-22', documented: 1000, tolerance: 0.25 };
  it('a loss target passes only with the median within tolerance and the documented figure inside the 10th-90th band', () => {
    const around = (c: number) => Array.from({ length: 101 }, (_, i) => c - 300 + 6 * i);
    expect(lossVerdict(t, ['s'], around(1000)).pass).toBe(true);
    expect(lossVerdict(t, ['s'], around(1200)).pass).toBe(true);
    const high = lossVerdict(t, ['s'], around(1300));
    expect(high.pass).toBe(false);
    expect(high.reason).toBe('median above the documented figure by 30 % (tolerance 25 %)');
    const narrow = lossVerdict(t, ['s'], Array.from({ length: 101 }, (_, i) => 1150 + i));
    expect(narrow.pass).toBe(false);
    expect(narrow.reason).toBe('documented figure below the 10th-90th band');
  });
  it('an outcome target passes when its share of runs is reached', () => {
    const o = { id: 'o', holds: 'x', share: 0.6 };
    expect(outcomeVerdict(o, ['s'], [true, true, true, false, false]).pass).toBe(true);
    const f = outcomeVerdict(o, ['s'], [true, true, false, false, false]);
    expect(f.pass).toBe(false);
    expect(f.reason).toBe('held in 40 % of runs, 60 % required');
  });
});
