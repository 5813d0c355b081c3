// Counters for a zoomed-out map: the units on the map grouped into their parent formation
// (brigade or regiment when the hexes are small, division when they are tiny), one counter per
// cluster of a formation's units that stand near each other, on the hex of its strongest unit.
// Also the short designations printed on counters ("1/141", "I./GR 267").
import { type GameState, type Scenario, type UnitSize, type UnitType, unitDivision } from '../../engine/core/index.ts';

export interface FormationGroup {
  key: string;
  formation: string;
  side: GameState['units'][string]['side'];
  hex: number;
  units: string[];
  men: number;
  startMen: number;
  type: UnitType;
  size: UnitSize;
  label: string;
}

export type GroupLevel = 'formation' | 'division';

const SIZE_OF_LEVEL: Record<string, UnitSize> = { division: 'division', brigade: 'brigade', regiment: 'regiment' };

/**
 * Groups the units on the map (ids by hex, as the counters stack them) by `level`, splitting a
 * formation whose units stand more than `radius` hexes from the strongest of a cluster.
 */
export function formationGroups(
  s: GameState, sc: Scenario, stacks: Map<number, string[]>, level: GroupLevel, radius: number,
  distance: (a: number, b: number) => number,
): FormationGroup[] {
  const byFormation = new Map<string, string[]>();
  for (const ids of stacks.values()) {
    for (const id of ids) {
      const def = sc.unitById[id];
      const f = (level === 'division' ? unitDivision(sc, id) : undefined) ?? def.formation;
      const list = byFormation.get(f);
      if (list) list.push(id); else byFormation.set(f, [id]);
    }
  }
  const groups: FormationGroup[] = [];
  for (const [f, ids] of [...byFormation].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    ids.sort((a, b) => s.units[b].men - s.units[a].men || (a < b ? -1 : 1));
    const clusters: string[][] = [];
    for (const id of ids) {
      const home = clusters.find((c) => distance(s.units[c[0]].hex, s.units[id].hex) <= radius);
      if (home) home.push(id); else clusters.push([id]);
    }
    clusters.forEach((c, i) => groups.push(groupOf(s, sc, f, c, `${f}#${i}`)));
  }
  return groups;
}

function groupOf(s: GameState, sc: Scenario, f: string, ids: string[], key: string): FormationGroup {
  const form = sc.formationById[f];
  const menByType = new Map<UnitType, number>();
  let men = 0; let startMen = 0;
  for (const id of ids) {
    const t = sc.unitById[id].type;
    menByType.set(t, (menByType.get(t) ?? 0) + s.units[id].men);
    men += s.units[id].men;
    startMen += sc.unitById[id].men;
  }
  const type = [...menByType].sort((a, b) => b[1] - a[1])[0][0];
  return {
    key, formation: f, side: s.units[ids[0]].side, hex: s.units[ids[0]].hex, units: ids, men, startMen, type,
    size: SIZE_OF_LEVEL[form?.level ?? ''] ?? 'group', label: formationLabel(form?.name ?? f),
  };
}

/** A formation's name cut to what fits on a counter: "US 36th Infantry Division" -> "36th Inf Div". */
export function formationLabel(name: string): string {
  const short = name
    .replace(/^(US|UK|British|German|French|Polish|Indian|New Zealand|NZ|Canadian)\s+/i, '')
    .replace(/Infantry/g, 'Inf').replace(/Division/g, 'Div').replace(/Brigade/g, 'Bde').replace(/Regiment/g, 'Rgt')
    .replace(/Armoured/g, 'Armd').replace(/Panzergrenadier/g, 'PzGren').replace(/Parachute/g, 'Para').replace(/Mountain/g, 'Mtn');
  return short.length > 16 ? `${short.slice(0, 15)}…` : short;
}

/** A unit's designation for its counter, from its id: "us-1-141" -> "1/141", "de-1-gr-267" -> "1/GR 267". */
export function designation(id: string): string {
  const parts = id.split('-').slice(1);
  const lead: string[] = [];
  while (parts.length && /^\d+$/.test(parts[0])) lead.push(parts.shift()!);
  const words = parts.map((p) => (/^\d+$/.test(p) || p.length <= 3 ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1, 5)));
  const text = [lead.join('/'), words.join(' ')].filter(Boolean).join(lead.length && words.length ? '/' : '');
  return text.length > 13 ? `${text.slice(0, 12)}…` : text;
}

/** Men on a counter: "820", "1.2k", "14k". */
export function strengthText(men: number): string {
  if (men < 1000) return String(men);
  return men < 10000 ? `${(men / 1000).toFixed(1)}k` : `${Math.round(men / 1000)}k`;
}
