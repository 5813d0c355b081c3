// The compiled Monte Cassino sector map (scenarios/maps/cassino-sector.map.json): structure,
// documented places and distances, rivers as continuous barriers, roads, observation, and that the
// committed file is exactly what the build makes from the sources.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { axialDistance, haversineM, latLonToAxial } from '../engine/core/hex.ts';
import {
  type HexMapData, type MapIndex, axialHex, decodeRuns, hexAxial, hexDistance, hexIndex, indexMap, TERRAIN_TYPES,
} from '../engine/core/map.ts';
import { compileMap, serializeMap } from '../engine/node/map-build/compile.ts';
import { MAP_OUT, SOURCES_DIR, SourceError, loadSources } from '../engine/node/map-build/main.ts';

const text = readFileSync(MAP_OUT, 'utf8');
const data = JSON.parse(text) as HexMapData;
const map: MapIndex = indexMap(data);
const hexOf = (id: string): number => {
  const h = map.hexOfPlace.get(id);
  if (h === undefined) throw new Error(`no place ${id}`);
  return h;
};

const REQUIRED_PLACES = [
  'abbey', 'cassino-town', 'cassino-station', 'castle-hill', 'point-165', 'point-175', 'point-202', 'point-236',
  'hangmans-hill', 'point-445', 'point-593', 'point-575', 'snakeshead-ridge', 'polish-cemetery', 'san-onofrio',
  'albaneta-farm', 'caira', 'cavendish-road', 'death-valley', 'monte-cairo', 'monte-belvedere', 'colle-abate',
  'monte-cifalco', 'monte-castellone', 'monte-trocchio', 'cervaro', 'sant-angelo', 'piedimonte', 'pontecorvo',
  'aquino', 'monte-maio', 'minturno', 'castelforte', 'garigliano-mouth', 'liri-rapido-junction', 'sant-ambrogio',
  'san-giorgio-a-liri', 'esperia', 'ausonia', 'santi-cosma', 'suio', 'monte-faito', 'monte-damiano',
  'cassino-crossing-north', 'cassino-crossing-south', 'amazon-bridge', 'highway-6-bridge',
];

/** Heights documented by the project's sources (positions or point numbers). */
const DOCUMENTED_HEIGHTS: Record<string, number> = {
  abbey: 516, 'cassino-town': 40, 'monte-cairo': 1669, 'sant-angelo': 47, piedimonte: 120, pontecorvo: 97,
  minturno: 141, castelforte: 130, 'monte-cifalco': 947, 'castle-hill': 193, 'point-165': 165, 'point-175': 175,
  'point-202': 202, 'point-236': 236, 'hangmans-hill': 435, 'point-445': 445, 'point-593': 593, 'point-575': 575,
};

/** Documented positions (degrees) that the source must carry exactly. */
const DOCUMENTED_POSITIONS: Record<string, [number, number]> = {
  abbey: [41.49, 13.813889], 'cassino-town': [41.491667, 13.833333], 'monte-cairo': [41.541667, 13.76],
  'sant-angelo': [41.446944, 13.831389], piedimonte: [41.497222, 13.750278], pontecorvo: [41.4626, 13.6676],
  minturno: [41.266667, 13.75], castelforte: [41.300278, 13.823056], 'polish-cemetery': [41.493889, 13.806111],
};

describe('compiled map structure', () => {
  it('has the grid, one terrain letter and one elevation per hex', () => {
    expect(data.id).toBe('cassino-sector');
    expect(data.version).toBe('1');
    expect(data.grid.hexSizeM).toBe(250);
    const n = data.grid.cols * data.grid.rows;
    expect(n).toBeGreaterThanOrEqual(4000);
    expect(data.terrain.length).toBe(n);
    expect(data.elevation.length).toBe(n);
    for (const ch of new Set(data.terrain)) expect(TERRAIN_TYPES).toContain(data.legend[ch]);
    expect(data.elevation.every((e) => Number.isInteger(e) && e >= 0 && e < 2000)).toBe(true);
  });

  it('covers the sector from the Garigliano mouth to Cifalco and from Pontecorvo to Cervaro', () => {
    for (const id of ['garigliano-mouth', 'monte-cifalco', 'pontecorvo', 'cervaro', 'monte-cairo']) {
      const p = map.placeById.get(id)!;
      expect(p.col).toBeGreaterThan(0);
      expect(p.row).toBeGreaterThan(0);
      expect(p.col).toBeLessThan(data.grid.cols - 1);
      expect(p.row).toBeLessThan(data.grid.rows - 1);
    }
    expect(map.terrain.filter((t) => t === 'sea').length).toBeGreaterThan(100);
  });
});

