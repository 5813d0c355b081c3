// Doctrine shared by both sides: deliberate attacks only at the doctrinal odds, artillery on the
// enemy it can see, and every unit left without a task holding its ground.
import type { Proposal } from '../controller-types.ts';
import type { UnitState } from '../types.ts';
import { hexDistance } from '../map.ts';
import { type Situation, endOfTurns, enemyNeighbours, isArtillery, isCombatUnit, isFree, oddsOf, order } from './situation.ts';

/**
 * Deliberate attacks: for each observed enemy hex touched by free combat units fit to attack,
 * the attack goes in when the believed odds of all of them together reach the doctrinal minimum.
 * The best odds are taken first, each unit in one attack only.
 */
export function* deliberateAttacks(sit: Situation, minCohesion: number, mayAttack: (id: string) => boolean = () => true): Iterable<Proposal> {
  const min = sit.ctx.params.doctrine.deliberateAttackMinOdds.value;
  const byTarget = new Map<number, string[]>();
  for (const u of sit.own) {
    if (!isFree(sit, u) || !isCombatUnit(sit, u.id) || u.cohesion < minCohesion || u.men <= 0 || !mayAttack(u.id)) continue;
    for (const t of enemyNeighbours(sit, u.hex)) {
      const list = byTarget.get(t) ?? [];
      list.push(u.id);
      byTarget.set(t, list);
    }
  }
  const options: Array<{ target: number; units: string[]; odds: number }> = [];
  for (const [target, units] of byTarget) {
    const odds = oddsOf(sit, units, target);
    if (odds !== null && odds >= min) options.push({ target, units, odds });
  }
  options.sort((a, b) => b.odds - a.odds || a.target - b.target);
  for (const o of options) {
    const units = o.units.filter((id) => !sit.tasked.has(id));
    if (units.length === 0) continue;
    // Fewer units than planned: weigh again before committing them.
    const odds = units.length === o.units.length ? o.odds : oddsOf(sit, units, o.target);
    if (odds === null || odds < min) continue;
    yield order(sit, units, { kind: 'assault', objective: o.target, until: endOfTurns(sit, 1), minOdds: min });
  }
}

/**
 * Guns free to fire: free units, and guns the plan has only stood down between battles (a
 * `quietUntil` hold): the fronts were quiet then but for patrols and shelling, and a stand-down
 * keeps units from attacking, not guns silent.
 */
function mayFire(sit: Situation, a: UnitState): boolean {
  if (isFree(sit, a)) return true;
  return a.status === 'active' && sit.stoodDown(a.id) && sit.s.missions[a.id]?.kind === 'hold' && !sit.ordered.has(a.id) && !sit.tasked.has(a.id);
}

/** Artillery free to fire does so on the observed enemy hex in range with the most men, preferring the front. */
export function* artillerySupport(sit: Situation): Iterable<Proposal> {
  const range = sit.ctx.params.fire.maxFireRange.value;
  const contact = new Set<number>();
  for (const u of sit.own) for (const t of enemyNeighbours(sit, u.hex)) contact.add(t);
  for (const a of sit.own) {
    if (!isArtillery(sit, a.id) || a.guns <= 0 || !mayFire(sit, a)) continue;
    let best = -1;
    let bestScore = 0;
    for (const [h, men] of sit.enemyHexes) {
      if (hexDistance(sit.ctx.map, a.hex, h) > range) continue;
      const score = men * (contact.has(h) ? 2 : 1);
      if (score > bestScore || (score === bestScore && h < best)) { best = h; bestScore = score; }
    }
    const m = sit.s.missions[a.id];
    if (best < 0) {
      if (!m || m.kind !== 'hold') yield order(sit, [a.id], { kind: 'hold' });
    } else if (m?.kind !== 'support' || m.target !== best) {
      yield order(sit, [a.id], { kind: 'support', target: best });
    } else sit.tasked.add(a.id);
  }
}

/** Every free unit still without a task holds where it stands. */
export function* holdTheRest(sit: Situation): Iterable<Proposal> {
  const idle: string[] = [];
  for (const u of sit.own) {
    if (!isFree(sit, u)) continue;
    const m = sit.s.missions[u.id];
    if (m?.kind === 'hold' && m.hex === undefined && m.by === 'doctrine') continue;
    idle.push(u.id);
  }
  if (idle.length) yield order(sit, idle, { kind: 'hold' });
}
