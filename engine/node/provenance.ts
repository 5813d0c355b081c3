// What made a result: digests of the engine code the workers run, of the resolved scenario (with
// its map), of the model parameters, of the what-if, whether the historical plan is played, and
// the Node major version. Two results are comparable only when their fingerprints' digests agree.
//
// A minimal stand-in (issue 24, item 1 is built elsewhere with this same API): the distributed
// batch needs fingerprintOf and describeMismatch now.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContext, readWhatIf } from './files.ts';

export interface Fingerprint {
  engine: string;
  scenario: string;
  params: string;
  /** Per parameter group (engine/params/<group>.json), so that a mismatch can name the group. */
  paramGroups: Record<string, string>;
  whatIf: string | null;
  plan: boolean;
  node: number;
  digest: string;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The code a batch worker runs: the pure engine and the node modules that load and record a run. */
const ENGINE_CODE = ['engine/core', 'engine/node/files.ts', 'engine/node/batch/worker.ts', 'engine/node/batch/record.ts'];

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** JSON with object keys sorted; resolved scenarios hold Infinity (unlimited ranges), kept as text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  });
}

function codeFiles(path: string): string[] {
  const abs = join(ROOT, path);
  if (!path.endsWith('.ts')) {
    return readdirSync(abs, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? codeFiles(join(path, e.name)) : e.name.endsWith('.ts') ? [join(path, e.name)] : []));
  }
  return [path];
}

let engineDigest: string | undefined;
function engineCode(): string {
  if (engineDigest === undefined) {
    const files = ENGINE_CODE.flatMap(codeFiles).sort();
    engineDigest = sha(files.map((f) => `${relative(ROOT, join(ROOT, f))}\n${readFileSync(join(ROOT, f), 'utf8')}`).join('\0'));
  }
  return engineDigest;
}

export async function fingerprintOf(opts: { scenario: string; whatIf?: string; params?: string; noPlan?: boolean }): Promise<Fingerprint> {
  const ctx = loadContext(opts.scenario, { ...(opts.whatIf !== undefined ? { whatIf: opts.whatIf } : {}), ...(opts.params !== undefined ? { params: opts.params } : {}) });
  const paramGroups: Record<string, string> = {};
  for (const [group, values] of Object.entries(ctx.params).sort(([a], [b]) => (a < b ? -1 : 1))) paramGroups[group] = sha(canonicalJson(values));
  const parts = {
    engine: engineCode(),
    scenario: sha(canonicalJson({ scenario: ctx.scenario, map: ctx.map.data })),
    params: sha(canonicalJson(paramGroups)),
    paramGroups,
    whatIf: opts.whatIf !== undefined ? sha(canonicalJson(readWhatIf(opts.whatIf).whatIf)) : null,
    plan: !opts.noPlan,
    node: Number(process.versions.node.split('.')[0]),
  };
  return { ...parts, digest: sha(canonicalJson({ ...parts, paramGroups: undefined })) };
}

const short = (d: string | null): string => (d === null ? 'none' : `${d.slice(0, 8)}…`);

/** One sentence saying what differs between a recorded fingerprint and the current one, or null when they agree. */
export function describeMismatch(recorded: Fingerprint, current: Fingerprint): string | null {
  if (recorded.digest === current.digest) return null;
  const diffs: string[] = [];
  if (recorded.engine !== current.engine) diffs.push(`engine code ${short(recorded.engine)}, this is ${short(current.engine)}`);
  if (recorded.scenario !== current.scenario) diffs.push(`scenario ${short(recorded.scenario)}, this is ${short(current.scenario)}`);
  if (recorded.params !== current.params) {
    const groups = [...new Set([...Object.keys(recorded.paramGroups ?? {}), ...Object.keys(current.paramGroups)])]
      .filter((g) => recorded.paramGroups?.[g] !== current.paramGroups[g]);
    diffs.push(`parameters ${short(recorded.params)}, these are ${short(current.params)}${groups.length ? ` (parameter group${groups.length > 1 ? 's' : ''} ${groups.join(', ')} differ${groups.length > 1 ? '' : 's'})` : ''}`);
  }
  if (recorded.whatIf !== current.whatIf) diffs.push(`what-if ${short(recorded.whatIf)}, this is ${short(current.whatIf)}`);
  if (recorded.plan !== current.plan) diffs.push(recorded.plan ? 'the historical plan, this plays without it' : 'no plan, this plays the historical plan');
  if (recorded.node !== current.node) diffs.push(`Node ${recorded.node}, this is Node ${current.node}`);
  return `recorded with ${diffs.length ? diffs.join('; ') : `fingerprint ${short(recorded.digest)}, this is ${short(current.digest)}`}`;
}
