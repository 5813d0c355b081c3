// Enemy ground: ground the enemy holds is crossed in contact, not marched. A unit may enter at most
// movement.enemyGround.maxHexesPerTurn enemy-held hexes a turn (entering any ends its move), the
// front it is measured from is the one the movement phase began with (one unit cannot carry the
// next), and the reachable area the UI shows is exactly what the reducer accepts.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadContext } from '../engine/node/files.ts';
import { GameSession, checkAction, controlOf, hexDistance, hexIndex, occupancy, reachable } from '../engine/core/index.ts';
import { applyAction } from '../engine/core/engine.ts';
import type { GameState } from '../engine/core/types.ts';
import type { EngineContext } from '../engine/core/context.ts';

const battle2 = loadContext('battle-2');
const MAX = battle2.params.movement.enemyGround.maxHexesPerTurn;
const MAX_HELD = battle2.params.movement.enemyGround.maxHeldHexesPerTurn;

/** Battle 2 at the Allied player's first movement phase, as the browser's "Play Allies" has it. */
function firstMovement(ctx: EngineContext): GameState {
  const ses = new GameSession(ctx, { seed: '1', seats: { allied: { kind: 'player', phases: new Set(['movement', 'combat']) } } });
  ses.advance();
  expect(ses.state.phase).toBe('movement');
  return ses.state;
}
const s0 = firstMovement(battle2);
const allied = Object.values(s0.units).filter((u) => u.side === 'allied' && u.status === 'active' && u.mp > 0 && battle2.scenario.unitById[u.id].type !== 'artillery').map((u) => u.id).sort();

/** Fewest hexes from h to ground that was not enemy ground to `side` as the phase began. */
function depthBehind(ctx: EngineContext, s: GameState, side: 'allied' | 'german', h: number): number {
  const enemy = side === 'allied' ? 'G' : 'A';
  let best = Infinity;
  for (let x = 0; x < ctx.map.size; x++) if (controlOf({ control: s.frontAtMove! }, x) !== enemy) best = Math.min(best, hexDistance(ctx.map, x, h));
  return best;
}

describe('enemy ground', () => {
  it('refuses the 9 km march of the 1/2nd Gurkhas behind the Gustav Line on turn 1, saying why', () => {
    const r = checkAction(battle2, s0, { type: 'move', unit: 'in-1-2-gurkha', to: hexIndex(battle2.map, 50, 94) });
    expect(r).toMatch(/^hex 50,94 lies behind \d+ hexes of (ground the enemy holds and covers: a unit may enter at most 4|enemy-held ground: a unit may enter at most 12) a turn, and entering enemy ground ends its move$/);
  });

  it('shows as reachable only hexes within the depth of enemy ground, and the reducer accepts every one', () => {
    const u = s0.units['in-1-2-gurkha'];
    const reach = reachable(battle2.map, battle2.params.movement, s0, u, 'infantry', occupancy(battle2.map, s0));
    const hexes = reach.reached.filter((h) => h !== u.hex);
    for (const h of hexes) expect(reach.enemyHexesTo(h)).toBeLessThanOrEqual(MAX_HELD);
    // A sample of the area, spread over it (checking all of it is a search per hex).
    for (let i = 0; i < hexes.length; i += 37) expect(checkAction(battle2, s0, { type: 'move', unit: u.id, to: hexes[i] })).toBeNull();
    expect(hexes.some((h) => controlOf(s0, h) === 'G')).toBe(true);
  });

  it('ends the move of a unit that entered enemy ground and hands it the hexes it passed', () => {
    const u = s0.units['in-1-2-gurkha'];
    const reach = reachable(battle2.map, battle2.params.movement, s0, u, 'infantry', occupancy(battle2.map, s0));
    const into = reach.reached.find((h) => controlOf(s0, h) === 'G')!;
    const r = applyAction(battle2, s0, { type: 'move', unit: u.id, to: into });
    expect(r.ok).toBe(true);
    const s1 = (r as { value: GameState }).value;
    expect(s1.units[u.id].mp).toBe(0);
    expect(controlOf(s1, into)).toBe('A');
  });

  it('holds for any unit, any destination and a second unit passing through the first (property)', () => {
    fc.assert(fc.property(
      fc.constantFrom(...allied), fc.constantFrom(...allied), fc.integer({ min: 0, max: battle2.map.size - 1 }), fc.integer({ min: 0, max: battle2.map.size - 1 }),
      (a, b, toA, toB) => {
        let s = s0;
        for (const [id, k] of [[a, toA], [b, toB]] as const) {
          // Half the time a hex the unit can reach (the adversary's pick), else anywhere.
          const u = s.units[id];
          const reach = reachable(battle2.map, battle2.params.movement, s, u, battle2.scenario.unitById[id].type, occupancy(battle2.map, s)).reached;
          const to = k % 2 ? reach[k % reach.length] : k;
          const r = applyAction(battle2, s, { type: 'move', unit: id, to });
          if (!r.ok) continue;
          s = r.value;
          const moved = s.units[id];
          if (controlOf({ control: s.frontAtMove! }, to) === 'G') expect(moved.mp).toBe(0);
          // Enemy ground is ground the enemy held and covered: within coverHexes of its units.
          expect(depthBehind(battle2, s, 'allied', moved.hex)).toBeLessThanOrEqual(MAX);
        }
      },
    ), { numRuns: 40, seed: 20 });
  });
});
