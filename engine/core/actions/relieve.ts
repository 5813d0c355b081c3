// A fresh unit takes over the positions of a unit in or next to its hex; the relieved unit rests.
import { z } from 'zod';
import { hexDistance } from '../map.ts';
import { unitId } from '../schema-parts.ts';
import { log } from '../state-log.ts';
import { ACCEPTED, defineAction, unitOnMap } from './action.ts';

export const relieve = defineAction({
  type: 'relieve',
  schema: z.strictObject({ type: z.literal('relieve'), unit: unitId, by: unitId }),
  phases: ['orders', 'movement'],
  check(ctx, state, act) {
    const a = unitOnMap(state, act.unit);
    if (typeof a === 'string') return a;
    const b = unitOnMap(state, act.by);
    if (typeof b === 'string') return b;
    if (a.side !== b.side) return 'a unit can only be relieved by its own side';
    if (a.id === b.id) return 'a unit cannot relieve itself';
    if (hexDistance(ctx.map, a.hex, b.hex) > 1) return `unit "${b.id}" must be in or next to the hex of "${a.id}"`;
    if (a.attacked || b.attacked) return 'units that attacked this turn cannot carry out a relief';
    return ACCEPTED;
  },
  apply(ctx, s, a) {
    const x = s.units[a.unit];
    const y = s.units[a.by];
    const hx = x.hex;
    x.hex = y.hex;
    y.hex = hx;
    y.entrenchment = Math.max(y.entrenchment, x.entrenchment);
    y.turnsInPlace = x.turnsInPlace;
    x.entrenchment = 0;
    x.turnsInPlace = 0;
    x.posture = 'rest';
    x.mp = 0;
    y.mp = 0;
    const m = s.missions[x.id];
    if (m) s.missions[y.id] = m;
    s.missions[x.id] = { kind: 'reserve' };
    log(s, { kind: 'relief', side: x.side, text: `${ctx.scenario.unitById[y.id].name} relieves ${ctx.scenario.unitById[x.id].name}`, units: [x.id, y.id], hex: y.hex });
  },
  hexes: () => [],
  units: (a) => [a.unit, a.by],
  describe: (a, w) => `${w.unit(a.by)} relieves ${w.unit(a.unit)}`,
});
