// A flag set at a time (an event of the world, e.g. an order from higher command), logged.
import { z } from 'zod';
import { log } from '../state-log.ts';
import { entryBase } from './base.ts';
import { defineKind } from './kind.ts';

export const flag = defineKind({
  kind: 'flag',
  schema: z.strictObject({ ...entryBase, kind: z.literal('flag'), key: z.string().min(1), value: z.string(), text: z.string() }),
  resolve: (e, at) => ({ at, kind: 'flag' as const, key: e.key, value: e.value, text: e.text, note: e.note }),
  fire(_ctx, s, it) {
    s.flags[it.key] = it.value;
    log(s, { kind: 'flag', text: it.text });
  },
});
