// Results you can trust at any scale: a fingerprint of what made a batch's runs, refused when a
// resume or a baseline would mix two models; runs.jsonl settled line by line; the bootstrap's
// intervals unchanged without stored resamples; runs.parquet read by DuckDB as the README says;
// --params and --no-plan; one batch per folder (a lock, a launcher that takes its batch down with
// it, success only with every seed's line) and file-system errors as one sentence.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aiController } from '../engine/core/controllers.ts';
import { runGame } from '../engine/core/run.ts';
import { settleRuns } from '../engine/node/batch/lines.ts';
import { lockFolder } from '../engine/node/batch/lock.ts';
import { percentileSorted } from '../engine/node/batch/stats.ts';
import { bootstrapCis } from '../engine/node/compare-stats.ts';
import { loadContext } from '../engine/node/files.ts';
import { describeMismatch, fingerprintOf } from '../engine/node/provenance.ts';
import { cli, cliProcess } from './cli-helpers.ts';

const made: string[] = [];
const tmp = (): string => { const d = mkdtempSync(join(tmpdir(), 'cassino-scale-test-')); made.push(d); return d; };
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });
const read = (dir: string, f: string): string => readFileSync(join(dir, f), 'utf8');
const seedsOf = (dir: string): string[] => read(dir, 'runs.jsonl').trimEnd().split('\n').map((l) => JSON.parse(l).seed);
const WHATIF = fileURLToPath(new URL('./fixtures/whatifs/skirmish-late.yaml', import.meta.url));

function paramsFile(dir: string, value: number): string {
  const f = join(dir, 'p.json');
  writeFileSync(f, JSON.stringify({ note: 'test', set: { fire: { casualtiesPerTonOnTarget: { value } } } }));
  return f;
}

