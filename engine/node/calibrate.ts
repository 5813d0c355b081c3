// `cassino calibrate [scenario...] [--runs N]`: plays each scenario's historical plan over N seeds
// and holds every documented target of the scenarios (data/history/targets.json, carried in each
// scenario's documented block) against the runs. A loss target passes when the simulated median
// is within its tolerance of the documented figure and the documented figure lies inside the
// 10th-90th percentile band; an outcome target when its check holds in at least its share of runs.
//
// A target documented over several battles (the 4th Indian and 2nd New Zealand Divisions over
// battles 2 and 3) is held against the sum of those battles' runs of the same seed when all of
// them are calibrated together, and against the campaign, which plays the whole period.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Scenario } from '../core/scenario.ts';
import { type BatchRunLine, isErrorLine, type BatchLine } from './batch/record.ts';
import { prepareWorkers, runPool } from './batch/pool.ts';
import { percentileSorted, round } from './batch/stats.ts';
import { displayPath, loadContext, readParamsFile, scenarioPath } from './files.ts';

export const CALIBRATE_SUMMARY = 'hold the documented losses and outcomes against many runs of the historical plans';
export const CALIBRATE_USAGE = 'cassino calibrate [scenario...] [--runs N] [--seed S] [--workers W] [--params FILE] [--json]';
export const DEFAULT_CALIBRATION = ['battle-1', 'battle-2', 'battle-3', 'battle-4', 'campaign'];
export const CALIBRATE_HELP = `Plays the historical plan of each scenario with seeds S..S+N-1 and prints, for every documented
target (data/history/targets.json, as carried in each scenario's documented block): the documented
value, the simulated median, the 10th-90th percentile band and a verdict.

  loss target     passes when the median is within the target's tolerance of the documented figure
                  and the documented figure lies inside the 10th-90th band
  outcome target  passes when its check (documented.outcomes[].check) holds in at least the
                  target's share of runs

A target documented over several battles (e.g. battles 2 and 3) is held against the sum of those
battles' runs with the same seed when they are calibrated together, and against the campaign.

Arguments:
  scenario            scenario ids or files (default: ${DEFAULT_CALIBRATION.join(' ')})
Options:
  --runs N            seeds per scenario (default 1000)
  --seed S            first seed, a whole number (default 1)
  --workers W         worker threads (default: this machine's ${availableParallelism()} cores)
  --params FILE       try other model parameters (JSON or YAML): {"note": "why",
                      "set": {"doctrine": {"locThreatHexes": {"value": 6}}}}; the groups and names
                      are those of engine/params/*.json, checked by the same schemas
  --json              print the verdicts as one JSON object

Exit codes: 0 every target passes, 1 a target fails or a run failed, 2 bad input or usage.`;

export class CalibrateUsageError extends Error {}

export interface LossVerdict {
  kind: 'loss';
  id: string;
  /** Scenario ids whose runs were summed, seed by seed, for this figure. */
  scenarios: string[];
  who: string;
  from: string;
  to: string;
  documented: number;
  tolerance: number;
  median: number;
  p10: number;
  p90: number;
  /** (median - documented) / documented. */
  error: number;
  pass: boolean;
  reason: string;
}

export interface OutcomeVerdict {
  kind: 'outcome';
  id: string;
  scenarios: string[];
  holds: string;
  required: number;
  observed: number;
  pass: boolean;
  reason: string;
}

export type Verdict = LossVerdict | OutcomeVerdict;

export interface CalibrationReport {
  format: 'cassino-calibration';
  runs: number;
  seeds: { first: string; last: string };
  /** The parameter file played in place of the shipped parameters, if any. */
  params?: { file: string; note?: string };
  scenarios: Array<{ id: string; version: string; failedRuns: string[] }>;
  verdicts: Verdict[];
  pass: boolean;
}

type LossTarget = NonNullable<NonNullable<Scenario['documented']>['losses']>[number];

/** The scenario ids a multi-battle target is summed over, e.g. battle: [2, 3] → battle-2, battle-3. */
function battleIds(t: LossTarget): string[] | undefined {
  return Array.isArray(t.battle) ? t.battle.map((b) => `battle-${b}`) : undefined;
}

