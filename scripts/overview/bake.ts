// Bakes a map's whole-map overview (terrain with hill shading, symbols, contours, routes and
// rivers; no hex grid, as the browser's own overview) into a PNG, with the drawing code of
// ui/map/draw-terrain.ts on a software raster: the browser then loads a picture at start
// instead of drawing 20,000 hexes and rendering them into a texture.
import type { MapIndex } from '../../engine/core/index.ts';
import { drawContours, drawRivers, drawRoutes, drawTerrain, drawTerrainMarks } from '../../ui/map/draw-terrain.ts';
import { HexGrid, MAP_BACKGROUND, overviewScale } from '../../ui/map/geometry.ts';
import { encodePng } from './png.ts';
import { Raster } from './raster.ts';

/** The texture size the browser bakes at most (ui/map/static-map.ts). */
export const OVERVIEW_MAX_PX = 2048;

export function bakeOverviewPng(map: MapIndex): Buffer {
  const grid = new HexGrid();
  grid.setMap(map);
  const b = grid.bounds;
  const k = overviewScale(b, OVERVIEW_MAX_PX);
  const r = new Raster(Math.ceil((b.x1 - b.x0) * k), Math.ceil((b.y1 - b.y0) * k), k, b.x0, b.y0, MAP_BACKGROUND);
  const hexes = Array.from({ length: map.size }, (_, h) => h);
  drawTerrain(grid, hexes, r);
  drawTerrainMarks(grid, r, (h) => map.terrain[h], hexes);
  drawContours(grid, hexes, r);
  drawRoutes(grid, map.data.links.map((_, i) => i), r);
  drawRivers(grid, map.data.riverSides.map((_, i) => i), r);
  return encodePng(r.width, r.height, r.rgb);
}
