// Allied doctrine (FM 100-5, 1944; the Allied commanders' practice at Cassino): pursue the plan's
// objectives, exploit success, and call an attack off when the attacking formation is exhausted
// (as on 18 February and 23 March).
import { placeReserves } from './reserves.ts';
import type { Proposal } from '../controller-types.ts';
import { hexDistance } from '../map.ts';
import { entriesSince } from '../state-log.ts';
import { fromMinutes } from '../time.ts';
import { artillerySupport, deliberateAttacks, holdTheRest } from './common.ts';
import { type Situation, divisionOf, enemyNeighbours, holds, isCombatUnit, isFree, nearest, order } from './situation.ts';

export function* alliedDoctrine(sit: Situation): Iterable<Proposal> {
  const exhausted = yield* callOff(sit);
  const p = sit.ctx.params.doctrine;
  yield* deliberateAttacks(sit, p.resumeCohesion.value, (id) => sit.engaged(id) && !exhausted.has(divisionOf(sit, id)));
  if (!sit.plan) yield* exploit(sit);
  yield* placeReserves(sit);
  yield* pursue(sit, exhausted);
  yield* artillerySupport(sit);
  yield* holdTheRest(sit);
}

/**
 * A formation whose assaulting units are exhausted (their men-weighted cohesion below the
 * threshold, or half their men lost) has its attack called off: its assault missions become
 * holds. Returns the formations that are exhausted (they start no new attack this turn).
 */
function* callOff(sit: Situation): Generator<Proposal, Set<string>> {
  const p = sit.ctx.params.doctrine;
  const assaulting = new Map<string, string[]>();
  for (const u of sit.own) {
    const m = sit.s.missions[u.id];
    if (u.status !== 'active' || m?.kind !== 'assault' || sit.ordered.has(u.id) || !isCombatUnit(sit, u.id)) continue;
    const f = divisionOf(sit, u.id);
    const list = assaulting.get(f) ?? [];
    list.push(u.id);
    assaulting.set(f, list);
  }
  const exhausted = new Set<string>();
  for (const f of [...assaulting.keys()].sort()) {
    const ids = assaulting.get(f)!;
    let men = 0;
    let lost = 0;
    let cohesion = 0;
    for (const id of ids) {
      const u = sit.s.units[id];
      const l = sit.s.losses[id] ?? 0;
      men += u.men;
      lost += l;
      cohesion += u.men * u.cohesion;
    }
    const avg = men > 0 ? cohesion / men : 0;
    const share = lost / Math.max(1, men + lost);
    if (avg >= p.exhaustedCohesion.value && share < p.exhaustedLossShare.value) continue;
    exhausted.add(f);
    const name = sit.ctx.scenario.formationById[f]?.name ?? f;
    yield {
      source: 'ai',
      action: {
        type: 'setFlag', side: sit.side, key: `${sit.side}.attack-called-off.${f}`, value: fromMinutes(sit.s.time),
        text: `The ${name} is exhausted (cohesion ${Math.round(avg)}%, ${Math.round(share * 100)}% of its assaulting men lost): its attack is called off`,
      },
    };
    yield order(sit, ids, { kind: 'hold' });
  }
  return exhausted;
}

/** Objectives the unit's formation is still fighting for (plan or AI missions of its other units). */
function formationObjectives(sit: Situation, division: string): number[] {
  const out = new Set<number>();
  for (const u of sit.own) {
    const m = sit.s.missions[u.id];
    if (!m || (m.kind !== 'assault' && m.kind !== 'advance') || m.by === 'doctrine') continue;
    if (divisionOf(sit, u.id) !== division || holds(sit.s, sit.side, m.objective)) continue;
    out.add(m.objective);
  }
  return [...out];
}

/**
 * Units whose task is done go on to the next objective: under a plan, the nearest one their
 * formation is still fighting for; without a plan, the nearest objective the side does not hold.
 * Units already in contact stay and fight there (deliberate attacks); exhausted formations hold.
 */
function* pursue(sit: Situation, exhausted: Set<string>): Iterable<Proposal> {
  const p = sit.ctx.params.doctrine;
  const open = sit.ctx.scenario.objectives.filter((o) => !o.reportOnly).map((o) => o.hex).filter((h) => !holds(sit.s, sit.side, h)).sort((a, b) => a - b);
  const byGoal = new Map<number, string[]>();
  for (const u of sit.own) {
    if (!isFree(sit, u) || !isCombatUnit(sit, u.id) || u.cohesion < p.resumeCohesion.value || !sit.engaged(u.id)) continue;
    const f = divisionOf(sit, u.id);
    if (exhausted.has(f) || enemyNeighbours(sit, u.hex).length > 0) continue;
    const goals = (sit.plan ? formationObjectives(sit, f) : open).filter((h) => hexDistance(sit.ctx.map, u.hex, h) <= p.pursuitRadiusHexes.value);
    if (goals.length === 0) continue;
    const g = nearest(sit, u.hex, goals);
    const m = sit.s.missions[u.id];
    if (m?.kind === 'advance' && m.objective === g) { sit.tasked.add(u.id); continue; }
    const list = byGoal.get(g) ?? [];
    list.push(u.id);
    byGoal.set(g, list);
  }
  for (const g of [...byGoal.keys()].sort((a, b) => a - b)) yield order(sit, byGoal.get(g)!, { kind: 'advance', objective: g });
}

/**
 * Without a plan, success is exploited: when an objective has just been taken, the nearest
 * reserves are released and pushed through it to the next objective.
 */
function* exploit(sit: Situation): Iterable<Proposal> {
  const p = sit.ctx.params.doctrine;
  const taken = new Set<number>();
  const objectives = new Set(sit.ctx.scenario.objectives.filter((o) => !o.reportOnly).map((o) => o.hex));
  for (const e of entriesSince(sit.s, sit.s.turn - 1)) {
    if (e.kind === 'combat' && e.side === sit.side && e.data?.won && e.hex !== undefined && objectives.has(e.hex)) taken.add(e.hex);
  }
  const open = [...objectives].filter((h) => !holds(sit.s, sit.side, h));
  for (const h of [...taken].sort((a, b) => a - b)) {
    const next = open.filter((o) => hexDistance(sit.ctx.map, h, o) <= p.pursuitRadiusHexes.value);
    if (next.length === 0) continue;
    const goal = nearest(sit, h, next);
    const ids = sit.own
      .filter((u) => u.status === 'reserve' && isCombatUnit(sit, u.id) && !sit.tasked.has(u.id) && hexDistance(sit.ctx.map, u.hex, h) <= p.reserveCommitRadiusHexes.value)
      .sort((a, b) => hexDistance(sit.ctx.map, a.hex, h) - hexDistance(sit.ctx.map, b.hex, h) || (a.id < b.id ? -1 : 1))
      .slice(0, p.reservesPerBreach.value)
      .map((u) => u.id);
    if (ids.length === 0) continue;
    yield { source: 'ai', action: { type: 'releaseReserve', units: ids } };
    yield order(sit, ids, { kind: 'advance', objective: goal });
  }
}
