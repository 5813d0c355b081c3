// The scenario format: a zod schema for the file as written, then a semantic pass that resolves
// place references to hexes and checks everything the schema cannot (unknown ids, hexes off the
// map, dates outside the window, a unit in two places, enemy units sharing a hex). Every problem
// is reported with the file, the path inside it and what was expected; none stops at the first.
import { z } from 'zod';
import { onClearCaches } from './caches.ts';
import { DataError, type DataIssue, zodIssues } from './data-error.ts';
import { type Condition, type OutcomeCheck, conditionSchema, regionMask, regionSchema } from './outcome-checks.ts';
import { type ConditionEnv, compileCondition } from './conditions.ts';
import { axialAdd, axialLine } from './hex.ts';
import { nearestUnitFront, sideChar } from './control.ts';
import { type MapIndex, type TerrainType, axialHex, hexAxial, hexIndex } from './map.ts';
import { SIDES, type Side, UNIT_SIZES, UNIT_TYPES, type UnitSize, type UnitType, type WeatherCondition, type GroundState } from './types.ts';
import { count, date as isoDate, entrenchment, guns, hexRef, id, men, percent, quality, side, tanks, turnTime } from './schema-parts.ts';
import type { ItemConditions } from './schedule/kind.ts';
import { KIND_OF, type ScheduleEntry, type ScheduleLoad, type ScheduledItem, scheduleSchema } from './schedule/union.ts';
import { toMinutes, TURN_MINUTES } from './time.ts';

export { scheduleSchema, type ScheduleEntry, type ScheduledItem };

export const formationSchema = z.strictObject({
  id,
  name: z.string().min(1),
  side,
  level: z.enum(['side', 'army-group', 'army', 'corps', 'division', 'brigade', 'regiment', 'group']),
  parent: id.optional(),
  commander: z.string().optional(),
  source: z.string().optional(),
});

export const unitSchema = z.strictObject({
  id,
  name: z.string().min(1),
  side,
  formation: id,
  nation: z.string().min(2),
  type: z.enum(UNIT_TYPES),
  size: z.enum(UNIT_SIZES),
  men,
  guns: guns.optional(),
  tanks: tanks.optional(),
  /** Combat effectiveness value relative to 1.0 (named source required when not 1). */
  quality: quality.optional(),
  at: hexRef.nullable(),
  status: z.enum(['active', 'reserve', 'offmap']).optional(),
  entrenchment: entrenchment.optional(),
  fatigue: percent.optional(),
  cohesion: percent.optional(),
  source: z.string().min(1, 'expected the source of the unit\'s figures'),
  note: z.string().optional(),
});

/** A unit as defined in an order-of-battle file: everything but where it stands. */
const oobUnitSchema = unitSchema.omit({ at: true, status: true });

/** Where an order-of-battle unit stands at the start of a scenario, and its state then. */
const deploySchema = z.strictObject({
  unit: id,
  at: hexRef.nullable(),
  status: z.enum(['active', 'reserve', 'offmap']).optional(),
  men: men.optional(),
  guns: guns.optional(),
  tanks: tanks.optional(),
  quality: quality.optional(),
  entrenchment: entrenchment.optional(),
  fatigue: percent.optional(),
  cohesion: percent.optional(),
  source: z.string().optional(),
  note: z.string().optional(),
});

export const weatherEntrySchema = z.strictObject({
  from: isoDate,
  to: isoDate,
  /** Left out, the condition of each turn comes from the climatology (the entry sets the rest). */
  condition: z.enum(['clear', 'overcast', 'light-rain', 'heavy-rain', 'snow']).optional(),
  ground: z.enum(['dry', 'wet', 'mud', 'frozen']).optional(),
  riverLevel: count.max(2).optional(),
  temperature: z.enum(['hot', 'temperate', 'cold']).optional(),
  source: z.string().min(1, 'expected the source of the weather entry'),
});

const lossTarget = z.strictObject({
  id: z.string(), battle: z.union([z.number(), z.string(), z.array(z.number())]), who: z.string(),
  from: isoDate, to: isoDate, documented: z.number().positive(), tolerance: z.number().positive(),
  note: z.string().optional(),
  /** Which scenario units count towards the figure: formation ids (any depth) and/or unit ids. */
  formations: z.array(id).optional(),
  units: z.array(id).optional(),
  side: side.optional(),
});
const outcomeTarget = z.strictObject({
  id: z.string(), battle: z.union([z.number(), z.string(), z.array(z.number())]), share: z.number().min(0).max(1),
  holds: z.string(),
  /** The `holds` sentence as conditions a run is checked against (all must hold). */
  check: z.array(conditionSchema).min(1, 'expected at least one condition'),
});

