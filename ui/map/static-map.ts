// The static map (terrain, marks, contours, routes, rivers, the grid), drawn once per map. Close
// up, it is vector Graphics cut into chunks of 16 × 14 hexes, and only the chunks around the view
// are rendered, into a view cache twice the size of the view that is reused while panning inside
// it. Zoomed out, where every hex is on screen, it is one texture rendered once from those
// Graphics (with mipmaps), so a frame is a single quad; the built app loads that texture as a
// picture baked at build time (scripts/overview/) and makes the vector chunks only when needed.
import { type Application, Container, Graphics, ImageSource, Matrix, RenderTexture, Sprite, Texture, type WebGLRenderer } from 'pixi.js';
import { hexOffset } from '../../engine/core/index.ts';
import type { Camera } from './camera.ts';
import { drawContours, drawRivers, drawRoutes, drawTerrain, drawTerrainMarks } from './draw-terrain.ts';
import { type Box, HEX, type HexGrid, MAP_BACKGROUND, overviewScale } from './geometry.ts';

interface Chunk extends Box { parts: Graphics[]; grid: Graphics }
interface ViewCache extends Box { rt: RenderTexture; sprite: Sprite; scale: number }

const LAYERS = ['terrain', 'marks', 'contours', 'routes', 'rivers', 'grid'] as const;
type Layers = Record<(typeof LAYERS)[number], Container>;
const CHUNK_ROWS = 16;
const CHUNK_COLS = 14;

export class StaticMap {
  /** The vector chunks; never drawn on screen directly, only rendered into textures. */
  readonly detail = new Container();
  readonly overviewLayer = new Container();
  readonly cacheLayer = new Container();
  private overview: Sprite | null = null;
  private viewCache: ViewCache | null = null;
  private bakeRes = 1;
  private chunks: Chunk[] = [];
  /** The vector chunks' layers, once made. */
  private layers: Layers | null = null;
  /** Textures of the pictures baked at build time, by picture, and the set of them. */
  private textureOf = new WeakMap<ImageBitmap, Texture>();
  private pictures = new WeakSet<Texture>();
  /** How many times the view cache was rendered (for measurements). */
  bakes = 0;
  /** Called when the view cache is stretched and should be rendered again at the new zoom. */
  onStale: () => void = () => {};

  constructor(private app: Application, private world: Container, private grid: HexGrid, private camera: Camera) {}

  /**
   * Draws a new map: from `overview`, the whole-map picture baked at build time, when there is
   * one (the vector chunks are then made only when the view first zooms in past it), else from
   * the vector chunks, rendered into the overview texture here.
   */
  build(overview: ImageBitmap | null = null): void {
    for (const c of this.detail.removeChildren()) c.destroy({ children: true });
    // A baked picture's texture is kept for the next time its map is shown; a rendered one is not.
    if (this.overview && !this.pictures.has(this.overview.texture)) this.overview.destroy(true);
    else this.overview?.destroy(false);
    this.overview = null;
    if (this.viewCache) { this.viewCache.scale = 0; this.viewCache.x1 = this.viewCache.x0 - 1; }
    this.chunks = [];
    this.layers = null;
    if (overview) this.showPicture(overview);
    else this.bakeOverview(this.buildChunks().grid);
  }

  private buildChunks(): Layers {
    const layers = Object.fromEntries(LAYERS.map((n) => [n, new Container()])) as Layers;
    for (const n of LAYERS) this.detail.addChild(layers[n]);
    const { hexesOf, linksOf, riversOf } = this.chunkContents();
    hexesOf.forEach((hexes, c) => {
      if (hexes.length) this.chunks.push(this.buildChunk(layers, hexes, linksOf[c], riversOf[c]));
    });
    this.layers = layers;
    return layers;
  }