describe('places', () => {
  it('has every required place, in the hex its lat/lon projects to', () => {
    for (const id of REQUIRED_PLACES) {
      const p = map.placeById.get(id);
      expect(p, id).toBeDefined();
      expect(p!.source.length, id).toBeGreaterThan(0);
      const h = axialHex(map, latLonToAxial(data.grid, { lat: p!.lat, lon: p!.lon }));
      expect(h, id).toBe(hexIndex(map, p!.col, p!.row));
    }
    expect(map.placeById.has('presenzano')).toBe(false);
  });

  it('keeps the documented positions exactly and marks the rest estimated', () => {
    for (const [id, [lat, lon]] of Object.entries(DOCUMENTED_POSITIONS)) {
      const p = map.placeById.get(id)!;
      expect([p.lat, p.lon], id).toEqual([lat, lon]);
      expect(p.estimated, id).toBeUndefined();
    }
    expect(map.placeById.get('hangmans-hill')!.estimated).toBe(true);
  });

  it('gives each documented height to the hex of its point', () => {
    for (const [id, height] of Object.entries(DOCUMENTED_HEIGHTS)) {
      expect(Math.abs(map.elevation[hexOf(id)] - height), id).toBeLessThanOrEqual(10);
    }
    for (const p of data.places) expect(Math.abs(map.elevation[hexOf(p.id)] - p.elevationM), p.id).toBeLessThanOrEqual(60);
  });

  it('puts the abbey, the town and the hills in the right terrain', () => {
    expect(map.terrain[hexOf('abbey')]).toBe('abbey');
    expect(map.terrain[hexOf('cassino-town')]).toBe('town');
    for (const id of ['point-593', 'point-445', 'hangmans-hill', 'point-575', 'albaneta-farm']) {
      expect(['rugged-bare', 'rugged-mixed'], id).toContain(map.terrain[hexOf(id)]);
    }
    const flooded = map.terrain.filter((t) => t === 'flooded' || t === 'marsh').length;
    expect(flooded).toBeGreaterThan(50);
  });

  it('keeps the points round Monastery Hill in distinct hexes', () => {
    const ids = ['abbey', 'point-593', 'point-445', 'hangmans-hill', 'point-236', 'point-202', 'castle-hill',
      'point-165', 'cassino-town', 'cassino-station'];
    expect(new Set(ids.map(hexOf)).size).toBe(ids.length);
  });

  it('respects the documented distances', () => {
    expect(hexDistance(map, hexOf('abbey'), hexOf('hangmans-hill'))).toBe(1);
    expect([1, 2]).toContain(hexDistance(map, hexOf('abbey'), hexOf('point-445')));
    expect(hexDistance(map, hexOf('snakeshead-ridge'), hexOf('point-593'))).toBeLessThanOrEqual(1);
    const P = (id: string) => map.placeById.get(id)!;
    expect(haversineM(P('abbey'), P('hangmans-hill'))).toBeCloseTo(230, -1);
    expect(haversineM(P('abbey'), P('point-445'))).toBeLessThan(370);
    const station = haversineM(P('cassino-town'), P('cassino-station'));
    expect(station).toBeGreaterThan(1000);
    expect(station).toBeLessThan(1300);
    const onofrio = haversineM(P('abbey'), P('san-onofrio'));
    expect(onofrio).toBeGreaterThan(800);
    expect(onofrio).toBeLessThan(1200);
    // Point 593 lies beyond the Polish cemetery from the abbey.
    expect(haversineM(P('abbey'), P('point-593'))).toBeGreaterThan(haversineM(P('abbey'), P('polish-cemetery')));
    expect(haversineM(P('point-593'), P('polish-cemetery'))).toBeLessThan(haversineM(P('abbey'), P('point-593')));
    const cifalco = haversineM(P('cassino-town'), P('monte-cifalco'));
    expect(cifalco).toBeGreaterThan(8000);
    expect(cifalco).toBeLessThan(12000);
  });
});

