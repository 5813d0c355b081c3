// Provenance: a fingerprint of what made a result, so that runs of two models are never mixed or
// paired unnoticed (a resumed batch, a baseline, a comparison of saved batches). Each part keeps
// its own digest, so that a mismatch can say which part changed, and the parameter files theirs,
// so that it can name the file.
//
// The engine part digests the sources the batch workers' bundle is built from (esbuild's list of
// inputs, read from disk), not the bundle's bytes: the bundle embeds each module's absolute path
// (import.meta.url), so two checkouts of the same commit would differ. Parameter files are left
// out of it (they are the params part); the packages bundled from node_modules are in it.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Fingerprint, fingerprintSchema } from '../core/batch-files.ts';
import { ROOT, displayPath, loadContext, readData, readParamsFile, scenarioPath } from './files.ts';

export type { Fingerprint };

export interface FingerprintOptions {
  scenario: string;
  whatIf?: string;
  params?: string;
  noPlan?: boolean;
}

const WORKER_ENTRY = fileURLToPath(new URL('./batch/worker.ts', import.meta.url));
const PARAMS_DIR = join(ROOT, 'engine', 'params');

/** JSON with object keys sorted at every depth (Maps as sorted objects, Sets as arrays). */
export function canonicalJson(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return JSON.stringify(String(v)); // Infinity in resolved scenarios
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v instanceof Set) return canonicalJson([...v]);
  const entries = v instanceof Map ? [...v.entries()].map(([k, x]) => [String(k), x] as const) : Object.entries(v);
  const kept = entries.filter(([, x]) => x !== undefined && typeof x !== 'function').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${kept.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

export function digestOf(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

let engineDigest: Promise<string> | undefined;

/** Digest of the engine code the batch workers run (computed once per process). */
export function engineCodeDigest(): Promise<string> {
  engineDigest ??= bundleInputs().catch(() => sourceTree()).then(digestFiles);
  return engineDigest;
}

async function bundleInputs(): Promise<string[]> {
  const { build } = await import('esbuild');
  const r = await build({ entryPoints: [WORKER_ENTRY], bundle: true, write: false, platform: 'node', format: 'esm', metafile: true, logLevel: 'silent' });
  return Object.keys(r.metafile.inputs).map((p) => resolve(ROOT, p.replace(/^[a-z-]+:/, '')));
}

/** Without esbuild: every TypeScript source of the engine. */
function sourceTree(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) out.push(p);
    }
  };
  walk(join(ROOT, 'engine', 'core'));
  walk(join(ROOT, 'engine', 'node'));
  return out;
}

function digestFiles(files: string[]): string {
  const h = createHash('sha256');
  const inProject = files.filter((f) => !f.startsWith(PARAMS_DIR + sep));
  for (const f of inProject.map((x) => relative(ROOT, x).split(sep).join('/')).sort()) {
    h.update(f).update('\0');
    h.update(readFileSync(join(ROOT, f))).update('\0');
  }
  return h.digest('hex');
}

/** Digest of each shipped parameter file and of the --params file, by name. */
function paramFileDigests(params: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(PARAMS_DIR).filter((x) => x.endsWith('.json')).sort()) {
    out[`engine/params/${f}`] = digestOf(canonicalJson(JSON.parse(readFileSync(join(PARAMS_DIR, f), 'utf8'))));
  }
  if (params !== undefined) {
    const p = readParamsFile(params);
    out[p.file] = digestOf(canonicalJson({ note: p.note, set: p.set }));
  }
  return sortedKeys(out);
}

