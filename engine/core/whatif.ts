// What-if files: typed changes to a scenario (its plan, units, reinforcements, weather, air and
// artillery events, intelligence, model parameters), applied to the scenario as written, before
// validation, so the result is checked like any scenario. Pure: the inputs are never changed.
// Every problem names the what-if file and the path of the change inside it.
import { z } from 'zod';
import { DataError, type DataIssue, zodIssues } from './data-error.ts';
import type { MapIndex } from './map.ts';
import { type ModelParams, defaultParams, overrideParamsAll } from './params.ts';
import { type Includes, type Scenario, type ScheduleEntry, formationSchema, loadScenario, scheduleSchema, unitSchema, weatherEntrySchema } from './scenario.ts';
import { conditionSchema } from './outcome-checks.ts';
import { GROUND_CHANGES } from './schedule/ground.ts';
import { aircraft, count, dateTime as isoTime, entrenchment, guns, hexRef, id, men, percent, probability, quality, radius, side, tanks, tonnage } from './schema-parts.ts';

const note = z.string().optional();
/** A change that becomes a plan item may be conditional, as plan items are (schedule/base.ts); it then needs an id. */
const conditional = {
  id: id.optional(), when: z.array(conditionSchema).min(1).optional(), unless: z.array(conditionSchema).min(1).optional(), expires: isoTime.optional(),
};
const source = z.string().min(1, 'expected the source of the change');
const strength = {
  men: men.optional(), guns: guns.optional(), tanks: tanks.optional(), quality: quality.optional(),
  entrenchment: entrenchment.optional(), fatigue: percent.optional(), cohesion: percent.optional(),
};

export const WHATIF_CHANGE_TYPES = [
  'plan.add', 'plan.remove', 'plan.retime', 'plan.modify', 'schedule.retime',
  'unit.strength', 'unit.add', 'unit.remove', 'unit.release', 'unit.reassign',
  'weather.override', 'fire.add', 'fire.remove', 'fire.modify', 'intelligence', 'objective.add', 'params',
  'ground', 'unit.new', 'formation.new', 'check.add',
] as const;

export const whatIfChangeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('plan.add'), item: scheduleSchema, note }),
  z.strictObject({ type: z.literal('plan.remove'), order: id, note }),
  z.strictObject({ type: z.literal('plan.retime'), order: id, at: isoTime, note }),
  z.strictObject({ type: z.literal('plan.modify'), order: id, set: z.record(z.string(), z.unknown()), note }),
  z.strictObject({ type: z.literal('schedule.retime'), item: id, at: isoTime, note }),
  z.strictObject({ type: z.literal('unit.strength'), unit: id, ...strength, source }),
  z.strictObject({ type: z.literal('unit.add'), unit: id, at: hexRef.nullable(), status: z.enum(['active', 'reserve', 'offmap']).optional(), ...strength, source, note }),
  z.strictObject({ type: z.literal('unit.remove'), unit: id, note }),
  z.strictObject({ type: z.literal('unit.release'), units: z.array(id).min(1), at: isoTime, ...conditional, note }),
  z.strictObject({ type: z.literal('unit.reassign'), unit: id.optional(), formation: id, parent: id.optional(), source })
    .refine((c) => (c.unit === undefined) !== (c.parent === undefined), 'expected either "unit" and "formation" (a unit changes formation) or "formation" and "parent" (a formation changes parent)'),
  weatherEntrySchema.extend({ type: z.literal('weather.override'), note }),
  z.strictObject({ type: z.literal('fire.add'), item: scheduleSchema, note }),
  z.strictObject({ type: z.literal('fire.remove'), order: id, note }),
  z.strictObject({
    type: z.literal('fire.modify'), order: id, target: hexRef.optional(), radius: radius.optional(),
    aircraft: aircraft.optional(), tonnage: tonnage.optional(), accuracy: probability.optional(),
    label: z.string().optional(), artillery: z.array(id).min(1).optional(), note,
  }),
  z.strictObject({
    type: z.literal('intelligence'), side, at: isoTime, enemyDivisionsBelieved: count.optional(), ownDivisions: count.optional(),
    mainEffort: hexRef.nullable().optional(), landingFeared: z.boolean().optional(), ...conditional, note, source: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('objective.add'), id, name: z.string().min(1), hex: hexRef, reportOnly: z.boolean().optional(), note }),
  z.strictObject({ type: z.literal('params'), set: z.record(z.string(), z.unknown()), note }),
  z.strictObject({
    type: z.literal('ground'), at: isoTime, hex: hexRef, change: z.enum(GROUND_CHANGES), toward: hexRef.optional(),
    ...conditional, note, source,
  }),
  /** A unit outside the orders of battle, with all its data (checked like an order-of-battle unit). */
  z.strictObject({ type: z.literal('unit.new'), unit: unitSchema, note }),
  z.strictObject({ type: z.literal('formation.new'), formation: formationSchema, note }),
  /** An outcome check (a question at a date), evaluated in both arms of a comparison. */
  z.strictObject({ type: z.literal('check.add'), id, holds: z.string().min(1), check: z.array(conditionSchema).min(1, 'expected at least one condition'), note }),
]);