/** What a side's intelligence makes of the enemy it observes (deception what-ifs change it). */
const sideIntelligenceSchema = z.strictObject({
  /** Believed strength of each observed enemy unit = true strength × this factor. */
  enemyStrengthFactor: z.number().positive('expected a factor above 0').max(10, 'expected a factor of at most 10'),
  source: z.string().optional(),
  note: z.string().optional(),
});

/** Ground the doctrine AI of a side reasons about, beyond the objectives. */
const sideDoctrineSchema = z.strictObject({
  /** Key terrain held and counter-attacked at once if lost (the objectives always are). */
  keyTerrain: z.array(hexRef).optional(),
  /** The supply road whose threat makes the side withdraw the positions it serves. */
  lineOfCommunication: z.strictObject({
    /** Waypoints of the road; the hexes on straight lines between them count. */
    route: z.array(hexRef).min(2, 'expected at least two waypoints'),
    /** Positions supplied by the road: units near them withdraw when it is threatened. */
    serves: z.array(hexRef).min(1),
    /** Where the withdrawing units go (each to the nearest). */
    fallBack: z.array(hexRef).min(1),
    /** Flag set when the withdrawal is ordered (its value is the date). */
    flag: z.string().min(1),
    text: z.string().min(1),
    source: z.string().min(1, 'expected the source of the rule'),
  }).optional(),
});

export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  id,
  version: z.string().min(1),
  name: z.string().min(1),
  description: z.string(),
  map: id,
  window: z.strictObject({ start: turnTime('expected a turn start: 06:00 or 18:00', 'a window start'), end: turnTime('expected a turn boundary: 06:00 or 18:00', 'a window end') }),
  defaultSeed: z.string().optional(),
  /** Which side holds air superiority over the sector (QJM air superiority factor). */
  airSuperiority: z.enum(['allied', 'german', 'none']),
  sides: z.strictObject({
    allied: z.strictObject({ name: z.string() }),
    german: z.strictObject({ name: z.string() }),
  }),
  /** Files (paths relative to the scenario) whose contents the scenario takes in. */
  include: z.strictObject({
    oob: z.array(z.string().min(1)).optional(),
    schedule: z.array(z.string().min(1)).optional(),
    weather: z.array(z.string().min(1)).optional(),
  }).optional(),
  formations: z.array(formationSchema).optional(),
  /** Formations placed under another parent for this scenario (e.g. a division lent to a corps). */
  attach: z.array(z.strictObject({ formation: id, parent: id, source: z.string().min(1, 'expected the source of the attachment') })).optional(),
  units: z.array(unitSchema).optional(),
  /** Units of the included order-of-battle files that take part, and where they start. */
  deploy: z.array(deploySchema).optional(),
  control: z.strictObject({
    /** Each hex goes to the side of the nearest unit on the map (ties to `default`). */
    nearestUnit: z.boolean().optional(),
    default: z.enum(['allied', 'german', 'none']),
    allied: z.array(hexRef).optional(),
    german: z.array(hexRef).optional(),
  }),
  /** `reportOnly`: who holds it is reported, but no side's doctrine treats it as an objective (added to the historical arm of a comparison). */
  objectives: z.array(z.strictObject({ id, name: z.string(), hex: hexRef, reportOnly: z.boolean().optional() })),
  /**
   * What happened to the ground before the scenario opens (the abbey bombed on 15 February, the
   * town on 15 March): the hexes start changed as play would have left them.
   */
  ground: z.array(z.strictObject({
    hexes: z.array(hexRef).min(1),
    terrain: z.enum(['rubble', 'abbey-ruins']),
    source: z.string().min(1, 'expected the source of the change'),
  })).optional(),
  supplySources: z.array(z.strictObject({ side, hex: hexRef, name: z.string(), capacity: count.optional() })).min(1),
  weather: z.strictObject({ historical: z.array(weatherEntrySchema) }),
  schedule: z.array(scheduleSchema),
  /** Optional: what each side believes of the enemy (default: observed units at their true strength). */
  intelligence: z.strictObject({ allied: sideIntelligenceSchema.optional(), german: sideIntelligenceSchema.optional() }).optional(),
  /** Optional: key terrain and lines of communication for each side's doctrine AI. */
  doctrine: z.strictObject({ allied: sideDoctrineSchema.optional(), german: sideDoctrineSchema.optional() }).optional(),
  documented: z.strictObject({
    source: z.string(),
    losses: z.array(lossTarget).optional(),
    outcomes: z.array(outcomeTarget).optional(),
    /** Named parts of the map that outcome checks refer to. */
    regions: z.record(z.string(), regionSchema).optional(),
    forces: z.record(z.string(), z.number()).optional(),
  }).optional(),
});

export type ScenarioFile = z.infer<typeof scenarioSchema>;