// --- rivers ------------------------------------------------------------------------------------

const RIVERS = ['rapido', 'gari', 'liri', 'garigliano'];
const sidesOf = (river?: string) => data.riverSides.filter((s) => !river || s.river === river);
const sideKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** Hexes reachable from `from` within `radius` of it, not entering sea, not crossing `blocked` sides. */
function reach(from: number, blocked: Set<string>, radius = Infinity): Set<number> {
  const seen = new Set([from]);
  const queue = [from];
  const centre = hexAxial(map, from);
  while (queue.length) {
    const h = queue.pop()!;
    for (let d = 0; d < 6; d++) {
      const n = map.neighbours[h * 6 + d];
      if (n < 0 || seen.has(n) || map.terrain[n] === 'sea' || blocked.has(sideKey(h, n))) continue;
      if (radius !== Infinity && axialDistance(centre, hexAxial(map, n)) > radius) continue;
      seen.add(n);
      queue.push(n);
    }
  }
  return seen;
}

describe('rivers', () => {
  const all = new Set(sidesOf().map((s) => sideKey(s.a, s.b)));

  it('has the four rivers, every side between adjacent hexes', () => {
    expect(data.rivers.map((r) => r.id)).toEqual(RIVERS);
    for (const r of RIVERS) expect(sidesOf(r).length, r).toBeGreaterThan(30);
    for (const s of data.riverSides) expect(hexDistance(map, s.a, s.b)).toBe(1);
    expect(new Set(data.riverSides.map((s) => sideKey(s.a, s.b))).size).toBe(data.riverSides.length);
  });

  it('makes each river a continuous barrier: no way round any river side nearby', () => {
    for (const r of RIVERS) {
      const own = new Set(sidesOf(r).map((s) => sideKey(s.a, s.b)));
      const others = sidesOf().filter((s) => s.river !== r);
      for (const s of sidesOf(r)) {
        if (map.terrain[s.a] === 'sea' || map.terrain[s.b] === 'sea') continue;
        // Every side, with all rivers as barriers.
        expect(reach(s.a, all, 3).has(s.b), `${r} ${s.a}-${s.b} (all rivers)`).toBe(false);
        // Away from where it meets another river, the river alone is a barrier.
        const nearJunction = others.some((o) => hexDistance(map, o.a, s.a) <= 4);
        if (!nearJunction) expect(reach(s.a, own, 3).has(s.b), `${r} ${s.a}-${s.b}`).toBe(false);
      }
    }
  });

  it('cuts the sector into its banks', () => {
    const east = reach(hexOf('monte-trocchio'), all);
    for (const id of ['abbey', 'cassino-town', 'cassino-station', 'sant-angelo', 'piedimonte', 'castelforte']) {
      expect(east.has(hexOf(id)), id).toBe(false);
    }
    for (const id of ['cervaro', 'sant-ambrogio']) expect(east.has(hexOf(id)), id).toBe(true);
    const north = reach(hexOf('piedimonte'), all);
    for (const id of ['esperia', 'san-giorgio-a-liri', 'ausonia']) expect(north.has(hexOf(id)), id).toBe(false);
    for (const id of ['abbey', 'aquino', 'pontecorvo', 'cassino-town']) expect(north.has(hexOf(id)), id).toBe(true);
  });

  it('fords the Rapido north of Cassino but not the Gari, the Liri or the Garigliano', () => {
    const townRow = map.placeById.get('cassino-town')!.row;
    const north = sidesOf('rapido').filter((s) => Math.max(s.a, s.b) < (townRow - 3) * data.grid.cols);
    expect(north.length).toBeGreaterThan(30);
    expect(north.every((s) => s.fordable)).toBe(true);
    for (const r of ['gari', 'liri', 'garigliano']) expect(sidesOf(r).some((s) => s.fordable), r).toBe(false);
    expect(Math.min(...sidesOf('gari').map((s) => s.depthM))).toBeGreaterThan(1.5);
  });

  it('keeps river hexes near the valley floor and no bridge standing', () => {
    for (const r of ['gari', 'garigliano']) {
      for (const s of sidesOf(r)) expect(Math.min(map.elevation[s.a], map.elevation[s.b]), r).toBeLessThanOrEqual(60);
    }
    expect(data.riverSides.some((s) => s.bridge)).toBe(false);
  });
});

