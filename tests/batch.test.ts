// `cassino batch`: identical runs.jsonl whatever the number of workers, statistics on known data,
// resume after an interruption, failed runs recorded without stopping the batch, usage errors and
// the HTML report.
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { batchCommand } from '../engine/node/batch/command.ts';
import { histogram, mean, percentile, summaryStats } from '../engine/node/batch/stats.ts';
import { batchMeta, buildCsv, buildSummary, type BatchMeta } from '../engine/node/batch/summary.ts';
import type { BatchLine, BatchRunLine } from '../engine/node/batch/record.ts';
import { runLine } from '../engine/node/batch/record.ts';
import { replaceSection } from '../engine/node/batch/bench.ts';
import { Progress } from '../engine/node/batch/progress.ts';
import { runGame } from '../engine/core/run.ts';
import { summarise } from '../engine/core/report.ts';
import { loadContext } from '../engine/node/files.ts';
import { testContext } from './helpers.ts';

async function batch(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => { out.push(a.join(' ')); });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(a.join(' ')); });
  try {
    const code = await batchCommand(args);
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

const made: string[] = [];
const tmp = (): string => { const d = mkdtempSync(join(tmpdir(), 'cassino-batch-test-')); made.push(d); return d; };
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });
const read = (dir: string, f: string): string => readFileSync(join(dir, f), 'utf8');
const RUNS = '8';

/** test-skirmish with documented loss targets (it has none of its own). */
function documentedScenario(): string {
  const sc = JSON.parse(readFileSync(new URL('../scenarios/test-skirmish.json', import.meta.url), 'utf8'));
  sc.documented = {
    source: 'test fixture',
    losses: [
      { id: 't.36th', battle: 1, who: '36th Division', from: '1944-01-20', to: '1944-01-23', documented: 450, tolerance: 0.25, formations: ['us-36th-div'], side: 'allied' },
      { id: 't.141st-21jan', battle: 1, who: '141st Infantry on 21 January', from: '1944-01-21', to: '1944-01-21', documented: 150, tolerance: 0.3, formations: ['us-141st-inf'] },
    ],
    outcomes: [{ id: 't.town', battle: 1, share: 0.9, holds: 'The town is German at the end.', check: [{ kind: 'holds', objective: 'town', side: 'german' }] }],
  };
  const file = join(tmp(), 'skirmish-documented.json');
  writeFileSync(file, JSON.stringify(sc));
  return file;
}

afterEach(() => {
  delete process.env.CASSINO_BATCH_FAIL_SEED;
  delete process.env.CASSINO_BATCH_CRASH_SEED;
  delete process.env.CASSINO_BATCH_STOP_AFTER;
});

