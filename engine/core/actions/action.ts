// What an action type is: its schema (the one definition of its fields, for the TypeScript type
// and for replay files), the phases it may be taken in, its check and its apply. The check
// returns either the reason the action is refused or what apply needs (a move's route), so that
// nothing found by the check has to be found again, or kept aside, for the apply.
import type { z } from 'zod';
import { inflictLoss } from '../attack.ts';
import { hexDistance } from '../map.ts';
import { isDraft, peek } from '../immer.ts';
import type { EngineContext } from '../context.ts';
import type { GameState, Phase, Side, UnitState } from '../types.ts';

/** Why an action is refused, as one sentence fragment for the player and the log. */
export type Refusal = string;

export interface ActionDef<T extends string = string, A extends { type: T } = { type: T }, N = unknown> {
  type: T;
  schema: z.ZodType<A>;
  phases: readonly Phase[];
  /** The reason the action is refused in this state, or what `apply` needs. */
  check(ctx: EngineContext, state: GameState, action: A): Refusal | N;
  /** Makes the change on an immer draft of a state the check accepted. */
  apply(ctx: EngineContext, draft: GameState, action: A, need: N): void;
  /** The hexes the action names, with their paths inside it (checked against the map for replays). */
  hexes(action: A): Array<[path: string, hex: number]>;
  /** The units the action gives an order to (a player's ordered units are left alone by the plan). */
  units(action: A): string[];
  /** The order in words, for the log and the player's journal (names come from the caller). */
  describe(action: A, words: Words): string;
}

/** How a front end names units and hexes in an action's words. */
export interface Words { unit(id: string): string; hex(h: number): string }
const list = (w: Words, ids: readonly string[]): string => ids.map((id) => w.unit(id)).join(', ');
export { list as unitList };

/** Types an action's definition from its schema (the object it returns is the registry entry). */
export function defineAction<T extends string, A extends { type: T }, N>(def: ActionDef<T, A, N>): ActionDef<T, A, N> {
  return def;
}

/** Checks that accept hand apply nothing more than the action itself. */
export const ACCEPTED = true as const;

/**
 * A unit as the state has it now. Checks in a batch (applyActions) read a draft: reading through
 * it would make a draft of the units record (a slow copy of hundreds of keys) and of each unit read.
 */
export function unitOf(state: GameState, id: string): UnitState | undefined {
  return isDraft(state) ? peek(peek(state, 'units'), id) : state.units[id];
}

export function unitOnMap(state: GameState, id: string): UnitState | Refusal {
  const u = unitOf(state, id);
  if (!u) return `unknown unit "${id}"`;
  if (u.status !== 'active') return `unit "${id}" is ${u.status === 'reserve' ? 'in reserve (release it first)' : u.status}`;
  return u;
}

export function offMap(ctx: EngineContext, h: number): Refusal | null {
  return Number.isInteger(h) && h >= 0 && h < ctx.map.size ? null : `hex ${h} is off the map`;
}

export function checkArtillery(ctx: EngineContext, state: GameState, id: string, side: Side, target: number): Refusal | null {
  const a = unitOnMap(state, id);
  if (typeof a === 'string') return a;
  if (a.side !== side) return `artillery "${id}" is on the other side`;
  if (ctx.scenario.unitById[id].type !== 'artillery') return `unit "${id}" is not artillery`;
  if (a.fired >= 2) return `artillery "${id}" has fired all its missions this turn`;
  const range = ctx.params.fire.maxFireRange.value;
  if (hexDistance(ctx.map, a.hex, target) > range) return `target is out of range of artillery "${id}" (${range} hexes)`;
  return null;
}

/** Spreads a hex's losses over the units in it by their men (the last takes what rounding left). */
export function spreadLosses(s: GameState, units: UnitState[], lost: number): Record<string, number> {
  const out: Record<string, number> = {};
  const sum = units.reduce((a, u) => a + u.men, 0);
  let left = lost;
  units.forEach((u, i) => {
    const share = i === units.length - 1 ? left : Math.round((lost * u.men) / Math.max(1, sum));
    const n = inflictLoss(s, u, Math.min(share, left));
    left -= n;
    if (n) out[u.id] = n;
  });
  return out;
}
