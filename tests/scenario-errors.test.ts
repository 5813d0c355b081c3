// A set of broken scenario files, each giving its precise message (file, path inside it, what
// was expected) and exit code 2 from `cassino validate` and `cassino run`.
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli, cliProcess } from './cli-helpers.ts';

const base = JSON.parse(readFileSync(new URL('../scenarios/test-skirmish.json', import.meta.url), 'utf8'));
type Scn = typeof base;
let dir = '';

const cases: Array<{ name: string; mutate: (s: Scn) => void; expect: string[] }> = [
  { name: 'unknown-unit', mutate: (s) => { s.schedule[0].units[0] = 'us-9-141'; }, expect: ['schedule[0].units[0]: unknown unit "us-9-141"'] },
  { name: 'off-map', mutate: (s) => { s.units[0].at = '@99,3'; }, expect: ['units[0].at: hex "@99,3" is off the map (expected columns 0-15, rows 0-13)'] },
  { name: 'outside-window', mutate: (s) => { s.schedule[1].at = '1944-02-01T06:00'; }, expect: ['schedule[1].at: 1944-02-01T06:00 is outside the scenario window (1944-01-20T18:00 to 1944-01-23T06:00)'] },
  { name: 'two-places', mutate: (s) => { s.units.push({ ...s.units[0], at: 'east-base@0,1' }); }, expect: [`units[${base.units.length}].id: unit "us-1-141" is defined twice (a unit can be in one place only)`] },
  { name: 'negative-strength', mutate: (s) => { s.units[2].men = -5; }, expect: ['units[2].men: expected a number of 0 or more'] },
  { name: 'unknown-place', mutate: (s) => { s.units[1].at = 'monte-nowhere'; }, expect: ['units[1].at: unknown place "monte-nowhere" (expected a place of map test-valley)'] },
  { name: 'enemies-share-hex', mutate: (s) => { s.units[6].at = 'crossing@1,0'; }, expect: ['units[6].at: hex "crossing@1,0" already holds enemy unit "us-1-141"'] },
  { name: 'wrong-type', mutate: (s) => { s.units[0].men = '871'; }, expect: ['units[0].men: Invalid input: expected number, received string'] },
  { name: 'misspelt-field', mutate: (s) => { s.units[3].tankz = 5; }, expect: ['units[3]: Unrecognized key: "tankz"'] },
  { name: 'unknown-formation', mutate: (s) => { s.units[4].formation = 'us-99th-div'; }, expect: ['units[4].formation: unknown formation "us-99th-div"'] },
  { name: 'bad-turn-start', mutate: (s) => { s.window.start = '1944-01-20T07:00'; }, expect: ['window.start: expected a turn start: 06:00 or 18:00'] },
  { name: 'impossible-date', mutate: (s) => { s.schedule[2].at = '1944-02-30T06:00'; }, expect: ['schedule[2].at: expected a local date-time "YYYY-MM-DDTHH:MM"'] },
  { name: 'bad-intelligence', mutate: (s) => { s.intelligence = { german: { enemyStrengthFactor: 0 } }; }, expect: ['intelligence.german.enemyStrengthFactor: expected a factor above 0'] },
  {
    name: 'doctrine-flag-of-other-side',
    mutate: (s) => { s.doctrine = { german: { lineOfCommunication: { route: ['crossing', 'east-base'], serves: ['crossing'], fallBack: ['east-base'], flag: 'allied.retreat', text: 'withdraw', source: 'test' } } }; },
    expect: ['doctrine.german.lineOfCommunication.flag: expected a flag starting with "german."'],
  },
  {
    name: 'several-errors',
    mutate: (s) => { s.units[0].at = '@99,3'; s.schedule[0].units[0] = 'nobody'; },
    expect: ['units[0].at: hex "@99,3" is off the map', 'schedule[0].units[0]: unknown unit "nobody"'],
  },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cassino-broken-'));
  for (const c of cases) {
    const s = structuredClone(base);
    c.mutate(s);
    writeFileSync(join(dir, `${c.name}.json`), JSON.stringify(s, null, 2));
  }
  writeFileSync(join(dir, 'not-json.json'), '{ "id": "x",\n  "units": [ }\n');
});

describe('broken scenario files', () => {
  for (const c of cases) {
    it(`${c.name}: names the file, the path and what was expected`, async () => {
      const file = join(dir, `${c.name}.json`);
      const r = await cli(['validate', file]);
      expect(r.code).toBe(2);
      for (const e of c.expect) expect(r.err).toContain(`${file}: ${e}`);
      expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.out).toBe('');
    });
  }

  it('reports malformed JSON with its line', async () => {
    const r = await cli(['validate', join(dir, 'not-json.json')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not-json\.json: not valid JSON at line 2/);
  });

  it('refuses to run a broken scenario, with the same message and exit code 2', () => {
    const r = cliProcess(['run', join(dir, 'off-map.json'), '--json']);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`error: ${join(dir, 'off-map.json')}: units[0].at: hex "@99,3" is off the map (expected columns 0-15, rows 0-13)`);
    expect(r.out).toBe('');
  });

  it('accepts the shipped scenario', async () => {
    const r = await cli(['validate', 'scenarios/test-skirmish.json']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/valid scenario test-skirmish v1/);
  });
});
