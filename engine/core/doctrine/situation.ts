// The situation as a side's doctrine AI reads it: which of its units it may task, where its front
// is, what it has lost lately, and which enemy hexes it can weigh. Everything about the enemy
// comes from beliefs.ts; everything else is the side's own knowledge (its units, its losses, the
// ground it holds).
import type { Proposal } from '../controller-types.ts';
import type { EngineContext } from '../context.ts';
import { controlOf, sideChar } from '../control.ts';
import { itemsInTurn } from '../engine.ts';
import { hexDistance } from '../map.ts';
import { unitDivision } from '../scenario.ts';
import { entriesSince } from '../state-log.ts';
import { TURN_MINUTES } from '../time.ts';
import type { GameState, Mission, Side, UnitState } from '../types.ts';
import { believedEnemy, believedOdds } from './beliefs.ts';
import { sortedUnitIds } from '../unit-order.ts';
import { onClearCaches } from '../caches.ts';

const NOT_COMBAT = new Set(['artillery', 'engineer', 'headquarters']);

export interface Situation {
  ctx: EngineContext;
  s: GameState;
  side: Side;
  /** Whether a plan issues orders for this side (then the AI fills in around it). */
  plan: boolean;
  own: UnitState[];
  enemy: UnitState[];
  /** Units the plan ordered this turn: the AI leaves them alone. */
  ordered: Set<string>;
  /** Units already given a doctrine decision this turn. */
  tasked: Set<string>;
  /** Enemy hexes the side observes, with the believed men in each. */
  enemyHexes: Map<number, number>;
  /**
   * Units the AI may use on its own initiative (attack, pursue, counter-attack): under a plan, only
   * those the plan has already engaged (it keeps the others quiet on purpose) and has not stood
   * down with a `quietUntil` order (a battle is over, the next not begun); without a plan, all.
   */
  engaged: (id: string) => boolean;
  /** Units whose latest plan order stands them down (`quietUntil`) until a time not yet reached. */
  stoodDown: (id: string) => boolean;
}

export function readSituation(ctx: EngineContext, s: GameState, side: Side, plan: boolean): Situation {
  const own: UnitState[] = [];
  for (const id of sortedUnitIds(s.units)) {
    const u = s.units[id];
    if (u.side === side && u.hex >= 0 && (u.status === 'active' || u.status === 'reserve')) own.push(u);
  }
  const enemy = believedEnemy(ctx, s, side);
  const enemyHexes = new Map<number, number>();
  for (const u of enemy) enemyHexes.set(u.hex, (enemyHexes.get(u.hex) ?? 0) + u.men);
  const ordered = new Set<string>();
  if (plan) {
    for (const it of itemsInTurn(ctx, s.time, s)) if (it.kind === 'order' && it.side === side) for (const id of it.units) ordered.add(id);
  }
  const orders = plan ? planOrders(ctx) : null;
  // The latest plan order given by the end of this turn: a quiet one stands the unit down until
  // its `quietUntil`.
  const latest = (id: string) => {
    const list = orders?.get(id);
    let out: { at: number; quietUntil?: number } | undefined;
    for (let k = 0; list && k < list.length && list[k].at < s.time + TURN_MINUTES; k++) out = list[k];
    return out;
  };
  const quietAfter = (o: { quietUntil?: number } | undefined) => o?.quietUntil !== undefined && s.time < o.quietUntil;
  const stoodDown = (id: string) => quietAfter(latest(id));
  const engaged = (id: string) => {
    if (!orders) return true;
    const o = latest(id);
    return o !== undefined && !quietAfter(o);
  };
  return { ctx, s, side, plan, own, enemy, ordered, tasked: new Set(), enemyHexes, engaged, stoodDown };
}

let ordersByUnit = new WeakMap<EngineContext['scenario'], Map<string, Array<{ at: number; quietUntil?: number }>>>();
onClearCaches('doctrine.ordersByUnit', () => { ordersByUnit = new WeakMap(); });

/** The plan's orders (and releases) to each unit in time order, and until when each stands it down. */
function planOrders(ctx: EngineContext): Map<string, Array<{ at: number; quietUntil?: number }>> {
  let m = ordersByUnit.get(ctx.scenario);
  if (!m) {
    m = new Map();
    const items = ctx.scenario.schedule.filter((it) => it.kind === 'order' || it.kind === 'release');
    // Stable by time: items of one time keep the scenario's order, so the last one written decides.
    items.sort((a, b) => a.at - b.at);
    for (const it of items) {
      if (it.kind !== 'order' && it.kind !== 'release') continue;
      const quietUntil = it.kind === 'order' ? it.quietUntil : undefined;
      for (const id of it.units) {
        const list = m.get(id) ?? [];
        list.push(quietUntil === undefined ? { at: it.at } : { at: it.at, quietUntil });
        m.set(id, list);
      }
    }
    ordersByUnit.set(ctx.scenario, m);
  }
  return m;
}

