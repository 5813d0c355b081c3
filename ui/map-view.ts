// The map: a Pixi.js (v8) scene composed of layers (ui/map/): the static map baked once into
// textures (terrain with hill shading, routes, rivers, towns, the abbey), a layer redrawn when the
// state changes (bombed hexes, bridges, smoke, the front line), objectives and highlights for the
// player's choices, and screen-space layers for unit counters and place names that keep their
// size at every zoom. Frames are drawn on demand (after input or a new state), never inside the
// engine's turn loop.
import { Application, Container, Graphics, type WebGLRenderer } from 'pixi.js';
import type { GameState, MapIndex, Scenario, Side } from '../engine/core/index.ts';
import { Camera } from './map/camera.ts';
import { HexGrid, MAP_BACKGROUND, RAD } from './map/geometry.ts';
import { Labels } from './map/labels.ts';
import { drawLastSeen } from './map/last-seen.ts';
import { type Highlights, drawHighlights, drawObjectives, drawTargets } from './map/overlays.ts';
import { StateLayer } from './map/state-layer.ts';
import { StoryLayer } from './map/story-layer.ts';
import type { TurnStory } from './story.ts';
import { StaticMap } from './map/static-map.ts';
import { UnitLayer } from './map/unit-layer.ts';
import { setViewerSide } from './style-map.ts';

export class MapView {
  readonly app = new Application();
  scenario: Scenario | null = null;
  state: GameState | null = null;
  private viewerSide: Side = 'allied';
  selected: string[] = [];
  onViewChange: (() => void) | null = null;
  /** The colour each objective's marker was last drawn in, by objective id. */
  objectiveColours: Record<string, number> = {};

  private grid = new HexGrid();
  private camera = new Camera(this.grid, this, () => this.changed());
  private world = new Container();
  private terrain = new StaticMap(this.app, this.world, this.grid, this.camera);
  private stateLayer = new StateLayer(this.grid);
  private objectiveLayer = new Graphics();
  private highlightLayer = new Graphics();
  /** Over the counters, in map coordinates: attack targets (and the story of the turn). */
  protected overUnits = new Container();
  private targetLayer = new Graphics();
  readonly story = new StoryLayer(this.grid);
  /** Last-seen markers of enemy units out of sight (fog of war). */
  private lastSeenLayer = new Graphics();
  private labels = new Labels();
  private units = new UnitLayer();
  private dirty = false;

  async init(host: HTMLElement): Promise<void> {
    await this.app.init({
      preference: ['webgl', 'canvas'],
      resizeTo: host,
      // The map itself is antialiased when it is baked into textures; the screen needs no MSAA
      // (which doubles the cost of a frame on software WebGL). ?aa=1 turns it on.
      antialias: new URLSearchParams(location.search).get('aa') === '1',
      background: MAP_BACKGROUND,
      preserveDrawingBuffer: true,
      autoStart: false,
      autoDensity: true,
      resolution: Math.min(2, window.devicePixelRatio || 1),
    });
    this.app.ticker.stop();
    host.appendChild(this.app.canvas);
    const t = this.terrain;
    this.world.addChild(t.overviewLayer, t.cacheLayer, t.detail, this.stateLayer.tint, this.stateLayer.changes, this.stateLayer.front, this.story.trails, this.objectiveLayer, this.highlightLayer, this.lastSeenLayer);
    this.overUnits.addChild(this.story.marks, this.targetLayer);
    // Names above the counters: a place name is never hidden under a unit.
    this.app.stage.addChild(this.world, this.units.layer, this.overUnits, this.labels.layer);
    t.onStale = () => this.requestRender();
    new ResizeObserver(() => { this.app.resize(); this.camera.clamp(); this.requestRender(); }).observe(host);
  }

  /** The side shown as friend: its symbols' frames and its colour (blue) everywhere. */
  get viewer(): Side { return this.viewerSide; }
  set viewer(side: Side) {
    if (side === this.viewerSide) return;
    this.viewerSide = side;
    setViewerSide(side);
    this.units.dirty = true;
    this.setState(this.state);
  }

  get map(): MapIndex | null { return this.grid.map; }
  get rendererName(): string { return this.app.renderer.name; }
  get width(): number { return this.app.renderer.width / this.app.renderer.resolution; }
  get height(): number { return this.app.renderer.height / this.app.renderer.resolution; }
  get cam(): { x: number; y: number; scale: number } { return this.camera.cam; }
  /** Screen size of one hex at the current zoom. */
  get hexPx(): number { return this.camera.hexPx; }
  /** How many times the view cache was rendered (for measurements). */
  get bakes(): number { return this.terrain.bakes; }
  get showFront(): boolean { return this.stateLayer.showFront; }
  set showFront(on: boolean) { this.stateLayer.showFront = on; }

