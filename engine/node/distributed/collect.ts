// `cassino batch collect ID --queue URL --out DIR`: the batch's runs from the queue written as a
// local batch writes them (runs.jsonl sorted by seed, byte for byte the file a local batch of the
// same seeds writes, then summary.json, runs.csv, report.html and batch.json). A batch in which a
// seed came back twice with different state hashes is refused: its results cannot be trusted.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { displayPath, scenarioPath, writeFileAtomic } from '../files.ts';
import { runBatch } from '../batch/command.ts';
import { normalFingerprint } from '../provenance.ts';
import type { BatchManifest } from '../batch/manifest.ts';
import { type BatchRow, type Db, readBatch } from './db.ts';
import { QueueUsageError, type QueueAddress } from './queue-url.ts';

export interface Collected { batch: BatchRow; runs: number; failed: number; out: string }

/** Refused collections: nondeterminism recorded on the batch. */
export class CollectRefused extends Error {}

const PAGE = 5000;

/** batch.json as a local batch writes it (jsonb keeps keys in an order of its own). */
function manifestText(b: BatchRow): string {
  const m = b.manifest;
  const o = b.options;
  const ordered: BatchManifest = {
    format: m.format, version: m.version,
    scenario: { id: m.scenario.id, version: m.scenario.version, file: m.scenario.file },
    map: { id: m.map.id, version: m.map.version },
    seeds: { first: m.seeds.first, count: m.seeds.count },
    ...(m.whatIf ? { whatIf: { id: m.whatIf.id, name: m.whatIf.name, file: m.whatIf.file } } : {}),
    // As a local batch of the same options writes them (batch/command.ts openFolder).
    ...(o.params !== undefined ? { params: { file: displayPath(resolve(o.params)) } } : {}),
    plan: o.noPlan ? 'none' : 'historical',
    provenance: normalFingerprint(b.fingerprint),
  };
  return JSON.stringify(ordered, null, 2) + '\n';
}

/** Refuses a folder that holds another batch; the same batch may be collected again (a later, fuller copy). */
function checkOut(out: string, b: BatchRow): void {
  const shown = displayPath(out);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new QueueUsageError(`--out ${shown} is a file, not a folder`);
  const manifest = join(out, 'batch.json');
  if (existsSync(manifest) && readFileSync(manifest, 'utf8') !== manifestText(b)) {
    throw new QueueUsageError(`${shown} already holds another batch (its batch.json differs from batch ${b.id}'s); choose another --out`);
  }
}

/** Writes runs.jsonl page by page (keyset on seed); returns the number of runs. */
async function writeRuns(db: Db, q: QueueAddress, id: string, file: string): Promise<number> {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  let n = 0;
  try {
    let after: string | null = null;
    for (;;) {
      const r: { rows: Array<{ seed: string; line: string }> } = await db.query(
        `SELECT seed::text AS seed, line FROM "${q.schema}".runs WHERE batch_id = $1 AND ($2::numeric IS NULL OR seed > $2::numeric) ORDER BY runs.seed LIMIT ${PAGE}`,
        [id, after],
      );
      for (const row of r.rows) {
        writeSync(fd, row.line + '\n');
        n++;
      }
      if (r.rows.length < PAGE) break;
      after = r.rows[r.rows.length - 1].seed;
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return n;
}

export async function collectBatch(db: Db, q: QueueAddress, id: string, outDir: string): Promise<Collected> {
  const b = await readBatch(db, q, id);
  const problems = await db.query(`SELECT message FROM "${q.schema}".problems WHERE batch_id = $1 ORDER BY id`, [id]);
  if (problems.rows.length) {
    const n = problems.rows.length;
    throw new CollectRefused(`batch ${id} is not deterministic, its runs are not collected: ${problems.rows[0].message}${n > 1 ? ` (and ${n - 1} more)` : ''}`);
  }
  const out = resolve(outDir);
  checkOut(out, b);
  mkdirSync(out, { recursive: true });
  writeFileAtomic(join(out, 'batch.json'), manifestText(b));
  const stored = await writeRuns(db, q, id, join(out, 'runs.jsonl'));
  // The folder now holds the batch as a local batch interrupted after these runs would: resuming
  // it with nothing left to play (or stopped at once, when runs are missing) writes the outputs
  // with the local batch's own writers, so that they cannot drift apart.
  const o = b.options;
  const r = await runBatch({
    scenario: scenarioPath(o.scenario), ...(o.whatIf !== undefined ? { whatIf: resolve(o.whatIf) } : {}),
    ...(o.params !== undefined ? { params: resolve(o.params) } : {}), ...(o.noPlan ? { noPlan: true } : {}),
    out, resume: true, workers: 1, progress: false, ...(stored < b.runs ? { signal: AbortSignal.abort() } : {}),
  });
  return { batch: b, runs: r.runs, failed: r.failed, out };
}
