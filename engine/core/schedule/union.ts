// The registered schedule kinds as one union: the file schema of a schedule entry, the resolved
// item type, and the dispatch of the load step, the orders phase and the plan controller all come
// from the registry (index.ts).
import { z } from 'zod';
import type { ItemConditions, ScheduleKindDef } from './kind.ts';
import * as registered from './index.ts';

export const SCHEDULE_KINDS = Object.values(registered);

type Registered = (typeof registered)[keyof typeof registered];
/** An entry of a schedule as a scenario or plan file writes it. */
export type ScheduleEntry = Registered extends infer D ? D extends ScheduleKindDef<infer _K, infer E, infer _I> ? E : never : never;
/** A schedule item resolved against the map and the order of battle (times in minutes, hexes as indices). */
export type ScheduledItem = (Registered extends infer D ? D extends ScheduleKindDef<infer _K, infer _E, infer I> ? I : never : never) & { cond?: ItemConditions };
export type ScheduleKind = ScheduledItem['kind'];

const schemas = SCHEDULE_KINDS.map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]];
export const scheduleSchema = z.discriminatedUnion('kind', schemas) as unknown as z.ZodType<ScheduleEntry>;

/**
 * Each kind's definition by kind, with its item types erased: callers pass an item of the kind
 * they looked up.
 */
export const KIND_OF: Readonly<Record<ScheduleKind, ScheduleKindDef<string, ScheduleEntry, ScheduledItem>>> = Object.fromEntries(SCHEDULE_KINDS.map((k) => [k.kind, k])) as never;
export type { OrdersPass, ScheduleContext, ScheduleLoad, PlanAction } from './kind.ts';
export { liftKeepOuts } from './keep-out.ts';
