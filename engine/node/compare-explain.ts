// `cassino compare --explain`: why a formation the what-if did not touch lost a different number of
// men. For the corps and divisions outside the what-if's sector with the largest paired differences,
// each pair of runs (one seed, both arms) is walked turn by turn on its traces (compare-trace.ts)
// to the first turn in which the formation's sector differs between the arms; the facts that differ
// then (guns firing on the sector, enemy units fighting it, its units attacking, supply, and the
// reserves released or arrived anywhere up to then) are counted over the pairs whose losses differ.
// A pair whose first difference is the men lost alone, with the same events, differs by its draws.
// Pure.
import { type Scenario, unitFormations } from '../core/scenario.ts';
import type { Facts, RunTrace } from './compare-trace.ts';
import { WHATIF_TREE } from './compare-tree.ts';

/** The part of a compared figure (compare-result.ts) the explanation reads. */
export interface ExplainFigure {
  kind: string; id: string; label: string; side?: string; level?: string;
  difference: { mean: number; median: number; ci95: [number, number] };
}

export interface ExplainedCause {
  /** The fact, e.g. "fire:de-art-33", "engaged:de-1-129", "supply:us-1-141", "release:de-pz-115" or "draws". */
  fact: string;
  text: string;
  /** Pairs (among those whose losses differ) whose first divergence includes the fact. */
  pairs: number;
  share: number;
  /** Mean count of the fact per run over the battle, in each arm (0 for "draws"). */
  perRun: { historical: number; whatIf: number };
}

export interface ExplainedFormation {
  id: string;
  name: string;
  difference: ExplainFigure['difference'];
  /** Pairs whose men lost differ between the arms. */
  differing: number;
  /** Median first turn of divergence (date of its start) over those pairs. */
  firstTurn?: { turn: number; at: string };
  /** Set when an asked formation (--explain-for) is in the what-if's sector or in contact with it: its difference is then partly the change itself. */
  sector?: 'touched' | 'contact';
  causes: ExplainedCause[];
}

export interface Explanation {
  /** Corps and divisions (names) with a unit the what-if changes (an order, fire, strength or place). */
  touched: string[];
  /** Corps and divisions (names) that fought a unit the what-if changes: in contact with the change, not explained. */
  contact: string[];
  /** True when the what-if changes something of the whole battle (weather, parameters, beliefs, ground). */
  global: string[];
  formations: ExplainedFormation[];
  /** True when the formations are the ones asked for (--explain-for), not the largest differences. */
  asked?: boolean;
  method: string;
}

export const EXPLAIN_METHOD = 'per pair of runs (one seed, both arms), the first turn in which the formation\'s sector differs: the guns that fired within 2 hexes of its units, the enemy units it fought, its units that attacked, its units below 75 % supply, and the reserves released, arrivals and withdrawals anywhere up to that turn; counted over the pairs whose men lost differ. A pair whose first difference is the men lost alone differs by its random draws.';

const LEVELS = new Set(['corps', 'division']);

/** Units whose orders, fire, data or place differ between the scenarios (the what-if's sector). */
function touchedUnits(hist: Scenario, what: Scenario): Set<string> {
  const out = new Set<string>();
  const key = (x: unknown) => JSON.stringify(x);
  const before = new Set(hist.schedule.map(key));
  const after = new Set(what.schedule.map(key));
  for (const [items, other] of [[hist.schedule, after], [what.schedule, before]] as const) {
    for (const it of items) {
      if (other.has(key(it))) continue;
      const x = it as { units?: string[]; artillery?: string[] };
      for (const u of [...(x.units ?? []), ...(x.artillery ?? [])]) out.add(u);
    }
  }
  for (const u of what.units) if (!hist.unitById[u.id] || key({ ...hist.unitById[u.id], formation: '' }) !== key({ ...u, formation: '' })) out.add(u.id);
  for (const u of hist.units) if (!what.unitById[u.id]) out.add(u.id);
  return out;
}

/** The corps and divisions the what-if touches, in either arm's tree, and what it changes battle-wide. */
export function whatIfSector(hist: Scenario, what: Scenario, changeTypes: string[]): { units: Set<string>; touched: Set<string>; global: string[] } {
  const touched = new Set<string>();
  const units = touchedUnits(hist, what);
  for (const u of units) {
    for (const s of [hist, what]) for (const f of unitFormations(s, u)) if (LEVELS.has(s.formationById[f].level)) touched.add(f);
  }
  const global = [...new Set(changeTypes.filter((t) => ['weather.override', 'params', 'intelligence', 'ground'].includes(t)))];
  return { units, touched, global };
}

