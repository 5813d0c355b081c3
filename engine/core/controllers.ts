// Who decides: controllers turn the situation into actions, one phase at a time. The plan
// controller issues the scenario's historical orders when their time comes; the mission
// executor (the doctrine AI's base) carries out each unit's standing mission — approach, assault,
// hold, support — with moves, attacks and fire. Controllers only propose: every action still
// goes through the reducer's checks.
import { unitsInHex } from './attack.ts';
import type { Controller, Proposal } from './controller-types.ts';
import type { EngineContext } from './context.ts';
import { doctrineController } from './doctrine/index.ts';
import { attackersAllowed } from './doctrine/gate.ts';
import { checkMove, itemsInTurn } from './engine.ts';
import { KIND_OF } from './schedule/union.ts';
import { dangerCloseFrom } from './fire-limits.ts';
import { hexDistance } from './map.ts';
import { deepAfter, enemyGroundOf } from './models/pathfinding.ts';
import { detourField, goalField } from './models/goal-field.ts';
import { type MoveMode, UNREACHABLE, canAlwaysStep, inEnemyZoc, isBridged, moveMode } from './models/movement-rules.ts';
import { MovingOccupancy, type Occupancy, occupancy } from './models/occupancy.ts';
import { costsFor, stepOf } from './models/step-costs.ts';
import type { Action } from './actions/union.ts';
import { type GameState, type Side, type UnitState, enemyIndex } from './types.ts';
import { sortedUnitIds } from './unit-order.ts';
import { isDraft } from './immer.ts';
import { onClearCaches } from './caches.ts';

export type { Controller, Proposal } from './controller-types.ts';

/** Issues the historical plan's orders, air strikes, smoke and bombardments at their times. */
export const planController: Controller = {
  *propose(ctx, now, side) {
    const s = now();
    for (const it of itemsInTurn(ctx, s.time, s)) {
      const plan = KIND_OF[it.kind].plan;
      if (plan?.phase === s.phase) for (const action of plan.actions(ctx, now, side, it)) yield { source: 'plan', action };
    }
  },
};

function missionTarget(s: GameState, id: string): number | undefined {
  const m = s.missions[id];
  if (!m) return undefined;
  if (m.kind === 'assault' || m.kind === 'advance') return m.objective;
  if (m.kind === 'withdraw') return m.to;
  if (m.kind === 'hold') return m.hex;
  if (m.kind === 'bridge') return m.site;
  return undefined;
}

let activeBySide = new WeakMap<object, Partial<Record<Side, UnitState[]>>>();
onClearCaches('controllers.activeBySide', () => { activeBySide = new WeakMap(); });

/** A side's units on the map under orders, by id (kept per units record; never modify the result). */
function activeUnits(s: GameState, side: Side): UnitState[] {
  let bySide = activeBySide.get(s.units);
  const hit = bySide?.[side];
  if (hit) return hit;
  const out: UnitState[] = [];
  for (const id of sortedUnitIds(s.units)) {
    const u = s.units[id];
    if (u.side === side && u.status === 'active' && u.hex >= 0) out.push(u);
  }
  if (isDraft(s.units)) return out;
  if (!bySide) activeBySide.set(s.units, bySide = {});
  bySide[side] = out;
  return out;
}

