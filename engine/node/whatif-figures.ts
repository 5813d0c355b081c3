// The README's figures for the shipped what-ifs (scripts/whatif-figures.ts, `npm run whatif:figures`):
// each what-if compared with its scenario's historical plan on the same seeds, and its figures
// written as one Markdown block with the command that reproduces them. The blocks stand between
// markers in README.md, so that a change of rules is followed by one command, not by hand edits.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fmt } from './batch/html.ts';
import { type CompareResult, headlineFigures, whatIfTreeFigures } from './compare-result.ts';
import { readWhatIf } from './files.ts';

export const FIGURES_START = '<!-- whatif-figures:start (written by npm run whatif:figures; do not edit by hand) -->';
export const FIGURES_END = '<!-- whatif-figures:end -->';

/** The shipped what-ifs: file (relative to the repository), id and scenario id, in file order. */
export function shippedWhatIfs(root: string): Array<{ file: string; id: string; scenario: string }> {
  const dir = join(root, 'scenarios', 'whatifs');
  return readdirSync(dir).filter((f) => /\.(json|ya?ml)$/.test(f)).sort().map((f) => {
    const w = readWhatIf(join(dir, f)).whatIf;
    return { file: `scenarios/whatifs/${f}`, id: w.id, scenario: w.scenario.id };
  });
}

export const compareCommandFor = (w: { file: string; scenario: string }, runs: number): string => `npx cassino compare ${w.scenario} --whatif ${w.file} --runs ${runs}`;

const signed = (x: number, digits = 0): string => (x > 0 ? `+${fmt(x, digits)}` : fmt(x, digits));
const pct = (x: number): string => `${fmt(x * 100)} %`;
const clears = (ci: [number, number]): boolean => ci[0] > 0 || ci[1] < 0;
const diff = (d: { mean: number; ci95: [number, number] }): string => `${signed(d.mean)} [${signed(d.ci95[0])}, ${signed(d.ci95[1])}]`;
const share = (s: { historical: number; whatIf: number; change: number; ci95: [number, number] }): string =>
  `${pct(s.whatIf)} against ${pct(s.historical)} (${signed(s.change * 100)} pts [${signed(s.ci95[0] * 100)}, ${signed(s.ci95[1] * 100)}])`;

/**
 * One what-if's figures as a Markdown list: losses per side, the corps and divisions (historical
 * tree) and documented targets whose interval excludes zero (largest first, at most `top`), the
 * what-if's own tree where it moves units, and the objectives and outcome checks that changed.
 */
export function figureBlock(r: CompareResult, w: { file: string; scenario: string }, top = 6): string {
  const out = [`**${r.whatIf.id}** (${r.scenario.id}), ${r.paired} paired runs, seeds ${r.seeds.first}-${r.seeds.last}: \`${compareCommandFor(w, r.seeds.count)}\``];
  const side = (k: string) => r.figures[k];
  out.push(`- Men lost, what-if minus historical: Allied ${diff(side('losses.allied').difference)}, German ${diff(side('losses.german').difference)}.`);
  const moved = headlineFigures(r).map((k) => r.figures[k]).filter((f) => f.kind !== 'side' && clears(f.difference.ci95))
    .sort((a, b) => Math.abs(b.difference.mean) - Math.abs(a.difference.mean));
  if (moved.length) out.push(`- Formations and documented targets (historical formation tree in both arms): ${moved.slice(0, top).map((f) => `${f.label} ${diff(f.difference)}`).join('; ')}${moved.length > top ? `; and ${moved.length - top} more` : ''}.`);
  const tree = whatIfTreeFigures(r).map((k) => r.figures[k]).filter((f) => clears(f.difference.ci95) || f.historical.mean !== f.whatIf.mean);
  if (tree.length) out.push(`- On the what-if's own formation tree: ${tree.slice(0, top).map((f) => `${f.label.replace(" (what-if's tree)", '')} ${fmt(f.whatIf.median)} against ${fmt(f.historical.median)} (median)`).join('; ')}.`);
  const held: string[] = [];
  for (const o of Object.values(r.objectives)) {
    for (const s of ['allied', 'german'] as const) if (clears(o.held[s].ci95)) held.push(`${o.name} ${s} at the end in ${share(o.held[s])}`);
  }
  if (held.length) out.push(`- Objectives: ${held.join('; ')}.`);
  const checks = Object.entries(r.documentedOutcomes).filter(([, d]) => clears(d.ci95) || d.share === 0);
  if (checks.length) out.push(`- Outcome checks: ${checks.map(([id, d]) => `${id} ("${d.holds}") holds in ${share(d)}`).join('; ')}.`);
  if (!moved.length && !held.length) out.push('- No formation, target or objective moves beyond its 95 % interval.');
  return out.join('\n');
}

/** The README with the text between the markers replaced; an error names the missing marker. */
export function replaceBetweenMarkers(readme: string, body: string): string {
  const a = readme.indexOf(FIGURES_START);
  const b = readme.indexOf(FIGURES_END);
  if (a < 0 || b < a) throw new Error(`README.md: expected the markers ${FIGURES_START} and ${FIGURES_END} around the what-if figures`);
  return `${readme.slice(0, a + FIGURES_START.length)}\n${body}\n${readme.slice(b)}`;
}