export const oobFileSchema = z.strictObject({
  about: z.string().optional(),
  source: z.string().min(1, 'expected the sources of the order of battle'),
  formations: z.array(formationSchema),
  units: z.array(oobUnitSchema),
});
export const scheduleFileSchema = z.strictObject({
  about: z.string().optional(),
  source: z.string().optional(),
  schedule: z.array(scheduleSchema),
});
export const weatherFileSchema = z.strictObject({
  about: z.string().optional(),
  source: z.string().optional(),
  historical: z.array(weatherEntrySchema),
});

/** The files a scenario includes, as parsed data, keyed by the path written in the scenario. */
export type Includes = Record<string, unknown>;

/** The include paths of a raw scenario object (for loaders that must fetch them first). */
export function includePaths(obj: unknown): string[] {
  const inc = (obj as { include?: Record<string, unknown> } | null)?.include;
  if (!inc || typeof inc !== 'object') return [];
  const out: string[] = [];
  for (const k of ['oob', 'schedule', 'weather']) {
    const v = inc[k];
    if (Array.isArray(v)) for (const p of v) if (typeof p === 'string') out.push(p);
  }
  return out;
}

// --- resolved scenario ---------------------------------------------------------------------

export interface FormationDef { id: string; name: string; side: Side; level: string; parent?: string; commander?: string }

export interface UnitDef {
  id: string; name: string; side: Side; formation: string; nation: string; type: UnitType; size: UnitSize;
  men: number; guns: number; tanks: number; quality: number;
  /** Hex index at the start, or -1 off the map. */
  hex: number;
  status: 'active' | 'reserve' | 'offmap';
  entrenchment: number; fatigue: number; cohesion: number;
  source: string;
}

export interface HistoricalWeather {
  from: number; to: number; condition?: WeatherCondition; ground?: GroundState; riverLevel?: number;
  temperature?: 'hot' | 'temperate' | 'cold';
}

export interface LineOfCommunication { route: number[]; serves: number[]; fallBack: number[]; flag: string; text: string }
export interface SideDoctrine { keyTerrain: number[]; lineOfCommunication?: LineOfCommunication }

export interface Scenario {
  file: string;
  id: string;
  version: string;
  name: string;
  description: string;
  mapId: string;
  start: number;
  end: number;
  /** Number of 12-hour turns in the window. */
  turns: number;
  defaultSeed: string;
  airSuperiority: Side | 'none';
  sides: Record<Side, { name: string }>;
  formations: FormationDef[];
  formationById: Record<string, FormationDef>;
  units: UnitDef[];
  unitById: Record<string, UnitDef>;
  control: string;
  objectives: Array<{ id: string; name: string; hex: number; reportOnly?: boolean }>;
  /** Hexes changed before the scenario opens (ground), keyed by hex: the state's opening `hexes`. */
  ground: Record<string, { terrain: TerrainType }>;
  supplySources: Array<{ side: Side; hex: number; name: string; capacity: number }>;
  weather: HistoricalWeather[];
  /** Plan orders and events, sorted by time (stable: file order within the same minute). */
  schedule: ScheduledItem[];
  documented: ScenarioFile['documented'];
  /** The documented outcomes' checks, resolved against the map and the order of battle. */
  checks: OutcomeCheck[];
  intelligence: Record<Side, { enemyStrengthFactor: number }>;
  doctrine: Record<Side, SideDoctrine>;
  raw: ScenarioFile;
}

/** What bombing can turn a hex into, from what the map has there (models/fire.ts bombedTerrain). */
const BOMBED_FROM: Record<'rubble' | 'abbey-ruins', TerrainType> = { rubble: 'town', 'abbey-ruins': 'abbey' };

function openingGround(
  map: MapIndex, entries: NonNullable<ScenarioFile['ground']>, hex: (path: string, ref: string) => number,
  add: (path: string, message: string) => void,
): Record<string, { terrain: TerrainType }> {
  const out: Record<string, { terrain: TerrainType }> = {};
  entries.forEach((e, i) => e.hexes.forEach((ref, k) => {
    const h = hex(`ground[${i}].hexes[${k}]`, ref);
    if (h < 0) return;
    if (map.terrain[h] !== BOMBED_FROM[e.terrain]) add(`ground[${i}].hexes[${k}]`, `hex "${ref}" is ${map.terrain[h]} on the map: only ${BOMBED_FROM[e.terrain]} becomes ${e.terrain}`);
    else out[h] = { terrain: e.terrain };
  }));
  return out;
}

/**
 * Resolves "place", "place@dq,dr" (axial offset from a place) or "@col,row" to a hex index.
 * Returns a reason string when it cannot.
 */
