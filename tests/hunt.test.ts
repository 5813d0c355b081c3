// The exploit hunter finds nothing on the rules: on battle 2 and battle 4, with the hunter playing
// the Allies (every unit as deep as the rules allow, every gun in range for every assault), no try
// takes the abbey or Point 593 in the first 24 h, puts a unit more than 3 km behind the German
// line after one turn, or reaches odds above 3 on a mountain hex on turn 1. And its bounds file
// is checked data: a scenario without bounds is refused by name.
import { describe, expect, it } from 'vitest';
import { loadContext } from '../engine/node/files.ts';
import { readBounds } from '../engine/node/hunt.ts';
import { hunt } from '../engine/core/hunt.ts';

describe('cassino hunt', () => {
  it.each(['battle-2', 'battle-4'])('raises no flag on %s at a budget of 2 tries', (id) => {
    const ctx = loadContext(id);
    const r = hunt(ctx, 'allied', readBounds(id), 2, '1');
    expect(r.flagged.flatMap((t) => t.flags.map((f) => `${t.seed} ${f.text}`))).toEqual([]);
    // The hunter did play: it attacked and moved.
    expect(r.best.run.actions.some((a) => a.action.type === 'attack' && a.source === 'ai')).toBe(true);
  });

  it('refuses a scenario that has no bounds, naming the file', () => {
    expect(() => readBounds('test-skirmish')).toThrow(/scenarios\/hunt\/bounds\.json: scenarios: no bounds for scenario "test-skirmish"/);
  });
});
