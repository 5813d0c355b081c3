// A unit whose way to its goal runs into an enemy unit goes round it. The goal fields units walk
// down ignore where units stand; before this rule a unit ordered back whose way down the field
// ran through an enemy-held hex stayed where it was. In the campaign the three New Zealand
// battalions ordered out of Cassino on 19 February 1944 sat in a town hex next to the
// paratroopers for 24 days, and were still there under the bombs of 15 March.
import { describe, expect, it } from 'vitest';
import { loadContext } from '../engine/node/files.ts';
import { runGame } from '../engine/core/run.ts';
import { terrainAt } from '../engine/core/models/movement-rules.ts';
import { fromMinutes, turnStart } from '../engine/core/time.ts';

describe('a unit ordered back goes round the enemy in its way', () => {
  it('campaign: the New Zealand battalions ordered out of Cassino town on 19 February are out of it by the 15 March raid', () => {
    const ctx = loadContext('campaign');
    const sc = ctx.scenario;
    // The last turn before the raid of 15 March 1944, 08:30.
    let turns = 0;
    while (fromMinutes(turnStart(sc.start, turns + 1)) < '1944-03-15T06:00') turns++;
    for (const seed of ['1', '2', '3']) {
      const s = runGame(ctx, { seed, turns }).state;
      for (const id of ['nz-21-bn', 'nz-24-bn', 'nz-28-maori']) {
        const u = s.units[id];
        expect(u.status, `${id}, seed ${seed}`).toBe('active');
        expect(terrainAt(ctx.map, s, u.hex), `${id}, seed ${seed}`).not.toBe('town');
      }
    }
  });
});