export function resolveHexRef(map: MapIndex, ref: string): number | string {
  const raw = /^@(-?\d+),(-?\d+)$/.exec(ref);
  if (raw) {
    const col = +raw[1];
    const row = +raw[2];
    if (col < 0 || row < 0 || col >= map.cols || row >= map.rows) {
      return `hex "${ref}" is off the map (expected columns 0-${map.cols - 1}, rows 0-${map.rows - 1})`;
    }
    return hexIndex(map, col, row);
  }
  const m = /^([a-z0-9][a-z0-9._-]*)(?:@(-?\d+),(-?\d+))?$/.exec(ref);
  if (!m) return `"${ref}" is not a hex reference (expected a place id, "place@dq,dr" or "@col,row")`;
  const base = map.hexOfPlace.get(m[1]);
  if (base === undefined) return `unknown place "${m[1]}" (expected a place of map ${map.data.id})`;
  if (m[2] === undefined) return base;
  const h = axialHex(map, axialAdd(hexAxial(map, base), { q: +m[2], r: +m[3] }));
  return h < 0 ? `hex "${ref}" is off the map` : h;
}

function formationAncestors(f: string, byId: Record<string, FormationDef>): string[] {
  const out: string[] = [];
  let cur: string | undefined = f;
  const seen = new Set<string>();
  while (cur && byId[cur] && !seen.has(cur)) {
    seen.add(cur);
    out.push(cur);
    cur = byId[cur].parent;
  }
  return out;
}

/** Every formation id a unit belongs to, innermost first. */
export function unitFormations(s: Scenario, unitId: string): string[] {
  const u = s.unitById[unitId];
  return u ? formationAncestors(u.formation, s.formationById) : [];
}

let divisions = new WeakMap<Scenario, Map<string, string | undefined>>();
onClearCaches('scenario.divisions', () => { divisions = new WeakMap(); });

/** The division (or the nearest formation of division level or above) of a unit. */
export function unitDivision(s: Scenario, unitId: string): string | undefined {
  // Asked for every unit many times a turn by the doctrine AI: kept per scenario (which never changes).
  let byUnit = divisions.get(s);
  if (!byUnit) divisions.set(s, byUnit = new Map());
  if (byUnit.has(unitId)) return byUnit.get(unitId);
  let division: string | undefined;
  for (const f of unitFormations(s, unitId)) {
    const lvl = s.formationById[f].level;
    if (lvl === 'division' || lvl === 'corps' || lvl === 'army' || lvl === 'side') { division = f; break; }
  }
  byUnit.set(unitId, division);
  return division;
}

/** What the steps of a load share: the file, the map, the problems found so far and how to report them. */
interface Loading {
  sf: ScenarioFile;
  file: string;
  map: MapIndex;
  issues: DataIssue[];
  /** The included file whose entries are being resolved (their problems are reported against it). */
  current?: string;
  add(path: string, message: string, inFile?: string): void;
  /** The hex a reference names, or -1 (reported) when it names none or the sea. */
  hex(path: string, ref: string): number;
}

interface IncludedFiles {
  oob: Array<{ file: string; data: z.infer<typeof oobFileSchema> }>;
  schedule: Array<{ file: string; data: z.infer<typeof scheduleFileSchema> }>;
  weather: Array<{ file: string; data: z.infer<typeof weatherFileSchema> }>;
}

/**
 * Parses, validates and resolves a scenario object. `includes` holds the parsed files the
 * scenario includes (order of battle, schedule, weather), keyed by the paths it names; `dir`
 * is how those paths are shown in messages. Throws DataError listing every problem.
 */
export function loadScenario(obj: unknown, file: string, map: MapIndex, includes: Includes = {}, dir = ''): Scenario {
  const parsed = scenarioSchema.safeParse(obj);
  if (!parsed.success) throw new DataError(file, zodIssues(parsed.error.issues));
  const L = startLoading(parsed.data, file, map);
  const inc = readIncludes(L, includes, dir);
  if (L.issues.length) throw new DataError(file, L.issues);
  const sf = L.sf;
  if (sf.map !== map.data.id) L.add('map', `scenario names map "${sf.map}" but map "${map.data.id}" was given`);
  const start = toMinutes(sf.window.start);
  const end = toMinutes(sf.window.end);
  if (end <= start) L.add('window.end', `expected a time after window.start (${sf.window.start})`);
  const { formationById } = resolveFormations(L, inc);
  const { units, unitById } = resolveUnits(L, unitEntries(L, inc), formationById);
  const unitRefs = unitReferences(L, unitById);
  const control = initialControl(map, sf.control, units, L.hex);
  const objectives = sf.objectives.map((o, i) => ({ id: o.id, name: o.name, hex: L.hex(`objectives[${i}].hex`, o.hex), ...(o.reportOnly ? { reportOnly: true } : {}) }));
  const ground = openingGround(map, sf.ground ?? [], L.hex, L.add);
  const supplySources = sf.supplySources.map((s, i) => ({
    side: s.side, name: s.name, capacity: s.capacity ?? 0, hex: L.hex(`supplySources[${i}].hex`, s.hex),
  }));
  const weather = resolveWeather(L, inc);
  const env = conditionEnv(L, start, end, units, formationById);
  const schedule = resolveSchedule(L, inc, { map, hex: L.hex, unitRefs, add: (p, m) => L.add(p, m) }, env, start, end);
  for (const [i, t] of (sf.documented?.losses ?? []).entries()) {
    (t.formations ?? []).forEach((f, k) => {
      if (!formationById[f]) L.add(`documented.losses[${i}].formations[${k}]`, `unknown formation "${f}"`);
    });
    unitRefs(`documented.losses[${i}].units`, t.units ?? []);
  }
  const checks = compileChecks(sf, env);
  const { intelligence, doctrine } = sideKnowledge(L);
  if (L.issues.length) throw new DataError(file, L.issues);
  return {
    file, id: sf.id, version: sf.version, name: sf.name, description: sf.description, mapId: sf.map,
    start, end, turns: Math.round((end - start) / TURN_MINUTES), defaultSeed: sf.defaultSeed ?? '1',
    airSuperiority: sf.airSuperiority,
    sides: sf.sides, formations: Object.values(formationById), formationById, units, unitById, control,
    objectives, ground, supplySources, weather, schedule, documented: sf.documented, checks, intelligence, doctrine, raw: sf,
  };
}

