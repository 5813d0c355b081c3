// `npm run bench:scale -- [scenario] --runs N [--workers W] [--write]`: plays one N-run batch into
// a temporary folder and reports its peak resident memory (the main thread, its worker threads and
// the outputs' pass: one process) and the memory at each tenth of the runs, to show whether it
// stays flat as the batch grows. --write records the figures in BENCHMARKS.md ("Batch at scale").
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../files.ts';
import { replaceSection } from './bench.ts';
import { runBatch } from './command.ts';

const MB = 1024 * 1024;
const mb = (bytes: number): string => `${Math.round(bytes / MB)} MB`;

export interface ScaleFigures { scenario: string; runs: number; workers: number; seconds: number; peakRss: number; rssByTenth: number[]; jsonlBytes: number; parquetBytes: number }

async function measure(scenario: string, runs: number, workers: number): Promise<ScaleFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'cassino-scale-'));
  const rssByTenth: number[] = [];
  let done = 0;
  const t0 = performance.now();
  try {
    await runBatch({
      scenario, runs, workers, out: dir, resume: false, progress: true,
      onRun: () => { if (Math.floor((++done * 10) / runs) > rssByTenth.length) rssByTenth.push(process.memoryUsage().rss); },
    });
    return {
      scenario, runs, workers, seconds: (performance.now() - t0) / 1000, peakRss: process.resourceUsage().maxRSS * 1024, rssByTenth,
      jsonlBytes: statSync(join(dir, 'runs.jsonl')).size, parquetBytes: statSync(join(dir, 'runs.parquet')).size,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function scaleLine(f: ScaleFigures): string {
  return `| ${f.scenario} | ${f.runs.toLocaleString('en-US')} | ${f.workers} | ${Math.round(f.seconds)} s | ${mb(f.peakRss)} | ${f.rssByTenth.map(mb).join(', ')} | ${mb(f.jsonlBytes)} / ${mb(f.parquetBytes)} |`;
}

export async function scaleBench(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { runs: { type: 'string' }, workers: { type: 'string' }, write: { type: 'boolean' } } });
  const scenario = positionals[0] ?? 'test-skirmish';
  const runs = Number(values.runs ?? 10_000);
  const workers = Number(values.workers ?? 2);
  const f = await measure(scenario, runs, workers);
  const line = scaleLine(f);
  console.log(`${scenario}: ${runs} runs on ${workers} workers in ${Math.round(f.seconds)} s; peak RSS ${mb(f.peakRss)}; RSS at each tenth of the runs: ${f.rssByTenth.map(mb).join(', ')}`);
  if (values.write) {
    const file = join(ROOT, 'BENCHMARKS.md');
    const doc = readFileSync(file, 'utf8');
    const old = doc.match(/## Batch at scale\n[\s\S]*?\n\| scenario[^\n]*\n\|[-| ]+\n((?:\|[^\n]*\n)*)/)?.[1] ?? '';
    const rows = [...old.split('\n').filter((r) => r.startsWith('|') && !r.startsWith(`| ${scenario} | ${runs.toLocaleString('en-US')} |`)), line];
    writeFileSync(file, replaceSection(doc, 'Batch at scale', scaleSection(rows)));
  }
  return 0;
}

function scaleSection(rows: string[]): string {
  return `Peak resident memory of one batch process (main thread, worker threads, the outputs' pass),
measured by \`npm run bench:scale -- <scenario> --runs N --write\` (node --single-threaded-gc, as
\`cassino batch\` runs). The RSS column samples the process at each tenth of the runs: flat means
the batch does not hold its runs in memory. Summaries keep 8 bytes a run for each figure and for
each side's losses in each turn (see README, "Batch memory"); they are filled in the outputs' pass at
the end, so the peak is above the RSS the tenths show by about that much. The section "Batch at
scale: the long runs" below says when and how the long rows were measured.

| scenario | runs | workers | time | peak RSS | RSS at each tenth of the runs | runs.jsonl / runs.parquet |
|---|---|---|---|---|---|---|
${rows.join('\n')}
`;
}
