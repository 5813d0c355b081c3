// Units assault an enemy hex next to them, with artillery in range firing for them.
import { z } from 'zod';
import { original } from '../immer.ts';
import { resolveAttack, unitsInHex } from '../attack.ts';
import { fireRefusal } from '../fire-limits.ts';
import { hexDistance, hexLabel } from '../map.ts';
import { hexIndex, unitId } from '../schema-parts.ts';
import { liftKeepOuts } from '../schedule/keep-out.ts';
import { hopelessReassault } from '../repulse.ts';
import { fromMinutes } from '../time.ts';
import type { GameState, Side } from '../types.ts';
import { ACCEPTED, checkArtillery, defineAction, offMap, unitOnMap, unitList } from './action.ts';

export const attack = defineAction({
  type: 'attack',
  schema: z.strictObject({
    type: z.literal('attack'),
    units: z.array(unitId),
    target: hexIndex,
    artillery: z.array(unitId).optional(),
  }),
  phases: ['combat'],
  check(ctx, state, a) {
    const map = ctx.map;
    const off = offMap(ctx, a.target);
    if (off) return off;
    if (a.units.length === 0) return 'an attack needs at least one unit';
    if (new Set(a.units).size !== a.units.length) return 'a unit is listed twice';
    const defenders = unitsInHex(state, a.target);
    let side: Side | null = null;
    for (const id of a.units) {
      const u = unitOnMap(state, id);
      if (typeof u === 'string') return u;
      side ??= u.side;
      if (u.side !== side) return 'attacking units must be on one side';
      if (u.attacked) return `unit "${id}" has already attacked this turn`;
      if (hexDistance(map, u.hex, a.target) !== 1) return `unit "${id}" is not next to hex ${hexLabel(map, a.target)}`;
      if (ctx.scenario.unitById[id].type === 'artillery') return `unit "${id}" is artillery: list it under "artillery"`;
      if (u.men <= 0) return `unit "${id}" has no men left`;
    }
    if (defenders.length === 0) return `hex ${hexLabel(map, a.target)} holds no enemy (move into it instead)`;
    if (defenders[0].side === side) return `hex ${hexLabel(map, a.target)} holds friendly units`;
    for (const id of a.artillery ?? []) {
      const reason = checkArtillery(ctx, state, id, side!, a.target);
      if (reason) return reason;
    }
    if (a.artillery?.length) {
      const refused = fireRefusal(ctx, state, side!, a.target);
      if (refused) return refused;
    }
    const hopeless = hopelessReassault(ctx, state, a.units, a.target, a.artillery ?? []);
    if (hopeless) return hopeless;
    return ACCEPTED;
  },
  apply(ctx, s, a) {
    const { event } = resolveAttack(ctx, s, a.units, a.target, a.artillery ?? [], original(s) as GameState);
    event.at = fromMinutes(s.time);
    s.log.push(event);
    liftKeepOuts(ctx, s);
  },
  hexes: (a) => [['target', a.target]],
  units: (a) => [...a.units, ...(a.artillery ?? [])],
  describe: (a, w) => `${unitList(w, a.units)} attack ${w.hex(a.target)}`,
});
