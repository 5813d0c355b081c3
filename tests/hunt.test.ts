// The exploit hunter against the rules, at a budget of 2 tries: no unit ends turn 1 more than 3 km
// behind the enemy's line (the enemy-ground rule), on the four battles with the hunter playing the
// Allies and on battles 2 and 4 playing the Germans. The other bounds (the abbey or Point 593
// within 24 h, odds above 3 on a fortified mountain position on turn 1) the hunter still breaks as shipped, by putting every gun in range on one
// hex and walking round a mountain post: the test that no flag at all is raised is kept as a known
// failure (it.fails). The trial of guns per km of front with enemy ground at the fortified rate
// (engine/params/trials/guns-per-front.json) stops both on battle 4, and on battle 2 all but a
// walk into the empty abbey; it is not shipped because the historical plans' calibration rests on
// their massed guns (README, "Rules every player is held to").
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './cli-helpers.ts';
import { loadContext } from '../engine/node/files.ts';
import { readBounds } from '../engine/node/hunt.ts';
import { type HuntResult, hunt, huntFlags, huntOnce } from '../engine/core/hunt.ts';
import type { GameState, LogEvent } from '../engine/core/types.ts';
import { hexLabel } from '../engine/core/map.ts';

const results = new Map<string, HuntResult>();
function hunted(id: string): HuntResult {
  if (!results.has(id)) results.set(id, hunt(loadContext(id), 'allied', readBounds(id), 2, '1'));
  return results.get(id)!;
}
const flagsOf = (r: HuntResult, kind?: string) => r.flagged.flatMap((t) => t.flags.filter((f) => !kind || f.kind === kind).map((f) => `${t.seed} ${f.text}`));

describe('cassino hunt', () => {
  it.each(['battle-1', 'battle-2', 'battle-3', 'battle-4'])('finds no unit more than 3 km behind the enemy line after turn 1 on %s', (id) => {
    const r = hunted(id);
    expect(flagsOf(r, 'depth')).toEqual([]);
    // The hunter did play: it moved and attacked.
    expect(r.best.run.actions.some((a) => a.action.type === 'move' && a.source === 'ai')).toBe(true);
    expect(r.best.run.actions.some((a) => a.action.type === 'attack' && a.source === 'ai')).toBe(true);
  });

  it.each(['battle-2', 'battle-4'])('finds no German unit more than 3 km behind the Allied line after turn 1 on %s', (id) => {
    const r = hunt(loadContext(id), 'german', readBounds(id), 2, '1');
    expect(flagsOf(r, 'depth')).toEqual([]);
    expect(r.best.run.actions.some((a) => a.action.type === 'move' && a.source === 'ai')).toBe(true);
  });

  it.fails.each(['battle-2', 'battle-4'])('raises no flag at all on %s (open: massing on one mountain hex)', (id) => {
    expect(flagsOf(hunted(id))).toEqual([]);
  });

  it('raises no flag on battle-4 under the trial of guns per km of front', () => {
    const ctx = loadContext('battle-4', { params: 'engine/params/trials/guns-per-front.json' });
    expect(flagsOf(hunt(ctx, 'allied', readBounds('battle-4'), 2, '1'))).toEqual([]);
  });

  // Since the enemy-ground rule counts every hex after contact (inContactAfterCover), the hunter's
  // moves on battle 2 differ, and under the trial the 1/2nd Gurkhas go up Allied-held slopes to
  // 59,54 and through Hangman's Hill into the empty abbey (no German garrison before the bombing)
  // within 24 h: two covered hexes, within even the fortified rate. Kept as a known failure.
  it.fails('raises no flag on battle-2 under the trial of guns per km of front (open: the empty abbey)', () => {
    const ctx = loadContext('battle-2', { params: 'engine/params/trials/guns-per-front.json' });
    expect(flagsOf(hunt(ctx, 'allied', readBounds('battle-2'), 2, '1'))).toEqual([]);
  });

  it('says how each objective it flags was taken', () => {
    const texts = flagsOf(hunted('battle-2'), 'objective');
    expect(texts.length).toBeGreaterThan(0);
    for (const t of texts) expect(t).toMatch(/: (taken on turn \d at odds of [\d.]+, [\d,]+ men from \d+ hex(es)? with [\d,]+ guns against [\d,]+ men and [\d,]+ answering guns|entered without an assault)$/);
  });

  it('checks the first turn\'s assaults in the whole log, not only the last turn\'s', () => {
    const id = 'battle-4';
    const ctx = loadContext(id);
    const bounds = readBounds(id);
    const t = huntOnce(ctx, 'allied', bounds, '1.0');
    // A first-turn assault on the abbey's hill at odds of 5, as the first turn's log would keep it.
    const abbey = ctx.scenario.objectives.find((o) => o.id === 'abbey')!.hex;
    const e: LogEvent = { turn: 0, at: '', kind: 'combat', side: 'allied', hex: abbey, text: 'allied attack succeeds', data: { ratio: 5, won: true, defencePosture: 'FD' } };
    // The same odds against men not dug in to the full are no flag: the bound is on fortified positions.
    const open: LogEvent = { ...e, data: { ratio: 9, won: true, defencePosture: 'HD' } };
    const s = t.run.state as GameState;
    expect(s.history.length).toBeGreaterThan(0);
    const run = { ...t.run, state: { ...s, history: [[...s.history[0], e, open], ...s.history.slice(1)] } };
    const flags = huntFlags(ctx, 'allied', bounds, s, undefined, run).filter((f) => f.kind === 'odds');
    expect(flags.map((f) => f.text)).toEqual([`allied assault on ${hexLabel(ctx.map, abbey)} (fortified mountain position) at a power ratio of 5 on turn 1 (bound ${bounds.maxMountainOddsTurn1.value})`]);
  });

  it('refuses a scenario that has no bounds, naming the file', () => {
    expect(() => readBounds('test-skirmish')).toThrow(/scenarios\/hunt\/bounds\.json: scenarios: no bounds for scenario "test-skirmish"/);
  });
});

describe('cassino hunt --params (a rule trial hunted as it would be played)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cassino-hunt-params-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const trial = 'engine/params/trials/danger-close-answering.json';

  it('writes a replay that plays only with the same parameter file, and says so without it', async () => {
    const out = join(dir, 'out');
    const r = await cli(['hunt', 'battle-2', '--side', 'german', '--budget', '1', '--params', trial, '--out', out]);
    expect(r.err).toBe('');
    expect([0, 1]).toContain(r.code);
    const replay = join(out, 'best.replay.json');
    const without = await cli(['replay', replay]);
    expect(without.code).toBe(2);
    expect(without.err).toMatch(/best\.replay\.json: fingerprint: the replay was recorded with parameters [0-9a-f]{8}…, these are [0-9a-f]{8}…: .*danger-close-answering\.json is not used now/);
    const withIt = await cli(['replay', replay, '--params', trial]);
    expect(withIt.code, withIt.err).toBe(0);
    expect(withIt.out).toMatch(/replay verified: 2 turn hashes match/);
  });
});

