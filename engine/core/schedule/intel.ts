// What a side believes of the enemy from a time (recorded in the state's intel for the doctrine AI).
import { z } from 'zod';
import { count, side } from '../schema-parts.ts';
import { log } from '../state-log.ts';
import { entryBase } from './base.ts';
import { defineKind } from './kind.ts';

export const intel = defineKind({
  kind: 'intel',
  schema: z.strictObject({ ...entryBase, kind: z.literal('intel'), side, enemyDivisionsBelieved: count }),
  resolve: (e, at) => ({ at, kind: 'intel' as const, side: e.side, enemyDivisionsBelieved: e.enemyDivisionsBelieved, note: e.note }),
  fire(_ctx, s, it) {
    s.intel[it.side].enemyDivisionsBelieved = it.enemyDivisionsBelieved;
    log(s, { kind: 'intel', side: it.side, text: `${it.side} intelligence now believes ${it.enemyDivisionsBelieved} enemy divisions are in the sector` });
  },
});