// --- links -------------------------------------------------------------------------------------

function linkComponent(start: number, name: string): Set<number> {
  const adj = new Map<number, number[]>();
  for (const l of data.links) {
    if (l.name !== name) continue;
    adj.set(l.a, [...(adj.get(l.a) ?? []), l.b]);
    adj.set(l.b, [...(adj.get(l.b) ?? []), l.a]);
  }
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) for (const n of adj.get(queue.pop()!) ?? []) if (!seen.has(n)) { seen.add(n); queue.push(n); }
  return seen;
}

describe('links', () => {
  it('joins only adjacent hexes', () => {
    for (const l of data.links) expect(hexDistance(map, l.a, l.b)).toBe(1);
    for (const k of ['highway', 'road', 'railway', 'track', 'mule-track']) {
      expect(data.links.some((l) => l.kind === k), k).toBe(true);
    }
  });

  it('runs Highway 6 as one chain from east of the Rapido through Cassino to Piedimonte', () => {
    const hw6 = data.links.filter((l) => l.name === 'Highway 6 (Via Casilina)');
    expect(hw6.every((l) => l.kind === 'highway')).toBe(true);
    const hexes = [...new Set(hw6.flatMap((l) => [l.a, l.b]))];
    const eastEnd = hexes.reduce((best, h) => (hexAxial(map, h).q > hexAxial(map, best).q ? h : best));
    const eastBank = reach(hexOf('monte-trocchio'), new Set(sidesOf().map((s) => sideKey(s.a, s.b))));
    expect(eastBank.has(eastEnd)).toBe(true);
    const chain = linkComponent(eastEnd, 'Highway 6 (Via Casilina)');
    expect([...chain].some((h) => hexDistance(map, h, hexOf('cassino-town')) <= 1)).toBe(true);
    expect([...chain].some((h) => hexDistance(map, h, hexOf('piedimonte')) <= 2)).toBe(true);
    expect([...chain].some((h) => hexDistance(map, h, hexOf('aquino')) <= 1)).toBe(true);
    // It crosses the Rapido at the (blown) Highway 6 bridge site.
    const rapido = new Set(sidesOf('rapido').map((s) => sideKey(s.a, s.b)));
    const crossing = hw6.filter((l) => rapido.has(sideKey(l.a, l.b)));
    expect(crossing.length).toBe(1);
    expect(hexDistance(map, crossing[0].a, hexOf('highway-6-bridge'))).toBeLessThanOrEqual(1);
  });

  it('has Highway 7 near Minturno, crossing the Garigliano', () => {
    const hw7 = data.links.filter((l) => l.name === 'Highway 7 (Via Appia)');
    expect(hw7.length).toBeGreaterThan(20);
    expect(hw7.some((l) => hexDistance(map, l.a, hexOf('minturno')) <= 10)).toBe(true);
    const garigliano = new Set(sidesOf('garigliano').map((s) => sideKey(s.a, s.b)));
    expect(hw7.some((l) => garigliano.has(sideKey(l.a, l.b)))).toBe(true);
  });

  it('has the railway through Cassino station and the Cavendish Road to Albaneta', () => {
    const rail = data.links.filter((l) => l.kind === 'railway');
    expect(rail.some((l) => l.a === hexOf('cassino-station') || l.b === hexOf('cassino-station'))).toBe(true);
    const cav = linkComponent(hexOf('caira'), 'Cavendish Road');
    expect(cav.has(hexOf('albaneta-farm'))).toBe(true);
  });
});

// --- observation -------------------------------------------------------------------------------

