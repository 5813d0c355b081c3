// Engineers start (or carry on) bridging the river between their hex and the far bank.
import { z } from 'zod';
import { unitsInHex } from '../attack.ts';
import { controlOf, sideChar } from '../control.ts';
import { hexIndex, unitId } from '../schema-parts.ts';
import { ACCEPTED, defineAction, unitOnMap } from './action.ts';

export const buildBridge = defineAction({
  type: 'buildBridge',
  schema: z.strictObject({ type: z.literal('buildBridge'), unit: unitId, toward: hexIndex }),
  phases: ['orders', 'movement'],
  check(ctx, state, a) {
    const map = ctx.map;
    const u = unitOnMap(state, a.unit);
    if (typeof u === 'string') return u;
    if (ctx.scenario.unitById[u.id].type !== 'engineer') return `unit "${u.id}" is not an engineer unit`;
    const d = map.neighbours.subarray(u.hex * 6, u.hex * 6 + 6).indexOf(a.toward);
    if (d < 0) return `hex ${a.toward} is not next to the engineers`;
    if (!map.river[u.hex * 6 + d]) return 'there is no river between those hexes';
    const other = controlOf(state, a.toward);
    if (other !== sideChar(u.side) && unitsInHex(state, a.toward).length === 0) {
      return 'the far bank must be held by your side before a bridge can be built';
    }
    if (unitsInHex(state, a.toward).some((x) => x.side !== u.side)) return 'the far bank is held by the enemy';
    return ACCEPTED;
  },
  apply(ctx, s, a) {
    const map = ctx.map;
    const u = s.units[a.unit];
    const key = u.hex < a.toward ? `${u.hex}-${a.toward}` : `${a.toward}-${u.hex}`;
    if (!s.works[key]) {
      const d = map.neighbours.subarray(u.hex * 6, u.hex * 6 + 6).indexOf(a.toward);
      const riverSide = map.data.riverSides[map.river[u.hex * 6 + d] - 1];
      s.works[key] = { unit: u.id, hoursDone: 0, hoursNeeded: Math.ceil(riverSide.widthM * ctx.params.engineering.bridgeHoursPerMetre.value) };
    } else s.works[key].unit = u.id;
    u.mp = 0;
    u.posture = 'defend';
  },
  hexes: (a) => [['toward', a.toward]],
  units: (a) => [a.unit],
  describe: (a, w) => `${w.unit(a.unit)} bridges the river toward ${w.hex(a.toward)}`,
});
