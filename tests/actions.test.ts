// The action registry's schemas are the one definition of an action: every action a pinned replay
// holds parses, and a malformed one (unknown type, a field missing, null, negative, fractional,
// non-finite or beyond what 1944 held, or an unknown field) is refused with its index and field
// before anything is played. Hexes beyond the map are refused once the map is known.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { ACTIONS, type Action, actionSchema, describeAction, offMapIssues } from '../engine/core/actions/union.ts';
import { formatIssues, zodIssues } from '../engine/core/data-error.ts';
import { replayFileSchema } from '../engine/core/replay.ts';
import { PHASES } from '../engine/core/types.ts';
import { testContext } from './helpers.ts';

const REPLAYS = ['battle-2.s1', 'test-skirmish.s1'];
const read = (name: string) => JSON.parse(readFileSync(new URL(`./golden/runs/${name}.replay.json`, import.meta.url), 'utf8'));
const battle2 = read('battle-2.s1');

/** Real actions of each type: from the pinned replay, and for types it never uses, as the UI and doctrine issue them. */
const samples: Action[] = [
  ...ACTIONS.map((d) => battle2.actions.find((a: { action: Action }) => a.action.type === d.type)?.action).filter(Boolean),
  { type: 'digIn', unit: 'de-1-fjr-3' },
  { type: 'rest', unit: 'de-1-fjr-3' },
  { type: 'relieve', unit: 'in-1-9-gurkha', by: 'in-1-2-gurkha' },
  { type: 'setFlag', side: 'german', key: 'german.withdrawal-ordered', value: '1944-05-17', text: 'withdraw to the Hitler Line' },
];

/** Parses a replay whose action at `index` is `action`; the error text, or null when it parses. */
function refusal(action: unknown, index = 3): string | null {
  const file = structuredClone(battle2);
  file.actions[index].action = action;
  const r = replayFileSchema.safeParse(file);
  return r.success ? null : formatIssues('r.json', zodIssues(r.error.issues));
}