describe('observation posts', () => {
  const seenFrom = (id: string): Set<number> => {
    const op = data.observationPosts.find((o) => o.hex === hexOf(id));
    expect(op, id).toBeDefined();
    return new Set(decodeRuns(op!.seen));
  };

  it('has the named high points and local maxima, with sorted run-length viewsheds', () => {
    for (const id of ['abbey', 'point-593', 'monte-cifalco', 'monte-cairo', 'monte-trocchio', 'castle-hill',
      'monte-maio', 'monte-belvedere', 'monte-castellone', 'point-575', 'hangmans-hill', 'monte-faito']) {
      expect(seenFrom(id).has(hexOf(id)), id).toBe(true);
    }
    expect(data.observationPosts.length).toBeGreaterThan(15);
    for (const op of data.observationPosts) {
      const hexes = decodeRuns(op.seen);
      for (let i = 1; i < hexes.length; i++) expect(hexes[i]).toBeGreaterThan(hexes[i - 1]);
      expect(hexes.every((h) => hexDistance(map, h, op.hex) <= 33)).toBe(true);
    }
  });

  it('lets the abbey see the Rapido valley, Cassino, the station and Death Valley', () => {
    const seen = seenFrom('abbey');
    for (const id of ['cassino-town', 'cassino-station', 'death-valley', 'sant-angelo', 'monte-trocchio']) {
      expect(seen.has(hexOf(id)), id).toBe(true);
    }
    const valley = [...new Set(sidesOf('rapido').concat(sidesOf('gari')).flatMap((s) => [s.a, s.b]))]
      .filter((h) => hexDistance(map, h, hexOf('abbey')) <= 30);
    const visible = valley.filter((h) => seen.has(h)).length;
    expect(visible / valley.length).toBeGreaterThan(0.8);
    const track = [...new Set(data.links.filter((l) => l.name === 'Death Valley mule track').flatMap((l) => [l.a, l.b]))];
    expect(track.filter((h) => seen.has(h)).length / track.length).toBeGreaterThan(0.5);
  });

  it('hides the far side of the heights from the abbey', () => {
    const seen = seenFrom('abbey');
    const abbey = hexAxial(map, hexOf('abbey'));
    for (const id of ['monte-castellone', 'point-593', 'monte-cairo']) {
      const top = hexAxial(map, hexOf(id));
      const d = axialDistance(abbey, top);
      const k = Math.min(3, 32 - d);
      const behind = axialHex(map, {
        q: top.q + Math.round(((top.q - abbey.q) * k) / d), r: top.r + Math.round(((top.r - abbey.r) * k) / d),
      });
      expect(hexDistance(map, behind, hexOf('abbey')), id).toBeLessThanOrEqual(32);
      expect(seen.has(behind), id).toBe(false);
    }
  });
});

// --- build -------------------------------------------------------------------------------------

describe('map build', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cassino-map-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reproduces the committed map exactly from the sources', () => {
    const rebuilt = serializeMap(compileMap(loadSources(SOURCES_DIR)));
    expect(rebuilt === text).toBe(true);
  });

  it('names the file, the path and the expectation of a broken source', () => {
    const dir = path.join(tmp, 'broken-type');
    cpSync(SOURCES_DIR, dir, { recursive: true });
    const places = JSON.parse(readFileSync(path.join(dir, 'places.json'), 'utf8'));
    places.places[3].lat = 'north';
    writeFileSync(path.join(dir, 'places.json'), JSON.stringify(places));
    expect(() => loadSources(dir)).toThrow(SourceError);
    expect(() => loadSources(dir)).toThrow(/places\.json: places\[3\]\.lat: .*expected number/);

    const dir2 = path.join(tmp, 'broken-missing');
    cpSync(SOURCES_DIR, dir2, { recursive: true });
    const rivers = JSON.parse(readFileSync(path.join(dir2, 'rivers.json'), 'utf8'));
    delete rivers.rivers[1].stretches[0].widthM;
    writeFileSync(path.join(dir2, 'rivers.json'), JSON.stringify(rivers));
    expect(() => loadSources(dir2)).toThrow(/rivers\.json: rivers\[1\]\.stretches\[0\]\.widthM: .*expected number/);

    const dir3 = path.join(tmp, 'broken-json');
    cpSync(SOURCES_DIR, dir3, { recursive: true });
    writeFileSync(path.join(dir3, 'routes.json'), '{ "routes": [ ');
    expect(() => loadSources(dir3)).toThrow(/routes\.json: invalid JSON/);

    const dir4 = path.join(tmp, 'broken-kind');
    cpSync(SOURCES_DIR, dir4, { recursive: true });
    const routes = JSON.parse(readFileSync(path.join(dir4, 'routes.json'), 'utf8'));
    routes.routes[0].kind = 'motorway';
    writeFileSync(path.join(dir4, 'routes.json'), JSON.stringify(routes));
    expect(() => loadSources(dir4)).toThrow(/routes\.json: routes\[0\]\.kind: /);
  });
});
