// A plan order: units of a side are given a mission at a time (issued by the plan controller).
import { z } from 'zod';
import { dateTime, hexRef, side } from '../schema-parts.ts';
import { toMinutes } from '../time.ts';
import type { Mission } from '../types.ts';
import { entryBase, unitList } from './base.ts';
import { type ScheduleLoad, defineKind } from './kind.ts';

const SURPRISE_LEVELS = ['minor', 'substantial', 'complete'] as const;

/** A mission as a file writes it (hexes as references, times as date-times). */
export const fileMissionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('hold'), hex: hexRef.optional() }),
  z.strictObject({
    kind: z.literal('assault'), objective: hexRef, until: dateTime.optional(), fireSupport: z.boolean().optional(),
    /** Surprise the assault achieves (QJM levels); it fades from the order's time (combat.json surprise.decayDays). */
    surprise: z.enum(SURPRISE_LEVELS).optional(),
  }),
  z.strictObject({ kind: z.literal('advance'), objective: hexRef }),
  z.strictObject({ kind: z.literal('reserve') }),
  z.strictObject({ kind: z.literal('support'), target: hexRef }),
  z.strictObject({ kind: z.literal('withdraw'), to: hexRef }),
  z.strictObject({ kind: z.literal('bridge'), site: hexRef, toward: hexRef }),
]);
type FileMission = z.infer<typeof fileMissionSchema>;

function resolveMission(load: ScheduleLoad, path: string, m: FileMission, at: number): Mission {
  const hex = load.hex;
  switch (m.kind) {
    case 'hold': return m.hex ? { kind: 'hold', hex: hex(`${path}.hex`, m.hex) } : { kind: 'hold' };
    case 'assault': {
      const out: Mission = { kind: 'assault', objective: hex(`${path}.objective`, m.objective) };
      if (m.until) out.until = toMinutes(m.until);
      if (m.fireSupport === false) out.fireSupport = false;
      if (m.surprise) out.surprise = { level: (SURPRISE_LEVELS.indexOf(m.surprise) + 1) as 1 | 2 | 3, from: at };
      return out;
    }
    case 'advance': return { kind: 'advance', objective: hex(`${path}.objective`, m.objective) };
    case 'reserve': return { kind: 'reserve' };
    case 'support': return { kind: 'support', target: hex(`${path}.target`, m.target) };
    case 'withdraw': return { kind: 'withdraw', to: hex(`${path}.to`, m.to) };
    case 'bridge': return resolveBridge(load, path, m);
  }
}

/** A bridging mission needs a site next to the far bank with a river between them. */
function resolveBridge(load: ScheduleLoad, path: string, m: Extract<FileMission, { kind: 'bridge' }>): Mission {
  const map = load.map;
  const site = load.hex(`${path}.site`, m.site);
  const toward = load.hex(`${path}.toward`, m.toward);
  if (site >= 0 && toward >= 0) {
    const d = map.neighbours.subarray(site * 6, site * 6 + 6).indexOf(toward);
    if (d < 0) load.add(`${path}.toward`, `"${m.toward}" is not next to the bridge site "${m.site}"`);
    else if (!map.river[site * 6 + d]) load.add(`${path}.toward`, `there is no river between "${m.site}" and "${m.toward}"`);
  }
  return { kind: 'bridge', site, toward };
}

export const order = defineKind({
  kind: 'order',
  schema: z.strictObject({ ...entryBase, kind: z.literal('order'), side, units: unitList, mission: fileMissionSchema, quietUntil: dateTime.optional() }),
  resolve(e, at, load, p) {
    load.unitRefs(`${p}.units`, e.units, e.side);
    return {
      at, kind: 'order' as const, side: e.side, units: e.units, mission: resolveMission(load, `${p}.mission`, e.mission, at),
      ...(e.quietUntil ? { quietUntil: toMinutes(e.quietUntil) } : {}), note: e.note,
    };
  },
  plan: {
    phase: 'orders',
    *actions(_ctx, _now, side, it) {
      if (it.side === side) yield { type: 'setMission', units: it.units, mission: it.mission };
    },
  },
});
