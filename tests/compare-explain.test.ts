// compare --explain: a paired difference in a formation the what-if does not touch is traced to the
// first turn its sector differs between the arms, and to what differs then.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { firstDivergence } from '../engine/node/compare-explain.ts';
import type { RunTrace } from '../engine/node/compare-trace.ts';
import { buildCompareHtml } from '../engine/node/compare-html.ts';
import { formatCompareTable, runCompare } from '../engine/node/compare.ts';
import { cli } from './cli-helpers.ts';
import { whatIf } from './whatif-fixtures.ts';

const trace = (turns: RunTrace['turns'], global: RunTrace['global'] = turns.map(() => ({}))): RunTrace => ({ turns, global });

describe('the first divergence of a formation\'s sector in a pair of runs', () => {
  it('names the facts that differ at the first turn they differ, with the reserves moved anywhere up to then', () => {
    const a = trace([{ x: { 'fire:gun-1': 2 } }, { x: { 'fire:gun-1': 1, lost: 10 } }], [{}, { 'release:res-1': 1 }]);
    const b = trace([{ x: { 'fire:gun-1': 2 } }, { x: { 'fire:gun-1': 3, lost: 25 } }], [{}, {}]);
    expect(firstDivergence(a, b, 'x')).toEqual({ turn: 1, facts: ['fire:gun-1', 'release:res-1'] });
  });

  it('calls a difference in men lost alone, with the same events, a difference of draws; a sector never differing gives none', () => {
    const a = trace([{ x: { 'engaged:e-1': 1, lost: 5 } }]);
    const b = trace([{ x: { 'engaged:e-1': 1, lost: 7 } }]);
    expect(firstDivergence(a, b, 'x')).toEqual({ turn: 0, facts: ['draws'] });
    expect(firstDivergence(a, a, 'x')).toBeNull();
  });
});

describe('cassino compare --explain on a real what-if (battle 1, no Rapido crossing)', () => {
  it('explains formations outside the changed sector only, with counts that add up', async () => {
    const r = await runCompare({ scenario: 'battle-1', whatIf: join('scenarios', 'whatifs', 'no-rapido-crossing.json'), runs: 3, seed: '1', workers: 2, progress: false, explain: true });
    const e = r.explain!;
    expect(e.touched).toContain('36th "Texas" Infantry Division');
    expect(e.formations.length).toBeGreaterThan(0);
    for (const f of e.formations) {
      expect(e.touched).not.toContain(f.name);
      expect(e.contact).not.toContain(f.name);
      expect(f.differing).toBeLessThanOrEqual(r.paired);
      for (const c of f.causes) {
        expect(c.pairs).toBeGreaterThan(0);
        expect(c.pairs).toBeLessThanOrEqual(f.differing);
        expect(c.fact).toMatch(/^(draws|(fire|engaged|attack|supply|release|arrive|withdraw|redeploy|relief):.+)$/);
      }
    }
    // The Germans who fought the crossing battalions are in contact with the change: shown, not explained.
    expect(e.contact).toContain('15th Panzergrenadier Division');
    const table = formatCompareTable(r);
    expect(table).toContain('Explain: formations outside the what-if\'s sector');
    expect(table).toContain('first seen to differ');
  });
});

describe('the --explain option', () => {
  it('prints the explanation after the table, and names the sector a what-if touches', async () => {
    const file = whatIf([{ type: 'unit.strength', unit: 'us-1-143', men: 300, source: 'test: the battalion is weak' }]);
    const r = await cli(['compare', 'test-skirmish', '--whatif', file, '--runs', '2', '--workers', '1', '--explain']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Explain: formations outside the what-if\'s sector');
    expect(r.out).toContain('the what-if\'s sector: US 36th Infantry Division, US II Corps');
  });
});

describe('the --explain-for option', () => {
  it('explains the formations asked for, and says when one is in the what-if\'s own sector', async () => {
    const file = whatIf([{ type: 'unit.strength', unit: 'us-1-143', men: 300, source: 'test: the battalion is weak' }]);
    const r = await runCompare({ scenario: 'test-skirmish', whatIf: file, runs: 2, seed: '1', workers: 1, progress: false, explainFor: ['us-ii-corps'] });
    expect(r.explain!.formations.map((f) => f.id)).toEqual(['us-ii-corps']);
    expect(r.explain!.formations[0].sector).toBe('touched');
    expect(formatCompareTable(r)).toContain('Explain: the formations asked for (--explain-for)');
    // compare.html (--out) shows the same explanation.
    const html = buildCompareHtml(r);
    expect(html).toContain('<h2>Explain: the formations asked for</h2>');
    expect(html).toMatch(/<h4>US II Corps: [+-]?[\d.,]+ men \(mean\)/);
    expect(formatCompareTable(r)).toContain('in the what-if\'s sector: part of this difference is the change itself');
  });

  it('refuses a formation the scenario does not have, before playing, naming it and the ones it has', async () => {
    const file = whatIf([{ type: 'unit.strength', unit: 'us-1-143', men: 300, source: 'test: the battalion is weak' }]);
    const r = await cli(['compare', 'test-skirmish', '--whatif', file, '--runs', '2', '--explain-for', 'uk-x-corp']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--explain-for: "uk-x-corp" is not a formation of test-skirmish \(its corps and divisions: .*us-ii-corps/);
  });
});