/** Corps and divisions that fought a unit the what-if changes, in some run of either arm. */
function inContact(traces: { historical: RunTrace[]; whatIf: RunTrace[] }, units: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const t of [...traces.historical, ...traces.whatIf]) {
    for (const turn of t.turns) {
      for (const [f, facts] of Object.entries(turn)) {
        if (!out.has(f) && Object.keys(facts).some((k) => k.startsWith('engaged:') && units.has(k.slice(8)))) out.add(f);
      }
    }
  }
  return out;
}

const differs = (a: Facts | undefined, b: Facts | undefined): string[] => {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return [...keys].filter((k) => (a?.[k] ?? 0) !== (b?.[k] ?? 0)).sort();
};

const total = (t: RunTrace, f: string): Facts => {
  const out: Facts = {};
  for (const turn of t.turns) for (const [k, n] of Object.entries(turn[f] ?? {})) out[k] = (out[k] ?? 0) + n;
  return out;
};

/** The facts first seen to differ for formation `f` in one pair, and the turn; null when its sector never differs. */
export function firstDivergence(a: RunTrace, b: RunTrace, f: string): { turn: number; facts: string[] } | null {
  const turns = Math.max(a.turns.length, b.turns.length);
  const moved: string[] = [];
  for (let t = 0; t < turns; t++) {
    // Reserves and arrivals anywhere count when they diverge before or with the sector.
    if (!moved.length) moved.push(...differs(a.global[t], b.global[t]));
    const own = differs(a.turns[t]?.[f], b.turns[t]?.[f]);
    if (!own.length) continue;
    const events = own.filter((k) => k !== 'lost');
    return { turn: t, facts: [...(events.length ? events : ['draws']), ...moved] };
  }
  return null;
}

/** Explains the `top` untouched formations with the largest mean paired differences. */
export function explainComparison(
  r: { figures: Record<string, ExplainFigure> }, hist: Scenario, what: Scenario, changeTypes: string[], traces: { historical: RunTrace[]; whatIf: RunTrace[] }, turnStarts: string[], top = 3,
  /** Formation ids to explain instead of the largest differences (compare --explain-for; runCompare checks they are the scenario's). */
  only?: string[],
): Explanation {
  const { units, touched, global } = whatIfSector(hist, what, changeTypes);
  const contact = [...inContact(traces, units)].filter((f) => !touched.has(f));
  const name = (u: string) => (hist.unitById[u] ?? what.unitById[u])?.name ?? u;
  const sideOf = (u: string) => (hist.unitById[u] ?? what.unitById[u])?.side ?? '';
  const historicalTree = (f: ExplainFigure) => f.kind === 'formation' && !f.id.startsWith(WHATIF_TREE);
  const picked = only
    ? only.map((id) => Object.values(r.figures).find((f) => historicalTree(f) && f.id === id)).filter((f): f is ExplainFigure => f !== undefined)
    : Object.values(r.figures)
      .filter((f) => historicalTree(f) && LEVELS.has(f.level ?? '') && !touched.has(f.id) && !contact.includes(f.id) && f.difference.mean !== 0)
      .sort((x, y) => Math.abs(y.difference.mean) - Math.abs(x.difference.mean) || (x.id < y.id ? -1 : 1))
      .slice(0, top);
  const formations = picked.map((fig): ExplainedFormation => {
    const counts = new Map<string, number>();
    const turns: number[] = [];
    const n = traces.historical.length;
    for (let k = 0; k < n; k++) {
      const [a, b] = [traces.historical[k], traces.whatIf[k]];
      if ((total(a, fig.id).lost ?? 0) === (total(b, fig.id).lost ?? 0)) continue;
      const d = firstDivergence(a, b, fig.id);
      if (!d) continue;
      turns.push(d.turn);
      for (const fact of new Set(d.facts)) counts.set(fact, (counts.get(fact) ?? 0) + 1);
    }
    const perRun = (fact: string, arm: RunTrace[]) => {
      if (fact === 'draws') return 0;
      const [kind, unit] = fact.split(':');
      const isGlobal = !['fire', 'engaged', 'attack', 'supply'].includes(kind);
      let sum = 0;
      for (const t of arm) sum += isGlobal ? t.global.reduce((s, g) => s + (g[`${kind}:${unit}`] ?? 0), 0) : total(t, fig.id)[fact] ?? 0;
      return arm.length ? Math.round((sum / arm.length) * 100) / 100 : 0;
    };
    const causes = [...counts.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 8).map(([fact, pairs]) => ({
      fact, text: `${describeFact(fact, fig.side ?? '', name, sideOf)}${units.has(fact.split(':')[1] ?? '') ? ' [changed by the what-if]' : ''}`, pairs, share: turns.length ? Math.round((pairs / turns.length) * 1000) / 1000 : 0,
      perRun: { historical: perRun(fact, traces.historical), whatIf: perRun(fact, traces.whatIf) },
    }));
    turns.sort((x, y) => x - y);
    const mid = turns[Math.floor((turns.length - 1) / 2)];
    const where = touched.has(fig.id) ? 'touched' as const : contact.includes(fig.id) ? 'contact' as const : undefined;
    return { id: fig.id, name: fig.label, difference: fig.difference, differing: turns.length, ...(turns.length ? { firstTurn: { turn: mid, at: turnStarts[mid] ?? '' } } : {}), ...(where ? { sector: where } : {}), causes };
  });
  const formationName = (f: string) => (hist.formationById[f] ?? what.formationById[f])?.name ?? f;
  return { touched: [...touched].sort().map(formationName), contact: contact.sort().map(formationName), global, formations, ...(only ? { asked: true } : {}), method: EXPLAIN_METHOD };
}

