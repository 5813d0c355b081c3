// Composes the campaign scenario from the four battle scenarios (npm run build:campaign), so the
// campaign can never drift from them: battle 1's forces at the start; units of later battles
// arriving when their battle opens (or when the history brings them); units that fight again
// moving to their next battle's start positions in the quiet weeks; everyone holding when a battle
// ends; units that do not fight again leaving. Deterministic: same inputs, same file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DataError, zodIssues } from '../core/data-error.ts';
import { unitFormations } from '../core/scenario.ts';
import { fromMinutes, toMinutes } from '../core/time.ts';
import { hexDistance } from '../core/map.ts';
import { moveMode } from '../core/models/movement.ts';
import type { EngineContext } from '../core/context.ts';
import { SCENARIO_DIR, displayPath, loadContext, writeFileAtomic } from './files.ts';

const buildSchema = z.strictObject({
  about: z.string(),
  source: z.string(),
  id: z.string(),
  version: z.string(),
  name: z.string(),
  description: z.string(),
  battles: z.array(z.string()).min(1),
  extraSchedule: z.array(z.string()),
  // An arrival names its units by id prefix (the French 'fr-') or by formation (a division).
  arrivals: z.array(z.union([
    z.strictObject({ prefix: z.string().min(1), at: z.string(), source: z.string() }),
    z.strictObject({ formation: z.string().min(1), at: z.string(), source: z.string() }),
  ])),
  reliefs: z.array(z.strictObject({ formation: z.string(), holds: z.string(), battle: z.string(), from: z.string(), until: z.string(), source: z.string() })),
  departures: z.array(z.strictObject({ formation: z.string(), at: z.string(), estimated: z.boolean().optional(), source: z.string() })),
  walkUpToHexes: z.strictObject({ value: z.number().int().nonnegative(), source: z.string() }),
  roadMoveHours: z.strictObject({ value: z.number().int().positive().multipleOf(12), source: z.string() }),
  sitOutClearHexes: z.strictObject({ value: z.number().int().nonnegative(), source: z.string() }),
  sitOutGunsOffMap: z.strictObject({ value: z.boolean(), source: z.string() }),
  refit: z.strictObject({ value: z.boolean(), source: z.string() }),
  settleAfterHours: z.strictObject({ value: z.number().int().positive().multipleOf(12), source: z.string() }),
});

type Json = Record<string, unknown>;
interface Deploy { unit: string; at: string | null; status?: string; [k: string]: unknown }
interface Item { at: string; kind: string; [k: string]: unknown }

const BUILD_FILE = join(SCENARIO_DIR, 'campaign', 'build.json');
const OUT_FILE = join(SCENARIO_DIR, 'campaign.json');

// A unit that first comes on in a later battle comes with the strength, state and positions that
// battle documents for it (the 1st Parachute Division's battalions of March at 300 men, dug in
// where they took over): the battle scenarios are where those figures live. A unit already on the
// map keeps what the campaign has left it.
const STRENGTH = ['men', 'guns', 'tanks', 'quality', 'entrenchment', 'fatigue', 'cohesion'] as const;
function strengthOf(d: Deploy): Partial<Deploy> {
  const out: Partial<Deploy> = {};
  for (const k of STRENGTH) if (d[k] !== undefined) out[k] = d[k];
  return out;
}

