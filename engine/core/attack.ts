// An assault on a hex: gathers both sides' forces and the conditions from the state and the map,
// asks the combat model for the result, and applies it — losses spread over the units engaged,
// the defender retreating (or captured when it cannot) and the attacker occupying the hex.
import type { EngineContext } from './context.ts';
import type { TerrainType } from './map.ts';
import { type CombatParams, fadedSurprise, oppositionFactor, powerRatio, resolveEngagement, sizeFactor } from './models/combat.ts';
import { bombardmentCasualties } from './models/fire.ts';
import type { CombatForce, DefenderPosture, EngagementInput, EngagementResult } from './models/combat-types.ts';
import { fordableNow, isBridged, keptOut, moveMode, terrainAt } from './models/movement-rules.ts';
import { occupancy } from './models/occupancy.ts';
import { isObserved } from './models/observation.ts';
import { keyedUniform } from './rng.ts';
import { unitsInHex } from './hex-index.ts';
import { controlOf, setControl, sideChar } from './control.ts';
import { isNightTurn, seasonOf } from './time.ts';
import { type GameState, type LogEvent, type Side, type UnitState, enemyIndex, enemyOf } from './types.ts';
import { hexDistance, hexLabel } from './map.ts';
import { unitDivision, unitFormations } from './scenario.ts';
import { openToFire } from './fire-limits.ts';

const ARMOUR = new Set(['armour', 'tank-destroyer', 'assault-gun']);

/** Entrenchment level to the defender posture of the combat model. */
export function postureOf(entrenchment: number): DefenderPosture {
  return entrenchment >= 3 ? 'FD' : entrenchment === 2 ? 'PD' : 'HD';
}

export { unitsInHex };

