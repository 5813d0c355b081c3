// The static map's drawing, in world units: terrain with hill shading, contours, routes, rivers
// and the symbols inside hexes (towns, rubble, water, the abbey). Each function draws the hexes,
// links or hexsides it is given, so that the map can be cut into chunks. They draw into a Pen: a
// pixi.js Graphics in the browser, a raster in Node when the overview is baked at build time
// (scripts/overview/), so both draw the same map.
import type { TerrainType } from '../../engine/core/index.ts';
import {
  CAVENDISH_STYLE, LINK_STYLE, type LineStyle, RIVER_COLOUR, TERRAIN_COLOUR, heightTint, hillShade, shadeColour,
} from '../style-map.ts';
import type { HexGrid } from './geometry.ts';

export type PenFill = number | { color: number; alpha?: number };
export interface PenStroke { width: number; color: number; alpha?: number; cap?: 'round' | 'butt' | 'square' }
/** The part of pixi.js's Graphics the map is drawn with (paths, then a fill or a stroke). */
export interface Pen {
  poly(points: number[]): Pen;
  rect(x: number, y: number, w: number, h: number): Pen;
  moveTo(x: number, y: number): Pen;
  lineTo(x: number, y: number): Pen;
  fill(style: PenFill): Pen;
  stroke(style: PenStroke): Pen;
}

export function drawTerrain<P extends Pen>(grid: HexGrid, hexes: number[], terrain: P): P {
  const m = grid.map!;
  // Group hexes by their shaded colour: one fill per colour instead of one per hex.
  const groups = new Map<number, number[]>();
  for (const h of hexes) {
    const t = m.terrain[h];
    const base = TERRAIN_COLOUR[t];
    const c = t === 'sea' ? base : shadeColour(base, hillShade(m.elevation, m.neighbours, h, m.data.grid.hexSizeM) * heightTint(m.elevation[h]));
    let g = groups.get(c);
    if (!g) { g = []; groups.set(c, g); }
    g.push(h);
  }
  for (const [c, list] of groups) {
    // Slightly oversized polygons close the hairline gaps antialiasing leaves between hexes.
    for (const h of list) terrain.poly(grid.hexPoly(h, 1.02));
    terrain.fill(c);
  }
  return terrain;
}

/** Contours every 200 m along hexsides (index contours every 1000 m darker). */
export function drawContours<P extends Pen>(grid: HexGrid, hexes: number[], g: P): P {
  const m = grid.map!;
  let minor = 0; let major = 0;
  for (const pass of ['minor', 'major'] as const) {
    for (const h of hexes) {
      for (let d = 0; d < 3; d++) {
        const n = m.neighbours[h * 6 + d];
        if (n < 0 || m.terrain[h] === 'sea' || m.terrain[n] === 'sea') continue;
        if (Math.floor(m.elevation[h] / 200) === Math.floor(m.elevation[n] / 200)) continue;
        const isMajor = Math.floor(m.elevation[h] / 1000) !== Math.floor(m.elevation[n] / 1000);
        if ((pass === 'major') !== isMajor) continue;
        const [x0, y0, x1, y1] = grid.side(h, d);
        g.moveTo(x0, y0).lineTo(x1, y1);
        if (isMajor) major++; else minor++;
      }
    }
    if (pass === 'minor' && minor) g.stroke({ width: 0.7, color: 0x7a5a30, alpha: 0.32 });
    if (pass === 'major' && major) g.stroke({ width: 1.2, color: 0x6a4a20, alpha: 0.55 });
  }
  return g;
}

/** Routes: railway and tracks under the roads, highways on top; casings under all lines. */
export function drawRoutes<P extends Pen>(grid: HexGrid, links: number[], routes: P): P {
  const m = grid.map!;
  const order = ['mule-track', 'track', 'railway', 'road', 'highway'] as const;
  for (const pass of ['casing', 'line'] as const) {
    for (const kind of order) {
      for (const i of links) {
        const l = m.data.links[i];
        if (l.kind === kind && l.name !== 'Cavendish Road') drawLink(grid, routes, l.a, l.b, LINK_STYLE[kind], pass);
      }
    }
    for (const i of links) {
      const l = m.data.links[i];
      if (l.name === 'Cavendish Road') drawLink(grid, routes, l.a, l.b, CAVENDISH_STYLE, pass);
    }
  }
  return routes;
}

/** Rivers on the hexsides, as wide as the river; bridges standing at the start as black bars. */
export function drawRivers<P extends Pen>(grid: HexGrid, sides: number[], rivers: P): P {
  const m = grid.map!;
  for (const i of sides) {
    const s = m.data.riverSides[i];
    const d = m.neighbours.subarray(s.a * 6, s.a * 6 + 6).indexOf(s.b);
    if (d < 0) continue;
    const [x0, y0, x1, y1] = grid.side(s.a, d);
    const w = Math.max(2.6, Math.min(6, 2 + s.widthM / 12));
    rivers.moveTo(x0, y0).lineTo(x1, y1).stroke({ width: w, color: s.fordable ? 0x3f86d8 : RIVER_COLOUR, cap: 'round' });
    if (s.bridge) {
      const mx = (x0 + x1) / 2; const my = (y0 + y1) / 2;
      rivers.moveTo(mx + (grid.cx(s.a) - mx) * 0.35, my + (grid.cy(s.a) - my) * 0.35)
        .lineTo(mx + (grid.cx(s.b) - mx) * 0.35, my + (grid.cy(s.b) - my) * 0.35)
        .stroke({ width: 3, color: 0x222222 });
    }
  }
  return rivers;
}

