// `cassino validate` on what-if and replay files as well as scenarios: each kind is told from its
// content and checked by the path that uses it (a what-if applied to the scenario it names, a
// replay against its scenario and map without playing it), and every problem names the file, the
// path inside it and what was expected.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'cassino-validate-files-'));
const write = (name: string, content: unknown): string => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};
const whatIf = (changes: unknown[], scenario = { id: 'test-skirmish', version: '1' }) => ({
  id: 'broken', name: 'A broken what-if', note: 'For the test.', source: 'The test.', scenario, changes,
});
const lines = (text: string) => text.trim().split('\n');

describe('cassino validate: the shipped what-ifs and the pinned replays are valid', () => {
  const whatIfs = readdirSync('scenarios/whatifs').map((f) => `scenarios/whatifs/${f}`);
  const replays = readdirSync('tests/golden/runs').filter((f) => f.endsWith('.replay.json')).map((f) => `tests/golden/runs/${f}`);

  it('finds some of each', () => {
    expect(whatIfs.length).toBeGreaterThanOrEqual(3);
    expect(replays.length).toBeGreaterThanOrEqual(2);
  });

  for (const file of whatIfs) {
    it(`${file}: a one-line summary naming the what-if, its scenario and its changes (exit 0)`, async () => {
      const w = readFileSync(file, 'utf8');
      const id = /^\s*"?id"?\s*:\s*"?([a-z0-9-]+)/m.exec(w)![1];
      const r = await cli(['validate', file]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(new RegExp(`^${file}: valid what-if ${id} for battle-\\d v1 — \\d+ changes, applied to scenarios/battle-\\d\\.json$`));
    });
  }

  it('juin-reserve counts its changes', async () => {
    const r = await cli(['validate', 'scenarios/whatifs/juin-reserve.yaml']);
    expect(r.out).toBe('scenarios/whatifs/juin-reserve.yaml: valid what-if juin-reserve for battle-1 v1 — 8 changes, applied to scenarios/battle-1.json');
  });

  for (const file of replays) {
    it(`${file}: a one-line summary that says it was not played and how to play it (exit 0)`, async () => {
      const rp = JSON.parse(readFileSync(file, 'utf8'));
      const r = await cli(['validate', file]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toBe(`${file}: valid replay of ${rp.scenario.id} v1 (scenarios/${rp.scenario.id}.json, map ${rp.map.id} v1), seed ${rp.seed} — ${rp.actions.length} actions over ${rp.turnHashes.length} turns; not played: 'cassino replay ${file}' plays it and checks every turn's hash`);
    });
  }

  it('a scenario is checked as before, by path or id', async () => {
    const r = await cli(['validate', 'test-skirmish']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^scenarios\/test-skirmish\.json: valid scenario test-skirmish v1 — \d+ units/);
  });
});

describe('cassino validate: a broken what-if exits 2 naming the file and the path', () => {
  it('an unknown unit id', async () => {
    const file = write('unknown-unit.json', whatIf([{ type: 'unit.strength', unit: 'us-9-999', men: 100, source: 'test' }]));
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${file}: changes[0].unit: unknown unit "us-9-999" (not deployed in scenario test-skirmish)`);
    expect(r.out).toBe('');
  });

  it('a hex off the map', async () => {
    const file = write('off-map.json', whatIf([{ type: 'objective.add', id: 'far', name: 'Far away', hex: '@999,999' }]));
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${file}: changes[0].hex: hex "@999,999" is off the map (expected columns 0-15, rows 0-13)`);
  });

  it('an unknown change type, naming the types there are', async () => {
    const file = write('unknown-type.yaml', `id: broken\nname: A broken what-if\nnote: For the test.\nsource: The test.\nscenario: { id: test-skirmish, version: "1" }\nchanges:\n  - type: plan.add\n    item: { at: "1944-01-20T18:00", kind: flag, flag: x }\n  - type: unit.teleport\n    unit: us-1-141\n`);
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error: ${file}: changes[1].type: `);
    expect(r.err).toMatch(/'unit\.strength'.*'params'/);
  });

  it('a scenario that does not exist, or of another version, is a problem of the what-if', async () => {
    const missing = write('no-scenario.json', whatIf([], { id: 'battle-9', version: '1' }));
    const other = write('other-version.json', whatIf([], { id: 'test-skirmish', version: '7' }));
    const r = await cli(['validate', missing, other]);
    expect(r.code).toBe(2);
    expect(lines(r.err)).toEqual([
      `error: ${missing}: scenario.id: no scenario "battle-9" in scenarios (expected one of: battle-1, battle-2, battle-3, battle-4, campaign, test-skirmish)`,
      `error: ${other}: scenario: this what-if is for scenario test-skirmish version 7, not test-skirmish version 1`,
    ]);
  });
});

describe('cassino validate: a broken replay exits 2 naming the file and the path', () => {
  const pinned = JSON.parse(readFileSync('tests/golden/runs/test-skirmish.s1.replay.json', 'utf8'));
  const variant = (name: string, change: (rp: Record<string, any>) => void): string => {
    const rp = structuredClone(pinned);
    change(rp);
    return write(name, rp);
  };

  it('a malformed action: its index and field', async () => {
    const k = pinned.actions.findIndex((a: any) => Array.isArray(a.action.units));
    const file = variant('malformed.json', (rp) => { rp.actions[k].action.units = 'us-1-143'; });
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^error: ${file}: actions\\[${k}\\]\\.action\\.units: `));
    expect(lines(r.err)).toHaveLength(1);
  });

  it('an action naming a hex beyond the map', async () => {
    const k = pinned.actions.findIndex((a: any) => a.action.type === 'attack');
    expect(k).toBeGreaterThanOrEqual(0);
    const file = variant('off-map.replay.json', (rp) => { rp.actions[k].action.target = 999_999; });
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^error: ${file}: actions\\[${k}\\]\\.action\\.target: hex 999999 is off the map \\(expected a hex index from 0 to \\d+\\)$`));
  });

  it('another version of its scenario', async () => {
    const file = variant('old.replay.json', (rp) => { rp.scenario.version = '0'; });
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${file}: scenario: the replay was recorded on scenario test-skirmish version 0, but scenarios/test-skirmish.json is test-skirmish version 1`);
  });

  it('a wrong format names the field and what was expected', async () => {
    const file = variant('format.json', (rp) => { rp.format = 'cassino-replai'; });
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^error: ${file}: format: .*"cassino-replay"`));
  });
});

describe('cassino validate: a replay with its fingerprint', () => {
  const saved = join(dir, 'saved.replay.json');
  beforeAll(async () => {
    expect((await cli(['run', 'test-skirmish', '--turns', '2', '--save-replay', saved])).code).toBe(0);
  }, 120_000);
  const variant = (name: string, change: (rp: Record<string, any>) => void): string => {
    const rp = JSON.parse(readFileSync(saved, 'utf8'));
    change(rp);
    return write(name, rp);
  };

  it('recorded by this model: valid, and says so', async () => {
    const r = await cli(['validate', saved]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('; recorded by this model; not played');
  });

  it('recorded with other parameters: refused at its fingerprint', async () => {
    const file = variant('other-params.json', (x) => { x.fingerprint.parts.params = 'a1b2c3d4e5f6a7b8c9d0'; x.fingerprint.digest = 'd'.repeat(64); });
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^error: ${file}: fingerprint: the replay was recorded with parameters a1b2c3d4…`));
  });

  it('recorded by other engine code: valid, naming the difference', async () => {
    const file = variant('other-engine.json', (x) => { x.fingerprint.parts.engine = 'e'.repeat(64); x.fingerprint.digest = 'd'.repeat(64); });
    const r = await cli(['validate', file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('; recorded by another build: recorded with engine code eeeeeeee…');
  });
});

