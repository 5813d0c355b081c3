// What the state changes on the map, redrawn with each new state: the ground tinted by the side
// that holds it, ground turned to rubble or flooded, bridges built, smoke, and the front line
// between Allied- and German-held ground.
import { Graphics, Sprite, Texture } from 'pixi.js';
import type { GameState, MapIndex, TerrainType } from '../../engine/core/index.ts';
import { FRONT_COLOUR, TERRAIN_COLOUR, shadeColour, sideHex } from '../style-map.ts';
import { drawTerrainMarks } from './draw-terrain.ts';
import { fillFront, frontPolylines } from './front.ts';
import { HEX, type HexGrid, RAD, ROW_H } from './geometry.ts';

export class StateLayer {
  readonly changes = new Graphics();
  readonly front = new Graphics();
  /** The ground tinted by holder: one texel per half hex, odd rows shifted by half a hex. */
  readonly tint = new Sprite();
  showFront = true;
  private tintCanvas: HTMLCanvasElement | null = null;

  constructor(private grid: HexGrid) {}

  draw(s: GameState | null): void {
    this.changes.clear();
    this.front.clear();
    const m = this.grid.map;
    this.tint.visible = !!(s && m);
    if (!s || !m) return;
    this.drawTint(s, m);
    this.drawChangedTerrain(s, m);
    this.drawBridgesAndSmoke(s, m);
    if (this.showFront) this.drawFront(s, m);
  }

  private drawChangedTerrain(s: GameState, m: MapIndex): void {
    const g = this.changes;
    const changed: number[] = [];
    for (const key of Object.keys(s.hexes)) {
      const h = Number(key);
      const c = s.hexes[key];
      if (c.terrain) {
        changed.push(h);
        g.poly(this.grid.hexPoly(h, 1.01)).fill(shadeColour(TERRAIN_COLOUR[c.terrain as TerrainType] ?? 0x888888, 1));
      }
    }
    if (changed.length) drawTerrainMarks(this.grid, g, (h) => (s.hexes[h]?.terrain as TerrainType) ?? m.terrain[h], changed);
  }

  private drawBridgesAndSmoke(s: GameState, m: MapIndex): void {
    const g = this.changes;
    const grid = this.grid;
    for (const key of Object.keys(s.hexes)) {
      const h = Number(key);
      const c = s.hexes[key];
      for (const d of c.bridges ?? []) {
        const [x0, y0, x1, y1] = grid.side(h, d);
        const n = m.neighbours[h * 6 + d];
        const mx = (x0 + x1) / 2; const my = (y0 + y1) / 2;
        g.moveTo(mx + (grid.cx(h) - mx) * 0.45, my + (grid.cy(h) - my) * 0.45)
          .lineTo(mx + (grid.cx(n) - mx) * 0.45, my + (grid.cy(n) - my) * 0.45)
          .stroke({ width: 3.2, color: 0x111111 });
      }
      if (c.smoke) g.circle(grid.cx(h), grid.cy(h), RAD * 1.2).fill({ color: 0xf4f4f4, alpha: 0.6 });
    }
  }

  /** The front: one continuous line between the ground each side holds (see front.ts), cased for contrast. */
  private drawFront(s: GameState, m: MapIndex): void {
    const f = this.front;
    const lines = frontPolylines(m, fillFront(m, s.control), (h, d) => this.grid.side(h, d));
    for (const [width, color, alpha] of [[4.6, 0xffffff, 0.75], [2.6, FRONT_COLOUR, 0.95]] as const) {
      for (const line of lines) {
        f.moveTo(line[0][0], line[0][1]);
        for (let i = 1; i < line.length; i++) f.lineTo(line[i][0], line[i][1]);
      }
      f.stroke({ width, color, alpha, cap: 'round', join: 'round' });
    }
  }

  /** Tints each held hex in its holder's colour (hexes nobody holds stay as the map draws them). */
  private drawTint(s: GameState, m: MapIndex): void {
    const w = m.cols * 2 + 1;
    const c = this.tintCanvas ?? document.createElement('canvas');
    const fresh = c.width !== w || c.height !== m.rows;
    if (fresh) { c.width = w; c.height = m.rows; }
    const g = c.getContext('2d')!;
    const img = g.createImageData(w, m.rows);
    const rgb = (x: number) => [(x >> 16) & 255, (x >> 8) & 255, x & 255];
    const colour = { A: rgb(sideHex('allied')), G: rgb(sideHex('german')) } as Record<string, number[]>;
    for (let r = 0; r < m.rows; r++) {
      const row = s.control[r] ?? '';
      for (let col = 0; col < m.cols; col++) {
        const k = colour[row[col]];
        if (!k) continue;
        for (const px of [col * 2 + (r & 1), col * 2 + (r & 1) + 1]) {
          const o = (r * w + px) * 4;
          img.data[o] = k[0]; img.data[o + 1] = k[1]; img.data[o + 2] = k[2]; img.data[o + 3] = 255;
        }
      }
    }
    g.putImageData(img, 0, 0);
    if (fresh || !this.tintCanvas) {
      this.tintCanvas = c;
      this.tint.texture = Texture.from({ resource: c, scaleMode: 'nearest' });
    } else this.tint.texture.source.update();
    this.tint.position.set(-HEX / 2, -ROW_H / 2);
    this.tint.width = w * (HEX / 2);
    this.tint.height = m.rows * ROW_H;
    this.tint.alpha = 0.2;
  }
}