/** Carries out standing missions with moves, assaults and fire. */
export const missionController: Controller = {
  *propose(ctx, now, side) {
    const s0 = now();
    if (s0.phase === 'orders') {
      // Missions that have run their course fall back to holding what was won.
      for (const u of activeUnits(s0, side)) {
        const m = s0.missions[u.id];
        if (m?.kind === 'assault' && m.until !== undefined && s0.time >= m.until) {
          yield { source: 'ai', action: { type: 'setMission', units: [u.id], mission: { kind: 'hold', ...(m.by ? { by: m.by } : {}) } } };
        }
        // Engineers at their site work on the bridge every turn until it stands.
        if (m?.kind === 'bridge' && u.hex === m.site) {
          const d = ctx.map.neighbours.subarray(m.site * 6, m.site * 6 + 6).indexOf(m.toward);
          if (d >= 0 && isBridged(ctx.map, s0, m.site, d)) {
            yield { source: 'ai', action: { type: 'setMission', units: [u.id], mission: { kind: 'hold' } } };
          } else {
            yield { source: 'ai', action: { type: 'buildBridge', unit: u.id, toward: m.toward } };
          }
        }
      }
    }
    if (s0.phase === 'movement') {
      yield* moves(ctx, now, side);
      // Engineers who reached their site this turn start work at once, as the sappers on the
      // Gari did in the night of the assault, rather than waiting for the next turn's orders.
      const s1 = now();
      for (const u of activeUnits(s1, side)) {
        const m = s1.missions[u.id];
        if (m?.kind !== 'bridge' || u.hex !== m.site) continue;
        const key = m.site < m.toward ? `${m.site}-${m.toward}` : `${m.toward}-${m.site}`;
        if (s1.works[key]?.unit === u.id) continue;
        const d = ctx.map.neighbours.subarray(m.site * 6, m.site * 6 + 6).indexOf(m.toward);
        if (d >= 0 && !isBridged(ctx.map, s1, m.site, d)) yield { source: 'ai', action: { type: 'buildBridge', unit: u.id, toward: m.toward } };
      }
    }
    if (s0.phase === 'combat') yield* assaults(ctx, now, side);
  },
  *disengage(ctx, now, side) {
    if (now().phase === 'movement') yield* moves(ctx, now, side, true);
  },
};

function* moves(ctx: EngineContext, now: () => GameState, side: Side, withdrawalsOnly = false): Iterable<Proposal> {
  const s0 = now();
  // Units heading for the same goal share one distance field, computed from where they stand.
  const wanting = new Map<string, { goal: number; mode: MoveMode; units: string[] }>();
  for (const u of activeUnits(s0, side)) {
    const m = s0.missions[u.id];
    const goal = missionTarget(s0, u.id);
    if (!m || goal === undefined || m.kind === 'reserve' || m.kind === 'support') continue;
    if (withdrawalsOnly && m.kind !== 'withdraw') continue;
    if (u.hex === goal || u.mp <= 0) continue;
    const type = ctx.scenario.unitById[u.id].type;
    if (type === 'artillery' && m.kind !== 'withdraw') continue;
    const mode = moveMode(type);
    const key = `${goal}|${mode}`;
    const w = wanting.get(key) ?? { goal, mode, units: [] };
    w.units.push(u.id);
    wanting.set(key, w);
  }
  const limit = ctx.params.movement.stackLimitMen.value;
  const local = s0.keepOut?.length ? undefined : new OwnMoves(ctx, s0);
  // The enemy's hexes (they do not move in this side's phase), marked when a unit first needs them.
  let blocked: Uint8Array | undefined;
  for (const key of [...wanting.keys()].sort()) {
    const { goal, mode, units } = wanting.get(key)!;
    // The field (a search that can cover much of the map) is made only once a unit is found to
    // walk it: units already in contact need none.
    let field: Int32Array | undefined;
    for (const id of units) {
      const s = local ? s0 : now();
      const u = s.units[id];
      const m = s.missions[id];
      const occ = local ? local.occ : occupancy(ctx.map, s);
      // Assaulting units stop when they touch the enemy; the combat phase takes over.
      if (m.kind === 'assault' && assaultTarget(ctx, occ, u, goal) >= 0) continue;
      if (m.kind === 'advance' && touchesEnemy(ctx, occ, u)) continue;
      // A unit stronger than a hex can hold never finds room on its way (the stacking check
      // below leaves it no path): it needs no field, and the search need not reach its hex.
      if (u.men > limit) continue;
      field ??= goalField(ctx.map, ctx.params.movement, s0, mode, side, goal, units.filter((x) => s0.units[x].men <= limit).map((x) => s0.units[x].hex));
      let path = walkDown(ctx, s, u, mode, field, occ);
      // The shared field ignores where units stand: a unit whose every way down it runs into an
      // enemy unit goes round by a field that keeps out of the enemy's hexes.
      if (!path.length) {
        blocked ??= enemyHexes(ctx, occ, side);
        path = walkDown(ctx, s, u, mode, detourField(ctx.map, ctx.params.movement, s0, mode, side, goal, u.hex, blocked), occ);
      }
      // Stop short of a full hex: back off to the last hex along the way with room.
      while (path.length && occ.men[path[path.length - 1]] + u.men > limit) path.pop();
      if (!path.length) continue;
      const action: Extract<Action, { type: 'move' }> = { type: 'move', unit: id, to: path[path.length - 1], path };
      local?.propose(action);
      yield { source: 'ai', action };
    }
  }
}

