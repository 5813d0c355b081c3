// The exploit hunter against the rules, on battle 2 and battle 4 with the hunter playing the
// Allies at a budget of 2 tries: no unit ends turn 1 more than 3 km behind the German line (the
// enemy-ground rule). The other bounds (the abbey or Point 593 within 24 h, odds above 3 on a
// mountain hex on turn 1) the hunter still breaks by massing battalions round one hex: the rule
// that would stop it (how many men can assault one hex of mountain frontage) is not built yet, and
// the test that no flag at all is raised is kept as a known failure (it.fails) until it is.
import { describe, expect, it } from 'vitest';
import { loadContext } from '../engine/node/files.ts';
import { readBounds } from '../engine/node/hunt.ts';
import { type HuntResult, hunt } from '../engine/core/hunt.ts';

const results = new Map<string, HuntResult>();
function hunted(id: string): HuntResult {
  if (!results.has(id)) results.set(id, hunt(loadContext(id), 'allied', readBounds(id), 2, '1'));
  return results.get(id)!;
}
const flagsOf = (r: HuntResult, kind?: string) => r.flagged.flatMap((t) => t.flags.filter((f) => !kind || f.kind === kind).map((f) => `${t.seed} ${f.text}`));

describe('cassino hunt', () => {
  it.each(['battle-2', 'battle-4'])('finds no unit more than 3 km behind the enemy line after turn 1 on %s', (id) => {
    const r = hunted(id);
    expect(flagsOf(r, 'depth')).toEqual([]);
    // The hunter did play: it moved and attacked.
    expect(r.best.run.actions.some((a) => a.action.type === 'move' && a.source === 'ai')).toBe(true);
    expect(r.best.run.actions.some((a) => a.action.type === 'attack' && a.source === 'ai')).toBe(true);
  });

  it.fails.each(['battle-2', 'battle-4'])('raises no flag at all on %s (open: massing on one mountain hex)', (id) => {
    expect(flagsOf(hunted(id))).toEqual([]);
  });

  it('refuses a scenario that has no bounds, naming the file', () => {
    expect(() => readBounds('test-skirmish')).toThrow(/scenarios\/hunt\/bounds\.json: scenarios: no bounds for scenario "test-skirmish"/);
  });
});
