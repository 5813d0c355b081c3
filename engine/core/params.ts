// Model parameters: data files under engine/params/, each checked by a schema when loaded. Runs
// receive them through the engine context, so a what-if can change a parameter without code.
import { z } from 'zod';
import { DataError, type DataIssue, formatPath, zodIssues } from './data-error.ts';
import { TERRAIN_TYPES, LINK_KINDS } from './map.ts';
import movementJson from '../params/movement.json';
import weatherJson from '../params/weather.json';
import supplyJson from '../params/supply.json';
import fatigueJson from '../params/fatigue.json';
import engineeringJson from '../params/engineering.json';
import fireJson from '../params/fire.json';
import observationJson from '../params/observation.json';
import doctrineJson from '../params/doctrine.json';
import { type CombatParams, defaultCombatParams } from './models/combat.ts';
import { combatParamsSchema, compileCombatParams } from './models/combat-params.ts';
import { onClearCaches } from './caches.ts';

/**
 * No model parameter measures more than 10,000,000 of its unit: the largest are force sizes in
 * men (combat.json sizeFactor's top step is 100,000; CDB90's largest side has under 5,000,000).
 * A value past it (1e308 from a what-if or a params file) is a mistake, refused naming the path.
 */
export const MAX_PARAMETER = 10_000_000;
const tooBig = `expected a value from -${MAX_PARAMETER.toLocaleString('en-GB')} to ${MAX_PARAMETER.toLocaleString('en-GB')} (no parameter measures more)`;
const num = z.number().finite().min(-MAX_PARAMETER, tooBig).max(MAX_PARAMETER, tooBig);
const sourced = <T extends z.ZodTypeAny>(v: T) => z.object({ value: v, source: z.string().min(1, 'expected a source note') });
const perTerrain = (v: z.ZodNumber) => z.object(Object.fromEntries(TERRAIN_TYPES.map((t) => [t, v])) as Record<(typeof TERRAIN_TYPES)[number], z.ZodNumber>);
const byTerrain = perTerrain(num.nonnegative());
const byLink = z.object(Object.fromEntries(LINK_KINDS.map((t) => [t, num.nonnegative()])) as Record<(typeof LINK_KINDS)[number], z.ZodNumber>);
const conditions = ['clear', 'overcast', 'light-rain', 'heavy-rain', 'snow'] as const;
const byCondition = <T extends z.ZodTypeAny>(v: T) => z.object(Object.fromEntries(conditions.map((c) => [c, v])) as Record<(typeof conditions)[number], T>);

export const movementSchema = z.object({
  about: z.string(),
  hoursPerTurn: z.object({ foot: num.positive(), vehicle: num.positive(), source: z.string() }),
  speedKmh: z.object({ foot: byTerrain, vehicle: byTerrain, source: z.string() }),
  linkSpeedKmh: z.object({ foot: byLink, vehicle: byLink, source: z.string() }),
  mudSpeedFactor: z.object({ foot: num.positive(), vehicle: num.positive(), source: z.string() }),
  riverCrossingHours: z.object({ fordable: num.positive(), unfordable: num.positive(), floodFactor: num.positive(), source: z.string() }),
  /** Speed into a hex sown with mines (a ground change), as a factor of the speed there. */
  minefieldSpeedFactor: z.object({ foot: num.positive().max(1), vehicle: num.positive().max(1), source: z.string() }),
  observedFactor: sourced(num.min(1)),
  zoneOfControl: z.object({ stopOnEntry: z.boolean(), source: z.string() }),
  stackLimitMen: sourced(num.positive()),
  enemyGround: z.object({ maxHexesPerTurn: num.int().min(0), maxHeldHexesPerTurn: num.int().min(0), coverHexes: num.int().min(0), inContactAfterCover: z.boolean(), source: z.string().min(1, 'expected a source note'), inContactAfterCoverSource: z.string().min(1, 'expected a source note') }),
});