function startLoading(sf: ScenarioFile, file: string, map: MapIndex): Loading {
  const L: Loading = {
    sf, file, map, issues: [],
    add(path, message, inFile) {
      const f = inFile ?? L.current;
      L.issues.push({ ...(f ? { file: f } : {}), path, message });
    },
    hex(path, ref) {
      const r = resolveHexRef(map, ref);
      if (typeof r === 'string') {
        L.add(path, r);
        return -1;
      }
      if (map.terrain[r] === 'sea') L.add(path, `hex "${ref}" is sea`);
      return r;
    },
  };
  return L;
}

/** Takes in the included files, each validated on its own and reported under its own name. */
function readIncludes(L: Loading, includes: Includes, dir: string): IncludedFiles {
  const shown = (rel: string) => (dir ? `${dir}/${rel}` : rel);
  const included = <T>(kind: 'oob' | 'schedule' | 'weather', schema: z.ZodType<T>): Array<{ file: string; data: T }> => {
    const out: Array<{ file: string; data: T }> = [];
    (L.sf.include?.[kind] ?? []).forEach((rel, i) => {
      const raw = includes[rel];
      if (raw === undefined) { L.add(`include.${kind}[${i}]`, `included file "${rel}" was not found`); return; }
      const r = schema.safeParse(raw);
      if (!r.success) { L.issues.push(...zodIssues(r.error.issues, shown(rel))); return; }
      out.push({ file: shown(rel), data: r.data });
    });
    return out;
  };
  return { oob: included('oob', oobFileSchema), schedule: included('schedule', scheduleFileSchema), weather: included('weather', weatherFileSchema) };
}

type FormationEntry = { f: z.infer<typeof formationSchema>; path: string; file?: string };

/** Formations: those of the included order-of-battle files, then the scenario's own, with the attachments. */
function resolveFormations(L: Loading, inc: IncludedFiles): { formationById: Record<string, FormationDef>; formationEntries: FormationEntry[] } {
  const formationById: Record<string, FormationDef> = {};
  const formationEntries: FormationEntry[] = [];
  for (const o of inc.oob) o.data.formations.forEach((f, i) => formationEntries.push({ f, path: `formations[${i}]`, file: o.file }));
  (L.sf.formations ?? []).forEach((f, i) => formationEntries.push({ f, path: `formations[${i}]` }));
  for (const { f, path, file: inFile } of formationEntries) {
    if (formationById[f.id]) L.add(`${path}.id`, `duplicate formation id "${f.id}"`, inFile);
    formationById[f.id] = { id: f.id, name: f.name, side: f.side, level: f.level, parent: f.parent, commander: f.commander };
  }
  (L.sf.attach ?? []).forEach((a, i) => {
    const f = formationById[a.formation];
    const p = formationById[a.parent];
    if (!f) L.add(`attach[${i}].formation`, `unknown formation "${a.formation}"`);
    else if (!p) L.add(`attach[${i}].parent`, `unknown formation "${a.parent}"`);
    else if (p.side !== f.side) L.add(`attach[${i}].parent`, `formation "${a.parent}" is on the ${p.side} side, not ${f.side}`);
    else {
      f.parent = a.parent;
      const entry = formationEntries.find((e) => e.f.id === a.formation);
      if (entry) entry.f = { ...entry.f, parent: a.parent };
    }
  });
  checkFormationParents(L, formationEntries, formationById);
  return { formationById, formationEntries };
}

