// Place and river names: screen-space text that keeps its size at every zoom, shown from the
// zoom their kind asks for, the more important first where two would overlap.
import { Container, Text } from 'pixi.js';
import { labelMinHexPx } from '../style-map.ts';
import type { Camera } from './camera.ts';
import { type HexGrid, RAD } from './geometry.ts';

type LabelStyle = 'place' | 'river' | 'town';
interface Label { text: Text; x: number; y: number; minPx: number; main: boolean }

/** The names a reader of the battle looks for first: shown at every zoom, placed before all others. */
export const MAIN_NAMES = new Set(['Cassino', 'Abbey of Monte Cassino', 'Rapido', 'Garigliano', 'Gari', 'Liri']);

export class Labels {
  readonly layer = new Container();
  private labels: Label[] = [];

  build(grid: HexGrid): void {
    for (const l of this.labels) l.text.destroy();
    this.labels = [];
    this.layer.removeChildren();
    const m = grid.map!;
    for (const p of m.data.places) {
      const h = p.row * m.cols + p.col;
      const short = p.kind === 'point' ? p.name : p.name.replace(/\s*\(.*\)$/, '');
      this.add(short, grid.cx(h), grid.cy(h) + RAD * 0.75, labelMinHexPx(p.kind), p.kind === 'town' || p.kind === 'abbey' ? 'town' : 'place');
    }
    // River names near the middle of each river's course.
    for (const r of m.data.rivers) {
      const sides = m.data.riverSides.filter((s) => s.river === r.id);
      if (!sides.length) continue;
      const s = sides[Math.floor(sides.length / 2)];
      this.add(r.name.replace(/\s*\(.*\)$/, ''), (grid.cx(s.a) + grid.cx(s.b)) / 2 + 10, (grid.cy(s.a) + grid.cy(s.b)) / 2, 3, 'river');
    }
    // The main names first, then the more important: they win when labels would overlap.
    this.labels.sort((a, b) => Number(b.main) - Number(a.main) || a.minPx - b.minPx);
  }

  private add(name: string, x: number, y: number, minPx: number, style: LabelStyle): void {
    const main = MAIN_NAMES.has(name);
    if (main) minPx = 0;
    const text = new Text({
      text: name,
      style: {
        fontFamily: 'system-ui, "DejaVu Sans", sans-serif',
        fontSize: main ? 14 : style === 'town' ? 13 : 11,
        fontWeight: main || style === 'town' ? '700' : '500',
        fontStyle: style === 'river' ? 'italic' : 'normal',
        fill: style === 'river' ? 0x1c4f96 : 0x1e1a16,
        stroke: { color: 0xfbf7ea, width: 3, join: 'round' },
      },
      resolution: 2,
    });
    text.anchor.set(0.5, 0);
    this.layer.addChild(text);
    this.labels.push({ text, x, y, minPx, main });
  }

  /** Places the names on screen; those off screen, too small for the zoom or overlapping are hidden. */
  layout(camera: Camera, w: number, h: number): void {
    const px = camera.hexPx;
    const placed: Array<[number, number, number, number]> = [];
    for (const l of this.labels) {
      const p = camera.worldToScreen(l.x, l.y);
      const x = Math.round(p.x); const y = Math.round(p.y + Math.min(12, px * 0.1));
      l.text.position.set(x, y);
      let show = px >= l.minPx && p.x > -100 && p.x < w + 100 && p.y > -20 && p.y < h + 20;
      if (show) {
        const boxAt = (dy: number): [number, number, number, number] => [x - l.text.width / 2 - 2, y + dy, x + l.text.width / 2 + 2, y + dy + l.text.height];
        const free = (box: [number, number, number, number]) => !placed.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]);
        // A main name always shows: where it would cover another main name, it moves below or above it.
        const dy = l.main ? [0, l.text.height, -l.text.height, 2 * l.text.height].find((d) => free(boxAt(d))) ?? 0 : 0;
        const box = boxAt(dy);
        show = l.main || free(box);
        if (show) { placed.push(box); l.text.position.set(x, y + dy); }
      }
      l.text.visible = show;
    }
  }
}
