// The distributed batch on a real PostgreSQL (a private cluster started for these tests): a worker
// killed in the middle of a range loses nothing and the collected runs.jsonl is byte for byte a
// local batch's; a worker of another model is refused; a seed that comes back with another state
// hash is a loud error that stops the batch from being collected; passwords are never printed.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQueue } from '../engine/node/distributed/db.ts';
import { parseQueueUrl, redact } from '../engine/node/distributed/queue-url.ts';
import { chooseRangeSize, planBatch } from '../engine/node/distributed/plan.ts';
import { cli } from './cli-helpers.ts';
import { type Cluster, postgresBin, startCluster } from './distributed-cluster.ts';

const made: string[] = [];
const tmp = (): string => { const d = mkdtempSync(join(tmpdir(), 'cassino-distributed-test-')); made.push(d); return d; };
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

describe('queue addresses', () => {
  it('never show a password, and take the installation schema from ?schema=', () => {
    expect(redact('postgres://ana:s3cret@db.example:5432/sims')).toBe('postgres://ana:***@db.example:5432/sims');
    const q = parseQueueUrl('postgresql://ana:s3cret@db.example/sims?schema=team_b&sslmode=require');
    expect(q.schema).toBe('team_b');
    expect(q.connectionString).toBe('postgresql://ana:s3cret@db.example/sims?sslmode=require');
    expect(q.shown).not.toContain('s3cret');
    expect(parseQueueUrl('postgres://localhost/x').schema).toBe('cassino');
    expect(() => parseQueueUrl('postgres://ana:s3cret@h/db?schema=Robert;drop')).toThrow(/schema "Robert;drop" in postgres:\/\/ana:\*\*\*@h\/db/);
    expect(() => parseQueueUrl('mysql://ana:s3cret@h/db')).toThrow(/^mysql:\/\/ana:\*\*\*@h\/db is not a PostgreSQL connection string/);
  });

  it('an unreachable queue is one sentence without the password', async () => {
    const r = await cli(['batch', 'status', '1', '--queue', 'postgres://ana:s3cret@127.0.0.1:1/sims']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: cannot reach the queue at postgres:\/\/ana:\*\*\*@127\.0\.0\.1:1\/sims: /);
    expect(r.err).not.toContain('s3cret');
    expect(r.err.split('\n')).toHaveLength(1);
  });

  it('a range size is between 1 and the number of runs', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 600, noNaN: true }), (runs, t) => {
      const k = chooseRangeSize(runs, t);
      return Number.isInteger(k) && k >= 1 && k <= runs;
    }));
  });

  it('ranges are about 20 s of play, at least 8 of them when each still has 5 s', () => {
    expect(chooseRangeSize(1000, 0.2)).toBe(100);
    expect(chooseRangeSize(100, 0.2)).toBe(25);
    expect(chooseRangeSize(1000, 2)).toBe(10);
    expect(chooseRangeSize(5, 30)).toBe(1);
    // A whole batch shorter than a thread's start is one range.
    expect(chooseRangeSize(24, 0.001)).toBe(24);
  });
});

const bin = postgresBin();
if (!bin && process.env.CI !== 'true') console.warn('distributed.test.ts: no PostgreSQL binaries (initdb, pg_ctl) found: the queue tests are skipped (apt-get install postgresql, or set PG_BIN)');

describe('PostgreSQL is there for the queue tests in CI', () => {
  it.runIf(process.env.CI === 'true')('finds initdb and pg_ctl', () => {
    expect(bin, 'no PostgreSQL binaries found (.ci/run installs Debian\'s postgresql; PG_BIN may name their folder)').toBeDefined();
  });
});

interface Proc { child: ChildProcess; out: string; err: string; done: Promise<number | null> }

/** A worker as a user starts one: its own process (--single-threaded-gc as bin/cassino.mjs would add). */
function workerProcess(url: string, extra: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, ['--single-threaded-gc', new URL('../bin/cassino.mjs', import.meta.url).pathname, 'worker', url, ...extra], { env: { ...process.env, ...env, FORCE_COLOR: '0' } });
  const p: Proc = { child, out: '', err: '', done: Promise.resolve(null) };
  child.stdout!.on('data', (d) => { p.out += d; });
  child.stderr!.on('data', (d) => { p.err += d; });
  p.done = new Promise((res) => child.on('exit', (code) => res(code)));
  return p;
}

