// The words for a scenario's ids: a unit's or formation's name, a documented figure's "who", a
// plan order's kind and time. Text shown to users never carries an internal id
// ("checked like b23.4th-indian", "removes b2.abbey-raid-heavies"): notes and what-if changes
// go through these.
import { type Scenario, fromMinutes } from '../engine/core/index.ts';
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
  for (const it of sc.schedule) {
    const id = (it as { id?: string }).id;
    if (id && !m.has(id)) m.set(id, `the ${kindWords(it.kind)} of ${shortDate(fromMinutes(it.at))}`);
  }
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
