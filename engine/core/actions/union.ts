// The registered actions as one union: the `Action` type, the replay file's action schema and the
// reducer's dispatch all come from the schemas of the registry (index.ts), so what the engine
// accepts and what a replay may hold cannot drift apart.
import { z } from 'zod';
import type { DataIssue } from '../data-error.ts';
import type { ActionSource, Phase } from '../types.ts';
import type { ActionDef, Words } from './action.ts';
import * as registered from './index.ts';

/** The registered actions' definitions. */
export const ACTIONS = Object.values(registered);

type Registered = (typeof registered)[keyof typeof registered];
/** An action: the union of the registered schemas' types. */
export type Action = Registered extends infer D ? D extends ActionDef<infer _T, infer A, infer _N> ? A : never : never;
export type ActionType = Action['type'];
export type { MoveAction } from './move.ts';

export interface LoggedAction { turn: number; phase: Phase; source: ActionSource; action: Action }

const schemas = ACTIONS.map((a) => a.schema) as unknown as [z.ZodObject, ...z.ZodObject[]];
/** Any registered action, as a replay file holds it. */
export const actionSchema = z.discriminatedUnion('type', schemas) as unknown as z.ZodType<Action>;

/** Every action type's definition, by type (the reducer dispatches through it). */
export const ACTION_BY_TYPE: Readonly<Record<string, ActionDef<string, Action, unknown>>> = Object.fromEntries(ACTIONS.map((a) => [a.type, a])) as never;

/**
 * The hexes of actions that lie off a map of `size` hexes (the schema cannot know the map), as
 * issues at `actions[i].action.<field>` of a replay.
 */
export function offMapIssues(actions: ReadonlyArray<{ action: Action }>, size: number): DataIssue[] {
  const out: DataIssue[] = [];
  actions.forEach(({ action }, i) => {
    const def = ACTION_BY_TYPE[action.type];
    for (const [path, h] of def.hexes(action)) {
      if (h >= size) out.push({ path: `actions[${i}].action.${path}`, message: `hex ${h} is off the map (expected a hex index from 0 to ${size - 1})` });
    }
  });
  return out;
}

/** An action in words (its module's `describe`), for the log and the player's journal. */
export function describeAction(a: Action, words: Words): string {
  return ACTION_BY_TYPE[a.type].describe(a, words);
}
export type { Words };

/** The units an action gives an order to (its module's `units`). */
export function unitsOf(a: Action): string[] {
  return ACTION_BY_TYPE[a.type].units(a);
}
