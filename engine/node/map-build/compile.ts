// Map build, pure part: the source schemas (zod) and the deterministic compiler from the geographic
// sources in scenarios/maps/sources/ to the compiled hex map (HexMapData, engine/core/map.ts).
// No I/O, no clock, no randomness; every loop runs in file order or index order, so the same
// sources always give the same JSON (see serializeMap).
import { z } from 'zod';
import {
  type Axial, type GeoGrid, AXIAL_DIRECTIONS, axialDistance, axialLine, axialSpiral, axialToOffset,
  axialToPoint, latLonToAxial, latLonToMetres, offsetToAxial,
} from '../../core/hex.ts';
import {
  type HexMapData, type LinkKind, type MapLink, type MapObservationPost, type MapPlace, type MapRiverSide,
  type TerrainType, LINK_KINDS, TERRAIN_TYPES, encodeRuns,
} from '../../core/map.ts';

/** A problem in a source file; the message names the file, the path inside it and what was expected. */
export class SourceError extends Error {
  override name = 'SourceError';
}

// --- source schemas ----------------------------------------------------------------------------

const lat = z.number().min(-90).max(90);
const lon = z.number().min(-180).max(180);
const latLon = z.tuple([lat, lon]);
const source = z.string().min(1);
const estimated = z.boolean().optional();
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case kebab-case id');
const terrain = z.enum(TERRAIN_TYPES);
const metres = z.number().min(-100).max(5000);

function uniqueIds(items: Array<{ id: string }>, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) ctx.addIssue({ code: 'custom', message: `expected a unique id, "${it.id}" is repeated`, path: [i, 'id'] });
    seen.add(it.id);
  });
}

export const PlaceSchema = z.strictObject({
  id,
  name: z.string().min(1),
  /** peak, point, town, village, farm, station, ridge, bridge-site, ... */
  kind: z.string().min(1),
  lat,
  lon,
  elevationM: metres,
  /** A summit or spot height: the terrain rises to it as a cone (see model.defaultSummitSlope). */
  summit: z.boolean().optional(),
  /** Fall of the summit cone, metres per metre. */
  slope: z.number().positive().max(3).optional(),
  /** Non-summit places are control points of the base surface unless this is false (places up in a massif). */
  baseControl: z.boolean().optional(),
  /** Forces the terrain of the place's hex. */
  terrain: terrain.optional(),
  observationPost: z.boolean().optional(),
  /** Eye height of the post above the ground, metres, where a building raises it (default: model). */
  observerHeightM: z.number().min(0).max(100).optional(),
  source,
  estimated,
});
export const PlacesFileSchema = z.strictObject({
  description: z.string().optional(),
  places: z.array(PlaceSchema).min(1).superRefine(uniqueIds),
});

const StretchSchema = z.strictObject({
  name: z.string().min(1),
  points: z.array(latLon).min(2),
  widthM: z.number().positive(),
  depthM: z.number().positive(),
  fordable: z.boolean(),
  /** Water surface height at the first and at the last point, metres. */
  surfaceM: z.tuple([metres, metres]),
  source,
  estimated,
});
const RiverSchema = z.strictObject({
  id,
  name: z.string().min(1),
  source,
  stretches: z.array(StretchSchema).min(1),
}).superRefine((r, ctx) => {
  for (let i = 1; i < r.stretches.length; i++) {
    const prev = r.stretches[i - 1].points;
    const [pl, po] = prev[prev.length - 1];
    const [l, o] = r.stretches[i].points[0];
    if (pl !== l || po !== o) {
      ctx.addIssue({
        code: 'custom', path: ['stretches', i, 'points', 0],
        message: `expected the stretch to start where the previous one ends (${pl}, ${po})`,
      });
    }
  }
});
const FloodSchema = z.strictObject({
  id,
  name: z.string().min(1),
  terrain: z.enum(['flooded', 'marsh']),
  polygon: z.array(latLon).min(3),
  source,
  estimated,
});
const BridgeSchema = z.strictObject({
  id,
  name: z.string().min(1),
  river: id,
  lat,
  lon,
  /** True only where a source documents that the bridge existed and stood. */
  standing: z.boolean(),
  source,
  estimated,
});
export const RiversFileSchema = z.strictObject({
  description: z.string().optional(),
  rivers: z.array(RiverSchema).min(1).superRefine(uniqueIds),
  floods: z.array(FloodSchema).superRefine(uniqueIds),
  bridges: z.array(BridgeSchema).superRefine(uniqueIds),
}).superRefine((f, ctx) => {
  const ids = new Set(f.rivers.map((r) => r.id));
  f.bridges.forEach((b, i) => {
    if (!ids.has(b.river)) {
      ctx.addIssue({ code: 'custom', path: ['bridges', i, 'river'], message: `expected one of the river ids (${[...ids].join(', ')})` });
    }
  });
});

