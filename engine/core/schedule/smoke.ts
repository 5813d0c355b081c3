// A planned smoke screen on a hex (issued by the plan controller).
import { z } from 'zod';
import { hexRef, side } from '../schema-parts.ts';
import { entryBase } from './base.ts';
import { defineKind } from './kind.ts';

export const smoke = defineKind({
  kind: 'smoke',
  schema: z.strictObject({ ...entryBase, kind: z.literal('smoke'), side, target: hexRef }),
  resolve: (e, at, load, p) => ({ at, kind: 'smoke' as const, side: e.side, target: load.hex(`${p}.target`, e.target), note: e.note }),
  plan: {
    phase: 'orders',
    *actions(_ctx, _now, side, it) {
      if (it.side === side) yield { type: 'smoke', side, target: it.target };
    },
  },
});
