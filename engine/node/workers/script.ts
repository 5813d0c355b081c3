// The script a worker thread starts from. A worker that registers tsx and has some 200 modules
// transpiled and resolved one by one takes about 0.5 s to play its first run, 0.9 s when two start
// together; started from one bundle of its modules (built by esbuild, which tsx runs on, once per
// process and while the main thread loads the scenario) it takes 0.3 s, and 0.5 s for two
// (BENCHMARKS.md, "Batch throughput"). If esbuild cannot bundle, workers start through
// bootstrap.mjs and tsx as before: slower to start, the same runs.
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Plugin } from 'esbuild';

export interface WorkerScript {
  url: URL;
  /** With bootstrap.mjs: the TypeScript module it imports after registering tsx. */
  module?: string;
}

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);
const built = new Map<string, Promise<WorkerScript>>();

/** The script for a worker running `entry` (a .ts module), built once per process. */
export function workerScript(entry: URL): Promise<WorkerScript> {
  let s = built.get(entry.href);
  if (!s) {
    s = bundle(entry).catch(() => throughTsx(entry));
    built.set(entry.href, s);
  }
  return s;
}

/** Builds the scripts again on next use (the batch bench: each batch pays for it, as each command does). */
export function forgetWorkerScripts(): void {
  built.clear();
}

/** The slower start: bootstrap.mjs registers tsx in the worker, then imports `entry`. */
export function throughTsx(entry: URL): WorkerScript {
  return { url: BOOTSTRAP, module: entry.href };
}

export function startWorker(script: WorkerScript, workerData: Record<string, unknown>): Worker {
  return new Worker(script.url, { workerData: script.module !== undefined ? { ...workerData, module: script.module } : workerData });
}

async function bundle(entry: URL): Promise<WorkerScript> {
  const { build } = await import('esbuild');
  const entryFile = fileURLToPath(entry);
  const r = await build({
    entryPoints: [entryFile], bundle: true, write: false, platform: 'node', format: 'esm', target: `node${process.versions.node}`,
    logLevel: 'silent',
    // Bundled CommonJS packages require node's built-in modules (seedrandom: crypto).
    banner: { js: `import { createRequire as __cassinoRequire } from 'node:module'; const require = __cassinoRequire(${JSON.stringify(entryFile)});` },
    plugins: [ownUrls],
  });
  const code = r.outputFiles[0].text;
  return { url: new URL(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`) };
}

/** Each module's import.meta.url stays its own file's URL (files.ts finds the project's folder by it). */
const ownUrls: Plugin = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (a) => ({
      contents: (await readFile(a.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(a.path).href)),
      loader: 'ts',
    }));
  },
};