  /** A new map; `overview`: its whole-map picture baked at build time (ui/map/overview-image.ts), if any. */
  setMap(map: MapIndex, scenario: Scenario | null, overview: ImageBitmap | null = null): void {
    this.grid.setMap(map);
    this.scenario = scenario;
    this.state = null;
    this.terrain.build(overview);
    this.labels.build(this.grid);
    this.objectiveColours = drawObjectives(this.objectiveLayer, this.grid, scenario);
    this.lastSeenLayer.clear();
    this.fit();
    this.units.dirty = true;
    this.requestRender();
  }

  setState(state: GameState | null): void {
    this.state = state;
    this.stateLayer.draw(state);
    // Objectives take the colour of the side that holds them now.
    this.objectiveColours = drawObjectives(this.objectiveLayer, this.grid, this.scenario, state);
    this.units.dirty = true;
    this.requestRender();
  }

  /** The story of the turn shown (trails, arrows, markers, hexes that changed hands) and the hex a log entry points at. */
  setStory(story: TurnStory | null, focus: number | null = null): void {
    this.story.draw(story, focus);
    this.requestRender();
  }

  /** The hexes where enemy units out of sight were last seen (none: fog off). */
  setLastSeen(hexes: number[]): void {
    drawLastSeen(this.lastSeenLayer, this.grid, hexes);
    this.requestRender();
  }

  setHighlights(hl: Highlights): void {
    drawHighlights(this.highlightLayer, this.grid, hl);
    drawTargets(this.targetLayer, this.grid, hl);
    this.requestRender();
  }

  // --- screen and map positions ----------------------------------------------------------------

  hexScreen(h: number): { x: number; y: number } { return this.camera.hexScreen(h); }

  /** The hex under a screen point, or -1. */
  hexAt(sx: number, sy: number): number {
    const { x, y } = this.camera.screenToWorld(sx, sy);
    return this.grid.hexAtWorld(x, y);
  }

  /** The unit whose symbol is under a screen point (top of the stack first), or null. */
  unitAt(sx: number, sy: number): string | null { return this.units.unitAt(sx, sy, this.hexPx); }

  /** Screen position of a unit's symbol (for tests and tooltips). */
  unitScreen(id: string): { x: number; y: number } | null {
    if (this.units.dirty || this.dirty) this.renderNow();
    return this.units.positionOf(id);
  }

  // --- camera ----------------------------------------------------------------------------------

  fit(): void { this.camera.fit(); }
  /** Frames the given hexes (e.g. the units of a battle on the large sector map), with a margin. */
  frameHexes(hexes: number[]): void { this.camera.frameHexes(hexes); }
  zoomAt(sx: number, sy: number, factor: number): void { this.camera.zoomAt(sx, sy, factor); }
  panBy(dx: number, dy: number): void { this.camera.panBy(dx, dy); }
  centreOn(h: number, minHexPx = 0): void { this.camera.centreOn(h, minHexPx); }

  private changed(): void {
    this.onViewChange?.();
    this.requestRender();
  }

  // --- drawing ---------------------------------------------------------------------------------

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

  private layoutScreen(): void {
    if (this.units.dirty) this.units.rebuild(this);
    this.units.layout(this.camera, this.selected);
    this.labels.layout(this.camera, this.width, this.height);
    this.terrain.layout(this.width, this.height);
    this.world.position.set(this.cam.x, this.cam.y);
    this.world.scale.set(this.cam.scale);
    this.overUnits.position.set(this.cam.x, this.cam.y);
    this.overUnits.scale.set(this.cam.scale);
  }

  /** Waits until the GPU has finished the last frame (reads one pixel back). */
  finish(): void {
    const r = this.app.renderer as WebGLRenderer;
    if (r.gl) r.gl.readPixels(0, 0, 1, 1, r.gl.RGBA, r.gl.UNSIGNED_BYTE, new Uint8Array(4));
  }

  /** The colour of the canvas at a point of the map's box (CSS pixels), as 0xRRGGBB. */
  pixelAt(sx: number, sy: number): number {
    this.renderNow();
    const gl = (this.app.renderer as WebGLRenderer).gl;
    const k = this.app.renderer.resolution;
    const px = new Uint8Array(4);
    gl.readPixels(Math.round(sx * k), gl.drawingBufferHeight - 1 - Math.round(sy * k), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
    return (px[0] << 16) | (px[1] << 8) | px[2];
  }

  /** The counters on screen: one per unit or per formation, with or without captions (for tests). */
  countersShown(): ReturnType<UnitLayer['shown']> { this.renderNow(); return this.units.shown(); }

  /** Screen position of an objective's star (for tests). */
  objectiveStar(hex: number): { x: number; y: number } {
    const p = this.camera.worldToScreen(this.grid.cx(hex) + RAD * 0.55, this.grid.cy(hex) - RAD * 0.5);
    return { x: p.x, y: p.y };
  }

  /** Counts the distinct colours and non-background pixels of the canvas (for tests). */
  pixelStats(): { width: number; height: number; distinct: number; nonBackground: number } {
    this.renderNow();
    const gl = (this.app.renderer as WebGLRenderer).gl;
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
