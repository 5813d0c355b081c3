// A unit moves within its movement points: along the path it was given, or the cheapest route.
import { z } from 'zod';
import type { EngineContext } from '../context.ts';
import { isDraft, peek } from '../immer.ts';
import { copyUnits } from '../unit-order.ts';
import { axialLine } from '../hex.ts';
import { axialHex, hexAxial, hexLabel } from '../map.ts';
import { type Occupancy, type Route, enemyGroundOf, mpAfter, occupancy, occupancyAfterMove, reachable, routeAlong, routeTo } from '../models/movement.ts';
import { setControl, sideChar, withControl } from '../control.ts';
import { hexIndex, unitId } from '../schema-parts.ts';
import { liftKeepOuts } from '../schedule/keep-out.ts';
import { type GameState, type UnitState, enemyIndex } from '../types.ts';
import { type Refusal, defineAction, unitOnMap } from './action.ts';

const schema = z.strictObject({
  type: z.literal('move'),
  unit: unitId,
  to: hexIndex,
  /** The hexes entered, ending at `to`; without it the engine finds the cheapest route. */
  path: z.array(hexIndex).optional(),
});
export type MoveAction = z.infer<typeof schema>;

/**
 * Why a move is illegal, or the route it takes: along the path it was given, or the cheapest one
 * within the unit's remaining movement. `occ` is where units stand in `state` (its occupancy, or
 * one kept up to date through a run of moves: see applyMoves); the rest of the state is read only
 * for the moving unit and the cost of the ground.
 */
export function checkMove(ctx: EngineContext, state: GameState, occ: Occupancy, action: MoveAction): Route | Refusal {
  const map = ctx.map;
  const u = unitOnMap(state, action.unit);
  if (typeof u === 'string') return u;
  if (!Number.isInteger(action.to) || action.to < 0 || action.to >= map.size) return `hex ${action.to} is off the map`;
  if (action.to === u.hex) return 'the unit is already there';
  if (u.attacked) return 'the unit has attacked this turn';
  if (occ.side[action.to] === enemyIndex(u.side)) return `hex ${hexLabel(map, action.to)} holds enemy units (attack it instead)`;
  if (action.path && action.path[action.path.length - 1] !== action.to) return 'the path must end at the destination';
  const type = ctx.scenario.unitById[u.id].type;
  const route = action.path ? routeAlong(map, ctx.params.movement, state, u, type, occ, action.path) : routeTo(map, ctx.params.movement, state, u, type, occ, action.to);
  if (typeof route === 'string') return route;
  if (!route) return unreachable(ctx, state, u, action.to);
  if (occ.men[action.to] + u.men > ctx.params.movement.stackLimitMen.value) return `hex ${hexLabel(map, action.to)} is full (stacking limit ${ctx.params.movement.stackLimitMen.value} men)`;
  return route;
}

/**
 * Where `unitId` may move now, each hex with the hex it is entered from: the hexes its movement
 * reaches, less its own and those its men would overfill (it may pass through a full hex, not
 * stop in it). What a player is shown as the moves the reducer accepts.
 */
export function moveDestinations(ctx: EngineContext, state: GameState, unitId: string): Map<number, number> {
  const out = new Map<number, number>();
  const u = state.units[unitId];
  if (!u || u.hex < 0 || u.mp <= 0 || u.attacked) return out;
  const occ = occupancy(ctx.map, state);
  const limit = ctx.params.movement.stackLimitMen.value;
  const r = reachable(ctx.map, ctx.params.movement, state, u, ctx.scenario.unitById[u.id].type, occ);
  for (const h of r.reached) if (h !== u.hex && occ.men[h] + u.men <= limit) out.set(h, r.prevOf(h));
  return out;
}

/** Why the cheapest-route search found no way: too far for the movement left, or too deep into enemy ground. */
function unreachable(ctx: EngineContext, state: GameState, u: UnitState, to: number): Refusal {
  const map = ctx.map;
  const { maxHexesPerTurn: max, maxHeldHexesPerTurn: maxHeld } = ctx.params.movement.enemyGround;
  const deep = u.mp <= 0 ? 0 : enemyHexesBetween(ctx, state, u, to, false);
  const held = u.mp <= 0 ? 0 : enemyHexesBetween(ctx, state, u, to, true);
  if (deep > max) return `hex ${hexLabel(map, to)} lies behind ${deep} hexes of ground the enemy holds and covers: a unit may enter at most ${max} a turn, and entering enemy ground ends its move`;
  if (held > maxHeld) return `hex ${hexLabel(map, to)} lies behind ${held} hexes of enemy-held ground: a unit may enter at most ${maxHeld} a turn, and entering enemy ground ends its move`;
  return `hex ${hexLabel(map, to)} is out of reach this turn (${(u.mp / 100).toFixed(1)} h of movement left)`;
}

/** The fewest enemy-held hexes on any straight way to `to` (a lower bound, for the refusal's words). */
function enemyHexesBetween(ctx: EngineContext, state: GameState, u: UnitState, to: number, uncovered: boolean): number {
  const held = enemyGroundOf(state, u.side, uncovered);
  let n = 0;
  for (const a of axialLine(hexAxial(ctx.map, u.hex), hexAxial(ctx.map, to)).slice(1)) {
    const h = axialHex(ctx.map, a);
    if (h >= 0) n += held(h);
  }
  return n;
}

/**
 * Moves are the commonest action (hundreds a turn in a big battle), each in a produce of its own.
 * The units record, the unit and the control rows are copied here and written to the draft whole:
 * a draft of the units record costs immer a slow copy of hundreds of keys, and with any child
 * draft open immer would search the written record through when the draft is finished. Drafts
 * are used only if the parts were already drafted in this produce.
 */
function moveUnit(s: GameState, id: string, to: number, route: Route): void {
  const units = peek(s, 'units');
  const rows = peek(s, 'control');
  const b = units[id];
  const mp = mpAfter(b.mp, route);
  const c = sideChar(b.side);
  if (isDraft(units) || isDraft(rows)) {
    for (const h of route.path) setControl(s, h, c);
    Object.assign(s.units[id], { mp, hex: to, posture: 'move', turnsInPlace: 0, entrenchment: 0 });
    return;
  }
  const next = copyUnits(units);
  next[id] = { ...b, mp, hex: to, posture: 'move', turnsInPlace: 0, entrenchment: 0 };
  s.units = next;
  const control = withControl(rows, route.path, c);
  if (control !== rows) s.control = control;
}

export const move = defineAction({
  type: 'move',
  schema,
  phases: ['movement'],
  check: (ctx, state, a) => checkMove(ctx, state, occupancy(ctx.map, state), a),
  apply(ctx, s, a, route: Route) {
    moveUnit(s, a.unit, a.to, route);
    liftKeepOuts(ctx, s);
  },
  hexes: (a) => [['to', a.to], ...(a.path ?? []).map((h, i): [string, number] => [`path[${i}]`, h])],
  units: (a) => [a.unit],
  describe: (a, w) => `${w.unit(a.unit)} moves to ${w.hex(a.to)}`,
});

/** After a move's produce: where units stand, brought up to date from the state before. */
export function afterMove(ctx: EngineContext, before: GameState, after: GameState, a: MoveAction): void {
  occupancyAfterMove(ctx.map, before, after, a.unit);
}
