import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { composeCampaign } from '../engine/node/build-campaign.ts';
import { loadContext } from '../engine/node/files.ts';
import { runGame } from '../engine/core/run.ts';
import { fromMinutes } from '../engine/core/time.ts';
import type { GameState } from '../engine/core/types.ts';

describe('the campaign scenario', () => {
  it('is what npm run build:campaign composes from the four battles (it cannot drift from them)', () => {
    const committed = readFileSync(new URL('../scenarios/campaign.json', import.meta.url), 'utf8');
    expect(composeCampaign()).toBe(committed);
  });
});

describe('the campaign between battles', () => {
  it('gives the ground between the lines to the nearer side, so units arriving for a later battle are in supply', () => {
    // Without the lines settling, the Polish II Corps stands on ground last walked over by the
    // Germans in January: no supply reaches it, and its battalions go into battle 4 with no cohesion.
    const ctx = loadContext('campaign');
    let atOpening: GameState | undefined;
    runGame(ctx, {
      seed: '1', recordActions: false, turns: 232,
      onTurnEnd: (s) => { if (!atOpening && fromMinutes(s.time) >= '1944-05-11T18:00') atOpening = s; },
    });
    const polish = Object.values(atOpening!.units).filter((u) => /^pl-.*-bn$/.test(u.id) && u.status === 'active');
    expect(polish.length).toBeGreaterThanOrEqual(10);
    const supplied = polish.filter((u) => u.supply >= 50);
    expect(supplied.length / polish.length).toBeGreaterThan(0.8);
    expect(Math.min(...polish.map((u) => u.cohesion))).toBeGreaterThan(50);
    expect(atOpening!.log.filter((e) => e.kind === 'front').length).toBeGreaterThanOrEqual(4);
  }, 60_000);
});
