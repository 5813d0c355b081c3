// A vite plugin that bakes each map's whole-map overview into overview/<map id>.png when the app
// is built (scripts/overview/bake.ts), so the page shows the map at start without drawing it.
// Baking takes a few seconds a map, in a process of its own (bake-cli.ts: vite's config, which
// every vitest run loads, stays free of the engine); the picture is kept in a cache folder under the system's
// temporary folder, keyed by the map file and the drawing code, so a build that changed neither
// reuses it. `npm start` (vite's dev server) has no overview: the page then bakes it itself.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The code that decides what the overview looks like: a change to any of it bakes anew. */
const DRAWING_CODE = ['ui/map/draw-terrain.ts', 'ui/map/geometry.ts', 'ui/style-map.ts', 'scripts/overview/raster.ts', 'scripts/overview/png.ts', 'scripts/overview/bake.ts', 'scripts/overview/bake-cli.ts'];
const CACHE = join(tmpdir(), 'cassino-overview-cache');

/** The overview of the map in `file` (a *.map.json), from the cache or baked now. */
export function overviewOf(file: string): Buffer {
  const text = readFileSync(file, 'utf8');
  const hash = createHash('sha256').update(text);
  for (const f of DRAWING_CODE) hash.update(readFileSync(join(ROOT, f)));
  const cached = join(CACHE, `${hash.digest('hex').slice(0, 32)}.png`);
  if (existsSync(cached)) return readFileSync(cached);
  mkdirSync(CACHE, { recursive: true });
  // Written aside and renamed, so that a build running at the same time never reads half a file.
  const part = `${cached}.${process.pid}.part`;
  execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/overview/bake-cli.ts'), file, part], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  renameSync(part, cached);
  return readFileSync(cached);
}

export function overviewPlugin(mapsDir: string): Plugin {
  return {
    name: 'cassino-map-overview',
    apply: 'build',
    generateBundle() {
      for (const f of readdirSync(mapsDir).filter((n) => n.endsWith('.map.json')).sort()) {
        this.emitFile({ type: 'asset', fileName: `overview/${f.replace(/\.map\.json$/, '')}.png`, source: overviewOf(join(mapsDir, f)) });
      }
    },
  };
}
