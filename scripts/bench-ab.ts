// Compares the speed of whole runs between two builds of the engine on a machine others share.
// Each side is a git revision (read with `git archive` into a temporary folder) or `.` for the
// working tree; each is bundled as the batch workers bundle it (esbuild, one file), and the two
// bundles are run in turns, in fresh processes (node --single-threaded-gc, as `cassino batch`),
// each process playing a warm-up run then N timed runs. A run is timed in CPU time of the process,
// not wall-clock time, so time the machine gives to others between two samples does not count;
// contention for caches and memory still does, which taking turns spreads over both sides.
//
//   npx tsx scripts/bench-ab.ts <A> <B> <scenario> [--runs N] [--rounds R]
//
// Prints the median CPU milliseconds a run of each side and B/A (below 1: B is faster).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

/** The folder holding side `rev`'s engine: the working tree, or the revision unpacked in `work`. */
function tree(rev: string, work: string, label: string): string {
  if (rev === '.') return root;
  const dir = join(work, label);
  execFileSync('mkdir', ['-p', dir]);
  execFileSync('sh', ['-c', `git -C "${root}" archive "${rev}" | tar -x -C "${dir}"`]);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/** One bundle of a runner that plays `scenario` runs on the engine in `dir`, printing each run's CPU ms. */
async function bundle(dir: string, out: string): Promise<void> {
  const entry = `${out}.entry.ts`;
  writeFileSync(entry, [
    `import { runGame } from ${JSON.stringify(join(dir, 'engine/core/run.ts'))};`,
    `import { loadContext } from ${JSON.stringify(join(dir, 'engine/node/files.ts'))};`,
    'const ctx = loadContext(process.argv[2]);',
    "runGame(ctx, { seed: 'warm', recordActions: false });",
    'const times = [];',
    'for (let i = 0; i < Number(process.argv[3]); i++) {',
    '  const c0 = process.cpuUsage();',
    "  runGame(ctx, { seed: String(i + 1), recordActions: false });",
    '  const c = process.cpuUsage(c0);',
    '  times.push((c.user + c.system) / 1000);',
    '}',
    'console.log(JSON.stringify(times));',
  ].join('\n'));
  await build({
    entryPoints: [entry], bundle: true, outfile: out, platform: 'node', format: 'esm', target: `node${process.versions.node}`, logLevel: 'warning',
    nodePaths: [join(root, 'node_modules')],
    banner: { js: `import { createRequire as __r } from 'node:module'; const require = __r(${JSON.stringify(join(root, 'package.json'))});` },
    // Each module keeps its own import.meta.url (files.ts finds the project's folder by it).
    plugins: [{
      name: 'own-import-meta-url',
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, (a) => ({ contents: readFileSync(a.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(a.path).href)), loader: 'ts' }));
      },
    }],
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(argv: string[]): Promise<number> {
  const [a, b, scenario] = argv.filter((x, i) => !x.startsWith('--') && !argv[i - 1]?.startsWith('--'));
  if (!a || !b || !scenario) {
    console.error('usage: npx tsx scripts/bench-ab.ts <A> <B> <scenario> [--runs N] [--rounds R]   (A, B: a git revision or . for the working tree)');
    return 2;
  }
  const runs = option(argv, '--runs', 5);
  const rounds = option(argv, '--rounds', 4);
  const work = mkdtempSync(join(tmpdir(), 'cassino-ab-'));
  try {
    const sides = { A: join(work, 'A.mjs'), B: join(work, 'B.mjs') };
    await bundle(tree(a, work, 'tree-A'), sides.A);
    await bundle(tree(b, work, 'tree-B'), sides.B);
    const times: Record<'A' | 'B', number[]> = { A: [], B: [] };
    for (let r = 0; r < rounds; r++) {
      for (const k of r % 2 ? (['B', 'A'] as const) : (['A', 'B'] as const)) {
        const out = execFileSync(process.execPath, ['--single-threaded-gc', sides[k], scenario, String(runs)], { encoding: 'utf8' });
        times[k].push(...(JSON.parse(out.trim().split('\n').pop()!) as number[]));
      }
    }
    const ma = median(times.A);
    const mb = median(times.B);
    console.log(`${scenario}: A (${a}) ${ma.toFixed(1)} ms, B (${b}) ${mb.toFixed(1)} ms CPU a run (medians of ${times.A.length}); B/A ${(mb / ma).toFixed(3)}`);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
