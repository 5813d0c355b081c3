// Heavy bombing on troops in a town: the raid and barrage on Cassino town on 15 March 1944 kill
// the share of the paratroopers in it that the history gives (data/history/bombing-15-march.json),
// and bombs on rubble or open ground bring nothing down. The mechanism is shipped off
// (fire.json collapseCasualtyShare 0) until the campaign is recalibrated with it: these tests play it
// with the trial parameters that switch it on (engine/params/trials/bombs-on-cellars.json).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadContext } from '../engine/node/files.ts';
import { runGame, startGame } from '../engine/core/run.ts';
import { fullLog } from '../engine/core/state-log.ts';
import { collapseCasualties, hexesWithin } from '../engine/core/models/fire.ts';
import { median } from '../engine/core/models/engagement-scores.ts';

const TRIAL = { params: 'engine/params/trials/bombs-on-cellars.json' };
const doc = JSON.parse(readFileSync(new URL('../data/history/bombing-15-march.json', import.meta.url), 'utf8'));

describe('the 15 March raid on Cassino town', () => {
  it('bombs and barrage kill about half of the paratroopers in the town, as the history says', () => {
    const ctx = loadContext('battle-3', TRIAL);
    const target = ctx.scenario.objectives.find((o) => o.id === 'cassino-town')!.hex;
    const area = new Set(hexesWithin(ctx.map, target, 3));
    const s0 = startGame(ctx, '1');
    const garrison = Object.values(s0.units).filter((u) => u.side === 'german' && u.status === 'active' && area.has(u.hex));
    const men = garrison.reduce((a, u) => a + u.men, 0);
    // The scenario's town garrison is the history's "~300 paratroopers".
    expect(men).toBe(doc.garrisonMen);
    const ids = new Set(garrison.map((u) => u.id));
    const shares: number[] = [];
    for (let seed = 1; seed <= 9; seed++) {
      const r = runGame(ctx, { seed: String(seed), turns: 1, recordActions: false });
      let lost = 0;
      for (const e of fullLog(r.state)) {
        if (e.side !== 'allied' || (e.kind !== 'airStrike' && e.kind !== 'bombardment')) continue;
        for (const [id, n] of Object.entries(e.losses ?? {})) if (ids.has(id)) lost += n;
      }
      shares.push(lost / men);
    }
    const m = median(shares);
    expect(m).toBeGreaterThanOrEqual(doc.band.low);
    expect(m).toBeLessThanOrEqual(doc.band.high);
  });

  it('only standing buildings fall: rubble and open ground lose no one to collapse', () => {
    const p = loadContext('battle-3', TRIAL).params.fire;
    expect(collapseCasualties(p, 'town', 10, 300)).toBe(Math.round(300 * p.collapseCasualtyShare.value));
    expect(collapseCasualties(p, 'town', p.rubbleTons.value / 2, 300)).toBe(Math.round(150 * p.collapseCasualtyShare.value));
    expect(collapseCasualties(p, 'rubble', 10, 300)).toBe(0);
    expect(collapseCasualties(p, 'rugged-mixed', 10, 300)).toBe(0);
  });
});