describe('provenance', () => {
  it('names the part and the parameter file that changed, and nothing when all agree', async () => {
    const dir = tmp();
    const p = paramsFile(dir, 30);
    const a = await fingerprintOf({ scenario: 'test-skirmish', params: p });
    expect(describeMismatch(a, await fingerprintOf({ scenario: 'test-skirmish', params: p }))).toBeNull();
    paramsFile(dir, 31);
    const b = await fingerprintOf({ scenario: 'test-skirmish', params: p });
    expect(describeMismatch(a, b)).toMatch(/^recorded with parameters [0-9a-f]{8}…, these are [0-9a-f]{8}…: .*p\.json changed$/);
    const c = await fingerprintOf({ scenario: 'test-skirmish', params: p, noPlan: true });
    expect(describeMismatch(b, c)).toBe('recorded with the historical plan, this is without it (--no-plan)');
    expect(a.parts.engine).toBe(b.parts.engine);
    expect(a.parts.node).toBe(process.versions.node.split('.')[0]);
  });

  it('refuses to resume a batch whose parameter file or what-if changed, saying which', async () => {
    const dir = tmp();
    const p = paramsFile(dir, 30);
    const out = join(dir, 'out');
    const first = await cli(['batch', 'test-skirmish', '--runs', '3', '--workers', '1', '--params', p, '--out', out]);
    expect(first.code, first.err).toBe(0);
    const manifest = JSON.parse(read(out, 'batch.json'));
    expect(manifest.params.file).toMatch(/p\.json$/);
    expect(JSON.parse(read(out, 'summary.json')).provenance.digest).toBe(manifest.provenance.digest);
    paramsFile(dir, 35);
    const r = await cli(['batch', 'test-skirmish', '--params', p, '--out', out, '--resume']);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toMatch(/^error: cannot resume .*out: recorded with parameters [0-9a-f]{8}…, these are [0-9a-f]{8}…: .*p\.json changed \(runs of two models must not be mixed/);

    const w = join(dir, 'w.yaml');
    writeFileSync(w, readFileSync(WHATIF, 'utf8'));
    const wout = join(dir, 'wout');
    expect((await cli(['batch', 'test-skirmish', '--runs', '2', '--workers', '1', '--whatif', w, '--out', wout])).code).toBe(0);
    writeFileSync(w, readFileSync(WHATIF, 'utf8').replace('note: Only', 'note: Still only'));
    const rw = await cli(['batch', 'test-skirmish', '--whatif', w, '--out', wout, '--resume']);
    expect(rw.code).toBe(2);
    expect(rw.err.split('\n')[0]).toMatch(/cannot resume .*wout: recorded with what-if [0-9a-f]{8}…, this is [0-9a-f]{8}…: .*w\.yaml changed/);
  });

  it('refuses a baseline or a saved batch made by another model, and records both fingerprints in compare.json', async () => {
    const dir = tmp();
    const p = paramsFile(dir, 30);
    const base = join(dir, 'base');
    expect((await cli(['batch', 'test-skirmish', '--runs', '3', '--workers', '2', '--params', p, '--out', base])).code).toBe(0);
    const ok = await cli(['batch', 'test-skirmish', '--runs', '3', '--workers', '2', '--params', p, '--whatif', WHATIF, '--baseline', base, '--out', join(dir, 'w1')]);
    expect(ok.code, ok.err).toBe(0);
    const cmp = JSON.parse(read(join(dir, 'w1'), 'compare.json'));
    expect(cmp.provenance.historical.digest).toBe(JSON.parse(read(base, 'batch.json')).provenance.digest);
    expect(cmp.provenance.whatIf.parts.whatIf).not.toBe('none');
    paramsFile(dir, 36);
    const r = await cli(['batch', 'test-skirmish', '--runs', '3', '--params', p, '--whatif', WHATIF, '--baseline', base, '--out', join(dir, 'w2')]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toMatch(/--baseline .*base was made by another model: recorded with parameters [0-9a-f]{8}…, these are [0-9a-f]{8}…: .*p\.json changed/);
    expect(existsSync(join(dir, 'w2'))).toBe(false);

    // The same pairing of saved batches by compare --saved: the same comparison, or the same refusal.
    const saved = await cli(['compare', '--saved', base, join(dir, 'w1'), '--json']);
    expect(saved.code, saved.err).toBe(0);
    expect(JSON.parse(saved.out)).toEqual(cmp);
    expect((await cli(['batch', 'test-skirmish', '--runs', '3', '--workers', '2', '--params', p, '--whatif', WHATIF, '--out', join(dir, 'w3')])).code).toBe(0);
    const other = await cli(['compare', '--saved', base, join(dir, 'w3')]);
    expect(other.code).toBe(2);
    expect(other.err.split('\n')[0]).toMatch(/^error: .*base and .*w3 were made by different models: the historical arm was recorded with other parameter files: .*p\.json changed/);
  });
});

describe('batch --params and --no-plan', () => {
  it('plays the runs cassino run would, and records the choice', async () => {
    const dir = tmp();
    const p = paramsFile(dir, 45);
    const r = await cli(['batch', 'test-skirmish', '--runs', '2', '--workers', '1', '--params', p, '--no-plan', '--out', join(dir, 'o')]);
    expect(r.code, r.err).toBe(0);
    const line = JSON.parse(read(join(dir, 'o'), 'runs.jsonl').split('\n')[1]);
    const ctx = loadContext('test-skirmish', { params: p });
    const direct = runGame(ctx, { seed: '2', recordActions: false, controllers: { allied: aiController(), german: aiController() } });
    expect(line.stateHash).toBe(direct.finalHash);
    expect(runGame(loadContext('test-skirmish'), { seed: '2', recordActions: false }).finalHash).not.toBe(direct.finalHash);
    const m = JSON.parse(read(join(dir, 'o'), 'batch.json'));
    expect(m.plan).toBe('none');
    expect(m.provenance.parts.plan).toBe('none');
  });
});

describe('runs.jsonl line by line', () => {
  it('settles any order, repeats and a cut-short last line into one line per seed, by seed', () => {
    const dir = tmp();
    const file = join(dir, 'runs.jsonl');
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 0, max: 29 }), { maxLength: 60 }), fc.boolean(),
      (slots, cut) => {
        const text = slots.map((s, i) => JSON.stringify({ seed: String(100 + s), error: `e${i}` }) + '\n').join('');
        writeFileSync(file, text + (cut ? '{"seed":"101","err' : ''));
        const idx = settleRuns(file, { first: '100', count: 30 });
        const firstOf = new Map<number, number>();
        slots.forEach((s, i) => { if (!firstOf.has(s)) firstOf.set(s, i); });
        const expected = [...firstOf.keys()].sort((a, b) => a - b).map((s) => JSON.stringify({ seed: String(100 + s), error: `e${firstOf.get(s)}` }) + '\n').join('');
        expect(readFileSync(file, 'utf8')).toBe(expected);
        expect(idx.count).toBe(firstOf.size);
        expect(readdirSync(dir)).toEqual(['runs.jsonl']);
      },
    ), { numRuns: 60 });
  });
});

