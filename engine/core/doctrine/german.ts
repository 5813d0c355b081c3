// German doctrine (Truppenführung; the practice of the XIV Panzer Corps at Cassino): hold the key
// terrain; counter-attack a lost key position at once with what is at hand; commit reserves where
// the front is breaking; ask to withdraw when the line of communication is threatened (17 May).
import type { Proposal } from '../controller-types.ts';
import { sideChar } from '../control.ts';
import { hexDistance } from '../map.ts';
import { fromMinutes } from '../time.ts';
import { artillerySupport, holdTheRest } from './common.ts';
import { threatenedMainEffort, placeReserves } from './reserves.ts';
import {
  type Situation, endOfTurns, enemyDistance, enemyNeighbours, holds, isCombatUnit, isFree, keyHexes, nearest, oddsOf, order, recentLosses,
} from './situation.ts';

export function* germanDoctrine(sit: Situation): Iterable<Proposal> {
  yield* withdrawWhenCut(sit);
  yield* counterAttack(sit);
  yield* placeReserves(sit);
  yield* commitReserves(sit);
  yield* artillerySupport(sit);
  yield* holdTheRest(sit);
}

/** Hexes of the positions being given up (none until the withdrawal is ordered). */
function abandoned(sit: Situation): { serves: number[]; radius: number } | null {
  const loc = sit.ctx.scenario.doctrine[sit.side].lineOfCommunication;
  if (!loc || sit.s.flags[loc.flag] === undefined) return null;
  return { serves: loc.serves, radius: sit.ctx.params.doctrine.withdrawSectorHexes.value };
}

/**
 * The supply road is threatened when an enemy unit the side observes is within the threat
 * distance of it: the side orders the withdrawal of every unit near the positions it serves.
 */
function* withdrawWhenCut(sit: Situation): Iterable<Proposal> {
  const loc = sit.ctx.scenario.doctrine[sit.side].lineOfCommunication;
  if (!loc || sit.s.flags[loc.flag] !== undefined) return;
  const p = sit.ctx.params.doctrine;
  let threat = -1;
  for (const e of sit.enemy) {
    if (e.status !== 'active') continue;
    for (const h of loc.route) if (hexDistance(sit.ctx.map, e.hex, h) <= p.locThreatHexes.value) { threat = e.hex; break; }
    if (threat >= 0) break;
  }
  if (threat < 0) return;
  yield { source: 'ai', action: { type: 'setFlag', side: sit.side, key: loc.flag, value: fromMinutes(sit.s.time), text: loc.text } };
  const byDestination = new Map<number, string[]>();
  for (const u of sit.own) {
    if (u.status !== 'active' || sit.ordered.has(u.id)) continue;
    if (!loc.serves.some((h) => hexDistance(sit.ctx.map, u.hex, h) <= p.withdrawSectorHexes.value)) continue;
    const to = nearest(sit, u.hex, loc.fallBack);
    if (to === u.hex) continue;
    const list = byDestination.get(to) ?? [];
    list.push(u.id);
    byDestination.set(to, list);
  }
  for (const to of [...byDestination.keys()].sort((a, b) => a - b)) yield order(sit, byDestination.get(to)!, { kind: 'withdraw', to });
}

/** Units that can be taken for a counter-attack or sent to a breach: free, or in reserve. */
function uncommitted(sit: Situation, key: Set<number>): typeof sit.own {
  return sit.own.filter((u) => isCombatUnit(sit, u.id) && !key.has(u.hex) && u.men > 0
    && !sit.tasked.has(u.id) && !sit.ordered.has(u.id) && !sit.stoodDown(u.id)
    && (u.status === 'reserve' || isFree(sit, u))
    && u.cohesion >= sit.ctx.params.fatigue.minAttackCohesion.value);
}

/**
 * A key position the side held at the start and has lost is counter-attacked at once by the
 * nearest uncommitted units, as many as the believed odds need; if the odds cannot be reached
 * nobody goes. Where the enemy there is not observed, the nearest unit moves up to regain contact.
 */