describe('the action schemas', () => {
  it('cover every registered action type with a sample', () => {
    expect(new Set(samples.map((a) => a.type))).toEqual(new Set(ACTIONS.map((d) => d.type)));
  });

  it.each(REPLAYS)('accept every action of the pinned replay %s (the Action type and the replay schema agree)', (name) => {
    const file = read(name);
    for (const a of file.actions) expect(actionSchema.safeParse(a.action).success, JSON.stringify(a.action)).toBe(true);
    expect(replayFileSchema.safeParse(file).success).toBe(true);
  });

  it('give the parsed action back unchanged (nothing is defaulted or dropped)', () => {
    for (const a of samples) expect(actionSchema.parse(a)).toEqual(a);
  });

  it('refuse an unknown type naming the types there are', () => {
    expect(refusal({ type: 'teleport', unit: 'x', to: 4 })).toMatch(/^r\.json: actions\[3\]\.action\.type: Invalid discriminator value\. Expected 'airStrike' \| 'attack'/);
  });

  it('refuse a null action, a null unit and a negative hex with the path', () => {
    expect(refusal(null)).toBe('r.json: actions[3].action: Invalid input: expected object, received null');
    expect(refusal({ type: 'move', unit: null, to: 5 })).toBe('r.json: actions[3].action.unit: Invalid input: expected string, received null');
    expect(refusal({ type: 'move', unit: 'x', to: -1 })).toBe('r.json: actions[3].action.to: expected a hex index of 0 or more');
  });

  it('refuse tonnage and aircraft beyond the largest raids of 1944, naming the bound', () => {
    const strike = samples.find((a) => a.type === 'airStrike')!;
    expect(refusal({ ...strike, tonnage: 1e308 })).toBe('r.json: actions[3].action.tonnage: expected at most 4,394 tons (the heaviest raid of 1944, Bomber Command on Duisburg, 14 October 1944)');
    expect(refusal({ ...strike, aircraft: 5000 })).toContain('actions[3].action.aircraft: expected at most 2,899 aircraft');
    expect(refusal({ ...strike, accuracy: 1.5 })).toBe('r.json: actions[3].action.accuracy: expected a share from 0 to 1');
  });

  it('refuse a mission time outside 1944 (a time in minutes, as the engine keeps it)', () => {
    const m = { type: 'setMission', units: ['x'], mission: { kind: 'assault', objective: 5, until: 1e12 } };
    expect(refusal(m)).toBe('r.json: actions[3].action.mission.until: expected a time in minutes from -13675680 (1944-01-01T00:00) to -13148641 (1944-12-31T23:59)');
  });

  it('refuse every malformed variant of a real action, naming its index and the field', () => {
    const bad = fc.constantFrom<unknown>(null, -1, 2.5, 1e308, Number.NaN, Infinity, 'x', true, [], {});
    fc.assert(fc.property(fc.constantFrom(...samples), fc.nat(), fc.oneof(fc.constant('drop'), fc.constant('extra'), bad), fc.nat(battle2.actions.length - 1), (sample, k, how, index) => {
      const fields = Object.keys(sample).filter((f) => f !== 'type');
      const action: Record<string, unknown> = structuredClone(sample);
      let field: string;
      if (how === 'extra' || fields.length === 0) {
        field = '';
        action.surplus = 1;
      } else {
        field = fields[k % fields.length];
        if (how === 'drop') {
          // An optional field may be left out: the action is still well formed.
          delete action[field];
          if (actionSchema.safeParse(action).success) return;
        } else {
          const was = sample[field as keyof Action];
          // A string for a string, or an empty list for a list, is well formed.
          if ((typeof how === 'string' && typeof was === 'string') || (Array.isArray(how) && Array.isArray(was))) return;
          action[field] = how;
        }
      }
      const msg = refusal(action, index);
      expect(msg).not.toBeNull();
      expect(msg!.startsWith(`r.json: actions[${index}].action${field ? `.${field}` : ''}`), msg!).toBe(true);
    }), { numRuns: 400, seed: 22 });
  });

  it('list the phases each action may be taken in from the game phases', () => {
    for (const d of ACTIONS) for (const p of d.phases) expect(PHASES).toContain(p);
  });
});

describe('hexes beyond the map', () => {
  it('are refused with the path once the map is known', () => {
    const size = testContext().map.size;
    const actions = [
      { action: { type: 'move', unit: 'x', to: 3, path: [2, size + 4, 3] } as Action },
      { action: { type: 'setMission', units: ['x'], mission: { kind: 'bridge', site: 1, toward: size } } as Action },
      { action: { type: 'endPhase' } as Action },
    ];
    expect(offMapIssues(actions, size)).toEqual([
      { path: 'actions[0].action.path[1]', message: `hex ${size + 4} is off the map (expected a hex index from 0 to ${size - 1})` },
      { path: 'actions[1].action.mission.toward', message: `hex ${size} is off the map (expected a hex index from 0 to ${size - 1})` },
    ]);
  });

  it('are none in the pinned replays', () => {
    for (const name of REPLAYS) expect(offMapIssues(read(name).actions, 98 * 200)).toEqual([]);
  });
});

describe('actions in words', () => {
  it('every action of the pinned replays is described by its own module, naming its units and hexes', () => {
    const words = { unit: (id: string) => `<${id}>`, hex: (h: number) => `[${h}]` };
    const seen = new Set<string>();
    for (const name of ['battle-2.s1', 'test-skirmish.s1']) {
      for (const { action } of read(name).actions as Array<{ action: Action }>) {
        const text = describeAction(action, words);
        seen.add(action.type);
        expect(text).not.toMatch(/undefined|\[object/);
        if ('unit' in action) expect(text).toContain(`<${action.unit}>`);
        if ('target' in action) expect(text).toContain(`[${action.target}]`);
      }
    }
    expect(seen.size).toBeGreaterThan(4);
    // Every registered action has words of its own.
    for (const def of ACTIONS) expect(typeof def.describe).toBe('function');
  });
});