  /** The overview from the picture baked at build time (scripts/overview/), with mipmaps. */
  private showPicture(img: ImageBitmap): void {
    let tex = this.textureOf.get(img);
    if (!tex) {
      tex = new Texture({ source: new ImageSource({ resource: img, autoGenerateMipmaps: true, scaleMode: 'linear' }) });
      this.textureOf.set(img, tex);
      this.pictures.add(tex);
    }
    const b = this.grid.bounds;
    this.bakeRes = img.width / (b.x1 - b.x0);
    const sprite = new Sprite(tex);
    sprite.position.set(b.x0, b.y0);
    sprite.scale.set(1 / this.bakeRes);
    this.overview = sprite;
    this.overviewLayer.addChild(sprite);
  }

  /** The hexes, links and river hexsides of each chunk (a link or hexside goes with its first hex). */
  private chunkContents(): { hexesOf: number[][]; linksOf: number[][]; riversOf: number[][] } {
    const m = this.grid.map!;
    const chunkOf = (h: number) => {
      const { col, row } = hexOffset(m, h);
      return Math.floor(row / CHUNK_ROWS) * Math.ceil(m.cols / CHUNK_COLS) + Math.floor(col / CHUNK_COLS);
    };
    const nChunks = Math.ceil(m.rows / CHUNK_ROWS) * Math.ceil(m.cols / CHUNK_COLS);
    const hexesOf: number[][] = Array.from({ length: nChunks }, () => []);
    for (let h = 0; h < m.size; h++) hexesOf[chunkOf(h)].push(h);
    const linksOf: number[][] = Array.from({ length: nChunks }, () => []);
    m.data.links.forEach((l, i) => linksOf[chunkOf(l.a)].push(i));
    const riversOf: number[][] = Array.from({ length: nChunks }, () => []);
    m.data.riverSides.forEach((r, i) => riversOf[chunkOf(r.a)].push(i));
    return { hexesOf, linksOf, riversOf };
  }

  private buildChunk(layers: Layers, hexes: number[], links: number[], rivers: number[]): Chunk {
    const grid = this.grid;
    const parts: Graphics[] = [];
    const add = (layer: Container, g: Graphics) => { layer.addChild(g); parts.push(g); };
    add(layers.terrain, drawTerrain(grid, hexes, new Graphics()));
    const marks = new Graphics();
    drawTerrainMarks(grid, marks, (h) => grid.map!.terrain[h], hexes);
    add(layers.marks, marks);
    add(layers.contours, drawContours(grid, hexes, new Graphics()));
    add(layers.routes, drawRoutes(grid, links, new Graphics()));
    add(layers.rivers, drawRivers(grid, rivers, new Graphics()));
    const lines = new Graphics();
    for (const h of hexes) {
      for (let d = 0; d < 3; d++) {
        const [x0, y0, x1, y1] = grid.side(h, d);
        lines.moveTo(x0, y0).lineTo(x1, y1);
      }
    }
    lines.stroke({ width: 0.5, color: 0x333333, alpha: 0.22 });
    add(layers.grid, lines);
    const b = grid.centresBox(hexes);
    // Routes and rivers reach half a hex beyond the chunk's hex centres.
    return { x0: b.x0 - HEX, y0: b.y0 - HEX, x1: b.x1 + HEX, y1: b.y1 + HEX, parts, grid: lines };
  }

  private bakeOverview(grid: Container): void {
    const b = this.grid.bounds;
    const gl = (this.app.renderer as WebGLRenderer).gl;
    const maxTex = gl ? Math.min(4096, gl.getParameter(gl.MAX_TEXTURE_SIZE) as number) : 2048;
    const w = b.x1 - b.x0; const h = b.y1 - b.y0;
    const res = overviewScale(b, maxTex);
    this.bakeRes = res;
    grid.visible = false;
    for (const c of this.chunks) for (const g of c.parts) g.visible = g !== c.grid;
    const rt = RenderTexture.create({ width: Math.ceil(w * res), height: Math.ceil(h * res), autoGenerateMipmaps: true, scaleMode: 'linear', antialias: true });
    this.renderDetail(rt, new Matrix(res, 0, 0, res, -b.x0 * res, -b.y0 * res));
    rt.source.updateMipmaps();
    grid.visible = true;
    const sprite = new Sprite(rt);
    sprite.position.set(b.x0, b.y0);
    sprite.scale.set(1 / res);
    this.overview = sprite;
    this.overviewLayer.addChild(sprite);
  }

