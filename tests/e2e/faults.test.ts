// The smaller faults of issue 26 and the rest of the story of a turn, in headless Chromium: no
// internal ids in text shown to users (a documented figure's note, a what-if's changes), whole
// legend names and axis labels that do not overlap in the charts, one turn number per replay
// frame, fog of war off in a historical replay, movement trails that follow the unit's route hex
// by hex, and a log entry that takes the replay to its turn and the map to its place.
// Screenshots go to test-artifacts/e2e/faults-*.png.
import { describe, expect, it } from 'vitest';
import { hexDistance } from '../../engine/core/index.ts';
import { loadContext } from '../../engine/node/files.ts';
import { HAVE_CHROMIUM, requireChromiumInCi, useBrowser } from './harness.ts';

requireChromiumInCi();

type Trails = Array<{ unit: string; path: number[] }>;

describe.runIf(HAVE_CHROMIUM)('smaller faults and the story of a turn (headless Chromium)', () => {
  const b = useBrowser();
  const page = () => b.page;

  it('names documented figures by who they count, keeps legend names whole and axis labels apart', async () => {
    await b.open('?scenario=battle-3');
    await page().click('#tabs button[data-tab="charts"]');
    await page().waitForSelector('#tab-charts svg.chart');
    const text = (await page().locator('#tab-charts').textContent())!;
    expect(text).not.toContain('b23.4th-indian');
    expect(text).toContain('checked like the 4th Indian Division figure');
    await page().locator('#tab-charts p.muted', { hasText: 'checked like' }).first().scrollIntoViewIfNeeded();
    await b.shot('faults-01-charts-names');
    // Every text of every chart inside its picture; x-axis labels (one baseline) apart, none twice.
    const bad = await page().evaluate(() => {
      const out: string[] = [];
      for (const svg of document.querySelectorAll<SVGSVGElement>('#tab-charts svg.chart')) {
        const w = svg.viewBox.baseVal.width;
        const texts = [...svg.querySelectorAll<SVGTextElement>('text')].map((t) => ({ t: t.textContent ?? '', y: t.getAttribute('y'), box: t.getBBox() }));
        for (const x of texts) if (x.box.x < -0.5 || x.box.x + x.box.width > w + 0.5) out.push(`cut: ${x.t}`);
        for (const x of texts) for (const z of texts) {
          if (x !== z && x.y === z.y && x.t === z.t && x.box.x < z.box.x) out.push(`twice on one line: ${x.t}`);
          if (x === z || x.y !== z.y || x.box.x > z.box.x) continue;
          if (x.box.x + x.box.width > z.box.x + 0.5 && x.box.y < z.box.y + z.box.height && z.box.y < x.box.y + x.box.height) out.push(`overlap: ${x.t} / ${z.t}`);
        }
      }
      return out;
    });
    expect(bad).toEqual([]);
  });

  it('describes a what-if\'s changes with the scenario\'s names, not ids', async () => {
    await b.open('?scenario=battle-2');
    await page().click('#tabs button[data-tab="whatif"]');
    const item = page().locator('#whatif-list details').first();
    await page().locator('#whatif-list summary').first().click();
    await page().mouse.move(1100, 400); // over the panel: the list must stay as it is
    expect(await item.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const text = (await item.textContent())!;
    expect(text).not.toMatch(/\bb2\.[a-z]/);
    expect(text).toContain('removes the air strike of 15 Feb 09:30');
    await b.shot('faults-02-whatif-names');
  });

  it('gives one turn number per replay frame, shows every unit (no fog) and draws trails along the routes', async () => {
    await b.open('?scenario=battle-4&mode=replay');
    await page().waitForFunction(() => window.__cassino.runDone, null, { timeout: 0 });
    await page().focus('#timeline');
    await page().keyboard.press('Home');
    let trails: Trails = [];
    const frames = await b.hooks((h) => h.frames);
    for (let f = 1; f < frames && !trails.some((t) => t.path.length > 3); f++) {
      await page().keyboard.press('ArrowRight');
      await page().waitForFunction((x) => window.__cassino.frame === x, f);
      const label = (await page().locator('#timeline-label').textContent())!;
      const situation = (await page().locator('#situation').textContent())!;
      const turns = (s: string) => [...s.matchAll(/turn (\d+) of (\d+)/gi)].map((m) => m[1]);
      expect(turns(label)).toHaveLength(1);
      expect(turns(situation)).toEqual(turns(label));
      trails = await page().evaluate(() => (window.__cassino as unknown as { storyTrails(): Trails }).storyTrails());
    }
    // Fog of war is for play: the replay shows the state itself, every unit of both sides.
    expect(await page().evaluate(() => (window.__cassino as unknown as { view: { state: unknown } }).view.state === window.__cassino.state)).toBe(true);
    const ctx = loadContext('battle-4');
    // Trails longer than two hexes, each step to a neighbouring hex: a route, not a straight line.
    const long = trails.filter((t) => t.path.length > 3);
    expect(long.length).toBeGreaterThan(0);
    // A trail the engine found a route for goes hex by hex; one it found none for (the ground had
    // changed under it during the turn) is the straight line from start to end.
    for (const t of trails) {
      if (t.path.length > 2) for (let i = 1; i < t.path.length; i++) expect(hexDistance(ctx.map, t.path[i - 1], t.path[i])).toBe(1);
    }
    const straight = trails.filter((t) => t.path.length === 2 && hexDistance(ctx.map, t.path[0], t.path[1]) > 1).length;
    console.log(`trails of the turn: ${trails.length}, routed over more than one hex: ${trails.filter((t) => t.path.length > 2).length}, straight for want of a route: ${straight}`);
    await page().evaluate((x) => window.__cassino.centreOn(x, 30), long[0].path[Math.floor(long[0].path.length / 2)]);
    await b.shot('faults-03-trails-along-routes');
  });

  it('takes the replay to a log entry\'s turn and the map to its place when the entry is clicked', async () => {
    await page().focus('#timeline');
    await page().keyboard.press('End');
    const last = await b.hooks((h) => h.frames - 1);
    await page().waitForFunction((x) => window.__cassino.frame === x, last);
    await page().click('#tabs button[data-tab="log"]');
    await page().click('#tab-log button[data-filter="all"]');
    const entry = page().locator('#tab-log details[data-group="assaults"] .log-entry.goto[data-turn="0"], #tab-log .log-entry.goto[data-turn="0"]').first();
    await page().evaluate(() => document.querySelectorAll('#tab-log details').forEach((d) => { (d as HTMLDetailsElement).open = true; }));
    const hex = Number(await entry.getAttribute('data-hex'));
    await entry.click();
    await page().waitForFunction(() => window.__cassino.frame === 1);
    const box = await b.mapBox();
    const pos = await page().evaluate((x) => window.__cassino.hexScreenPos(x), hex);
    expect(Math.abs(pos.x - box.width / 2)).toBeLessThan(box.width * 0.1);
    expect(Math.abs(pos.y - box.height / 2)).toBeLessThan(box.height * 0.1);
    expect(await page().locator('#timeline-label').textContent()).toMatch(/Turn 2 of/);
    await b.shot('faults-04-log-entry-jumps');
  });
});
