// The rules hold in the browser as in Node (issue 20): playing the Allies in battle 2, the green
// area of the 1/2nd Gurkhas (57,53, below Point 444/445 on turn 1) holds no hex behind the
// Gustav Line deeper than the enemy-ground rule allows; the 9 km march to 50,94 by the Liri that
// the map once offered is not in it. Screenshot: test-artifacts/e2e/rules-gurkhas-reach.png.
import { describe, expect, it } from 'vitest';
import { checkAction, hexIndex, holderOf } from '../../engine/core/index.ts';
import { loadContext } from '../../engine/node/files.ts';
import { HAVE_CHROMIUM, requireChromiumInCi, useBrowser } from './harness.ts';

requireChromiumInCi();

describe.runIf(HAVE_CHROMIUM)('rules every player is held to, in the browser (headless Chromium)', () => {
  const b = useBrowser();
  const ctx = loadContext('battle-2');

  it('shows the 1/2nd Gurkhas only the moves the reducer accepts, and not the march behind the Gustav Line', async () => {
    await b.open('?scenario=battle-2&seed=1');
    await b.page.click('#play-allied');
    await b.page.waitForFunction(() => window.__cassino.mode === 'play' && window.__cassino.waiting && !window.__cassino.busy, null, { timeout: 90000 });
    const id = 'in-1-2-gurkha';
    // Select it as a player would without the mouse: N steps through the side's units.
    for (let i = 0; i < 200 && !(await b.page.evaluate((x) => window.__cassino.selected.includes(x), id)); i++) await b.page.keyboard.press('n');
    await b.page.waitForFunction((x) => window.__cassino.selected.includes(x) && window.__cassino.legalMoves().length > 0, id, { timeout: 90000 });
    await b.page.evaluate((x) => window.__cassino.centreOn(window.__cassino.state!.units[x].hex, 14), id);
    const reach = await b.page.evaluate(() => window.__cassino.legalMoves());
    const state = await b.page.evaluate(() => window.__cassino.state!);
    await b.shot('rules-gurkhas-reach');
    expect(reach).not.toContain(hexIndex(ctx.map, 50, 94));
    // The area shown once held 1,438 German-held hexes, the abbey among them.
    expect(reach).not.toContain(ctx.scenario.objectives.find((o) => o.id === 'abbey')!.hex);
    console.log(`1/2nd Gurkhas, turn 1: ${reach.length} hexes shown, ${reach.filter((h) => holderOf(state, h) === 'german').length} of them German-held`);
    expect(reach.map((h) => checkAction(ctx, state, { type: 'move', unit: id, to: h })).filter((r) => r !== null)).toEqual([]);
    expect(checkAction(ctx, state, { type: 'move', unit: id, to: hexIndex(ctx.map, 50, 94) })).toMatch(/enemy-held ground|enemy ground/);
  });
});