export const whatIfSchema = z.strictObject({
  $schema: z.string().optional(),
  id,
  name: z.string().min(1),
  /** The history behind the what-if, with its source. */
  note: z.string().min(1, 'expected a note on the history behind the what-if'),
  source: z.string().min(1, 'expected the source of the history behind the what-if'),
  scenario: z.strictObject({ id, version: z.string().min(1) }),
  changes: z.array(whatIfChangeSchema),
});

export type WhatIf = z.infer<typeof whatIfSchema>;
export type WhatIfChange = z.infer<typeof whatIfChangeSchema>;

/** Checks a parsed what-if file against the format; throws DataError naming the file. */
export function parseWhatIf(obj: unknown, file: string): WhatIf {
  const r = whatIfSchema.safeParse(obj);
  if (!r.success) throw new DataError(file, zodIssues(r.error.issues));
  return r.data;
}

/** A scenario as written: the scenario object and the files it includes (keyed as it names them). */
export interface ScenarioInput { scenario: unknown; includes: Includes }

/** Where an entry of the changed scenario came from: a path prefix in a file, and the change behind it. */
export interface WhatIfOrigin { include?: string; prefix: string; change: string }

export interface AppliedWhatIf {
  input: ScenarioInput;
  /** Parameter overrides, in file order, with their paths (applied by `whatIfParams`). */
  params: Array<{ set: unknown; path: string }>;
  origins: WhatIfOrigin[];
}

type Raw = Record<string, unknown> & { schedule?: ScheduleEntry[]; deploy?: Array<Record<string, unknown>>; units?: Array<Record<string, unknown>> };
interface Entry { include?: string; item: ScheduleEntry; removed: boolean; origin?: string }

const FIRE_KINDS = new Set(['airStrike', 'bombardment']);
const SCHEDULE_KINDS = new Set(['arrive', 'withdraw', 'release']);

/** A what-if being applied: the scenario's copy, its schedule entries and what the changes found. */
interface Work {
  w: WhatIf;
  raw: Raw;
  includes: Record<string, Raw>;
  issues: DataIssue[];
  origins: WhatIfOrigin[];
  params: AppliedWhatIf['params'];
  scheduleFiles: string[];
  entries: Entry[];
  oobFiles: string[];
}

/** Applies a what-if to a scenario as written. Throws DataError (naming `file`) for changes that do not fit it. */
export function applyWhatIf(input: ScenarioInput, w: WhatIf, file: string): AppliedWhatIf {
  const raw = structuredClone(input.scenario) as Raw;
  if (!raw || typeof raw !== 'object') throw new DataError(file, [{ path: 'scenario', message: 'the scenario is not an object' }]);
  if (raw.id !== w.scenario.id || raw.version !== w.scenario.version) {
    throw new DataError(file, [{ path: 'scenario', message: `this what-if is for scenario ${w.scenario.id} version ${w.scenario.version}, not ${String(raw.id)} version ${String(raw.version)}` }]);
  }
  const work = startWork(w, raw, structuredClone(input.includes) as Record<string, Raw>);
  w.changes.forEach((c, k) => applyChange(work, c, `changes[${k}]`));
  if (work.issues.length) throw new DataError(file, work.issues);
  writeSchedules(work);
  return { input: { scenario: raw, includes: work.includes }, params: work.params, origins: work.origins };
}

