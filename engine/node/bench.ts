// Benchmarks: one turn and one whole run (median of several) of every shipped scenario, written
// to BENCHMARKS.md with the command and the machine that produced them. Timings use the clock,
// so they live here in the Node-only part, never in the engine or in tests.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { readFileSync, existsSync } from 'node:fs';
import { playTurn, runGame, startGame } from '../core/run.ts';
import { ROOT, listScenarios, loadContext, writeFileAtomic } from './files.ts';
import { REFERENCE_CHECKSUM, referenceWorkload } from './bench-reference.ts';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}


/** Times the reference workload `n` times (bench-reference.ts), checking its result. */
function timeReference(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const sum = referenceWorkload();
    out.push(performance.now() - t0);
    if (sum !== REFERENCE_CHECKSUM) throw new Error(`the reference workload gave ${sum}, expected ${REFERENCE_CHECKSUM}: it was changed`);
  }
  return out;
}

interface Row { scenario: string; turns: number; units: number; hexes: number; turnMs: number; runMs: number; runs: number }

export async function bench(argv: string[]): Promise<number> {
  const only = argv.filter((a) => !a.startsWith('--'));
  const write = !argv.includes('--no-write');
  const ids = only.length ? only : listScenarios();
  const rows: Row[] = [];
  // The yardstick, timed before and after the scenarios (the machine's load may change meanwhile).
  timeReference(2);
  const refTimes = timeReference(5);
  for (const id of ids) {
    const ctx = loadContext(id);
    // Warm up the JIT and the map index.
    runGame(ctx, { seed: 'warm', recordActions: false });
    const runs = ctx.scenario.turns > 100 ? 3 : 7;
    const runTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      runGame(ctx, { seed: String(i + 1), recordActions: false });
      runTimes.push(performance.now() - t0);
    }
    // One turn: the middle turn of the scenario, from a state reached by playing up to it.
    let s = startGame(ctx, '1');
    const mid = Math.floor(ctx.scenario.turns / 2);
    for (let t = 0; t < mid; t++) s = playTurn(ctx, s);
    const turnTimes: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      playTurn(ctx, s);
      turnTimes.push(performance.now() - t0);
    }
    const row = { scenario: id, turns: ctx.scenario.turns, units: ctx.scenario.units.length, hexes: ctx.map.size, turnMs: median(turnTimes), runMs: median(runTimes), runs };
    rows.push(row);
    console.log(`${id.padEnd(16)} ${String(row.turns).padStart(4)} turns ${String(row.units).padStart(4)} units ${String(row.hexes).padStart(6)} hexes   turn ${row.turnMs.toFixed(2).padStart(8)} ms   run ${row.runMs.toFixed(1).padStart(8)} ms (median of ${runs})`);
  }
  refTimes.push(...timeReference(5));
  const refMs = median(refTimes);
  console.log(`reference workload ${refMs.toFixed(1)} ms (median of ${refTimes.length}; engine/node/bench-reference.ts)`);
  for (const r of rows) console.log(`${r.scenario.padEnd(16)} whole run = ${(r.runMs / refMs).toFixed(2)} x the reference workload`);
  if (write) {
    const file = join(ROOT, 'BENCHMARKS.md');
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const section = [
      '## Turn and whole-run times',
      '',
      `Command: \`npm run bench\` — Node ${process.version}, ${cpus().length} × ${cpu}. Median wall-clock times; one turn is the`,
      'middle turn of the scenario (all six phases, both sides\' controllers, the reducer\'s checks).',
      '',
      `The last column is the whole run in units of the reference workload shipped with the bench`,
      `(engine/node/bench-reference.ts; ${refMs.toFixed(1)} ms here, median of ${refTimes.length}), timed in the same process: it compares`,
      'figures from machines of different speeds or under different load.',
      '',
      '| scenario | turns | units | hexes | one turn (ms) | whole run (ms) | whole run / reference |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...rows.map((r) => `| ${r.scenario} | ${r.turns} | ${r.units} | ${r.hexes} | ${r.turnMs.toFixed(2)} | ${r.runMs.toFixed(1)} | ${(r.runMs / refMs).toFixed(2)} |`),
      '',
    ].join('\n');
    const head = '# Benchmarks\n\nFigures measured on this project\'s machines (2 cores). Re-run the command to refresh them.\n\n';
    let rest = '';
    if (existsSync(file)) {
      const old = readFileSync(file, 'utf8');
      // Keep other sections (batch throughput, browser frame time) written by other benchmarks.
      rest = old.split(/^## /m).slice(1).filter((s) => !s.startsWith('Turn and whole-run times')).map((s) => `## ${s}`).join('');
    }
    writeFileAtomic(file, head + section + (rest ? `\n${rest}` : ''));
    console.log(`written to ${file}`);
  }
  return 0;
}
