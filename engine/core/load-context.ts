// Loading a scenario into an EngineContext, once for Node and the browser: the scenario file, the
// map it names, the files it includes (order of battle, plans, weather; read relative to the
// scenario), a what-if and a parameter file. Reading is the reader's: it takes a path and returns
// the parsed data (or a DataError naming the file), at once in Node (engine/node/files.ts), as a
// promise in the browser (ui/data.ts). The steps are written once, as a generator that yields
// each read; loadContextSync and loadContextAsync answer the yields.
import type { EngineContext } from './context.ts';
import { DataError, type DataIssue } from './data-error.ts';
import type { MapIndex } from './map.ts';
import { type ModelParams, defaultParams, overrideParamsAll } from './params.ts';
import { type Includes, includePaths, loadScenario } from './scenario.ts';
import { type WhatIf, loadScenarioWithWhatIf, parseWhatIf } from './whatif.ts';

type Maybe<T> = T | Promise<T>;

export interface DataReader {
  /** The parsed contents (JSON or YAML) of the file at `path`; a DataError naming it when it cannot be read or parsed. */
  read(path: string): Maybe<unknown>;
  /** Whether there is a file at `path` (a missing include is reported by the scenario check, which names it). */
  exists(path: string): Maybe<boolean>;
  /** The path of `rel` as written in the file at `from` (relative to its folder). */
  resolve(from: string, rel: string): string;
  /** The folder of the file at `path`. */
  folderOf(path: string): string;
  /** How messages name a path. */
  shown(path: string): string;
  /** The indexed map `mapId` that the scenario at `scenarioPath` plays on. */
  map(mapId: string, scenarioPath: string): Maybe<MapIndex>;
}

export interface ReadWhatIf { file: string; whatIf: WhatIf }
export interface ParamsFile { file: string; note?: string; set: unknown }

export interface LoadOptions {
  /** A what-if to apply: the path of its file (read by the reader) or one already read. */
  whatIf?: string | ReadWhatIf;
  /** The path of a parameter file (`{ "note", "set": { group: { name: { value } } } }`) applied after the what-if's. */
  params?: string;
}

/** A what-if file's contents checked against the what-if format. */
export function whatIfOf(raw: unknown, shown: string): ReadWhatIf {
  return { file: shown, whatIf: parseWhatIf(raw, shown) };
}

/**
 * A parameter file: model parameters to try in place of the shipped ones (a sensitivity run, a
 * calibration trial), for the contexts it is given to only. The same deep-partial form as a
 * what-if's `params` change; the values are checked where they are applied (overrideParamsAll).
 */
export function paramsFileOf(raw: unknown, shown: string): ParamsFile {
  const issues: DataIssue[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new DataError(shown, [{ path: '', message: 'expected an object with "set" (parameter groups to change) and an optional "note"' }]);
  }
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'set' && k !== 'note') issues.push({ path: k, message: `unknown key "${k}" (expected "set" and an optional "note")` });
  if (!('set' in o)) issues.push({ path: 'set', message: 'expected the parameter groups to change, e.g. { "fire": { "lethalityPerGun": { "value": 0.2 } } }' });
  if ('note' in o && typeof o.note !== 'string') issues.push({ path: 'note', message: 'expected a string' });
  if (issues.length) throw new DataError(shown, issues);
  return { file: shown, ...(typeof o.note === 'string' ? { note: o.note } : {}), set: o.set };
}

/** The steps of a load; each `yield` hands the driver what the reader returned and takes back its value. */
function* loadSteps(reader: DataReader, path: string, opts: LoadOptions): Generator<unknown, EngineContext, unknown> {
  const raw = yield reader.read(path);
  const shown = reader.shown(path);
  const mapId = raw && typeof raw === 'object' && typeof (raw as { map?: unknown }).map === 'string' ? (raw as { map: string }).map : undefined;
  if (!mapId) throw new DataError(shown, [{ path: 'map', message: 'expected the id of the map the scenario is played on' }]);
  const map = (yield reader.map(mapId, path)) as MapIndex;
  const includes: Includes = {};
  for (const rel of includePaths(raw)) {
    const p = reader.resolve(path, rel);
    if (yield reader.exists(p)) includes[rel] = yield reader.read(p);
  }
  const dir = reader.shown(reader.folderOf(path));
  let scenario;
  let params: ModelParams;
  if (opts.whatIf !== undefined) {
    const w = typeof opts.whatIf === 'string' ? whatIfOf(yield reader.read(opts.whatIf), reader.shown(opts.whatIf)) : opts.whatIf;
    ({ scenario, params } = loadScenarioWithWhatIf(raw, shown, map, includes, dir, w.whatIf, w.file));
  } else {
    scenario = loadScenario(raw, shown, map, includes, dir);
    params = defaultParams();
  }
  if (opts.params !== undefined) {
    const f = paramsFileOf(yield reader.read(opts.params), reader.shown(opts.params));
    params = overrideParamsAll(params, [{ set: f.set, path: 'set' }], f.file);
  }
  return { scenario, map, params };
}

/** Loads, validates and resolves a scenario with a reader that answers at once (Node's). */
export function loadContextSync(reader: DataReader, path: string, opts: LoadOptions = {}): EngineContext {
  const steps = loadSteps(reader, path, opts);
  let next = steps.next();
  while (!next.done) {
    if (next.value instanceof Promise) throw new Error('loadContextSync needs a reader that answers at once (use loadContextAsync)');
    next = steps.next(next.value);
  }
  return next.value;
}

/** Loads, validates and resolves a scenario with a reader that may answer with promises (the browser's). */
export async function loadContextAsync(reader: DataReader, path: string, opts: LoadOptions = {}): Promise<EngineContext> {
  const steps = loadSteps(reader, path, opts);
  let next = steps.next();
  while (!next.done) next = steps.next(await next.value);
  return next.value;
}
