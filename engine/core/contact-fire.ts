// Fire in contact: men facing the enemy across a hex side are hit by his rifles, machine guns,
// mortars and snipers every turn, whether or not anyone assaults. The combat model counts losses
// only in an assault; without this a battalion that held a line for weeks under the enemy's eyes
// kept every man (issue 21: "battalions the plan attacks are destroyed while the rest keep almost
// all their men").
//
// The rate is the combat model's own: a static engagement in which each side is the defender, at
// the defender's base rate (combat.json baseRate.defender), with the QJM factors a defender's rate
// takes (opposition by the men facing each other, the ground's and the weather's casualty factors,
// night, posture vulnerability by how well the unit is dug in), and observed fire as the
// bombardment's (fire.json observedFireFactor). No size factor: the engagement is the whole
// front's, a corps or more (the QJM size factor is 1 at 25,000 men).
import type { EngineContext } from './context.ts';
import { engagementWeather, postureOf } from './attack.ts';
import { oppositionFactor } from './models/combat.ts';
import { terrainAt } from './models/movement.ts';
import type { Occupancy } from './models/occupancy.ts';
import { isObserved } from './models/observation.ts';
import { keyedUniform, normal } from './rng.ts';
import { isNightTurn } from './time.ts';
import { type GameState, type UnitState, enemyIndex, enemyOf } from './types.ts';

/** Units that fought an assault this turn (as attackers or defenders): their losses came in it. */
function inAssault(base: GameState): Set<string> {
  const out = new Set<string>();
  for (let i = base.log.length - 1; i >= 0; i--) {
    const e = base.log[i];
    if (e.turn !== base.turn) break;
    if (e.kind === 'combat') for (const id of e.units ?? []) out.add(id);
  }
  return out;
}

/** The expected daily loss rate, before noise, of men in hex `h` facing `enemyMen` across its sides. */
export function contactRate(ctx: EngineContext, base: GameState, h: number, ownMen: number, enemyMen: number, entrenchment: number, observed: boolean): number {
  const c = ctx.params.combat;
  const f = ctx.params.fire;
  const wx = engagementWeather(base.weather);
  const weather = c.weatherMoisture[wx.moisture].casualties * c.weatherPrecipitation[wx.precipitation].casualties * c.weatherTemperature[wx.temperature].casualties;
  const night = isNightTurn(base.time) ? c.night.casualties : 1;
  const vulnerability = entrenchment > 0 ? c.posture[postureOf(entrenchment)].vulnerability : 1;
  const obs = observed ? f.observedFireFactor.value : f.observedFireFactor.unobserved;
  return f.contactFire.value * c.baseRate.defender * oppositionFactor(c, ownMen / Math.max(1, enemyMen))
    * c.terrain[terrainAt(ctx.map, base, h)].casualties * weather * night * vulnerability * obs;
}

/**
 * Men each unit in contact loses to the enemy's fire this turn (unit id -> men), read from the
 * frozen state at the end of the combat phase. Draws are keyed by turn and unit.
 */
export function contactLosses(ctx: EngineContext, base: GameState, occ: Occupancy): Map<string, number> {
  const out = new Map<string, number>();
  if (ctx.params.fire.contactFire.value <= 0) return out;
  const fought = inAssault(base);
  const days = ctx.params.movement.hoursPerTurn.foot / 24;
  const minVis = ctx.params.observation.minVisibilityPercent.value;
  const ids = Object.keys(base.units).sort();
  for (const id of ids) {
    const u: UnitState = base.units[id];
    if ((u.status !== 'active' && u.status !== 'reserve') || u.hex < 0 || u.men <= 0 || fought.has(id)) continue;
    const enemy = enemyIndex(u.side);
    let enemyMen = 0;
    for (let d = 0; d < 6; d++) {
      const n = ctx.map.neighbours[u.hex * 6 + d];
      if (n >= 0 && occ.side[n] === enemy) enemyMen += occ.men[n];
    }
    if (enemyMen === 0) continue;
    const observed = isObserved(base, enemyOf(u.side), u.hex) && base.weather.visibility >= minVis;
    const rate = contactRate(ctx, base, u.hex, occ.men[u.hex], enemyMen, u.entrenchment, observed);
    const rand = keyedUniform(base.rng, 'fire', `contact/t${base.turn}/${id}`);
    // Lognormal day-to-day spread (as the bombardment's), then rounded at random so that the
    // expected loss of a few tenths of a man a turn is kept, not rounded away.
    const expected = u.men * (1 - Math.exp(-rate * days)) * Math.exp(0.4 * normal(rand) - 0.08);
    const lost = Math.min(u.men, Math.floor(expected + rand()));
    if (lost > 0) out.set(id, lost);
  }
  return out;
}