function startWork(w: WhatIf, raw: Raw, includes: Record<string, Raw>): Work {
  const scheduleFiles = ((raw.include as { schedule?: string[] } | undefined)?.schedule ?? []).filter((rel) => Array.isArray(includes[rel]?.schedule));
  const entries: Entry[] = [];
  for (const rel of scheduleFiles) for (const item of includes[rel].schedule!) entries.push({ include: rel, item, removed: false });
  for (const item of raw.schedule ?? []) entries.push({ item, removed: false });
  const oobFiles = ((raw.include as { oob?: string[] } | undefined)?.oob ?? []).filter((rel) => Array.isArray(includes[rel]?.units));
  return { w, raw, includes, issues: [], origins: [], params: [], scheduleFiles, entries, oobFiles };
}

/** The live schedule entry a change names, or undefined (reported at `path`). */
function findEntry(work: Work, ref: string, path: string): Entry | undefined {
  const e = work.entries.find((x) => !x.removed && x.item.id === ref);
  const where = ['the scenario', ...work.scheduleFiles].join(', ');
  if (!e) work.issues.push({ path, message: `unknown plan item "${ref}" (no item of scenario ${work.w.scenario.id} in ${where} has this id, or an earlier change removed it)` });
  return e;
}

const addEntry = (work: Work, item: ScheduleEntry, origin: string) => work.entries.push({ item: structuredClone(item), removed: false, origin });
const deployed = (work: Work, unit: string) => (work.raw.deploy ?? []).find((d) => d.unit === unit) ?? (work.raw.units ?? []).find((u) => u.id === unit);
function oobUnit(work: Work, unit: string): Record<string, unknown> | undefined {
  for (const rel of work.oobFiles) {
    const u = work.includes[rel].units!.find((x) => x.id === unit);
    if (u) return u;
  }
  return undefined;
}

type Change<T extends WhatIfChange['type']> = Extract<WhatIfChange, { type: T }>;

/** What each type of change does to the scenario being changed. */
function applyChange(work: Work, c: WhatIfChange, at: string): void {
  switch (c.type) {
    case 'plan.add': return void addEntry(work, c.item, `${at}.item`);
    case 'fire.add':
      if (!FIRE_KINDS.has(c.item.kind)) work.issues.push({ path: `${at}.item.kind`, message: `expected an airStrike or bombardment (use plan.add for a ${c.item.kind})` });
      else addEntry(work, c.item, `${at}.item`);
      return;
    case 'intelligence': { const { type: _t, ...belief } = c; return void addEntry(work, { ...belief, kind: 'intel' }, at); }
    case 'unit.release': { const { type: _t, ...rest } = c; return void addEntry(work, { ...rest, kind: 'release' }, at); }
    case 'plan.remove': case 'fire.remove': return removeItem(work, c, at);
    case 'plan.retime': case 'schedule.retime': return retimeItem(work, c, at);
    case 'plan.modify': return modifyItem(work, c, at);
    case 'fire.modify': return modifyFire(work, c, at);
    case 'unit.strength': return setStrength(work, c, at);
    case 'unit.add': return addUnit(work, c, at);
    case 'unit.remove': return removeUnit(work, c, at);
    case 'unit.reassign': return reassign(work, c, at);
    case 'weather.override': return overrideWeather(work, c, at);
    case 'objective.add': return addObjective(work, c, at);
    case 'params': return void work.params.push({ set: c.set, path: `${at}.set` });
    case 'ground': { const { type: _t, ...rest } = c; return void addEntry(work, { ...rest, kind: 'ground' }, at); }
    case 'unit.new': return addNew(work, 'units', c.unit, at, 'unit');
    case 'formation.new': return addNew(work, 'formations', c.formation, at, 'formation');
    case 'check.add': return addCheck(work, c, at);
  }
}

