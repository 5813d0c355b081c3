// In contact after cover (movement.json enemyGround.inContactAfterCover): once a move has entered
// ground the enemy covers, every enemy-held hex it enters after counts against the 4 a turn,
// covered or not. The exploit hunter found the case on battle 4: the 3rd Welsh Guards, from
// Cassino station, through three covered hexes at the foot of Monastery Hill and six uncovered
// ones behind it, 2.5 km in one night, to Highway 6 behind the 1st Parachute Division.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadContext } from '../engine/node/files.ts';
import { GameSession, checkAction, hexIndex, occupancy, reachable } from '../engine/core/index.ts';
import { enemyGroundOf } from '../engine/core/models/pathfinding.ts';
import { overrideParamsAll } from '../engine/core/params.ts';
import type { EngineContext } from '../engine/core/context.ts';
import type { GameState } from '../engine/core/types.ts';

const on = loadContext('battle-4');
// The rule as it was before: the looser bound for uncovered ground even after covered ground.
const off: EngineContext = { ...on, params: overrideParamsAll(on.params, [{ set: { movement: { enemyGround: { inContactAfterCover: false } } }, path: 'set' }], 'off.json') };

function firstMovement(ctx: EngineContext): GameState {
  const ses = new GameSession(ctx, { seed: '1', seats: { allied: { kind: 'player', phases: new Set(['movement', 'combat']) } } });
  ses.advance();
  expect(ses.state.phase).toBe('movement');
  return ses.state;
}

describe('in contact after cover', () => {
  const path = ['62,59', '61,59', '60,59', '59,59', '58,59', '57,59', '57,60', '56,61', '55,61', '55,60', '54,59', '54,58', '53,58']
    .map((l) => { const [c, r] = l.split(',').map(Number); return hexIndex(on.map, c, r); });

  it('is a rule of the shipped model', () => {
    expect(on.params.movement.enemyGround.inContactAfterCover).toBe(true);
  });

  it('refuses the Guards\' march round Monastery Hill to Highway 6, which the looser bound let through', () => {
    const s = firstMovement(on);
    const guards = s.units['uk-3-welsh-gds'];
    expect(guards.hex).toBe(hexIndex(on.map, 63, 59));
    const to = path[path.length - 1];
    expect(checkAction(off, firstMovement(off), { type: 'move', unit: guards.id, to, path })).toBeNull();
    expect(checkAction(on, s, { type: 'move', unit: guards.id, to, path })).toMatch(/more than 4 hexes of ground the enemy holds and covers/);
  });

  it('never lets a reachable hex lie behind more than 4 enemy-held hexes entered after the first covered one', () => {
    const s = firstMovement(on);
    const p = on.params.movement.enemyGround;
    const covered = enemyGroundOf(s, 'allied');
    const held = enemyGroundOf(s, 'allied', true);
    const movers = Object.values(s.units).filter((u) => u.side === 'allied' && u.status === 'active' && u.mp > 0 && on.scenario.unitById[u.id].type !== 'artillery').map((u) => u.id).sort();
    fc.assert(fc.property(fc.constantFrom(...movers), fc.nat(), (id, pick) => {
      const u = s.units[id];
      const occ = occupancy(on.map, s);
      const reach = reachable(on.map, on.params.movement, s, u, on.scenario.unitById[id].type, occ);
      const room = on.params.movement.stackLimitMen.value;
      const far = reach.reached.filter((h) => reach.enemyHexesTo(h) > 0 && occ.men[h] + u.men <= room);
      if (far.length === 0) return;
      const to = far[pick % far.length];
      const route = reach.pathTo(to).slice(1);
      let inContact = false;
      let counted = 0;
      for (const h of route) {
        if (inContact) counted += held(h);
        else if (covered(h)) { inContact = true; counted = 1; }
      }
      expect(counted).toBeLessThanOrEqual(p.maxHexesPerTurn);
      // The reducer accepts what the search shows.
      expect(checkAction(on, s, { type: 'move', unit: id, to, path: route })).toBeNull();
    }), { numRuns: 40, seed: 7 });
  });
});
