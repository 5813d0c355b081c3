// What the state changes on the map, redrawn with each new state: ground turned to rubble or
// flooded, bridges built, smoke, and the front line between Allied- and German-held ground.
import { Graphics } from 'pixi.js';
import type { GameState, MapIndex, TerrainType } from '../../engine/core/index.ts';
import { FRONT_COLOUR, TERRAIN_COLOUR, shadeColour } from '../style-map.ts';
import { drawTerrainMarks } from './draw-terrain.ts';
import { type HexGrid, RAD } from './geometry.ts';

export class StateLayer {
  readonly changes = new Graphics();
  readonly front = new Graphics();
  showFront = true;

  constructor(private grid: HexGrid) {}

  draw(s: GameState | null): void {
    this.changes.clear();
    this.front.clear();
    const m = this.grid.map;
    if (!s || !m) return;
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

  /** The front: hexsides between Allied- and German-held ground. */
  private drawFront(s: GameState, m: MapIndex): void {
    const f = this.front;
    const ctrl = s.control;
    const at = (h: number) => ctrl[Math.floor(h / m.cols)]?.[h % m.cols];
    for (let h = 0; h < m.size; h++) {
      const a = at(h);
      if (a !== 'A' && a !== 'G') continue;
      for (let d = 0; d < 3; d++) {
        const n = m.neighbours[h * 6 + d];
        if (n < 0) continue;
        const b = at(n);
        if ((b === 'A' || b === 'G') && b !== a) {
          const [x0, y0, x1, y1] = this.grid.side(h, d);
          f.moveTo(x0, y0).lineTo(x1, y1);
        }
      }
    }
    f.stroke({ width: 2.2, color: FRONT_COLOUR, alpha: 0.7, cap: 'square' });
  }
}