export const RouteSchema = z.strictObject({
  id,
  name: z.string().min(1),
  kind: z.enum(LINK_KINDS),
  points: z.array(latLon).min(2),
  source,
  estimated,
});
export const RoutesFileSchema = z.strictObject({
  description: z.string().optional(),
  routes: z.array(RouteSchema).min(1).superRefine(uniqueIds),
});

const AreaSchema = z.strictObject({
  id,
  name: z.string().min(1),
  terrain,
  polygon: z.array(latLon).min(3),
  /** Fixed height of every hex whose terrain the area sets (the sea). */
  elevationM: metres.optional(),
  /** Clamp of the height of every hex whose terrain the area sets (valley floors, plains). */
  minM: metres.optional(),
  maxM: metres.optional(),
  /** Bulk of a massif: added to the base height, rising smoothly from 0 at the edge over rampM. */
  upliftM: z.number().min(0).max(3000).optional(),
  rampM: z.number().positive().optional(),
  source,
  estimated,
}).superRefine((a, ctx) => {
  if (a.upliftM !== undefined && a.rampM === undefined) {
    ctx.addIssue({ code: 'custom', path: ['rampM'], message: 'expected rampM (metres) with upliftM' });
  }
  if (a.minM !== undefined && a.maxM !== undefined && a.minM > a.maxM) {
    ctx.addIssue({ code: 'custom', path: ['minM'], message: 'expected minM <= maxM' });
  }
});
const RidgeSchema = z.strictObject({
  id,
  name: z.string().min(1),
  /** Fall away from the crest line, metres per metre. */
  slope: z.number().positive().max(3).optional(),
  /** Crest line: [lat, lon, height m] per vertex. */
  points: z.array(z.tuple([lat, lon, metres])).min(2),
  source,
  estimated,
});
const SpotHeightSchema = z.strictObject({ lat, lon, elevationM: metres, source, estimated });
const int = z.number().int();
const ModelSchema = z.strictObject({
  map: z.strictObject({ id, version: z.string().min(1), name: z.string().min(1) }),
  grid: z.strictObject({
    origin: z.strictObject({ lat, lon }),
    hexSizeM: z.number().positive(),
    cols: int.positive().max(1000),
    rows: int.positive().max(1000),
  }),
  defaultTerrain: terrain,
  /** Inverse-distance-weighting power of the base surface through the low control points. */
  idwPower: z.number().positive(),
  defaultSummitSlope: z.number().positive(),
  defaultRidgeSlope: z.number().positive(),
  /** Around a non-summit place the surface eases to the place's height within this radius. */
  pinRadiusM: z.number().min(0),
  /** River hexes lie at most this far above the water surface. */
  riverBankM: z.number().min(0),
  observation: z.strictObject({
    observerHeightM: z.number().min(0),
    targetHeightM: z.number().min(0),
    rangeM: z.number().positive(),
    refraction: z.number().min(0).max(1),
    localMaxRadiusHexes: int.positive(),
    reliefRadiusHexes: int.positive(),
    minReliefM: z.number().min(0),
    minElevationM: z.number(),
    maxLocalPosts: int.min(0),
    exclusionHexes: int.min(0),
  }),
});
export const AreasFileSchema = z.strictObject({
  description: z.string().optional(),
  model: ModelSchema,
  areas: z.array(AreaSchema).min(1).superRefine(uniqueIds),
  ridges: z.array(RidgeSchema).superRefine(uniqueIds),
  spotHeights: z.array(SpotHeightSchema),
});

export type PlacesFile = z.infer<typeof PlacesFileSchema>;
export type RiversFile = z.infer<typeof RiversFileSchema>;
export type RoutesFile = z.infer<typeof RoutesFileSchema>;
export type AreasFile = z.infer<typeof AreasFileSchema>;
export interface MapSources { places: PlacesFile; rivers: RiversFile; routes: RoutesFile; areas: AreasFile }