function drawLink(grid: HexGrid, g: Pen, a: number, b: number, style: LineStyle, pass: 'casing' | 'line'): void {
  const x0 = grid.cx(a); const y0 = grid.cy(a); const x1 = grid.cx(b); const y1 = grid.cy(b);
  if (pass === 'casing') {
    if (style.casing) g.moveTo(x0, y0).lineTo(x1, y1).stroke({ width: style.casing.width, color: style.casing.color, cap: 'round' });
    return;
  }
  if (style.dash) {
    const len = Math.hypot(x1 - x0, y1 - y0);
    const [on, off] = style.dash;
    for (let t = 0; t < len; t += on + off) {
      const e = Math.min(len, t + on);
      g.moveTo(x0 + (x1 - x0) * t / len, y0 + (y1 - y0) * t / len).lineTo(x0 + (x1 - x0) * e / len, y0 + (y1 - y0) * e / len);
    }
    g.stroke({ width: style.width, color: style.color, cap: 'round' });
  } else {
    g.moveTo(x0, y0).lineTo(x1, y1).stroke({ width: style.width, color: style.color, cap: 'round' });
  }
  if (style.ticks) {
    const len = Math.hypot(x1 - x0, y1 - y0);
    const nx = -(y1 - y0) / len * 2.4;
    const ny = (x1 - x0) / len * 2.4;
    for (let t = 4; t < len; t += 8) {
      const px = x0 + (x1 - x0) * t / len;
      const py = y0 + (y1 - y0) * t / len;
      g.moveTo(px - nx, py - ny).lineTo(px + nx, py + ny);
    }
    g.stroke({ width: 1, color: style.color });
  }
}

/** Symbols inside hexes: buildings, rubble, water in flooded ground and marsh, the abbey. */
export function drawTerrainMarks(grid: HexGrid, g: Pen, terrainOf: (h: number) => TerrainType, only?: number[]): void {
  const m = grid.map!;
  const hexes = only ?? Array.from({ length: m.size }, (_, i) => i);
  const water: number[] = [];
  for (const h of hexes) {
    const t = terrainOf(h);
    const x = grid.cx(h); const y = grid.cy(h);
    if (t === 'town') {
      for (const [dx, dy, w, hh] of [[-8, -6, 7, 5], [1, -8, 6, 6], [-6, 2, 5, 6], [2, 1, 7, 5], [-2, -2, 3, 3]]) g.rect(x + dx, y + dy, w, hh);
      g.fill({ color: 0x4e4640, alpha: 0.85 });
    } else if (t === 'rubble') {
      let s = (h * 2654435761) >>> 0;
      for (let k = 0; k < 9; k++) {
        s = (s * 1103515245 + 12345) >>> 0;
        const dx = ((s >>> 8) % 19) - 9; const dy = ((s >>> 16) % 15) - 7;
        g.rect(x + dx, y + dy, 2.2 + (s % 3), 1.8 + ((s >>> 4) % 2));
      }
      g.fill({ color: 0x3c3430, alpha: 0.9 });
    } else if (t === 'abbey' || t === 'abbey-ruins') {
      const ruin = t === 'abbey-ruins';
      g.rect(x - 9, y - 7, 18, 14).fill({ color: ruin ? 0x5a4e46 : 0xf4ecd8 });
      g.rect(x - 9, y - 7, 18, 14).stroke({ width: 1.6, color: 0x2c2420 });
      g.rect(x - 4, y - 3, 8, 6).fill({ color: ruin ? 0x3a302a : 0xb9a98a });
      if (!ruin) g.moveTo(x, y - 13).lineTo(x, y - 7).moveTo(x - 2.5, y - 11).lineTo(x + 2.5, y - 11).stroke({ width: 1.4, color: 0x2c2420 });
      else g.moveTo(x - 10, y - 8).lineTo(x + 10, y + 8).moveTo(x + 10, y - 8).lineTo(x - 10, y + 8).stroke({ width: 1.2, color: 0x2c2420, alpha: 0.7 });
    } else if (t === 'flooded' || t === 'marsh') {
      water.push(h);
    }
  }
  for (const h of water) {
    const x = grid.cx(h); const y = grid.cy(h);
    for (const [dx, dy] of [[-7, -4], [1, -4], [-3, 2], [4, 2], [-8, 7], [0, 7]]) g.moveTo(x + dx, y + dy).lineTo(x + dx + 5, y + dy);
  }
  if (water.length) g.stroke({ width: 0.9, color: 0x2f6fb0, alpha: 0.75 });
}
