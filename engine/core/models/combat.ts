// The combat model: one engagement (one turn of fighting between an attacker and a defender),
// after Dupuy's Quantified Judgment Model (QJM/TNDM). Pure: randomness only from the Uniform the
// caller passes in (a fixed number of draws per call), parameters only from engine/params/combat.json.
//
// 1. Power. Each side's strength is its weapons summed by class in man-equivalents (men, tanks,
//    guns, air sorties a day), each class scaled by the terrain and weather factor for that class;
//    riflemen count only up to the frontage cap when the width of front is known. The defender's
//    is multiplied by its posture and the terrain's defence factor, and, when the attacker has to
//    cross a river, by Dupuy's fire-on-a-crossing-force factors (its artillery also by the
//    observed-approach factor). The attacker's by the weather and season attack factors, QJM
//    mobility, surprise and night. Both by morale (cohesion), fatigue, supply and CEV (quality).
//    Attacker tanks that cannot get across the river add nothing.
// 2. Outcome. Power ratio P = Pa/Pd times lognormal noise; the attacker wins when P > threshold.
// 3. Casualty rates per day: base × size factor(own men) × opposition factor(own power ratio),
//    capped (QJM caps), then × terrain and weather casualty factors × the special conditions
//    (defender posture, surprise, air superiority, river crossing, armour not across, observed
//    approach, night, defeat) × combat intensity (the attacker's morale and fatigue), plus
//    casualties from enemy ground-attack sorties, × lognormal noise;
//    losses = men × (1 − exp(−rate × days)), never above men.
// Parameters and their sources: engine/params/combat.json; figures and mapping: VALIDATION.md.
import paramsFile from '../../params/combat.json';
import { parseCombatParams, type CombatParams, type LinTable, type LogTable } from './combat-params.ts';
import type { CombatForce, EngagementInput, EngagementResult, Uniform } from './combat-types.ts';

export type { CombatParams } from './combat-params.ts';

/** The project's combat parameters (engine/params/combat.json), validated at load. */
export const defaultCombatParams: CombatParams = parseCombatParams(paramsFile, 'engine/params/combat.json');

/** Log-log interpolation in a table, clamped at its ends. */
export function lookupLog(t: LogTable, x: number): number {
  const lx = Math.log(x);
  const xs = t.lx;
  const n = xs.length;
  if (!(lx > xs[0])) return Math.exp(t.ly[0]);
  if (lx >= xs[n - 1]) return Math.exp(t.ly[n - 1]);
  let i = 1;
  while (xs[i] < lx) i++;
  const f = (lx - xs[i - 1]) / (xs[i] - xs[i - 1]);
  return Math.exp(t.ly[i - 1] + f * (t.ly[i] - t.ly[i - 1]));
}

/** Linear interpolation in a table, clamped at its ends. */
export function lookupLinear(t: LinTable, x: number): number {
  const xs = t.x;
  const n = xs.length;
  if (!(x > xs[0])) return t.y[0];
  if (x >= xs[n - 1]) return t.y[n - 1];
  let i = 1;
  while (xs[i] < x) i++;
  const f = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
  return t.y[i - 1] + f * (t.y[i] - t.y[i - 1]);
}

/** QJM size factor for a force of `men`. */
export function sizeFactor(params: CombatParams, men: number): number {
  return lookupLog(params.sizeFactor, Math.max(men, 1));
}