/** The source files, in the order they are read, with their schemas. */
export const SOURCE_FILES = {
  places: { file: 'places.json', schema: PlacesFileSchema },
  rivers: { file: 'rivers.json', schema: RiversFileSchema },
  routes: { file: 'routes.json', schema: RoutesFileSchema },
  areas: { file: 'areas.json', schema: AreasFileSchema },
} as const;

export const MAP_SOURCE_NOTE =
  'npm run build:map (tsx engine/node/map-build/main.ts) from scenarios/maps/sources/places.json, rivers.json, routes.json, areas.json';

/** One character per terrain type in the compiled `terrain` string. */
export const TERRAIN_CHARS: Record<TerrainType, string> = {
  sea: '~', flat: '.', flooded: 'w', marsh: 'm', rolling: 'r', 'rugged-mixed': 'M', 'rugged-bare': 'B',
  'rugged-wooded': 'W', town: 'T', rubble: 'x', abbey: 'A', 'abbey-ruins': 'a',
};

// --- geometry helpers (metres, x east, y south) -------------------------------------------------

type Pt = { x: number; y: number };

interface Poly { pts: Pt[]; minX: number; maxX: number; minY: number; maxY: number }

function makePoly(pts: Pt[]): Poly {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const p of pts) {
    minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y);
  }
  return { pts, minX, maxX, minY, maxY };
}

function inPoly(poly: Poly, x: number, y: number): boolean {
  if (x < poly.minX || x > poly.maxX || y < poly.minY || y > poly.maxY) return false;
  const p = poly.pts;
  let inside = false;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
    const yi = p[i].y, yj = p[j].y;
    if ((yi > y) !== (yj > y)) {
      const xCross = p[j].x + ((y - yj) / (yi - yj)) * (p[i].x - p[j].x);
      if (x < xCross) inside = !inside;
    }
  }
  return inside;
}

/** Distance from p to the segment a-b, and the parameter t (0..1) of the nearest point. */
function segDist(px: number, py: number, a: Pt, b: Pt): { d: number; t: number } {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - a.x) * dx + (py - a.y) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const qx = a.x + t * dx - px, qy = a.y + t * dy - py;
  return { d: Math.sqrt(qx * qx + qy * qy), t };
}

function distToEdge(poly: Poly, x: number, y: number): number {
  const p = poly.pts;
  let best = Infinity;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) best = Math.min(best, segDist(x, y, p[j], p[i]).d);
  return best;
}

/** Parameter u (0..1) along c-d where segment a-b crosses it, or -1. Closed intervals. */
function crossParam(a: Pt, b: Pt, c: Pt, d: Pt): number {
  const rx = b.x - a.x, ry = b.y - a.y, sx = d.x - c.x, sy = d.y - c.y;
  const den = rx * sy - ry * sx;
  if (Math.abs(den) < 1e-9) return -1;
  const qx = c.x - a.x, qy = c.y - a.y;
  const t = (qx * sy - qy * sx) / den;
  const u = (qx * ry - qy * rx) / den;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? u : -1;
}

function smoothstep(t: number): number {
  const c = Math.max(0, Math.min(1, t));
  return c * c * (3 - 2 * c);
}

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6 + 0;

// --- the compiler -------------------------------------------------------------------------------

/** The grid every step works on: hex centres in metres, axial coordinates, projections. */
interface Frame {
  src: MapSources;
  model: AreasFile['model'];
  grid: GeoGrid;
  dims: { cols: number; rows: number };
  size: number;
  N: number;
  axial: Axial[];
  cx: Float64Array;
  cy: Float64Array;
  proj(la: number, lo: number): Pt;
  hexOf(la: number, lo: number): number;
}

interface ProjectedArea { a: AreasFile['areas'][number]; poly: Poly }

interface ProjectedStretch {
  s: RiversFile['rivers'][number]['stretches'][number];
  pts: Pt[];
  surfaceAt(i: number, u: number): number;
  poly: Poly;
}

interface ProjectedRiver { r: RiversFile['rivers'][number]; stretches: ProjectedStretch[] }

interface RiverSeg { st: ProjectedStretch; i: number; p: Pt; q: Pt; last: boolean }