function readJson(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

function uniq<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** What every step of the composition reads: the build file, the battles, and the campaign so far. */
interface Build {
  cfg: z.infer<typeof buildSchema>;
  raws: Json[];
  ctxs: EngineContext[];
  deploy: Deploy[];
  inCampaign: Set<string>;
  schedule: Item[];
}

type Arrival = z.infer<typeof buildSchema>['arrivals'][number];

const QUIET_SOURCE = 'campaign build: between the battles the fronts were quiet but for patrols and shelling (history)';

const windowOf = (r: Json) => r.window as { start: string; end: string };

function sideOf(B: Build, unit: string): string {
  return B.ctxs.find((c) => c.scenario.unitById[unit])!.scenario.unitById[unit].side;
}

function afterRoadMove(B: Build, t: string): string {
  return fromMinutes(toMinutes(t) + B.cfg.roadMoveHours.value * 60);
}

/**
 * How far a unit's start position in battle `b` is from where it started the last battle it was
 * in; a unit that arrived during that battle is taken to be far (where it arrived is not known
 * before the run).
 */
function moveHexes(B: Build, unit: string, b: number): number {
  const to = B.ctxs[b].scenario.unitById[unit].hex;
  for (let k = b - 1; k >= 0; k--) {
    const from = B.ctxs[k].scenario.unitById[unit]?.hex;
    if (from === undefined) continue;
    return from >= 0 && to >= 0 ? hexDistance(B.ctxs[b].map, from, to) : Infinity;
  }
  return 0;
}

/** The last battle before `b` that a unit fought in. */
function lastBefore(B: Build, unit: string, b: number): number {
  for (let k = b - 1; k >= 0; k--) if (B.ctxs[k].scenario.unitById[unit]) return k;
  return -1;
}

function loadBuild(): Build {
  const parsed = buildSchema.safeParse(readJson(BUILD_FILE));
  if (!parsed.success) throw new DataError(displayPath(BUILD_FILE), zodIssues(parsed.error.issues));
  const cfg = parsed.data;
  const raws = cfg.battles.map((id) => readJson(join(SCENARIO_DIR, `${id}.json`)));
  const ctxs = cfg.battles.map((id) => loadContext(id));
  const deploy: Deploy[] = (raws[0].deploy as Deploy[]).map((d) => ({ ...d }));
  return { cfg, raws, ctxs, deploy, inCampaign: new Set(deploy.map((d) => d.unit)), schedule: [] };
}

/** The campaign scenario as JSON text. */
export function composeCampaign(): string {
  const B = loadBuild();
  for (let b = 1; b < B.raws.length; b++) {
    standDown(B, b);
    for (const d of B.raws[b].deploy as Deploy[]) placeUnit(B, b, d);
  }
  B.schedule.unshift(...reliefItems(B));
  if (B.cfg.refit.value) B.schedule.push(...refitItems(B));
  B.schedule.push(...departureItems(B));
  B.schedule.push(...settleItems(B));
  B.schedule.sort((a, b) => toMinutes(a.at) - toMinutes(b.at));
  nameItems(B.schedule);
  return JSON.stringify(scenarioOf(B), null, 2) + '\n';
}

/**
 * Gives every campaign event an id (kind, first unit, date; numbered when these repeat), first
 * among its fields, so what-ifs on the campaign can remove, retime or change any of them.
 */
function nameItems(items: Item[]): void {
  const used = new Map<string, number>();
  items.forEach((it, k) => {
    const unit = (it.units as string[] | undefined)?.[0];
    const base = `c.${it.kind}${unit ? `-${unit}` : ''}-${it.at.slice(5, 7)}${it.at.slice(8, 10)}-${it.at.slice(11, 13)}${it.at.slice(14, 16)}`.toLowerCase();
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    items[k] = { id: n === 1 ? base : `${base}-${n}`, ...it };
  });
}

/** The previous battle is over: its units hold where they are, and so do those of earlier battles still in the line. */
function standDown(B: Build, b: number): void {
  const { cfg, raws, ctxs } = B;
  const prevEnd = windowOf(raws[b - 1]).end;
  const start = windowOf(raws[b]).start;
  for (const side of ['allied', 'german'] as const) {
    const units = uniq(ctxs.slice(0, b).flatMap((c) => c.scenario.units.filter((u) => u.side === side).map((u) => u.id)));
    if (units.length) B.schedule.push({ at: prevEnd, kind: 'order', side, units, mission: { kind: 'hold' }, quietUntil: start, note: `${cfg.battles[b - 1]} is over: hold, and no attacks on the units' own initiative until ${cfg.battles[b]} opens`, source: QUIET_SOURCE });
  }
}

/** How battle `b` finds one unit of its deployment: where it comes from, and when it must leave. */
interface Placement {
  b: number;
  d: Deploy;
  early: Arrival | undefined;
  /** The last battle before `b` it fought in, or -1. */
  k: number;
  sitsOut: boolean;
  leaveAt: string;
  prevEnd: string;
  start: string;
}

function placementOf(B: Build, b: number, d: Deploy): Placement {
  const { cfg, raws, ctxs } = B;
  const prevEnd = windowOf(raws[b - 1]).end;
  const start = windowOf(raws[b]).start;
  const early = cfg.arrivals.find((a) => ('prefix' in a ? d.unit.startsWith(a.prefix) : unitFormations(ctxs[b].scenario, d.unit).includes(a.formation)));
  const k = lastBefore(B, d.unit, b);
  // A documented arrival date for this battle (the French and US II Corps in April) keeps its timing.
  const sitsOut = k >= 0 && k < b - 1 && !(early && toMinutes(early.at) < toMinutes(start));
  const leaveAt = sitsOut ? windowOf(raws[k]).end : prevEnd;
  return { b, d, early, k, sitsOut, leaveAt, prevEnd, start };
}

function placeUnit(B: Build, b: number, d: Deploy): void {
  const p = placementOf(B, b, d);
  if (d.at === null) placeOffMap(B, p);
  else if (!B.inCampaign.has(d.unit)) placeNewcomer(B, p);
  else placeReturning(B, p);
}

/** A unit that opens battle `b` off the map. */
function placeOffMap(B: Build, { b, d, k, leaveAt }: Placement): void {
  const { cfg } = B;
  if (!B.inCampaign.has(d.unit)) {
    B.deploy.push({ unit: d.unit, at: null, status: 'offmap', ...strengthOf(d), source: `arrives with ${cfg.battles[b]}` });
    B.inCampaign.add(d.unit);
  }
  // A unit that opens this battle off the map (in reserve elsewhere, brought in by the plan)
  // leaves the line for it when its last battle ends.
  else if (k >= 0) B.schedule.push({ at: leaveAt, kind: 'redeploy', units: [d.unit], note: `goes into reserve off the map before ${cfg.battles[b]}`, source: `${cfg.battles[b]} deployment: off the map at the start` });
}

/** A unit the campaign has not had yet: it arrives for battle `b` (or at its documented arrival). */
function placeNewcomer(B: Build, { b, d, early, start }: Placement): void {
  const { cfg } = B;
  const at = early && toMinutes(early.at) < toMinutes(start) ? early.at : start;
  B.deploy.push({ unit: d.unit, at: null, status: 'offmap', ...strengthOf(d), source: `arrives for ${cfg.battles[b]}${early ? `: ${early.source}` : ''}` });
  B.inCampaign.add(d.unit);
  B.schedule.push({ at, kind: 'arrive', units: [d.unit], hex: d.at, note: `takes its ${cfg.battles[b]} position`, source: early?.source ?? `${cfg.battles[b]} deployment` });
  if (d.status === 'reserve') B.schedule.push({ at, kind: 'order', side: sideOf(B, d.unit), units: [d.unit], mission: { kind: 'reserve' }, source: `${cfg.battles[b]} deployment: in reserve` });
  // Come on before its battle opens, it holds the line like the units it joins, without
  // attacks of its own until then.
  else if (at !== start) B.schedule.push({ at, kind: 'order', side: sideOf(B, d.unit), units: [d.unit], mission: { kind: 'hold' }, quietUntil: start, note: `holds until ${cfg.battles[b]} opens`, source: QUIET_SOURCE });
}

/** It takes its battle-`b` position (in reserve if its battle has it so) at `at`. */
function arriveAt(B: Build, { b, d }: Placement, at: string, source: string): void {
  B.schedule.push({ at, kind: 'arrive', units: [d.unit], hex: d.at, note: `takes its ${B.cfg.battles[b]} position`, source });
  if (d.status === 'reserve') B.schedule.push({ at, kind: 'order', side: sideOf(B, d.unit), units: [d.unit], mission: { kind: 'reserve' }, source: `${B.cfg.battles[b]} deployment: in reserve` });
}

/**
 * A unit of an earlier battle that fights again. A unit that sits out the battles between its last
 * one and this one was not in them: it goes to its next position when its last battle ends, not
 * when the battle before this one does (without a documented date of its own). Otherwise it stays
 * where its last battle left it, and the battles it sat out meet it there: in March the battalions
 * of the 44th, 71st and 90th Divisions of January and February stood in and around Cassino beside
 * the 1st Parachute Division, three times the men of the battle-3 scenario.
 */
function placeReturning(B: Build, p: Placement): void {
  const { cfg, ctxs } = B;
  const { b, d, k, sitsOut, leaveAt, prevEnd, start } = p;
  // Its next position may lie on the ground of a battle it sits out, where that battle's
  // scenario has other units: then it is out of the line (off the map) until that battle is over.
  const next = ctxs[b].scenario.unitById[d.unit].hex;
  const inTheWay = sitsOut && next >= 0 && ctxs.slice(k + 1, b).some((c) => c.scenario.units.some((u) => u.hex >= 0 && hexDistance(c.map, u.hex, next) <= cfg.sitOutClearHexes.value));
  // Guns hold no ground: a battery that sits out a battle is out of the line for it, as its
  // scenario has it, and fires neither into it nor in answer to its assaults.
  const gunsOut = sitsOut && ctxs[b].scenario.unitById[d.unit].type === 'artillery' && cfg.sitOutGunsOffMap.value;
  if (inTheWay || gunsOut) {
    B.schedule.push({ at: leaveAt, kind: 'redeploy', units: [d.unit], note: `out of the line until ${cfg.battles[b - 1]} is over`, source: `campaign build: ${inTheWay ? cfg.sitOutClearHexes.source : cfg.sitOutGunsOffMap.source}` });
    arriveAt(B, p, afterRoadMove(B, prevEnd), `${cfg.battles[b]} deployment`);
  } else if (moveHexes(B, d.unit, b) <= (moveMode(ctxs[b].scenario.unitById[d.unit].type) === 'vehicle' ? 0 : cfg.walkUpToHexes.value)) {
    // A unit that fights again walks to its next start position in the quiet weeks; each
    // stand-down it meets on the way sends it on again, and it takes no part in the battles
    // it sits out (the battle scenarios leave it out).
    for (let j = sitsOut ? k + 1 : b; j <= b; j++) {
      B.schedule.push({ at: windowOf(B.raws[j - 1]).end, kind: 'order', side: sideOf(B, d.unit), units: [d.unit], mission: { kind: 'withdraw', to: d.at }, quietUntil: start, note: `moves to its ${cfg.battles[b]} position`, source: `${cfg.battles[b]} deployment` });
    }
  } else goByRoad(B, p);
}

/** Farther off, it goes by road behind the lines: off the map until it arrives. */
function goByRoad(B: Build, p: Placement): void {
  const { cfg, raws } = B;
  const { b, d, early, k, sitsOut, leaveAt, start } = p;
  const at = early && toMinutes(early.at) > toMinutes(leaveAt) && toMinutes(early.at) < toMinutes(start) ? early.at : afterRoadMove(B, leaveAt);
  B.schedule.push({ at: leaveAt, kind: 'redeploy', units: [d.unit], note: `leaves for its ${cfg.battles[b]} position`, source: `campaign build: ${cfg.walkUpToHexes.source}` });
  arriveAt(B, p, at, early && at === early.at ? early.source : `${cfg.battles[b]} deployment`);
  // It takes no part in the battles it sits out: it waits there, stood down, until its own.
  if (sitsOut) {
    const mission = { kind: d.status === 'reserve' ? 'reserve' : 'hold' };
    const waits = [at, ...raws.slice(k + 1, b - 1).map((r) => windowOf(r).end)];
    for (const w of waits) B.schedule.push({ at: w, kind: 'order', side: sideOf(B, d.unit), units: [d.unit], mission, quietUntil: start, note: `waits for ${cfg.battles[b]}`, source: `${cfg.battles[b]} deployment; not in ${cfg.battles.slice(k + 1, b).join(', ')}` });
  }
}

/**
 * Reliefs: a formation holds, for a while, the ground another opens a later battle from, until
 * that one comes (the 78th Division in the mountains from 26 March until the Poles relieve it on
 * 24 April). No battle scenario places it there: it takes the relieving formation's positions,
 * battalion by battalion in the order of that battle's deployment, going by road both ways.
 * Its items go first among those of the same time, so the relieved leave before the relievers
 * arrive.
 */
function reliefItems(B: Build): Item[] {
  const { cfg, raws, ctxs } = B;
  const items: Item[] = [];
  for (const [i, r] of cfg.reliefs.entries()) {
    const b = cfg.battles.indexOf(r.battle);
    if (b < 0) throw new DataError(displayPath(BUILD_FILE), [{ path: `reliefs[${i}].battle`, message: `expected one of the campaign's battles (${cfg.battles.join(', ')}), got ${r.battle}` }]);
    const sc = ctxs[b].scenario;
    const infantryOf = (f: string) => (raws[b].deploy as Deploy[]).filter((d) => d.at !== null && sc.unitById[d.unit]?.type === 'infantry' && unitFormations(sc, d.unit).includes(f));
    const holding = infantryOf(r.formation);
    const relieving = infantryOf(r.holds);
    if (!holding.length || !relieving.length) throw new DataError(displayPath(BUILD_FILE), [{ path: `reliefs[${i}]`, message: `expected infantry of ${r.formation} and of ${r.holds} deployed in ${r.battle}, found ${holding.length} and ${relieving.length}` }]);
    const start = windowOf(raws[b]).start;
    holding.slice(0, relieving.length).forEach((d, k) => {
      const side = sideOf(B, d.unit);
      items.push(
        { at: r.from, kind: 'redeploy', units: [d.unit], note: `goes to hold the ground ${r.holds} opens ${r.battle} from`, source: r.source },
        // Ordered as it leaves (the plan's orders come after the turn's events), so it arrives in
        // the line rather than in the reserve its battle has it in, and back in reserve after.
        { at: r.from, kind: 'order', side, units: [d.unit], mission: { kind: 'hold' }, quietUntil: start, note: 'holds, without attacks of its own', source: r.source },
        { at: afterRoadMove(B, r.from), kind: 'arrive', units: [d.unit], hex: relieving[k].at, note: `holds ${relieving[k].unit}'s ${r.battle} position until relieved`, source: r.source },
        { at: r.until, kind: 'redeploy', units: [d.unit], note: `relieved by ${r.holds}`, source: r.source },
        { at: r.until, kind: 'order', side, units: [d.unit], mission: { kind: d.status === 'reserve' ? 'reserve' : 'hold' }, ...(d.status === 'reserve' ? {} : { quietUntil: start }), note: d.status === 'reserve' ? 'in reserve' : `holds until ${r.battle} opens`, source: `${r.battle} deployment` },
        { at: afterRoadMove(B, r.until), kind: 'arrive', units: [d.unit], hex: d.at, note: `takes its ${r.battle} position`, source: `${r.battle} deployment` },
      );
    });
  }
  return items;
}

/**
 * Refit: each battle opens with its units as strong, as rested and as dug in as its scenario has
 * them: those of earlier battles, and those that came on before it opened (the Poles, in the
 * line from 24 April); for a unit arriving as the battle opens it changes nothing.
 */
function refitItems(B: Build): Item[] {
  const items: Item[] = [];
  for (let b = 1; b < B.raws.length; b++) {
    const units: Record<string, Json> = {};
    for (const d of B.raws[b].deploy as Deploy[]) {
      const u = B.ctxs[b].scenario.unitById[d.unit];
      units[d.unit] = { men: u.men, fatigue: u.fatigue, cohesion: u.cohesion, ...(d.at !== null && u.entrenchment > 0 ? { entrenchment: { at: d.at, level: u.entrenchment } } : {}) };
    }
    if (Object.keys(units).length) items.push({ at: windowOf(B.raws[b]).start, kind: 'refit', units, note: `as ${B.cfg.battles[b]} opens`, source: `campaign build: ${B.cfg.refit.source}` });
  }
  return items;
}

/** Departures: a documented date for the formation, else the end of the unit's last battle. */
function departureItems(B: Build): Item[] {
  const { cfg, raws, ctxs } = B;
  const lastBattle = new Map<string, number>();
  ctxs.forEach((c, i) => { for (const u of c.scenario.units) lastBattle.set(u.id, i); });
  const campaignEnd = windowOf(raws[raws.length - 1]).end;
  const leaving = new Map<string, string[]>();
  for (const [unit, b] of [...lastBattle.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (b === raws.length - 1) continue;
    const formations = unitFormations(ctxs[b].scenario, unit);
    const rule = cfg.departures.find((r) => formations.includes(r.formation));
    const at = rule?.at ?? windowOf(raws[b]).end;
    if (toMinutes(at) >= toMinutes(campaignEnd)) continue;
    const key = `${at}|${rule?.source ?? `the end of ${cfg.battles[b]}, the last battle it fought in`}`;
    leaving.set(key, [...(leaving.get(key) ?? []), unit]);
  }
  return [...leaving.entries()].sort().map(([key, units]) => {
    const [at, source] = key.split('|');
    return { at, kind: 'withdraw', units, note: 'leaves the Cassino front', source };
  });
}

/**
 * The quiet weeks: when the next battle's units are in place, the ground between the lines goes
 * to the side nearer to it, as each battle scenario's own start does (control.nearestUnit).
 * Without this, the ground behind the new arrivals stays with whoever last walked over it, and
 * supply cannot reach them. Also once the units walking to their next positions have got there
 * (settleAfterHours after a battle ends, if the next has not begun): a line settled while they
 * were on the way leaves them where the enemy's nearer units had the ground (the paratroopers who
 * walked into Cassino town on 21 February were cut off from supply until 15 March, and broken by it).
 */
function settleItems(B: Build): Item[] {
  const { raws } = B;
  const afterWalks = raws.slice(0, -1).map((r) => fromMinutes(toMinutes(windowOf(r).end) + B.cfg.settleAfterHours.value * 60))
    .filter((t, i) => toMinutes(t) < toMinutes(windowOf(raws[i + 1]).start));
  const settles = uniq([...B.schedule.filter((it) => it.kind === 'arrive').map((it) => it.at), ...raws.slice(1).map((r) => windowOf(r).start), ...afterWalks]);
  return settles.sort((a, b) => toMinutes(a) - toMinutes(b)).map((at) => (
    { at, kind: 'settleFront', note: 'new units in place', source: 'campaign build: each battle scenario starts with control.nearestUnit; between battles the lines settled likewise (e.g. the Polish II Corps relieved the 78th Division in its positions on 24 April, battle 4)' }
  ));
}

type Documented = { losses?: Array<{ id: string }>; outcomes?: Array<{ id: string }>; regions?: Record<string, Json>; forces?: Json };
const documentedOf = (r: Json) => (r.documented as Documented | undefined) ?? {};

/** Regions the battles' outcome checks name: one definition per id across all the battles. */
function regionsOf(B: Build): Record<string, Json> {
  const regions: Record<string, Json> = {};
  for (const [i, r] of B.raws.entries()) {
    for (const [id, def] of Object.entries(documentedOf(r).regions ?? {})) {
      if (regions[id] && JSON.stringify(regions[id]) !== JSON.stringify(def)) {
        throw new Error(`${B.cfg.battles[i]}: documented.regions.${id} differs from the region of the same id in an earlier battle; give one of them another id`);
      }
      regions[id] = def;
    }
  }
  return regions;
}

/** The campaign's own loss targets (its two totals) from data/history/targets.json. */
function campaignLossTargets(): Array<Json & { id: string }> {
  const targets = readJson(join(SCENARIO_DIR, '..', 'data', 'history', 'targets.json')) as { losses: Array<Json & { id: string; battle: unknown }> };
  return targets.losses.filter((t) => t.battle === 'campaign').map((t) => {
    const { battle: _b, ...rest } = t;
    return { ...rest, battle: 'campaign', formations: [String(t.id).endsWith('german') ? 'german' : 'allied'], side: String(t.id).endsWith('german') ? 'german' : 'allied' };
  });
}

/**
 * Attachments: each battle's, for the whole campaign. A formation lent to another in one battle
 * (the 142nd Infantry to the 34th Division in battle 1, the 1st Guards Brigade to the 6th
 * Armoured Division in battle 4) is under it throughout; without them, battle 1 of the campaign
 * was not battle 1 (the 142nd under the 36th Division changed the 34th's attacks, and with them
 * where the German reserves went: Monte Belvedere French in 27 of seeds 1-50 against 31).
 */
function attachmentsOf(B: Build): Array<Json & { formation: string; parent: string }> {
  const attach: Array<Json & { formation: string; parent: string }> = [];
  for (const [i, r] of B.raws.entries()) {
    for (const a of (r.attach as Array<Json & { formation: string; parent: string }> | undefined) ?? []) {
      const prev = attach.find((x) => x.formation === a.formation);
      if (prev && prev.parent !== a.parent) throw new Error(`${B.cfg.battles[i]}: attach places ${a.formation} under ${a.parent}, an earlier battle under ${prev.parent}; the campaign has one parent per formation`);
      if (!prev) attach.push({ ...a, source: `${B.cfg.battles[i]}: ${a.source}` });
    }
  }
  return attach;
}

/** The scenario object, keys in the order of the committed file. */
function scenarioOf(B: Build): Json {
  const { cfg, raws } = B;
  const first = raws[0];
  const pick = (k: string) => raws.flatMap((r) => ((r.include as Json | undefined)?.[k] as string[] | undefined) ?? []);
  const byId = <T extends { id: string }>(xs: T[]) => [...new Map(xs.map((x) => [x.id, x])).values()];
  const regions = regionsOf(B);
  const campaignLosses = campaignLossTargets();
  const attach = attachmentsOf(B);
  const supplyKey = (s: Json) => `${s.side}|${s.hex}`;
  const supply = [...new Map(raws.flatMap((r) => r.supplySources as Json[]).map((s) => [supplyKey(s), s])).values()];
  return {
    id: cfg.id,
    version: cfg.version,
    name: cfg.name,
    description: `${cfg.description} Composed by npm run build:campaign from ${cfg.battles.join(', ')} and scenarios/campaign/build.json; edit those, not this file.`,
    map: first.map,
    window: { start: windowOf(first).start, end: windowOf(raws[raws.length - 1]).end },
    defaultSeed: '1',
    airSuperiority: first.airSuperiority,
    sides: first.sides,
    ...(attach.length ? { attach } : {}),
    include: {
      oob: uniq(pick('oob')),
      weather: uniq(pick('weather')),
      schedule: uniq([...pick('schedule'), ...cfg.extraSchedule]),
    },
    deploy: B.deploy,
    control: first.control,
    objectives: byId(raws.flatMap((r) => r.objectives as Array<{ id: string }>)),
    supplySources: supply,
    weather: { historical: [] },
    schedule: B.schedule,
    ...doctrineOf(raws),
    documented: {
      source: 'data/history/targets.json',
      losses: byId([...raws.flatMap((r) => documentedOf(r).losses ?? []), ...campaignLosses]),
      outcomes: byId(raws.flatMap((r) => documentedOf(r).outcomes ?? [])),
      regions,
      forces: { alliedMen: 240000, axisMen: 140000, alliedTanks: 1900, alliedAircraft: 4000 },
    },
  };
}

/** The battles' doctrine blocks as one: key terrain of all of them, each side's last line of communication. */
function doctrineOf(raws: Json[]): { doctrine?: Json } {
  const out: Record<string, Json> = {};
  for (const r of raws) {
    for (const [side, d] of Object.entries((r.doctrine ?? {}) as Record<string, Json>)) {
      const cur = out[side] ?? {};
      if (d.keyTerrain) cur.keyTerrain = uniq([...((cur.keyTerrain as string[]) ?? []), ...(d.keyTerrain as string[])]);
      if (d.lineOfCommunication) cur.lineOfCommunication = d.lineOfCommunication;
      out[side] = cur;
    }
  }
  return Object.keys(out).length ? { doctrine: out } : {};
}

export async function buildCampaign(): Promise<number> {
  const text = composeCampaign();
  writeFileAtomic(OUT_FILE, text);
  const s = JSON.parse(text);
  console.log(`wrote ${displayPath(OUT_FILE)}: ${s.deploy.length} units, ${s.schedule.length} campaign events, ${s.include.schedule.length} plan files, ${s.window.start} to ${s.window.end}`);
  return 0;
}

if (process.argv[1]?.endsWith('build-campaign.ts')) {
  buildCampaign().then((c) => { process.exitCode = c; }, (e) => {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  });
}
