// Reserves are released at a time (the plan controller releases those still in reserve).
import { z } from 'zod';
import { entryBase, unitList } from './base.ts';
import { defineKind } from './kind.ts';

export const release = defineKind({
  kind: 'release',
  schema: z.strictObject({ ...entryBase, kind: z.literal('release'), units: unitList }),
  resolve(e, at, load, p) {
    load.unitRefs(`${p}.units`, e.units);
    return { at, kind: 'release' as const, units: e.units, note: e.note };
  },
  plan: {
    phase: 'orders',
    *actions(ctx, now, side, it) {
      if (ctx.scenario.unitById[it.units[0]].side !== side) return;
      const reserve = it.units.filter((id) => now().units[id].status === 'reserve');
      if (reserve.length) yield { type: 'releaseReserve', units: reserve };
    },
  },
});
