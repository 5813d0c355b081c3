// Keeping a game in the browser (issue 26, item 5): save, reload and continue to the same hash as
// an uninterrupted game; a game passed between two players by file, each move checked by the
// hash chain and a changed one refused; undo back to the phase's hash; fog of war hiding the
// enemy units the player's side does not observe. Screenshots go to test-artifacts/e2e/keep-*.png.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ReplayFile, type Side, runGame } from '../../engine/core/index.ts';
import { loadContext } from '../../engine/node/files.ts';
import { writeBenchmarkSection } from './benchmark-file.ts';
import { HAVE_CHROMIUM, type Hooks, requireChromiumInCi, useBrowser } from './harness.ts';

requireChromiumInCi();

interface Keep { hash: string; next: Side | null; undo: number; mail: boolean; message: string }
type KeepHooks = Hooks & { keep: Keep; app: { side: Side } };

const SEED = '5';
const SKIRMISH = `?scenario=test-skirmish&seed=${SEED}`;

describe.runIf(HAVE_CHROMIUM)('keeping a game in the browser (headless Chromium)', () => {
  const b = useBrowser();
  const { open, shot } = b;
  const keep = () => b.page.evaluate(() => (window.__cassino as KeepHooks).keep);
  const idle = () => b.page.waitForFunction(() => !window.__cassino.busy && window.__cassino.state !== null, null, { timeout: 0 });

  /** Downloads the game from the Save game button into the test's folder. */
  async function saveGame(name: string): Promise<string> {
    const [dl] = await Promise.all([b.page.waitForEvent('download'), b.page.click('#save-replay')]);
    const file = join(b.outDir, name);
    await dl.saveAs(file);
    return file;
  }

  /** Selects one of the player's units that can dig in now and gives the order from the Unit panel. */
  async function digIn(side: Side): Promise<string> {
    const box = await b.mapBox();
    const ids = await b.page.evaluate((sd) => Object.values(window.__cassino.state!.units).filter((u) => u.side === sd && u.hex >= 0 && u.status === 'active').map((u) => u.id).sort(), side);
    for (const id of ids) {
      const p = await b.page.evaluate((x) => window.__cassino.unitScreenPos(x), id);
      if (!p) continue;
      await b.page.mouse.click(box.x + p.x, box.y + p.y);
      await b.page.waitForFunction((x) => window.__cassino.selected.includes(x), id);
      const button = b.page.locator('#tab-unit button[data-order]', { hasText: 'Dig in' });
      if (!(await button.count()) || !(await button.first().isEnabled())) continue;
      const before = (await keep()).undo;
      await button.first().click();
      await b.page.waitForFunction((n) => (window.__cassino as KeepHooks).keep.undo > n && !window.__cassino.busy, before, { timeout: 0 });
      return id;
    }
    throw new Error(`no ${side} unit could dig in`);
  }

  it('opens on a usable map, with a progress bar while it loads; the time is recorded', async () => {
    // The default scenario (battle-1 on the full sector map), loaded twice: with an empty cache and again.
    const load = async () => {
      await open('');
      expect(await b.page.locator('#loading').count()).toBe(0);
      return b.page.evaluate(() => (window.__cassino as Hooks & { readyMs: number }).readyMs);
    };
    const cold = await load();
    const warm = await load();
    await shot('keep-00-usable-map');
    const bar = await b.page.evaluate(async () => (await fetch('./index.html')).text());
    expect(bar).toMatch(/<div id="loading" role="progressbar"/);
    // pixi's lazily imported renderer set-up is preloaded beside the main chunk, not asked for after it has run.
    expect(bar).toMatch(/<link rel="modulepreload"[^>]*href="\.\/assets\/browserAll-[^"]+\.js"/);
    // The engine worker started with the page is the one that loads the scenario: none is thrown away on the way.
    expect(await b.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /engine\.worker[^/]*\.js/.test(e.name)).length)).toBe(1);
    const frames = await b.page.evaluate(() => window.__cassino.measureFrames(60));
    const ua = await b.page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent);
    const text = `Command: \`CASSINO_WRITE_BENCHMARKS=1 CASSINO_TESTS=all npx vitest run tests/e2e/keep.test.ts\` — headless ${ua} (\`--disable-gpu\`: WebGL2 on SwiftShader), 1280×720, the static build served by vite preview, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, load average ${loadavg()[0].toFixed(2)} when measured (the machine is shared).
Time from the start of navigation to the first usable map (the default scenario's units on the map, the page answering input): the scenario list comes from an index built with the scenarios, not from the scenario files; the whole-map overview is a picture baked at build time (scripts/overview/), the engine worker started with the page loads the scenario (its map and included files fetched at once) while the page draws, pixi's renderer set-up is preloaded beside the main chunk, and the Batch, What-if and Charts tabs are chunks of their own loaded after the map shows.

| load | time to a usable map (ms) | frame time then, mean (ms) | p95 (ms) |
|---|---:|---:|---:|
| empty cache | ${cold.toFixed(0)} | | |
| cached | ${warm.toFixed(0)} | ${frames.avgMs.toFixed(2)} | ${frames.p95Ms.toFixed(2)} |
`;
    console.log(`\nTime to a usable map:\n${text}`);
    writeBenchmarkSection('Browser time to a usable map', text);
    expect(warm).toBeGreaterThan(0);
  });

  it('fog of war hides the enemy units the player\'s side does not observe, with last-seen markers later', async () => {
    await open(SKIRMISH);
    await b.page.click('#play-allied');
    await b.page.waitForFunction(() => window.__cassino.mode === 'play' && window.__cassino.waiting && !window.__cassino.busy, null, { timeout: 0 });
    const shown = await b.page.evaluate(() => {
      const s = window.__cassino.state!;
      const enemy = Object.values(s.units).filter((u) => u.side === 'german' && u.hex >= 0);
      return { enemy: enemy.length, unobserved: enemy.filter((u) => s.observed.allied.charAt(u.hex) !== '1').length };
    });
    expect(shown.unobserved).toBe(0);
    await shot('keep-01-fog-on');
    await b.page.click('#fog');
    await idle();
    const all = await b.page.evaluate(() => Object.values(window.__cassino.state!.units).filter((u) => u.side === 'german' && u.hex >= 0).length);
    expect(all).toBeGreaterThan(shown.enemy);
    await shot('keep-02-fog-off');
    await b.page.click('#fog');
    await idle();
  });

  it('undo takes an order back and restores the phase\'s state hash', async () => {
    const start = (await keep()).hash;
    expect(start).toMatch(/^[0-9a-f]{16}$/);
    await digIn('allied');
    const after = await keep();
    expect(after.hash).not.toBe(start);
    expect(after.undo).toBe(1);
    await shot('keep-03-before-undo');
    await b.page.click('#undo');
    await idle();
    expect(await keep()).toMatchObject({ hash: start, undo: 0 });
    expect(await b.page.locator('#undo').isDisabled()).toBe(true);
    await shot('keep-04-after-undo');
  });

  it('saves the game, reloads, continues from the turn it stopped and ends with the uninterrupted game\'s hash', async () => {
    // Two turns ended with every decision left to the plan, then saved.
    for (const turn of [1, 2]) {
      await b.page.click('#end-turn');
      await b.page.waitForFunction((t) => window.__cassino.state!.turn === t && window.__cassino.waiting && !window.__cassino.busy, turn, { timeout: 0 });
    }
    const file = await saveGame('saved.replay.json');
    const saved = JSON.parse(readFileSync(file, 'utf8')) as ReplayFile;
    expect(saved.turnHashes.length).toBe(2);
    await open(SKIRMISH);
    await b.page.setInputFiles('#replay-file', file);
    await b.page.waitForFunction(() => window.__cassino.lastReplay !== null, null, { timeout: 0 });
    expect((await b.page.evaluate(() => window.__cassino.lastReplay))!.ok).toBe(true);
    expect(await b.page.evaluate(() => window.__cassino.frame)).toBe(2);
    await b.page.click('#continue-here');
    await b.page.waitForFunction(() => window.__cassino.mode === 'play' && window.__cassino.waiting && !window.__cassino.busy, null, { timeout: 0 });
    expect((await keep()).message).toMatch(/2 turn hashes verified; going on from turn 2 /);
    await shot('keep-05-continued');
    while (!(await b.page.evaluate(() => window.__cassino.state!.finished))) {
      await b.page.click('#end-turn');
      await idle();
    }
    const node = runGame(loadContext('test-skirmish'), { seed: SEED });
    expect((await keep()).hash).toBe(node.finalHash);
    await shot('keep-06-continued-to-the-end');
  });

  it('passes a game between two players by file: each move verified by the hash chain, a changed one refused', async () => {
    await open(SKIRMISH);
    await b.page.check('#mail');
    await b.page.click('#play-allied');
    await b.page.waitForFunction(() => window.__cassino.mode === 'play' && window.__cassino.waiting && !window.__cassino.busy, null, { timeout: 0 });
    const ordered = await digIn('allied');
    await b.page.click('#end-phase');
    await b.page.waitForFunction(() => (window.__cassino as KeepHooks).keep.next === 'german' && !window.__cassino.busy, null, { timeout: 0 });
    expect(await b.page.locator('#hand-over').isVisible()).toBe(true);
    expect(await b.page.locator('#hint').textContent()).toMatch(/Save the game and send the file to the German player/);
    await shot('keep-07-allied-move-done');
    const file = await saveGame('allied-move.replay.json');
    const sent = JSON.parse(readFileSync(file, 'utf8')) as ReplayFile;
    expect(sent.waitingFor).toBe('german');
    expect(sent.handoffs).toEqual([expect.objectContaining({ side: 'allied', turn: 0, phase: 'movement', actions: sent.actions.length, hash: sent.finalHash })]);

    // The German player opens it: verified, and it is their move.
    await open(SKIRMISH);
    await b.page.setInputFiles('#replay-file', file);
    await b.page.waitForFunction(() => window.__cassino.mode === 'play' && window.__cassino.waiting && !window.__cassino.busy, null, { timeout: 0 });
    expect(await b.page.evaluate(() => (window.__cassino as KeepHooks).app.side)).toBe('german');
    expect((await keep()).message).toMatch(/allied-move\.replay\.json: 0 turn hashes and 1 hand-offs verified; going on from turn 0 \(1944-[-\dT:]+, movement phase, german to play\)/);
    expect((await keep()).hash).toBe(sent.finalHash);
    await shot('keep-08-german-to-play');

    // A file in which the Allied order was taken out after it was sent is refused.
    const forged = { ...sent, actions: sent.actions.filter((a) => !(a.source === 'player' && JSON.stringify(a.action).includes(`"${ordered}"`))) };
    expect(forged.actions.length).toBe(sent.actions.length - 1);
    const bad = join(b.outDir, 'forged.replay.json');
    writeFileSync(bad, JSON.stringify(forged));
    await b.page.setInputFiles('#replay-file', bad);
    await expect.poll(() => b.page.locator('#toast').textContent()).toMatch(/forged\.replay\.json: the allied side's move of turn 0 \(movement phase\) does not verify/);
    await shot('keep-09-forged-refused');
    expect(await b.page.evaluate(() => window.__cassino.mode)).toBe('view');
  });
});