export const isCombatUnit = (sit: Situation, id: string): boolean => !NOT_COMBAT.has(sit.ctx.scenario.unitById[id].type);
export const isArtillery = (sit: Situation, id: string): boolean => sit.ctx.scenario.unitById[id].type === 'artillery';

/** Key terrain of the side: the scenario's objectives and its doctrine's key hexes. */
export function keyHexes(sit: Situation): number[] {
  const out = new Set<number>(sit.ctx.scenario.objectives.filter((o) => !o.reportOnly).map((o) => o.hex));
  for (const h of sit.ctx.scenario.doctrine[sit.side].keyTerrain) out.add(h);
  return [...out].sort((a, b) => a - b);
}

export function holds(s: GameState, side: Side, h: number): boolean {
  return controlOf(s, h) === sideChar(side);
}

/** Distance from `h` to the nearest enemy unit the side observes (Infinity when none is seen). */
export function enemyDistance(sit: Situation, h: number): number {
  let best = Infinity;
  for (const e of sit.enemyHexes.keys()) {
    const d = hexDistance(sit.ctx.map, h, e);
    if (d < best) best = d;
  }
  return best;
}

/** Observed enemy hexes next to `h`, in hex order. */
export function enemyNeighbours(sit: Situation, h: number): number[] {
  const out: number[] = [];
  for (let d = 0; d < 6; d++) {
    const n = sit.ctx.map.neighbours[h * 6 + d];
    if (n >= 0 && sit.enemyHexes.has(n)) out.push(n);
  }
  return out.sort((a, b) => a - b);
}

/** Whether a standing mission has run its course (reached, taken or expired). */
export function missionDone(sit: Situation, u: UnitState, m: Mission): boolean {
  const { s, side } = sit;
  switch (m.kind) {
    case 'assault':
      if (m.until !== undefined && s.time >= m.until) return true;
      return u.hex === m.objective || (m.by === 'doctrine' && holds(s, side, m.objective) && !sit.enemyHexes.has(m.objective));
    case 'advance': return u.hex === m.objective;
    case 'withdraw': return u.hex === m.to;
    default: return false;
  }
}

/**
 * Whether the AI may give the unit a new task: not ordered by the plan (or a player) this turn,
 * and either without a mission, or with a doctrine mission that is a standing hold or support,
 * or with any mission that has run its course.
 */
export function isFree(sit: Situation, u: UnitState): boolean {
  if (u.status !== 'active' || sit.ordered.has(u.id) || sit.tasked.has(u.id)) return false;
  const m = sit.s.missions[u.id];
  if (!m) return true;
  if (missionDone(sit, u, m)) return true;
  return m.by === 'doctrine' && (m.kind === 'hold' || m.kind === 'support');
}

/** A doctrine order for some units, recorded so the same turn gives them no second one. */
export function order(sit: Situation, units: string[], mission: Mission): Proposal {
  for (const id of units) sit.tasked.add(id);
  return { source: 'ai', action: { type: 'setMission', units, mission: { ...mission, by: 'doctrine' } } };
}

/** Men each own unit lost in the last `turns` turns (from the side's own casualty returns: the log). */
export function recentLosses(sit: Situation, turns: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of entriesSince(sit.s, sit.s.turn - turns)) {
    const l = e.losses;
    if (!l) continue;
    for (const id in l) if (sit.s.units[id]?.side === sit.side) out.set(id, (out.get(id) ?? 0) + l[id]);
  }
  return out;
}

/** Guns of the side's artillery within range of `target` that can still fire this turn. */
export function gunsInRange(sit: Situation, target: number): number {
  let guns = 0;
  const range = sit.ctx.params.fire.maxFireRange.value;
  for (const a of sit.own) {
    if (a.status !== 'active' || !isArtillery(sit, a.id) || a.fired >= 2) continue;
    if (hexDistance(sit.ctx.map, a.hex, target) <= range) guns += a.guns;
  }
  return guns;
}

export function oddsOf(sit: Situation, attackers: string[], target: number): number | null {
  return believedOdds(sit.ctx, sit.s, sit.side, attackers, target, gunsInRange(sit, target));
}

export const endOfTurns = (sit: Situation, turns: number): number => sit.s.time + turns * TURN_MINUTES;

export function divisionOf(sit: Situation, id: string): string {
  return unitDivision(sit.ctx.scenario, id) ?? sit.ctx.scenario.unitById[id].formation;
}

export function nearest(sit: Situation, from: number, hexes: number[]): number {
  let best = -1;
  let bestD = Infinity;
  for (const h of hexes) {
    const d = hexDistance(sit.ctx.map, from, h);
    if (d < bestD || (d === bestD && h < best)) { best = h; bestD = d; }
  }
  return best;
}
