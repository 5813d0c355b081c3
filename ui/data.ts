// The project's data files as the browser sees them: scenarios, the files they include, maps and
// what-ifs, found by vite's import.meta.glob at build time and loaded lazily. Shared by the page
// and the engine worker, which both resolve a scenario the way engine/node/files.ts does in Node.
import scenarioIndex from 'virtual:scenario-index';
import { parse as parseYaml } from 'yaml';
import {
  type DataReader, type EngineContext, type HexMapData, type MapIndex, type ReadWhatIf, DataError, includePaths, indexMap, loadContextAsync, whatIfOf,
} from '../engine/core/index.ts';

type Loader = () => Promise<unknown>;

const scenarioFiles = import.meta.glob('../scenarios/*.json', { import: 'default' }) as Record<string, Loader>;
const includeFiles = import.meta.glob(
  ['../scenarios/oob/*.json', '../scenarios/plans/*.json', '../scenarios/weather/*.json'],
  { import: 'default' },
) as Record<string, Loader>;
const mapFiles = import.meta.glob('../scenarios/maps/*.map.json', { import: 'default' }) as Record<string, Loader>;
/** What-if files (scenarios/whatifs/*.json, *.yaml, *.yml) as text, parsed by readWhatIf. */
export const whatIfFiles = import.meta.glob('../scenarios/whatifs/*.{json,yaml,yml}', { query: '?raw', import: 'default' }) as Record<string, Loader>;

/** The shipped what-if file names (e.g. "no-abbey-bombing.json"), sorted. */
export function whatIfFileNames(): string[] {
  return Object.keys(whatIfFiles).map((k) => k.slice(`${PREFIX}whatifs/`.length)).sort();
}

/** A shipped what-if, parsed (JSON or YAML) and checked against the what-if format. */
export async function readWhatIf(name: string): Promise<ReadWhatIf> {
  const file = `scenarios/whatifs/${name}`;
  const load = whatIfFiles[`${PREFIX}whatifs/${name}`];
  if (!load) throw new DataError(file, [{ path: '', message: 'file not found' }]);
  const text = String(await load());
  let obj: unknown;
  try {
    obj = /\.ya?ml$/.test(name) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new DataError(file, [{ path: '', message: `not valid ${/\.ya?ml$/.test(name) ? 'YAML' : 'JSON'}: ${(e as Error).message.split('\n')[0]}` }]);
  }
  return whatIfOf(obj, file);
}

const PREFIX = '../scenarios/';

/** The scenario file names shipped (e.g. "battle-2.json"), sorted. */
export function scenarioFileNames(): string[] {
  return Object.keys(scenarioFiles).map((k) => k.slice(PREFIX.length)).sort();
}

export function mapIds(): string[] {
  return Object.keys(mapFiles).map((k) => k.slice(PREFIX.length + 'maps/'.length).replace(/\.map\.json$/, '')).sort();
}

/** Scenario id from a file name ("battle-2.json" -> "battle-2"). */
export const scenarioIdOf = (file: string): string => file.replace(/\.json$/, '');

/** The default scenario: battle-1 when it exists, else test-skirmish, else the first file. */
export function defaultScenarioFile(): string {
  const names = scenarioFileNames();
  if (names.includes('battle-1.json')) return 'battle-1.json';
  if (names.includes('test-skirmish.json')) return 'test-skirmish.json';
  return names[0];
}

export async function readScenarioRaw(file: string): Promise<unknown> {
  const load = scenarioFiles[PREFIX + file];
  if (!load) throw new DataError(`scenarios/${file}`, [{ path: '', message: 'file not found' }]);
  return structuredClone(await load());
}

export interface ScenarioHead { file: string; id: string; name: string; map: string; window?: { start: string; end: string } }

/**
 * The name, map and window of every scenario file, for the chooser (broken files are listed too),
 * from the index built with the scenarios: no scenario file is downloaded to list them.
 */
export async function scenarioHeads(): Promise<ScenarioHead[]> {
  return scenarioIndex;
}

const mapCache = new Map<string, Promise<MapIndex>>();

export function loadMap(mapId: string): Promise<MapIndex> {
  let hit = mapCache.get(mapId);
  if (!hit) {
    const load = mapFiles[`${PREFIX}maps/${mapId}.map.json`];
    if (!load) return Promise.reject(new DataError(`scenarios/maps/${mapId}.map.json`, [{ path: '', message: `no map "${mapId}" in scenarios/maps` }]));
    hit = load().then((data) => indexMap(data as HexMapData));
    mapCache.set(mapId, hit);
  }
  return hit;
}

/** Normalises "a/./b/../c" to "a/c". */
function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** The included files (order of battle, plans, weather) by path from the project's root ("scenarios/oob/x.json"). */
const includeLoader = (path: string): Loader | undefined => includeFiles[`../${normalise(path)}`];

/**
 * The shipped files as engine/core/load-context.ts reads them in the browser: paths from the
 * project's root ("scenarios/battle-1.json"), bundled by vite and loaded lazily.
 */
export const browserReader: DataReader = {
  read: async (path) => {
    if (path.startsWith('scenarios/') && !path.slice('scenarios/'.length).includes('/')) return prefetchParts(path, await readScenarioRaw(path.slice('scenarios/'.length)));
    const load = includeLoader(path);
    if (!load) throw new DataError(path, [{ path: '', message: 'file not found' }]);
    return structuredClone(await load());
  },
  exists: (path) => includeLoader(path) !== undefined,
  resolve: (from, rel) => normalise(`${browserReader.folderOf(from)}/${rel}`),
  folderOf: (path) => path.slice(0, Math.max(0, path.lastIndexOf('/'))),
  shown: (path) => path,
  map: (mapId) => loadMap(mapId),
};

/**
 * Starts fetching a scenario's map and included files at once, so that the load, which reads them
 * one after another, finds each already on its way (vite's loaders and loadMap share one fetch).
 * Only the order of the fetches changes: a part that fails is reported by the read that needs it.
 */
function prefetchParts(path: string, raw: unknown): unknown {
  const mapId = (raw as { map?: unknown } | null)?.map;
  if (typeof mapId === 'string') loadMap(mapId).catch(() => {});
  for (const rel of includePaths(raw)) includeLoader(browserReader.resolve(path, rel))?.().catch(() => {});
  return raw;
}

/**
 * Loads and resolves a shipped scenario ("battle-1.json") with its map, included files and the
 * default parameters, or with a what-if applied: the loader `cassino` uses, with the browser's reader.
 */
export function loadContext(file: string, whatIf?: ReadWhatIf): Promise<EngineContext> {
  return loadContextAsync(browserReader, `scenarios/${file}`, whatIf ? { whatIf } : {});
}

/** A readable message for any error thrown while loading (DataError lists every problem). */
export function errorText(e: unknown): string {
  if (e instanceof DataError) return e.message;
  return e instanceof Error ? e.message : String(e);
}