const monthSchema = z.object({
  clear: num.min(0), overcast: num.min(0), 'light-rain': num.min(0), 'heavy-rain': num.min(0), snow: num.min(0),
  temperature: z.enum(['hot', 'temperate', 'cold']),
}).refine((m) => Math.abs(m.clear + m.overcast + m['light-rain'] + m['heavy-rain'] + m.snow - 1) < 1e-6, 'expected the condition probabilities to add up to 1');

export const weatherSchema = z.object({
  about: z.string(),
  climatology: z.object({
    source: z.string(),
    persistence: num.min(0).max(1),
    months: z.object(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(i + 1), monthSchema])) as Record<string, typeof monthSchema>),
  }),
  ground: z.object({ source: z.string(), wetnessGain: byCondition(num), wetnessMax: num.positive(), wetAt: num, mudAt: num }),
  river: z.object({ source: z.string(), highAt: num, floodAt: num }),
  visibility: z.object({ source: z.string(), byCondition: byCondition(num.min(0).max(100)), nightPercent: num.min(0).max(100) }),
  air: z.object({ source: z.string(), possible: byCondition(z.boolean()) }),
});

export const supplySchema = z.object({
  about: z.string(),
  fullWithinHours: sourced(num.positive()),
  zeroBeyondHours: sourced(num.positive()),
  minimumConnectedPercent: sourced(num.min(0).max(100)),
  observedFactor: sourced(num.min(1)),
  mudFactor: sourced(num.min(1)),
  cutOffPercent: sourced(num.min(0).max(100)),
});

export const fatigueSchema = z.object({
  about: z.string(), source: z.string(),
  attack: num, defendInContact: num, move: num, exposure: sourced(num), restRecovery: num, idleRecovery: num,
  cohesionRecoveryRested: num, cohesionRecoveryInLine: num, outOfSupplyFatigue: num, outOfSupplyCohesion: num,
  minAttackCohesion: sourced(num.min(0).max(100)),
});

export const engineeringSchema = z.object({
  about: z.string(),
  bridgeHoursPerMetre: sourced(num.positive()),
  bridgeUnderObservationFactor: sourced(num.min(1)),
  bridgeNightOnlyWhenObserved: z.boolean(),
  digInTurns: z.object({ hasty: num.int().positive(), prepared: num.int().positive(), fortified: num.int().positive(), source: z.string() }),
  maxEntrenchmentByTerrain: byTerrain.extend({ source: z.string() }),
});

export const fireSchema = z.object({
  about: z.string(),
  casualtiesPerTonOnTarget: sourced(num.nonnegative()),
  rubbleTons: sourced(num.positive()),
  collapseCasualtyShare: sourced(num.min(0).max(1)),
  ruinTons: sourced(num.positive()),
  casualtiesPerGunTurn: sourced(num.nonnegative()),
  assaultExposure: sourced(num.positive()),
  answeringFireOpposition: sourced(num.nonnegative()),
  armourExposure: sourced(num.min(0).max(1)),
  assaultCover: z.object({ value: perTerrain(num.min(0).max(1)), source: z.string() }),
  divisionalGunsAnswer: z.object({ value: z.enum(['own-division', 'any']), source: z.string() }),
  entrenchmentProtection: z.array(num.min(0).max(1)).length(4, 'expected four factors, for entrenchment 0 to 3'),
  protectionSource: z.string(),
  suppressionCohesion: sourced(num.nonnegative()),
  suppressionLastingShare: sourced(num.min(0).max(1)),
  suppressionFloor: sourced(num.min(0).max(100)),
  maxFireRange: sourced(num.int().positive()),
  gunsPerKmFront: sourced(num.nonnegative()),
  gunsPerKmFrontLimitsFire: z.object({ value: z.boolean(), source: z.string().min(1, 'expected a source note') }),
  contactFire: sourced(num.nonnegative()),
  answeringUsesMission: z.object({ value: z.boolean(), source: z.string().min(1, 'expected a source note') }),
  answeringFireCap: z.object({ value: z.boolean(), source: z.string().min(1, 'expected a source note') }),
  dangerClose: z.object({ crestDropM: num.nonnegative(), ridgeDropM: num.nonnegative(), answeringFire: z.boolean(), answeringFireSource: z.string().min(1, 'expected a source note'), source: z.string().min(1, 'expected a source note') }),
  nearMissShare: sourced(num.min(0).max(1)),
  nearMissRadius: sourced(num.int().nonnegative()),
  observedFireFactor: z.object({ value: num.positive(), unobserved: num.positive(), source: z.string() }),
});