export function compileMap(src: MapSources): HexMapData {
  const f = makeFrame(src);
  const { areas, owner, uplift } = areaOwnership(f);
  const rivers = projectRivers(f);
  const elev = baseSurface(f, rivers, uplift);
  raiseSummitsAndRidges(f, elev);
  const terrainOf = areaTerrain(f, areas, owner, elev);
  const riverSides = riverHexsides(f, rivers, elev, terrainOf);
  const places = pinPlaces(f, elev, terrainOf);
  const elevation: number[] = Array.from(elev, (v) => Math.round(v) + 0);
  markStandingBridges(f, riverSides);
  const links = routeLinks(f);
  const observationPosts = observationPostsOf(f, terrainOf, elevation);
  const { terrain, legend } = terrainString(f, terrainOf);
  const model = f.model;
  return {
    id: model.map.id,
    version: model.map.version,
    name: model.map.name,
    source: MAP_SOURCE_NOTE,
    grid: { origin: { lat: f.grid.origin.lat, lon: f.grid.origin.lon }, hexSizeM: f.size, cols: f.dims.cols, rows: f.dims.rows },
    terrain,
    legend,
    elevation,
    rivers: src.rivers.rivers.map((r) => ({ id: r.id, name: r.name })),
    riverSides,
    links,
    places,
    observationPosts,
  };
}

function makeFrame(src: MapSources): Frame {
  const model = src.areas.model;
  const grid: GeoGrid = { origin: { lat: model.grid.origin.lat, lon: model.grid.origin.lon }, hexSizeM: model.grid.hexSizeM };
  const { cols, rows } = model.grid;
  const size = model.grid.hexSizeM;
  const N = cols * rows;
  const dims = { cols, rows };
  const axial: Axial[] = new Array(N);
  const cx = new Float64Array(N);
  const cy = new Float64Array(N);
  for (let h = 0; h < N; h++) {
    const a = offsetToAxial({ col: h % cols, row: Math.floor(h / cols) });
    axial[h] = a;
    const p = axialToPoint(a, size);
    cx[h] = p.x; cy[h] = p.y;
  }
  return {
    src, model, grid, dims, size, N, axial, cx, cy,
    proj: (la, lo) => latLonToMetres(grid, { lat: la, lon: lo }),
    hexOf: (la, lo) => axialHexIdx(dims, latLonToAxial(grid, { lat: la, lon: lo })),
  };
}

/**
 * 1. Areas: the last area (file order) containing a hex centre sets its terrain and clamps; every
 *    containing area with upliftM adds its bulk.
 */
function areaOwnership(f: Frame): { areas: ProjectedArea[]; owner: Int32Array; uplift: Float64Array } {
  const areas = f.src.areas.areas.map((a) => ({ a, poly: makePoly(a.polygon.map(([la, lo]) => f.proj(la, lo))) }));
  const owner = new Int32Array(f.N).fill(-1);
  const uplift = new Float64Array(f.N);
  for (let h = 0; h < f.N; h++) {
    for (let i = 0; i < areas.length; i++) {
      const { a, poly } = areas[i];
      if (!inPoly(poly, f.cx[h], f.cy[h])) continue;
      owner[h] = i;
      if (a.upliftM) uplift[h] += a.upliftM * smoothstep(distToEdge(poly, f.cx[h], f.cy[h]) / (a.rampM as number));
    }
  }
  return { areas, owner, uplift };
}

/** Each river's stretches in metres, with the water surface interpolated along each stretch. */
function projectRivers(f: Frame): ProjectedRiver[] {
  return f.src.rivers.rivers.map((r) => ({
    r,
    stretches: r.stretches.map((s) => {
      const pts = s.points.map(([la, lo]) => f.proj(la, lo));
      const cum = [0];
      for (let i = 1; i < pts.length; i++) cum.push(cum[i - 1] + Math.hypot(pts[i].x - pts[i - 1].x, pts[i].y - pts[i - 1].y));
      const total = cum[cum.length - 1];
      const surfaceAt = (i: number, u: number): number => {
        const frac = total === 0 ? 0 : (cum[i] + u * (cum[i + 1] - cum[i])) / total;
        return s.surfaceM[0] + frac * (s.surfaceM[1] - s.surfaceM[0]);
      };
      return { s, pts, surfaceAt, poly: makePoly(pts) };
    }),
  }));
}

/**
 * 2. Base surface: inverse-distance weighting through the low control points (towns, villages,
 *    other non-summit places, spot heights, river water surfaces at the polyline vertices).
 */
