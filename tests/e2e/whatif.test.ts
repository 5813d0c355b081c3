// The What-if tab in headless Chromium (issue 26, item 7): it plays the historical plan and a
// what-if on several seeds in the browser's engine worker and shows the paired differences with
// 95 % intervals; the numbers are those `cassino compare` gives for the same what-if, seeds and
// runs (one statistics function, engine/core/stats/paired.ts). Screenshots go to
// test-artifacts/e2e/whatif-*.png.
import { describe, expect, it } from 'vitest';
import { runCompare } from '../../engine/node/compare.ts';
import { HAVE_CHROMIUM, requireChromiumInCi, useBrowser } from './harness.ts';

requireChromiumInCi();

const WHATIF = 'no-abbey-bombing.json';
const RUNS = 12;
const FIRST_SEED = '3';

interface Compared {
  seeds: { first: string; last: string; count: number };
  figures: Record<string, { historical: { median: number; mean: number }; whatIf: { median: number; mean: number }; difference: { mean: number; median: number; ci95: [number, number] } }>;
  objectives: Record<string, { name: string; held: Record<string, { historical: number; whatIf: number; change: number; ci95: [number, number] }> }>;
}

describe.runIf(HAVE_CHROMIUM)('the what-if tab (headless Chromium)', () => {
  const b = useBrowser();

  it('runs a what-if on several seeds in the worker and gives the same paired differences and intervals as `cassino compare`', async () => {
    const scenario = 'battle-2';
    await b.open(`?scenario=${scenario}`);
    await b.page.click('#tabs button[data-tab="whatif"]');
    await b.page.check(`input[name="whatif"][value="${WHATIF}"]`);
    await b.page.fill('#whatif-runs', String(RUNS));
    await b.page.fill('#whatif-seed', FIRST_SEED);
    await b.page.click('#whatif-run');
    await b.page.waitForSelector('#whatif-out table.whatif-losses');
    const shown = await b.page.evaluate(() => (window.__cassino as unknown as { lastWhatIf: unknown }).lastWhatIf) as Compared;
    // The result is scrolled into the visible part of its panel.
    const visible = await b.page.evaluate(() => {
      const out = document.querySelector('#whatif-out')!.getBoundingClientRect();
      const panel = document.querySelector('#tab-whatif')!.getBoundingClientRect();
      return out.top >= panel.top - 1 && out.top < panel.bottom;
    });
    expect(visible).toBe(true);
    await b.shot('whatif-01-several-seeds');

    const cli = await runCompare({ scenario, whatIf: `scenarios/whatifs/${WHATIF}`, runs: RUNS, seed: FIRST_SEED, workers: 1, progress: false });
    expect(shown.seeds).toEqual(cli.seeds);
    const numbers = ({ historical, whatIf, difference }: Compared['figures'][string]) => ({ historical, whatIf, difference });
    for (const side of ['allied', 'german']) {
      const k = `losses.${side}`;
      expect({ k, ...numbers(shown.figures[k]) }).toEqual({ k, ...numbers(cli.figures[k]) });
    }
    for (const [id, o] of Object.entries(cli.objectives)) {
      expect({ id, held: shown.objectives[id]?.held }).toEqual({ id, held: o.held });
    }
    // The page shows the change and its interval for each side.
    const text = await b.page.locator('#whatif-out').textContent();
    const d = shown.figures['losses.allied'].difference;
    expect(text).toContain(`(${d.ci95[0] > 0 ? '+' : ''}${d.ci95[0]} to ${d.ci95[1] > 0 ? '+' : ''}${d.ci95[1]})`);
    expect(text).toContain(`--runs ${RUNS} --seed ${FIRST_SEED}`);
    expect(b.errors).toEqual([]);
  });
});
