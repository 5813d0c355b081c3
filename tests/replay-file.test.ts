// `cassino replay` on files from strangers: a saved run verifies; a well-formed replay whose
// hashes differ is a failed check (exit 1) naming the file and the turn; a file that is not a
// replay (fails the replay format) is bad input (exit 2) naming the file, the action and its field.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.ts';

describe('cassino run --save-replay, then cassino replay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cassino-replay-file-'));
  const saved = join(dir, 'saved.json');
  const variant = (name: string, change: (rp: Record<string, any>) => void): string => {
    const rp = JSON.parse(readFileSync(saved, 'utf8'));
    change(rp);
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(rp));
    return file;
  };

  beforeAll(async () => {
    const r = await cli(['run', 'test-skirmish', '--seed', '9', '--save-replay', saved]);
    expect(r.code).toBe(0);
  });

  it('verifies the saved replay (exit 0), naming the file', async () => {
    const r = await cli(['replay', saved]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/saved\.json: replay verified: \d+ turn hashes match \(final hash [0-9a-f]+\)/);
  });

  it('carries the fingerprint of what made it; a replay of other parameters is refused saying so (exit 2)', async () => {
    const rp = JSON.parse(readFileSync(saved, 'utf8'));
    expect(rp.fingerprint.parts).toMatchObject({ whatIf: 'none', plan: 'historical' });
    const file = variant('other-params.json', (x) => { x.fingerprint.parts.params = 'a1b2c3d4e5f6a7b8c9d0'; x.fingerprint.digest = 'd'.repeat(64); });
    const r = await cli(['replay', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: .*other-params\.json: fingerprint: the replay was recorded with parameters a1b2c3d4…, these are [0-9a-f]{8}…/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a replay of other engine code is played: it says so beside the verdict, and beside a divergence', async () => {
    const other = variant('other-engine.json', (x) => { x.fingerprint.parts.engine = 'e1e2e3e4e5e6e7e8e9'; x.fingerprint.digest = 'd'.repeat(64); });
    const ok = await cli(['replay', other]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/other-engine\.json: replay verified/);
    expect(ok.out).toMatch(/other-engine\.json: recorded by another build: recorded with engine code e1e2e3e4…, this is [0-9a-f]{8}…: the engine's sources changed/);
    const diverged = variant('other-engine-diverged.json', (x) => { x.fingerprint.parts.engine = 'e1e2e3e4e5e6e7e8e9'; x.fingerprint.digest = 'd'.repeat(64); x.turnHashes[2] = 'ffffffffffffffff'; });
    const bad = await cli(['replay', diverged]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/the replay diverged at turn 2 .*; it was recorded with engine code e1e2e3e4…/);
  });

  it('a tampered turn hash is exit 1 naming the file, the turn and its date', async () => {
    const file = variant('tampered.json', (rp) => { rp.turnHashes[3] = 'ffffffffffffffff'; });
    const r = await cli(['replay', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: .*tampered\.json: the replay diverged at turn 3 \(1944-01-22T06:00\): recorded hash ffffffffffffffff, replayed [0-9a-f]+$/);
  });

  it('a tampered final hash is exit 1: the replay ended differently', async () => {
    const file = variant('final.json', (rp) => { rp.finalHash = 'ffffffffffffffff'; });
    const r = await cli(['replay', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/final\.json: the replay ended differently: .*final hash [0-9a-f]+ \(recorded ffffffffffffffff\)/);
  });

  it('an action the engine refuses on replay is exit 1 naming the file and the action', async () => {
    const file = variant('refused.json', (rp) => {
      const i = rp.actions.findIndex((a: { action: { type: string } }) => a.action.type === 'endPhase');
      rp.actions.splice(i, 0, { ...rp.actions[i], action: { type: 'digIn', unit: rp.actions.find((a: { action: { unit?: string } }) => a.action.unit)?.action.unit ?? 'x' } });
      rp.actions.splice(i, 0, { ...rp.actions[i], action: { type: 'endPhase' } });
    });
    const r = await cli(['replay', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/refused\.json: the replay diverged: action \d+ of \d+ was refused/);
  });

  it('a malformed action is exit 2 naming the file, the action\'s index and its field', async () => {
    const file = variant('malformed.json', (rp) => { rp.actions[4].source = 'cheat'; });
    const r = await cli(['replay', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/malformed\.json: actions\[4\]\.source: /);
    expect(r.err).not.toMatch(/diverged|at .*\.ts:\d+/);
  });

  it('an action the engine cannot apply at all (units: null) is exit 2 naming the file and the action, not a divergence', async () => {
    let k = -1;
    const file = variant('null-units.json', (rp) => {
      k = rp.actions.findIndex((a: { phase: string }) => a.phase === 'combat');
      rp.actions[k].action = { type: 'attack', units: null, target: 5 };
    });
    const r = await cli(['replay', file]);
    expect(r.code).toBe(2);
    // The action schema may refuse it (naming the field) or the engine (naming the action): both are bad input.
    expect(r.err).toMatch(new RegExp(`null-units\\.json: actions\\[${k}\\]\\.action(\\.units)?: `));
    expect(r.err.split('\n')).toHaveLength(1);
  });

  it('a file that is not a replay at all is exit 2 naming the file', async () => {
    const file = join(dir, 'not-a-replay.json');
    writeFileSync(file, JSON.stringify({ format: 'cassino-replay', version: 1 }));
    const r = await cli(['replay', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not-a-replay\.json: scenario: /);
  });
});