function baseSurface(f: Frame, rivers: ProjectedRiver[], uplift: Float64Array): Float64Array {
  const ctrl: Array<{ x: number; y: number; z: number }> = [];
  for (const p of f.src.places.places) if (!p.summit && p.baseControl !== false) ctrl.push({ ...f.proj(p.lat, p.lon), z: p.elevationM });
  for (const s of f.src.areas.spotHeights) ctrl.push({ ...f.proj(s.lat, s.lon), z: s.elevationM });
  for (const { stretches } of rivers) {
    for (const st of stretches) st.pts.forEach((p, i) => ctrl.push({ x: p.x, y: p.y, z: st.surfaceAt(Math.min(i, st.pts.length - 2), i === st.pts.length - 1 ? 1 : 0) }));
  }
  const elev = new Float64Array(f.N);
  const pw = f.model.idwPower / 2;
  for (let h = 0; h < f.N; h++) {
    let num = 0, den = 0, exact = NaN;
    for (const c of ctrl) {
      const d2 = (c.x - f.cx[h]) ** 2 + (c.y - f.cy[h]) ** 2;
      if (d2 < 1) { exact = c.z; break; }
      const w = 1 / d2 ** pw;
      num += w * c.z; den += w;
    }
    elev[h] = (Number.isNaN(exact) ? num / den : exact) + uplift[h];
  }
  return elev;
}

/** 3. Summits (cones) and ridges (crest lines falling away on both sides). */
function raiseSummitsAndRidges(f: Frame, elev: Float64Array): void {
  const summits = f.src.places.places.filter((p) => p.summit).map((p) => ({
    ...f.proj(p.lat, p.lon), z: p.elevationM, slope: p.slope ?? f.model.defaultSummitSlope,
  }));
  const ridges = f.src.areas.ridges.map((r) => ({
    pts: r.points.map(([la, lo, z]) => ({ ...f.proj(la, lo), z })),
    slope: r.slope ?? f.model.defaultRidgeSlope,
  }));
  for (let h = 0; h < f.N; h++) {
    let e = elev[h];
    for (const s of summits) {
      const v = s.z - s.slope * Math.hypot(s.x - f.cx[h], s.y - f.cy[h]);
      if (v > e) e = v;
    }
    for (const r of ridges) {
      for (let i = 0; i + 1 < r.pts.length; i++) {
        const { d, t } = segDist(f.cx[h], f.cy[h], r.pts[i], r.pts[i + 1]);
        const v = r.pts[i].z + t * (r.pts[i + 1].z - r.pts[i].z) - r.slope * d;
        if (v > e) e = v;
      }
    }
    elev[h] = e;
  }
}

/** 4. Terrain and clamps of the owning area; floods on top (never over sea or town). */
function areaTerrain(f: Frame, areas: ProjectedArea[], owner: Int32Array, elev: Float64Array): TerrainType[] {
  const terrainOf: TerrainType[] = new Array(f.N);
  for (let h = 0; h < f.N; h++) {
    const i = owner[h];
    if (i < 0) { terrainOf[h] = f.model.defaultTerrain; continue; }
    const a = areas[i].a;
    terrainOf[h] = a.terrain;
    if (a.elevationM !== undefined) elev[h] = a.elevationM;
    if (a.maxM !== undefined) elev[h] = Math.min(elev[h], a.maxM);
    if (a.minM !== undefined) elev[h] = Math.max(elev[h], a.minM);
  }
  const floods = f.src.rivers.floods.map((fl) => ({ fl, poly: makePoly(fl.polygon.map(([la, lo]) => f.proj(la, lo))) }));
  for (let h = 0; h < f.N; h++) {
    if (terrainOf[h] === 'sea' || terrainOf[h] === 'town') continue;
    for (const { fl, poly } of floods) if (inPoly(poly, f.cx[h], f.cy[h])) terrainOf[h] = fl.terrain;
  }
  return terrainOf;
}

/**
 * 5. River hexsides: the segment joining two neighbouring centres crosses the river polyline (an
 *    odd number of times, so a meander looping through a hexside does not mark it; any path from one
 *    bank to the other still crosses a marked side). The river's stretches form one polyline whose
 *    segments are half-open [start, end) except the last. Each unordered pair is visited once
 *    (directions E, NE, NW); the first river in file order wins a pair both cross. Banks next to a
 *    marked side are capped at the water surface plus riverBankM.
 */