export function lossVerdict(t: LossTarget, scenarios: string[], values: number[]): LossVerdict {
  const xs = Float64Array.from(values).sort();
  const median = percentileSorted(xs, 0.5);
  const p10 = percentileSorted(xs, 0.1);
  const p90 = percentileSorted(xs, 0.9);
  const error = (median - t.documented) / t.documented;
  const within = Math.abs(error) <= t.tolerance;
  const inBand = p10 <= t.documented && t.documented <= p90;
  const reason = within && inBand ? 'median within tolerance, documented inside the band'
    : !within ? `median ${error > 0 ? 'above' : 'below'} the documented figure by ${Math.round(Math.abs(error) * 100)} % (tolerance ${Math.round(t.tolerance * 100)} %)`
      : `documented figure ${t.documented < p10 ? 'below' : 'above'} the 10th-90th band`;
  return {
    kind: 'loss', id: t.id, scenarios, who: t.who, from: t.from, to: t.to, documented: t.documented, tolerance: t.tolerance,
    median: round(median, 1), p10: round(p10, 1), p90: round(p90, 1), error: round(error, 3), pass: within && inBand, reason,
  };
}

export function outcomeVerdict(o: { id: string; holds: string; share: number }, scenarios: string[], held: boolean[]): OutcomeVerdict {
  const observed = held.length ? held.filter(Boolean).length / held.length : 0;
  const pass = observed >= o.share;
  return {
    kind: 'outcome', id: o.id, scenarios, holds: o.holds, required: o.share, observed: round(observed, 4), pass,
    reason: pass ? 'share reached' : `held in ${Math.round(observed * 100)} % of runs, ${Math.round(o.share * 100)} % required`,
  };
}

/** Verdicts for the runs of each scenario (lines sorted by seed, the same seeds for every scenario). */
export function verdicts(scenarios: Array<{ sc: Scenario; lines: BatchRunLine[] }>): Verdict[] {
  const out: Verdict[] = [];
  const present = new Map(scenarios.map((x) => [x.sc.id, x]));
  const summed = new Set<string>();
  for (const { sc, lines } of scenarios) {
    for (const t of sc.documented?.losses ?? []) {
      const over = battleIds(t);
      if (over && over.includes(sc.id)) {
        // Documented over several battles: one verdict on their sum, when all of them are here.
        if (summed.has(t.id) || !over.every((id) => present.has(id))) continue;
        summed.add(t.id);
        const parts = over.map((id) => present.get(id)!.lines);
        const values = parts[0].map((_, i) => parts.reduce((sum, ls) => sum + (ls[i]?.targets[t.id] ?? 0), 0));
        out.push(lossVerdict(t, over, values));
        continue;
      }
      out.push(lossVerdict(t, [sc.id], lines.map((l) => l.targets[t.id] ?? 0)));
    }
    for (const o of sc.documented?.outcomes ?? []) out.push(outcomeVerdict(o, [sc.id], lines.map((l) => l.checks[o.id] === true)));
  }
  return out;
}

export interface CalibrateOptions {
  scenarios: string[];
  runs: number;
  seed: string;
  workers: number;
  /** Absolute path of a parameter file played in place of the shipped parameters. */
  params?: string;
  onProgress?: (msg: string) => void;
}