/**
 * A side's moves as the reducer will take them, so that the side need not look at a new state
 * after each (and the moves can be applied in one produce: see applyMoves). Without keep-outs a
 * move changes nothing a later move's decision reads but where units stand and the mover itself,
 * which moves once: each move is checked as the reducer checks it, and where units stand is
 * counted again at the hexes a legal one leaves and enters.
 */
class OwnMoves {
  private readonly moving: MovingOccupancy;
  constructor(private readonly ctx: EngineContext, private readonly s0: GameState) {
    this.moving = new MovingOccupancy(ctx.map, s0);
  }
  get occ(): Occupancy { return this.moving.occ; }
  propose(a: Extract<Action, { type: 'move' }>): void {
    // The mover has not moved before, so s0 has it as the reducer will see it.
    const route = checkMove(this.ctx, this.s0, this.occ, a);
    if (typeof route === 'string') return;
    this.moving.move({ ...this.moving.unit(a.unit), hex: a.to });
  }
}

function enemyHexes(ctx: EngineContext, occ: Occupancy, side: Side): Uint8Array {
  const enemy = enemyIndex(side);
  const out = new Uint8Array(ctx.map.size);
  for (let h = 0; h < out.length; h++) if (occ.side[h] === enemy) out[h] = 1;
  return out;
}

/** Follows a distance field downhill from the unit while its movement lasts. */
function walkDown(ctx: EngineContext, s: GameState, u: UnitState, mode: MoveMode, field: Int32Array, occ: Occupancy): number[] {
  const costs = costsFor(ctx.map, ctx.params.movement, s, mode, u.side);
  const enemy = enemyIndex(u.side);
  const enemyGround = enemyGroundOf(s, u.side);
  const heldGround = enemyGroundOf(s, u.side, true);
  const { maxHexesPerTurn: maxDeep, inContactAfterCover: afterCover } = ctx.params.movement.enemyGround;
  let deep = 0;
  let heldLeft = ctx.params.movement.enemyGround.maxHeldHexesPerTurn;
  const path: number[] = [];
  let at = u.hex;
  let left = u.mp;
  for (;;) {
    let best = -1;
    let bestF = field[at];
    let bestStep = 0;
    for (let d = 0; d < 6; d++) {
      const n = ctx.map.neighbours[at * 6 + d];
      if (n < 0 || occ.side[n] === enemy || field[n] >= bestF) continue;
      const step = stepOf(ctx.map, costs, at * 6 + d);
      if (step >= UNREACHABLE) continue;
      if (step > left && !(path.length === 0 && canAlwaysStep(u))) continue;
      if (deepAfter(deep, enemyGround(n), heldGround(n), afterCover) > maxDeep || heldGround(n) > heldLeft) continue;
      best = n; bestF = field[n]; bestStep = step;
    }
    if (best < 0) return path;
    path.push(best);
    left -= bestStep;
    deep = deepAfter(deep, enemyGround(best), heldGround(best), afterCover);
    heldLeft -= heldGround(best);
    at = best;
    if (left < 0) return path;
    if (inEnemyZoc(ctx.map, occ, u.side, at)) return path;
  }
}

/**
 * The enemy hex next to `u` that lies on its way to `objective` (the objective itself, or a hex
 * nearer to it than the unit is), or -1. A unit with no such hex goes round instead of waiting.
 */
function assaultTarget(ctx: EngineContext, occ: Occupancy, u: UnitState, objective: number): number {
  const enemy = enemyIndex(u.side);
  const here = hexDistance(ctx.map, u.hex, objective);
  for (let d = 0; d < 6; d++) {
    const n = ctx.map.neighbours[u.hex * 6 + d];
    if (n < 0 || occ.side[n] !== enemy) continue;
    if (n === objective || hexDistance(ctx.map, n, objective) < here) return n;
  }
  return -1;
}

function touchesEnemy(ctx: EngineContext, occ: ReturnType<typeof occupancy>, u: UnitState): boolean {
  const enemy = enemyIndex(u.side);
  for (let d = 0; d < 6; d++) {
    const n = ctx.map.neighbours[u.hex * 6 + d];
    if (n >= 0 && occ.side[n] === enemy) return true;
  }
  return false;
}

