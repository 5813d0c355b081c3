// A small software rasteriser with the drawing calls of pixi.js's Graphics (the Pen of
// ui/map/draw-terrain.ts): antialiased polygon fills (four sub-scanlines, exact coverage across)
// and antialiased strokes with round ends, blended over an opaque RGB image. It lets the build
// draw the whole-map overview with the same drawing code the browser uses, without a GPU.
import type { Pen, PenFill, PenStroke } from '../../ui/map/draw-terrain.ts';

interface SubPath { pts: number[]; closed: boolean }
const SUB = [0.125, 0.375, 0.625, 0.875];

export class Raster implements Pen {
  readonly rgb: Uint8Array;
  private path: SubPath[] = [];
  private last: SubPath[] = [];

  /** An image of `width` × `height` pixels showing the world through x' = (x - ox) * k, y' = (y - oy) * k. */
  constructor(readonly width: number, readonly height: number, private k: number, private ox: number, private oy: number, background: number) {
    this.rgb = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) {
      this.rgb[i * 3] = background >> 16; this.rgb[i * 3 + 1] = (background >> 8) & 255; this.rgb[i * 3 + 2] = background & 255;
    }
  }

  private px(x: number): number { return (x - this.ox) * this.k; }
  private py(y: number): number { return (y - this.oy) * this.k; }

  poly(points: number[]): this {
    const pts: number[] = [];
    for (let i = 0; i < points.length; i += 2) pts.push(this.px(points[i]), this.py(points[i + 1]));
    this.path.push({ pts, closed: true });
    return this;
  }

  rect(x: number, y: number, w: number, h: number): this {
    return this.poly([x, y, x + w, y, x + w, y + h, x, y + h]);
  }

  moveTo(x: number, y: number): this {
    this.path.push({ pts: [this.px(x), this.py(y)], closed: false });
    return this;
  }

  lineTo(x: number, y: number): this {
    const cur = this.path[this.path.length - 1];
    if (!cur || cur.closed) return this.moveTo(x, y);
    cur.pts.push(this.px(x), this.py(y));
    return this;
  }

  /** As in pixi.js, a fill or stroke with no path of its own takes the last one's (rect().fill().stroke()). */
  private take(): SubPath[] {
    const p = this.path.length ? this.path : this.last;
    this.last = p;
    this.path = [];
    return p;
  }

  fill(style: PenFill): this {
    const { color, alpha } = typeof style === 'number' ? { color: style, alpha: 1 } : { color: style.color, alpha: style.alpha ?? 1 };
    for (const p of this.take()) this.fillPolygon(p.pts, color, alpha);
    return this;
  }

  stroke(style: PenStroke): this {
    const hw = style.width * this.k / 2;
    for (const p of this.take()) {
      const n = p.pts.length / 2;
      for (let i = 0; i + 1 < n; i++) this.segment(p.pts, i, i + 1, hw, style.color, style.alpha ?? 1);
      if (p.closed && n > 2) this.segment(p.pts, n - 1, 0, hw, style.color, style.alpha ?? 1);
    }
    return this;
  }

  private blend(i: number, color: number, a: number): void {
    if (a <= 0) return;
    const o = i * 3;
    const rgb = this.rgb;
    rgb[o] += ((color >> 16) - rgb[o]) * a;
    rgb[o + 1] += (((color >> 8) & 255) - rgb[o + 1]) * a;
    rgb[o + 2] += ((color & 255) - rgb[o + 2]) * a;
  }

  private fillPolygon(pts: number[], color: number, alpha: number): void {
    let y0 = Infinity; let y1 = -Infinity; let x0 = Infinity; let x1 = -Infinity;
    for (let i = 0; i < pts.length; i += 2) {
      x0 = Math.min(x0, pts[i]); x1 = Math.max(x1, pts[i]); y0 = Math.min(y0, pts[i + 1]); y1 = Math.max(y1, pts[i + 1]);
    }
    const c0 = Math.max(0, Math.floor(x0)); const c1 = Math.min(this.width - 1, Math.floor(x1));
    if (c1 < c0) return;
    const cov = new Float32Array(c1 - c0 + 1);
    for (let row = Math.max(0, Math.floor(y0)); row <= Math.min(this.height - 1, Math.floor(y1)); row++) {
      cov.fill(0);
      for (const s of SUB) this.coverSpan(pts, row + s, cov, c0, c1);
      for (let c = c0; c <= c1; c++) if (cov[c - c0] > 0) this.blend(row * this.width + c, color, alpha * Math.min(1, cov[c - c0]));
    }
  }

  /** Adds a quarter of the covered width of each pixel of one sub-scanline (even-odd spans). */
  private coverSpan(pts: number[], y: number, cov: Float32Array, c0: number, c1: number): void {
    const xs: number[] = [];
    const n = pts.length / 2;
    for (let i = 0; i < n; i++) {
      const ax = pts[i * 2]; const ay = pts[i * 2 + 1];
      const j = (i + 1) % n;
      const bx = pts[j * 2]; const by = pts[j * 2 + 1];
      if ((ay <= y) !== (by <= y)) xs.push(ax + (y - ay) / (by - ay) * (bx - ax));
    }
    xs.sort((a, b) => a - b);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const xa = Math.max(xs[i], c0); const xb = Math.min(xs[i + 1], c1 + 1);
      for (let c = Math.floor(xa); c < xb; c++) cov[c - c0] += 0.25 * (Math.min(xb, c + 1) - Math.max(xa, c));
    }
  }

  /** A thick antialiased segment with round ends: coverage from each pixel centre's distance to it. */
  private segment(pts: number[], i: number, j: number, hw: number, color: number, alpha: number): void {
    const ax = pts[i * 2]; const ay = pts[i * 2 + 1]; const bx = pts[j * 2]; const by = pts[j * 2 + 1];
    const dx = bx - ax; const dy = by - ay;
    const len2 = dx * dx + dy * dy || 1e-9;
    const r = hw + 1;
    const peak = Math.min(1, 2 * hw);
    for (let y = Math.max(0, Math.floor(Math.min(ay, by) - r)); y <= Math.min(this.height - 1, Math.ceil(Math.max(ay, by) + r)); y++) {
      for (let x = Math.max(0, Math.floor(Math.min(ax, bx) - r)); x <= Math.min(this.width - 1, Math.ceil(Math.max(ax, bx) + r)); x++) {
        const t = Math.max(0, Math.min(1, ((x + 0.5 - ax) * dx + (y + 0.5 - ay) * dy) / len2));
        const d = Math.hypot(x + 0.5 - ax - t * dx, y + 0.5 - ay - t * dy);
        const c = Math.min(peak, hw + 0.5 - d);
        if (c > 0) this.blend(y * this.width + x, color, alpha * c);
      }
    }
  }
}
