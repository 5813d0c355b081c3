// Map build, I/O part: reads the geographic sources in scenarios/maps/sources/, validates them
// (errors name the file, the path inside it and what was expected), compiles them and writes
// scenarios/maps/cassino-sector.map.json atomically. Run with `npm run build:map`.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HexMapData } from '../../core/map.ts';
import { type MapSources, SOURCE_FILES, SourceError, compileMap, serializeMap } from './compile.ts';

export { SourceError };

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SOURCES_DIR = path.join(REPO_ROOT, 'scenarios/maps/sources');
export const MAP_OUT = path.join(REPO_ROOT, 'scenarios/maps/cassino-sector.map.json');

function formatPath(p: ReadonlyArray<PropertyKey>): string {
  let s = '';
  for (const k of p) s += typeof k === 'number' ? `[${k}]` : `${s ? '.' : ''}${String(k)}`;
  return s || '(top level)';
}

function loadOne<K extends keyof typeof SOURCE_FILES>(dir: string, key: K): MapSources[K] {
  const { file, schema } = SOURCE_FILES[key];
  const full = path.join(dir, file);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch (e) {
    throw new SourceError(`${file}: cannot read ${full}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SourceError(`${file}: invalid JSON: ${(e as Error).message}`);
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const lines = r.error.issues.slice(0, 20).map((i) => `${file}: ${formatPath(i.path)}: ${i.message}`);
    if (r.error.issues.length > 20) lines.push(`${file}: ... and ${r.error.issues.length - 20} more problems`);
    throw new SourceError(lines.join('\n'));
  }
  return r.data as MapSources[K];
}

/** Reads and validates the four source files of `dir`. Throws SourceError. */
export function loadSources(dir: string = SOURCES_DIR): MapSources {
  return {
    places: loadOne(dir, 'places'),
    rivers: loadOne(dir, 'rivers'),
    routes: loadOne(dir, 'routes'),
    areas: loadOne(dir, 'areas'),
  };
}

/** Writes text to file through a temporary file and a rename, so nothing is ever half-written. */
export function writeAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export function buildMap(dir: string = SOURCES_DIR, out: string = MAP_OUT): HexMapData {
  const map = compileMap(loadSources(dir));
  writeAtomic(out, serializeMap(map));
  return map;
}

export function summary(map: HexMapData): string {
  const perRiver = map.rivers.map((r) => `${r.id} ${map.riverSides.filter((s) => s.river === r.id).length}`).join(', ');
  const kinds = new Map<string, number>();
  for (const l of map.links) kinds.set(l.kind, (kinds.get(l.kind) ?? 0) + 1);
  return [
    `${map.id} v${map.version}: ${map.grid.cols} x ${map.grid.rows} = ${map.elevation.length} hexes of ${map.grid.hexSizeM} m`,
    `river sides: ${map.riverSides.length} (${perRiver})`,
    `links: ${map.links.length} (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')})`,
    `places: ${map.places.length}`,
    `observation posts: ${map.observationPosts.length}`,
  ].join('\n');
}

function main(): void {
  const t0 = performance.now();
  try {
    const map = buildMap();
    console.log(summary(map));
    console.log(`wrote ${path.relative(process.cwd(), MAP_OUT)} in ${Math.round(performance.now() - t0)} ms`);
  } catch (e) {
    if (e instanceof SourceError) {
      console.error(`map build failed:\n${e.message}`);
      process.exitCode = 1;
      return;
    }
    throw e;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