describe('batch statistics', () => {
  it('computes mean and type-7 percentiles on known data', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12);
    expect(percentile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(percentile([5, 1, 9], 0.5)).toBe(5);
    expect(percentile([7], 0.1)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
    // 1..11: h = 10p, so the 10th and 90th percentiles are exactly 2 and 10.
    const s = summaryStats(Array.from({ length: 11 }, (_, i) => 11 - i));
    expect(s).toEqual({ n: 11, mean: 6, median: 6, p10: 2, p90: 10, min: 1, max: 11 });
  });

  it('bins a histogram with nice widths that cover the documented figure', () => {
    const h = histogram([3, 7, 12, 18], 4, [30]);
    expect(h.step).toBe(10);
    expect(h.start).toBe(0);
    expect(h.counts).toEqual([2, 2, 0, 0]);
    expect(histogram([5, 5, 5]).counts.reduce((a, b) => a + b)).toBe(3);
  });

  it('builds summary.json and runs.csv from known runs', () => {
    const meta: BatchMeta = {
      scenario: { id: 's', version: '1', name: 'S' },
      sides: { allied: 'A', german: 'G' },
      objectives: [{ id: 'hill', name: 'Hill' }],
      figures: [
        { key: 'losses.allied', kind: 'side', id: 'allied', label: 'allied', side: 'allied' },
        { key: 'losses.german', kind: 'side', id: 'german', label: 'german', side: 'german' },
        { key: 'target.t', kind: 'target', id: 't', label: 'T', documented: 25, tolerance: 0.2 },
        { key: 'formation.div', kind: 'formation', id: 'div', label: 'Div', side: 'allied', level: 'division' },
      ],
      turnStarts: ['1944-01-20T06:00', '1944-01-20T18:00'],
      documentedOutcomes: [],
    };
    const line = (seed: string, allied: number, holder: 'allied' | 'german', perTurn: number[]): BatchRunLine => ({
      seed, stateHash: `h${seed}`, turns: 2,
      outcome: { hill: { holder, changes: [] } }, checks: {},
      losses: { allied, german: 1 }, formations: { div: allied - 1 }, targets: { t: allied * 2 },
      perTurn: { allied: perTurn, german: [1, 0] },
    });
    const lines: BatchLine[] = [
      line('1', 10, 'german', [4, 6]), line('2', 20, 'allied', [10, 10]), line('3', 30, 'german', [30, 0]),
      { seed: '4', error: 'boom, "bad"' }, line('5', 40, 'german', [0, 40]),
    ];
    const s = buildSummary(meta, { first: '1', count: 6 }, lines);
    expect(s.runs).toBe(5);
    expect(s.complete).toBe(false);
    expect(s.failed).toBe(1);
    expect(s.failedSeeds).toEqual(['4']);
    expect(s.seeds).toEqual({ first: '1', last: '6', count: 6 });
    expect(s.figures['losses.allied']).toMatchObject({ n: 4, mean: 25, median: 25, p10: 13, p90: 37, min: 10, max: 40 });
    expect(s.figures['target.t']).toMatchObject({ median: 50, documented: 25, kind: 'target' });
    expect(s.figures['formation.div'].mean).toBe(24);
    expect(s.objectives.hill.held).toEqual({ allied: 0.25, german: 0.75, none: 0 });
    expect(s.lossesOverTime.allied.median).toEqual([7, 8]);
    expect(s.lossesOverTime.turnStarts).toEqual(meta.turnStarts);
    const csv = buildCsv(meta, lines).split('\r\n');
    expect(csv[0]).toBe('seed,stateHash,turns,error,holder.hill,losses.allied,losses.german,target.t,formation.div');
    expect(csv[1]).toBe('1,h1,2,,german,10,1,20,9');
    expect(csv[4]).toBe('4,,,"boom, ""bad""",,,,,');
  });

  it('counts documented target windows from the per-turn loss table', () => {
    const ctx = loadContext(documentedScenario());
    const r = runGame(ctx, { seed: '1', recordActions: false });
    const sum = summarise(ctx, r.state, '1', r.objectives, r.finalHash, r.checks);
    const l = runLine(ctx, sum);
    expect(l.targets['t.36th']).toBe(sum.losses.bySide.allied);
    const day = sum.lossTable.filter((x) => x.date === '1944-01-21' && ctx.scenario.unitById[x.unit].formation === 'us-141st-inf').reduce((a, x) => a + x.men, 0);
    expect(day).toBeGreaterThan(0);
    expect(l.targets['t.141st-21jan']).toBe(day);
    expect(l.perTurn.allied.reduce((a, b) => a + b, 0) + l.perTurn.german.reduce((a, b) => a + b, 0)).toBe(sum.losses.bySide.allied + sum.losses.bySide.german);
    expect(Object.keys(l.formations)).toEqual(['us-ii-corps', 'us-36th-div', 'us-141st-inf', 'us-143rd-inf', 'de-xiv-pz-corps', 'de-15th-pgd', 'de-104th-pgr', 'de-129th-pgr']);
    expect(batchMeta(ctx.scenario).figures.find((f) => f.key === 'target.t.141st-21jan')?.side).toBe('allied');
  });

  it('reports progress without a terminal every 10 % of the runs, with runs/s and time left', () => {
    let now = 0;
    const out: string[] = [];
    const p = new Progress({ total: 100, before: 0, all: 100, tty: false, write: (t) => out.push(t), now: () => now });
    for (let i = 1; i <= 100; i++) { now = i * 100; p.update(i, i > 50 ? 1 : 0); }
    expect(out).toHaveLength(9);
    expect(out[0]).toMatch(/^batch: 10 of 100 runs done \(10 %\), 10\.0 runs\/s, 9s left\n$/);
    expect(out[8]).toMatch(/^batch: 90 of 100 runs done \(90 %\), 1 failed, 10\.0 runs\/s, 1s left/);
    // cassino compare says what it is doing.
    const cmp: string[] = [];
    let t = 0;
    const c = new Progress({ label: 'compare', total: 10, before: 0, all: 10, tty: false, write: (x) => cmp.push(x), now: () => t });
    t = 2000;
    c.update(5, 0);
    expect(cmp.at(-1)).toMatch(/^compare: 5 of 10 runs done/);
  });

  it('replaces its own BENCHMARKS.md section and keeps the others', () => {
    const doc = '# Benchmarks\n\nintro\n\n## Turn and whole-run times\n\nA\n\n## Batch throughput\n\nold\n\n## Browser\n\nB\n';
    const out = replaceSection(doc, 'Batch throughput', 'new');
    expect(out).toBe('# Benchmarks\n\nintro\n\n## Turn and whole-run times\n\nA\n\n## Batch throughput\n\nnew\n\n## Browser\n\nB\n');
    expect(replaceSection('# Benchmarks\n\n## Turn\n\nA\n', 'Batch throughput', 'x')).toBe('# Benchmarks\n\n## Turn\n\nA\n\n## Batch throughput\n\nx\n');
  });
});