function describeFact(fact: string, own: string, name: (u: string) => string, side: (u: string) => string): string {
  if (fact === 'draws') return 'the same events, different random draws (men lost only)';
  const [kind, unit] = fact.split(':');
  const who = `${name(unit)}${side(unit) ? ` (${side(unit)})` : ''}`;
  switch (kind) {
    case 'fire': return side(unit) === own ? `its side's ${name(unit)} fires in its sector` : `enemy fire on its sector: ${name(unit)}`;
    case 'engaged': return `fights ${who}`;
    case 'attack': return `its ${name(unit)} attacks`;
    case 'supply': return `its ${name(unit)} below 75 % supply`;
    case 'release': return `${who} released from reserve (anywhere)`;
    case 'arrive': return `${who} arrives (anywhere)`;
    case 'withdraw': return `${who} withdrawn (anywhere)`;
    case 'redeploy': return `${who} redeployed (anywhere)`;
    case 'relief': return `${who} relieves or is relieved (anywhere)`;
    default: return fact;
  }
}

const signed = (x: number): string => (x > 0 ? `+${x}` : `${x}`);

/** The lines that say where the what-if acts, before the formations explained (text and compare.html). */
export function explanationSector(e: Explanation): string[] {
  return [
    `the what-if's sector: ${e.touched.length ? e.touched.join(', ') : 'no corps or division'}`,
    ...(e.contact.length ? [`in contact with it (fought a unit it changes; not explained here): ${e.contact.join(', ')}`] : []),
    ...(e.global.length ? [`it also changes the whole battle (${e.global.join(', ')}): every sector is touched by that`] : []),
  ];
}

/** Why an asked formation's difference is partly the change itself, or undefined. */
export function sectorNote(f: ExplainedFormation): string | undefined {
  if (!f.sector) return undefined;
  return `${f.sector === 'touched' ? 'in the what-if\'s sector' : 'in contact with a unit the what-if changes'}: part of this difference is the change itself`;
}

export function formatExplanation(e: Explanation): string {
  const out: string[] = ['', e.asked ? 'Explain: the formations asked for (--explain-for)' : 'Explain: formations outside the what-if\'s sector with the largest paired differences'];
  out.push(...explanationSector(e).map((l) => `  ${l}`));
  if (!e.formations.length) out.push('  no formation outside the sector lost a different number of men');
  for (const f of e.formations) {
    out.push(`  ${f.name}: ${signed(f.difference.mean)} men (mean) [${signed(f.difference.ci95[0])}, ${signed(f.difference.ci95[1])}]; men lost differ in ${f.differing} pairs${f.firstTurn ? `, first divergence (median) turn ${f.firstTurn.turn} (${f.firstTurn.at})` : ''}`);
    const note = sectorNote(f);
    if (note) out.push(`    (${note})`);
    out.push(`    first seen to differ (pairs, share of those that differ)      per run: historical  what-if`);
    for (const c of f.causes) {
      const label = c.text.length > 58 ? `${c.text.slice(0, 57)}…` : c.text;
      out.push(`    ${label.padEnd(58)} ${String(c.pairs).padStart(4)} ${`${Math.round(c.share * 100)} %`.padStart(6)}   ${String(c.perRun.historical).padStart(9)} ${String(c.perRun.whatIf).padStart(8)}`);
    }
  }
  out.push(`  Method: ${e.method}`);
  return out.join('\n');
}
