// Last-seen markers under fog of war: a ghost counter (dashed outline, no symbol) where an enemy
// unit now out of sight was last seen, one per hex however many were seen there.
import type { Graphics } from 'pixi.js';
import { type HexGrid, RAD } from './geometry.ts';

export function drawLastSeen(g: Graphics, grid: HexGrid, hexes: number[]): void {
  g.clear();
  const w = RAD * 1.1; const h = RAD * 0.75;
  for (const hex of new Set(hexes)) {
    const x = grid.cx(hex) - w / 2; const y = grid.cy(hex) - h / 2;
    g.rect(x, y, w, h).fill({ color: 0x9a9a9a, alpha: 0.35 });
    // Dashes along the outline: seen once, not seen now.
    const dash = w / 5;
    for (let i = 0; i < 5; i += 2) {
      g.moveTo(x + i * dash, y).lineTo(x + (i + 1) * dash, y);
      g.moveTo(x + i * dash, y + h).lineTo(x + (i + 1) * dash, y + h);
    }
    g.moveTo(x, y).lineTo(x, y + h / 3).moveTo(x, y + (2 * h) / 3).lineTo(x, y + h);
    g.moveTo(x + w, y).lineTo(x + w, y + h / 3).moveTo(x + w, y + (2 * h) / 3).lineTo(x + w, y + h);
    g.stroke({ width: 1.6, color: 0x3a3a3a, alpha: 0.9 });
    // A question mark's dot and hook, drawn as strokes (no text in the world layer).
    const cx = x + w / 2; const cy = y + h / 2;
    g.arc(cx, cy - h * 0.12, h * 0.16, Math.PI, Math.PI * 2.3).lineTo(cx, cy + h * 0.12).stroke({ width: 1.6, color: 0x3a3a3a });
    g.circle(cx, cy + h * 0.26, 1.4).fill(0x3a3a3a);
  }
}
