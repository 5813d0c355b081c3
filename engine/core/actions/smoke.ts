// A smoke screen on a hex: it hides the hex from the enemy's distant observers for the turn.
import { z } from 'zod';
import { hexIndex, side } from '../schema-parts.ts';
import { enemyOf } from '../types.ts';
import { ACCEPTED, defineAction, offMap } from './action.ts';

export const smoke = defineAction({
  type: 'smoke',
  schema: z.strictObject({ type: z.literal('smoke'), side, target: hexIndex }),
  phases: ['orders', 'combat'],
  check: (ctx, _state, a) => offMap(ctx, a.target) ?? ACCEPTED,
  apply(ctx, s, a) {
    const map = ctx.map;
    s.hexes[a.target] = { ...s.hexes[a.target], smoke: true };
    // The screen hides the hex from the enemy's distant observers at once, for the rest of the turn.
    const enemy = enemyOf(a.side);
    const near = [a.target, ...Array.from(map.neighbours.subarray(a.target * 6, a.target * 6 + 6)).filter((n) => n >= 0)];
    const watched = Object.values(s.units).some((u) => u.side === enemy && near.includes(u.hex) && u.status === 'active');
    const seen = s.observed[enemy];
    if (!watched && seen.charCodeAt(a.target) === 49) s.observed[enemy] = seen.slice(0, a.target) + '0' + seen.slice(a.target + 1);
  },
  hexes: (a) => [['target', a.target]],
  units: () => [],
  describe: (a, w) => `smoke on ${w.hex(a.target)}`,
});
