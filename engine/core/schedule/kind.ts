// What a schedule kind is: the schema of its entries in a scenario or plan file, how an entry is
// resolved at load (hexes and unit ids checked against the map and the order of battle), what
// happens when it falls due in an orders phase (events of the world), and what the plan
// controller orders for it (decisions, issued as actions). Kinds that are decisions have `plan`;
// kinds that are events have `fire`.
import type { z } from 'zod';
import type { MapIndex } from '../map.ts';
import type { Condition, ConditionSpec } from '../outcome-checks.ts';
import type { Occupancy } from '../models/movement.ts';
import type { ModelParams } from '../params.ts';
import type { GameState, Mission, Phase, Side } from '../types.ts';

/** What resolving an entry at load may ask of the scenario being loaded. */
export interface ScheduleLoad {
  map: MapIndex;
  /** The hex a reference names; an unknown, off-map or sea hex is reported at `path` (and gives -1). */
  hex(path: string, ref: string): number;
  /** Reports unknown units (and units of another side than `side`) at `path[k]`. */
  unitRefs(path: string, ids: string[], side?: Side): void;
  add(path: string, message: string): void;
}

/**
 * The part of the engine's context a schedule item reads when it fires or is planned (the
 * scenario as far as unit names and sides and the supply sources).
 */
export interface ScheduleContext {
  map: MapIndex;
  params: ModelParams;
  scenario: {
    unitById: Record<string, { name: string; side: Side }>;
    supplySources: ReadonlyArray<{ hex: number; side: Side }>;
  };
}

/**
 * Shared by the items firing in one orders phase: where units stand, kept up to date as units
 * arrive (null until the first arrival needs it, and again after a unit leaves the map), and
 * whether any unit left the map this phase (then it is counted on the draft, not the frozen state).
 */
export interface OrdersPass { occ: Occupancy | null; withdrawn: boolean }

/** The actions the plan controller issues for items; checked against `Action` where it yields them. */
export type PlanAction =
  | { type: 'setMission'; units: string[]; mission: Mission }
  | { type: 'releaseReserve'; units: string[] }
  | { type: 'airStrike'; side: Side; target: number; radius: number; aircraft: number; tonnage: number; accuracy: number; label?: string }
  | { type: 'smoke'; side: Side; target: number }
  | { type: 'fireSupport'; artillery: string[]; target: number };

/** The fields every entry has: an optional id (unique in a scenario, so what-ifs can name it), its time, a note, a source, its conditions. */
export interface EntryBase { id?: string; at: string; note?: string; source?: string; when?: ConditionSpec[]; unless?: ConditionSpec[]; expires?: string }
/** The conditions of a conditional item, resolved (see base.ts). */
export interface ItemConditions { id: string; when: Condition[]; unless: Condition[]; expires: number }
/** The fields every resolved item has (`cond` only on a conditional item, added by the loader). */
export interface ItemBase { at: number; note?: string; cond?: ItemConditions }

export interface ScheduleKindDef<K extends string, E extends EntryBase & { kind: K }, I extends ItemBase & { kind: K }> {
  kind: K;
  schema: z.ZodType<E>;
  /** The item an entry (at `path`, falling at `at`) resolves to; problems go to `load`. */
  resolve(e: E, at: number, load: ScheduleLoad, path: string): I;
  /** The event's effect on the draft of the orders phase it falls in. */
  fire?(ctx: ScheduleContext, s: GameState, item: I, pass: OrdersPass): void;
  /** The phase the plan controller issues the item's actions in, and the actions. */
  plan?: { phase: Phase; actions(ctx: ScheduleContext, now: () => GameState, side: Side, item: I): Iterable<PlanAction> };
}

export function defineKind<K extends string, E extends EntryBase & { kind: K }, I extends ItemBase & { kind: K }>(def: ScheduleKindDef<K, E, I>): ScheduleKindDef<K, E, I> {
  return def;
}