function removeItem(work: Work, c: Change<'plan.remove' | 'fire.remove'>, at: string): void {
  const e = findEntry(work, c.order, `${at}.order`);
  if (!e) return;
  if (c.type === 'fire.remove' && !FIRE_KINDS.has(e.item.kind)) { work.issues.push({ path: `${at}.order`, message: `"${c.order}" is a ${e.item.kind}, not an air strike or bombardment (use plan.remove)` }); return; }
  e.removed = true;
}

function retimeItem(work: Work, c: Change<'plan.retime' | 'schedule.retime'>, at: string): void {
  const ref = c.type === 'plan.retime' ? c.order : c.item;
  const e = findEntry(work, ref, `${at}.${c.type === 'plan.retime' ? 'order' : 'item'}`);
  if (!e) return;
  if (c.type === 'schedule.retime' && !SCHEDULE_KINDS.has(e.item.kind)) { work.issues.push({ path: `${at}.item`, message: `"${ref}" is a ${e.item.kind}, not an arrival, withdrawal or release (use plan.retime)` }); return; }
  e.item = { ...e.item, at: c.at };
  e.origin = at;
}

function modifyItem(work: Work, c: Change<'plan.modify'>, at: string): void {
  const e = findEntry(work, c.order, `${at}.order`);
  if (!e) return;
  const fixed = ['id', 'kind'].filter((f) => f in c.set);
  if (fixed.length) { work.issues.push({ path: `${at}.set.${fixed[0]}`, message: `the ${fixed[0]} of a plan item cannot be changed (remove it and add another)` }); return; }
  e.item = { ...e.item, ...c.set } as ScheduleEntry;
  e.origin = `${at}.set`;
}

function modifyFire(work: Work, c: Change<'fire.modify'>, at: string): void {
  const e = findEntry(work, c.order, `${at}.order`);
  if (!e) return;
  const { type: _t, order: _o, note: _n, ...set } = c;
  if (!FIRE_KINDS.has(e.item.kind)) { work.issues.push({ path: `${at}.order`, message: `"${c.order}" is a ${e.item.kind}, not an air strike or bombardment (use plan.modify)` }); return; }
  const allowed = e.item.kind === 'airStrike' ? ['target', 'radius', 'aircraft', 'tonnage', 'accuracy', 'label'] : ['target', 'artillery'];
  const wrong = Object.keys(set).find((f) => !allowed.includes(f));
  if (wrong) { work.issues.push({ path: `${at}.${wrong}`, message: `a ${e.item.kind} has no "${wrong}" (expected: ${allowed.join(', ')})` }); return; }
  e.item = { ...e.item, ...set } as ScheduleEntry;
  e.origin = at;
}

function setStrength(work: Work, c: Change<'unit.strength'>, at: string): void {
  const d = deployed(work, c.unit);
  if (!d) { work.issues.push({ path: `${at}.unit`, message: `unknown unit "${c.unit}" (not deployed in scenario ${work.w.scenario.id})` }); return; }
  const { type: _t, unit: _u, source: src, ...set } = c;
  Object.assign(d, set);
  d.source = `${d.source ? `${String(d.source)}; ` : ''}what-if ${work.w.id}: ${src}`;
}

function addUnit(work: Work, c: Change<'unit.add'>, at: string): void {
  const { raw, w } = work;
  if (deployed(work, c.unit)) { work.issues.push({ path: `${at}.unit`, message: `unit "${c.unit}" is already deployed in scenario ${w.scenario.id} (use unit.strength or plan changes)` }); return; }
  if (!oobUnit(work, c.unit)) { work.issues.push({ path: `${at}.unit`, message: `unknown unit "${c.unit}" (not in the order-of-battle files of scenario ${w.scenario.id}: ${work.oobFiles.join(', ')})` }); return; }
  const { type: _t, source: src, ...rest } = c;
  raw.deploy = [...(raw.deploy ?? []), { ...rest, source: `what-if ${w.id}: ${src}` }];
  work.origins.push({ prefix: `deploy[${raw.deploy.length - 1}]`, change: at });
}