function checkFormationParents(L: Loading, formationEntries: FormationEntry[], formationById: Record<string, FormationDef>): void {
  for (const { f, path, file: inFile } of formationEntries) {
    if (!f.parent) continue;
    const p = formationById[f.parent];
    if (!p) L.add(`${path}.parent`, `unknown formation "${f.parent}"`, inFile);
    else if (p.side !== f.side) L.add(`${path}.parent`, `formation "${f.parent}" is on the ${p.side} side, not ${f.side}`, inFile);
    let cur: string | undefined = f.parent;
    for (let k = 0; cur && k <= formationEntries.length; k++) {
      if (cur === f.id) { L.add(`${path}.parent`, `formation "${f.id}" is its own ancestor`, inFile); break; }
      cur = formationById[cur]?.parent;
    }
  }
}

type UnitIn = z.infer<typeof unitSchema>;
type UnitEntry = { u: UnitIn; path: string; file?: string; atPath: string };

/** Units: the scenario's own, then the order-of-battle units it deploys (with their state at that date). */
function unitEntries(L: Loading, inc: IncludedFiles): UnitEntry[] {
  const entries: UnitEntry[] = [];
  (L.sf.units ?? []).forEach((u, i) => entries.push({ u, path: `units[${i}]`, atPath: `units[${i}].at` }));
  const oobUnit = new Map<string, { u: z.infer<typeof oobUnitSchema>; file: string; path: string }>();
  for (const o of inc.oob) o.data.units.forEach((u, i) => {
    const prev = oobUnit.get(u.id);
    if (prev) L.add(`units[${i}].id`, `unit "${u.id}" is also defined in ${prev.file} (${prev.path})`, o.file);
    else oobUnit.set(u.id, { u, file: o.file, path: `units[${i}]` });
  });
  (L.sf.deploy ?? []).forEach((d, i) => {
    const def = oobUnit.get(d.unit);
    if (!def) { L.add(`deploy[${i}].unit`, `unknown unit "${d.unit}" (not in the included order-of-battle files)`); return; }
    const u: UnitIn = {
      ...def.u, at: d.at, status: d.status,
      men: d.men ?? def.u.men, guns: d.guns ?? def.u.guns, tanks: d.tanks ?? def.u.tanks, quality: d.quality ?? def.u.quality,
      entrenchment: d.entrenchment ?? def.u.entrenchment, fatigue: d.fatigue ?? def.u.fatigue, cohesion: d.cohesion ?? def.u.cohesion,
      source: d.source ? `${def.u.source}; at this date: ${d.source}` : def.u.source,
    };
    entries.push({ u, path: `deploy[${i}]`, atPath: `deploy[${i}].at` });
  });
  if (entries.length === 0) L.add('units', 'expected at least one unit (in "units" or deployed from an order-of-battle file)');
  return entries;
}

/** Each unit once, in one place, in a formation of its side, no two enemies in one hex. */
function resolveUnits(L: Loading, entries: UnitEntry[], formationById: Record<string, FormationDef>): { units: UnitDef[]; unitById: Record<string, UnitDef> } {
  const unitById: Record<string, UnitDef> = {};
  const units: UnitDef[] = [];
  const occupant = new Map<number, { side: Side; id: string }>();
  for (const { u, path: p, atPath } of entries) {
    if (unitById[u.id]) L.add(p.startsWith('deploy') ? `${p}.unit` : `${p}.id`, `unit "${u.id}" is defined twice (a unit can be in one place only)`);
    const f = formationById[u.formation];
    if (!f) L.add(`${p}.formation`, `unknown formation "${u.formation}"`);
    else if (f.side !== u.side) L.add(`${p}.formation`, `formation "${u.formation}" is on the ${f.side} side, not ${u.side}`);
    const status = u.status ?? (u.at === null ? 'offmap' : 'active');
    let h = -1;
    if (u.at !== null) h = L.hex(atPath, u.at);
    else if (status !== 'offmap') L.add(atPath, 'expected a hex for a unit that starts on the map (or status "offmap")');
    if (status === 'offmap' && u.at !== null) L.add(`${p}.status`, 'an off-map unit has "at": null');
    if (h >= 0) {
      const o = occupant.get(h);
      if (o && o.side !== u.side) L.add(atPath, `hex "${u.at}" already holds enemy unit "${o.id}"`);
      else if (!o) occupant.set(h, { side: u.side, id: u.id });
    }
    const def: UnitDef = {
      id: u.id, name: u.name, side: u.side, formation: u.formation, nation: u.nation, type: u.type, size: u.size,
      men: u.men, guns: u.guns ?? 0, tanks: u.tanks ?? 0, quality: u.quality ?? 1, hex: h, status,
      entrenchment: u.entrenchment ?? 0, fatigue: u.fatigue ?? 0, cohesion: u.cohesion ?? 100, source: u.source,
    };
    if (!unitById[u.id]) {
      unitById[u.id] = def;
      units.push(def);
    }
  }
  return { units, unitById };
}

