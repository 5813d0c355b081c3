// What-if files: the format's error messages, the shipped what-ifs, parameter overrides kept to
// their own run, common random numbers (a what-if that changes nothing differs by exactly zero; one
// that changes only a late event leaves earlier turns' hashes alone), `compare` and `batch --whatif`.
import { describe, expect, it, vi } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultParams } from '../engine/core/params.ts';
import { runGame } from '../engine/core/run.ts';
import { fullLog } from '../engine/core/state-log.ts';
import { toMinutes } from '../engine/core/time.ts';
import { loadContext, readWhatIf } from '../engine/node/files.ts';
import { batchCommand } from '../engine/node/batch/command.ts';
import { type CompareResult, runCompare } from '../engine/node/compare.ts';
import { cli } from './cli-helpers.ts';
import { errorOf, tmp, whatIf } from './whatif-fixtures.ts';

const FIX = 'tests/fixtures/whatifs';
const SHIPPED = 'scenarios/whatifs';

describe('what-if files: errors name the file, the path and what was expected', () => {
  it('refuses a what-if written for another scenario or version', () => {
    const other = whatIf([], { scenario: { id: 'battle-2', version: '1' } });
    expect(errorOf(() => loadContext('test-skirmish', { whatIf: other }))).toBe(`${other}: scenario: this what-if is for scenario battle-2 version 1, not test-skirmish version 1`);
    const version = whatIf([], { scenario: { id: 'test-skirmish', version: '2' } });
    expect(errorOf(() => loadContext('test-skirmish', { whatIf: version }))).toBe(`${version}: scenario: this what-if is for scenario test-skirmish version 2, not test-skirmish version 1`);
  });

  it('names an unknown order id and the change that used it', () => {
    const f = whatIf([{ type: 'plan.remove', order: 'sk.tanks-withdrawn' }, { type: 'plan.retime', order: 'sk.no-such-order', at: '1944-01-21T06:00' }]);
    expect(errorOf(() => loadContext('test-skirmish', { whatIf: f }))).toBe(`${f}: changes[1].order: unknown plan item "sk.no-such-order" (no item of scenario test-skirmish in the scenario has this id, or an earlier change removed it)`);
  });

  it('reports malformed YAML with its line', () => {
    const file = join(tmp(), 'bad.yaml');
    writeFileSync(file, 'id: bad\nname: x\nchanges:\n  - type: plan.remove\n   order: x\n');
    expect(errorOf(() => readWhatIf(file))).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid YAML: .*line 5`));
  });

  it('checks the format: an unknown change type, a misspelt field, a missing note', () => {
    const f = whatIf([{ type: 'plan.delete', order: 'x' }, { type: 'fire.modify', order: 'sk.air-strike-west-hill', tons: 3 }], { note: '' });
    const msg = errorOf(() => readWhatIf(f));
    expect(msg).toContain(`${f}: note: expected a note on the history behind the what-if`);
    expect(msg).toContain(`${f}: changes[0].type: Invalid discriminator value. Expected 'plan.add' | 'plan.remove' | `);
    expect(msg).toMatch(/changes\[1\]: Unrecognized key: "tons"/);
  });

  it('reports a problem in an added item against the what-if, not the scenario', () => {
    const f = whatIf([{ type: 'plan.add', item: { at: '1944-01-21T06:00', kind: 'order', side: 'allied', units: ['us-9-999'], mission: { kind: 'hold' } } }]);
    expect(errorOf(() => loadContext('test-skirmish', { whatIf: f }))).toBe(`${f}: changes[0].item.units[0]: unknown unit "us-9-999"`);
    const late = whatIf([{ type: 'plan.retime', order: 'sk.air-strike-west-hill', at: '1944-02-21T06:00' }]);
    expect(errorOf(() => loadContext('test-skirmish', { whatIf: late }))).toBe(`${late}: changes[0].at: 1944-02-21T06:00 is outside the scenario window (1944-01-20T18:00 to 1944-01-23T06:00)`);
  });

  it('checks fire changes and parameter overrides against their kinds and schemas', () => {
    const f = whatIf([
      { type: 'fire.remove', order: 'sk.panzer-released' },
      { type: 'params', set: { fire: { ruinTonz: 3 }, morale: {} } },
    ]);
    const msg = errorOf(() => loadContext('test-skirmish', { whatIf: f }));
    expect(msg).toContain(`${f}: changes[0].order: "sk.panzer-released" is a release, not an air strike or bombardment (use plan.remove)`);
    const p = whatIf([{ type: 'params', set: { fire: { ruinTonz: 3 }, morale: {} } }]);
    const pm = errorOf(() => loadContext('test-skirmish', { whatIf: p })).split('\n');
    expect(pm[0]).toMatch(new RegExp(`: changes\\[0\\]\\.set\\.fire\\.ruinTonz: unknown parameter "ruinTonz" \\(expected one of: about, casualtiesPerTonOnTarget, `));
    expect(pm[1]).toMatch(/: changes\[0\]\.set\.morale: unknown parameter group "morale" \(expected one of: movement, weather/);
    const bad = whatIf([{ type: 'params', set: { fire: { nearMissShare: { value: 2 } } } }]);
    expect(errorOf(() => loadContext('test-skirmish', { whatIf: bad }))).toMatch(/: changes\[0\]\.set\.fire\.nearMissShare\.value: Too big: expected number to be <=1$/);
  });
});

describe('the shipped what-ifs', () => {
  const files = readdirSync(SHIPPED).filter((f) => /\.(json|ya?ml)$/.test(f));
  it('ships at least three, one of them YAML, each with a note and a source', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    expect(files.some((f) => /\.ya?ml$/.test(f))).toBe(true);
    for (const f of files) {
      const w = readWhatIf(join(SHIPPED, f)).whatIf;
      expect(w.note.length, f).toBeGreaterThan(200);
      expect(w.source, f).toMatch(/cassino-1944\.md/);
    }
  });

  it.each(files)('%s validates and plays its first turns', (f) => {
    const { whatIf } = readWhatIf(join(SHIPPED, f));
    const ctx = loadContext(whatIf.scenario.id, { whatIf: join(SHIPPED, f) });
    const r = runGame(ctx, { seed: '1', turns: 2, recordActions: false });
    expect(r.state.turnHashes).toHaveLength(2);
  });

  it('diadem-armour-released: the armoured division north of Rome, off the map until 16 May, then in the Liri valley with its full data', () => {
    const ctx = loadContext('battle-4', { whatIf: join(SHIPPED, 'diadem-armour-released.json') });
    const units = ctx.scenario.units.filter((u) => u.formation === 'de-armd-div-north-of-rome');
    expect(units).toHaveLength(9);
    expect(units.reduce((n, u) => n + u.men, 0)).toBe(9400);
    expect(units.reduce((n, u) => n + (u.tanks ?? 0), 0)).toBe(60);
    for (const u of units) expect(u.source, u.id).toMatch(/oob\/german\.json|battle-4\.json/);
    const seen: Array<{ at: number; onMap: number }> = [];
    runGame(ctx, {
      seed: '1', recordActions: false, turns: 11,
      onTurnEnd: (s) => seen.push({ at: s.time, onMap: units.filter((u) => s.units[u.id].hex >= 0).length }),
    });
    const arrival = toMinutes('1944-05-16T06:00');
    // Off the map before the morning of 16 May, all on it after.
    for (const t of seen) if (t.at !== arrival) expect(t.onMap, String(t.at)).toBe(t.at < arrival ? 0 : 9);
    expect(seen.some((t) => t.onMap === 9)).toBe(true);
  });

  it('no-abbey-bombing: no raid, and the abbey stays empty until an Allied unit is next to it', () => {
    const ctx = loadContext('battle-2', { whatIf: join(SHIPPED, 'no-abbey-bombing.json') });
    expect(ctx.scenario.schedule.filter((i) => i.kind === 'airStrike')).toEqual([]);
    const abbey = ctx.map.hexOfPlace.get('abbey')!;
    let turnsKeptOut = 0;
    const r = runGame(ctx, {
      seed: '1', recordActions: false,
      onTurnEnd: (s) => {
        // While the agreement holds (no Allied unit has come next to the abbey), no German is in it.
        if (s.keepOut?.some((k) => k.hexes.includes(abbey))) {
          turnsKeptOut++;
          expect(Object.values(s.units).some((u) => u.side === 'german' && u.hex === abbey)).toBe(false);
        } else {
          expect(fullLog(s).some((e) => e.kind === 'keepOut' && e.text.startsWith('fighting reaches'))).toBe(true);
        }
      },
    });
    expect(turnsKeptOut).toBeGreaterThan(4);
    expect(r.state.hexes[abbey]?.terrain).toBeUndefined();
    const historical = runGame(loadContext('battle-2'), { seed: '1', recordActions: false });
    expect(historical.state.hexes[abbey]?.terrain).toBe('abbey-ruins');
    expect(Object.values(historical.state.units).some((u) => u.side === 'german' && u.hex === abbey)).toBe(true);
  });
});

describe('keepOut zones', () => {
  const keepOut = (within: number) => whatIf([{ type: 'plan.add', item: { at: '1944-01-20T18:00', kind: 'keepOut', side: 'german', hexes: ['town@-1,0'], untilEnemyWithin: within } }]);
  const visits = (file?: string) => {
    const ctx = loadContext('test-skirmish', file ? { whatIf: file } : {});
    const hex = ctx.map.hexOfPlace.get('town')! - 1;
    const target = ctx.scenario.schedule.find((i) => i.kind === 'order' && i.units.includes('de-1-104'))!;
    const goal = (target as { mission: { objective: number } }).mission.objective;
    let inside = 0;
    const r = runGame(ctx, { seed: '1', recordActions: false, onTurnEnd: (s) => { if (s.units['de-1-104'].hex === goal) inside++; } });
    return { inside, r, hex };
  };

  it('keeps a side out of the hexes while no enemy is near, and lifts for good when one comes close', () => {
    expect(visits().inside).toBeGreaterThan(0);
    const kept = visits(keepOut(0));
    expect(kept.inside).toBe(0);
    expect(kept.r.state.keepOut).toHaveLength(1);
    const lifted = visits(keepOut(10));
    expect(fullLog(lifted.r.state).filter((e) => e.kind === 'keepOut').map((e) => e.text)[1]).toMatch(/^fighting reaches .*: german units may now enter$/);
    expect(lifted.r.state.keepOut).toEqual([]);
    expect(lifted.inside).toBeGreaterThan(0);
  });
});

describe('parameter overrides stay in their own run context', () => {
  it('changes the parameter for the what-if context only, never the shipped ones or another context', () => {
    const before = JSON.stringify(defaultParams().fire);
    const what = loadContext('test-skirmish', { whatIf: join(FIX, 'skirmish-params.json') });
    const plain = loadContext('test-skirmish');
    expect(what.params.fire.casualtiesPerTonOnTarget.value).toBe(40);
    expect(what.params.fire.casualtiesPerTonOnTarget.source).toBe(defaultParams().fire.casualtiesPerTonOnTarget.source);
    expect(plain.params.fire.casualtiesPerTonOnTarget.value).toBe(1.2);
    expect(JSON.stringify(defaultParams().fire)).toBe(before);
    // Interleaved runs in one process: the plain runs are the same before and after the what-if's.
    const a = runGame(plain, { seed: '3', recordActions: false }).finalHash;
    const w = runGame(what, { seed: '3', recordActions: false }).finalHash;
    const b = runGame(plain, { seed: '3', recordActions: false }).finalHash;
    expect(w).not.toBe(a);
    expect(b).toBe(a);
  });
});

describe('common random numbers', () => {
  it('a what-if that changes only the last turn leaves every earlier turn hash identical', () => {
    const plain = runGame(loadContext('test-skirmish'), { seed: '5', recordActions: false }).state.turnHashes;
    const late = runGame(loadContext('test-skirmish', { whatIf: join(FIX, 'skirmish-late.yaml') }), { seed: '5', recordActions: false }).state.turnHashes;
    expect(late.length).toBe(plain.length);
    expect(late.slice(0, -1)).toEqual(plain.slice(0, -1));
    expect(late[late.length - 1]).not.toBe(plain[plain.length - 1]);
  });

  let nothing: CompareResult;
  it('compare: a what-if that changes nothing differs by exactly zero on every figure and outcome', async () => {
    nothing = await runCompare({ scenario: 'test-skirmish', whatIf: join(FIX, 'skirmish-nothing.json'), runs: 4, seed: '1', workers: 2, progress: false });
    expect(nothing.paired).toBe(4);
    for (const f of Object.values(nothing.figures)) {
      expect(f.difference).toEqual({ mean: 0, median: 0, ci95: [0, 0] });
      expect(f.whatIf).toEqual(f.historical);
    }
    for (const o of Object.values(nothing.objectives)) for (const h of Object.values(o.held)) expect(h.change === 0 && h.ci95[0] === 0 && h.ci95[1] === 0).toBe(true);
  });

  it('compare: JSON shape, intervals around the mean difference, deterministic output', async () => {
    const r = await runCompare({ scenario: 'test-skirmish', whatIf: join(FIX, 'skirmish-params.json'), runs: 6, seed: '1', workers: 2, progress: false });
    expect(r.format).toBe('cassino-compare');
    expect(r.whatIf.id).toBe('skirmish-params');
    expect(r.seeds).toEqual({ first: '1', last: '6', count: 6 });
    const german = r.figures['losses.german'];
    expect(german.difference.ci95[0]).toBeLessThanOrEqual(german.difference.mean);
    expect(german.difference.ci95[1]).toBeGreaterThanOrEqual(german.difference.mean);
    // Ten times the killing power of each ton, ten times the tonnage: the Germans lose more.
    expect(german.difference.ci95[0]).toBeGreaterThan(0);
    for (const o of Object.values(r.objectives)) {
      const sum = o.held.allied.whatIf + o.held.german.whatIf + o.held.none.whatIf;
      expect(sum).toBeCloseTo(1, 3);
    }
    const again = await runCompare({ scenario: 'test-skirmish', whatIf: join(FIX, 'skirmish-params.json'), runs: 6, seed: '1', workers: 1, progress: false });
    expect(JSON.stringify(again)).toBe(JSON.stringify(r));
  });

  it('cassino compare prints the table, writes compare.json and compare.html, and refuses bad input with exit 2', async () => {
    const dir = tmp();
    const ok = await cli(['compare', 'test-skirmish', '--whatif', join(FIX, 'skirmish-late.yaml'), '--runs', '2', '--workers', '2', '--out', dir]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/what-if skirmish-late: The tanks stay/);
    expect(ok.out).toMatch(/Men lost .* historical +what-if +difference/);
    expect(JSON.parse(readFileSync(join(dir, 'compare.json'), 'utf8')).paired).toBe(2);
    expect(readFileSync(join(dir, 'compare.html'), 'utf8')).toMatch(/<svg class="forest"/);
    const missing = await cli(['compare', 'test-skirmish', '--runs', '2']);
    expect(missing.code).toBe(2);
    expect(missing.err.split('\n')[0]).toBe('error: --whatif FILE is required (the what-if to compare with the historical plan)');
    const wrong = await cli(['compare', 'battle-1', '--whatif', join(FIX, 'skirmish-late.yaml'), '--runs', '2']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toBe(`error: ${FIX}/skirmish-late.yaml: scenario: this what-if is for scenario test-skirmish version 1, not battle-1 version 1`);
  });
});

describe('cassino batch --whatif', () => {
  async function batch(args: string[]): Promise<{ code: number; err: string }> {
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => { err.push(a.join(' ')); });
    try { return { code: await batchCommand(args), err: err.join('\n') }; } finally { log.mockRestore(); error.mockRestore(); }
  }

  it('records the what-if runs like any runs, names the what-if, and refuses to resume with another', async () => {
    const dir = tmp();
    const r = await batch(['test-skirmish', '--runs', '3', '--workers', '2', '--whatif', join(FIX, 'skirmish-late.yaml'), '--out', dir]);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'batch.json'), 'utf8'));
    expect(manifest.whatIf).toEqual({ id: 'skirmish-late', name: 'The tanks stay (test fixture)', file: `${FIX}/skirmish-late.yaml` });
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).whatIf).toEqual({ id: 'skirmish-late', name: 'The tanks stay (test fixture)' });
    const lines = readFileSync(join(dir, 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const ctx = loadContext('test-skirmish', { whatIf: join(FIX, 'skirmish-late.yaml') });
    expect(lines.map((l) => l.stateHash)).toEqual(['1', '2', '3'].map((seed) => runGame(ctx, { seed, recordActions: false }).finalHash));
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('What-if: The tanks stay (test fixture)');
    const other = await batch(['test-skirmish', '--whatif', join(FIX, 'skirmish-nothing.json'), '--out', dir, '--resume']);
    expect(other.code).toBe(2);
    expect(other.err.split('\n')[0]).toMatch(/^error: cannot resume: .* holds runs with what-if skirmish-late, not what-if skirmish-nothing/);
    const none = await batch(['test-skirmish', '--out', dir, '--resume']);
    expect(none.code).toBe(2);
    expect(none.err.split('\n')[0]).toMatch(/holds runs with what-if skirmish-late, not no what-if \(add --whatif tests\/fixtures\/whatifs\/skirmish-late\.yaml/);
  });

  it('with --baseline, compares the what-if batch with a historical batch of the same seeds in report.html and compare.json', async () => {
    const hist = tmp();
    expect((await batch(['test-skirmish', '--runs', '4', '--workers', '2', '--out', hist])).code).toBe(0);
    const same = tmp();
    const r = await batch(['test-skirmish', '--runs', '4', '--workers', '2', '--whatif', join(FIX, 'skirmish-nothing.json'), '--baseline', hist, '--out', same]);
    expect(r.code).toBe(0);
    const cmp = JSON.parse(readFileSync(join(same, 'compare.json'), 'utf8'));
    expect(cmp.paired).toBe(4);
    for (const f of Object.values(cmp.figures) as Array<{ difference: { mean: number; ci95: number[] } }>) {
      expect(f.difference.mean).toBe(0);
      expect(f.difference.ci95).toEqual([0, 0]);
    }
    expect(readFileSync(join(same, 'report.html'), 'utf8')).toContain('Compared with the historical plan');
    const short = tmp();
    const bad = await batch(['test-skirmish', '--runs', '6', '--whatif', join(FIX, 'skirmish-nothing.json'), '--baseline', hist, '--out', join(short, 'new')]);
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n')[0]).toMatch(/^error: --baseline .* lacks 2 of this batch's seeds \(first: 5\); run it with the same --seed and --runs$/);
    expect(existsSync(join(short, 'new'))).toBe(false);
  });
});
