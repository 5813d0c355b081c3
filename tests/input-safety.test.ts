// Files from strangers: includes confined to the scenario's folder tree, a replay's scenario file
// confined too, size and nesting limits checked before parsing, write failures as one sentence
// with nothing left behind, and one mistake printed as one line.
import { describe, expect, it, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import fc from 'fast-check';
import { cli, cliBounded } from './cli-helpers.ts';
import { MAX_ISSUE_LINES, formatIssues } from '../engine/core/data-error.ts';

const skirmish = JSON.parse(readFileSync(new URL('../scenarios/test-skirmish.json', import.meta.url), 'utf8'));
const replay = JSON.parse(readFileSync(new URL('./golden/runs/test-skirmish.s1.replay.json', import.meta.url), 'utf8'));
const RULE = "an include must be a file in the scenario's own folder or below it";
let dir = '';

/** A scenario in `dir` that includes `paths` as order-of-battle files. */
function withIncludes(name: string, paths: string[]): string {
  const file = join(dir, 'mods', `${name}.json`);
  writeFileSync(file, JSON.stringify({ ...skirmish, include: { oob: paths } }));
  return file;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cassino-safety-'));
  mkdirSync(join(dir, 'mods', 'oob'), { recursive: true });
  writeFileSync(join(dir, 'mods', 'oob', 'mine.json'), '{ "formations": [], "units": [] }');
  writeFileSync(join(dir, 'secret.json'), '{ "password": "hunter2" }');
  symlinkSync(join(dir, 'secret.json'), join(dir, 'mods', 'oob', 'link.json'));
  execFileSync('mkfifo', [join(dir, 'mods', 'oob', 'pipe.json')]);
});

