// One row per run, delivered at least once: a range whose lease expired is played again by
// another worker, so a seed may arrive twice. The engine is deterministic, so the two must have
// the same state hash; a difference is recorded on the batch as a nondeterminism problem (collect
// then refuses the batch) and said loudly. A failed run (a worker thread that crashed) gives way
// to a played run of the same seed.
import type { Db } from './db.ts';

export interface Delivered { seed: string; line: string; failed: boolean }

export type DeliveryOutcome = 'new' | 'same' | 'replaced' | 'kept' | 'nondeterministic';

function stateHashOf(line: string): string | null {
  try {
    const h = (JSON.parse(line) as { stateHash?: unknown }).stateHash;
    return typeof h === 'string' ? h : null;
  } catch {
    return null;
  }
}

export async function deliverRun(db: Db, schema: string, batchId: string, worker: string, r: Delivered): Promise<{ outcome: DeliveryOutcome; message?: string }> {
  const s = `"${schema}"`;
  const hash = r.failed ? null : stateHashOf(r.line);
  const ins = await db.query(
    `INSERT INTO ${s}.runs (batch_id, seed, state_hash, failed, line, worker) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (batch_id, seed) DO NOTHING RETURNING seed`,
    [batchId, r.seed, hash, r.failed, r.line, worker],
  );
  if (ins.rowCount) return { outcome: 'new' };
  const had = (await db.query(`SELECT state_hash, failed, worker FROM ${s}.runs WHERE batch_id = $1 AND seed = $2`, [batchId, r.seed])).rows[0];
  if (had.failed && !r.failed) {
    await db.query(`UPDATE ${s}.runs SET state_hash = $3, failed = false, line = $4, worker = $5, at = now() WHERE batch_id = $1 AND seed = $2 AND failed`, [batchId, r.seed, hash, r.line, worker]);
    return { outcome: 'replaced' };
  }
  if (had.failed || r.failed || had.state_hash === hash) return { outcome: had.state_hash === hash ? 'same' : 'kept' };
  const message = `seed ${r.seed} was played twice with different results: state hash ${had.state_hash} (worker ${had.worker}), then ${hash} (worker ${worker})`;
  await db.query(`INSERT INTO ${s}.problems (batch_id, seed, message, worker) VALUES ($1, $2, $3, $4)`, [batchId, r.seed, message, worker]);
  return { outcome: 'nondeterministic', message };
}
