// The contract between the engine (combat phase, engagement calculator) and the combat model.
// One model, one parameter file (engine/params/combat.json): the scenarios and `cassino engage`
// both call resolveEngagement with these inputs.
import type { TerrainType } from '../map.ts';

/** Defender posture, CDB90/QJM codes: hasty, prepared, fortified defence, delay, withdrawal. */
export type DefenderPosture = 'HD' | 'PD' | 'FD' | 'DL' | 'WD';

export interface CombatForce {
  /** Men engaged (infantry and everything else present). */
  men: number;
  /** Tanks and assault guns that can actually take part (across a river only over a bridge). */
  tanks: number;
  /** Artillery pieces firing in support. */
  artillery: number;
  /** Ground-attack and bomber sorties in support over the engagement. */
  airSorties: number;
  /** 0..1: 1 is a fresh, organised unit. */
  cohesion: number;
  /** 0..1: 0 rested, 1 exhausted. */
  fatigue: number;
  /** 0..1: 1 fully supplied. */
  supply: number;
  /** Combat effectiveness value relative to 1.0 (a named, sourced figure per side or unit). */
  quality: number;
}

export interface CombatWeather {
  moisture: 'dry' | 'wet';
  precipitation: 'none' | 'light' | 'heavy';
  temperature: 'hot' | 'temperate' | 'cold';
}

export type Season = 'winter' | 'spring' | 'summer' | 'autumn';

export interface EngagementInput {
  attacker: CombatForce;
  defender: CombatForce;
  defenderPosture: DefenderPosture;
  /** Ground the defender holds. */
  terrain: TerrainType;
  weather: CombatWeather;
  season: Season;
  /** A river the attacker has to cross to reach the defender. */
  river: 'none' | 'fordable' | 'unfordable';
  /** Whether the attacker's armour can get across that river (a bridge or causeway is in). */
  armourAcross: boolean;
  /** Whether most of the engagement is fought in darkness. */
  night: boolean;
  /** 1 attacker, -1 defender, 0 neither. */
  airSuperiority: -1 | 0 | 1;
  /** 0 none, 1 minor, 2 substantial, 3 complete (by the attacker). */
  surprise: 0 | 1 | 2 | 3;
  /** Whether the defender overlooks the attacker's approach (observed fire). */
  attackerObserved: boolean;
  /**
   * Whether the defender holds a static line: a continuous, prepared front with its neighbours
   * beside it and its way back planned and covered (the German Winter and Gustav Lines, 1943-44).
   * Absent: no.
   */
  staticLine?: boolean;
  /** Active duration in days (a 12-hour turn is 0.5). */
  durationDays: number;
  /** Width of the attacker's front, km, where known. */
  frontKm?: number;
}

export interface EngagementResult {
  attackerLosses: number;
  defenderLosses: number;
  attackerTankLosses: number;
  defenderTankLosses: number;
  /** Combat power ratio attacker / defender after all factors. */
  powerRatio: number;
  /** The attacker gained the objective (the defender gives ground). */
  attackerWins: boolean;
  /** Loss of cohesion on each side, 0..1. */
  attackerCohesionLoss: number;
  defenderCohesionLoss: number;
}

/** A uniform [0,1) source; the caller owns the stream so runs stay reproducible. */
export type Uniform = () => number;
