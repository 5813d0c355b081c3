// Reading and writing the project's files from Node: scenarios by id or path, their maps, JSON or
// YAML with errors that name the file, and atomic writes (temp file + rename) so that nothing is
// ever half-written.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { jsonErrorOffset, jsonParseMessage, lineColumn } from './json-error.ts';
import { MAX_DEPTH, MAX_YAML_ALIASES, checkJsonDepth, checkValueDepth, checkYamlFlowDepth, readTextFile } from './input-limits.ts';
import { confineInclude, onceEach, realWithin } from './includes.ts';
import { DataError } from '../core/data-error.ts';
import { type EngineContext } from '../core/context.ts';
import { type DataReader, type ParamsFile, type ReadWhatIf, loadContextSync, paramsFileOf, whatIfOf } from '../core/load-context.ts';
import { type HexMapData, type MapIndex, indexMap } from '../core/map.ts';

export const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const SCENARIO_DIR = join(ROOT, 'scenarios');
export const MAP_DIR = join(SCENARIO_DIR, 'maps');
/** The scenario `cassino run` plays without arguments. */
export const DEFAULT_SCENARIO = 'battle-1';

/** A path as users see it: relative to the working directory when inside it. */
export function displayPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}

/**
 * Reads a JSON or YAML file within the input limits (input-limits.ts: a regular file, its size and
 * nesting depth checked before parsing, YAML aliases capped); unreadable or malformed files become
 * a DataError naming the file.
 */
export function readData(file: string): unknown {
  const shown = displayPath(file);
  const text = readTextFile(file, shown);
  if (/\.ya?ml$/i.test(file)) return parseYamlText(text, shown);
  checkJsonDepth(text, shown);
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const at = jsonErrorOffset(text);
    let where = '';
    if (at >= 0) {
      const { line, column } = lineColumn(text, at);
      where = ` at line ${line}, column ${column}`;
    }
    throw new DataError(shown, [{ path: '', message: `not valid JSON${where} (${jsonParseMessage(msg)})` }]);
  }
}

function parseYamlText(text: string, shown: string): unknown {
  checkYamlFlowDepth(text, shown);
  let value: unknown;
  try {
    value = parseYaml(text, { maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw new DataError(shown, [{ path: '', message: `nests objects and lists deeper than the limit of ${MAX_DEPTH} levels` }]);
    const msg = (e as Error).message.split('\n')[0];
    if (/alias count/i.test(msg)) throw new DataError(shown, [{ path: '', message: `resolves more YAML aliases (*name) than the limit of ${MAX_YAML_ALIASES}` }]);
    throw new DataError(shown, [{ path: '', message: `not valid YAML: ${msg.replace(/:$/, '')}` }]);
  }
  checkValueDepth(value, shown);
  return value;
}

/** A scenario argument: an id from scenarios/ ("battle-1") or a path to a file. */
export function scenarioPath(idOrPath: string): string {
  if (/[\\/]/.test(idOrPath) || /\.(json|ya?ml)$/i.test(idOrPath)) return resolve(idOrPath);
  for (const ext of ['.json', '.yaml', '.yml']) {
    const p = join(SCENARIO_DIR, idOrPath + ext);
    if (existsSync(p)) return p;
  }
  throw new DataError(idOrPath, [{ path: '', message: `no scenario with this id in ${displayPath(SCENARIO_DIR)} (expected one of: ${listScenarios().join(', ')}; or a path to a scenario file)` }]);
}

export function listScenarios(): string[] {
  try {
    return readdirSync(SCENARIO_DIR).filter((f) => /\.(json|ya?ml)$/.test(f)).map((f) => f.replace(/\.(json|ya?ml)$/, '')).sort();
  } catch {
    return [];
  }
}

const MAP_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const mapCache = new Map<string, MapIndex>();

/** Finds a map by id: next to the scenario (maps/<id>.map.json), then in the project's scenarios/maps. */
export function loadMap(mapId: string, scenarioFile?: string): MapIndex {
  const owner = scenarioFile ? displayPath(scenarioFile) : mapId;
  // The id becomes part of a path (maps/<id>.map.json): a path in it could reach any file.
  if (!MAP_ID.test(mapId)) throw new DataError(owner, [{ path: 'map', message: 'expected a map id (letters, digits, "-", "_" and "."), not a path' }]);
  const candidates = [
    ...(scenarioFile ? [join(dirname(scenarioFile), 'maps', `${mapId}.map.json`)] : []),
    join(MAP_DIR, `${mapId}.map.json`),
  ];
  const file = candidates.find((c) => existsSync(c));
  if (!file) throw new DataError(owner, [{ path: 'map', message: `no map "${mapId}" found (looked for ${candidates.map(displayPath).join(' and ')})` }]);
  if (scenarioFile && file === candidates[0] && !realWithin(dirname(scenarioFile), file)) {
    throw new DataError(owner, [{ path: 'map', message: `${displayPath(file)} is a link to a file outside the scenario's folder (a map must be in the scenario's maps/ folder or the project's)` }]);
  }
  const hit = mapCache.get(file);
  if (hit) return hit;
  const idx = indexMap(readData(file) as HexMapData);
  mapCache.set(file, idx);
  return idx;
}

/** A what-if file (JSON or YAML), checked against the what-if format. */
export function readWhatIf(file: string): ReadWhatIf {
  return whatIfOf(nodeReader.read(file), nodeReader.shown(file));
}

export interface ContextOptions {
  /** Path of a what-if file to apply to the scenario (its changes, and its parameter overrides for this context only). */
  whatIf?: string;
  /** Path of a parameter file (`{ "note", "set": { group: { name: { value } } } }`) applied after the what-if's. */
  params?: string;
}

/** A parameter file (see paramsFileOf in engine/core/load-context.ts). */
export function readParamsFile(file: string): ParamsFile {
  return paramsFileOf(nodeReader.read(file), nodeReader.shown(file));
}

/**
 * The project's files as engine/core/load-context.ts reads them in Node: paths relative to the
 * working directory, includes relative to the scenario's folder and confined to it (includes.ts),
 * maps next to the scenario or in the project's scenarios/maps, every file within the input limits.
 */
export const nodeReader: DataReader = {
  read: (path) => readData(resolve(path)),
  exists: (path) => existsSync(path),
  resolve: (from, rel) => confineInclude(from, displayPath(resolve(from)), rel),
  folderOf: (path) => dirname(resolve(path)),
  shown: (path) => displayPath(resolve(path)),
  map: (mapId, scenarioPath) => loadMap(mapId, scenarioPath),
};

/**
 * Loads, validates and resolves a scenario (an id from scenarios/ or a path) with its map and the
 * default parameters, or with a what-if applied (then the context's parameters are the what-if's,
 * for this context alone).
 */
export function loadContext(idOrPath: string, opts: ContextOptions = {}): EngineContext {
  const file = scenarioPath(idOrPath);
  const once = onceEach(displayPath(file));
  const resolveOnce = (from: string, rel: string) => {
    const p = nodeReader.resolve(from, rel);
    once(p, rel);
    return p;
  };
  return loadContextSync({ ...nodeReader, resolve: resolveOnce }, file, opts);
}

export { WriteError, writeFileAtomic } from './write-file.ts';
