// What a side believes of the enemy from a time: the divisions it believes it faces (against its
// own), where it expects the enemy's main effort, and whether it fears a landing. The beliefs are
// state (state.intel) that the doctrine AI reads when it places and commits its reserves
// (doctrine/reserves.ts); a field an entry leaves out keeps its earlier value.
import { z } from 'zod';
import { hexLabel } from '../map.ts';
import { count, hexRef, side } from '../schema-parts.ts';
import { log } from '../state-log.ts';
import { entryBase } from './base.ts';
import { type ScheduleLoad, defineKind } from './kind.ts';

const schema = z.strictObject({
  ...entryBase, kind: z.literal('intel'), side,
  enemyDivisionsBelieved: count.optional(),
  /** The side's own divisions the belief is weighed against ("6 Allied divisions against his 4"). */
  ownDivisions: count.optional(),
  /** Where the side expects the enemy's main effort (null: it does not know). */
  mainEffort: hexRef.nullable().optional(),
  /** The side fears a landing elsewhere, and holds its reserves back against it. */
  landingFeared: z.boolean().optional(),
});

function resolveIntel(e: z.infer<typeof schema>, at: number, load: ScheduleLoad, path: string) {
  if (e.enemyDivisionsBelieved === undefined && e.ownDivisions === undefined && e.mainEffort === undefined && e.landingFeared === undefined) {
    load.add(path, 'expected at least one belief: enemyDivisionsBelieved, ownDivisions, mainEffort or landingFeared');
  }
  return {
    at, kind: 'intel' as const, side: e.side, note: e.note,
    ...(e.enemyDivisionsBelieved !== undefined ? { enemyDivisionsBelieved: e.enemyDivisionsBelieved } : {}),
    ...(e.ownDivisions !== undefined ? { ownDivisions: e.ownDivisions } : {}),
    ...(e.mainEffort !== undefined ? { mainEffort: e.mainEffort === null ? null : load.hex(`${path}.mainEffort`, e.mainEffort) } : {}),
    ...(e.landingFeared !== undefined ? { landingFeared: e.landingFeared } : {}),
  };
}

export const intel = defineKind({
  kind: 'intel',
  schema,
  resolve: resolveIntel,
  fire(ctx, s, it) {
    const b = s.intel[it.side];
    const said: string[] = [];
    if (it.enemyDivisionsBelieved !== undefined) { b.enemyDivisionsBelieved = it.enemyDivisionsBelieved; said.push(`${it.enemyDivisionsBelieved} enemy divisions are in the sector`); }
    if (it.ownDivisions !== undefined) { b.ownDivisions = it.ownDivisions; said.push(`against ${it.ownDivisions} of its own`); }
    if (it.mainEffort !== undefined) {
      b.mainEffort = it.mainEffort;
      said.push(it.mainEffort === null ? 'the enemy main effort is not known' : `the enemy main effort comes at ${hexLabel(ctx.map, it.mainEffort)}`);
    }
    if (it.landingFeared !== undefined) { b.landingFeared = it.landingFeared; said.push(it.landingFeared ? 'a landing elsewhere is feared' : 'no landing is feared'); }
    log(s, { kind: 'intel', side: it.side, text: `${it.side} intelligence now believes ${said.join('; ')}` });
  },
});