/** Reports unknown units in a list (and units of another side than `side`). */
function unitReferences(L: Loading, unitById: Record<string, UnitDef>): ScheduleLoad['unitRefs'] {
  return (path, ids, side) => ids.forEach((uid, k) => {
    const u = unitById[uid];
    if (!u) L.add(`${path}[${k}]`, `unknown unit "${uid}"`);
    else if (side && u.side !== side) L.add(`${path}[${k}]`, `unit "${uid}" is ${u.side}, not ${side}`);
  });
}

function resolveWeather(L: Loading, inc: IncludedFiles): HistoricalWeather[] {
  const weatherEntries: Array<{ w: z.infer<typeof weatherEntrySchema>; path: string; file?: string }> = [];
  for (const wf of inc.weather) wf.data.historical.forEach((w, i) => weatherEntries.push({ w, path: `historical[${i}]`, file: wf.file }));
  L.sf.weather.historical.forEach((w, i) => weatherEntries.push({ w, path: `weather.historical[${i}]` }));
  return weatherEntries.map(({ w, path, file: inFile }) => {
    const from = toMinutes(w.from);
    // A date-only "to" covers the whole of that day.
    const to = toMinutes(w.to) + (w.to.length === 10 ? 1440 : 0);
    if (to <= from) L.add(`${path}.to`, 'expected a date after "from"', inFile);
    return { from, to, condition: w.condition, ground: w.ground, riverLevel: w.riverLevel, temperature: w.temperature };
  });
}

/**
 * The plan orders and events of the included schedules and the scenario, each resolved by its
 * kind (schedule/union.ts), sorted by time (stable: file order within the same minute).
 */
function resolveSchedule(L: Loading, inc: IncludedFiles, load: ScheduleLoad, env: ConditionEnv, start: number, end: number): ScheduledItem[] {
  const sf = L.sf;
  const entries: Array<{ e: ScheduleEntry; path: string; file?: string }> = [];
  for (const f of inc.schedule) f.data.schedule.forEach((e, i) => entries.push({ e, path: `schedule[${i}]`, file: f.file }));
  sf.schedule.forEach((e, i) => entries.push({ e, path: `schedule[${i}]` }));
  const schedule = entries.map(({ e, path: p, file: inFile }): ScheduledItem => {
    L.current = inFile;
    const at = toMinutes(e.at);
    if (at < start || at >= end) L.add(`${p}.at`, `${e.at} is outside the scenario window (${sf.window.start} to ${sf.window.end})`);
    const item = KIND_OF[e.kind].resolve(e, at, load, p);
    if (e.when || e.unless) item.cond = itemConditions(L, env, e, p, end);
    return item;
  });
  L.current = undefined;
  const itemIds = new Map<string, string>();
  for (const { e, path: p, file: inFile } of entries) {
    if (e.id === undefined) continue;
    const where = `${inFile ?? L.file}: ${p}`;
    const prev = itemIds.get(e.id);
    if (prev) L.add(`${p}.id`, `duplicate schedule item id "${e.id}" (also at ${prev})`, inFile);
    else itemIds.set(e.id, where);
  }
  const order = schedule.map((_, i) => i);
  order.sort((a, b) => schedule[a].at - schedule[b].at || a - b);
  return order.map((i) => schedule[i]);
}

/** Each side's intelligence factor and the ground its doctrine AI reasons about. */
function sideKnowledge(L: Loading): { intelligence: Scenario['intelligence']; doctrine: Scenario['doctrine'] } {
  const intelligence = {} as Scenario['intelligence'];
  const doctrine = {} as Scenario['doctrine'];
  for (const sd of SIDES) {
    intelligence[sd] = { enemyStrengthFactor: L.sf.intelligence?.[sd]?.enemyStrengthFactor ?? 1 };
    const d = L.sf.doctrine?.[sd];
    const p = `doctrine.${sd}`;
    doctrine[sd] = { keyTerrain: (d?.keyTerrain ?? []).map((r, i) => L.hex(`${p}.keyTerrain[${i}]`, r)) };
    const loc = d?.lineOfCommunication;
    if (loc) doctrine[sd].lineOfCommunication = lineOfCommunication(L, sd, loc);
  }
  return { intelligence, doctrine };
}

type LocFile = NonNullable<NonNullable<NonNullable<ScenarioFile['doctrine']>['allied']>['lineOfCommunication']>;

