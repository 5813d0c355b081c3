// The camera: world to screen (scale, then offset), fitting the map or a group of hexes, zooming
// about a point and panning, always keeping part of the map on screen.
import { HEX, type HexGrid } from './geometry.ts';

export interface ScreenSize { readonly width: number; readonly height: number }

export class Camera {
  cam = { x: 0, y: 0, scale: 1 };
  minScale = 0.05;
  maxScale = 5;
  /** When the last zoom step came (the view cache is reused, stretched, while zooming). */
  lastZoomAt = 0;

  constructor(private grid: HexGrid, private screen: ScreenSize, private changed: () => void) {}

  worldToScreen(x: number, y: number): { x: number; y: number } {
    return { x: x * this.cam.scale + this.cam.x, y: y * this.cam.scale + this.cam.y };
  }
  screenToWorld(x: number, y: number): { x: number; y: number } {
    return { x: (x - this.cam.x) / this.cam.scale, y: (y - this.cam.y) / this.cam.scale };
  }
  hexScreen(h: number): { x: number; y: number } { return this.worldToScreen(this.grid.cx(h), this.grid.cy(h)); }

  /** Screen size of one hex at the current zoom. */
  get hexPx(): number { return HEX * this.cam.scale; }

  fit(): void {
    const b = this.grid.bounds;
    const w = this.screen.width; const h = this.screen.height;
    const scale = Math.min(w / (b.x1 - b.x0), h / (b.y1 - b.y0)) * 0.96;
    this.minScale = scale * 0.85;
    this.maxScale = Math.max(scale * 2, 140 / HEX);
    this.cam.scale = scale;
    this.cam.x = w / 2 - ((b.x0 + b.x1) / 2) * scale;
    this.cam.y = h / 2 - ((b.y0 + b.y1) / 2) * scale;
    this.changed();
  }

  /** Frames the given hexes (e.g. the units of a battle on the large sector map), with a margin. */
  frameHexes(hexes: number[]): void {
    if (!hexes.length) { this.fit(); return; }
    const { x0, y0, x1, y1 } = this.grid.centresBox(hexes);
    const { width, height } = this.screen;
    const pad = HEX * 3;
    const scale = Math.max(this.minScale, Math.min(this.maxScale, 60 / HEX, Math.min(width / (x1 - x0 + 2 * pad), height / (y1 - y0 + 2 * pad))));
    this.cam.scale = scale;
    this.cam.x = width / 2 - ((x0 + x1) / 2) * scale;
    this.cam.y = height / 2 - ((y0 + y1) / 2) * scale;
    this.clamp();
    this.changed();
  }

  zoomAt(sx: number, sy: number, factor: number): void {
    const s = Math.max(this.minScale, Math.min(this.maxScale, this.cam.scale * factor));
    this.lastZoomAt = performance.now();
    const w = this.screenToWorld(sx, sy);
    this.cam.scale = s;
    this.cam.x = sx - w.x * s;
    this.cam.y = sy - w.y * s;
    this.clamp();
    this.changed();
  }

  panBy(dx: number, dy: number): void {
    this.cam.x += dx;
    this.cam.y += dy;
    this.clamp();
    this.changed();
  }

  centreOn(h: number, minHexPx = 0): void {
    if (this.hexPx < minHexPx) this.cam.scale = Math.min(this.maxScale, minHexPx / HEX);
    this.cam.x = this.screen.width / 2 - this.grid.cx(h) * this.cam.scale;
    this.cam.y = this.screen.height / 2 - this.grid.cy(h) * this.cam.scale;
    this.clamp();
    this.changed();
  }

  /** Keeps part of the map on screen. */
  clamp(): void {
    const b = this.grid.bounds;
    const s = this.cam.scale;
    const margin = 80;
    this.cam.x = Math.min(this.screen.width - margin - b.x0 * s, Math.max(margin - b.x1 * s, this.cam.x));
    this.cam.y = Math.min(this.screen.height - margin - b.y0 * s, Math.max(margin - b.y1 * s, this.cam.y));
  }
}