describe.skipIf(!bin)('a distributed batch on a private PostgreSQL cluster', () => {
  let cluster: Cluster;
  let db: pg.Pool;
  beforeAll(async () => {
    cluster = await startCluster(bin!);
    db = new pg.Pool({ connectionString: cluster.url, max: 2 });
  });
  afterAll(async () => {
    await db?.end();
    cluster?.stop();
  });
  // Each test has its own installation (schema): workers claim every open batch of theirs.
  const queue = (schema: string): string => `${cluster.url}?schema=${schema}`;
  const plan = async (schema: string, args: string[]): Promise<string> => {
    const r = await cli(['batch', ...args, '--queue', queue(schema)]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    return /^batch (\d+) planned/.exec(r.out)![1];
  };

  it('loses nothing when a worker is killed mid-range, and collects runs.jsonl byte for byte as a local batch', async () => {
    const url = queue('kill');
    const id = await plan('kill', ['test-skirmish', '--runs', '24', '--range-size', '4']);
    // A pause after each delivered run keeps a range in play long enough to kill its worker in it.
    const slow = { CASSINO_WORKER_DELIVERY_DELAY_MS: '150' };
    const a = workerProcess(url, ['--lease', '3'], slow);
    const aId = `${hostname()}:${a.child.pid}`;
    // B starts once A holds a range, so that A has one to be killed in however slowly each starts.
    const holds = async (): Promise<boolean> => (await db.query('SELECT 1 FROM kill.jobs WHERE lease_owner = $1', [aId])).rows.length > 0;
    for (let i = 0; i < 6000 && !(await holds()); i++) await new Promise((res) => setTimeout(res, 100));
    const b = workerProcess(url, ['--lease', '3'], slow);
    let killedRange: number | undefined;
    for (let i = 0; i < 6000 && killedRange === undefined; i++) {
      const r = await db.query(
        `SELECT j.idx FROM kill.jobs j WHERE j.batch_id = $1 AND j.state = 'pending' AND j.lease_owner = $2
           AND EXISTS (SELECT 1 FROM kill.runs r WHERE r.batch_id = j.batch_id AND r.worker = $2 AND r.seed >= j.seed_first AND r.seed < j.seed_first + j.count)`,
        [id, aId]);
      if (r.rows.length) { a.child.kill('SIGKILL'); killedRange = r.rows[0].idx; } else await new Promise((res) => setTimeout(res, 100));
    }
    expect(killedRange, `worker A never held a range half played: ${a.err}`).toBeDefined();
    expect(await a.done).toBe(null); // killed, no exit code
    expect(await b.done, b.err).toBe(0);
    // The range A held was played again (by B, once A's lease expired), every range is done.
    const job = (await db.query('SELECT state, attempts, lease_owner FROM kill.jobs WHERE batch_id = $1 AND idx = $2', [id, killedRange])).rows[0];
    expect(job).toMatchObject({ state: 'done', lease_owner: `${hostname()}:${b.child.pid}` });
    expect(job.attempts).toBeGreaterThanOrEqual(2);
    const status = await cli(['batch', 'status', id, '--queue', url]);
    expect(status.out).toMatch(/ranges: 6 done, 0 running, 0 pending\nruns: 24 of 24, 0 failed/);

    const dist = tmp();
    const collected = await cli(['batch', 'collect', id, '--queue', url, '--out', dist]);
    expect(collected.code, collected.err).toBe(0);
    const local = tmp();
    expect((await cli(['batch', 'test-skirmish', '--runs', '24', '--workers', '1', '--out', local])).code).toBe(0);
    for (const f of ['runs.jsonl', 'summary.json', 'runs.csv', 'report.html', 'batch.json']) {
      expect(readFileSync(join(dist, f), 'utf8'), f).toBe(readFileSync(join(local, f), 'utf8'));
    }
    for (const f of ['runs.parquet', 'runs-formations.parquet', 'runs-turns.parquet']) {
      expect(readFileSync(join(dist, f)).equals(readFileSync(join(local, f))), `${f} byte for byte`).toBe(true);
    }
  });

  it('plays a --no-plan batch (the doctrine AI for both sides) as a local --no-plan batch does', async () => {
    const url = queue('noplan');
    const id = await plan('noplan', ['test-skirmish', '--runs', '6', '--range-size', '3', '--no-plan']);
    const w = await cli(['worker', url, '--lease', '3']);
    expect(w.code, w.err).toBe(0);
    const dist = tmp();
    expect((await cli(['batch', 'collect', id, '--queue', url, '--out', dist])).code).toBe(0);
    const local = tmp();
    expect((await cli(['batch', 'test-skirmish', '--runs', '6', '--workers', '1', '--no-plan', '--out', local])).code).toBe(0);
    const planned = tmp();
    expect((await cli(['batch', 'test-skirmish', '--runs', '6', '--workers', '1', '--out', planned])).code).toBe(0);
    expect(readFileSync(join(dist, 'runs.jsonl'), 'utf8')).toBe(readFileSync(join(local, 'runs.jsonl'), 'utf8'));
    expect(readFileSync(join(dist, 'runs.jsonl'), 'utf8')).not.toBe(readFileSync(join(planned, 'runs.jsonl'), 'utf8'));
  });

  it('a worker thread that dies mid-range costs only its seed: the next seeds and ranges play on, as in a local batch', async () => {
    const url = queue('crash');
    // One lane plays both ranges on a thread it keeps warm; seed 2's run kills that thread.
    const id = await plan('crash', ['test-skirmish', '--runs', '6', '--range-size', '3']);
    process.env.CASSINO_BATCH_CRASH_SEED = '2';
    const local = tmp();
    let w: Awaited<ReturnType<typeof cli>>;
    try {
      w = await cli(['worker', url, '--lease', '3']);
      expect((await cli(['batch', 'test-skirmish', '--runs', '6', '--workers', '1', '--out', local])).code).toBe(1);
    } finally {
      delete process.env.CASSINO_BATCH_CRASH_SEED;
    }
    expect(w.out, w.err).toMatch(/: 2 ranges, 6 runs \(1 failed\)/);
    const dist = tmp();
    expect((await cli(['batch', 'collect', id, '--queue', url, '--out', dist])).code).toBe(1); // a failed run, as the local batch's exit
    const lines = readFileSync(join(dist, 'runs.jsonl'), 'utf8');
    expect(lines).toBe(readFileSync(join(local, 'runs.jsonl'), 'utf8'));
    expect(lines.split('\n').filter((l) => l.includes('"error"'))).toEqual([expect.stringMatching(/^\{"seed":"2","error":"the worker playing this run stopped \(exit code 3\)"\}$/)]);
  });

  it('the planned ranges hold every seed of the batch exactly once', async () => {
    const q = parseQueueUrl(queue('ranges'));
    const qdb = await openQueue(q);
    try {
      await fc.assert(fc.asyncProperty(
        fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 60 }), fc.bigInt({ min: 0n, max: 10n ** 20n }),
        async (runs, rangeSize, first) => {
          const p = await planBatch(qdb, q, { scenario: 'test-skirmish', runs, seed: String(first), rangeSize });
          const jobs = (await qdb.query('SELECT seed_first::text AS s, count FROM ranges.jobs WHERE batch_id = $1 ORDER BY idx', [p.id])).rows;
          expect(jobs).toHaveLength(Math.ceil(runs / rangeSize));
          let next = first;
          for (const j of jobs) {
            expect(BigInt(j.s)).toBe(next);
            expect(j.count).toBeGreaterThanOrEqual(1);
            expect(j.count).toBeLessThanOrEqual(rangeSize);
            next += BigInt(j.count);
          }
          expect(next).toBe(first + BigInt(runs));
        }), { numRuns: 15 });
    } finally {
      await qdb.end();
    }
  });

  it('a worker whose parameters differ from the batch\'s refuses to join, saying what differs', async () => {
    const url = queue('refuse');
    const params = join(tmp(), 'threat.json');
    writeFileSync(params, JSON.stringify({ set: { doctrine: { locThreatHexes: { value: 6 } } } }));
    const id = await plan('refuse', ['test-skirmish', '--runs', '4', '--range-size', '2', '--params', params]);
    // The analyst's file changed after the batch was planned: this worker would play another model.
    writeFileSync(params, JSON.stringify({ set: { doctrine: { locThreatHexes: { value: 7 } } } }));
    const w = workerProcess(url, ['--lease', '3']);
    expect(await w.done).toBe(2);
    // One sentence naming what differs (its wording past "parameters" is provenance.ts's).
    expect(w.err.trim()).toMatch(new RegExp(`^error: this worker refuses to join batch ${id}: the batch was recorded with parameters [^\n]+$`));
    const st = await cli(['batch', 'status', id, '--queue', url]);
    expect(st.out).toMatch(/ranges: 0 done, 0 running, 2 pending\nruns: 0 of 4/);
  });

  it('a seed delivered again with another state hash is a loud nondeterminism error, and the batch is not collected', async () => {
    const url = queue('forged');
    const id = await plan('forged', ['test-skirmish', '--runs', '3', '--range-size', '3']);
    // A row as a worker of a nondeterministic engine would have left it.
    await db.query(`INSERT INTO forged.runs (batch_id, seed, state_hash, failed, line, worker) VALUES ($1, 2, 'f0f0f0f0f0f0f0f0', false, '{"seed":"2","stateHash":"f0f0f0f0f0f0f0f0"}', 'elsewhere:1')`, [id]);
    const w = workerProcess(url, ['--lease', '3']);
    expect(await w.done).toBe(1);
    expect(w.err).toMatch(/error: NONDETERMINISM: 1 seed came back with another state hash than before \(recorded on the batch\): seed 2 was played twice with different results: state hash f0f0f0f0f0f0f0f0 \(worker elsewhere:1\), then [0-9a-f]{16} \(worker /);
    const st = await cli(['batch', 'status', id, '--queue', url]);
    expect(st.out).toMatch(/NONDETERMINISM: 1 seed came back with different state hashes: seed 2 was played twice/);
    const out = tmp();
    const c = await cli(['batch', 'collect', id, '--queue', url, '--out', out]);
    expect(c.code).toBe(1);
    expect(c.err).toMatch(new RegExp(`^error: batch ${id} is not deterministic, its runs are not collected: seed 2 was played twice`));
  });

  it('a cancelled batch is left alone by workers and collects as unfinished', async () => {
    const url = queue('cancel');
    const id = await plan('cancel', ['test-skirmish', '--runs', '4', '--range-size', '2']);
    const c = await cli(['batch', 'cancel', id, '--queue', url]);
    expect(c.out).toBe(`batch ${id} is cancelled (0 of 2 ranges done); workers stop playing it at their next lease renewal`);
    const w = await cli(['worker', url, '--lease', '3']);
    expect(w.code).toBe(0);
    expect(w.out).toMatch(/: 0 ranges, 0 runs \(0 failed\) in [\d.]+ s; no range left$/);
    const st = await cli(['batch', 'status', id, '--queue', url]);
    expect(st.out.split('\n')[0]).toMatch(/; cancelled$/);
    const got = await cli(['batch', 'collect', id, '--queue', url, '--out', tmp()]);
    expect(got.code).toBe(1);
    expect(got.err).toBe(`error: batch ${id} is not finished: 4 of 4 runs are missing (it was cancelled)`);
  });

  it('a worker with --wait stays for new batches, shows as waiting, and stops on SIGTERM', async () => {
    const url = queue('wait');
    const id = await plan('wait', ['test-skirmish', '--runs', '2', '--range-size', '2']);
    await cli(['batch', 'cancel', id, '--queue', url]);
    const w = workerProcess(url, ['--lease', '3', '--wait']);
    const me = `${hostname()}:${w.child.pid}`;
    let shown = '';
    for (let i = 0; i < 600 && !shown.includes(`waiting for a range: ${me}`); i++) {
      shown = (await cli(['batch', 'status', id, '--queue', url])).out;
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(shown).toContain(`waiting for a range: ${me}`);
    w.child.kill('SIGTERM');
    expect(await w.done).toBe(130);
    expect(w.out).toMatch(/: 0 ranges, 0 runs \(0 failed\) in [\d.]+ s; interrupted$/m);
  });
});
