// The map: a Pixi.js (v8) scene with the static map baked once into a few Graphics (terrain
// with hill shading, routes, rivers, towns, the abbey), a layer redrawn when the state changes
// (bombed hexes, bridges, smoke, the front line), highlights for the player's choices, and
// screen-space layers for unit symbols and place names that keep their size at every zoom.
// Frames are drawn on demand (after input or a new state), never inside the engine's turn loop.
import { Application, Container, Graphics, Matrix, RenderTexture, Sprite, Text, Texture, type WebGLRenderer } from 'pixi.js';
import {
  type GameState, type MapIndex, type Scenario, type Side, type TerrainType, hexOffset,
} from '../engine/core/index.ts';
import {
  CAVENDISH_STYLE, FRONT_COLOUR, LINK_STYLE, type LineStyle, RIVER_COLOUR, TERRAIN_COLOUR, heightTint,
  hillShade, labelMinHexPx, shadeColour,
} from './style-map.ts';
import { SYMBOL_PX, symbolTexture } from './symbols.ts';

/** World units between the centres of neighbouring hexes. */
export const HEX = 32;
const RAD = HEX / Math.sqrt(3);
const ROW_H = HEX * Math.sqrt(3) / 2;

export interface Highlights {
  /** Hexes the selected unit can move to. */
  reach?: number[];
  /** Path to the hovered destination. */
  path?: number[];
  /** Enemy hexes that can be attacked. */
  targets?: number[];
  /** Hexes artillery can fire on. */
  fireTargets?: number[];
  /** The selected units' hexes. */
  selectedHexes?: number[];
  hover?: number;
}

interface UnitSprite { id: string; box: Container; frame: Graphics; hex: number; order: number; w: number; h: number; x: number; y: number }

export class MapView {
  readonly app = new Application();
  map: MapIndex | null = null;
  scenario: Scenario | null = null;
  state: GameState | null = null;
  /** The side shown as friend (frame shape of symbols). */
  viewer: Side = 'allied';
  selected: string[] = [];

  private world = new Container();
  /** The static map as vector chunks (close up) and as one baked texture (zoomed out). */
  private detail = new Container();
  private overviewLayer = new Container();
  private overview: Sprite | null = null;
  private cacheLayer = new Container();
  private viewCache: { rt: RenderTexture; sprite: Sprite; scale: number; x0: number; y0: number; x1: number; y1: number } | null = null;
  private lastZoomAt = 0;
  private bakeRes = 1;
  private chunks: Array<{ x0: number; y0: number; x1: number; y1: number; parts: Graphics[]; grid: Graphics }> = [];
  private dynamicLayer = new Graphics();
  private frontLayer = new Graphics();
  private highlightLayer = new Graphics();
  private objectiveLayer = new Graphics();
  private labelLayer = new Container();
  private unitLayer = new Container();
  private labels: Array<{ text: Text; x: number; y: number; minPx: number }> = [];
  private units: UnitSprite[] = [];
  private centres = new Float32Array(0);
  private bounds = { x0: 0, y0: 0, x1: 1, y1: 1 };
  private dirty = false;
  private unitsDirty = true;
  cam = { x: 0, y: 0, scale: 1 };
  minScale = 0.05;
  maxScale = 5;
  onViewChange: (() => void) | null = null;
  showFront = true;

  async init(host: HTMLElement): Promise<void> {
    await this.app.init({
      preference: ['webgl', 'canvas'],
      resizeTo: host,
      // The map itself is antialiased when it is baked into textures; the screen needs no MSAA
      // (which doubles the cost of a frame on software WebGL). ?aa=1 turns it on.
      antialias: new URLSearchParams(location.search).get('aa') === '1',
      background: 0x6f8fa8,
      preserveDrawingBuffer: true,
      autoStart: false,
      autoDensity: true,
      resolution: Math.min(2, window.devicePixelRatio || 1),
    });
    this.app.ticker.stop();
    host.appendChild(this.app.canvas);
    this.world.addChild(this.overviewLayer, this.cacheLayer, this.detail, this.dynamicLayer, this.frontLayer, this.objectiveLayer, this.highlightLayer);
    this.app.stage.addChild(this.world, this.labelLayer, this.unitLayer);
    new ResizeObserver(() => { this.app.resize(); this.clampCamera(); this.requestRender(); }).observe(host);
  }

  get rendererName(): string { return this.app.renderer.name; }
  get width(): number { return this.app.renderer.width / this.app.renderer.resolution; }
  get height(): number { return this.app.renderer.height / this.app.renderer.resolution; }

  // --- geometry ----------------------------------------------------------------------------

  cx(h: number): number { return this.centres[h * 2]; }
  cy(h: number): number { return this.centres[h * 2 + 1]; }

  worldToScreen(x: number, y: number): { x: number; y: number } {
    return { x: x * this.cam.scale + this.cam.x, y: y * this.cam.scale + this.cam.y };
  }
  screenToWorld(x: number, y: number): { x: number; y: number } {
    return { x: (x - this.cam.x) / this.cam.scale, y: (y - this.cam.y) / this.cam.scale };
  }
  hexScreen(h: number): { x: number; y: number } { return this.worldToScreen(this.cx(h), this.cy(h)); }

