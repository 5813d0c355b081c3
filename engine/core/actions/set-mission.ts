// Units are given a standing mission (assault, advance, hold, support, withdraw, reserve, bridge).
import { z } from 'zod';
import { hexIndex, minutes, unitId } from '../schema-parts.ts';
import type { Mission } from '../types.ts';
import { ACCEPTED, type Words, defineAction, offMap, unitOf, unitList } from './action.ts';

const by = { by: z.literal('doctrine').optional() };

/** A mission as the engine keeps it (hexes and times resolved), checked against `Mission`. */
export const missionSchema: z.ZodType<Mission> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('hold'), hex: hexIndex.optional(), ...by }),
  z.strictObject({
    kind: z.literal('assault'), objective: hexIndex, until: minutes.optional(), fireSupport: z.boolean().optional(),
    minOdds: z.number().positive('expected odds above 0').max(100, 'expected odds of at most 100').optional(),
    surprise: z.strictObject({ level: z.union([z.literal(1), z.literal(2), z.literal(3)]), from: minutes }).optional(),
    ...by,
  }),
  z.strictObject({ kind: z.literal('advance'), objective: hexIndex, ...by }),
  z.strictObject({ kind: z.literal('reserve'), ...by }),
  z.strictObject({ kind: z.literal('support'), target: hexIndex, ...by }),
  z.strictObject({ kind: z.literal('withdraw'), to: hexIndex, ...by }),
  z.strictObject({ kind: z.literal('bridge'), site: hexIndex, toward: hexIndex, ...by }),
]);

/** The hexes a mission names, with their field names. */
export function missionHexes(m: Mission): Array<[field: string, hex: number]> {
  switch (m.kind) {
    case 'assault': case 'advance': return [['objective', m.objective]];
    case 'support': return [['target', m.target]];
    case 'withdraw': return [['to', m.to]];
    case 'hold': return m.hex !== undefined ? [['hex', m.hex]] : [];
    case 'bridge': return [['site', m.site], ['toward', m.toward]];
    case 'reserve': return [];
  }
}

/** A mission in words: what the units are to do and where. */
function missionWords(m: Mission, w: Words): string {
  switch (m.kind) {
    case 'hold': return `hold ${m.hex !== undefined ? w.hex(m.hex) : 'their ground'}`;
    case 'assault': return `assault ${w.hex(m.objective)}`;
    case 'advance': return `advance on ${w.hex(m.objective)}`;
    case 'withdraw': return `withdraw to ${w.hex(m.to)}`;
    default: return m.kind;
  }
}

export const setMission = defineAction({
  type: 'setMission',
  schema: z.strictObject({ type: z.literal('setMission'), units: z.array(unitId), mission: missionSchema }),
  phases: ['orders', 'movement', 'combat'],
  check(ctx, state, a) {
    for (const id of a.units) {
      const u = unitOf(state, id);
      if (!u) return `unknown unit "${id}"`;
      if (u.status === 'destroyed' || u.status === 'withdrawn') return `unit "${id}" is ${u.status}`;
    }
    for (const [, h] of missionHexes(a.mission)) {
      const off = offMap(ctx, h);
      if (off) return off;
    }
    return ACCEPTED;
  },
  apply(_ctx, s, a) {
    for (const id of a.units) {
      s.missions[id] = a.mission;
      // A new plan or player order lifts the hopeless-odds mark (repulse.ts); the doctrine's own
      // re-tasking does not. Looked for without the draft: reading the unit through it would copy
      // the whole units record for a batch of orders that changes no unit.
      if (a.mission.by !== 'doctrine' && unitOf(s, id)!.repulsed) delete s.units[id].repulsed;
    }
  },
  hexes: (a) => missionHexes(a.mission).map(([f, h]) => [`mission.${f}`, h]),
  units: (a) => a.units,
  describe: (a, w) => `${unitList(w, a.units)}: mission ${missionWords(a.mission, w)}`,
});
