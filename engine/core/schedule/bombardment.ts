// A planned bombardment: the artillery listed fires on a target in the combat phase, those guns
// that are in action, in range and have missions left.
import { z } from 'zod';
import { hexDistance } from '../map.ts';
import { hexRef, id, side } from '../schema-parts.ts';
import { entryBase } from './base.ts';
import { defineKind } from './kind.ts';

export const bombardment = defineKind({
  kind: 'bombardment',
  schema: z.strictObject({ ...entryBase, kind: z.literal('bombardment'), side, artillery: z.array(id).min(1), target: hexRef }),
  resolve(e, at, load, p) {
    load.unitRefs(`${p}.artillery`, e.artillery, e.side);
    return { at, kind: 'bombardment' as const, side: e.side, artillery: e.artillery, target: load.hex(`${p}.target`, e.target), note: e.note };
  },
  plan: {
    phase: 'combat',
    *actions(ctx, now, side, it) {
      if (it.side !== side) return;
      const ready = it.artillery.filter((uid) => {
        const u = now().units[uid];
        return u.status === 'active' && u.fired < 2 && hexDistance(ctx.map, u.hex, it.target) <= ctx.params.fire.maxFireRange.value;
      });
      if (ready.length) yield { type: 'fireSupport', artillery: ready, target: it.target };
    },
  },
});
