// What a side believes about the enemy: the doctrine AI decides from this, never from the true
// state. A side knows an enemy unit only while it observes the unit's hex (state.observed, set in
// the supply phase), and then only its strength as estimated: rounded to the nearest platoon and
// scaled by the scenario's intelligence factor (deception what-ifs raise or lower it). Enemy
// units in hexes the side does not observe are unknown — except the enemy's artillery on the map:
// guns give themselves away when they fire (sound ranging, flash spotting, shell reports), and
// both sides' counter-battery staffs kept them located, so a side weighs the enemy batteries in
// range of a target at their estimated strength even when it cannot see them.
import { answersFor, buildEngagement } from '../attack.ts';
import type { EngineContext } from '../context.ts';
import { hexDistance } from '../map.ts';
import { combatPowers } from '../models/combat.ts';
import { isObserved } from '../models/observation.ts';
import { type GameState, type Side, type UnitState, otherSide } from '../types.ts';
import { sortedUnitIds } from '../unit-order.ts';
import { onClearCaches } from '../caches.ts';

let cache = new WeakMap<GameState, { ctx: EngineContext } & Partial<Record<Side, UnitState[]>>>();
onClearCaches('doctrine.believedEnemy', () => { cache = new WeakMap(); });

/** Enemy units `side` observes, at their believed strength, sorted by id. */
export function believedEnemy(ctx: EngineContext, state: GameState, side: Side): UnitState[] {
  const cached = cache.get(state);
  const byState = cached?.ctx === ctx ? cached : { ctx };
  const hit = byState[side];
  if (hit) return hit;
  const factor = ctx.scenario.intelligence[side].enemyStrengthFactor;
  const round = ctx.params.doctrine.estimateRoundingMen.value;
  const enemy = otherSide(side);
  const out: UnitState[] = [];
  for (const id of sortedUnitIds(state.units)) {
    const u = state.units[id];
    if (u.side !== enemy || u.hex < 0 || (u.status !== 'active' && u.status !== 'reserve')) continue;
    if (!isObserved(state, side, u.hex)) continue;
    out.push({
      ...u,
      men: Math.max(1, Math.round((u.men * factor) / round) * round),
      tanks: Math.round(u.tanks * factor),
      guns: Math.round(u.guns * factor),
    });
  }
  byState[side] = out;
  cache.set(state, byState);
  return out;
}

/** Believed enemy units in one hex (empty when the hex is not observed or holds none). */
export function believedInHex(ctx: EngineContext, state: GameState, side: Side, h: number): UnitState[] {
  return believedEnemy(ctx, state, side).filter((u) => u.hex === h);
}

/** Enemy guns `side` believes can fire on hex `target` for its `defenders`: located batteries in range. */
function believedDefenceGuns(ctx: EngineContext, state: GameState, side: Side, target: number, defenders: UnitState[]): number {
  const factor = ctx.scenario.intelligence[side].enemyStrengthFactor;
  const range = ctx.params.fire.maxFireRange.value;
  const answers = answersFor(ctx, defenders);
  let guns = 0;
  for (const id of sortedUnitIds(state.units)) {
    const u = state.units[id];
    if (u.side === side || u.status !== 'active' || u.hex < 0 || u.guns <= 0 || ctx.scenario.unitById[id].type !== 'artillery') continue;
    if (hexDistance(ctx.map, u.hex, target) <= range && answers(id)) guns += Math.round(u.guns * factor);
  }
  return guns;
}

/**
 * The odds `side` believes an attack by `attackers` (own units) on hex `target` has: the combat
 * model's power ratio without noise, with the enemy as believed — the defenders observed in the
 * hex and the enemy batteries located within range of it. Null when the target is not observed,
 * or no defender is seen there (nothing to weigh).
 */
export function believedOdds(ctx: EngineContext, state: GameState, side: Side, attackers: string[], target: number, attackGuns: number): number | null {
  if (!isObserved(state, side, target) || attackers.length === 0) return null;
  const defenders = believedInHex(ctx, state, side, target);
  if (defenders.length === 0) return null;
  const defenceGuns = believedDefenceGuns(ctx, state, side, target, defenders);
  const input = buildEngagement(ctx, state, attackers.map((id) => state.units[id]), defenders, target, attackGuns, defenceGuns);
  // Whether the enemy watches the approach depends on where all his units are, which the side
  // does not know: it assumes it is watched whenever observed fire is possible.
  input.attackerObserved = state.weather.visibility >= ctx.params.observation.minVisibilityPercent.value;
  const p = [0, 0];
  combatPowers(input, ctx.params.combat, p);
  return p[0] > 0 ? (p[1] > 0 ? p[0] / p[1] : Infinity) : 0;
}