function removeUnit(work: Work, c: Change<'unit.remove'>, at: string): void {
  const { raw } = work;
  if (!deployed(work, c.unit)) { work.issues.push({ path: `${at}.unit`, message: `unknown unit "${c.unit}" (not deployed in scenario ${work.w.scenario.id})` }); return; }
  raw.deploy = raw.deploy?.filter((d) => d.unit !== c.unit);
  raw.units = raw.units?.filter((u) => u.id !== c.unit);
  // The unit's orders and fire go with it; an item left with no unit goes too.
  for (const e of work.entries) {
    const it = e.item as { units?: string[]; artillery?: string[] };
    for (const key of ['units', 'artillery'] as const) {
      const list = it[key];
      if (!list?.includes(c.unit)) continue;
      const left = list.filter((u) => u !== c.unit);
      if (left.length) e.item = { ...e.item, [key]: left } as ScheduleEntry;
      else e.removed = true;
    }
  }
}

function reassign(work: Work, c: Change<'unit.reassign'>, at: string): void {
  const { raw } = work;
  if (c.parent !== undefined) {
    raw.attach = [...((raw.attach as Array<{ formation: string }> | undefined) ?? []).filter((a) => a.formation !== c.formation), { formation: c.formation, parent: c.parent, source: `what-if ${work.w.id}: ${c.source}` }];
    work.origins.push({ prefix: `attach[${(raw.attach as unknown[]).length - 1}]`, change: at });
    return;
  }
  const u = (raw.units ?? []).find((x) => x.id === c.unit) ?? oobUnit(work, c.unit!);
  if (!u) { work.issues.push({ path: `${at}.unit`, message: `unknown unit "${c.unit}"` }); return; }
  u.formation = c.formation;
}

function overrideWeather(work: Work, c: Change<'weather.override'>, at: string): void {
  const { type: _t, note: _n, ...entry } = c;
  const weather = (work.raw.weather ?? { historical: [] }) as { historical: unknown[] };
  // Later entries override earlier ones: the what-if's come after the scenario's.
  weather.historical = [...(weather.historical ?? []), entry];
  work.raw.weather = weather;
  work.origins.push({ prefix: `weather.historical[${weather.historical.length - 1}]`, change: at });
}

function addObjective(work: Work, c: Change<'objective.add'>, at: string): void {
  const objectives = (work.raw.objectives as Array<{ id: string }> | undefined) ?? [];
  if (objectives.some((o) => o.id === c.id)) { work.issues.push({ path: `${at}.id`, message: `scenario ${work.w.scenario.id} already has an objective "${c.id}"` }); return; }
  work.raw.objectives = [...objectives, { id: c.id, name: c.name, hex: c.hex, ...(c.reportOnly ? { reportOnly: true } : {}) }];
  work.origins.push({ prefix: `objectives[${objectives.length}]`, change: at });
}

function addNew(work: Work, key: 'units' | 'formations', entry: { id: string }, at: string, field: 'unit' | 'formation'): void {
  const list = ((work.raw[key] as Array<{ id: string }> | undefined) ?? []);
  work.raw[key] = [...list, entry] as never;
  work.origins.push({ prefix: `${key}[${list.length}]`, change: `${at}.${field}` });
}

function addCheck(work: Work, c: Change<'check.add'>, at: string): void {
  const doc = (work.raw.documented ?? { source: `what-if ${work.w.id}` }) as { outcomes?: Array<Record<string, unknown> & { id: string }> };
  const outcomes = doc.outcomes ?? [];
  if (outcomes.some((o) => o.id === c.id)) { work.issues.push({ path: `${at}.id`, message: `scenario ${work.w.scenario.id} already has an outcome check "${c.id}"` }); return; }
  // Not a documented target: share 0, so calibration never counts it; compare reports it in both arms.
  doc.outcomes = [...outcomes, { id: c.id, battle: 'what-if', share: 0, holds: c.holds, check: c.check }];
  work.raw.documented = doc;
  work.origins.push({ prefix: `documented.outcomes[${outcomes.length}]`, change: at });
}

