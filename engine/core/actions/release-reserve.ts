// Units held in reserve are released to act.
import { z } from 'zod';
import { unitId } from '../schema-parts.ts';
import { log } from '../state-log.ts';
import { ACCEPTED, defineAction, unitOf, unitList } from './action.ts';

export const releaseReserve = defineAction({
  type: 'releaseReserve',
  schema: z.strictObject({ type: z.literal('releaseReserve'), units: z.array(unitId) }),
  phases: ['orders', 'movement'],
  check(_ctx, state, a) {
    for (const id of a.units) {
      const u = unitOf(state, id);
      if (!u) return `unknown unit "${id}"`;
      if (u.status !== 'reserve') return `unit "${id}" is not in reserve`;
    }
    return ACCEPTED;
  },
  apply(ctx, s, a) {
    for (const id of a.units) s.units[id].status = 'active';
    log(s, { kind: 'release', text: `released from reserve: ${a.units.map((id) => ctx.scenario.unitById[id].name).join(', ')}`, units: a.units });
  },
  hexes: () => [],
  units: (a) => a.units,
  describe: (a, w) => `released from reserve: ${unitList(w, a.units)}`,
});
