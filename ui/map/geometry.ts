// Where hexes are in the map's world coordinates: pointy-top hexes in offset rows, HEX world
// units between neighbouring centres; hex centres, corners, hexsides and the hex under a point.
import { type MapIndex, hexOffset } from '../../engine/core/index.ts';

/** World units between the centres of neighbouring hexes. */
export const HEX = 32;
export const RAD = HEX / Math.sqrt(3);
export const ROW_H = HEX * Math.sqrt(3) / 2;

export interface Box { x0: number; y0: number; x1: number; y1: number }

export function corner(i: number): { x: number; y: number } {
  const a = (Math.PI / 180) * (60 * i - 30);
  return { x: RAD * Math.cos(a), y: RAD * Math.sin(a) };
}

export class HexGrid {
  map: MapIndex | null = null;
  private centres = new Float32Array(0);
  bounds: Box = { x0: 0, y0: 0, x1: 1, y1: 1 };

  setMap(map: MapIndex): void {
    this.map = map;
    this.centres = new Float32Array(map.size * 2);
    for (let h = 0; h < map.size; h++) {
      const { col, row } = hexOffset(map, h);
      this.centres[h * 2] = HEX * (col + 0.5 * (row & 1));
      this.centres[h * 2 + 1] = ROW_H * row;
    }
    this.bounds = { x0: -HEX / 2, y0: -RAD, x1: HEX * (map.cols - 0.5) + HEX / 2, y1: ROW_H * (map.rows - 1) + RAD };
  }

  cx(h: number): number { return this.centres[h * 2]; }
  cy(h: number): number { return this.centres[h * 2 + 1]; }

  /** The hex whose centre is within a hex radius of a world point, or -1. */
  hexAtWorld(x: number, y: number): number {
    const m = this.map;
    if (!m) return -1;
    const row = Math.round(y / ROW_H);
    let best = -1;
    let bestD = Infinity;
    for (let r = row - 1; r <= row + 1; r++) {
      if (r < 0 || r >= m.rows) continue;
      const col = Math.round(x / HEX - 0.5 * (r & 1));
      for (let c = col - 1; c <= col + 1; c++) {
        if (c < 0 || c >= m.cols) continue;
        const h = r * m.cols + c;
        const d = (this.cx(h) - x) ** 2 + (this.cy(h) - y) ** 2;
        if (d < bestD) { bestD = d; best = h; }
      }
    }
    return bestD <= RAD * RAD ? best : -1;
  }

  /** Corners of the hexside between h and its neighbour in direction d (axial order E, NE, NW, W, SW, SE). */
  side(h: number, d: number): [number, number, number, number] {
    const a = ((6 - d) % 6);
    const b = ((7 - d) % 6);
    const ca = corner(a);
    const cb = corner(b);
    return [this.cx(h) + ca.x, this.cy(h) + ca.y, this.cx(h) + cb.x, this.cy(h) + cb.y];
  }

  hexPoly(h: number, shrink = 1): number[] {
    const pts: number[] = [];
    for (let i = 0; i < 6; i++) { const c = corner(i); pts.push(this.cx(h) + c.x * shrink, this.cy(h) + c.y * shrink); }
    return pts;
  }

  /** The box around the centres of the hexes. */
  centresBox(hexes: number[]): Box {
    let x0 = Infinity; let y0 = Infinity; let x1 = -Infinity; let y1 = -Infinity;
    for (const h of hexes) {
      x0 = Math.min(x0, this.cx(h)); x1 = Math.max(x1, this.cx(h));
      y0 = Math.min(y0, this.cy(h)); y1 = Math.max(y1, this.cy(h));
    }
    return { x0, y0, x1, y1 };
  }
}

/** The sea-blue the map is drawn on (the canvas's background and the overview's). */
export const MAP_BACKGROUND = 0x6f8fa8;

/** The overview texture's pixels per world unit: the whole map in at most `maxTex` pixels a side. */
export function overviewScale(b: Box, maxTex: number): number {
  return Math.min(1, maxTex / Math.max(b.x1 - b.x0, b.y1 - b.y0));
}

/** Where the overview baked at build time is served, relative to the page. */
export const overviewUrl = (mapId: string): string => `./overview/${mapId}.png`;
