// The README's what-if figures (npm run whatif:figures): each block carries the command that
// reproduces it, every shipped what-if has one, and the blocks are replaced between the markers.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCompare } from '../engine/node/compare.ts';
import { FIGURES_END, FIGURES_START, compareCommandFor, figureBlock, replaceBetweenMarkers, shippedWhatIfs } from '../engine/node/whatif-figures.ts';
import { whatIf } from './whatif-fixtures.ts';

const root = join(import.meta.dirname, '..');

describe('what-if figure blocks', () => {
  it('prints the figures of a small run with the command that reproduces them', async () => {
    const file = whatIf([{ type: 'unit.strength', unit: 'us-1-141', men: 400, source: 'test' }, { type: 'check.add', id: 'town-german-21st', holds: 'the Germans hold the town on 21 January', check: [{ kind: 'holds', objective: 'town', side: 'german', at: '1944-01-21T18:00' }] }]);
    const w = { file, scenario: 'test-skirmish' };
    const r = await runCompare({ scenario: 'test-skirmish', whatIf: file, runs: 3, seed: '1', workers: 1, progress: false });
    const block = figureBlock(r, w);
    const lines = block.split('\n');
    expect(lines[0]).toContain(`\`npx cassino compare test-skirmish --whatif ${file} --runs 3\``);
    expect(lines[0]).toContain('3 paired runs, seeds 1-3');
    expect(lines[1]).toMatch(/^- Men lost, what-if minus historical: Allied [+-]?[\d,.]+ \[.*\], German /);
    // A check the what-if asks is always shown, moved or not.
    expect(block).toContain('town-german-21st ("the Germans hold the town on 21 January") holds in');
    // The same run again gives the same block.
    expect(figureBlock(await runCompare({ scenario: 'test-skirmish', whatIf: file, runs: 3, seed: '1', workers: 1, progress: false }), w)).toBe(block);
  });

  it('replaces only the text between the markers, and names them when they are missing', () => {
    const readme = `# x\n\n${FIGURES_START}\nold\n${FIGURES_END}\n\nafter\n`;
    expect(replaceBetweenMarkers(readme, 'new')).toBe(`# x\n\n${FIGURES_START}\nnew\n${FIGURES_END}\n\nafter\n`);
    expect(() => replaceBetweenMarkers('# x\n', 'new')).toThrow(/expected the markers/);
  });

  it('the README has a block for every shipped what-if, with the command that reproduces it', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const between = readme.slice(readme.indexOf(FIGURES_START), readme.indexOf(FIGURES_END));
    const shipped = shippedWhatIfs(root);
    expect(shipped.length).toBeGreaterThanOrEqual(8);
    for (const w of shipped) expect(between, w.id).toContain(`**${w.id}** (${w.scenario})`);
    for (const w of shipped) expect(between, w.id).toMatch(new RegExp(`${compareCommandFor(w, 0).replace(/ 0$/, ' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d+`));
  });
});
