// Values no 1944 record could hold are refused by the schemas (engine/core/schema-parts.ts) with
// the file, the path and the range, instead of being played: a window running to 2044, a date
// without its time, a raid of 1e308 tons, a unit of 1e308 men.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cli } from './cli-helpers.ts';

const base = JSON.parse(readFileSync(new URL('../scenarios/test-skirmish.json', import.meta.url), 'utf8'));
type Scn = typeof base;
let dir = '';

const STRIKE = 6; // the air strike on the west hill in test-skirmish's schedule

const cases: Array<{ name: string; mutate: (s: Scn) => void; expect: string }> = [
  { name: 'window-2044', mutate: (s) => { s.window.end = '2044-01-23T06:00'; }, expect: 'window.end: expected a window end in 1944 from 1944-01-01T00:00 to 1944-12-31T23:59, not 2044-01-23T06:00' },
  { name: 'window-before-campaign', mutate: (s) => { s.window.start = '1943-12-31T18:00'; }, expect: 'window.start: expected a window start in 1944 from 1944-01-01T00:00 to 1944-12-31T23:59, not 1943-12-31T18:00' },
  { name: 'window-off-grid', mutate: (s) => { s.window.end = '1944-01-23T12:00'; }, expect: 'window.end: expected a turn boundary: 06:00 or 18:00' },
  { name: 'date-without-time', mutate: (s) => { s.schedule[1].at = '1944-01-21'; }, expect: 'schedule[1].at: expected a local date-time "YYYY-MM-DDTHH:MM" (with its time), not "1944-01-21"' },
  { name: 'order-in-1945', mutate: (s) => { s.schedule[0].mission.until = '1945-01-01T06:00'; }, expect: 'schedule[0].mission.until: expected a date in the campaign\'s year from 1944-01-01T00:00 to 1944-12-31T23:59, not 1945-01-01T06:00' },
  { name: 'weather-in-2044', mutate: (s) => { s.weather.historical.push({ from: '2044-01-20', to: '1944-01-21', condition: 'clear', source: 'x' }); }, expect: `weather.historical[${base.weather.historical.length}].from: expected a date in the campaign's year from 1944-01-01T00:00 to 1944-12-31T23:59, not 2044-01-20` },
  { name: 'raid-1e308-tons', mutate: (s) => { s.schedule[STRIKE].tonnage = 1e308; }, expect: `schedule[${STRIKE}].tonnage: expected at most 4,394 tons (the heaviest raid of 1944, Bomber Command on Duisburg, 14 October 1944)` },
  { name: 'raid-infinite-aircraft', mutate: (s) => { s.schedule[STRIKE].aircraft = 100000; }, expect: `schedule[${STRIKE}].aircraft: expected at most 2,899 aircraft (the largest air operation of 1944, the Eighth Air Force on 24 December 1944)` },
  { name: 'men-1e308', mutate: (s) => { s.units[0].men = 1e308; }, expect: 'units[0].men: expected at most 18,347 men (a British infantry division\'s 1944 establishment, the largest unit the format allows)' },
  { name: 'guns-absurd', mutate: (s) => { s.units[0].guns = 5000; }, expect: 'units[0].guns: expected at most 1,660 guns (the whole Allied artillery of the Diadem barrage, 11 May 1944)' },
  { name: 'tanks-absurd', mutate: (s) => { s.units[0].tanks = 9999; }, expect: 'units[0].tanks: expected at most 400 tanks (an armoured division\'s 1944 establishment)' },
];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cassino-ranges-'));
  for (const c of cases) {
    const s = structuredClone(base);
    c.mutate(s);
    writeFileSync(join(dir, `${c.name}.json`), JSON.stringify(s, null, 2));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('values beyond what 1944 held', () => {
  for (const c of cases) {
    it(`${c.name}: refused naming the file, the path and the range`, async () => {
      const file = join(dir, `${c.name}.json`);
      const r = await cli(['validate', file]);
      expect(r.code).toBe(2);
      expect(r.err.trim()).toBe(`error: ${file}: ${c.expect}`);
      expect(r.out).toBe('');
    });
  }

  it('in a what-if: a raid of 1e308 tons is refused against the what-if file and the change', async () => {
    const file = join(dir, 'w.json');
    const w = {
      id: 'w', name: 'test', note: 'test', source: 'test', scenario: { id: 'test-skirmish', version: '1' },
      changes: [{ type: 'fire.modify', order: 'sk.air-strike-west-hill', tonnage: 1e308 }],
    };
    writeFileSync(file, JSON.stringify(w));
    const r = await cli(['run', 'test-skirmish', '--whatif', file]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`error: ${file}: changes[0].tonnage: expected at most 4,394 tons (the heaviest raid of 1944, Bomber Command on Duisburg, 14 October 1944)`);
  });

  /** Replays test-skirmish's pinned replay with its first action of `type` changed; the index and the CLI's answer. */
  async function replayWith(type: string, name: string, change: (a: Record<string, unknown>) => void) {
    const replay = JSON.parse(readFileSync(new URL('./golden/runs/test-skirmish.s1.replay.json', import.meta.url), 'utf8'));
    const k = replay.actions.findIndex((a: { action: { type: string } }) => a.action.type === type);
    change(replay.actions[k].action);
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(replay));
    return { k, file, r: await cli(['replay', file]) };
  }

  it('in a replay: an action of 1e308 tons is refused as bad input with its index and field', async () => {
    const { k, file, r } = await replayWith('airStrike', 'r.json', (a) => { a.tonnage = 1e308; });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`error: ${file}: actions[${k}].action.tonnage: expected at most 4,394 tons (the heaviest raid of 1944, Bomber Command on Duisburg, 14 October 1944)`);
  });

  it('in a replay: a hex beyond the map is refused as bad input once the map is known', async () => {
    const { k, file, r } = await replayWith('attack', 'r-off-map.json', (a) => { a.target = 99999; });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`error: ${file}: actions[${k}].action.target: hex 99999 is off the map (expected a hex index from 0 to 223)`);
  });

  it('every shipped scenario is within the ranges', async () => {
    for (const id of ['battle-1', 'battle-2', 'battle-3', 'battle-4', 'campaign', 'test-skirmish']) {
      const r = await cli(['validate', `scenarios/${id}.json`]);
      expect(r.code, r.err).toBe(0);
    }
  });
});
