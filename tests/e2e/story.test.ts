// The front end telling the story of a game, in headless Chromium: after a turn the map shows
// movement trails, attack arrows and combat markers, the Log tab a turn summary and its entries
// grouped and named by place, each a link to its hex; objective markers take the colour of the
// side that holds them as battle 4's replay goes on; and the odds shown before an attack are the
// ratio the attack's result reports. Screenshots go to test-artifacts/e2e/story-*.png.
import { describe, expect, it } from 'vitest';
import { formatRatio, previewAssault } from '../../engine/core/index.ts';
import { loadContext } from '../../engine/node/files.ts';
import { HAVE_CHROMIUM, requireChromiumInCi, useBrowser } from './harness.ts';

requireChromiumInCi();

const ALLIED = 0x3a7bd5;
const GERMAN = 0xc0392b;

describe.runIf(HAVE_CHROMIUM)('the story of a turn, who holds what, odds before an attack (headless Chromium)', () => {
  const b = useBrowser();
  const { open, shot, hooks } = b;
  const page = () => b.page;

  it('shows trails, attack arrows and combat markers after a turn of the replay; the log is grouped, named and links to the map', async () => {
    // Battle 4's historical replay (kept open for the next test).
    await open('?scenario=battle-4&mode=replay');
    await b.page.waitForFunction(() => window.__cassino.runDone, null, { timeout: 0 });
    // Step through the turns, as a user would with the slider, to the first with assaults and moves.
    await b.page.focus('#timeline');
    await b.page.keyboard.press('Home');
    let counts = await hooks((h) => (h as unknown as { storyCounts(): Record<string, number> }).storyCounts());
    expect(counts.trails + counts.arrows).toBe(0); // the start: no turn to tell yet
    const frames = await hooks((h) => h.frames);
    for (let f = 1; f < frames && (counts.arrows === 0 || counts.trails === 0); f++) {
      await b.page.keyboard.press('ArrowRight');
      await b.page.waitForFunction((x) => window.__cassino.frame === x, f);
      counts = await hooks((h) => (h as unknown as { storyCounts(): Record<string, number> }).storyCounts());
    }
    expect(counts.arrows).toBeGreaterThan(0);
    expect(counts.markers).toBeGreaterThan(0);
    expect(counts.trails).toBeGreaterThan(0);
    await hooks((h) => h.fit());
    await shot('story-01-turn-trails-arrows');

    await b.page.click('#tabs button[data-tab="log"]');
    const summary = (await b.page.locator('#turn-summary').textContent())!;
    expect(summary).toMatch(/Assaults: .*succeeded/);
    expect(summary).toMatch(/Ground: Allied took \d+ hex/);
    expect(summary).toMatch(/Losses: Allied [\d,]+ · German [\d,]+/);
    // Assaults stand apart from the rest, and name their place, never a grid reference.
    const assaults = b.page.locator('#tab-log details[data-group="assaults"] .log-entry');
    expect(await assaults.count()).toBeGreaterThan(0);
    for (const text of await assaults.allTextContents()) {
      expect(text).toMatch(/attack (on |near |\d+\.\d km [NESW]+ of )[A-Z0-9]/);
      expect(text).not.toMatch(/\d+,\d+ (succeeds|fails)/);
      expect(text).toMatch(/at odds \d+(\.\d+)? : 1/);
    }
    // A click on an assault in the summary centres the map on its hex.
    const item = b.page.locator('#turn-summary li.goto').first();
    const hex = Number(await item.getAttribute('data-hex'));
    await item.click();
    const box = (await b.mapBox());
    const at = await b.page.evaluate((x) => window.__cassino.hexScreenPos(x), hex);
    expect(Math.abs(at.x - box.width / 2)).toBeLessThan(40);
    expect(Math.abs(at.y - box.height / 2)).toBeLessThan(40);
    await shot('story-02-log-summary-goto');
    expect(b.errors).toEqual([]);
  });

  it('redraws objective markers in the holder\'s colour as battle 4\'s replay goes on (the replay of the test before)', async () => {
    // The replay the last test opened.
    expect(await hooks((h) => h.scenario)).toBe('battle-4');
    type O = { colours: Record<string, number>; holders: Record<string, string> };
    const read = () => hooks((h) => {
      const x = h as unknown as { objectiveColours(): Record<string, number>; app: { ctx: { scenario: { objectives: Array<{ id: string; hex: number }> } } } };
      const s = h.state!;
      const cols = s.control[0].length;
      const holders: Record<string, string> = {};
      for (const o of x.app.ctx.scenario.objectives) holders[o.id] = s.control[Math.floor(o.hex / cols)][o.hex % cols];
      return { colours: { ...x.objectiveColours() }, holders };
    }) as Promise<O>;
    await b.page.focus('#timeline');
    await b.page.keyboard.press('Home');
    await b.page.waitForFunction(() => window.__cassino.frame === 0);
    const start = await read();
    await hooks((h) => h.fit());
    await shot('story-03-battle-4-start-objectives');
    await b.page.keyboard.press('End');
    await b.page.waitForFunction(() => window.__cassino.frame === window.__cassino.frames - 1);
    const end = await read();
    await shot('story-04-battle-4-end-objectives');
    const expected = (c: string) => (c === 'A' ? ALLIED : c === 'G' ? GERMAN : 0xf0c020);
    for (const o of [start, end]) for (const [id, c] of Object.entries(o.holders)) expect(o.colours[id], id).toBe(expected(c));
    const turned = Object.keys(end.holders).filter((id) => end.holders[id] !== start.holders[id]);
    expect(turned.length).toBeGreaterThan(0);
    for (const id of turned) expect(end.colours[id]).not.toBe(start.colours[id]);
    expect(b.errors).toEqual([]);
  });

  it('groups counters into their formations when zoomed out, and prints designation and men close up (battle 4)', async () => {
    type Shown = { level: string | null; units: number; groups: number; captions: number };
    const shown = () => hooks((h) => (h as unknown as { countersShown(): Shown }).countersShown());
    await hooks((h) => h.fit());
    const far = await shown();
    const onMap = await hooks((h) => Object.values(h.state!.units).filter((u) => u.hex >= 0 && (u.status === 'active' || u.status === 'reserve')).length);
    expect(far.level).not.toBeNull();
    expect(far.units).toBe(0);
    expect(far.groups).toBeGreaterThan(0);
    expect(far.groups).toBeLessThan(onMap / 2);
    await shot('story-07-battle-4-formations');
    await page().evaluate(() => {
      const m = window.__cassino as unknown as { app: { ctx: { map: { hexOfPlace: Map<string, number> } } }; centreOn(h: number, px: number): void };
      m.centreOn(m.app.ctx.map.hexOfPlace.get('cassino') ?? m.app.ctx.map.hexOfPlace.get('abbey')!, 48);
    });
    const close = await shown();
    expect(close.level).toBeNull();
    expect(close.captions).toBeGreaterThan(0);
    await shot('story-08-battle-4-counters-close');
    expect(b.errors).toEqual([]);
  });

  it('shows odds before an attack that equal the ratio the attack\'s result reports; the target is outlined above the counters', async () => {
    await open('?scenario=test-skirmish');
    await b.page.uncheck('#assist'); // units without orders hold: us-1-141 stays next to hex 103
    await b.page.click('#play-allied');
    await b.page.waitForFunction(() => window.__cassino.mode === 'play' && window.__cassino.waiting && !window.__cassino.busy);
    // With fog of war the preview counts only what the Allies observe (hidden German batteries answer
    // all the same); the odds equal the result's with everything in view.
    await b.page.uncheck('#fog'); // the box shows once play has begun
    while (await hooks((h) => h.state!.phase) !== 'combat') {
      const phase = await hooks((h) => h.state!.phase);
      await b.page.keyboard.press('p');
      await b.page.waitForFunction((p) => window.__cassino.state!.phase !== p && window.__cassino.waiting && !window.__cassino.busy, phase);
    }
    const target = 103;
    await hooks((h) => h.centreOn(103, 60));
    const box = await b.mapBox();
    const p = await b.page.evaluate((x) => window.__cassino.hexScreenPos(x), target);
    await b.page.mouse.click(box.x + p.x, box.y + p.y);
    await b.page.waitForSelector('#attack-preview[data-ratio]');
    const shownRatio = Number(await b.page.getAttribute('#attack-preview', 'data-ratio'));
    const shownOdds = (await b.page.locator('#attack-preview [data-odds]').textContent())!;
    expect(await b.page.locator('#attack-preview').textContent()).toMatch(/Takes the hex in \d+% of \d+ trials/);
    // The guns shown are the engine's preview's for the same state and choice: the UI adds no rule.
    const chosen = await b.page.evaluate(() => {
      const ticked = (n: string) => [...document.querySelectorAll<HTMLInputElement>(`.attack-form input[name="${n}"]:checked`)].map((i) => i.value);
      return { units: ticked('att'), artillery: ticked('art'), state: window.__cassino.state! };
    });
    const engine = previewAssault(loadContext('test-skirmish'), chosen.state, chosen.units, target, chosen.artillery);
    if (!engine.ok) throw new Error(engine.reason);
    const guns = b.page.locator('#attack-preview [data-allowed]');
    expect(Number(await guns.getAttribute('data-allowed'))).toBe(engine.gunsAllowed.reduce((a, g) => a + g.guns, 0));
    expect(Number(await guns.getAttribute('data-guns'))).toBe(engine.attackGuns);
    await shot('story-05-odds-before-attack');
    const before = await hooks((h) => h.state!.log.length);
    await b.page.click('#tab-unit button[data-do="attack"]');
    await b.page.waitForFunction((n) => window.__cassino.state!.log.length > n && !window.__cassino.busy, before);
    const event = await hooks((h) => h.state!.log.filter((e) => e.kind === 'combat').at(-1)!);
    expect(event.hex).toBe(target);
    expect(event.data!.ratio).toBe(Math.round(shownRatio * 1000) / 1000);
    expect(shownOdds).toBe(`${formatRatio(Number(event.data!.ratio))} : 1`);
    await shot('story-06-after-attack');
    expect(b.errors).toEqual([]);
  });
});
