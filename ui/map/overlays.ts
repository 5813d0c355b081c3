// Marks over the map: the scenario's objectives (a gold outline and star) and the highlights of
// the player's choices (reach, path, targets, selection, hovered hex).
import type { Graphics } from 'pixi.js';
import type { Scenario } from '../../engine/core/index.ts';
import { type HexGrid, RAD } from './geometry.ts';

export interface Highlights {
  /** Hexes the selected unit can move to. */
  reach?: number[];
  /** Path to the hovered destination. */
  path?: number[];
  /** Enemy hexes that can be attacked. */
  targets?: number[];
  /** The hex of the open attack form. */
  aimed?: number;
  /** Hexes artillery can fire on. */
  fireTargets?: number[];
  /** The selected units' hexes. */
  selectedHexes?: number[];
  hover?: number;
}

export function drawObjectives(g: Graphics, grid: HexGrid, scenario: Scenario | null): void {
  g.clear();
  for (const o of scenario?.objectives ?? []) {
    const x = grid.cx(o.hex); const y = grid.cy(o.hex);
    g.poly(grid.hexPoly(o.hex, 0.92)).stroke({ width: 2.2, color: 0xd4a017, alpha: 0.95 });
    const pts: number[] = [];
    for (let i = 0; i < 10; i++) {
      const a = -Math.PI / 2 + i * Math.PI / 5;
      const r = i % 2 ? 2.2 : 5;
      pts.push(x + r * Math.cos(a) + RAD * 0.55, y + r * Math.sin(a) - RAD * 0.5);
    }
    g.poly(pts).fill(0xf0c020).stroke({ width: 0.8, color: 0x5a4000 });
  }
}

export function drawHighlights(g: Graphics, grid: HexGrid, hl: Highlights): void {
  g.clear();
  for (const h of hl.reach ?? []) g.poly(grid.hexPoly(h, 0.96));
  if (hl.reach?.length) g.fill({ color: 0x2ecc71, alpha: 0.28 });
  for (const h of hl.reach ?? []) g.poly(grid.hexPoly(h, 0.96));
  if (hl.reach?.length) g.stroke({ width: 0.8, color: 0x1e8449, alpha: 0.6 });
  if (hl.path && hl.path.length > 1) {
    g.moveTo(grid.cx(hl.path[0]), grid.cy(hl.path[0]));
    for (const h of hl.path.slice(1)) g.lineTo(grid.cx(h), grid.cy(h));
    g.stroke({ width: 3, color: 0x145a32, alpha: 0.9, cap: 'round', join: 'round' });
  }
  for (const h of hl.fireTargets ?? []) g.poly(grid.hexPoly(h, 0.88)).stroke({ width: 2.4, color: 0xe67e22 });
  for (const h of hl.targets ?? []) g.poly(grid.hexPoly(h, 0.9)).fill({ color: 0xe74c3c, alpha: 0.25 });
  for (const h of hl.selectedHexes ?? []) g.poly(grid.hexPoly(h, 1)).stroke({ width: 2.6, color: 0xffd400 });
  if (hl.hover !== undefined && hl.hover >= 0) g.poly(grid.hexPoly(hl.hover, 1)).stroke({ width: 1.4, color: 0x111111, alpha: 0.55 });
}

/**
 * The outlines of the hexes the selection can attack, and the one aimed at: drawn above the
 * counters (on a layer over them), so a target reads as one even when enemy symbols fill it.
 */
export function drawTargets(g: Graphics, grid: HexGrid, hl: Highlights): void {
  g.clear();
  for (const h of hl.targets ?? []) {
    const aimed = h === hl.aimed;
    g.poly(grid.hexPoly(h, 0.94)).stroke({ width: aimed ? 4.5 : 2.8, color: 0xffffff, alpha: 0.9 });
    g.poly(grid.hexPoly(h, 0.94)).stroke({ width: aimed ? 2.8 : 1.6, color: 0xc0392b });
    if (aimed) {
      // Cross-hairs at the hex's corners: the target of the open attack form.
      const x = grid.cx(h); const y = grid.cy(h);
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
        g.moveTo(x + dx * RAD * 0.62, y + dy * RAD * 0.62).lineTo(x + dx * RAD * 1.05, y + dy * RAD * 1.05);
      }
      g.stroke({ width: 2.4, color: 0xc0392b });
    }
  }
}
