// The Batch tab's reader (ui/batch.ts) on real outputs of `cassino batch` (tests/fixtures/batch-battle-2):
// it reads the figures the summary holds, the runs agree with the summary's percentiles, and a
// wrong or mismatched file gets a sentence naming it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { percentile } from '../engine/node/batch/stats.ts';
import { ROOT } from '../engine/node/files.ts';
import { BatchFileError, figuresOf, readBatchFiles, runValues } from '../ui/batch.ts';

const DIR = join(ROOT, 'tests', 'fixtures', 'batch-battle-2');
const summary = { name: 'summary.json', text: readFileSync(join(DIR, 'summary.json'), 'utf8') };
const runs = { name: 'runs.jsonl', text: readFileSync(join(DIR, 'runs.jsonl'), 'utf8') };

describe('batch files in the front end', () => {
  it('reads a summary with its runs; each figure\'s median over the runs is the summary\'s', () => {
    const b = readBatchFiles([summary, runs]);
    expect(b.summary.scenario.id).toBe('battle-2');
    expect(b.runs).toHaveLength(b.summary.runs);
    const sides = figuresOf(b.summary, 'side');
    const targets = figuresOf(b.summary, 'target');
    expect(sides.map((f) => f.side)).toEqual(['allied', 'german']);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.every((f) => typeof f.documented === 'number')).toBe(true);
    for (const f of [...sides, ...targets, ...figuresOf(b.summary, 'formation')]) {
      const v = runValues(b.runs!, f);
      expect(Math.round(percentile(v, 0.5) * 100) / 100, f.key).toBe(f.median);
      expect(Math.round(percentile(v, 0.9) * 100) / 100, f.key).toBe(f.p90);
    }
  });

  it('adds a runs.jsonl opened after its summary', () => {
    const b = readBatchFiles([summary]);
    expect(b.runs).toBeNull();
    expect(readBatchFiles([runs], b).runs).toHaveLength(b.summary.runs);
  });

  it('says which file is wrong and why', () => {
    const err = (files: Array<{ name: string; text: string }>) => {
      try { readBatchFiles(files); } catch (e) { expect(e).toBeInstanceOf(BatchFileError); return (e as Error).message; }
      throw new Error('no error');
    };
    expect(err([{ name: 'package.json', text: '{"name":"x"}' }])).toBe('package.json: format: expected "cassino-batch-summary" (a summary.json written by cassino batch), found no format field');
    expect(err([{ name: 'summary.json', text: '{"format":' }])).toMatch(/^summary\.json: not valid JSON/);
    const other = runs.text.replace(/"seed":"1"/, '"seed":"99"');
    expect(err([summary, { name: 'other.jsonl', text: other }])).toBe('other.jsonl: seed 99 is not among the seeds of summary.json (1-8): open the runs.jsonl of the same batch');
    const broken = runs.text.split('\n').map((l, i) => (i === 2 ? l.slice(0, 20) : l)).join('\n');
    expect(err([summary, { name: 'runs.jsonl', text: broken }])).toMatch(/^runs\.jsonl: line 3: not valid JSON/);
    expect(err([runs])).toBe('runs.jsonl: open the batch\'s summary.json (with or without its runs.jsonl)');
  });
});