/** Writes the schedules back without the removed items, noting where changed items now stand. */
function writeSchedules(work: Work): void {
  const own: ScheduleEntry[] = [];
  const byFile = new Map<string, ScheduleEntry[]>(work.scheduleFiles.map((rel) => [rel, []]));
  for (const e of work.entries) {
    if (e.removed) continue;
    const list = e.include !== undefined ? byFile.get(e.include)! : own;
    if (e.origin) work.origins.push({ ...(e.include !== undefined ? { include: e.include } : {}), prefix: `schedule[${list.length}]`, change: e.origin });
    list.push(e.item);
  }
  work.raw.schedule = own;
  for (const [rel, list] of byFile) work.includes[rel] = { ...work.includes[rel], schedule: list };
}

/** The model parameters of a run under the what-if: the shipped ones with its overrides. */
export function whatIfParams(applied: AppliedWhatIf, file: string, base: ModelParams = defaultParams()): ModelParams {
  return applied.params.length ? overrideParamsAll(base, applied.params, file) : base;
}

/**
 * Loads a scenario with a what-if applied (the what-if file `file`): the scenario is validated as
 * usual, and a problem in what the what-if added or changed is reported against the what-if file
 * and the change's path. `dir` is how the scenario's include paths are shown (as in loadScenario).
 */
export function loadScenarioWithWhatIf(
  obj: unknown, scenarioFile: string, map: MapIndex, includes: Includes, dir: string, w: WhatIf, file: string,
): { scenario: Scenario; params: ModelParams } {
  const applied = applyWhatIf({ scenario: obj, includes }, w, file);
  const params = whatIfParams(applied, file);
  const shown = (rel: string) => (dir ? `${dir}/${rel}` : rel);
  try {
    const scenario = loadScenario(applied.input.scenario, scenarioFile, map, applied.input.includes, dir);
    return { scenario, params };
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    const mine: DataIssue[] = [];
    const theirs: DataIssue[] = [];
    for (const i of e.issues) {
      const o = applied.origins.find((x) => (x.include === undefined ? i.file === undefined : i.file === shown(x.include))
        && (i.path === x.prefix || i.path.startsWith(`${x.prefix}.`) || i.path.startsWith(`${x.prefix}[`)));
      if (o) mine.push({ file, path: o.change + i.path.slice(o.prefix.length), message: i.message });
      else theirs.push(i);
    }
    throw new DataError(mine.length && !theirs.length ? file : scenarioFile, [...mine, ...theirs.map((i) => ({ ...i, file: i.file ?? scenarioFile }))]);
  }
}

/**
 * One line describing a change, for lists in the command line and the UI; `name` gives the words
 * for a unit, formation, order or scheduled item id (the UI passes the scenario's names).
 */