function lineOfCommunication(L: Loading, sd: Side, loc: LocFile): LineOfCommunication {
  const map = L.map;
  const p = `doctrine.${sd}`;
  const waypoints = loc.route.map((r, i) => L.hex(`${p}.lineOfCommunication.route[${i}]`, r));
  const route = new Set<number>();
  for (let i = 1; i < waypoints.length; i++) {
    if (waypoints[i - 1] < 0 || waypoints[i] < 0) continue;
    for (const a of axialLine(hexAxial(map, waypoints[i - 1]), hexAxial(map, waypoints[i]))) route.add(axialHex(map, a));
  }
  if (!loc.flag.startsWith(`${sd}.`)) L.add(`${p}.lineOfCommunication.flag`, `expected a flag starting with "${sd}."`);
  return {
    route: [...route].filter((h) => h >= 0).sort((a, b) => a - b),
    serves: loc.serves.map((r, i) => L.hex(`${p}.lineOfCommunication.serves[${i}]`, r)),
    fallBack: loc.fallBack.map((r, i) => L.hex(`${p}.lineOfCommunication.fallBack[${i}]`, r)),
    flag: loc.flag, text: loc.text,
  };
}

/** The scenario's regions (documented.regions) as hex masks; bad ones are reported. */
function compileRegions(sf: ScenarioFile, map: MapIndex, hex: (path: string, ref: string) => number, add: (path: string, message: string) => void): Map<string, Uint8Array> {
  const regions = new Map<string, Uint8Array>();
  for (const [rid, r] of Object.entries(sf.documented?.regions ?? {})) {
    const path = `documented.regions.${rid}`;
    const mask = regionMask(map, r, (ref) => hex(`${path}.near.hex`, ref));
    if (typeof mask === 'string') add(path, mask);
    else if (!mask.some((v) => v === 1)) add(path, 'expected a region with at least one land hex, this one is empty');
    else regions.set(rid, mask);
  }
  return regions;
}

/** What compiling the condition language needs of this scenario (conditions.ts). */
function conditionEnv(
  L: Loading, start: number, end: number, units: UnitDef[], formationById: Record<string, FormationDef>,
): ConditionEnv {
  const { sf, map } = L;
  const regions = compileRegions(sf, map, L.hex, L.add);
  const inFormations = (u: UnitDef, fs: string[]) => fs.length === 0 || formationAncestors(u.formation, formationById).some((f) => fs.includes(f));
  const men = new Map(units.map((u) => [u.id, u.men]));
  return {
    map, start, end, window: `${sf.window.start} to ${sf.window.end}`,
    objectives: new Map(sf.objectives.map((o) => [o.id, o.hex])),
    regions, regionIds: Object.keys(sf.documented?.regions ?? {}),
    hasFormation: (f) => formationById[f] !== undefined,
    isUnitType: (t) => (UNIT_TYPES as readonly string[]).includes(t),
    unitTypes: UNIT_TYPES,
    pickUnits: (side, fs, types) => units.filter((u) => u.side === side && inFormations(u, fs) && (!types || types.includes(u.type))).map((u) => u.id),
    unitMen: (id) => men.get(id),
    hex: L.hex, add: L.add,
  };
}

/** The `when` / `unless` / `expires` of a conditional plan item; it needs an id (its firing is recorded by it). */
function itemConditions(L: Loading, env: ConditionEnv, e: ScheduleEntry, p: string, end: number): ItemConditions {
  if (e.id === undefined) L.add(`${p}.id`, 'expected an id on a conditional item (when / unless): the state records by it when the item happened');
  const expires = e.expires === undefined ? end : toMinutes(e.expires);
  if (expires <= toMinutes(e.at)) L.add(`${p}.expires`, `expected a time after "at" (${e.at})`);
  return {
    id: e.id ?? '',
    when: (e.when ?? []).map((c, k) => compileCondition(env, c, `${p}.when[${k}]`)),
    unless: (e.unless ?? []).map((c, k) => compileCondition(env, c, `${p}.unless[${k}]`)),
    expires,
  };
}

function compileChecks(sf: ScenarioFile, env: ConditionEnv): OutcomeCheck[] {
  return (sf.documented?.outcomes ?? []).map((o, i) => ({
    id: o.id,
    conditions: o.check.map((c, j): Condition => compileCondition(env, c, `documented.outcomes[${i}].check[${j}]`)),
  }));
}

function initialControl(
  map: MapIndex,
  spec: ScenarioFile['control'],
  units: UnitDef[],
  hex: (path: string, ref: string) => number,
): string {
  const dflt = spec.default === 'none' ? '.' : sideChar(spec.default);
  const chars: string[] = spec.nearestUnit
    // Ties keep the default, so the front runs between the two sides.
    ? [...nearestUnitFront(map, units.filter((u) => u.hex >= 0 && u.status !== 'offmap'), () => dflt)]
    : new Array(map.size).fill(dflt);
  (spec.allied ?? []).forEach((r, i) => { const h = hex(`control.allied[${i}]`, r); if (h >= 0) chars[h] = 'A'; });
  (spec.german ?? []).forEach((r, i) => { const h = hex(`control.german[${i}]`, r); if (h >= 0) chars[h] = 'G'; });
  for (let h = 0; h < map.size; h++) if (map.terrain[h] === 'sea') chars[h] = '.';
  return chars.join('');
}
