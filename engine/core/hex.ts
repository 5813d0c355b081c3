// Hex grid: pointy-top axial/cube coordinates with "odd-r" offset storage, after Red Blob Games
// (https://www.redblobgames.com/grids/hexagons/). Maps store hexes row-major in offset
// coordinates; algorithms work in cube coordinates, where distance and lines are simple.

export interface Axial { q: number; r: number }
export interface Cube { q: number; r: number; s: number }
export interface Offset { col: number; row: number }

/** Axial directions, starting east and turning counter-clockwise (E, NE, NW, W, SW, SE). */
export const AXIAL_DIRECTIONS: readonly Axial[] = [
  { q: 1, r: 0 }, { q: 1, r: -1 }, { q: 0, r: -1 },
  { q: -1, r: 0 }, { q: -1, r: 1 }, { q: 0, r: 1 },
];

export function axialToCube(a: Axial): Cube {
  return { q: a.q, r: a.r, s: -a.q - a.r };
}

export function cubeToAxial(c: Cube): Axial {
  return { q: c.q, r: c.r };
}

export function axialAdd(a: Axial, b: Axial): Axial {
  return { q: a.q + b.q, r: a.r + b.r };
}

export function axialNeighbour(a: Axial, direction: number): Axial {
  return axialAdd(a, AXIAL_DIRECTIONS[((direction % 6) + 6) % 6]);
}

export function axialNeighbours(a: Axial): Axial[] {
  return AXIAL_DIRECTIONS.map((d) => axialAdd(a, d));
}

export function axialDistance(a: Axial, b: Axial): number {
  const dq = a.q - b.q;
  const dr = a.r - b.r;
  return (Math.abs(dq) + Math.abs(dr) + Math.abs(dq + dr)) / 2;
}

/** Rounds fractional cube coordinates to the hex that contains them. */
export function cubeRound(q: number, r: number, s: number): Cube {
  let rq = Math.round(q);
  let rr = Math.round(r);
  let rs = Math.round(s);
  const dq = Math.abs(rq - q);
  const dr = Math.abs(rr - r);
  const ds = Math.abs(rs - s);
  if (dq > dr && dq > ds) rq = -rr - rs;
  else if (dr > ds) rr = -rq - rs;
  else rs = -rq - rr;
  // Normalise -0 so that equal hexes serialise equally.
  return { q: rq + 0, r: rr + 0, s: rs + 0 };
}

/** Hexes on the straight line from a to b inclusive (nudged so ties break the same way). */
export function axialLine(a: Axial, b: Axial): Axial[] {
  const n = axialDistance(a, b);
  const out: Axial[] = [];
  const eps = 1e-6;
  const ac = axialToCube(a);
  const bc = axialToCube(b);
  for (let i = 0; i <= n; i++) {
    const t = n === 0 ? 0 : i / n;
    const c = cubeRound(
      ac.q + eps + (bc.q - ac.q) * t,
      ac.r + eps + (bc.r - ac.r) * t,
      ac.s - 2 * eps + (bc.s - ac.s) * t,
    );
    out.push(cubeToAxial(c));
  }
  return out;
}

/** The ring of hexes at exactly `radius` from centre (radius 0 is the centre itself). */
export function axialRing(centre: Axial, radius: number): Axial[] {
  if (radius === 0) return [centre];
  const out: Axial[] = [];
  let h: Axial = { q: centre.q + AXIAL_DIRECTIONS[4].q * radius, r: centre.r + AXIAL_DIRECTIONS[4].r * radius };
  for (let side = 0; side < 6; side++) {
    for (let step = 0; step < radius; step++) {
      out.push(h);
      h = axialNeighbour(h, side);
    }
  }
  return out;
}

/** All hexes within `radius` of centre, ring by ring. */
export function axialSpiral(centre: Axial, radius: number): Axial[] {
  const out: Axial[] = [];
  for (let k = 0; k <= radius; k++) out.push(...axialRing(centre, k));
  return out;
}

// --- offset ("odd-r": odd rows shoved right by half a hex) --------------------------------

export function axialToOffset(a: Axial): Offset {
  return { col: a.q + (a.r - (a.r & 1)) / 2, row: a.r };
}

export function offsetToAxial(o: Offset): Axial {
  return { q: o.col - (o.row - (o.row & 1)) / 2, r: o.row };
}

// --- pixel / metric projection ------------------------------------------------------------

/**
 * `size` is the distance between the centres of two neighbouring hexes (the hex's width across
 * flats), in whatever unit x/y use. Pointy-top: x grows east, y grows south.
 */
export function axialToPoint(a: Axial, size: number): { x: number; y: number } {
  return { x: size * (a.q + a.r / 2), y: size * (Math.sqrt(3) / 2) * a.r };
}

export function pointToAxial(x: number, y: number, size: number): Axial {
  const r = y / (size * (Math.sqrt(3) / 2));
  const q = x / size - r / 2;
  return cubeToAxial(cubeRound(q, r, -q - r));
}

/** Corner i (0..5) of a pointy-top hex of centre-to-centre `size`, relative to its centre. */
export function hexCorner(size: number, i: number): { x: number; y: number } {
  const radius = size / Math.sqrt(3);
  const angle = (Math.PI / 180) * (60 * i - 30);
  return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
}

// --- geographic projection ----------------------------------------------------------------

export interface LatLon { lat: number; lon: number }

/** Metres per degree of latitude and longitude near a reference latitude (WGS84 series). */
export function metresPerDegree(latDeg: number): { lat: number; lon: number } {
  const p = (latDeg * Math.PI) / 180;
  return {
    lat: 111132.92 - 559.82 * Math.cos(2 * p) + 1.175 * Math.cos(4 * p),
    lon: 111412.84 * Math.cos(p) - 93.5 * Math.cos(3 * p),
  };
}

/**
 * A local equirectangular projection anchored at `origin` (the centre of offset hex 0,0), with
 * the hex size in metres. Over a sector of 40 km the error against a conformal projection is a
 * few metres, far below a hex.
 */
export interface GeoGrid {
  origin: LatLon;
  hexSizeM: number;
}

export function latLonToMetres(grid: GeoGrid, p: LatLon): { x: number; y: number } {
  const m = metresPerDegree(grid.origin.lat);
  return { x: (p.lon - grid.origin.lon) * m.lon, y: (grid.origin.lat - p.lat) * m.lat };
}

export function metresToLatLon(grid: GeoGrid, x: number, y: number): LatLon {
  const m = metresPerDegree(grid.origin.lat);
  return { lat: grid.origin.lat - y / m.lat, lon: grid.origin.lon + x / m.lon };
}

export function latLonToAxial(grid: GeoGrid, p: LatLon): Axial {
  const { x, y } = latLonToMetres(grid, p);
  return pointToAxial(x, y, grid.hexSizeM);
}

export function axialToLatLon(grid: GeoGrid, a: Axial): LatLon {
  const { x, y } = axialToPoint(a, grid.hexSizeM);
  return metresToLatLon(grid, x, y);
}

/** Great-circle distance in metres (haversine), for checking documented distances. */
export function haversineM(a: LatLon, b: LatLon): number {
  const R = 6371008.8;
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLon = (b.lon - a.lon) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** Degrees-minutes-seconds to decimal degrees. */
export function dms(d: number, m = 0, s = 0): number {
  return d + m / 60 + s / 3600;
}