export function describeChange(c: WhatIfChange, name: (id: string) => string = (id) => id): string {
  switch (c.type) {
    case 'plan.add': case 'fire.add': return `adds a ${c.item.kind} at ${c.item.at}${c.item.id ? ` (${name(c.item.id)})` : ''}`;
    case 'plan.remove': case 'fire.remove': return `removes ${name(c.order)}`;
    case 'plan.retime': return `moves ${name(c.order)} to ${c.at}`;
    case 'schedule.retime': return `moves ${name(c.item)} to ${c.at}`;
    case 'plan.modify': return `changes ${Object.keys(c.set).join(', ')} of ${name(c.order)}`;
    case 'fire.modify': return `changes ${Object.keys(c).filter((k) => !['type', 'order', 'note'].includes(k)).join(', ')} of ${name(c.order)}`;
    case 'unit.strength': return `sets ${Object.keys(c).filter((k) => !['type', 'unit', 'source'].includes(k)).join(', ')} of ${name(c.unit)}`;
    case 'unit.add': return `deploys ${name(c.unit)}${c.at ? ` at ${c.at}` : ' off the map'}`;
    case 'unit.remove': return `removes ${name(c.unit)}`;
    case 'unit.release': return `releases ${c.units.map(name).join(', ')} at ${c.at}`;
    case 'unit.reassign': return c.parent ? `places ${name(c.formation)} under ${name(c.parent)}` : `moves ${name(c.unit ?? '')} to ${name(c.formation)}`;
    case 'weather.override': return `weather ${c.condition ?? ''}${c.ground ? ` ground ${c.ground}` : ''} from ${c.from} to ${c.to}`.replace('  ', ' ');
    case 'intelligence': return `${c.side} intelligence believes ${describeBeliefs(c)} from ${c.at}`;
    case 'objective.add': return `reports who holds ${c.name}`;
    case 'params': return `changes model parameters ${Object.keys(c.set).join(', ')}`;
    case 'ground': return `${GROUND_VERBS[c.change]} at ${c.hex}${c.toward ? ` toward ${c.toward}` : ''} from ${c.at}`;
    case 'unit.new': return `brings in ${c.unit.name} (${c.unit.men} men)${c.unit.at ? ` at ${c.unit.at}` : ' off the map'}`;
    case 'formation.new': return `adds the formation ${c.formation.name}`;
    case 'check.add': return `asks: ${c.holds}`;
  }
}

const GROUND_VERBS: Record<Change<'ground'>['change'], string> = {
  bridge: 'builds a bridge', 'blow-bridge': 'blows the bridge', ford: 'opens a ford', clear: 'restores the terrain',
  rubble: 'leaves rubble', flood: 'floods the ground', mines: 'lays mines', 'clear-mines': 'clears the mines',
};

function describeBeliefs(c: Change<'intelligence'>): string {
  const out: string[] = [];
  if (c.enemyDivisionsBelieved !== undefined) out.push(`${c.enemyDivisionsBelieved} enemy divisions${c.ownDivisions !== undefined ? ` against ${c.ownDivisions} of its own` : ''}`);
  else if (c.ownDivisions !== undefined) out.push(`it has ${c.ownDivisions} divisions`);
  if (c.mainEffort !== undefined) out.push(c.mainEffort === null ? 'the main effort unknown' : `the main effort at ${c.mainEffort}`);
  if (c.landingFeared !== undefined) out.push(c.landingFeared ? 'a landing feared' : 'no landing feared');
  return out.join(', ');
}

/**
 * The questions a what-if asks, without its changes: its objectives (report-only, so no doctrine
 * acts on them) and its outcome checks, with `extra` checks (compare --check). Applied to the
 * historical arm of a comparison, it plays exactly as the historical plan and reports the same
 * figures as the what-if arm. Null when there is nothing to ask.
 */
export function questionsOf(w: WhatIf, extra: WhatIfChange[] = []): WhatIf | null {
  const asked = [...w.changes, ...extra].flatMap((c): WhatIfChange[] => (c.type === 'objective.add' ? [{ ...c, reportOnly: true }] : c.type === 'check.add' ? [c] : []));
  return asked.length ? { ...w, id: `${w.id}.questions`, name: `${w.name} (its questions only)`, changes: asked } : null;
}

/** A `compare --check` file: outcome checks (as check.add changes without their type) asked in both arms. */
export const checkFileSchema = z.strictObject({
  $schema: z.string().optional(),
  note: z.string().optional(),
  checks: z.array(z.strictObject({ id, holds: z.string().min(1), check: z.array(conditionSchema).min(1, 'expected at least one condition'), note })).min(1, 'expected at least one check'),
});

export function parseCheckFile(obj: unknown, file: string): WhatIfChange[] {
  const r = checkFileSchema.safeParse(obj);
  if (!r.success) throw new DataError(file, zodIssues(r.error.issues));
  return r.data.checks.map((c) => ({ type: 'check.add' as const, ...c }));
}