function* counterAttack(sit: Situation): Iterable<Proposal> {
  const p = sit.ctx.params.doctrine;
  const keys = keyHexes(sit);
  const keySet = new Set(keys);
  const givenUp = abandoned(sit);
  const initial = sit.ctx.scenario.control;
  const mine = sideChar(sit.side);
  for (const k of keys) {
    if (initial[k] !== mine || holds(sit.s, sit.side, k)) continue;
    if (givenUp && givenUp.serves.some((h) => hexDistance(sit.ctx.map, k, h) <= givenUp.radius)) continue;
    // Already being counter-attacked by units still on it.
    if (sit.own.some((u) => { const m = sit.s.missions[u.id]; return m?.kind === 'assault' && m.objective === k && !sit.tasked.has(u.id); })) continue;
    const near = uncommitted(sit, keySet)
      .filter((u) => hexDistance(sit.ctx.map, u.hex, k) <= p.counterAttackRadiusHexes.value)
      .filter((u) => enemyNeighbours(sit, u.hex).every((n) => n === k))
      .sort((a, b) => hexDistance(sit.ctx.map, a.hex, k) - hexDistance(sit.ctx.map, b.hex, k) || (a.id < b.id ? -1 : 1));
    if (near.length === 0) continue;
    const release = (ids: string[]) => {
      const r = ids.filter((id) => sit.s.units[id].status === 'reserve');
      return r.length ? [{ source: 'ai' as const, action: { type: 'releaseReserve' as const, units: r } }] : [];
    };
    if (!sit.enemyHexes.has(k)) {
      // Nothing seen there: empty ground is simply re-occupied; unseen ground is felt for.
      const go = [near[0].id];
      yield* release(go);
      yield order(sit, go, { kind: 'assault', objective: k, until: endOfTurns(sit, p.counterAttackTurns.value), minOdds: p.counterAttackMinOdds.value });
      continue;
    }
    const group: string[] = [];
    let odds: number | null = null;
    for (const u of near) {
      group.push(u.id);
      odds = oddsOf(sit, group, k);
      if (odds !== null && odds >= p.counterAttackMinOdds.value) break;
    }
    if (odds === null || odds < p.counterAttackMinOdds.value) continue;
    yield* release(group);
    yield order(sit, group, { kind: 'assault', objective: k, until: endOfTurns(sit, p.counterAttackTurns.value), minOdds: p.counterAttackMinOdds.value });
  }
}

/**
 * Where a front-line unit is breaking (cohesion gone, or heavy losses in the last day), the
 * nearest reserves are released and sent up to it (to the breaches nearest the main effort first,
 * when the side's beliefs name one: reserves.ts). The first time, the side records the decision.
 */
function* commitReserves(sit: Situation): Iterable<Proposal> {
  const p = sit.ctx.params.doctrine;
  const lost = recentLosses(sit, p.breakingTurns.value);
  const breaking = sit.own.filter((u) => {
    if (u.status !== 'active' || !isCombatUnit(sit, u.id) || enemyDistance(sit, u.hex) > p.frontLineHexes.value) return false;
    const l = lost.get(u.id) ?? 0;
    return u.cohesion < p.breakingCohesion.value || l >= p.breakingLossShare.value * (u.men + l);
  }).sort((a, b) => a.cohesion - b.cohesion || (a.id < b.id ? -1 : 1));
  // A side that knows where the enemy's main effort is sends its reserves to the breaches there first.
  const effort = threatenedMainEffort(sit);
  if (effort !== null) breaking.sort((a, b) => hexDistance(sit.ctx.map, a.hex, effort) - hexDistance(sit.ctx.map, b.hex, effort));
  const reserves = sit.own.filter((u) => u.status === 'reserve' && isCombatUnit(sit, u.id) && !sit.tasked.has(u.id) && !sit.ordered.has(u.id));
  const sentTo: number[] = [];
  let first = true;
  for (const b of breaking) {
    if (sentTo.some((h) => hexDistance(sit.ctx.map, h, b.hex) <= p.frontLineHexes.value)) continue;
    const near = reserves.filter((r) => !sit.tasked.has(r.id) && hexDistance(sit.ctx.map, r.hex, b.hex) <= p.reserveCommitRadiusHexes.value)
      .sort((x, y) => hexDistance(sit.ctx.map, x.hex, b.hex) - hexDistance(sit.ctx.map, y.hex, b.hex) || (x.id < y.id ? -1 : 1))
      .slice(0, p.reservesPerBreach.value);
    if (near.length === 0) continue;
    const ids = near.map((r) => r.id);
    const key = `${sit.side}.reserves-to-breach`;
    if (first && sit.s.flags[key] === undefined) {
      yield { source: 'ai', action: { type: 'setFlag', side: sit.side, key, value: fromMinutes(sit.s.time), text: `${sit.side === 'german' ? 'German' : 'Allied'} reserves are committed where the front is breaking` } };
    }
    first = false;
    yield { source: 'ai', action: { type: 'releaseReserve', units: ids } };
    yield order(sit, ids, { kind: 'advance', objective: b.hex });
    sentTo.push(b.hex);
  }
}
