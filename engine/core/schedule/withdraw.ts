// Units leave the theatre for good (withdrawn), wherever they are.
import { z } from 'zod';
import { log } from '../state-log.ts';
import { entryBase, noted, unitList, unitNames } from './base.ts';
import { defineKind } from './kind.ts';

export const withdraw = defineKind({
  kind: 'withdraw',
  schema: z.strictObject({ ...entryBase, kind: z.literal('withdraw'), units: unitList, reason: z.string().optional() }),
  resolve(e, at, load, p) {
    load.unitRefs(`${p}.units`, e.units);
    return { at, kind: 'withdraw' as const, units: e.units, note: e.note };
  },
  fire(ctx, s, it, pass) {
    const gone = it.units.filter((id) => s.units[id].status !== 'destroyed' && s.units[id].status !== 'withdrawn');
    for (const id of gone) { s.units[id].status = 'withdrawn'; s.units[id].hex = -1; }
    if (!gone.length) return;
    pass.withdrawn = true;
    pass.occ = null;
    log(s, { kind: 'withdraw', units: gone, text: `withdrawn: ${unitNames(ctx, gone)}${noted(it.note)}` });
  },
});