describe('cassino validate: files that are none of the three, and several files at once', () => {
  it('says what was expected', async () => {
    const file = write('batch.json', { format: 'cassino-fingerprint', version: 1 });
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${file}: expected a scenario (with "map", the id of its map), a what-if (with "scenario" and "changes") or a replay (with "format": "cassino-replay") ("format" is "cassino-fingerprint")`);
  });

  it('a list or a number is none of them either', async () => {
    const list = write('list.json', [1, 2]);
    const r = await cli(['validate', list]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error: ${list}: expected a scenario`);
  });

  it('checks every file: the valid ones summarised, every broken one named, exit 2', async () => {
    const broken = write('second.json', whatIf([{ type: 'unit.remove', unit: 'nobody' }]));
    const r = await cli(['validate', 'scenarios/whatifs/juin-reserve.yaml', broken, 'tests/golden/runs/test-skirmish.s1.replay.json']);
    expect(r.code).toBe(2);
    expect(lines(r.out)).toHaveLength(2);
    expect(r.out).toContain('valid what-if juin-reserve');
    expect(r.out).toContain('valid replay of test-skirmish');
    expect(r.err).toBe(`error: ${broken}: changes[0].unit: unknown unit "nobody" (not deployed in scenario test-skirmish)`);
  });

  it('no file is a usage error', async () => {
    const r = await cli(['validate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('expected at least one file to validate');
  });
});

describe('cassino validate agrees with cassino run --whatif', () => {
  // A what-if that validates is one `run --whatif` takes, and one it refuses is refused by validate
  // in the same words: both load it by the same path. The changes are mutated (not the scenario it
  // names: `run` is given the scenario, validate finds it from the what-if).
  const base = JSON.parse(readFileSync('tests/fixtures/whatifs/skirmish-params.json', 'utf8'));
  const paths: Array<Array<string | number>> = [];
  const walk = (v: unknown, at: Array<string | number>): void => {
    paths.push(at);
    if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, Array.isArray(v) ? Number(k) : k]);
  };
  walk(base.changes, []);
  const VALUES: unknown[] = ['', 0, -1, 1e9, null, true, [], {}, 'nobody', '@99,99', 'unit.teleport', 'sk.air-strike-west-hill', 'us-1-141', 0.5];

  it('for mutated what-ifs: the same exit code, and the same problems', async () => {
    let n = 0;
    await fc.assert(fc.asyncProperty(fc.nat(), fc.boolean(), fc.constantFrom(...VALUES), async (pick, remove, value) => {
      const doc = structuredClone(base);
      const path = paths[1 + (pick % (paths.length - 1))];
      let parent: any = doc.changes;
      for (const k of path.slice(0, -1)) parent = parent[k];
      const key = path[path.length - 1];
      if (remove && Array.isArray(parent)) parent.splice(Number(key), 1);
      else if (remove) delete parent[key];
      else parent[key] = value;
      const file = write(`mutated-${n++}.json`, doc);
      const v = await cli(['validate', file]);
      const run = await cli(['run', 'test-skirmish', '--turns', '1', '--json', '--whatif', file]);
      expect(v.code, JSON.stringify(doc.changes)).toBe(run.code);
      if (v.code !== 0) expect(v.err).toBe(run.err);
      else expect(v.out).toContain(`: valid what-if skirmish-params for test-skirmish v1 — ${doc.changes.length} change`);
    }), { seed: 25, numRuns: 60 });
  }, 120_000);
});
