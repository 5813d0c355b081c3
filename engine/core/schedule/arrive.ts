// Reinforcements arrive: off-map units are placed on the named hex, or the nearest free friendly
// hex around it.
import { z } from 'zod';
import { original } from '../immer.ts';
import { hexesWithin } from '../models/fire.ts';
import { type Occupancy, occupancy } from '../models/movement.ts';
import { hexRef } from '../schema-parts.ts';
import { log } from '../state-log.ts';
import { type GameState, type UnitState, sideIndex } from '../types.ts';
import { entryBase, noted, unitList, unitNames } from './base.ts';
import { type OrdersPass, type ScheduleContext, defineKind } from './kind.ts';

export const arrive = defineKind({
  kind: 'arrive',
  schema: z.strictObject({ ...entryBase, kind: z.literal('arrive'), units: unitList, hex: hexRef }),
  resolve(e, at, load, p) {
    load.unitRefs(`${p}.units`, e.units);
    return { at, kind: 'arrive' as const, units: e.units, hex: load.hex(`${p}.hex`, e.hex), note: e.note };
  },
  fire(ctx, s, it, pass) {
    const placed: string[] = [];
    for (const id of it.units) {
      const u = s.units[id];
      if (u.status !== 'offmap') continue;
      const occ = passOccupancy(ctx, s, pass);
      const h = arrivalHex(ctx, occ, u, it.hex);
      if (h < 0) continue;
      u.hex = h;
      u.status = s.missions[id]?.kind === 'reserve' ? 'reserve' : 'active';
      occ.side[h] = sideIndex(u.side);
      occ.men[h] += u.men;
      placed.push(id);
    }
    if (placed.length) log(s, { kind: 'arrive', hex: it.hex, units: placed, text: `arrive: ${unitNames(ctx, placed)}${noted(it.note)}` });
  },
});

/**
 * Where units stand for this phase's arrivals: until a unit leaves the map, the frozen state's
 * occupancy plus the arrivals (working it out on the draft for each arrival is slow).
 */
function passOccupancy(ctx: ScheduleContext, s: GameState, pass: OrdersPass): Occupancy {
  if (!pass.occ) {
    const now = pass.withdrawn ? occupancy(ctx.map, s) : occupancy(ctx.map, original(s) as GameState);
    pass.occ = { side: now.side.slice(), men: now.men.slice() };
  }
  return pass.occ;
}

/** Where an arriving unit is placed: the named hex, or the nearest free friendly hex around it. */
function arrivalHex(ctx: ScheduleContext, occ: Occupancy, u: UnitState, h: number): number {
  const mine = sideIndex(u.side);
  const limit = ctx.params.movement.stackLimitMen.value;
  for (let radius = 0; radius <= 6; radius++) {
    for (const c of hexesWithin(ctx.map, h, radius)) {
      if (ctx.map.terrain[c] === 'sea' || (occ.side[c] !== -1 && occ.side[c] !== mine)) continue;
      if (occ.men[c] === 0 || occ.men[c] + u.men <= limit) return c;
    }
  }
  return -1;
}
