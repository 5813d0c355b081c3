// window.__cassino: what the browser tests read (the state shown, the mode, screen positions of
// units and hexes) and the frame-time measurement written to BENCHMARKS.md.
import { stateHash } from '../engine/core/index.ts';
import { app } from './app-state.ts';
import { keep } from './modes/keep.ts';
import { view } from './services.ts';
import { storyOfShown } from './story-source.ts';

async function measureFrames(n = 120): Promise<{ frames: number; avgMs: number; p95Ms: number; maxMs: number; rafAvgMs: number; hexPx: number; mapHexes: number; units: number }> {
  const times: number[] = [];
  const start = { ...view.cam };
  let lastRaf = 0;
  const rafGaps: number[] = [];
  for (let i = 0; i < n; i++) {
    await new Promise<void>((resolve) => requestAnimationFrame((t) => { if (lastRaf) rafGaps.push(t - lastRaf); lastRaf = t; resolve(); }));
    const a = (i / n) * Math.PI * 2;
    view.cam.x = start.x + Math.cos(a) * 140;
    view.cam.y = start.y + Math.sin(a) * 90;
    const t0 = performance.now();
    view.renderNow();
    view.finish();
    times.push(performance.now() - t0);
  }
  view.cam.x = start.x; view.cam.y = start.y;
  view.renderNow();
  const sorted = [...times].sort((x, y) => x - y);
  const avg = times.reduce((x, y) => x + y, 0) / times.length;
  return {
    frames: n, avgMs: avg, p95Ms: sorted[Math.floor(0.95 * (sorted.length - 1))], maxMs: sorted[sorted.length - 1],
    rafAvgMs: rafGaps.reduce((x, y) => x + y, 0) / Math.max(1, rafGaps.length), hexPx: view.hexPx,
    mapHexes: view.map?.size ?? 0, units: app.state ? Object.values(app.state.units).filter((u) => u.hex >= 0).length : 0,
  };
}

export const hooks = {
  ready: false,
  /** When the first usable map was on screen, in ms since the page's navigation began. */
  readyMs: 0,
  get app() { return app; },
  get view() { return view; },
  get state() { return app.state; },
  get mode() { return app.mode; },
  get scenario() { return app.ctx?.scenario.id ?? null; },
  get renderer() { return view.rendererName; },
  get frame() { return app.frame; },
  get frames() { return app.frames.length; },
  get runDone() { return app.runDone; },
  get busy() { return app.busy; },
  get waiting() { return app.waiting; },
  get lastRun() { return app.lastRun; },
  get lastReplay() { return app.lastReplay; },
  /** The what-if tab's last comparison (ui/whatif.ts), as the worker sent it. */
  lastWhatIf: null as unknown,
  get selected() { return app.selected; },
  unitScreenPos: (id: string) => view.unitScreen(id),
  hexScreenPos: (h: number) => { view.renderNow(); return view.hexScreen(h); },
  legalMoves: () => [...app.reach.keys()],
  hashOfShownState: () => (app.state ? stateHash(app.state) : null),
  centreOn: (h: number, px = 40) => { view.centreOn(h, px); view.renderNow(); },
  fit: () => { view.fit(); view.renderNow(); },
  pixelStats: () => view.pixelStats(),
  measureFrames,
  /** What the story layer drew for the turn shown (trails, arrows, markers, strikes, hexes that changed hands). */
  storyCounts: () => { view.renderNow(); return view.story.counts; },
  /** The hexes each movement trail of the turn shown follows. */
  storyTrails: () => storyOfShown()?.moves.map((m) => ({ unit: m.unit, path: m.path })) ?? [],
  objectiveColours: () => view.objectiveColours,
  objectiveStar: (h: number) => { view.renderNow(); return view.objectiveStar(h); },
  pixelAt: (x: number, y: number) => view.pixelAt(x, y),
  countersShown: () => view.countersShown(),
  /** The game in play as the engine last reported it: its real hash (the state shown may be fogged), whose move, orders that can be undone. */
  get keep() { return keep; },
};
(window as unknown as { __cassino: typeof hooks }).__cassino = hooks;