describe('includes are confined to the scenario\'s folder tree', () => {
  const cases: Array<{ name: string; paths: () => string[]; expect: string }> = [
    { name: 'absolute', paths: () => ['/etc/passwd'], expect: `include: the include "/etc/passwd" is an absolute path (${RULE})` },
    { name: 'device', paths: () => ['/dev/zero'], expect: `include: the include "/dev/zero" is an absolute path (${RULE})` },
    { name: 'dot-dot', paths: () => ['../secret.json'], expect: `include: the include "../secret.json" leads out of the scenario's folder (${RULE})` },
    { name: 'deep-dot-dot', paths: () => ['oob/../../../../../etc/passwd'], expect: 'leads out of the scenario\'s folder' },
    { name: 'symlink', paths: () => ['oob/link.json'], expect: `include: the include "oob/link.json" is a link to a file outside the scenario's folder (${RULE})` },
    { name: 'empty', paths: () => [''], expect: `include: an include path is empty (${RULE})` },
    { name: 'twice', paths: () => ['oob/mine.json', 'oob/mine.json'], expect: 'include: the include "oob/mine.json" is named twice (a file may be included once)' },
    { name: 'twice-by-two-names', paths: () => ['oob/mine.json', './oob//mine.json'], expect: 'include: the includes "oob/mine.json" and "./oob//mine.json" are the same file (a file may be included once)' },
    { name: 'folder', paths: () => ['oob'], expect: 'oob: is a folder, not a file' },
    { name: 'fifo', paths: () => ['oob/pipe.json'], expect: 'pipe.json: is not a regular file (a device, pipe or socket is never read)' },
  ];
  for (const c of cases) {
    it(`${c.name}: refused in one sentence naming the include and the rule, quoting nothing`, async () => {
      const file = withIncludes(c.name, c.paths());
      const r = await cli(['validate', file]);
      expect(r.code).toBe(2);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toContain(c.expect);
      expect(r.err).not.toMatch(/root:|hunter2/);
      expect(r.out).toBe('');
    });
  }

  it('a map beside the scenario cannot be a link out of its folder', async () => {
    mkdirSync(join(dir, 'mods', 'maps'), { recursive: true });
    symlinkSync(join(dir, 'secret.json'), join(dir, 'mods', 'maps', 'elsewhere.map.json'));
    const file = join(dir, 'mods', 'linked-map.json');
    writeFileSync(file, JSON.stringify({ ...skirmish, map: 'elsewhere' }));
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${file}: map: ${join(dir, 'mods', 'maps', 'elsewhere.map.json')} is a link to a file outside the scenario's folder (a map must be in the scenario's maps/ folder or the project's)`);
  });

  it('a map id cannot be a path', async () => {
    const file = join(dir, 'mods', 'map-path.json');
    writeFileSync(file, JSON.stringify({ ...skirmish, map: '../../../../etc/passwd' }));
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${file}: map: expected a map id (letters, digits, "-", "_" and "."), not a path`);
  });
});

describe('a replay names its scenario only under scenarios/ or beside the replay', () => {
  it('a replay whose scenario file is /dev/zero is refused at once (no hang, no read)', () => {
    const file = join(dir, 'zero.replay.json');
    writeFileSync(file, JSON.stringify({ ...replay, scenario: { ...replay.scenario, file: '/dev/zero' } }));
    // A child process: were the refusal to fail, the read would hang and the kill timer end it.
    const r = cliBounded(['replay', file]);
    expect(r.killed).toBe(false);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`error: ${file}: scenario.file: "/dev/zero" is outside the folders a replay may take its scenario from (a replay may only name a scenario under the project's scenarios/ folder or under the replay's own folder)`);
  });

  it('a scenario beside the replay is used', async () => {
    const sub = join(dir, 'pbem');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'skirmish.json'), JSON.stringify(skirmish));
    const file = join(sub, 'turn.replay.json');
    writeFileSync(file, JSON.stringify({ ...replay, scenario: { ...replay.scenario, file: 'elsewhere/skirmish.json' } }));
    const r = await cli(['replay', file]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('limits before parsing', () => {
  it('a file over 16 MiB is refused from its size, naming the limit', async () => {
    const file = join(dir, 'huge.json');
    writeFileSync(file, '');
    truncateSync(file, 17 * 1024 * 1024);
    const r = await cli(['run', 'test-skirmish', '--whatif', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${file}: is larger than the limit of 16 MiB for an input file`);
  });

  it('deep nesting in JSON or YAML is one sentence naming the limit, not a stack overflow', async () => {
    const json = join(dir, 'deep.json');
    writeFileSync(json, `{"id": "x", "changes": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
    const yaml = join(dir, 'deep.yaml');
    writeFileSync(yaml, `id: x\nchanges: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
    const blocks = join(dir, 'blocks.yaml');
    writeFileSync(blocks, Array.from({ length: 40 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n');
    for (const [file, where] of [[json, 'at line 1'], [yaml, 'at line 2'], [blocks, 'after reading it']]) {
      const r = await cli(['run', 'test-skirmish', '--whatif', file]);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`error: ${file}: nests objects and lists deeper than the limit of 32 levels (${where})`);
    }
  });

  it('a YAML alias bomb is refused', async () => {
    const file = join(dir, 'bomb.yaml');
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    writeFileSync(file, lines.join('\n') + '\n');
    const r = await cli(['run', 'test-skirmish', '--whatif', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${file}: resolves more YAML aliases (*name) than the limit of 100`);
  });

  it('a scenario starting with a UTF-8 byte-order mark is read', async () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, '\ufeff' + JSON.stringify(skirmish));
    const r = await cli(['validate', file]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/valid scenario test-skirmish/);
  });
});

describe('write failures are one sentence and leave nothing behind', () => {
  it('--save-replay under /proc fails at once instead of looping in mkdir', () => {
    const r = cliBounded(['run', 'test-skirmish', '--turns', '1', '--save-replay', '/proc/x/r.json']);
    expect(r.killed).toBe(false);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('error: cannot write r.json into /proc/x: the folder cannot be created there');
  });

  it('a folder in the way, or a file where a folder should be, is named; no temp file is left', async () => {
    const out = join(dir, 'out');
    mkdirSync(join(out, 'r.json'), { recursive: true });
    writeFileSync(join(out, 'plain'), 'x');
    const a = await cli(['run', 'test-skirmish', '--turns', '1', '--save-replay', join(out, 'r.json')]);
    expect(a.code).toBe(2);
    expect(a.err).toBe(`error: cannot write r.json into ${out}: a folder of that name is in the way`);
    const b = await cli(['run', 'test-skirmish', '--turns', '1', '--save-replay', join(out, 'plain', 'sub', 'r.json')]);
    expect(b.code).toBe(2);
    expect(b.err).toBe(`error: cannot write r.json into ${join(out, 'plain', 'sub')}: a part of the path is a file, not a folder`);
    expect(readdirSync(out).sort()).toEqual(['plain', 'r.json']);
    expect(readdirSync(join(out, 'r.json'))).toEqual([]);
  });
});

describe('one mistake, one line', () => {
  it('a scenario on the wrong map prints one line for its 24 unknown places', async () => {
    const file = join(dir, 'wrong-map.json');
    writeFileSync(file, JSON.stringify({ ...skirmish, map: 'cassino-sector' }));
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: ${file}: units[0].at: unknown place "crossing" (expected a place of map cassino-sector) (and 23 more like it: units[1].at, units[2].at, units[3].at, …)`);
  });

  it('a shifted window prints one line for all the dates now outside it', async () => {
    const file = join(dir, 'shifted.json');
    writeFileSync(file, JSON.stringify({ ...skirmish, window: { start: '1944-03-20T06:00', end: '1944-03-22T06:00' } }));
    const r = await cli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/schedule\[0\]\.at: .* is outside the scenario window \(1944-03-20T06:00 to 1944-03-22T06:00\) \(and \d+ more like it: schedule\[1\]\.at/);
  });

  it('no list of issues prints more than a handful of lines, and every line names the file', () => {
    const issue = fc.record({ path: fc.stringMatching(/^[a-z]{1,3}(\[\d\])?$/), message: fc.stringMatching(/^[a-z "0-9]{0,20}$/) });
    fc.assert(fc.property(fc.array(issue, { maxLength: 300 }), (issues) => {
      const text = formatIssues('f.json', issues);
      const lines = issues.length ? text.split('\n') : [];
      expect(lines.length).toBeLessThanOrEqual(MAX_ISSUE_LINES);
      for (const l of lines) expect(l.startsWith('f.json: ')).toBe(true);
    }), { seed: 27, numRuns: 200 });
  });
});