function riverHexsides(f: Frame, rivers: ProjectedRiver[], elev: Float64Array, terrainOf: TerrainType[]): MapRiverSide[] {
  const riverCap = new Float64Array(f.N).fill(Infinity);
  const sidesByRiver: MapRiverSide[][] = rivers.map(() => []);
  const riverSegs = rivers.map(({ stretches }) => {
    const segs: RiverSeg[] = [];
    for (const st of stretches) for (let i = 0; i + 1 < st.pts.length; i++) segs.push({ st, i, p: st.pts[i], q: st.pts[i + 1], last: false });
    segs[segs.length - 1].last = true;
    return segs;
  });
  for (let h = 0; h < f.N; h++) {
    for (let d = 0; d < 3; d++) {
      const n = axialHexIdx(f.dims, { q: f.axial[h].q + AXIAL_DIRECTIONS[d].q, r: f.axial[h].r + AXIAL_DIRECTIONS[d].r });
      if (n < 0) continue;
      const A = { x: f.cx[h], y: f.cy[h] }, B = { x: f.cx[n], y: f.cy[n] };
      for (let ri = 0; ri < rivers.length; ri++) {
        const first = oddCrossing(A, B, riverSegs[ri]);
        if (!first) continue;
        const { st, i } = first.seg;
        const a = Math.min(h, n), b = Math.max(h, n);
        sidesByRiver[ri].push({ a, b, river: rivers[ri].r.id, widthM: st.s.widthM, depthM: st.s.depthM, fordable: st.s.fordable });
        const cap = st.surfaceAt(i, first.u) + f.model.riverBankM;
        riverCap[a] = Math.min(riverCap[a], cap);
        riverCap[b] = Math.min(riverCap[b], cap);
        break;
      }
    }
  }
  const riverSides: MapRiverSide[] = [];
  for (const list of sidesByRiver) {
    list.sort((s, t) => s.a - t.a || s.b - t.b);
    riverSides.push(...list);
  }
  for (let h = 0; h < f.N; h++) if (riverCap[h] < elev[h] && terrainOf[h] !== 'sea') elev[h] = riverCap[h];
  return riverSides;
}

/** The first crossing of A-B with a river's segments, where A-B crosses the river an odd number of times. */
function oddCrossing(A: Pt, B: Pt, segs: RiverSeg[]): { seg: RiverSeg; u: number } | null {
  const minX = Math.min(A.x, B.x), maxX = Math.max(A.x, B.x), minY = Math.min(A.y, B.y), maxY = Math.max(A.y, B.y);
  let count = 0;
  let first: { seg: RiverSeg; u: number } | null = null;
  for (const seg of segs) {
    if (Math.max(seg.p.x, seg.q.x) < minX || Math.min(seg.p.x, seg.q.x) > maxX) continue;
    if (Math.max(seg.p.y, seg.q.y) < minY || Math.min(seg.p.y, seg.q.y) > maxY) continue;
    const u = crossParam(A, B, seg.p, seg.q);
    if (u < 0 || (u >= 1 && !seg.last)) continue;
    count++;
    if (!first) first = { seg, u };
  }
  return count % 2 === 0 ? null : first;
}

/**
 * 6. Places: the hex containing a place takes its documented height (the highest place wins when
 *    several share a hex) and, where given, its terrain; the ground round a non-summit place is
 *    drawn towards its height within pinRadiusM.
 */
function pinPlaces(f: Frame, elev: Float64Array, terrainOf: TerrainType[]): MapPlace[] {
  const places: MapPlace[] = [];
  const pinned = new Map<number, number>();
  for (const p of f.src.places.places) {
    const a = latLonToAxial(f.grid, { lat: p.lat, lon: p.lon });
    const h = axialHexIdx(f.dims, a);
    if (h < 0) {
      const i = f.src.places.places.indexOf(p);
      throw new SourceError(`places.json: places[${i}]: expected a position inside the map grid, "${p.id}" (${p.lat}, ${p.lon}) lies outside it`);
    }
    const o = axialToOffset(a);
    pinned.set(h, Math.max(pinned.get(h) ?? -Infinity, p.elevationM));
    if (p.terrain) terrainOf[h] = p.terrain;
    places.push({
      id: p.id, name: p.name, kind: p.kind, lat: round6(p.lat), lon: round6(p.lon), elevationM: Math.round(p.elevationM) + 0,
      col: o.col, row: o.row, ...(p.estimated ? { estimated: true } : {}), source: p.source,
    });
  }
  for (const p of f.src.places.places) {
    if (p.summit || f.model.pinRadiusM <= 0) continue;
    const c = f.proj(p.lat, p.lon);
    const r = f.model.pinRadiusM;
    const hc = f.hexOf(p.lat, p.lon);
    for (const a of axialSpiral(f.axial[hc], Math.ceil(r / f.size) + 1)) {
      const h = axialHexIdx(f.dims, a);
      if (h < 0 || terrainOf[h] === 'sea') continue;
      const s = smoothstep(Math.hypot(f.cx[h] - c.x, f.cy[h] - c.y) / r);
      elev[h] = p.elevationM + (elev[h] - p.elevationM) * s;
    }
  }
  for (const [h, z] of pinned) elev[h] = z;
  return places;
}

