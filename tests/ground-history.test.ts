// The ground keeps its history: each battle opens with the abbey and the town as the campaign,
// which bombs them by play, has them on the same date (the abbey in ruins after 15 February, the
// town's rubble after 15 March). A scenario's `ground` that names a hex bombing could not change
// is refused naming the entry.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadContext } from '../engine/node/files.ts';
import { GameSession, hexLabel, loadScenario, startGame, terrainAt } from '../engine/core/index.ts';
import type { GameState } from '../engine/core/types.ts';

const campaign = loadContext('campaign');
const map = campaign.map;
const watched: number[] = [];
for (let h = 0; h < map.size; h++) if (map.terrain[h] === 'town' || map.terrain[h] === 'abbey') watched.push(h);
const ground = (s: GameState) => Object.fromEntries(watched.map((h) => [hexLabel(map, h), terrainAt(map, s, h)]));

/** The campaign (seed 1) at the start of each battle's first turn: as the turn before it ends. */
function campaignAt(starts: number[]): Map<number, GameState> {
  const out = new Map<number, GameState>();
  const last = Math.max(...starts);
  const turns = Math.round((last - campaign.scenario.start) / 720);
  const ses = new GameSession(campaign, { seed: '1', turns, onTurnEnd: (s) => { if (starts.includes(s.time)) out.set(s.time, s); } });
  ses.advance();
  return out;
}

describe('the ground each battle opens on', () => {
  const battles = ['battle-2', 'battle-3', 'battle-4'].map((id) => loadContext(id));
  const at = campaignAt(battles.map((b) => b.scenario.start));

  it.each(battles.map((b) => [b.scenario.id, b] as const))('%s opens with the abbey and the town as the campaign has them that day', (_, ctx) => {
    const c = at.get(ctx.scenario.start);
    expect(c, 'the campaign reaches the battle\'s start').toBeDefined();
    expect(ground(startGame(ctx, '1'))).toEqual(ground(c!));
  });

  it('has the abbey in ruins from battle 3 and the town\'s rubble in battle 4', () => {
    const [b2, b3, b4] = battles.map((b) => ground(startGame(b, '1')));
    expect(b2['58,56']).toBe('abbey');
    expect(b3['58,56']).toBe('abbey-ruins');
    expect(Object.values(b3).filter((t) => t === 'rubble')).toHaveLength(0);
    expect(Object.values(b4).filter((t) => t === 'rubble').length).toBeGreaterThan(0);
  });

  it('refuses ground that bombing could not have made, naming the entry', () => {
    const skirmish = loadContext('test-skirmish');
    const raw = JSON.parse(readFileSync(new URL('../scenarios/test-skirmish.json', import.meta.url), 'utf8'));
    const h = skirmish.map.terrain.findIndex((t) => t !== 'town' && t !== 'sea');
    raw.ground = [{ hexes: [`@${hexLabel(skirmish.map, h)}`], terrain: 'rubble', source: 'test' }];
    expect(() => loadScenario(raw, 'test-skirmish.json', skirmish.map)).toThrow(new RegExp(`ground\\[0\\]\\.hexes\\[0\\]: hex "@${hexLabel(skirmish.map, h)}" is ${skirmish.map.terrain[h]} on the map: only town becomes rubble`));
  });
});
