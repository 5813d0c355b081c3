// The game state and the actions that change it. State is plain JSON: no classes, no Maps, no
// functions, so it serialises, hashes and crosses worker boundaries as it is. Static facts about
// units (names, formations, sources) stay in the scenario; state holds what changes.
import type { RngState } from './rng.ts';
import type { DefenderPosture } from './models/combat-types.ts';

export const SIDES = ['allied', 'german'] as const;
export type Side = (typeof SIDES)[number];
export const otherSide = (s: Side): Side => (s === 'allied' ? 'german' : 'allied');
/** The side's enemy (one name for the side ternary written across the engine). */
export const enemyOf = otherSide;
/** A side's index in SIDES (allied 0, german 1): the layout of per-side arrays and occupancy codes. */
export const sideIndex = (s: Side): 0 | 1 => (s === 'allied' ? 0 : 1);
/** The index of the side's enemy in SIDES. */
export const enemyIndex = (s: Side): 0 | 1 => (s === 'allied' ? 1 : 0);

export const PHASES = ['weather', 'supply', 'orders', 'movement', 'combat', 'recovery'] as const;
export type Phase = (typeof PHASES)[number];

export const UNIT_TYPES = [
  'infantry', 'mountain', 'parachute', 'panzergrenadier', 'goumier', 'cavalry', 'armour',
  'tank-destroyer', 'assault-gun', 'artillery', 'engineer', 'recce', 'headquarters',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const UNIT_SIZES = ['company', 'battalion', 'regiment', 'brigade', 'group', 'division'] as const;
export type UnitSize = (typeof UNIT_SIZES)[number];

/** active: on the map under orders; reserve: on the map, held back until released; offmap: not yet arrived. */
export type UnitStatus = 'active' | 'reserve' | 'offmap' | 'withdrawn' | 'destroyed';

export type Posture = 'attack' | 'defend' | 'move' | 'rest';

export interface UnitState {
  id: string;
  side: Side;
  /** Hex index, or -1 when off the map. */
  hex: number;
  status: UnitStatus;
  men: number;
  guns: number;
  tanks: number;
  posture: Posture;
  /** 0 none, 1 hasty, 2 prepared, 3 fortified. */
  entrenchment: number;
  /** Turns spent in place without moving (preparation of positions). */
  turnsInPlace: number;
  /** Whole percent: 0 rested … 100 exhausted. */
  fatigue: number;
  /** Whole percent: 100 intact … 0 broken. */
  cohesion: number;
  /**
   * Cohesion taken by bombardment this turn (suppression). Most of it comes back at the end of
   * the turn (fire.json suppressionLastingShare says how much stays): it weakens the unit for
   * the assault the fire prepares, not for the weeks after.
   */
  suppressed: number;
  /** Whole percent of full supply reaching the unit this turn. */
  supply: number;
  /** Movement points left this turn (hundredths, integers keep hashes exact). */
  mp: number;
  /** Whether the unit has attacked (or been committed to an attack) this turn. */
  attacked: boolean;
  /** Fire missions an artillery unit has fired this turn. */
  fired: number;
  /**
   * Set when an assault the unit took part in failed at hopeless odds (combat.json hopelessOdds):
   * the hex it was thrown back from, the turn and the power ratio. It does not assault that hex
   * again at such odds until new fire or fresh troops raise them or a new plan or player order is
   * given (actions/attack.ts). Absent otherwise.
   */
  repulsed?: { hex: number; turn: number; ratio: number };
}

export type WeatherCondition = 'clear' | 'overcast' | 'light-rain' | 'heavy-rain' | 'snow';
export type GroundState = 'dry' | 'wet' | 'mud' | 'frozen';

export interface WeatherState {
  condition: WeatherCondition;
  ground: GroundState;
  /** River level relative to normal: 0 normal, 1 high, 2 in flood. */
  riverLevel: number;
  /** Visibility, whole percent of clear-day visibility (smoke, rain, darkness). */
  visibility: number;
  /** Whether air operations are possible this turn. */
  air: boolean;
  temperature: 'hot' | 'temperate' | 'cold';
  /** Whether the condition came from the historical record (true) or the climatology. */
  historical: boolean;
  /** Turns of accumulated wetness of the ground (drives mud and river level). */
  wetness: number;
}

export interface HexChange {
  /** Terrain override, e.g. 'rubble' or 'abbey-ruins' after bombing. */
  terrain?: string;
  /** Bridges built (direction 0..5 of the hexside bridged from this hex). */
  bridges?: number[];
  /** Bridges of the map blown (direction 0..5 of the hexside from this hex; ground changes). */
  blown?: number[];
  /** Fords found or made (ground changes): 1 + index into the map's riverSides of each river side forded from this hex. */
  fords?: number[];
  /** Sown with mines (a ground change): steps into the hex are slower (movement.json minefieldSpeedFactor). */
  mines?: boolean;
  /** Smoke laid this turn (blocks observation). */
  smoke?: boolean;
}

/** A standing order for a unit: what it does until told otherwise. */
/** Surprise an assault was planned to achieve (QJM level 1 minor, 2 substantial, 3 complete), from the time its order was given. */
export interface PlannedSurprise { level: 1 | 2 | 3; from: number }

export interface SideBeliefs {
  enemyDivisionsBelieved: number | null;
  ownDivisions?: number;
  mainEffort?: number | null;
  landingFeared?: boolean;
}

export type Mission = (
  | { kind: 'hold'; hex?: number }
  /**
   * `fireSupport: false`: no artillery may fire for it (e.g. the start line is too close to the objective).
   * `minOdds`: the assault goes in only at these believed odds or better (doctrine AI orders).
   */
  | { kind: 'assault'; objective: number; until?: number; fireSupport?: boolean; minOdds?: number; surprise?: PlannedSurprise }
  | { kind: 'advance'; objective: number }
  | { kind: 'reserve' }
  | { kind: 'support'; target: number }
  | { kind: 'withdraw'; to: number }
  /** Engineers: go to `site` and bridge the river between it and `toward`. */
  | { kind: 'bridge'; site: number; toward: number }
) & {
  /** 'doctrine': given by the doctrine AI, which may re-task the unit; otherwise a plan or player order. */
  by?: 'doctrine';
};

export interface LogEvent {
  turn: number;
  /** Local time of the turn start. */
  at: string;
  kind: string;
  text: string;
  side?: Side;
  hex?: number;
  units?: string[];
  /** Losses in men per unit id (combat, bombardment, air). */
  losses?: Record<string, number>;
  data?: Record<string, number | string | boolean>;
}

export interface GameState {
  schema: 1;
  scenario: { id: string; version: string };
  map: { id: string; version: string };
  turn: number;
  /** Local time (minutes since 1970) of the current turn's start. */
  time: number;
  phase: Phase;
  /** Last turn index to be played (inclusive). */
  lastTurn: number;
  finished: boolean;
  weather: WeatherState;
  units: Record<string, UnitState>;
  /** One string per map row, one character per hex: 'A' Allied, 'G' German, '.' nobody. */
  control: string[];
  /**
   * The control rows as this turn's movement phase began: enemy ground (movement.enemyGround) is
   * measured from the front as it stood then, so that units passing through ground their side
   * took earlier in the phase still count it as enemy ground (one unit cannot carry the next).
   */
  frontAtMove?: string[];
  /** Hexes whose map data changed during play (rubble, ruins, bridges). */
  hexes: Record<string, HexChange>;
  missions: Record<string, Mission>;
  /** Men lost per unit id so far. */
  losses: Record<string, number>;
  /** Men that arrived per unit id (reinforcements, replacements), for conservation checks. */
  arrivals: Record<string, number>;
  /**
   * What each side believes about the other (schedule/intel.ts): the enemy divisions believed
   * present and, once an intelligence item gives them, its own divisions they are weighed against,
   * where the enemy main effort is expected (a hex, or null) and whether a landing is feared. The
   * optional fields are absent until set, so scenarios without them hash as before.
   */
  intel: Record<Side, SideBeliefs>;
  /**
   * Hexes a side may not enter (scheduled `keepOut` items) until an enemy unit comes within
   * `untilEnemyWithin` hexes. Absent until the first such item takes effect, so scenarios
   * without one hash as before.
   */
  keepOut?: KeepOut[];
  /**
   * When each conditional plan item (when / unless) happened: the start of the turn its conditions
   * first held, by item id. Absent until the first one happens, so scenarios without one hash as before.
   */
  planFired?: Record<string, number>;
  /** Side-level flags set by events and decisions (e.g. "german.withdrawal-ordered"). */
  flags: Record<string, string>;
  rng: RngState;
  /** The current turn's log entries (the whole log: fullLog in state-log.ts). */
  log: LogEvent[];
  /** Each earlier turn's log entries, one array per turn (state-log.ts). */
  history: LogEvent[][];
  /** Hash chain: the hash at the end of each completed turn. */
  turnHashes: string[];
  /** Counts attacks this turn, to key each attack's random draws. */
  attackSeq: number;
  /** Hexes observed by each side this turn, one '1'/'0' character per hex (set in the supply phase). */
  observed: Record<Side, string>;
  /** Engineering work in progress, keyed "a-b" by the two hexes of the hexside. */
  works: Record<string, { unit: string; hoursDone: number; hoursNeeded: number }>;
}

export interface KeepOut { side: Side; hexes: number[]; untilEnemyWithin: number; note?: string }

// --- actions --------------------------------------------------------------------------------
// The actions themselves (`Action`, `LoggedAction`) are defined by their schemas in the action
// registry (engine/core/actions/index.ts), made one union in engine/core/actions/union.ts.

/** Who issued an action; kept in the replay log so a run's provenance is visible. */
export type ActionSource = 'plan' | 'ai' | 'player' | 'event';

export type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

export type { DefenderPosture };