/** 7. Bridges: only sites documented as standing mark their river's hexsides at the site. */
function markStandingBridges(f: Frame, riverSides: MapRiverSide[]): void {
  for (const b of f.src.rivers.bridges) {
    if (!b.standing) continue;
    const h = f.hexOf(b.lat, b.lon);
    for (const s of riverSides) if (s.river === b.river && (s.a === h || s.b === h)) s.bridge = true;
  }
}

/** 8. Links: each route is a chain of hex centres, gaps filled with hex lines. */
function routeLinks(f: Frame): MapLink[] {
  const links: MapLink[] = [];
  const linkSeen = new Set<string>();
  for (const route of f.src.routes.routes) {
    const chain: Axial[] = [];
    for (let i = 0; i + 1 < route.points.length; i++) {
      const a = latLonToAxial(f.grid, { lat: route.points[i][0], lon: route.points[i][1] });
      const b = latLonToAxial(f.grid, { lat: route.points[i + 1][0], lon: route.points[i + 1][1] });
      for (const c of axialLine(a, b)) {
        const last = chain[chain.length - 1];
        if (!last || last.q !== c.q || last.r !== c.r) chain.push(c);
      }
    }
    for (let i = 0; i + 1 < chain.length; i++) {
      const ha = axialHexIdx(f.dims, chain[i]), hb = axialHexIdx(f.dims, chain[i + 1]);
      if (ha < 0 || hb < 0) continue;
      const a = Math.min(ha, hb), b = Math.max(ha, hb);
      const key = `${a}:${b}:${route.kind}`;
      if (linkSeen.has(key)) continue;
      linkSeen.add(key);
      links.push({ a, b, kind: route.kind as LinkKind, name: route.name });
    }
  }
  return links;
}

/** 9. Observation posts: the named ones, then local maxima with relief, each with a viewshed. */
function observationPostsOf(f: Frame, terrainOf: TerrainType[], elevation: number[]): MapObservationPost[] {
  const ob = f.model.observation;
  const { postHexes, eyeAt, eyeHeight } = namedPosts(f);
  const named = postHexes.length;
  let local = 0;
  for (const h of localMaxima(f, terrainOf, elevation)) {
    if (local >= ob.maxLocalPosts) break;
    if (postHexes.some((p) => axialDistance(f.axial[p], f.axial[h]) <= ob.exclusionHexes)) continue;
    postHexes.push(h);
    local++;
  }
  const localSorted = postHexes.slice(named).sort((s, t) => s - t);
  const allPosts = [...postHexes.slice(0, named), ...localSorted];
  return allPosts.map((h) => ({
    hex: h,
    seen: encodeRuns(viewshed(h, eyeAt.get(h) ?? { x: f.cx[h], y: f.cy[h] }, eyeHeight.get(h) ?? ob.observerHeightM, f.axial, f.cx, f.cy, elevation, f.dims, f.size, ob)),
  }));
}

/** The places marked as observation posts, one per hex. Named posts look from their own point (a summit may lie off its hex centre). */
function namedPosts(f: Frame): { postHexes: number[]; eyeAt: Map<number, Pt>; eyeHeight: Map<number, number> } {
  const postHexes: number[] = [];
  const eyeAt = new Map<number, Pt>();
  const eyeHeight = new Map<number, number>();
  for (const p of f.src.places.places) {
    if (!p.observationPost) continue;
    const h = f.hexOf(p.lat, p.lon);
    if (postHexes.includes(h)) continue;
    postHexes.push(h);
    eyeAt.set(h, f.proj(p.lat, p.lon));
    if (p.observerHeightM !== undefined) eyeHeight.set(h, p.observerHeightM);
  }
  return { postHexes, eyeAt, eyeHeight };
}