/** QJM opposition factor for a side whose power over the enemy's is `ratio`. */
export function oppositionFactor(params: CombatParams, ratio: number): number {
  return lookupLog(params.opposition, Math.max(ratio, 1e-6));
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Power multiplier for a force's own state: morale (cohesion), fatigue, supply and CEV. */
export function stateFactor(params: CombatParams, f: CombatForce): number {
  const morale = lookupLinear(params.morale, clamp01(f.cohesion));
  const fatigue = 1 - params.fatigue.power * clamp01(f.fatigue);
  const supply = params.supplyFloor + (1 - params.supplyFloor) * clamp01(f.supply);
  return morale * fatigue * supply * Math.max(f.quality, 0);
}

/** Standard normal deviate from two uniforms (Box–Muller, one value per call, two draws). */
function gauss(rand: Uniform): number {
  const a = rand();
  const b = rand();
  return Math.sqrt(-2 * Math.log(a > 1e-12 ? a : 1e-12)) * Math.cos(2 * Math.PI * b);
}

function nonNeg(x: number): number {
  return Number.isFinite(x) && x > 0 ? x : 0;
}

/**
 * Combat power of both sides after all factors, without noise: [attacker, defender] written into
 * `out` (no allocation). Exposed for the engagement calculator and tests.
 */
export function combatPowers(input: EngagementInput, params: CombatParams, out: Float64Array | number[]): void {
  const a = input.attacker;
  const d = input.defender;
  const terr = params.terrain[input.terrain];
  const wm = params.weatherMoisture[input.weather.moisture];
  const wp = params.weatherPrecipitation[input.weather.precipitation];
  const wt = params.weatherTemperature[input.weather.temperature];
  const season = params.season[input.season];
  const w = params.weights;
  const days = input.durationDays > 1e-6 ? input.durationDays : 1e-6;

  const wxArt = wm.artillery * wp.artillery * wt.artillery;
  const wxAir = wm.air * wp.air * wt.air * season.air;
  const wxTank = wm.tanks * wp.tanks * wt.tanks;
  const wxAttack = wm.attack * wp.attack * wt.attack * season.attack;
  // QJM mobility: rugged ground and mud slow the attacker's manoeuvre (a damped, square-root term).
  const mobility = Math.pow(terr.mobility * wm.mobility * wp.mobility * wt.mobility, params.mobilityExponent);

  const sup = input.airSuperiority;
  const aFire = sup === 1 ? params.airSuperiority.fire : sup === -1 ? 1 / params.airSuperiority.fire : 1;
  const dFire = sup === -1 ? params.airSuperiority.fire : sup === 1 ? 1 / params.airSuperiority.fire : 1;

  const crossing = input.river !== 'none';
  // armourAcross is false only where a river kept the attacker's tanks back (they may stay behind
  // after the infantry has won a bridgehead).
  const aTanks = !input.armourAcross ? 0 : nonNeg(a.tanks);
  const rf = crossing ? params.riverFire[input.river as 'fordable' | 'unfordable'] : null;
  const obs = input.attackerObserved
    ? 1 + (params.observedApproach.defenderArtillery - 1) * (input.night ? params.observedApproach.nightRetained : 1)
    : 1;

  // Frontage: only so many riflemen a km can engage; guns and aircraft mass regardless.
  const cap = input.frontKm !== undefined && input.frontKm > 0 && params.frontage.menPerKm > 0
    ? params.frontage.menPerKm * input.frontKm : Infinity;
  const aMen = Math.min(nonNeg(a.men), cap);
  const dMen = Math.min(nonNeg(d.men), cap);

  // Attacker.
  const aStrength =
    aMen * w.man * terr.infantry +
    aTanks * w.tank * terr.tanks * wxTank +
    nonNeg(a.artillery) * w.artillery * terr.artillery * wxArt * aFire +
    (nonNeg(a.airSorties) / days) * w.airSortiePerDay * terr.air * wxAir * aFire;
  let aPower = aStrength * wxAttack * mobility * stateFactor(params, a);
  aPower *= params.surprise.power[input.surprise] ?? 1;
  if (input.night) aPower *= params.night.attackerPower;

  // Defender.
  const dStrength =
    dMen * w.man * terr.infantry * (rf ? rf.smallArms : 1) +
    nonNeg(d.tanks) * w.tank * terr.tanks * wxTank +
    nonNeg(d.artillery) * w.artillery * terr.artillery * wxArt * dFire * (rf ? rf.artillery : 1) * obs +
    (nonNeg(d.airSorties) / days) * w.airSortiePerDay * terr.air * wxAir * dFire;
  const dPower = dStrength * params.posture[input.defenderPosture].strength * terr.defence * stateFactor(params, d);

  out[0] = aPower;
  out[1] = dPower;
}

const powers = new Float64Array(2);

/** The power ratio attacker / defender before the engagement's noise (the odds the result reports). */
export function powerRatio(input: EngagementInput, params: CombatParams): number {
  combatPowers(input, params, powers);
  const aPower = powers[0];
  const dPower = powers[1];
  return aPower > 0 ? (dPower > 0 ? aPower / dPower : 1e6) : 1e-6;
}

/** Scratch for the two sides' casualty rates (no allocation per engagement). */
const rates = new Float64Array(2);

/**
 * Resolves one engagement of `input.durationDays` days. Draws exactly eight numbers from `rand`.
 */
export function resolveEngagement(input: EngagementInput, params: CombatParams, rand: Uniform): EngagementResult {
  const zPower = gauss(rand);
  const zCommon = gauss(rand);
  const zAtt = gauss(rand);
  const zDef = gauss(rand);

  const a = input.attacker;
  const d = input.defender;
  const aMen = nonNeg(a.men);
  const dMen = nonNeg(d.men);
  const days = nonNeg(input.durationDays);

  const ratio = powerRatio(input, params);
  const noisyRatio = ratio * Math.exp(params.noise.power * zPower);
  const attackerWins = aMen > 0 && noisyRatio > params.winThreshold;

  casualtyRates(input, params, aMen, dMen, noisyRatio, attackerWins, rates);
  const perSortie = groundAttackPerSortie(input, params);
  const aAirFrac = aMen > 0 ? (nonNeg(d.airSorties) * perSortie) / aMen : 0;
  const dAirFrac = dMen > 0 ? (nonNeg(a.airSorties) * perSortie * params.posture[input.defenderPosture].vulnerability) / dMen : 0;

  const n = params.noise;
  const k = lossConditions(input, params) * days;
  const aFrac = 1 - Math.exp(-(rates[0] * k + aAirFrac) * Math.exp(n.lossCommon * zCommon + n.lossSide * zAtt));
  const fireFrac = 1 - Math.exp(-(rates[1] * k + dAirFrac) * Math.exp(n.lossCommon * zCommon + n.lossSide * zDef));
  const left = attackerWins ? overrunShare(input, params, noisyRatio) : 0;
  // A static line gives up little: its men fall back along covered, planned routes to the next position.
  const dFrac = clamp01((1 - (1 - fireFrac) * (1 - left)) * (input.staticLine ? params.staticLine.defenderLosses : 1));
  return engagementResult(input, params, aFrac, dFrac, ratio, attackerWins);
}

/**
 * The share of a beaten defender's men lost with the position itself, beyond the fire: wounded
 * who cannot be carried back, men cut off and taken, stragglers of the retreat (CDB90 counts them
 * all as casualties). It grows with the attacker's margin of success, from nothing at the
 * threshold to overrun.share when the defender is swamped; a delaying or withdrawing defender
 * has planned its way back and loses overrun.plannedRetreat of that.
 */
function overrunShare(input: EngagementInput, params: CombatParams, noisyRatio: number): number {
  const o = params.overrun;
  const margin = 1 - params.winThreshold / noisyRatio;
  if (!(margin > 0)) return 0;
  const planned = input.defenderPosture === 'DL' || input.defenderPosture === 'WD' ? o.plannedRetreat : 1;
  return clamp01(o.share * margin * planned);
}

/**
 * What scales both sides' losses alike: terrain, weather and night, times the combat intensity,
 * which the attacker sets (a disorganised or tired attacker presses less hard).
 */
function lossConditions(input: EngagementInput, params: CombatParams): number {
  const a = input.attacker;
  const wxCas =
    params.weatherMoisture[input.weather.moisture].casualties *
    params.weatherPrecipitation[input.weather.precipitation].casualties *
    params.weatherTemperature[input.weather.temperature].casualties;
  const common = params.terrain[input.terrain].casualties * wxCas * (input.night ? params.night.casualties : 1);
  const intensity =
    lookupLinear(params.morale, clamp01(a.cohesion)) * (1 - params.fatigue.intensity * clamp01(a.fatigue));
  return common * intensity;
}

/**
 * The daily casualty rates of attacker and defender (written to out[0] and out[1]): base rate by
 * size and opposition, within the QJM caps, times the special conditions.
 */
function casualtyRates(
  input: EngagementInput, params: CombatParams, aMen: number, dMen: number, noisyRatio: number, attackerWins: boolean,
  out: Float64Array,
): void {
  // The QJM caps bound a division's daily rate; a smaller attacking force's ceiling rises with its
  // size factor, as its rate does (Dupuy: small forces suffer higher rates). The defender's cap
  // stays flat (see rateCap's note in engine/params/combat.json).
  const aSize = sizeFactor(params, aMen);
  let aRate = params.baseRate.attacker * aSize * oppositionFactor(params, noisyRatio);
  const aCap = params.rateCap.attacker * Math.max(1, aSize / sizeFactor(params, params.rateCap.referenceMen));
  if (aRate > aCap) aRate = aCap;
  let dRate = params.baseRate.defender * sizeFactor(params, dMen) * oppositionFactor(params, 1 / noisyRatio);
  if (dRate > params.rateCap.defender) dRate = params.rateCap.defender;

  // Special conditions.
  const sup = input.airSuperiority;
  if (sup === 1) {
    aRate *= params.airSuperiority.vulnerability;
    dRate /= params.airSuperiority.vulnerability;
  } else if (sup === -1) {
    aRate /= params.airSuperiority.vulnerability;
    dRate *= params.airSuperiority.vulnerability;
  }
  const posture = params.posture[input.defenderPosture];
  dRate *= posture.vulnerability;
  aRate *= posture.attackerCasualties;
  dRate *= params.surprise.vulnerability[input.surprise] ?? 1;
  if (input.river !== 'none') aRate *= params.riverFire[input.river].smallArms;
  if (!input.armourAcross) aRate *= params.armourNotAcross.attackerVulnerability;
  if (input.attackerObserved) {
    const o = params.observedApproach;
    aRate *= 1 + (o.attackerVulnerability - 1) * (input.night ? o.nightRetained : 1);
  }
  if (attackerWins) dRate *= params.loser.casualties;
  else aRate *= params.loser.casualties;
  if (input.staticLine) aRate *= params.staticLine.attackerRate;
  out[0] = aRate;
  out[1] = dRate;
}

/**
 * Ground attack by aircraft: casualties per sortie flown against the other side, as a rate over
 * the engagement (weather and terrain limit it; dug-in defenders are less exposed).
 */
function groundAttackPerSortie(input: EngagementInput, params: CombatParams): number {
  const terr = params.terrain[input.terrain];
  const wxAir = params.weatherMoisture[input.weather.moisture].air *
    params.weatherPrecipitation[input.weather.precipitation].air * params.weatherTemperature[input.weather.temperature].air;
  return params.airCasualtiesPerSortie * wxAir * terr.air * terr.casualties;
}

/** Men, tanks and cohesion lost by each side, from the share of men each side lost. */
function engagementResult(
  input: EngagementInput, params: CombatParams, aFrac: number, dFrac: number, ratio: number, attackerWins: boolean,
): EngagementResult {
  const aMen = nonNeg(input.attacker.men);
  const dMen = nonNeg(input.defender.men);
  const attackerLosses = Math.min(aMen, Math.round(aMen * aFrac));
  const defenderLosses = Math.min(dMen, Math.round(dMen * dFrac));

  // Tanks: QJM multiples of the personnel rate; attacker tanks kept back across a river are not hit.
  const aTanks = !input.armourAcross ? 0 : nonNeg(input.attacker.tanks);
  const dTanks = nonNeg(input.defender.tanks);
  const aTankFrac = Math.min(1, aFrac * params.tankLossMultiplier.attacker);
  const dTankFrac = Math.min(1, dFrac * params.tankLossMultiplier.defender);

  const aLossShare = aMen > 0 ? attackerLosses / aMen : 0;
  const dLossShare = dMen > 0 ? defenderLosses / dMen : 0;
  const attackerCohesionLoss = clamp01(params.cohesionPerLoss * aLossShare + (attackerWins ? 0 : params.loser.cohesion));
  const defenderCohesionLoss = clamp01(params.cohesionPerLoss * dLossShare + (attackerWins ? params.loser.cohesion : 0));

  return {
    attackerLosses,
    defenderLosses,
    attackerTankLosses: Math.min(aTanks, Math.round(aTanks * aTankFrac)),
    defenderTankLosses: Math.min(dTanks, Math.round(dTanks * dTankFrac)),
    powerRatio: ratio,
    attackerWins,
    attackerCohesionLoss,
    defenderCohesionLoss,
  };
}

export interface EngagementRunResult {
  attackerLosses: number;
  defenderLosses: number;
  attackerTankLosses: number;
  defenderTankLosses: number;
  /** The attacker won more than half of the turns (a tie goes to the last turn). */
  attackerWins: boolean;
  turns: number;
}

/** Surprise `level` (0-3) after `elapsedDays`: it fades to none over params.surprise.decayDays (QJM), rounded up. */
export function fadedSurprise(level: number, elapsedDays: number, params: CombatParams): 0 | 1 | 2 | 3 {
  const fade = 1 - elapsedDays / params.surprise.decayDays;
  return (fade > 0 ? Math.ceil(level * fade - 1e-9) : 0) as 0 | 1 | 2 | 3;
}

/**
 * Fights a whole engagement of `input.durationDays` as consecutive turns of at most `turnDays`
 * (n = ceil(duration / turnDays) turns of duration / n days each), calling resolveEngagement for
 * each and carrying forward men, tanks and cohesion. A night engagement is a night assault: only
 * the turns in its first params.night.assaultDays are fought in darkness. A river is crossed until
 * the attacker first wins a turn; from then on it fights from its bridgehead (no river factors),
 * still without the tanks that could not cross. Both sides gain fatigue
 * (params.fatigue.perDayAttacking / perDayDefending a day), air sorties are spread evenly over the turns and
 * surprise fades over params.surprise.decayDays. Used by `cassino engage`.
 */
export function resolveInTurns(
  input: EngagementInput, params: CombatParams, rand: Uniform, turnDays = 0.5,
): EngagementRunResult {
  const total = nonNeg(input.durationDays);
  const n = Math.max(1, Math.ceil(total / turnDays - 1e-9));
  const dt = total / n;
  const a: CombatForce = { ...input.attacker };
  const d: CombatForce = { ...input.defender };
  const turn: EngagementInput = { ...input, attacker: a, defender: d, durationDays: dt };
  const aSorties = nonNeg(input.attacker.airSorties) / n;
  const dSorties = nonNeg(input.defender.airSorties) / n;
  a.airSorties = aSorties;
  d.airSorties = dSorties;
  let aLoss = 0, dLoss = 0, aTank = 0, dTank = 0, won = 0, played = 0, last = false;
  let across = false;
  for (let i = 0; i < n; i++) {
    const t = i * dt;
    turn.surprise = fadedSurprise(input.surprise, t, params);
    // A night assault: the turns whose middle falls in the first night.assaultDays are fought in
    // darkness, the rest by day.
    turn.night = input.night && t + dt / 2 < params.night.assaultDays;
    // A river is crossed until the attacker wins a turn (holds a bridgehead on the far bank); its
    // tanks that could not cross stay behind (armourAcross stays as given).
    if (across) turn.river = 'none';
    const r = resolveEngagement(turn, params, rand);
    if (r.attackerWins && turn.river !== 'none') across = true;
    aLoss += r.attackerLosses;
    dLoss += r.defenderLosses;
    aTank += r.attackerTankLosses;
    dTank += r.defenderTankLosses;
    a.men -= r.attackerLosses;
    d.men -= r.defenderLosses;
    a.tanks -= r.attackerTankLosses;
    d.tanks -= r.defenderTankLosses;
    a.cohesion = clamp01(a.cohesion - r.attackerCohesionLoss);
    d.cohesion = clamp01(d.cohesion - r.defenderCohesionLoss);
    a.fatigue = clamp01(a.fatigue + params.fatigue.perDayAttacking * dt);
    d.fatigue = clamp01(d.fatigue + params.fatigue.perDayDefending * dt);
    played++;
    if (r.attackerWins) won++;
    last = r.attackerWins;
    if (a.men <= 0 || d.men <= 0) break;
  }
  return {
    attackerLosses: aLoss,
    defenderLosses: dLoss,
    attackerTankLosses: aTank,
    defenderTankLosses: dTank,
    attackerWins: won * 2 > played || (won * 2 === played && last),
    turns: played,
  };
}