describe('paired bootstrap', () => {
  /** The former implementation: 2,000 stored index arrays shared by every series. */
  function storedIndices(series: number[][], resamples: number): Array<[number, number]> {
    const n = series[0].length;
    const rand = seedrandom.alea('cassino-compare');
    const all = Array.from({ length: resamples }, () => { const idx = new Uint32Array(n); for (let i = 0; i < n; i++) idx[i] = Math.floor(rand() * n); return idx; });
    return series.map((d) => {
      const means = Float64Array.from(all, (idx) => { let s = 0; for (let i = 0; i < n; i++) s += d[idx[i]]; return s / n; }).sort();
      return [percentileSorted(means, 0.025), percentileSorted(means, 0.975)];
    });
  }

  it('gives the intervals of stored resamples without storing them', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 40 }).chain((n) => fc.array(fc.array(fc.integer({ min: -500, max: 500 }), { minLength: n, maxLength: n }), { minLength: 1, maxLength: 4 })),
      (series) => { expect(bootstrapCis(series, 300)).toEqual(storedIndices(series, 300)); },
    ), { numRuns: 40 });
  });
});

describe('runs.parquet', () => {
  it("answers the README's DuckDB recipe with summary.json's median and 10th-90th percentiles", async () => {
    const dir = tmp();
    const r = await cli(['batch', 'test-skirmish', '--runs', '12', '--workers', '2', '--out', dir]);
    expect(r.code, r.err).toBe(0);
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const sql = readme.match(/```sql\n([\s\S]*?)```/)?.[1];
    expect(sql, 'the README has a DuckDB recipe in a ```sql block').toBeDefined();
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    const rows = (await con.runAndReadAll(sql!.replaceAll("'runs.parquet'", `'${join(dir, 'runs.parquet')}'`))).getRowObjectsJson() as Array<Record<string, unknown>>;
    const summary = JSON.parse(read(dir, 'summary.json'));
    const round2 = (x: unknown): number => Math.round(Number(x) * 100) / 100;
    const byFigure = Object.fromEntries(rows.map((x) => [x.figure, [round2(x.p10), round2(x.median), round2(x.p90)]]));
    expect(byFigure).toEqual(Object.fromEntries(Object.entries(summary.figures as Record<string, { p10: number; median: number; p90: number }>).map(([k, f]) => [k, [f.p10, f.median, f.p90]])));
    const meta = (await con.runAndReadAll(`SELECT value FROM parquet_kv_metadata('${join(dir, 'runs.parquet')}') WHERE key = 'cassino.fingerprint'`)).getRowObjectsJson() as Array<{ value: string }>;
    expect(JSON.parse(meta[0].value.replaceAll('\\x22', '"')).digest).toBe(summary.provenance.digest);
    const turns = (await con.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet('${join(dir, 'runs-turns.parquet')}')`)).getRowObjectsJson() as Array<{ n: number }>;
    expect(turns[0].n).toBe(12 * 5 * 2);
  });
});

// The pandas recipe runs with Debian's python3-pandas (.ci/run installs it): skipped here without
// it, a failure in CI, as the browser tests do without Chromium.
const PYTHON = process.env.CASSINO_PYTHON ?? '/usr/bin/python3';
const HAVE_PANDAS = spawnSync(PYTHON, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
if (!HAVE_PANDAS && process.env.CI !== 'true') console.warn(`batch-scale.test.ts: no pandas for ${PYTHON}: the README's pandas recipe is not run (apt-get install python3-pandas)`);

describe('the pandas recipe', () => {
  it.runIf(!HAVE_PANDAS && process.env.CI === 'true')('has pandas in CI', () => {
    throw new Error(`CI=true but ${PYTHON} cannot import pandas: .ci/run must install it (apt-get install -y python3-pandas)`);
  });

  it.runIf(HAVE_PANDAS)("answers with summary.json's median and 10th-90th percentiles, failed runs left out", async () => {
    const dir = tmp();
    process.env.CASSINO_BATCH_FAIL_SEED = '3';
    let r: Awaited<ReturnType<typeof cli>>;
    try {
      r = await cli(['batch', 'test-skirmish', '--runs', '12', '--workers', '2', '--out', dir]);
    } finally {
      delete process.env.CASSINO_BATCH_FAIL_SEED;
    }
    expect(r.code, r.err).toBe(1); // one failed run
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const py = readme.match(/```python\n([\s\S]*?)```/)?.[1];
    expect(py, 'the README has a pandas recipe in a ```python block').toBeDefined();
    const run = spawnSync(PYTHON, ['-c', py!], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const [head, ...rows] = run.stdout.trimEnd().split('\n').map((l) => l.trim().split(/\s+/));
    expect(head).toEqual(['p10', 'median', 'p90']);
    const round2 = (x: string): number => Math.round(Number(x) * 100) / 100;
    const summary = JSON.parse(read(dir, 'summary.json'));
    expect(summary.failedSeeds).toEqual(['3']);
    expect(Object.fromEntries(rows.map(([figure, ...q]) => [figure, q.map(round2)]))).toEqual(
      Object.fromEntries(Object.entries(summary.figures as Record<string, { p10: number; median: number; p90: number }>).map(([k, f]) => [k, [f.p10, f.median, f.p90]])));
  });
});

describe('one batch per folder', () => {
  it('refuses a folder another live batch holds, and takes over the lock of a dead one', async () => {
    const dir = tmp();
    const out = join(dir, 'o');
    expect((await cli(['batch', 'test-skirmish', '--runs', '2', '--workers', '1', '--out', out])).code).toBe(0);
    expect(existsSync(join(out, 'batch.lock'))).toBe(false);
    const held = lockFolder(out);
    try {
      const r = await cli(['batch', 'test-skirmish', '--out', out, '--resume']);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')[0]).toMatch(new RegExp(`^error: .*o is being written by another batch \\(pid ${process.pid}, started \\d{4}-\\d\\d-\\d\\dT[^)]*\\); wait for it to finish or stop it`));
    } finally {
      held.release();
    }
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(out, 'batch.lock'), JSON.stringify({ pid: dead, host: (await import('node:os')).hostname(), started: '2026-01-01T00:00:00.000Z' }));
    const r = await cli(['batch', 'test-skirmish', '--out', out, '--resume']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(new RegExp(`note: took over the lock of .*o from batch pid ${dead} \\(started 2026-01-01T00:00:00\\.000Z\\), which is no longer running`));
    expect(existsSync(join(out, 'batch.lock'))).toBe(false);
  });

  it('says in one sentence why it cannot write, and leaves no temporary file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'file'), 'x');
    const r = await cli(['batch', 'test-skirmish', '--runs', '1', '--out', join(dir, 'file', 'sub')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: cannot create the folder .*file\/sub: a file of that name is in the way of a folder$/);
    const out = join(dir, 'o');
    expect((await cli(['batch', 'test-skirmish', '--runs', '2', '--workers', '1', '--out', out])).code).toBe(0);
    rmSync(join(out, 'summary.json'));
    mkdirSync(join(out, 'summary.json', 'x'), { recursive: true });
    const w = await cli(['batch', 'test-skirmish', '--out', out, '--resume']);
    expect(w.code).toBe(2);
    expect(w.err).toMatch(/^error: cannot write summary\.json into .*o: a folder of that name is in the way$/);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp') || f === 'batch.lock')).toEqual([]);
  });

  it('never reports success with a seed missing when the launcher is killed and the batch resumed (20 tries)', async () => {
    const ref = tmp();
    expect((await cli(['batch', 'test-skirmish', '--runs', '4', '--workers', '1', '--out', ref])).code).toBe(0);
    const expected = read(ref, 'runs.jsonl');
    const rand = seedrandom.alea('launcher-kill');
    const launcher = fileURLToPath(new URL('../bin/cassino.mjs', import.meta.url));
    for (let attempt = 0; attempt < 20; attempt++) {
      const out = join(tmp(), 'o');
      const child = spawn(process.execPath, [launcher, 'batch', 'test-skirmish', '--runs', '4', '--workers', '1', '--out', out], { stdio: 'ignore' });
      const exited = new Promise((res) => child.on('exit', res));
      await new Promise((res) => setTimeout(res, 500 + rand() * 6000));
      child.kill('SIGKILL');
      await exited;
      // Resumed at once: refused while the orphaned batch still holds the folder, then it completes.
      let r = cliProcess(['batch', 'test-skirmish', '--out', out, '--resume', '--workers', '1']);
      for (let wait = 0; r.code === 2 && /being written by another batch/.test(r.err) && wait < 40; wait++) {
        await new Promise((res) => setTimeout(res, 250));
        r = cliProcess(['batch', 'test-skirmish', '--out', out, '--resume', '--workers', '1']);
      }
      if (r.code === 2 && /no batch to resume/.test(r.err)) continue; // killed before batch.json was written
      expect(r.code, `attempt ${attempt}: ${r.err}`).toBe(0);
      expect(seedsOf(out)).toEqual(['1', '2', '3', '4']);
      expect(read(out, 'runs.jsonl')).toBe(expected);
      expect(existsSync(join(out, 'batch.lock'))).toBe(false);
    }
  });
});