export const observationSchema = z.object({
  about: z.string(),
  minVisibilityPercent: sourced(num.min(0).max(100)),
  ownHexRadius: sourced(num.int().nonnegative()),
});

const odds = sourced(num.positive());
const hexes = sourced(num.int().nonnegative());
export const doctrineSchema = z.object({
  about: z.string(),
  deliberateAttackMinOdds: odds,
  counterAttackMinOdds: odds,
  neverAttackBelowOdds: odds,
  frontLineHexes: hexes,
  counterAttackRadiusHexes: hexes,
  counterAttackTurns: sourced(num.int().positive()),
  breakingCohesion: sourced(num.min(0).max(100)),
  breakingLossShare: sourced(num.min(0).max(1)),
  breakingTurns: sourced(num.int().positive()),
  reserveCommitRadiusHexes: hexes,
  reservesPerBreach: sourced(num.int().positive()),
  locThreatHexes: hexes,
  withdrawSectorHexes: hexes,
  exhaustedCohesion: sourced(num.min(0).max(100)),
  exhaustedLossShare: sourced(num.min(0).max(1)),
  resumeCohesion: sourced(num.min(0).max(100)),
  pursuitRadiusHexes: hexes,
  estimateRoundingMen: sourced(num.int().positive()),
  reserveForwardBelievedRatio: odds,
}).superRefine((d, ctx) => {
  // The 1:5 rule is a floor: no other attack threshold may sit below it.
  for (const k of ['deliberateAttackMinOdds', 'counterAttackMinOdds'] as const) {
    if (d[k].value < d.neverAttackBelowOdds.value) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [k, 'value'], message: `expected at least neverAttackBelowOdds (${d.neverAttackBelowOdds.value})` });
    }
  }
  if (d.resumeCohesion.value < d.exhaustedCohesion.value) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['resumeCohesion', 'value'], message: `expected at least exhaustedCohesion (${d.exhaustedCohesion.value})` });
  }
});

export type MovementParams = z.infer<typeof movementSchema>;
export type WeatherParams = z.infer<typeof weatherSchema>;
export type SupplyParams = z.infer<typeof supplySchema>;
export type FatigueParams = z.infer<typeof fatigueSchema>;
export type EngineeringParams = z.infer<typeof engineeringSchema>;
export type FireParams = z.infer<typeof fireSchema>;
export type ObservationParams = z.infer<typeof observationSchema>;
export type DoctrineParams = z.infer<typeof doctrineSchema>;

export interface ModelParams {
  movement: MovementParams;
  weather: WeatherParams;
  supply: SupplyParams;
  fatigue: FatigueParams;
  engineering: EngineeringParams;
  fire: FireParams;
  observation: ObservationParams;
  doctrine: DoctrineParams;
  combat: CombatParams;
}

export function parseWith<T>(schema: z.ZodType<T>, obj: unknown, file: string): T {
  const r = schema.safeParse(obj);
  if (!r.success) throw new DataError(file, zodIssues(r.error.issues));
  return r.data;
}

let defaults: ModelParams | undefined;
onClearCaches('params.defaults', () => { defaults = undefined; });