  /** The hex under a screen point, or -1. */
  hexAt(sx: number, sy: number): number {
    const m = this.map;
    if (!m) return -1;
    const { x, y } = this.screenToWorld(sx, sy);
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
  private side(h: number, d: number): [number, number, number, number] {
    const a = ((6 - d) % 6);
    const b = ((7 - d) % 6);
    const ca = corner(a);
    const cb = corner(b);
    return [this.cx(h) + ca.x, this.cy(h) + ca.y, this.cx(h) + cb.x, this.cy(h) + cb.y];
  }

  private hexPoly(h: number, shrink = 1): number[] {
    const pts: number[] = [];
    for (let i = 0; i < 6; i++) { const c = corner(i); pts.push(this.cx(h) + c.x * shrink, this.cy(h) + c.y * shrink); }
    return pts;
  }

  // --- the static map ------------------------------------------------------------------------

  setMap(map: MapIndex, scenario: Scenario | null): void {
    this.map = map;
    this.scenario = scenario;
    this.state = null;
    this.centres = new Float32Array(map.size * 2);
    for (let h = 0; h < map.size; h++) {
      const { col, row } = hexOffset(map, h);
      this.centres[h * 2] = HEX * (col + 0.5 * (row & 1));
      this.centres[h * 2 + 1] = ROW_H * row;
    }
    this.bounds = { x0: -HEX / 2, y0: -RAD, x1: HEX * (map.cols - 0.5) + HEX / 2, y1: ROW_H * (map.rows - 1) + RAD };
    this.buildStatic();
    this.buildLabels();
    this.drawObjectives();
    this.fit();
    this.unitsDirty = true;
    this.requestRender();
  }

  /**
   * Bakes the static map. Close up, it is vector Graphics cut into chunks of 16 × 14 hexes, and
   * only the chunks on screen are drawn. Zoomed out, where every hex is on screen, it is one
   * texture rendered once from those Graphics (with mipmaps), so a frame is a single quad.
   */
  private buildStatic(): void {
    const m = this.map!;
    for (const c of this.detail.removeChildren()) c.destroy({ children: true });
    this.overview?.destroy(true);
    this.overview = null;
    if (this.viewCache) { this.viewCache.scale = 0; this.viewCache.x1 = this.viewCache.x0 - 1; }
    this.chunks = [];
    const layerNames = ['terrain', 'marks', 'contours', 'routes', 'rivers', 'grid'] as const;
    const layers = Object.fromEntries(layerNames.map((n) => [n, new Container()])) as Record<(typeof layerNames)[number], Container>;
    for (const n of layerNames) this.detail.addChild(layers[n]);
    const CR = 16; const CC = 14;
    const chunkOf = (h: number) => {
      const { col, row } = hexOffset(m, h);
      return Math.floor(row / CR) * Math.ceil(m.cols / CC) + Math.floor(col / CC);
    };
    const nChunks = Math.ceil(m.rows / CR) * Math.ceil(m.cols / CC);
    const hexesOf: number[][] = Array.from({ length: nChunks }, () => []);
    for (let h = 0; h < m.size; h++) hexesOf[chunkOf(h)].push(h);
    const linksOf: number[][] = Array.from({ length: nChunks }, () => []);
    m.data.links.forEach((l, i) => linksOf[chunkOf(l.a)].push(i));
    const riversOf: number[][] = Array.from({ length: nChunks }, () => []);
    m.data.riverSides.forEach((r, i) => riversOf[chunkOf(r.a)].push(i));
    for (let c = 0; c < nChunks; c++) {
      const hexes = hexesOf[c];
      if (!hexes.length) continue;
      const parts: Graphics[] = [];
      const add = (layer: Container, g: Graphics) => { layer.addChild(g); parts.push(g); };
      add(layers.terrain, this.drawTerrain(hexes));
      const marks = new Graphics();
      this.drawTerrainMarks(marks, (h) => m.terrain[h], hexes);
      add(layers.marks, marks);
      add(layers.contours, this.drawContours(hexes));
      add(layers.routes, this.drawRoutes(linksOf[c]));
      add(layers.rivers, this.drawRivers(riversOf[c]));
      const grid = new Graphics();
      for (const h of hexes) {
        for (let d = 0; d < 3; d++) {
          const [x0, y0, x1, y1] = this.side(h, d);
          grid.moveTo(x0, y0).lineTo(x1, y1);
        }
      }
      grid.stroke({ width: 0.5, color: 0x333333, alpha: 0.22 });
      add(layers.grid, grid);
      let x0 = Infinity; let y0 = Infinity; let x1 = -Infinity; let y1 = -Infinity;
      for (const h of hexes) {
        x0 = Math.min(x0, this.cx(h)); x1 = Math.max(x1, this.cx(h)); y0 = Math.min(y0, this.cy(h)); y1 = Math.max(y1, this.cy(h));
      }
      // Routes and rivers reach half a hex beyond the chunk's hex centres.
      this.chunks.push({ x0: x0 - HEX, y0: y0 - HEX, x1: x1 + HEX, y1: y1 + HEX, parts, grid });
    }
    this.bakeOverview(layers.grid);
  }

  /** Renders the chunks around the view into the view cache at the current zoom. */
  private bakeView(a: { x: number; y: number }, z: { x: number; y: number }): void {
    const mw = (z.x - a.x) / 2; const mh = (z.y - a.y) / 2;
    const x0 = a.x - mw; const y0 = a.y - mh; const x1 = z.x + mw; const y1 = z.y + mh;
    const k = this.cam.scale * this.app.renderer.resolution;
    const pw = Math.ceil((x1 - x0) * k); const ph = Math.ceil((y1 - y0) * k);
    let vc = this.viewCache;
    if (!vc || vc.rt.width !== pw || vc.rt.height !== ph) {
      if (vc) { vc.sprite.destroy(); vc.rt.destroy(true); }
      const rt = RenderTexture.create({ width: pw, height: ph, antialias: true });
      const sprite = new Sprite(rt);
      this.cacheLayer.removeChildren();
      this.cacheLayer.addChild(sprite);
      vc = { rt, sprite, scale: 0, x0, y0, x1, y1 };
      this.viewCache = vc;
    }
    const px = this.hexPx;
    for (const c of this.chunks) {
      const on = c.x1 >= x0 && c.x0 <= x1 && c.y1 >= y0 && c.y0 <= y1;
      for (const g of c.parts) g.visible = on;
      c.grid.visible = on && px >= 16;
    }
    this.world.removeChild(this.detail);
    this.detail.visible = true;
    this.app.renderer.render({ container: this.detail, target: vc.rt, clear: true, clearColor: 0x6f8fa8, transform: new Matrix(k, 0, 0, k, -x0 * k, -y0 * k) });
    this.detail.visible = false;
    this.world.addChildAt(this.detail, this.world.getChildIndex(this.cacheLayer) + 1);
    Object.assign(vc, { scale: this.cam.scale, x0, y0, x1, y1 });
    vc.sprite.position.set(x0, y0);
    vc.sprite.scale.set(1 / k);
    this.bakes++;
  }

  /** How many times the view cache was rendered (for measurements). */
  bakes = 0;

  private bakeOverview(grid: Container): void {
    const b = this.bounds;
    const gl = (this.app.renderer as WebGLRenderer).gl;
    const maxTex = gl ? Math.min(4096, gl.getParameter(gl.MAX_TEXTURE_SIZE) as number) : 2048;
    const w = b.x1 - b.x0; const h = b.y1 - b.y0;
    const res = Math.min(1, maxTex / Math.max(w, h));
    this.bakeRes = res;
    grid.visible = false;
    this.world.removeChild(this.detail);
    this.detail.visible = true;
    for (const c of this.chunks) for (const g of c.parts) g.visible = g !== c.grid;
    const rt = RenderTexture.create({ width: Math.ceil(w * res), height: Math.ceil(h * res), autoGenerateMipmaps: true, scaleMode: 'linear', antialias: true });
    this.app.renderer.render({ container: this.detail, target: rt, clear: true, clearColor: 0x6f8fa8, transform: new Matrix(res, 0, 0, res, -b.x0 * res, -b.y0 * res) });
    rt.source.updateMipmaps();
    this.detail.visible = false;
    this.world.addChildAt(this.detail, this.world.getChildIndex(this.cacheLayer) + 1);
    grid.visible = true;
    const sprite = new Sprite(rt);
    sprite.position.set(b.x0, b.y0);
    sprite.scale.set(1 / res);
    this.overview = sprite;
    this.overviewLayer.addChild(sprite);
  }

  private drawTerrain(hexes: number[]): Graphics {
    const m = this.map!;
    const terrain = new Graphics();
    // Group hexes by their shaded colour: one fill per colour instead of one per hex.
    const groups = new Map<number, number[]>();
    for (const h of hexes) {
      const t = m.terrain[h];
      const base = TERRAIN_COLOUR[t];
      const c = t === 'sea' ? base : shadeColour(base, hillShade(m.elevation, m.neighbours, h, m.data.grid.hexSizeM) * heightTint(m.elevation[h]));
      let g = groups.get(c);
      if (!g) { g = []; groups.set(c, g); }
      g.push(h);
    }
    for (const [c, list] of groups) {
      // Slightly oversized polygons close the hairline gaps antialiasing leaves between hexes.
      for (const h of list) terrain.poly(this.hexPoly(h, 1.02));
      terrain.fill(c);
    }
    return terrain;
  }

  /** Contours every 200 m along hexsides (index contours every 1000 m darker). */
  private drawContours(hexes: number[]): Graphics {
    const m = this.map!;
    const g = new Graphics();
    let minor = 0; let major = 0;
    for (const pass of ['minor', 'major'] as const) {
      for (const h of hexes) {
        for (let d = 0; d < 3; d++) {
          const n = m.neighbours[h * 6 + d];
          if (n < 0 || m.terrain[h] === 'sea' || m.terrain[n] === 'sea') continue;
          if (Math.floor(m.elevation[h] / 200) === Math.floor(m.elevation[n] / 200)) continue;
          const isMajor = Math.floor(m.elevation[h] / 1000) !== Math.floor(m.elevation[n] / 1000);
          if ((pass === 'major') !== isMajor) continue;
          const [x0, y0, x1, y1] = this.side(h, d);
          g.moveTo(x0, y0).lineTo(x1, y1);
          if (isMajor) major++; else minor++;
        }
      }
      if (pass === 'minor' && minor) g.stroke({ width: 0.7, color: 0x7a5a30, alpha: 0.32 });
      if (pass === 'major' && major) g.stroke({ width: 1.2, color: 0x6a4a20, alpha: 0.55 });
    }
    return g;
  }

  /** Routes: railway and tracks under the roads, highways on top; casings under all lines. */
  private drawRoutes(links: number[]): Graphics {
    const m = this.map!;
    const routes = new Graphics();
    const order = ['mule-track', 'track', 'railway', 'road', 'highway'] as const;
    for (const pass of ['casing', 'line'] as const) {
      for (const kind of order) {
        for (const i of links) {
          const l = m.data.links[i];
          if (l.kind === kind && l.name !== 'Cavendish Road') this.drawLink(routes, l.a, l.b, LINK_STYLE[kind], pass);
        }
      }
      for (const i of links) {
        const l = m.data.links[i];
        if (l.name === 'Cavendish Road') this.drawLink(routes, l.a, l.b, CAVENDISH_STYLE, pass);
      }
    }
    return routes;
  }

  /** Rivers on the hexsides, as wide as the river; bridges standing at the start as black bars. */
  private drawRivers(sides: number[]): Graphics {
    const m = this.map!;
    const rivers = new Graphics();
    for (const i of sides) {
      const s = m.data.riverSides[i];
      const d = m.neighbours.subarray(s.a * 6, s.a * 6 + 6).indexOf(s.b);
      if (d < 0) continue;
      const [x0, y0, x1, y1] = this.side(s.a, d);
      const w = Math.max(2.6, Math.min(6, 2 + s.widthM / 12));
      rivers.moveTo(x0, y0).lineTo(x1, y1).stroke({ width: w, color: s.fordable ? 0x3f86d8 : RIVER_COLOUR, cap: 'round' });
      if (s.bridge) {
        const mx = (x0 + x1) / 2; const my = (y0 + y1) / 2;
        rivers.moveTo(mx + (this.cx(s.a) - mx) * 0.35, my + (this.cy(s.a) - my) * 0.35)
          .lineTo(mx + (this.cx(s.b) - mx) * 0.35, my + (this.cy(s.b) - my) * 0.35)
          .stroke({ width: 3, color: 0x222222 });
      }
    }
    return rivers;
  }

  private drawLink(g: Graphics, a: number, b: number, style: LineStyle, pass: 'casing' | 'line'): void {
    const x0 = this.cx(a); const y0 = this.cy(a); const x1 = this.cx(b); const y1 = this.cy(b);
    if (pass === 'casing') {
      if (style.casing) g.moveTo(x0, y0).lineTo(x1, y1).stroke({ width: style.casing.width, color: style.casing.color, cap: 'round' });
      return;
    }
    if (style.dash) {
      const len = Math.hypot(x1 - x0, y1 - y0);
      const [on, off] = style.dash;
      for (let t = 0; t < len; t += on + off) {
        const e = Math.min(len, t + on);
        g.moveTo(x0 + (x1 - x0) * t / len, y0 + (y1 - y0) * t / len).lineTo(x0 + (x1 - x0) * e / len, y0 + (y1 - y0) * e / len);
      }
      g.stroke({ width: style.width, color: style.color, cap: 'round' });
    } else {
      g.moveTo(x0, y0).lineTo(x1, y1).stroke({ width: style.width, color: style.color, cap: 'round' });
    }
    if (style.ticks) {
      const len = Math.hypot(x1 - x0, y1 - y0);
      const nx = -(y1 - y0) / len * 2.4;
      const ny = (x1 - x0) / len * 2.4;
      for (let t = 4; t < len; t += 8) {
        const px = x0 + (x1 - x0) * t / len;
        const py = y0 + (y1 - y0) * t / len;
        g.moveTo(px - nx, py - ny).lineTo(px + nx, py + ny);
      }
      g.stroke({ width: 1, color: style.color });
    }
  }

  /** Symbols inside hexes: buildings, rubble, water in flooded ground and marsh, the abbey. */
  private drawTerrainMarks(g: Graphics, terrainOf: (h: number) => TerrainType, only?: number[]): void {
    const m = this.map!;
    const hexes = only ?? Array.from({ length: m.size }, (_, i) => i);
    const water: number[] = [];
    for (const h of hexes) {
      const t = terrainOf(h);
      const x = this.cx(h); const y = this.cy(h);
      if (t === 'town') {
        for (const [dx, dy, w, hh] of [[-8, -6, 7, 5], [1, -8, 6, 6], [-6, 2, 5, 6], [2, 1, 7, 5], [-2, -2, 3, 3]]) g.rect(x + dx, y + dy, w, hh);
        g.fill({ color: 0x4e4640, alpha: 0.85 });
      } else if (t === 'rubble') {
        let s = (h * 2654435761) >>> 0;
        for (let k = 0; k < 9; k++) {
          s = (s * 1103515245 + 12345) >>> 0;
          const dx = ((s >>> 8) % 19) - 9; const dy = ((s >>> 16) % 15) - 7;
          g.rect(x + dx, y + dy, 2.2 + (s % 3), 1.8 + ((s >>> 4) % 2));
        }
        g.fill({ color: 0x3c3430, alpha: 0.9 });
      } else if (t === 'abbey' || t === 'abbey-ruins') {
        const ruin = t === 'abbey-ruins';
        g.rect(x - 9, y - 7, 18, 14).fill({ color: ruin ? 0x5a4e46 : 0xf4ecd8 });
        g.rect(x - 9, y - 7, 18, 14).stroke({ width: 1.6, color: 0x2c2420 });
        g.rect(x - 4, y - 3, 8, 6).fill({ color: ruin ? 0x3a302a : 0xb9a98a });
        if (!ruin) g.moveTo(x, y - 13).lineTo(x, y - 7).moveTo(x - 2.5, y - 11).lineTo(x + 2.5, y - 11).stroke({ width: 1.4, color: 0x2c2420 });
        else g.moveTo(x - 10, y - 8).lineTo(x + 10, y + 8).moveTo(x + 10, y - 8).lineTo(x - 10, y + 8).stroke({ width: 1.2, color: 0x2c2420, alpha: 0.7 });
      } else if (t === 'flooded' || t === 'marsh') {
        water.push(h);
      }
    }
    for (const h of water) {
      const x = this.cx(h); const y = this.cy(h);
      for (const [dx, dy] of [[-7, -4], [1, -4], [-3, 2], [4, 2], [-8, 7], [0, 7]]) g.moveTo(x + dx, y + dy).lineTo(x + dx + 5, y + dy);
    }
    if (water.length) g.stroke({ width: 0.9, color: 0x2f6fb0, alpha: 0.75 });
  }

  private buildLabels(): void {
    for (const l of this.labels) l.text.destroy();
    this.labels = [];
    this.labelLayer.removeChildren();
    const m = this.map!;
    const add = (name: string, x: number, y: number, minPx: number, style: 'place' | 'river' | 'town') => {
      const text = new Text({
        text: name,
        style: {
          fontFamily: 'system-ui, "DejaVu Sans", sans-serif',
          fontSize: style === 'town' ? 13 : 11,
          fontWeight: style === 'town' ? '700' : '500',
          fontStyle: style === 'river' ? 'italic' : 'normal',
          fill: style === 'river' ? 0x1c4f96 : 0x1e1a16,
          stroke: { color: 0xfbf7ea, width: 3, join: 'round' },
        },
        resolution: 2,
      });
      text.anchor.set(0.5, 0);
      this.labelLayer.addChild(text);
      this.labels.push({ text, x, y, minPx });
    };
    for (const p of m.data.places) {
      const h = p.row * m.cols + p.col;
      const short = p.kind === 'point' ? p.name : p.name.replace(/\s*\(.*\)$/, '');
      add(short, this.cx(h), this.cy(h) + RAD * 0.75, labelMinHexPx(p.kind), p.kind === 'town' || p.kind === 'abbey' ? 'town' : 'place');
    }
    // River names near the middle of each river's course.
    for (const r of m.data.rivers) {
      const sides = m.data.riverSides.filter((s) => s.river === r.id);
      if (!sides.length) continue;
      const s = sides[Math.floor(sides.length / 2)];
      add(r.name.replace(/\s*\(.*\)$/, ''), (this.cx(s.a) + this.cx(s.b)) / 2 + 10, (this.cy(s.a) + this.cy(s.b)) / 2, 3, 'river');
    }
    // Most important names first: they win when labels would overlap.
    this.labels.sort((a, b) => a.minPx - b.minPx);
  }

  private drawObjectives(): void {
    const g = this.objectiveLayer;
    g.clear();
    for (const o of this.scenario?.objectives ?? []) {
      const x = this.cx(o.hex); const y = this.cy(o.hex);
      g.poly(this.hexPoly(o.hex, 0.92)).stroke({ width: 2.2, color: 0xd4a017, alpha: 0.95 });
      const pts: number[] = [];
      for (let i = 0; i < 10; i++) {
        const a = -Math.PI / 2 + i * Math.PI / 5;
        const r = i % 2 ? 2.2 : 5;
        pts.push(x + r * Math.cos(a) + RAD * 0.55, y + r * Math.sin(a) - RAD * 0.5);
      }
      g.poly(pts).fill(0xf0c020).stroke({ width: 0.8, color: 0x5a4000 });
    }
  }

  // --- state ---------------------------------------------------------------------------------

  setState(state: GameState | null): void {
    this.state = state;
    this.drawDynamic();
    this.unitsDirty = true;
    this.requestRender();
  }

  private drawDynamic(): void {
    const g = this.dynamicLayer;
    g.clear();
    this.frontLayer.clear();
    const s = this.state;
    const m = this.map;
    if (!s || !m) return;
    const changed: number[] = [];
    for (const key of Object.keys(s.hexes)) {
      const h = Number(key);
      const c = s.hexes[key];
      if (c.terrain) {
        changed.push(h);
        g.poly(this.hexPoly(h, 1.01)).fill(shadeColour(TERRAIN_COLOUR[c.terrain as TerrainType] ?? 0x888888, 1));
      }
    }
    if (changed.length) this.drawTerrainMarks(g, (h) => (s.hexes[h]?.terrain as TerrainType) ?? m.terrain[h], changed);
    for (const key of Object.keys(s.hexes)) {
      const h = Number(key);
      const c = s.hexes[key];
      for (const d of c.bridges ?? []) {
        const [x0, y0, x1, y1] = this.side(h, d);
        const n = m.neighbours[h * 6 + d];
        const mx = (x0 + x1) / 2; const my = (y0 + y1) / 2;
        g.moveTo(mx + (this.cx(h) - mx) * 0.45, my + (this.cy(h) - my) * 0.45)
          .lineTo(mx + (this.cx(n) - mx) * 0.45, my + (this.cy(n) - my) * 0.45)
          .stroke({ width: 3.2, color: 0x111111 });
      }
      if (c.smoke) g.circle(this.cx(h), this.cy(h), RAD * 1.2).fill({ color: 0xf4f4f4, alpha: 0.6 });
    }
    // The front: hexsides between Allied- and German-held ground.
    if (this.showFront) {
      const f = this.frontLayer;
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
            const [x0, y0, x1, y1] = this.side(h, d);
            f.moveTo(x0, y0).lineTo(x1, y1);
          }
        }
      }
      f.stroke({ width: 2.2, color: FRONT_COLOUR, alpha: 0.7, cap: 'square' });
    }
  }

  setHighlights(hl: Highlights): void {
    const g = this.highlightLayer;
    g.clear();
    for (const h of hl.reach ?? []) g.poly(this.hexPoly(h, 0.96));
    if (hl.reach?.length) g.fill({ color: 0x2ecc71, alpha: 0.28 });
    for (const h of hl.reach ?? []) g.poly(this.hexPoly(h, 0.96));
    if (hl.reach?.length) g.stroke({ width: 0.8, color: 0x1e8449, alpha: 0.6 });
    if (hl.path && hl.path.length > 1) {
      g.moveTo(this.cx(hl.path[0]), this.cy(hl.path[0]));
      for (const h of hl.path.slice(1)) g.lineTo(this.cx(h), this.cy(h));
      g.stroke({ width: 3, color: 0x145a32, alpha: 0.9, cap: 'round', join: 'round' });
    }
    for (const h of hl.fireTargets ?? []) g.poly(this.hexPoly(h, 0.88)).stroke({ width: 2.4, color: 0xe67e22 });
    for (const h of hl.targets ?? []) {
      g.poly(this.hexPoly(h, 0.9)).fill({ color: 0xe74c3c, alpha: 0.25 }).stroke({ width: 2.6, color: 0xc0392b });
    }
    for (const h of hl.selectedHexes ?? []) g.poly(this.hexPoly(h, 1)).stroke({ width: 2.6, color: 0xffd400 });
    if (hl.hover !== undefined && hl.hover >= 0) g.poly(this.hexPoly(hl.hover, 1)).stroke({ width: 1.4, color: 0x111111, alpha: 0.55 });
    this.requestRender();
  }

  // --- units -------------------------------------------------------------------------------

  private rebuildUnits(): void {
    for (const u of this.units) u.box.destroy({ children: true });
    this.units = [];
    const s = this.state;
    const sc = this.scenario;
    if (!s || !sc) return;
    const byHex = new Map<number, string[]>();
    for (const id of Object.keys(s.units).sort()) {
      const u = s.units[id];
      if (u.hex < 0 || (u.status !== 'active' && u.status !== 'reserve')) continue;
      const list = byHex.get(u.hex) ?? [];
      list.push(id);
      byHex.set(u.hex, list);
    }
    for (const [hex, ids] of byHex) {
      // Combat units on top of the stack, then by strength; the selected unit first of all.
      ids.sort((a, b) => rank(this, b) - rank(this, a) || s.units[b].men - s.units[a].men || (a < b ? -1 : 1));
      ids.forEach((id, order) => {
        const def = sc.unitById[id];
        const u = s.units[id];
        const tex = symbolTexture(def.type, def.size, u.side, u.side === this.viewer);
        const box = new Container();
        const sprite = new Sprite(tex.texture);
        sprite.width = tex.width;
        sprite.height = tex.height;
        sprite.anchor.set(tex.anchorX, tex.anchorY);
        if (u.status === 'reserve') sprite.alpha = 0.6;
        box.addChild(sprite);
        // Strength bar: men left against the unit's strength at the start of the scenario.
        // Sprites (not Graphics) so that hundreds of units batch into a few draw calls.
        const share = def.men > 0 ? Math.max(0, Math.min(1, u.men / def.men)) : 1;
        const bw = SYMBOL_PX * 1.3;
        const by = tex.height * (1 - tex.anchorY) - 2;
        box.addChild(rectSprite(-bw / 2, by, bw, 5, 0x222222));
        box.addChild(rectSprite(-bw / 2 + 1, by + 1, Math.max(0.5, (bw - 2) * share), 3, share > 0.66 ? 0x2ecc71 : share > 0.33 ? 0xf1c40f : 0xe74c3c));
        const frame = new Graphics();
        frame.rect(-tex.width * tex.anchorX - 3, -tex.height * tex.anchorY - 3, tex.width + 6, tex.height + 6 + 4)
          .stroke({ width: 3, color: 0xffd400 });
        frame.visible = false;
        box.addChild(frame);
        if (order === 0 && ids.length > 1) {
          const badge = new Sprite(badgeTexture());
          badge.anchor.set(0.5);
          badge.width = 19; badge.height = 19;
          badge.position.set(tex.width * 0.5 + 2, -tex.height * tex.anchorY + 1);
          const t = new Text({ text: String(ids.length), style: { fontFamily: 'system-ui, sans-serif', fontSize: 12, fontWeight: '700', fill: 0xffffff }, resolution: 2 });
          t.anchor.set(0.5);
          t.position.set(tex.width * 0.5 + 2, -tex.height * tex.anchorY + 1);
          box.addChild(badge, t);
        }
        this.units.push({ id, box, frame, hex, order, w: tex.width, h: tex.height + 6, x: 0, y: 0 });
      });
    }
    // Draw bottom of each stack first.
    this.units.sort((a, b) => b.order - a.order || a.hex - b.hex);
    for (const u of this.units) this.unitLayer.addChild(u.box);
    this.unitsDirty = false;
  }

  /** Screen size of one hex at the current zoom. */
  get hexPx(): number { return HEX * this.cam.scale; }

  private layoutScreen(): void {
    if (this.unitsDirty) this.rebuildUnits();
    const px = this.hexPx;
    const iconPx = Math.max(15, Math.min(46, px * 0.78));
    const k = iconPx / SYMBOL_PX;
    const step = Math.min(5, Math.max(2, px * 0.08));
    const sel = new Set(this.selected);
    for (const u of this.units) {
      const p = this.hexScreen(u.hex);
      const off = Math.min(u.order, 3) * step;
      u.x = p.x + off;
      u.y = p.y - off;
      u.box.position.set(u.x, u.y);
      u.box.scale.set(k);
      u.box.visible = u.order < 4;
      u.frame.visible = sel.has(u.id);
    }
    const w = this.width; const h = this.height;
    const placed: Array<[number, number, number, number]> = [];
    for (const l of this.labels) {
      const p = this.worldToScreen(l.x, l.y);
      const x = Math.round(p.x); const y = Math.round(p.y + Math.min(12, px * 0.1));
      l.text.position.set(x, y);
      let show = px >= l.minPx && p.x > -100 && p.x < w + 100 && p.y > -20 && p.y < h + 20;
      if (show) {
        const box: [number, number, number, number] = [x - l.text.width / 2 - 2, y, x + l.text.width / 2 + 2, y + l.text.height];
        show = !placed.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]);
        if (show) placed.push(box);
      }
      l.text.visible = show;
    }
    // Zoomed out: the baked texture of the whole map. Close up: the vector chunks around the
    // view, rendered into a texture twice the size of the view, reused while panning inside it.
    const useOverview = !!this.overview && this.cam.scale * this.app.renderer.resolution <= this.bakeRes * 1.05;
    this.overviewLayer.visible = useOverview;
    this.detail.visible = false;
    this.cacheLayer.visible = !useOverview;
    if (!useOverview) {
      const a = this.screenToWorld(0, 0);
      const z = this.screenToWorld(w, h);
      const vc = this.viewCache;
      const inside = !!vc && a.x >= vc.x0 && a.y >= vc.y0 && z.x <= vc.x1 && z.y <= vc.y1;
      const ratio = vc ? this.cam.scale / vc.scale : 0;
      const zooming = performance.now() - this.lastZoomAt < 180;
      if (!(vc && inside && (ratio === 1 || (zooming && ratio > 0.5 && ratio < 2)))) this.bakeView(a, z);
      else if (ratio !== 1) setTimeout(() => this.requestRender(), 200);
    }    this.world.position.set(this.cam.x, this.cam.y);
    this.world.scale.set(this.cam.scale);
  }

  /** The unit whose symbol is under a screen point (top of the stack first), or null. */
  unitAt(sx: number, sy: number): string | null {
    const k = Math.max(15, Math.min(46, this.hexPx * 0.78)) / SYMBOL_PX;
    for (let i = this.units.length - 1; i >= 0; i--) {
      const u = this.units[i];
      if (!u.box.visible) continue;
      const hw = (u.w / 2) * k; const hh = (u.h / 2) * k;
      if (Math.abs(sx - u.x) <= hw && Math.abs(sy - u.y) <= hh) return u.id;
    }
    return null;
  }

  /** Screen position of a unit's symbol (for tests and tooltips). */
  unitScreen(id: string): { x: number; y: number } | null {
    if (this.unitsDirty || this.dirty) this.renderNow();
    const u = this.units.find((x) => x.id === id);
    return u ? { x: u.x, y: u.y } : null;
  }

  // --- camera ------------------------------------------------------------------------------

  fit(): void {
    const b = this.bounds;
    const w = this.width; const h = this.height;
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
    let x0 = Infinity; let y0 = Infinity; let x1 = -Infinity; let y1 = -Infinity;
    for (const h of hexes) {
      x0 = Math.min(x0, this.cx(h)); x1 = Math.max(x1, this.cx(h));
      y0 = Math.min(y0, this.cy(h)); y1 = Math.max(y1, this.cy(h));
    }
    const pad = HEX * 3;
    const scale = Math.max(this.minScale, Math.min(this.maxScale, 60 / HEX, Math.min(this.width / (x1 - x0 + 2 * pad), this.height / (y1 - y0 + 2 * pad))));
    this.cam.scale = scale;
    this.cam.x = this.width / 2 - ((x0 + x1) / 2) * scale;
    this.cam.y = this.height / 2 - ((y0 + y1) / 2) * scale;
    this.clampCamera();
    this.changed();
  }

  zoomAt(sx: number, sy: number, factor: number): void {
    const s = Math.max(this.minScale, Math.min(this.maxScale, this.cam.scale * factor));
    this.lastZoomAt = performance.now();
    const w = this.screenToWorld(sx, sy);
    this.cam.scale = s;
    this.cam.x = sx - w.x * s;
    this.cam.y = sy - w.y * s;
    this.clampCamera();
    this.changed();
  }

  panBy(dx: number, dy: number): void {
    this.cam.x += dx;
    this.cam.y += dy;
    this.clampCamera();
    this.changed();
  }

  centreOn(h: number, minHexPx = 0): void {
    if (this.hexPx < minHexPx) this.cam.scale = Math.min(this.maxScale, minHexPx / HEX);
    this.cam.x = this.width / 2 - this.cx(h) * this.cam.scale;
    this.cam.y = this.height / 2 - this.cy(h) * this.cam.scale;
    this.clampCamera();
    this.changed();
  }

  /** Keeps part of the map on screen. */
  private clampCamera(): void {
    const b = this.bounds;
    const s = this.cam.scale;
    const margin = 80;
    this.cam.x = Math.min(this.width - margin - b.x0 * s, Math.max(margin - b.x1 * s, this.cam.x));
    this.cam.y = Math.min(this.height - margin - b.y0 * s, Math.max(margin - b.y1 * s, this.cam.y));
  }

  private changed(): void {
    this.onViewChange?.();
    this.requestRender();
  }

  // --- drawing -----------------------------------------------------------------------------

  requestRender(): void {
    if (this.dirty) return;
    this.dirty = true;
    requestAnimationFrame(() => { if (this.dirty) this.renderNow(); });
  }

  renderNow(): void {
    this.dirty = false;
    this.layoutScreen();
    this.app.renderer.render(this.app.stage);
  }

  /** Waits until the GPU has finished the last frame (reads one pixel back). */
  finish(): void {
    const r = this.app.renderer as WebGLRenderer;
    if (r.gl) r.gl.readPixels(0, 0, 1, 1, r.gl.RGBA, r.gl.UNSIGNED_BYTE, new Uint8Array(4));
  }

  /** Counts the distinct colours and non-background pixels of the canvas (for tests). */
  pixelStats(): { width: number; height: number; distinct: number; nonBackground: number } {
    this.renderNow();
    const r = this.app.renderer as WebGLRenderer;
    const gl = r.gl;
    const width = gl.drawingBufferWidth; const height = gl.drawingBufferHeight;
    const buf = new Uint8Array(width * height * 4);
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, buf);
    const bg = [0x6f, 0x8f, 0xa8];
    const colours = new Set<number>();
    let nonBackground = 0;
    for (let i = 0; i < buf.length; i += 4 * 7) {
      colours.add((buf[i] << 16) | (buf[i + 1] << 8) | buf[i + 2]);
      if (Math.abs(buf[i] - bg[0]) + Math.abs(buf[i + 1] - bg[1]) + Math.abs(buf[i + 2] - bg[2]) > 12) nonBackground++;
    }
    return { width, height, distinct: colours.size, nonBackground: nonBackground * 7 };
  }
}

function rank(v: MapView, id: string): number {
  if (v.selected.includes(id)) return 100;
  const t = v.scenario!.unitById[id].type;
  return t === 'headquarters' ? 0 : t === 'artillery' ? 1 : 2;
}

function rectSprite(x: number, y: number, w: number, h: number, tint: number): Sprite {
  const sp = new Sprite(Texture.WHITE);
  sp.position.set(x, y);
  sp.width = w;
  sp.height = h;
  sp.tint = tint;
  return sp;
}

let badge: Texture | null = null;
/** A dark disc with a white rim: the count badge of a stack. */
function badgeTexture(): Texture {
  if (!badge) {
    const c = document.createElement('canvas');
    c.width = c.height = 40;
    const g = c.getContext('2d')!;
    g.beginPath();
    g.arc(20, 20, 17, 0, Math.PI * 2);
    g.fillStyle = '#1b1b1b';
    g.fill();
    g.lineWidth = 3;
    g.strokeStyle = '#ffffff';
    g.stroke();
    badge = Texture.from(c);
  }
  return badge;
}

function corner(i: number): { x: number; y: number } {
  const a = (Math.PI / 180) * (60 * i - 30);
  return { x: RAD * Math.cos(a), y: RAD * Math.sin(a) };
}


