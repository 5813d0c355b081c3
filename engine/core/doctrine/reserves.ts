// Where a side puts its reserves depends on what it believes (state.intel, schedule/intel.ts): a
// commander who believes the enemy has the superiority an attack needs, knows where its main
// effort is coming and fears no landing elsewhere moves his reserves up behind that main effort
// before his line breaks; one who believes the line can hold, or who holds his reserves against a
// landing, keeps them where they are and commits them only where the front breaks (german.ts).
// Kesselring, deceived before Diadem (6 Allied divisions believed against his 4, there were 13;
// a landing north of Rome feared), committed his reserves only on 13 May (history, battle 4).
import type { Proposal } from '../controller-types.ts';
import { controlOf, sideChar } from '../control.ts';
import { hexDistance, hexLabel } from '../map.ts';
import { fromMinutes } from '../time.ts';
import type { SideBeliefs } from '../types.ts';
import { type Situation, enemyDistance, isCombatUnit, order } from './situation.ts';

/** The expected main effort, when the side's beliefs call for its reserves to be moved up to it. */
export function threatenedMainEffort(sit: Situation): number | null {
  const b: SideBeliefs = sit.s.intel[sit.side];
  if (b.mainEffort === undefined || b.mainEffort === null || b.landingFeared || b.enemyDivisionsBelieved === null || !b.ownDivisions) return null;
  const ratio = sit.ctx.params.doctrine.reserveForwardBelievedRatio.value;
  return b.enemyDivisionsBelieved >= ratio * b.ownDivisions ? b.mainEffort : null;
}

/** Own-held hexes out of contact nearest the main effort, one for each reserve (breadth first). */
function placesBehind(sit: Situation, effort: number, n: number): number[] {
  const { map } = sit.ctx;
  const mine = sideChar(sit.side);
  const far = sit.ctx.params.doctrine.reserveCommitRadiusHexes.value;
  const seen = new Set<number>([effort]);
  let ring = [effort];
  const out: number[] = [];
  for (let d = 0; d <= far && out.length < n && ring.length; d++) {
    for (const h of [...ring].sort((a, b) => a - b)) {
      if (out.length >= n) break;
      if (map.terrain[h] !== 'sea' && controlOf(sit.s, h) === mine && enemyDistance(sit, h) > sit.ctx.params.doctrine.frontLineHexes.value) out.push(h);
    }
    const next: number[] = [];
    for (const h of ring) {
      for (let k = 0; k < 6; k++) {
        const x = map.neighbours[h * 6 + k];
        if (x >= 0 && !seen.has(x)) { seen.add(x); next.push(x); }
      }
    }
    ring = next;
  }
  return out;
}

/**
 * Reserves moved up behind the expected main effort, once for each main effort the side comes to
 * expect: each uncommitted reserve is released and ordered to hold a position out of contact
 * near it, the nearest reserve to the nearest position.
 */
export function* placeReserves(sit: Situation): Iterable<Proposal> {
  const effort = threatenedMainEffort(sit);
  if (effort === null) return;
  const key = `${sit.side}.reserves-to-main-effort`;
  const label = hexLabel(sit.ctx.map, effort);
  if (sit.s.flags[key] === label) return;
  const dist = (h: number) => hexDistance(sit.ctx.map, h, effort);
  const reserves = sit.own.filter((u) => u.status === 'reserve' && isCombatUnit(sit, u.id) && !sit.tasked.has(u.id) && !sit.ordered.has(u.id))
    .sort((a, b) => dist(a.hex) - dist(b.hex) || (a.id < b.id ? -1 : 1));
  yield { source: 'ai', action: { type: 'setFlag', side: sit.side, key, value: label, text: `${sit.side === 'german' ? 'German' : 'Allied'} reserves move up behind the expected main effort at ${label} (from ${fromMinutes(sit.s.time)})` } };
  if (reserves.length === 0) return;
  const spots = placesBehind(sit, effort, reserves.length);
  const placed = reserves.slice(0, spots.length);
  if (placed.length === 0) return;
  yield { source: 'ai', action: { type: 'releaseReserve', units: placed.map((u) => u.id) } };
  for (let k = 0; k < placed.length; k++) yield order(sit, [placed[k].id], { kind: 'hold', hex: spots[k] });
}