/** The shipped parameters, validated once. */
export function defaultParams(): ModelParams {
  defaults ??= {
    movement: parseWith(movementSchema, movementJson, 'engine/params/movement.json'),
    weather: parseWith(weatherSchema, weatherJson, 'engine/params/weather.json'),
    supply: parseWith(supplySchema, supplyJson, 'engine/params/supply.json'),
    fatigue: parseWith(fatigueSchema, fatigueJson, 'engine/params/fatigue.json'),
    engineering: parseWith(engineeringSchema, engineeringJson, 'engine/params/engineering.json'),
    fire: parseWith(fireSchema, fireJson, 'engine/params/fire.json'),
    observation: parseWith(observationSchema, observationJson, 'engine/params/observation.json'),
    doctrine: parseWith(doctrineSchema, doctrineJson, 'engine/params/doctrine.json'),
    combat: defaultCombatParams,
  };
  return defaults;
}

// --- overrides (what-ifs) --------------------------------------------------------------------

const GROUPS = {
  movement: movementSchema,
  weather: weatherSchema,
  supply: supplySchema,
  fatigue: fatigueSchema,
  engineering: engineeringSchema,
  fire: fireSchema,
  observation: observationSchema,
  doctrine: doctrineSchema,
  combat: combatParamsSchema,
} as const;

export type ParamGroup = keyof typeof GROUPS;
export const PARAM_GROUPS = Object.keys(GROUPS) as ParamGroup[];

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge of `over` into `base`; keys the base does not have are reported (a misspelt parameter). */
function mergeKnown(base: unknown, over: unknown, path: string, issues: DataIssue[]): unknown {
  if (!isPlain(base) || !isPlain(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (!(k in base)) { issues.push({ path: `${path}.${k}`, message: `unknown parameter "${k}" (expected one of: ${Object.keys(base).join(', ')})` }); continue; }
    out[k] = mergeKnown(base[k], v, `${path}.${k}`, issues);
  }
  return out;
}

/** A group of `base` in the form its file has, which overrides merge onto (combat keeps it beside its compiled values). */
function fileForm(base: ModelParams, g: ParamGroup): unknown {
  return g === 'combat' ? base.combat.source : base[g];
}

/**
 * `base` (the shipped parameters, or a what-if's) with deep-partial overrides applied in order
 * (later ones win), each changed group checked by the same schema as its file. Returns a new
 * object: `base` is never changed, so overrides live in the one run context they were given to.
 * Issues name `file` and the override's path.
 */
export function overrideParamsAll(base: ModelParams, overrides: Array<{ set: unknown; path: string }>, file: string): ModelParams {
  const issues: DataIssue[] = [];
  const merged = new Map<ParamGroup, { data: unknown; path: string }>();
  for (const { set, path } of overrides) {
    if (!isPlain(set)) { issues.push({ path, message: `expected an object of parameter groups (${PARAM_GROUPS.join(', ')})` }); continue; }
    for (const [g, over] of Object.entries(set)) {
      const group = GROUPS[g as ParamGroup];
      if (!group) { issues.push({ path: `${path}.${g}`, message: `unknown parameter group "${g}" (expected one of: ${PARAM_GROUPS.join(', ')})` }); continue; }
      const prev = merged.get(g as ParamGroup)?.data ?? fileForm(base, g as ParamGroup);
      merged.set(g as ParamGroup, { data: mergeKnown(prev, over, `${path}.${g}`, issues), path: `${path}.${g}` });
    }
  }
  if (issues.length) throw new DataError(file, issues);
  const out: ModelParams = { ...base };
  for (const [g, { data, path }] of merged) {
    const r = (GROUPS[g] as z.ZodType).safeParse(data);
    if (!r.success) { issues.push(...r.error.issues.map((i) => ({ path: [path, formatPath(i.path)].filter(Boolean).join('.').replace(/\.\[/g, '['), message: i.message }))); continue; }
    (out as unknown as Record<string, unknown>)[g] = g === 'combat' ? compileCombatParams(r.data as z.infer<typeof combatParamsSchema>) : r.data;
  }
  if (issues.length) throw new DataError(file, issues);
  return out;
}