describe('cassino batch', () => {
  // test-skirmish with documented targets, played once on one worker; the other tests compare with it.
  let scenario = '';
  let reference: { dir: string; runs: string } | undefined;
  async function referenceRun(): Promise<{ dir: string; runs: string }> {
    if (!reference) {
      scenario = documentedScenario();
      const dir = tmp();
      const r = await batch([scenario, '--runs', RUNS, '--workers', '1', '--out', dir]);
      expect(r.code, r.err).toBe(0);
      reference = { dir, runs: read(dir, 'runs.jsonl') };
    }
    return reference;
  }

  it('writes the same runs.jsonl, sorted by seed, with 1 and 2 workers', async () => {
    const one = await referenceRun();
    const dir = tmp();
    const r = await batch([scenario, '--runs', RUNS, '--workers', '2', '--out', dir]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/8 of 8 runs done/);
    expect(read(dir, 'runs.jsonl')).toBe(one.runs);
    expect(read(dir, 'summary.json')).toBe(read(one.dir, 'summary.json'));
    expect(read(dir, 'report.html')).toBe(read(one.dir, 'report.html'));
    const lines = one.runs.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.seed)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const ctx = testContext();
    const direct = runGame(ctx, { seed: '7', recordActions: false });
    expect(lines[6].stateHash).toBe(direct.finalHash);
    expect(lines[6].turns).toBe(5);
    expect(Object.keys(lines[6].outcome)).toEqual(['town', 'crossing', 'ford-north']);
    expect(lines[6].perTurn.allied).toHaveLength(5);
    expect(Object.keys(lines[6].targets)).toEqual(['t.36th', 't.141st-21jan']);
    for (const f of ['summary.json', 'runs.csv', 'report.html', 'batch.json']) expect(existsSync(join(dir, f)), f).toBe(true);
    expect(read(dir, 'runs.csv').trimEnd().split('\r\n')).toHaveLength(9);
    const summary = JSON.parse(read(dir, 'summary.json'));
    expect(summary).toMatchObject({ runs: 8, failed: 0, complete: true, scenario: { id: 'test-skirmish', version: '1' }, seeds: { first: '1', last: '8', count: 8 } });
    expect(summary.figures['target.t.36th']).toMatchObject({ documented: 450, tolerance: 0.25, n: 8 });
  });

  it('seeds from --seed S as S..S+N-1 and sorts them numerically', async () => {
    const dir = tmp();
    const r = await batch(['test-skirmish', '--runs', '3', '--seed', '0009', '--workers', '2', '--out', dir]);
    expect(r.code, r.err).toBe(0);
    expect(read(dir, 'runs.jsonl').trimEnd().split('\n').map((l) => JSON.parse(l).seed)).toEqual(['9', '10', '11']);
    expect(JSON.parse(read(dir, 'summary.json')).seeds).toEqual({ first: '9', last: '11', count: 3 });
  });

  it('resumes an interrupted batch to the same runs.jsonl as one full run', async () => {
    const full = await referenceRun();
    const dir = tmp();
    process.env.CASSINO_BATCH_STOP_AFTER = '3';
    const first = await batch([scenario, '--runs', RUNS, '--workers', '2', '--out', dir]);
    delete process.env.CASSINO_BATCH_STOP_AFTER;
    expect(first.code).toBe(130);
    expect(first.err).toMatch(/interrupted after 3 of 8 runs; continue it with: cassino batch .* --out .* --resume/);
    expect(read(dir, 'runs.jsonl').trimEnd().split('\n')).toHaveLength(3);
    expect(JSON.parse(read(dir, 'summary.json'))).toMatchObject({ runs: 3, complete: false });
    // A kill while writing leaves a partial last line; the finished lines may be in any order.
    const lines = read(dir, 'runs.jsonl').trimEnd().split('\n');
    writeFileSync(join(dir, 'runs.jsonl'), [...lines].reverse().join('\n') + '\n{"seed":"8","stateH');
    const second = await batch([scenario, '--out', dir, '--resume', '--workers', '2']);
    expect(second.code, second.err).toBe(0);
    expect(second.out).toMatch(/8 of 8 runs done \(5 now/);
    expect(read(dir, 'runs.jsonl')).toBe(full.runs);
    expect(read(dir, 'summary.json')).toBe(read(full.dir, 'summary.json'));
  });

  it('refuses to resume a different batch, or to overwrite one, with exit 2', async () => {
    const { dir } = await referenceRun();
    const other = await batch([scenario, '--runs', '20', '--out', dir, '--resume']);
    expect(other.code).toBe(2);
    expect(other.err.split('\n')[0]).toMatch(/^error: cannot resume: .* holds 8 runs from seed 1 of test-skirmish v1, not 20 runs from seed 1 \(/);
    const seed = await batch([scenario, '--seed', '5', '--out', dir, '--resume']);
    expect(seed.code).toBe(2);
    const again = await batch([scenario, '--runs', RUNS, '--out', dir]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already holds a batch; add --resume to continue it/);
    const nothing = await batch([scenario, '--out', tmp(), '--resume']);
    expect(nothing.code).toBe(2);
    expect(nothing.err).toMatch(/no batch to resume/);
    const batchJson = JSON.parse(read(dir, 'batch.json'));
    writeFileSync(join(dir, 'batch.json'), JSON.stringify({ ...batchJson, scenario: { ...batchJson.scenario, version: '0' } }));
    const version = await batch([scenario, '--out', dir, '--resume']);
    writeFileSync(join(dir, 'batch.json'), JSON.stringify(batchJson));
    expect(version.code).toBe(2);
    expect(version.err).toMatch(/cannot resume: .* holds 8 runs from seed 1 of test-skirmish v0, not scenario test-skirmish v1/);
  });

  it('records a run that throws and a worker that dies, and goes on', async () => {
    const full = await referenceRun();
    const dir = tmp();
    process.env.CASSINO_BATCH_FAIL_SEED = '3';
    process.env.CASSINO_BATCH_CRASH_SEED = '6';
    const r = await batch([scenario, '--runs', RUNS, '--workers', '2', '--out', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error: 2 of 8 runs failed \(seeds 3, 6\); their errors are in/);
    const got = read(dir, 'runs.jsonl').trimEnd().split('\n');
    const want = full.runs.trimEnd().split('\n');
    expect(got).toHaveLength(8);
    expect(JSON.parse(got[2])).toEqual({ seed: '3', error: 'injected failure for seed 3 (CASSINO_BATCH_FAIL_SEED)' });
    expect(JSON.parse(got[5]).seed).toBe('6');
    expect(JSON.parse(got[5]).error).toMatch(/worker playing this run stopped/);
    for (const i of [0, 1, 3, 4, 6, 7]) expect(got[i]).toBe(want[i]);
    const s = JSON.parse(read(dir, 'summary.json'));
    expect(s).toMatchObject({ runs: 8, failed: 2, failedSeeds: ['3', '6'] });
    expect(s.figures['losses.allied'].n).toBe(6);
    expect(read(dir, 'runs.csv')).toContain('3,,,injected failure for seed 3 (CASSINO_BATCH_FAIL_SEED)');
  });

  it('writes a self-contained report.html with the documented figures marked', async () => {
    const { dir } = await referenceRun();
    const html = read(dir, 'report.html');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html.match(/<line class="documented-marker"/g)).toHaveLength(2);
    expect(html).toContain('data-documented="450"');
    expect(html).toContain('data-documented="150"');
    expect(html).toContain('The town is German at the end.');
    expect(html).toMatch(/<svg class="band"/);
    expect(html).toMatch(/<svg class="shares"/);
    expect(html.match(/<svg class="hist"/g)!.length).toBe(2 + 2 + 8);
    expect(html).not.toMatch(/https?:\/\/|<script[^>]*src|<link|<img/);
    expect(read(dir, 'runs.csv').split('\r\n')[0]).toContain('target.t.141st-21jan');
  });

  it('answers bad usage with exit 2 and one sentence', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['test-skirmish', '--runs', '5'], /^error: --out DIR is required/],
      [['test-skirmish', '--runs', 'ten', '--out', 'x'], /^error: --runs expects a whole number of at least 1, not "ten"$/],
      [['test-skirmish', '--runs', '0', '--out', 'x'], /^error: --runs expects a whole number of at least 1/],
      [['test-skirmish', '--runs', '5', '--seed=-3', '--out', 'x'], /^error: --seed expects a whole number/],
      [['test-skirmish', '--runs', '5', '--seed', '-3', '--out', 'x'], /^error: Option '--seed' argument is ambiguous\.$/],
      [['test-skirmish', '--runs', '5', '--workers', '0', '--out', 'x'], /^error: --workers expects a whole number of at least 1/],
      [['test-skirmish', '--out', tmp()], /^error: --runs N is required/],
      [['--runs', '5', '--out', 'x'], /^error: expected a scenario/],
      [['a', 'b', '--runs', '5', '--out', 'x'], /^error: expected one scenario, got 2: a b$/],
      [['test-skirmish', '--runs', '5', '--out', 'x', '--fast'], /^error: Unknown option '--fast'/],
      [['test-skirmish', '--runs', '5', '--out', tmp(), '--whatif', 'no-such-whatif.json'], /^error: no-such-whatif\.json: file not found$/],
      [['no-such-scenario', '--runs', '5', '--out', tmp()], /^error: no-such-scenario: no scenario with this id/],
    ];
    for (const [args, msg] of cases) {
      const r = await batch(args);
      expect(r.code, args.join(' ')).toBe(2);
      const [first, ...rest] = r.err.split('\n');
      expect(first, args.join(' ')).toMatch(msg);
      expect(rest.filter((l) => !l.startsWith('usage: ')), args.join(' ')).toEqual([]);
    }
    const help = await batch(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: cassino batch <scenario> --runs N/);
  });
});
