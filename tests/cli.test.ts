import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli, cliProcess } from './cli-helpers.ts';

describe('cassino run', () => {
  it('runs the default scenario without arguments and prints a turn-by-turn summary', () => {
    const r = cliProcess(['run']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/turn\s+start\s+weather/);
    expect(r.out).toMatch(/state hash [0-9a-f]{16}/);
  });

  it('prints one JSON object with --json, with the per-turn, per-unit loss table', async () => {
    const r = await cli(['run', 'test-skirmish', '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.scenario.id).toBe('test-skirmish');
    expect(j.seed).toBe('3');
    expect(j.turnsPlayed).toBe(5);
    expect(j.stateHash).toMatch(/^[0-9a-f]{16}$/);
    expect(j.outcome.objectives.map((o: { id: string }) => o.id)).toEqual(['town', 'crossing', 'ford-north']);
    expect(j.losses.bySide.allied).toBeGreaterThan(0);
    expect(j.losses.byFormation.find((f: { id: string }) => f.id === 'us-36th-div').men).toBeGreaterThan(0);
    const row = j.lossTable[0];
    expect(Object.keys(row).sort()).toEqual(['date', 'men', 'name', 'side', 'turn', 'unit']);
    const total = j.lossTable.reduce((a: number, r: { men: number }) => a + r.men, 0);
    expect(total).toBe(j.losses.bySide.allied + j.losses.bySide.german);
  });

  it('stops after --turns K', async () => {
    const r = await cli(['run', 'test-skirmish', '--turns', '2', '--json']);
    expect(JSON.parse(r.out).turnsPlayed).toBe(2);
  });

  it('rejects bad options with one sentence and exit code 2', async () => {
    const r = await cli(['run', '--turns', 'many']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: --turns expects a whole number of at least 1, not "many"/);
    const u = await cli(['run', '--sead', '3']);
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/Unknown option '--sead'/);
    const s = await cli(['run', 'battle-99']);
    expect(s.code).toBe(2);
    expect(s.err).toMatch(/battle-99: no scenario with this id/);
    expect(s.err).not.toMatch(/\n\s+at /);
  });

  it('has --help on every command', async () => {
    for (const c of ['run', 'replay', 'validate']) {
      const r = await cli([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`Usage: cassino ${c}`));
    }
    expect((await cli([])).out).toMatch(/Commands:/);
  });
});

describe('cassino replay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cassino-replay-'));
  const file = join(dir, 'r.json');

  it('saves a replay and verifies it, printing the same result as the run', async () => {
    const run = await cli(['run', 'test-skirmish', '--seed', '11', '--json', '--save-replay', file]);
    expect(run.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    const rep = await cli(['replay', file, '--json']);
    expect(rep.code).toBe(0);
    expect(JSON.parse(rep.out)).toEqual(JSON.parse(run.out));
  });

  it('fails with exit 1 when a turn hash differs', async () => {
    const rp = JSON.parse(readFileSync(file, 'utf8'));
    rp.turnHashes[2] = '0000000000000000';
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(rp));
    const r = await cli(['replay', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/diverged at turn 2 \(1944-01-21T18:00\): recorded hash 0000000000000000/);
  });

  it('refuses a replay of another scenario version with exit 2', async () => {
    const rp = JSON.parse(readFileSync(file, 'utf8'));
    rp.scenario.version = '0';
    const bad = join(dir, 'old.json');
    writeFileSync(bad, JSON.stringify(rp));
    const r = await cli(['replay', bad]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/recorded on scenario test-skirmish version 0/);
  });
});
