// The fields every schedule entry has, and the unit lists most kinds carry.
import { z } from 'zod';
import { dateTime, id } from '../schema-parts.ts';

/** `id` names an item so a what-if can remove, retime or change it (unique within a scenario). */
export const entryBase = { id: id.optional(), at: dateTime, note: z.string().optional(), source: z.string().optional() };
export const unitList = z.array(id).min(1);

/** The units' names, for the log. */
export function unitNames(ctx: { scenario: { unitById: Record<string, { name: string }> } }, ids: string[]): string {
  return ids.map((u) => ctx.scenario.unitById[u].name).join(', ');
}

export const noted = (note?: string) => (note ? ` (${note})` : '');
