// Batch throughput: runs per second of `cassino batch` at 1 and 2 workers (or --workers list) on
// the test scenario and the battle scenarios, written to the "## Batch throughput" section of
// BENCHMARKS.md (other sections are kept). Wall-clock time of the whole batch, including worker
// start-up (tsx, loading the scenario) and writing the output files.
//
//   batchBench(['test-skirmish', '--runs', '100', '--workers', '1,2', '--no-write'])
import { cpus } from 'node:os';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runGame } from '../../core/run.ts';
import { ROOT, listScenarios, loadContext, writeFileAtomic } from '../files.ts';
import { runBatch } from './command.ts';

const SECTION = 'Batch throughput';

interface Row { scenario: string; turns: number; runs: number; rates: Array<{ workers: number; seconds: number; rate: number }> }

export function replaceSection(doc: string, title: string, body: string): string {
  const parts = doc.split(/^(?=## )/m);
  const i = parts.findIndex((p) => p.startsWith(`## ${title}\n`) || p.trimEnd() === `## ${title}`);
  const section = `## ${title}\n\n${body.trimEnd()}\n`;
  if (i >= 0) {
    parts[i] = section + (i < parts.length - 1 ? '\n' : '');
    return parts.join('');
  }
  return `${doc.trimEnd()}\n\n${section}`;
}

export async function batchBench(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { runs: { type: 'string' }, workers: { type: 'string' }, seconds: { type: 'string' }, 'no-write': { type: 'boolean' } },
  });
  const ids = positionals.length ? positionals : listScenarios().filter((id) => id === 'test-skirmish' || id.startsWith('battle-'));
  const workerCounts = (values.workers ?? '1,2').split(',').map(Number);
  const target = Number(values.seconds ?? 10);
  const rows: Row[] = [];
  for (const id of ids) {
    const ctx = loadContext(id);
    // Size the batch so that one worker takes about `target` seconds.
    runGame(ctx, { seed: 'warm', recordActions: false });
    const t0 = performance.now();
    runGame(ctx, { seed: '1', recordActions: false });
    const runMs = performance.now() - t0;
    const runs = values.runs ? Number(values.runs) : Math.max(16, Math.min(1000, Math.round((target * 1000) / runMs)));
    const row: Row = { scenario: id, turns: ctx.scenario.turns, runs, rates: [] };
    for (const workers of workerCounts) {
      const dir = mkdtempSync(join(tmpdir(), 'cassino-batch-bench-'));
      try {
        const r = await runBatch({ scenario: id, runs, workers, out: dir, resume: false, progress: false });
        const seconds = r.elapsedMs / 1000;
        row.rates.push({ workers, seconds, rate: runs / seconds });
        console.log(`${id.padEnd(16)} ${String(runs).padStart(5)} runs  ${workers} worker${workers === 1 ? ' ' : 's'}  ${seconds.toFixed(2).padStart(7)} s  ${(runs / seconds).toFixed(2).padStart(8)} runs/s${r.failed ? `  (${r.failed} failed)` : ''}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    rows.push(row);
  }
  if (!values['no-write']) {
    const file = join(ROOT, 'BENCHMARKS.md');
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const head = `| scenario | turns | runs | ${workerCounts.map((w) => `${w} worker${w === 1 ? '' : 's'} (runs/s)`).join(' | ')} | speed-up |`;
    const body = [
      `Command: \`npx tsx engine/node/batch/bench.ts\` (\`batchBench\`, also run by \`npm run bench\`) — Node ${process.version}, ${cpus().length} × ${cpu}.`,
      'Wall-clock time of a whole `cassino batch` (worker start-up, runs, writing runs.jsonl, summary.json, runs.csv',
      'and report.html), each batch sized for about ten seconds on one worker; speed-up is the last worker count against one.',
      '',
      head,
      `|---|---:|---:|${workerCounts.map(() => '---:').join('|')}|---:|`,
      ...rows.map((r) => `| ${r.scenario} | ${r.turns} | ${r.runs} | ${r.rates.map((x) => x.rate.toFixed(2)).join(' | ')} | ${(r.rates[r.rates.length - 1].rate / r.rates[0].rate).toFixed(2)}× |`),
    ].join('\n');
    const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
    writeFileAtomic(file, replaceSection(old, SECTION, body));
    console.log(`written to ${file}`);
  }
  return 0;
}

// Run directly: `npx tsx engine/node/batch/bench.ts [scenario...] [--runs N] [--workers 1,2] [--no-write]`.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await batchBench(process.argv.slice(2));
}