function sortedKeys(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * A fingerprint read back from a store that reorders keys (PostgreSQL's jsonb), checked and in the
 * order fingerprintOf writes it, so that files written from it are byte-identical to a local batch's.
 */
export function normalFingerprint(raw: unknown): Fingerprint {
  const f = fingerprintSchema.parse(raw);
  return { ...f, paramFiles: sortedKeys(f.paramFiles) };
}

/** The fingerprint of runs of `scenario` with the what-if, parameter file and plan choice given. */
export async function fingerprintOf(opts: FingerprintOptions): Promise<Fingerprint> {
  const file = scenarioPath(opts.scenario);
  const plain = loadContext(file);
  const resolved = opts.whatIf === undefined && opts.params === undefined
    ? plain : loadContext(file, { ...(opts.whatIf !== undefined ? { whatIf: opts.whatIf } : {}), ...(opts.params !== undefined ? { params: opts.params } : {}) });
  const parts: Fingerprint['parts'] = {
    engine: await engineCodeDigest(),
    scenario: digestOf(canonicalJson({ scenario: plain.scenario, map: plain.map.data })),
    params: digestOf(canonicalJson(resolved.params)),
    whatIf: opts.whatIf === undefined ? 'none' : digestOf(canonicalJson(readData(resolve(opts.whatIf)))),
    plan: opts.noPlan ? 'none' : 'historical',
    node: process.versions.node.split('.')[0],
  };
  return {
    format: 'cassino-fingerprint', version: 1,
    digest: digestOf(canonicalJson(parts)),
    parts,
    paramFiles: paramFileDigests(opts.params),
    files: {
      ...(opts.whatIf !== undefined ? { whatIf: displayPath(resolve(opts.whatIf)) } : {}),
      ...(opts.params !== undefined ? { params: displayPath(resolve(opts.params)) } : {}),
    },
  };
}

const short = (d: string): string => (d.length > 12 ? `${d.slice(0, 8)}…` : d);

/** Which parameter files differ: changed, added or left out. */
function changedParamFiles(a: Record<string, string>, b: Record<string, string>): string[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names.flatMap((k) => {
    if (a[k] === b[k]) return [];
    if (a[k] === undefined) return [`${k} was not used then`];
    if (b[k] === undefined) return [`${k} is not used now`];
    return [`${k} changed`];
  });
}

function partSentence(part: keyof Fingerprint['parts'], r: Fingerprint, c: Fingerprint): string {
  const was = r.parts[part];
  const now = c.parts[part];
  switch (part) {
    case 'whatIf': {
      if (was === 'none') return `recorded without a what-if, this is what-if ${c.files.whatIf ?? now}`;
      if (now === 'none') return `recorded with what-if ${r.files.whatIf ?? short(was)}, this has none`;
      return `recorded with what-if ${short(was)}, this is ${short(now)}: ${c.files.whatIf ?? 'the what-if file'} changed`;
    }
    case 'params': {
      const files = changedParamFiles(r.paramFiles, c.paramFiles);
      return `recorded with parameters ${short(was)}, these are ${short(now)}${files.length ? `: ${files.join(', ')}` : ' (through the what-if)'}`;
    }
    case 'plan': return `recorded with ${was === 'none' ? 'no plan (--no-plan)' : 'the historical plan'}, this is ${now === 'none' ? 'without it (--no-plan)' : 'with it'}`;
    case 'node': return `recorded on Node ${was}, this is Node ${now}`;
    case 'scenario': return `recorded with scenario ${short(was)}, this is ${short(now)}: the scenario, its included files or its map changed`;
    default: return `recorded with engine code ${short(was)}, this is ${short(now)}: the engine's sources changed`;
  }
}

const PART_ORDER: Array<keyof Fingerprint['parts']> = ['whatIf', 'params', 'scenario', 'plan', 'engine', 'node'];

/**
 * One sentence on what differs between the fingerprint a result was recorded with and the current
 * one (most telling part first), or null when they agree.
 */
export function describeMismatch(recorded: Fingerprint, current: Fingerprint): string | null {
  if (recorded.digest === current.digest) return null;
  const differ = PART_ORDER.filter((p) => recorded.parts[p] !== current.parts[p]);
  if (differ.length === 0) return `recorded with fingerprint ${short(recorded.digest)}, this is ${short(current.digest)}`;
  return differ.map((p) => partSentence(p, recorded, current)).join('; ');
}

/**
 * Whether a historical arm and a what-if arm were made by the same model, for a paired
 * comparison: everything but the what-if must agree (the parameters may differ only through the
 * what-if, so the parameter files must agree). One sentence on what differs, or null.
 */
export function describePairingMismatch(historical: Fingerprint, whatIf: Fingerprint): string | null {
  const parts = (['scenario', 'plan', 'engine', 'node'] as const).filter((p) => historical.parts[p] !== whatIf.parts[p]);
  const sentences = parts.map((p) => partSentence(p, historical, whatIf));
  const files = changedParamFiles(historical.paramFiles, whatIf.paramFiles);
  if (files.length) sentences.unshift(`the historical arm was recorded with other parameter files: ${files.join(', ')}`);
  return sentences.length ? sentences.join('; ') : null;
}
