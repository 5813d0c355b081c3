// The story of the turn shown, on the map: movement trails under the counters; attack arrows,
// combat markers (a tick where the assault took the hex, a cross where it failed), strikes of
// guns and aircraft, and rings round the hexes that changed hands above them.
import { Graphics } from 'pixi.js';
import type { Side } from '../../engine/core/index.ts';
import { shadeColour, sideHex } from '../style-map.ts';
import type { TurnStory } from '../story.ts';
import { type HexGrid, RAD } from './geometry.ts';

/** What the layer drew, for the tests and the legend. */
export interface StoryCounts { trails: number; arrows: number; markers: number; strikes: number; changed: number }

/** Trails in a darker shade of the side's colour, under the arrows of the assaults. */
const trail = (side: Side) => shadeColour(sideHex(side), 0.6);

export class StoryLayer {
  /** Under the counters (in the world). */
  readonly trails = new Graphics();
  /** Over the counters. */
  readonly marks = new Graphics();
  counts: StoryCounts = { trails: 0, arrows: 0, markers: 0, strikes: 0, changed: 0 };

  constructor(private grid: HexGrid) {}

  draw(story: TurnStory | null, focus: number | null): void {
    this.trails.clear();
    this.marks.clear();
    this.counts = { trails: 0, arrows: 0, markers: 0, strikes: 0, changed: 0 };
    if (story && this.grid.map) {
      this.drawTrails(story);
      this.drawChanged(story);
      this.drawStrikes(story);
      this.drawAssaults(story);
    }
    if (focus !== null && focus >= 0 && this.grid.map) {
      this.marks.poly(this.grid.hexPoly(focus, 1.25)).stroke({ width: 5, color: 0x111111, alpha: 0.6 });
      this.marks.poly(this.grid.hexPoly(focus, 1.25)).stroke({ width: 3, color: 0xffd400 });
    }
  }

  private drawTrails(story: TurnStory): void {
    const g = this.trails;
    const grid = this.grid;
    for (const side of ['allied', 'german'] as const) {
      const moves = story.moves.filter((m) => m.side === side);
      // Each trail follows its route hex by hex (ui/story.ts), the head on its last step.
      for (const m of moves) {
        g.moveTo(grid.cx(m.path[0]), grid.cy(m.path[0]));
        for (const h of m.path.slice(1)) g.lineTo(grid.cx(h), grid.cy(h));
      }
      if (moves.length) g.stroke({ width: 2, color: trail(side), alpha: 0.75, cap: 'round' });
      for (const m of moves) {
        g.circle(grid.cx(m.from), grid.cy(m.from), 2).fill({ color: trail(side), alpha: 0.75 });
        const last = m.path[m.path.length - 2] ?? m.from;
        arrowHead(g, grid.cx(last), grid.cy(last), grid.cx(m.to), grid.cy(m.to), 6);
      }
      if (moves.length) g.fill({ color: trail(side), alpha: 0.85 });
      this.counts.trails += moves.length;
    }
  }

  private drawAssaults(story: TurnStory): void {
    const g = this.marks;
    const grid = this.grid;
    for (const a of story.assaults) {
      const tx = grid.cx(a.target); const ty = grid.cy(a.target);
      for (const h of a.from) {
        const fx = grid.cx(h); const fy = grid.cy(h);
        const x0 = fx + (tx - fx) * 0.1; const y0 = fy + (ty - fy) * 0.1;
        const x1 = fx + (tx - fx) * 0.72; const y1 = fy + (ty - fy) * 0.72;
        g.moveTo(x0, y0).lineTo(x1, y1).stroke({ width: 6.5, color: 0xffffff, alpha: 0.9, cap: 'round' });
        g.moveTo(x0, y0).lineTo(x1, y1).stroke({ width: 4, color: sideHex(a.side), cap: 'round' });
        arrowHead(g, x0, y0, x1 + (tx - fx) * 0.12, y1 + (ty - fy) * 0.12, 11);
        g.fill(sideHex(a.side)).stroke({ width: 1.2, color: 0xffffff });
        this.counts.arrows++;
      }
      this.marker(a.target, a.side, a.won);
    }
  }

  /** A disc at the hex's upper left: the attacker's tick where the hex was taken, a cross where the assault failed. */
  private marker(h: number, side: Side, won: boolean): void {
    const g = this.marks;
    const x = this.grid.cx(h) - RAD * 0.55; const y = this.grid.cy(h) - RAD * 0.55;
    const r = RAD * 0.42;
    g.circle(x, y, r).fill(won ? sideHex(side) : 0xffffff).stroke({ width: 1.6, color: won ? 0xffffff : sideHex(side) });
    if (won) g.moveTo(x - r * 0.5, y).lineTo(x - r * 0.1, y + r * 0.45).lineTo(x + r * 0.55, y - r * 0.45).stroke({ width: 2.2, color: 0xffffff, cap: 'round', join: 'round' });
    else g.moveTo(x - r * 0.45, y - r * 0.45).lineTo(x + r * 0.45, y + r * 0.45).moveTo(x + r * 0.45, y - r * 0.45).lineTo(x - r * 0.45, y + r * 0.45).stroke({ width: 2.2, color: sideHex(side), cap: 'round' });
    this.counts.markers++;
  }

  /** A burst at the hex's lower right where guns or aircraft struck. */
  private drawStrikes(story: TurnStory): void {
    const g = this.marks;
    const seen = new Set<number>();
    for (const s of story.strikes) {
      if (seen.has(s.hex)) continue;
      seen.add(s.hex);
      const x = this.grid.cx(s.hex) + RAD * 0.55; const y = this.grid.cy(s.hex) + RAD * 0.5;
      const pts: number[] = [];
      for (let i = 0; i < 16; i++) {
        const a = (i * Math.PI) / 8;
        const r = i % 2 ? RAD * 0.14 : RAD * 0.32;
        pts.push(x + r * Math.cos(a), y + r * Math.sin(a));
      }
      g.poly(pts).fill(s.kind === 'airStrike' ? 0x6c3483 : 0xe67e22).stroke({ width: 0.8, color: 0x3a1e00 });
    }
    this.counts.strikes = seen.size;
  }

  /** A ring in the new holder's colour round each hex that changed hands. */
  private drawChanged(story: TurnStory): void {
    const g = this.marks;
    for (const side of ['allied', 'german'] as const) {
      const hexes = story.changed.filter((c) => c.to === side).map((c) => c.hex);
      for (const h of hexes) g.poly(this.grid.hexPoly(h, 0.8));
      if (hexes.length) g.stroke({ width: 4, color: 0xffffff, alpha: 0.85 });
      for (const h of hexes) g.poly(this.grid.hexPoly(h, 0.8));
      if (hexes.length) g.stroke({ width: 2.2, color: sideHex(side) });
      this.counts.changed += hexes.length;
    }
  }
}

/** A filled arrow head at (x1, y1) pointing away from (x0, y0). */
function arrowHead(g: Graphics, x0: number, y0: number, x1: number, y1: number, size: number): void {
  const a = Math.atan2(y1 - y0, x1 - x0);
  g.poly([
    x1, y1,
    x1 - size * Math.cos(a - 0.45), y1 - size * Math.sin(a - 0.45),
    x1 - size * Math.cos(a + 0.45), y1 - size * Math.sin(a + 0.45),
  ]);
}
