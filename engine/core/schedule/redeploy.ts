// A move by road behind the lines: the units are off the map, their positions lost, until their
// next `arrive`.
import { z } from 'zod';
import { log } from '../state-log.ts';
import { entryBase, noted, unitList, unitNames } from './base.ts';
import { defineKind } from './kind.ts';

export const redeploy = defineKind({
  kind: 'redeploy',
  schema: z.strictObject({ ...entryBase, kind: z.literal('redeploy'), units: unitList }),
  resolve(e, at, load, p) {
    load.unitRefs(`${p}.units`, e.units);
    return { at, kind: 'redeploy' as const, units: e.units, note: e.note };
  },
  fire(ctx, s, it, pass) {
    const leaving = it.units.filter((id) => s.units[id].status === 'active' || s.units[id].status === 'reserve');
    for (const id of leaving) {
      const u = s.units[id];
      u.status = 'offmap';
      u.hex = -1;
      u.entrenchment = 0;
      u.turnsInPlace = 0;
    }
    if (!leaving.length) return;
    pass.withdrawn = true;
    pass.occ = null;
    log(s, { kind: 'redeploy', units: leaving, text: `leave the line: ${unitNames(ctx, leaving)}${noted(it.note)}` });
  },
});
