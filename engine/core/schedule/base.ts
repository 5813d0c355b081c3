// The fields every schedule entry has, and the unit lists most kinds carry.
import { z } from 'zod';
import { conditionSchema } from '../outcome-checks.ts';
import { dateTime, id } from '../schema-parts.ts';

const conditions = z.array(conditionSchema).min(1, 'expected at least one condition');

/**
 * `id` names an item so a what-if can remove, retime or change it (unique within a scenario).
 * `when` / `unless` make it conditional (conditions in the outcome checks' language, read at the
 * start of each turn's orders phase from `at` on): it happens in the first turn in which every
 * `when` condition holds and no `unless` condition does, and never if `expires` passes first.
 */
export const entryBase = {
  id: id.optional(), at: dateTime, note: z.string().optional(), source: z.string().optional(),
  when: conditions.optional(), unless: conditions.optional(), expires: dateTime.optional(),
};
export const unitList = z.array(id).min(1);

/** The units' names, for the log. */
export function unitNames(ctx: { scenario: { unitById: Record<string, { name: string }> } }, ids: string[]): string {
  return ids.map((u) => ctx.scenario.unitById[u].name).join(', ');
}

export const noted = (note?: string) => (note ? ` (${note})` : '');