/** Artillery of `side` in range of hex `target` that can still fire this turn. */
export function artilleryInRange(ctx: EngineContext, state: GameState, side: Side, target: number, maxMissions = 2): UnitState[] {
  const range = ctx.params.fire.maxFireRange.value;
  const out: UnitState[] = [];
  for (const id in state.units) {
    const u = state.units[id];
    if (u.side !== side || u.status !== 'active' || u.hex < 0 || u.guns <= 0 || u.fired >= maxMissions) continue;
    if (ctx.scenario.unitById[id].type !== 'artillery') continue;
    if (hexDistance(ctx.map, u.hex, target) <= range) out.push(u);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * The guns of `side` that answer an assault on `defenders` in hex `target`: those in range with a
 * mission left, less (when the parameter says so) divisional artillery of another division.
 */
export function answeringArtillery(ctx: EngineContext, state: GameState, side: Side, target: number, defenders: UnitState[]): UnitState[] {
  const answers = answersFor(ctx, defenders);
  const missions = ctx.params.fire.answeringUsesMission.value ? 2 : Infinity;
  return artilleryInRange(ctx, state, side, target, missions).filter((a) => answers(a.id));
}

/** Whether a battery answers assaults on `defenders` (see fire.divisionalGunsAnswer), by battery id. */
export function answersFor(ctx: EngineContext, defenders: UnitState[]): (artilleryId: string) => boolean {
  if (ctx.params.fire.divisionalGunsAnswer.value === 'any') return () => true;
  const s = ctx.scenario;
  const held = new Set<string>();
  for (const d of defenders) for (const f of unitFormations(s, d.id)) held.add(f);
  return (id) => {
    const division = unitDivision(s, id);
    return !division || s.formationById[division].level !== 'division' || held.has(division);
  };
}

function weighted(units: UnitState[], f: (u: UnitState) => number): number {
  let men = 0;
  let acc = 0;
  for (const u of units) { men += u.men; acc += u.men * f(u); }
  return men > 0 ? acc / men : 0;
}

function force(ctx: EngineContext, units: UnitState[], tanksAvailable: boolean, guns: number, airSorties: number): CombatForce {
  let men = 0;
  let tanks = 0;
  for (const u of units) {
    men += u.men;
    if (tanksAvailable || !ARMOUR.has(ctx.scenario.unitById[u.id].type)) tanks += u.tanks;
  }
  return {
    men, tanks, artillery: guns, airSorties,
    cohesion: weighted(units, (u) => u.cohesion / 100),
    fatigue: weighted(units, (u) => u.fatigue / 100),
    supply: weighted(units, (u) => u.supply / 100),
    quality: weighted(units, (u) => ctx.scenario.unitById[u.id].quality),
  };
}

/** The river the attackers must cross (by the majority of attacking men) and whether armour can. */
function riverBetween(ctx: EngineContext, state: GameState, attackers: UnitState[], target: number) {
  let crossing = 0;
  let total = 0;
  let fordable = true;
  let bridged = true;
  for (const u of attackers) {
    total += u.men;
    for (let d = 0; d < 6; d++) {
      if (ctx.map.neighbours[u.hex * 6 + d] !== target) continue;
      const r = ctx.map.river[u.hex * 6 + d];
      if (!r) continue;
      crossing += u.men;
      if (!fordableNow(ctx.map, state, r)) fordable = false;
      if (!isBridged(ctx.map, state, u.hex, d)) bridged = false;
    }
  }
  if (crossing * 2 <= total) return { river: 'none' as const, armourAcross: true };
  return { river: fordable ? ('fordable' as const) : ('unfordable' as const), armourAcross: bridged };
}

/**
 * The surprise the attackers' assault orders planned for (the highest among them), faded since
 * the order was given: surprise comes from the plan (a route thought impassable, a deception),
 * never from the dice.
 */
function plannedSurprise(ctx: EngineContext, state: GameState, attackers: UnitState[]): 0 | 1 | 2 | 3 {
  let level: 0 | 1 | 2 | 3 = 0;
  for (const u of attackers) {
    const m = state.missions[u.id];
    if (m?.kind !== 'assault' || !m.surprise) continue;
    const faded = fadedSurprise(m.surprise.level, (state.time - m.surprise.from) / 1440, ctx.params.combat);
    if (faded > level) level = faded;
  }
  return level;
}

export function buildEngagement(
  ctx: EngineContext, state: GameState, attackers: UnitState[], defenders: UnitState[], target: number,
  attackGuns: number, defenceGuns: number,
): EngagementInput {
  const side = attackers[0].side;
  const { river, armourAcross } = riverBetween(ctx, state, attackers, target);
  const terrain: TerrainType = terrainAt(ctx.map, state, target);
  const w = state.weather;
  const airSup = !w.air || ctx.scenario.airSuperiority === 'none' ? 0 : ctx.scenario.airSuperiority === side ? 1 : -1;
  const defSide = defenders[0].side;
  const observed = attackers.some((u) => isObserved(state, defSide, u.hex)) && w.visibility >= ctx.params.observation.minVisibilityPercent.value;
  const entrenchment = Math.max(...defenders.map((u) => u.entrenchment));
  return {
    attacker: force(ctx, attackers, armourAcross, attackGuns, 0),
    defender: force(ctx, defenders, true, defenceGuns, 0),
    defenderPosture: postureOf(entrenchment),
    terrain,
    weather: engagementWeather(w),
    season: seasonOf(state.time),
    river,
    armourAcross,
    night: isNightTurn(state.time),
    airSuperiority: airSup as -1 | 0 | 1,
    surprise: plannedSurprise(ctx, state, attackers),
    attackerObserved: observed,
    // Prepared or fortified positions on this front are the static line (combat.json staticLine):
    // a continuous front with neighbours beside them and the way back planned and covered.
    staticLine: entrenchment >= 2,
    durationDays: 0.5,
    frontKm: frontKmOf(ctx, attackers),
  };
}

/** The combat model's weather classes for the turn's weather. */
export function engagementWeather(w: GameState['weather']): EngagementInput['weather'] {
  return {
    moisture: w.ground === 'dry' || w.ground === 'frozen' ? 'dry' : 'wet',
    precipitation: w.condition === 'heavy-rain' ? 'heavy' : w.condition === 'light-rain' || w.condition === 'snow' ? 'light' : 'none',
    temperature: w.temperature,
  };
}

/** An assault's width of front: 250 m (a hex) for each hex its units attack from. */
function frontKmOf(ctx: EngineContext, attackers: UnitState[]): number {
  return (ctx.map.data.grid.hexSizeM / 1000) * new Set(attackers.map((u) => u.hex)).size;
}

/** Splits `total` over units in proportion to `weight`, by largest remainder, capped at each weight. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const t = Math.min(total, sum);
  const raw = weights.map((w) => (t * w) / sum);
  const out = raw.map(Math.floor);
  let left = t - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    if (out[i] < weights[i]) { out[i]++; left--; }
  }
  return out;
}

/** Records men lost by a (draft) unit, destroying it when nobody is left. */
export function inflictLoss(state: GameState, u: UnitState, men: number): number {
  const lost = Math.min(u.men, Math.max(0, men));
  if (lost === 0) return 0;
  u.men -= lost;
  state.losses[u.id] = (state.losses[u.id] ?? 0) + lost;
  if (u.men === 0) {
    u.status = 'destroyed';
    u.hex = -1;
  }
  return lost;
}

/** The hex a beaten defender falls back to: away from the attackers, never into enemy hexes. */
function retreatHex(ctx: EngineContext, state: GameState, u: UnitState, attackerHexes: number[]): number {
  const occ = occupancy(ctx.map, state);
  const enemy = enemyIndex(u.side);
  const own = sideChar(u.side);
  const theirs = sideChar(enemyOf(u.side));
  const mode = moveMode(ctx.scenario.unitById[u.id].type);
  let best = -1;
  let bestScore = -Infinity;
  for (let d = 0; d < 6; d++) {
    const n = ctx.map.neighbours[u.hex * 6 + d];
    if (n < 0 || occ.side[n] === enemy || attackerHexes.includes(n)) continue;
    const t = terrainAt(ctx.map, state, n);
    if (t === 'sea' || keptOut(state, u.side, n)) continue;
    const r = ctx.map.river[u.hex * 6 + d];
    const bridged = r > 0 && isBridged(ctx.map, state, u.hex, d);
    // A beaten unit falls back through its own or open ground, never across a river it cannot ford.
    if (r && !bridged && (mode === 'vehicle' || !fordableNow(ctx.map, state, r))) continue;
    if (controlOf(state, n) === theirs) continue;
    const away = Math.min(...attackerHexes.map((a) => hexDistance(ctx.map, a, n)));
    let score = away * 10 + (controlOf(state, n) === own ? 5 : 0) - (r ? 2 : 0);
    if (occ.men[n] + u.men > ctx.params.movement.stackLimitMen.value) score -= 8;
    if (score > bestScore) { bestScore = score; best = n; }
  }
  return best;
}

export interface AttackOutcome { result: EngagementResult; event: LogEvent }

/**
 * An assault being applied. Look-ups read `base`, the frozen state the attack starts from
 * (reading a draft is slow); changes go to `state`, the draft, whose units are `attackers` and
 * `defenders`. `losses` gathers the men each unit lost in it.
 */
interface Assault {
  ctx: EngineContext; state: GameState; base: GameState; target: number; seq: number;
  attackers: UnitState[]; defenders: UnitState[]; losses: Record<string, number>;
}

/** What an assault will be fought with, before any die is cast: the forces, the guns on each side and the odds. */
export interface AssaultSetup {
  attackers: UnitState[];
  defenders: UnitState[];
  /** Guns firing for the attack (the batteries named) and for the defence (those that answer). */
  guns: { attack: number; defence: number };
  /** The defender's batteries that answer the assault. */
  answering: string[];
  /** For each attacker, whether the answering guns may fire on it (not danger close: fire-limits.ts openToFire). */
  underFire: boolean[];
  input: EngagementInput;
  /** The combat model's power ratio, attacker over defender: the figure the result reports. */
  ratio: number;
}

/**
 * Gathers an assault from a (frozen) state: the one place that does, for the reducer's
 * resolveAttack and for previewAssault, so a preview's odds are the result's odds.
 */
export function assaultSetup(ctx: EngineContext, base: GameState, attackerIds: string[], target: number, artilleryIds: string[]): AssaultSetup {
  const attackers = attackerIds.map((id) => base.units[id]);
  const defenders = unitsInHex(base, target);
  let attack = 0;
  for (const id of artilleryIds) attack += base.units[id].guns;
  // The answering guns weigh in the defence as far as they can fire on the attackers: not at all on
  // men who close with the defenders on one crest, where the shorts would fall among their own.
  const underFire = openToFire(ctx, base, defenders[0].side, attackers);
  let men = 0;
  let open = 0;
  attackers.forEach((x, i) => { men += x.men; if (underFire[i]) open += x.men; });
  const share = men > 0 ? open / men : 1;
  const answering = share > 0 ? answeringArtillery(ctx, base, defenders[0].side, target, defenders) : [];
  let defence = answering.reduce((sum, g) => sum + g.guns, 0) * share;
  // Guns beyond what the front holds fire on ground already struck (fire.json gunsPerKmFront; 0: no limit).
  const most = ctx.params.fire.gunsPerKmFront.value * frontKmOf(ctx, attackers);
  // The limit bounds the guns' weight in the odds; with gunsPerKmFrontLimitsFire it bounds their
  // casualties too, else the guns beyond it still hit the men on the approaches behind the front.
  let pa = attack, pd = defence;
  if (most > 0) { pa = Math.min(attack, most); pd = Math.min(defence, most); }
  if (ctx.params.fire.gunsPerKmFrontLimitsFire.value) { attack = pa; defence = pd; }
  const input = buildEngagement(ctx, base, attackers, defenders, target, pa, pd);
  return {
    attackers, defenders, guns: { attack, defence }, answering: answering.map((g) => g.id), underFire, input,
    ratio: powerRatio(input, ctx.params.combat),
  };
}

/**
 * Resolves an assault on a (draft) state. The caller has validated the action; this applies the
 * result. `seq` keys the random draws of this attack.
 */
export function resolveAttack(
  ctx: EngineContext, state: GameState, attackerIds: string[], target: number, artilleryIds: string[],
  base: GameState = state,
): AttackOutcome {
  // Only the units involved are touched.
  const setup = assaultSetup(ctx, base, attackerIds, target, artilleryIds);
  const { attackers: attackersBase, defenders: defendersBase, guns, input } = setup;
  for (const id of [...artilleryIds, ...(ctx.params.fire.answeringUsesMission.value ? setup.answering : [])]) state.units[id].fired++;
  const a: Assault = {
    ctx, state, base, target, seq: state.attackSeq++, losses: {},
    attackers: attackersBase.map((x) => state.units[x.id]),
    defenders: defendersBase.map((x) => state.units[x.id]),
  };
  const u = keyedUniform(state.rng, 'combat', `t${state.turn}/h${target}/n${a.seq}`);
  const result = resolveEngagement(input, ctx.params.combat, u);
  spread(a, a.attackers, result.attackerLosses, result.attackerTankLosses);
  spread(a, a.defenders, result.defenderLosses, result.defenderTankLosses);
  const inFight = [lossesOf(a, a.attackers), lossesOf(a, a.defenders)];
  assaultFire(a, input, result, guns, setup.underFire);
  const toFire = [lossesOf(a, a.attackers) - inFight[0], lossesOf(a, a.defenders) - inFight[1]];
  spendForces(a, result);
  const survivors = a.defenders.filter((d) => d.status !== 'destroyed');
  const side = attackersBase[0].side;
  const groundedText = markRepulsed(a, result);
  let text: string;
  if (result.attackerWins || survivors.length === 0) {
    const captured = fallBack(a, survivors);
    moveIn(a);
    setControl(state, target, sideChar(side));
    text = `${side} attack on ${hexLabel(ctx.map, target)} succeeds (ratio ${result.powerRatio.toFixed(2)})`
      + (captured.length ? `; ${captured.join(', ')} cut off and captured` : '');
  } else {
    text = `${side} attack on ${hexLabel(ctx.map, target)} fails (ratio ${result.powerRatio.toFixed(2)})${groundedText}`;
  }
  const event: LogEvent = {
    turn: state.turn, at: '', kind: 'combat', side, hex: target, text,
    units: [...attackerIds, ...a.defenders.map((d) => d.id)], losses: a.losses,
    data: {
      attackerLosses: lossesOf(a, a.attackers),
      defenderLosses: lossesOf(a, a.defenders),
      attackerLossesToFire: toFire[0],
      defenderLossesToFire: toFire[1],
      ratio: Math.round(result.powerRatio * 1000) / 1000,
      attackMen: input.attacker.men, defenceMen: input.defender.men,
      attackHexes: new Set(attackersBase.map((x) => x.hex)).size,
      attackGuns: guns.attack, defenceGuns: guns.defence,
      won: result.attackerWins,
      river: input.river,
      night: input.night,
      defencePosture: input.defenderPosture,
    },
  };
  return { result, event };
}

/** Takes `men` and `tanks` from `units` in proportion to `weights` (their men unless given), noting what each lost. */
function spread(a: Assault, units: UnitState[], men: number, tanks: number, weights = units.map((x) => x.men)): void {
  const share = apportion(Math.round(men), weights);
  units.forEach((x, i) => {
    const lost = inflictLoss(a.state, x, share[i]);
    if (lost) a.losses[x.id] = (a.losses[x.id] ?? 0) + lost;
  });
  const tankShare = apportion(Math.round(tanks), units.map((x) => x.tanks));
  units.forEach((x, i) => { x.tanks = Math.max(0, x.tanks - tankShare[i]); });
}

const lossesOf = (a: Assault, units: UnitState[]): number => units.reduce((sum, x) => sum + (a.losses[x.id] ?? 0), 0);
const menOf = (us: UnitState[]): number => us.reduce((sum, x) => sum + (x.status === 'active' || x.status === 'reserve' ? x.men : 0), 0);

/**
 * The most men an assault may cost its attackers in a turn, fight and answering fire together: the
 * QJM's attacker rate cap, raised for a small force by its size factor as the combat model raises
 * it (combat.json rateCap), over the turn's duration.
 */
function attackerLossCap(c: CombatParams, input: EngagementInput): number {
  const men = input.attacker.men;
  const rate = c.rateCap.attacker * Math.max(1, sizeFactor(c, men) / sizeFactor(c, c.rateCap.referenceMen));
  return Math.round(men * (1 - Math.exp(-rate * input.durationDays)));
}

/**
 * The guns of both sides fire on the men in the open and in the positions: the answering guns on
 * the assaulting infantry (harder where the defender sees the approach), the supporting guns on
 * the defenders (less where they are dug in). Keyed on the fire stream: combat draws stay put.
 */
function assaultFire(a: Assault, input: EngagementInput, result: EngagementResult, guns: { attack: number; defence: number }, underFire: boolean[]): void {
  const { ctx, state, base, target, attackers, defenders } = a;
  const fu = keyedUniform(state.rng, 'fire', `assault/t${state.turn}/h${target}/n${a.seq}`);
  const fp = ctx.params.fire;
  // Crews inside their vehicles are hit only by what lands on them: they take a smaller share.
  const cover = fp.assaultCover.value[terrainAt(ctx.map, base, target)];
  const exposed = attackers.map((x, i) => (underFire[i] ? menOf([x]) * cover * (ARMOUR.has(ctx.scenario.unitById[x.id].type) ? fp.armourExposure.value : 1) : 0));
  // The answering guns hit an attack that is held up longer and harder than one that overruns
  // the position: the QJM opposition factor, relative to even odds, scales their effect too.
  const opposition = (oppositionFactor(ctx.params.combat, result.powerRatio) / oppositionFactor(ctx.params.combat, 1)) ** fp.answeringFireOpposition.value;
  const openMen = menOf(attackers.filter((_, i) => underFire[i]));
  let fired = bombardmentCasualties(fp, guns.defence * fp.assaultExposure.value * opposition, openMen, 0, input.attackerObserved, fu);
  if (fp.answeringFireCap.value) fired = Math.min(fired, Math.max(0, attackerLossCap(ctx.params.combat, input) - lossesOf(a, attackers)));
  spread(a, attackers, openMen > 0 ? fired * exposed.reduce((x, y) => x + y, 0) / openMen : 0, 0, exposed);
  const seenByAttacker = isObserved(base, attackers[0].side, target);
  const dugIn = Math.max(...defenders.map((x) => base.units[x.id].entrenchment));
  spread(a, defenders, bombardmentCasualties(fp, guns.attack, menOf(defenders), dugIn, seenByAttacker, fu), 0);
}

/**
 * An assault thrown back at hopeless odds (below combat.json hopelessOdds.ratio) leaves its units
 * repulsed from the hex: they go to ground and do not assault it again at such odds until new
 * fire or fresh troops raise them, or a new order comes (repulse.ts). A won assault clears it.
 * Returns the words the log adds.
 */
function markRepulsed(a: Assault, result: EngagementResult): string {
  const live = a.attackers.filter((x) => x.status === 'active');
  if (result.attackerWins) {
    for (const x of live) if (x.repulsed) delete x.repulsed;
    return '';
  }
  if (!(result.powerRatio < a.ctx.params.combat.hopelessOdds.ratio) || live.length === 0) return '';
  const ratio = Math.round(result.powerRatio * 1000) / 1000;
  for (const x of live) x.repulsed = { hex: a.target, turn: a.state.turn, ratio };
  return `; at odds below ${a.ctx.params.combat.hopelessOdds.ratio} the attackers go to ground`;
}

/** Both sides' cohesion after the fight, and the attackers spent for the turn. */
function spendForces(a: Assault, result: EngagementResult): void {
  const cut = (units: UnitState[], loss: number) => units.forEach((x) => {
    x.cohesion = Math.max(0, Math.round(x.cohesion - 100 * loss));
  });
  cut(a.attackers, result.attackerCohesionLoss);
  cut(a.defenders, result.defenderCohesionLoss);
  for (const x of a.attackers) { x.attacked = true; x.mp = 0; x.posture = 'attack'; x.turnsInPlace = 0; }
}

/** The beaten defenders' survivors fall back, or are captured when they cannot; returns the captured. */
function fallBack(a: Assault, survivors: UnitState[]): string[] {
  const attackerHexes = [...new Set(a.attackers.map((x) => x.hex))];
  const captured: string[] = [];
  for (const d of survivors) {
    const to = retreatHex(a.ctx, a.base, a.base.units[d.id], attackerHexes);
    if (to < 0) {
      captured.push(d.id);
      const lost = inflictLoss(a.state, d, d.men);
      a.losses[d.id] = (a.losses[d.id] ?? 0) + lost;
    } else {
      d.hex = to;
      d.entrenchment = 0;
      d.turnsInPlace = 0;
      d.mp = 0;
    }
  }
  return captured;
}

/** The attackers move into the won hex, up to what it can hold; vehicles only where they can cross. */
function moveIn(a: Assault): void {
  const { ctx, state, target } = a;
  let men = 0;
  for (const x of a.attackers) {
    if (x.status !== 'active') continue;
    if (men + x.men > ctx.params.movement.stackLimitMen.value && men > 0) continue;
    const mode = moveMode(ctx.scenario.unitById[x.id].type);
    const d = ctx.map.neighbours.subarray(x.hex * 6, x.hex * 6 + 6).indexOf(target);
    if (mode === 'vehicle' && d >= 0 && ctx.map.river[x.hex * 6 + d] && !isBridged(ctx.map, state, x.hex, d)) continue;
    x.hex = target;
    x.entrenchment = 0;
    men += x.men;
  }
}