  /** Renders the vector chunks into a texture (taken out of the world while they are). */
  private renderDetail(target: RenderTexture, transform: Matrix): void {
    this.world.removeChild(this.detail);
    this.detail.visible = true;
    this.app.renderer.render({ container: this.detail, target, clear: true, clearColor: MAP_BACKGROUND, transform });
    this.detail.visible = false;
    this.world.addChildAt(this.detail, this.world.getChildIndex(this.cacheLayer) + 1);
  }

  /** Chooses the overview or the view cache for the frame, re-rendering the cache when it must. */
  layout(width: number, height: number): void {
    if (!this.grid.map) return;
    const cam = this.camera.cam;
    const useOverview = !!this.overview && cam.scale * this.app.renderer.resolution <= this.bakeRes * 1.05;
    this.overviewLayer.visible = useOverview;
    this.detail.visible = false;
    this.cacheLayer.visible = !useOverview;
    if (useOverview) return;
    if (!this.layers) this.buildChunks();
    const a = this.camera.screenToWorld(0, 0);
    const z = this.camera.screenToWorld(width, height);
    const vc = this.viewCache;
    const inside = !!vc && a.x >= vc.x0 && a.y >= vc.y0 && z.x <= vc.x1 && z.y <= vc.y1;
    const ratio = vc ? cam.scale / vc.scale : 0;
    const zooming = performance.now() - this.camera.lastZoomAt < 180;
    // While zooming, the cache is stretched (up to twice) and re-rendered once the zoom stops.
    if (!(vc && inside && (ratio === 1 || (zooming && ratio > 0.5 && ratio < 2)))) this.bakeView(a, z);
    else if (ratio !== 1) setTimeout(() => this.onStale(), 200);
  }

  /** Renders the chunks around the view into the view cache at the current zoom. */
  private bakeView(a: { x: number; y: number }, z: { x: number; y: number }): void {
    const mw = (z.x - a.x) / 2; const mh = (z.y - a.y) / 2;
    const x0 = a.x - mw; const y0 = a.y - mh; const x1 = z.x + mw; const y1 = z.y + mh;
    const k = this.camera.cam.scale * this.app.renderer.resolution;
    const vc = this.cacheOfSize(Math.ceil((x1 - x0) * k), Math.ceil((y1 - y0) * k), { x0, y0, x1, y1 });
    const px = this.camera.hexPx;
    for (const c of this.chunks) {
      const on = c.x1 >= x0 && c.x0 <= x1 && c.y1 >= y0 && c.y0 <= y1;
      for (const g of c.parts) g.visible = on;
      c.grid.visible = on && px >= 16;
    }
    this.renderDetail(vc.rt, new Matrix(k, 0, 0, k, -x0 * k, -y0 * k));
    Object.assign(vc, { scale: this.camera.cam.scale, x0, y0, x1, y1 });
    vc.sprite.position.set(x0, y0);
    vc.sprite.scale.set(1 / k);
    this.bakes++;
  }

  /** The view cache, made anew when the view's size in pixels changed. */
  private cacheOfSize(pw: number, ph: number, box: Box): ViewCache {
    const old = this.viewCache;
    if (old && old.rt.width === pw && old.rt.height === ph) return old;
    if (old) { old.sprite.destroy(); old.rt.destroy(true); }
    const rt = RenderTexture.create({ width: pw, height: ph, antialias: true });
    const sprite = new Sprite(rt);
    this.cacheLayer.removeChildren();
    this.cacheLayer.addChild(sprite);
    this.viewCache = { rt, sprite, scale: 0, ...box };
    return this.viewCache;
  }
}
