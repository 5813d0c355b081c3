// The schedule-kind registry: one line per kind of plan order or event, each defined in its own
// module (its schema, how it resolves at load, what happens when it fires, what the plan
// controller orders for it). The file schema, the resolved item type, the load step, the orders
// phase and the plan controller all read this list.
import { z } from 'zod';
import type { ScheduleKindDef } from './kind.ts';
import { airStrike } from './air-strike.ts';
import { arrive } from './arrive.ts';
import { bombardment } from './bombardment.ts';
import { flag } from './flag.ts';
import { intel } from './intel.ts';
import { keepOut } from './keep-out.ts';
import { order } from './order.ts';
import { redeploy } from './redeploy.ts';
import { refit } from './refit.ts';
import { release } from './release.ts';
import { settleFront } from './settle-front.ts';
import { smoke } from './smoke.ts';
import { withdraw } from './withdraw.ts';

export const SCHEDULE_KINDS = [
  order, release, arrive, withdraw, airStrike, bombardment, smoke, flag, intel, keepOut, settleFront, redeploy, refit,
] as const;

type Registered = (typeof SCHEDULE_KINDS)[number];
/** An entry of a schedule as a scenario or plan file writes it. */
export type ScheduleEntry = Registered extends infer D ? D extends ScheduleKindDef<infer _K, infer E, infer _I> ? E : never : never;
/** A schedule item resolved against the map and the order of battle (times in minutes, hexes as indices). */
export type ScheduledItem = Registered extends infer D ? D extends ScheduleKindDef<infer _K, infer _E, infer I> ? I : never : never;
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
