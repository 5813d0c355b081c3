// The compiled hex map (data) and a fast read-only index over it. The map never lives in the game
// state: state names the map (id + version) and the engine is handed the map alongside it.
import {
  type Axial, type GeoGrid, type LatLon, AXIAL_DIRECTIONS, axialDistance, axialToLatLon, axialToOffset,
  latLonToAxial, offsetToAxial,
} from './hex.ts';
import { onClearCaches } from './caches.ts';

/** Terrain types. Movement, defence and combat factors per type live in engine/params/terrain.json. */
export const TERRAIN_TYPES = [
  'sea', 'flat', 'flooded', 'marsh', 'rolling', 'rugged-mixed', 'rugged-bare', 'rugged-wooded',
  'town', 'rubble', 'abbey', 'abbey-ruins',
] as const;
export type TerrainType = (typeof TERRAIN_TYPES)[number];

/** Connections between the centres of adjacent hexes, best first. */
export const LINK_KINDS = ['highway', 'road', 'railway', 'track', 'mule-track'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface MapPlace {
  id: string;
  name: string;
  kind: string;
  lat: number;
  lon: number;
  elevationM: number;
  /** Offset coordinates of the hex the place falls in. */
  col: number;
  row: number;
  /** True where no source gives the position and it was derived from documented distances. */
  estimated?: boolean;
  source: string;
}

export interface MapRiverSide {
  /** Hex indices on the two sides of the hexside. */
  a: number;
  b: number;
  river: string;
  widthM: number;
  depthM: number;
  fordable: boolean;
  bridge?: boolean;
}

export interface MapLink { a: number; b: number; kind: LinkKind; name?: string }

export interface MapObservationPost {
  hex: number;
  /** Hexes seen from the post, run-length encoded as [start, length, start, length, ...]. */
  seen: number[];
}

export interface HexMapData {
  id: string;
  version: string;
  name: string;
  /** How the map was produced (build command and source files). */
  source: string;
  grid: GeoGrid & { cols: number; rows: number };
  /** One character per hex, row-major; `legend` maps characters to terrain types. */
  terrain: string;
  legend: Record<string, TerrainType>;
  /** Metres above sea level, per hex. */
  elevation: number[];
  rivers: Array<{ id: string; name: string }>;
  riverSides: MapRiverSide[];
  links: MapLink[];
  places: MapPlace[];
  observationPosts: MapObservationPost[];
}

const LINK_CODE: Record<LinkKind, number> = { highway: 1, road: 2, railway: 3, track: 4, 'mule-track': 5 };
export const LINK_BY_CODE: (LinkKind | null)[] = [null, 'highway', 'road', 'railway', 'track', 'mule-track'];

/** Read-only lookup tables derived once per map; every array is indexed by hex index. */
export interface MapIndex {
  data: HexMapData;
  size: number;
  cols: number;
  rows: number;
  terrain: TerrainType[];
  elevation: Int16Array;
  /** neighbours[h*6+d]: the hex in axial direction d, or -1 off the map. */
  neighbours: Int32Array;
  /** river[h*6+d]: 1 + index into data.riverSides for the hexside in direction d, or 0. */
  river: Int32Array;
  /** link[h*6+d]: link code (see LINK_BY_CODE) of the best connection in direction d, or 0. */
  link: Uint8Array;
  placeById: Map<string, MapPlace>;
  hexOfPlace: Map<string, number>;
}

export function hexIndex(map: { cols: number }, col: number, row: number): number {
  return row * map.cols + col;
}

export function hexOffset(map: { cols: number }, h: number): { col: number; row: number } {
  return { col: h % map.cols, row: Math.floor(h / map.cols) };
}

export function hexAxial(map: { cols: number }, h: number): Axial {
  return offsetToAxial(hexOffset(map, h));
}

export function axialHex(map: { cols: number; rows: number }, a: Axial): number {
  const o = axialToOffset(a);
  if (o.col < 0 || o.row < 0 || o.col >= map.cols || o.row >= map.rows) return -1;
  return hexIndex(map, o.col, o.row);
}

export function hexDistance(map: { cols: number }, a: number, b: number): number {
  return axialDistance(hexAxial(map, a), hexAxial(map, b));
}

export function hexLatLon(map: MapIndex, h: number): LatLon {
  return axialToLatLon(map.data.grid, hexAxial(map, h));
}

export function latLonHex(map: MapIndex, p: LatLon): number {
  return axialHex(map, latLonToAxial(map.data.grid, p));
}

/** Direction (0..5) from a to its neighbour b, or -1 when they are not adjacent. */
export function directionTo(map: MapIndex, a: number, b: number): number {
  for (let d = 0; d < 6; d++) if (map.neighbours[a * 6 + d] === b) return d;
  return -1;
}

/** Human-readable hex label "col,row" (also the raw form accepted in data: "@col,row"). */
export function hexLabel(map: { cols: number }, h: number): string {
  const o = hexOffset(map, h);
  return `${o.col},${o.row}`;
}

let cache = new WeakMap<HexMapData, MapIndex>();
onClearCaches('map.index', () => { cache = new WeakMap(); });

/** Builds (once per map object) the lookup tables the models use in their hot loops. */
export function indexMap(data: HexMapData): MapIndex {
  const hit = cache.get(data);
  if (hit) return hit;
  const { cols, rows } = data.grid;
  const size = cols * rows;
  const terrain: TerrainType[] = new Array(size);
  for (let h = 0; h < size; h++) terrain[h] = data.legend[data.terrain[h]];
  const elevation = Int16Array.from(data.elevation);
  const neighbours = new Int32Array(size * 6).fill(-1);
  for (let h = 0; h < size; h++) {
    const a = hexAxial({ cols }, h);
    for (let d = 0; d < 6; d++) {
      const n = axialHex({ cols, rows }, { q: a.q + AXIAL_DIRECTIONS[d].q, r: a.r + AXIAL_DIRECTIONS[d].r });
      neighbours[h * 6 + d] = n;
    }
  }
  const idx: MapIndex = {
    data, size, cols, rows, terrain, elevation, neighbours,
    river: new Int32Array(size * 6),
    link: new Uint8Array(size * 6),
    placeById: new Map(data.places.map((p) => [p.id, p])),
    hexOfPlace: new Map(data.places.map((p) => [p.id, hexIndex({ cols }, p.col, p.row)])),
  };
  data.riverSides.forEach((s, i) => {
    const d = directionTo(idx, s.a, s.b);
    if (d < 0) return;
    idx.river[s.a * 6 + d] = i + 1;
    idx.river[s.b * 6 + ((d + 3) % 6)] = i + 1;
  });
  for (const l of data.links) {
    const d = directionTo(idx, l.a, l.b);
    if (d < 0) continue;
    const code = LINK_CODE[l.kind];
    for (const [h, dir] of [[l.a, d], [l.b, (d + 3) % 6]] as const) {
      const cur = idx.link[h * 6 + dir];
      if (cur === 0 || code < cur) idx.link[h * 6 + dir] = code;
    }
  }
  cache.set(data, idx);
  return idx;
}

/** Decodes an observation post's run-length list into hex indices. */
export function decodeRuns(runs: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < runs.length; i += 2) for (let k = 0; k < runs[i + 1]; k++) out.push(runs[i] + k);
  return out;
}

/** Run-length encodes a sorted list of hex indices. */
export function encodeRuns(sorted: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(sorted[i], j - i + 1);
    i = j + 1;
  }
  return out;
}
