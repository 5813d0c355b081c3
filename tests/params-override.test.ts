// Parameter overrides stack: a what-if's overrides, then a parameter file's, each on the parameters
// it is given. An analyst who tries a params file on a what-if must get both changes, not the
// file's alone on the shipped values.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultParams, overrideParamsAll } from '../engine/core/params.ts';
import { loadContext } from '../engine/node/files.ts';

const dir = mkdtempSync(join(tmpdir(), 'cassino-override-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, body: unknown): string {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(body));
  return f;
}

describe('parameter overrides', () => {
  it('merge onto the parameters they are given, keeping an earlier override of the same group', () => {
    const shipped = defaultParams();
    const rubble = overrideParamsAll(shipped, [{ set: { fire: { rubbleTons: { value: 999 } } }, path: 'changes[0].set' }], 'w.json');
    const both = overrideParamsAll(rubble, [{ set: { fire: { ruinTons: { value: 777 } } }, path: 'set' }], 'p.json');
    expect(both.fire.rubbleTons.value).toBe(999);
    expect(both.fire.ruinTons.value).toBe(777);
    expect(shipped.fire.rubbleTons.value).not.toBe(999);
  });

  it('keep an earlier combat override when a later one changes another combat parameter', () => {
    const base = overrideParamsAll(defaultParams(), [{ set: { combat: { winThreshold: { value: 1.7 } } }, path: 'set' }], 'a.json');
    const next = overrideParamsAll(base, [{ set: { combat: { supplyFloor: { value: 0.4 } } }, path: 'set' }], 'b.json');
    expect(next.combat.winThreshold).toBe(1.7);
    expect(next.combat.supplyFloor).toBe(0.4);
    expect(defaultParams().combat.winThreshold).not.toBe(1.7);
  });

  it('give a run with a what-if and a parameter file both changes', () => {
    const whatIf = file('rubble.json', {
      id: 'more-rubble', name: 'More rubble', note: 'test', source: 'test',
      scenario: { id: 'test-skirmish', version: '1' },
      changes: [{ type: 'params', set: { fire: { rubbleTons: { value: 999 } } } }],
    });
    const params = file('ruins.json', { set: { fire: { ruinTons: { value: 777 } } } });
    const ctx = loadContext('test-skirmish', { whatIf, params });
    expect(ctx.params.fire.rubbleTons.value).toBe(999);
    expect(ctx.params.fire.ruinTons.value).toBe(777);
  });

  it('refuse a value no parameter can hold (1e308) from a what-if or a params file, naming the file and the path', async () => {
    const whatIf = file('huge.json', {
      id: 'huge', name: 'Huge', note: 'test', source: 'test',
      scenario: { id: 'test-skirmish', version: '1' },
      changes: [{ type: 'params', set: { fire: { casualtiesPerTonOnTarget: { value: 1e308 } } } }],
    });
    expect(() => loadContext('test-skirmish', { whatIf })).toThrow(/huge\.json: changes\[0\]\.set\.fire\.casualtiesPerTonOnTarget\.value: expected a value from -10,000,000 to 10,000,000/);
    const params = file('huge-combat.json', { set: { combat: { winThreshold: { value: 1e308 } } } });
    expect(() => loadContext('test-skirmish', { params })).toThrow(/huge-combat\.json: set\.combat\.winThreshold\.value: expected a value of at most 10,000,000/);
  });
});
