import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { composeCampaign } from '../engine/node/build-campaign.ts';

describe('the campaign scenario', () => {
  it('is what npm run build:campaign composes from the four battles (it cannot drift from them)', () => {
    const committed = readFileSync(new URL('../scenarios/campaign.json', import.meta.url), 'utf8');
    expect(composeCampaign()).toBe(committed);
  });
});
