// The orders that keep a unit where it is for the turn (dig in, rest): they differ only in the
// posture the unit takes.
import { z } from 'zod';
import { unitId } from '../schema-parts.ts';
import type { Posture } from '../types.ts';
import { ACCEPTED, defineAction, unitOnMap } from './action.ts';

export function standStill<T extends string>(type: T, posture: Posture, verb: string) {
  return defineAction({
    type,
    schema: z.strictObject({ type: z.literal(type), unit: unitId }),
    phases: ['orders', 'movement'],
    check(_ctx, state, a) {
      // A unit may stand still unless it is off the map or has attacked this turn.
      const u = unitOnMap(state, a.unit);
      if (typeof u === 'string') return u;
      return u.attacked ? 'the unit has attacked this turn' : ACCEPTED;
    },
    apply(_ctx, s, a) {
      const u = s.units[a.unit];
      u.posture = posture;
      u.mp = 0;
    },
    hexes: () => [],
    units: (a) => [a.unit],
    describe: (a, w) => `${w.unit(a.unit)} ${verb}`,
  });
}
