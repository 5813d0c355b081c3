// The distributed batch's throughput against a local batch's (BENCHMARKS.md, "Distributed batch"):
// starts a private PostgreSQL cluster (tests/distributed-cluster.ts), plans one batch per
// distributed step, then times each step in the order given, as a user would run it (each process
// through bin/cassino.mjs, all under the same `nice`):
//   d1  one `cassino worker URL --batch ID` process          d2  two at once on another batch
//   l1  a local `cassino batch --workers 1`                  l2  a local `cassino batch --workers 2`
// and checks that each collected distributed runs.jsonl equals the local batch's byte for byte.
//
//   npx tsx scripts/distributed-bench.ts [--scenario battle-4] [--runs 1000] [--order d1,d2,l2,l1] [--nice 10]
// (a step may carry a suffix to be repeated: d1a,d2a,d2b,d1b)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { postgresBin, startCluster } from '../tests/distributed-cluster.ts';

const { values } = parseArgs({ options: { scenario: { type: 'string', default: 'battle-4' }, runs: { type: 'string', default: '1000' }, order: { type: 'string', default: 'd2,d1,l2,l1' }, nice: { type: 'string', default: '10' } } });
const CLI = new URL('../bin/cassino.mjs', import.meta.url).pathname;
const runs = Number(values.runs);
const steps = values.order.split(',');

/** Runs `count` cassino processes at once under nice; wall-clock seconds until the last exits. */
function timed(args: string[], count = 1): Promise<number> {
  const t0 = performance.now();
  return Promise.all(Array.from({ length: count }, () => new Promise<void>((res, rej) => {
    const c = spawn('nice', ['-n', values.nice, process.execPath, CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d) => { err += d; });
    c.on('exit', (code) => (code === 0 ? res() : rej(new Error(`cassino ${args.join(' ')} exited ${code}: ${err}`))));
  }))).then(() => (performance.now() - t0) / 1000);
}

function cassino(args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cassino ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const bin = postgresBin();
if (!bin) throw new Error('no PostgreSQL binaries (initdb, pg_ctl): apt-get install postgresql, or set PG_BIN');
const cluster = await startCluster(bin);
const dir = mkdtempSync(join(tmpdir(), 'cassino-distributed-bench-'));
try {
  const url = `${cluster.url}?schema=bench`;
  const plans = new Map<string, string>();
  for (const s of steps.filter((x) => x.startsWith('d'))) {
    const out = cassino(['batch', values.scenario, '--runs', String(runs), '--queue', url]);
    plans.set(s, /^batch (\d+) planned/.exec(out)![1]);
    console.log(`${s}: ${out.split('\n')[0]}`);
  }
  const rows: string[] = [];
  for (const s of steps) {
    const load = loadavg()[0].toFixed(1);
    const started = new Date().toISOString().slice(11, 19);
    const sec = s.startsWith('d')
      ? await timed(['worker', url, '--batch', plans.get(s)!], parseInt(s.slice(1), 10))
      : await timed(['batch', values.scenario, '--runs', String(runs), '--workers', String(parseInt(s.slice(1), 10)), '--out', join(dir, s)]);
    const row = `| ${s} | ${started} UTC | ${runs} | ${sec.toFixed(1)} s | ${(runs / sec).toFixed(2)} | ${load} → ${loadavg()[0].toFixed(1)} |`;
    rows.push(row);
    console.log(row);
  }
  const local = steps.find((x) => x.startsWith('l'));
  for (const [s, id] of plans) {
    cassino(['batch', 'collect', id, '--queue', url, '--out', join(dir, `collected-${s}`)]);
    if (local) {
      const same = readFileSync(join(dir, `collected-${s}`, 'runs.jsonl'), 'utf8') === readFileSync(join(dir, local, 'runs.jsonl'), 'utf8');
      console.log(`${s}: collected runs.jsonl ${same ? 'equals' : 'DIFFERS FROM'} ${local}'s`);
    }
  }
  console.log('\n| step | start | runs | wall clock | runs/s | load average (1 min) |\n|---|---|---:|---:|---:|---|');
  for (const r of rows) console.log(r);
} finally {
  cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
