// `npm run whatif:figures [-- --runs N] [--workers W] [--only ID,...] [--write]`: re-runs `cassino
// compare` for every shipped what-if (default 200 paired runs, seeds 1-N) and prints the README's
// figure blocks, each with the command that reproduces it; --write puts them into README.md between
// the what-if figure markers. After a change of rules, this one command renews the figures.
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runCompare } from '../engine/node/compare.ts';
import { compareCommandFor, figureBlock, replaceBetweenMarkers, shippedWhatIfs } from '../engine/node/whatif-figures.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { runs: { type: 'string' }, workers: { type: 'string' }, only: { type: 'string' }, write: { type: 'boolean' } } });
const runs = Number(values.runs ?? 200);
const workers = Number(values.workers ?? availableParallelism());
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(workers) || workers < 1) {
  console.error('error: --runs and --workers expect whole numbers of at least 1');
  process.exit(2);
}
const only = values.only?.split(',').map((s) => s.trim());
if (only && values.write) {
  console.error('error: --write renews every block, so it cannot be used with --only');
  process.exit(2);
}
const list = shippedWhatIfs(root).filter((w) => !only || only.includes(w.id));
if (only && list.length !== only.length) {
  console.error(`error: --only names what-ifs that are not shipped: ${only.filter((id) => !list.some((w) => w.id === id)).join(', ')}`);
  process.exit(2);
}

const blocks: string[] = [];
for (const w of list) {
  console.error(`${compareCommandFor(w, runs)} ...`);
  const r = await runCompare({ scenario: w.scenario, whatIf: join(root, w.file), runs, seed: '1', workers, progress: false });
  const block = figureBlock(r, w);
  console.log(`${block}\n`);
  blocks.push(block);
}
if (values.write) {
  const file = join(root, 'README.md');
  writeFileSync(file, replaceBetweenMarkers(readFileSync(file, 'utf8'), blocks.join('\n\n')));
  console.error(`README.md: ${blocks.length} what-if figure blocks written`);
}