function* assaults(ctx: EngineContext, now: () => GameState, side: Side): Iterable<Proposal> {
  const s = now();
  const occ = occupancy(ctx.map, s);
  const enemy = enemyIndex(side);
  // Targets: enemy hexes next to assaulting units that lie on the way to their objective.
  const targets = new Map<number, string[]>();
  const noFire = new Set<number>();
  for (const u of activeUnits(s, side)) {
    const m = s.missions[u.id];
    if (m?.kind !== 'assault' || u.attacked || ctx.scenario.unitById[u.id].type === 'artillery') continue;
    // Exhausted, broken units do not press the assault (the attacks called off on 18 Feb and 23 Mar).
    if (u.cohesion < ctx.params.fatigue.minAttackCohesion.value) continue;
    const n = assaultTarget(ctx, occ, u, m.objective);
    if (n < 0) continue;
    if (m.fireSupport === false || dangerCloseFrom(ctx, s, side, n) >= 0) noFire.add(n);
    const list = targets.get(n) ?? [];
    list.push(u.id);
    targets.set(n, list);
  }
  // Guns are shared out over the turn's assaults: each battery fires for the assault in its
  // range that has the fewest guns so far (a battery fires at most twice a turn).
  const order = [...targets.keys()].sort((a, b) => a - b);
  const fired = order.filter((t) => !noFire.has(t));
  const support = new Map<number, string[]>(order.map((t) => [t, []]));
  const gunsAt = new Map<number, number>(order.map((t) => [t, 0]));
  const range = ctx.params.fire.maxFireRange.value;
  for (const a of activeUnits(s, side)) {
    if (ctx.scenario.unitById[a.id].type !== 'artillery' || a.guns <= 0 || a.fired >= 2) continue;
    let best = -1;
    for (const t of fired) {
      if (hexDistance(ctx.map, a.hex, t) > range) continue;
      if (best < 0 || gunsAt.get(t)! < gunsAt.get(best)!) best = t;
    }
    if (best < 0) continue;
    support.get(best)!.push(a.id);
    gunsAt.set(best, gunsAt.get(best)! + a.guns);
  }
  for (const target of order) {
    const cur = now();
    if (unitsInHex(cur, target).every((x) => x.side === side)) continue;
    const ready = targets.get(target)!.filter((id) => cur.units[id].status === 'active' && !cur.units[id].attacked && hexDistance(ctx.map, cur.units[id].hex, target) === 1);
    const artillery = support.get(target)!.filter((id) => cur.units[id].status === 'active' && cur.units[id].fired < 2);
    const attackers = attackersAllowed(ctx, cur, side, ready, target, artillery);
    if (!attackers.length) continue;
    yield { source: 'ai', action: { type: 'attack', units: attackers, target, artillery } };
  }
  // Artillery with a support mission fires on its target with what it has left.
  const cur = now();
  for (const a of activeUnits(cur, side)) {
    const m = cur.missions[a.id];
    if (m?.kind !== 'support' || a.fired >= 2 || ctx.scenario.unitById[a.id].type !== 'artillery') continue;
    if (hexDistance(ctx.map, a.hex, m.target) > ctx.params.fire.maxFireRange.value) continue;
    if (dangerCloseFrom(ctx, cur, side, m.target) >= 0) continue;
    yield { source: 'ai', action: { type: 'fireSupport', artillery: [a.id], target: m.target } };
  }
}

/** The default controller of a side: the historical plan first, the doctrine AI for what it leaves, then the mission executor. */
export function historicalController(): Controller {
  const doctrine = doctrineController({ plan: true });
  return {
    *propose(ctx, now, side) {
      yield* planController.propose(ctx, now, side);
      yield* doctrine.propose(ctx, now, side);
      yield* missionController.propose(ctx, now, side);
    },
    disengage: missionController.disengage,
  };
}

/** The doctrine AI alone, with no plan: it decides everything for the side. */
export function aiController(): Controller {
  const doctrine = doctrineController({ plan: false });
  return {
    *propose(ctx, now, side) {
      yield* doctrine.propose(ctx, now, side);
      yield* missionController.propose(ctx, now, side);
    },
    disengage: missionController.disengage,
  };
}