/** Hexes that are local maxima with enough relief to serve as posts, highest first (ties by index). */
function localMaxima(f: Frame, terrainOf: TerrainType[], elevation: number[]): number[] {
  const ob = f.model.observation;
  const candidates: number[] = [];
  for (let h = 0; h < f.N; h++) {
    if (terrainOf[h] === 'sea' || elevation[h] < ob.minElevationM) continue;
    let isMax = true;
    for (const a of axialSpiral(f.axial[h], ob.localMaxRadiusHexes)) {
      const n = axialHexIdx(f.dims, a);
      if (n < 0 || n === h) continue;
      if (elevation[n] > elevation[h] || (elevation[n] === elevation[h] && n < h)) { isMax = false; break; }
    }
    if (!isMax) continue;
    let low = elevation[h];
    for (const a of axialSpiral(f.axial[h], ob.reliefRadiusHexes)) {
      const n = axialHexIdx(f.dims, a);
      if (n >= 0 && elevation[n] < low) low = elevation[n];
    }
    if (elevation[h] - low >= ob.minReliefM) candidates.push(h);
  }
  return candidates.sort((s, t) => elevation[t] - elevation[s] || s - t);
}

/** 10. Terrain string and its legend. */
function terrainString(f: Frame, terrainOf: TerrainType[]): { terrain: string; legend: Record<string, TerrainType> } {
  let terrain = '';
  for (let h = 0; h < f.N; h++) terrain += TERRAIN_CHARS[terrainOf[h]];
  const legend: Record<string, TerrainType> = {};
  for (const t of TERRAIN_TYPES) legend[TERRAIN_CHARS[t]] = t;
  return { terrain, legend };
}

function axialHexIdx(map: { cols: number; rows: number }, a: Axial): number {
  const o = axialToOffset(a);
  if (o.col < 0 || o.row < 0 || o.col >= map.cols || o.row >= map.rows) return -1;
  return o.row * map.cols + o.col;
}

/**
 * Hexes seen from the post at hex `o`: line of sight from an eye `eyeHeightM` above the
 * post's hex (standing at `eye`, a point inside hex o) to `targetHeightM` above each hex within range, over the hex elevations along the hex
 * line (earth curvature with refraction included). Sorted hex indices.
 */
function viewshed(
  o: number, eyePt: Pt, eyeHeightM: number, axial: Axial[], cx: Float64Array, cy: Float64Array, elevation: number[],
  dims: { cols: number; rows: number }, size: number, ob: AreasFile['model']['observation'],
): number[] {
  const R_EARTH = 6371000;
  const curv = (d: number): number => ((d * d) / (2 * R_EARTH)) * (1 - ob.refraction);
  const eye = elevation[o] + eyeHeightM;
  const radius = Math.floor(ob.rangeM / size);
  const out: number[] = [];
  for (const a of axialSpiral(axial[o], radius)) {
    const t = axialHexIdx(dims, a);
    if (t < 0) continue;
    if (t === o) { out.push(t); continue; }
    const D = Math.hypot(cx[t] - eyePt.x, cy[t] - eyePt.y);
    if (D > ob.rangeM) continue;
    const line = axialLine(axial[o], a);
    let maxSlope = -Infinity;
    for (let i = 1; i + 1 < line.length; i++) {
      const k = axialHexIdx(dims, line[i]);
      if (k < 0) continue;
      const d = Math.hypot(cx[k] - eyePt.x, cy[k] - eyePt.y);
      if (d <= 0) continue;
      const s = (elevation[k] - curv(d) - eye) / d;
      if (s > maxSlope) maxSlope = s;
    }
    const st = (elevation[t] + ob.targetHeightM - curv(D) - eye) / D;
    if (st >= maxSlope) out.push(t);
  }
  return out.sort((x, y) => x - y);
}

/** The compiled map as text: stable key order, one line per array element of the big lists. */
export function serializeMap(m: HexMapData): string {
  const J = JSON.stringify;
  const list = (xs: unknown[]): string => (xs.length ? `[\n${xs.map((x) => J(x)).join(',\n')}\n]` : '[]');
  const parts = [
    `"id": ${J(m.id)}`,
    `"version": ${J(m.version)}`,
    `"name": ${J(m.name)}`,
    `"source": ${J(m.source)}`,
    `"grid": ${J(m.grid)}`,
    `"legend": ${J(m.legend)}`,
    `"terrain": ${J(m.terrain)}`,
    `"elevation": ${J(m.elevation)}`,
    `"rivers": ${list(m.rivers)}`,
    `"riverSides": ${list(m.riverSides)}`,
    `"links": ${list(m.links)}`,
    `"places": ${list(m.places)}`,
    `"observationPosts": ${list(m.observationPosts)}`,
  ];
  return `{\n${parts.join(',\n')}\n}\n`;
}
