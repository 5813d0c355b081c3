// The words for a scenario's ids: a unit's or formation's name, a documented figure's "who", a
// plan order's kind and time. Text shown to users never carries an internal id
// ("checked like b23.4th-indian", "removes b2.abbey-raid-heavies"): notes and what-if changes
// go through these.
import type { Scenario } from '../engine/core/index.ts';
import { browserReader, readScenarioRaw } from './data.ts';
import { shortDate } from './describe.ts';

const names = new WeakMap<Scenario, Map<string, string>>();

/** "airStrike" -> "air strike". */
const kindWords = (kind: string): string => kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

function nameMap(sc: Scenario): Map<string, string> {
  let m = names.get(sc);
  if (m) return m;
  m = new Map();
  for (const f of sc.formations) m.set(f.id, f.name);
  for (const u of sc.units) m.set(u.id, u.name);
  for (const t of sc.documented?.losses ?? []) m.set(t.id, `the ${t.who} figure`);
  names.set(sc, m);
  return m;
}

/** The words for an id of the scenario, or undefined when it names nothing there. */
export function nameOf(sc: Scenario, id: string): string | undefined {
  return nameMap(sc).get(id);
}

/** An id in words when the scenario does not name it ("b2.abbey-raid-heavies" -> "abbey raid heavies"). */
export const readableId = (id: string): string => id.replace(/^b\d+\./, '').replace(/[-_.]+/g, ' ').trim();

/** Free text (a note) with every id of the scenario in it replaced by its name. */
export function humanText(sc: Scenario | null | undefined, text: string): string {
  if (!sc) return text;
  const m = nameMap(sc);
  return text.replace(/[A-Za-z0-9][A-Za-z0-9_.-]*[A-Za-z0-9]/g, (w) => m.get(w) ?? w);
}

interface PlanEntry { id?: string; kind?: string; at?: string }
const planNames = new Map<string, Promise<Map<string, string>>>();

async function readPlanNames(scenarioId: string): Promise<Map<string, string>> {
  const file = `scenarios/${scenarioId}.json`;
  const raw = (await readScenarioRaw(`${scenarioId}.json`)) as { include?: { schedule?: string[] }; schedule?: PlanEntry[] };
  const items = [...(raw.schedule ?? [])];
  for (const f of raw.include?.schedule ?? []) items.push(...(((await browserReader.read(browserReader.resolve(file, f))) as { schedule?: PlanEntry[] }).schedule ?? []));
  return new Map(items.filter((it) => it.id && it.kind && it.at).map((it) => [it.id!, `the ${kindWords(it.kind!)} of ${shortDate(it.at!)}`]));
}

/**
 * The words for the plan orders of a scenario by id ("the air strike of 15 Feb 09:30"): the
 * loaded scenario keeps no order ids, so they are read from its plan files (once a scenario).
 */
export function planItemNames(scenarioId: string): Promise<Map<string, string>> {
  let hit = planNames.get(scenarioId);
  if (!hit) { hit = readPlanNames(scenarioId).catch(() => new Map()); planNames.set(scenarioId, hit); }
  return hit;
}