export async function calibrate(o: CalibrateOptions): Promise<CalibrationReport> {
  const seeds = Array.from({ length: o.runs }, (_, i) => String(BigInt(o.seed) + BigInt(i)));
  void prepareWorkers(); // bundled while the scenarios load
  const paramsFile = o.params !== undefined ? readParamsFile(o.params) : undefined;
  const loaded = o.scenarios.map((s) => {
    const file = scenarioPath(s);
    return { file, ctx: loadContext(file, o.params !== undefined ? { params: o.params } : {}) };
  });
  const played: Array<{ sc: Scenario; lines: BatchRunLine[]; failed: string[] }> = [];
  for (const { file, ctx } of loaded) {
    const bySeed = new Map<string, BatchLine>();
    const t0 = performance.now();
    await runPool({
      scenario: file, seeds, workers: o.workers, ...(o.params !== undefined ? { params: o.params } : {}),
      onResult: (r) => { bySeed.set(r.seed, JSON.parse(r.line) as BatchLine); },
    });
    const lines = seeds.map((s) => bySeed.get(s)!).filter(Boolean);
    const failed = lines.filter(isErrorLine).map((l) => l.seed);
    o.onProgress?.(`${ctx.scenario.id}: ${o.runs} runs in ${((performance.now() - t0) / 1000).toFixed(1)} s (${displayPath(file)})`);
    played.push({ sc: ctx.scenario, lines: lines.filter((l): l is BatchRunLine => !isErrorLine(l)), failed });
  }
  const vs = verdicts(played);
  const failedRuns = played.some((p) => p.failed.length > 0);
  return {
    format: 'cassino-calibration',
    runs: o.runs,
    seeds: { first: seeds[0], last: seeds[seeds.length - 1] },
    ...(paramsFile ? { params: { file: paramsFile.file, ...(paramsFile.note !== undefined ? { note: paramsFile.note } : {}) } } : {}),
    scenarios: played.map((p) => ({ id: p.sc.id, version: p.sc.version, failedRuns: p.failed })),
    verdicts: vs,
    pass: !failedRuns && vs.every((v) => v.pass),
  };
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-GB');
}

export function formatReport(r: CalibrationReport): string {
  const rows: string[][] = [['target', 'scenario', 'documented', 'median', '10th-90th', 'verdict']];
  for (const v of r.verdicts) {
    if (v.kind === 'loss') {
      rows.push([v.id, v.scenarios.join('+'), fmt(v.documented), fmt(v.median), `${fmt(v.p10)}-${fmt(v.p90)}`, v.pass ? 'pass' : `FAIL: ${v.reason}`]);
    } else {
      rows.push([v.id, v.scenarios.join('+'), `${Math.round(v.required * 100)} % of runs`, `${Math.round(v.observed * 100)} %`, '', v.pass ? 'pass' : `FAIL: ${v.reason}`]);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const lines = rows.map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const failed = r.scenarios.filter((s) => s.failedRuns.length);
  const tail = [
    '',
    `${r.runs} runs per scenario (seeds ${r.seeds.first}-${r.seeds.last}); ${r.verdicts.filter((v) => v.pass).length} of ${r.verdicts.length} targets pass.`,
    ...(r.params ? [`Parameters changed by ${r.params.file}${r.params.note ? ` (${r.params.note})` : ''}; every other parameter as shipped.`] : []),
    ...failed.map((s) => `${s.id}: ${s.failedRuns.length} runs failed (seeds ${s.failedRuns.slice(0, 10).join(', ')}${s.failedRuns.length > 10 ? ', …' : ''}).`),
  ];
  return [...lines, ...tail].join('\n');
}

export async function calibrateCommand(argv: string[]): Promise<number> {
  try {
    return await calibrateMain(argv);
  } catch (e) {
    if (!(e instanceof CalibrateUsageError)) throw e;
    console.error(`error: ${e.message}`);
    console.error(`usage: ${CALIBRATE_USAGE}`);
    return 2;
  }
}

async function calibrateMain(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { runs: { type: 'string' }, seed: { type: 'string' }, workers: { type: 'string' }, params: { type: 'string' }, json: { type: 'boolean' }, debug: { type: 'boolean' } },
  });
  const whole = (name: string, v: string | undefined, dflt: number, min: number): number => {
    if (v === undefined) return dflt;
    if (!/^\d+$/.test(v) || Number(v) < min) throw new CalibrateUsageError(`--${name} expects a whole number of at least ${min}, not "${v}"`);
    return Number(v);
  };
  const runs = whole('runs', values.runs, 1000, 1);
  const workers = whole('workers', values.workers, availableParallelism(), 1);
  const seed = String(whole('seed', values.seed, 1, 0));
  const scenarios = positionals.length ? positionals : DEFAULT_CALIBRATION;
  const params = values.params !== undefined ? resolve(values.params) : undefined;
  const report = await calibrate({ scenarios, runs, seed, workers, ...(params !== undefined ? { params } : {}), onProgress: (m) => console.error(m) });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.pass ? 0 : 1;
}
