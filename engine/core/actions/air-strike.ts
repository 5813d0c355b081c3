// Bombers drop their tonnage around a target: losses among the men there, and wrecked ground.
import { z } from 'zod';
import { original } from '../immer.ts';
import { unitsInHex } from '../attack.ts';
import type { EngineContext } from '../context.ts';
import { hexLabel } from '../map.ts';
import { bombCasualties, bombFall, bombedTerrain, collapseCasualties } from '../models/fire.ts';
import { terrainAt } from '../models/movement.ts';
import { keyedUniform } from '../rng.ts';
import { aircraft, hexIndex, probability, radius, side, tonnage } from '../schema-parts.ts';
import { log } from '../state-log.ts';
import type { GameState } from '../types.ts';
import { ACCEPTED, defineAction, offMap, spreadLosses } from './action.ts';

const schema = z.strictObject({
  type: z.literal('airStrike'), side, target: hexIndex, radius: radius.optional(), aircraft, tonnage, accuracy: probability, label: z.string().optional(),
});
type AirStrike = z.infer<typeof schema>;

export const airStrike = defineAction({
  type: 'airStrike',
  schema,
  phases: ['orders', 'combat'],
  check(ctx, state, a) {
    const off = offMap(ctx, a.target);
    if (off) return off;
    if (!state.weather.air) return `no air operations possible (${state.weather.condition}${state.weather.visibility < 50 ? ', poor visibility' : ''})`;
    if (a.tonnage <= 0 || a.aircraft <= 0) return 'an air strike needs aircraft and tonnage';
    if (a.accuracy < 0 || a.accuracy > 1) return 'accuracy is a share from 0 to 1';
    return ACCEPTED;
  },
  apply: (ctx, s, a) => strike(ctx, s, a),
  hexes: (a) => [['target', a.target]],
  units: () => [],
  describe: (a, w) => `${a.label ?? 'air strike'} on ${w.hex(a.target)}`,
});

function strike(ctx: EngineContext, s: GameState, a: AirStrike): void {
  const fall = bombFall(ctx.map, ctx.params.fire, a.target, a.radius ?? 0, a.tonnage, a.accuracy);
  const u = keyedUniform(s.rng, 'air', `t${s.turn}/h${a.target}/${a.label ?? ''}`);
  const losses: Record<string, number> = {};
  let total = 0;
  let ruined = 0;
  // Who is in each hex is read from the frozen state (searching a draft is slow); no unit moves here.
  const base = original(s) as GameState;
  for (const [h, tons] of [...fall.entries()].sort((x, y) => x[0] - y[0])) {
    const units = unitsInHex(base, h).map((x) => s.units[x.id]);
    const men = units.reduce((acc, x) => acc + x.men, 0);
    const before = terrainAt(ctx.map, s, h);
    if (men > 0) {
      const entrench = Math.max(...units.map((x) => x.entrenchment));
      const hit = bombCasualties(ctx.params.fire, tons, men, entrench, u);
      const lost = hit + collapseCasualties(ctx.params.fire, before, tons, men - hit);
      for (const [id, n] of Object.entries(spreadLosses(s, units, lost))) losses[id] = (losses[id] ?? 0) + n;
      total += lost;
    }
    const after = bombedTerrain(ctx.params.fire, before, tons);
    if (after) {
      s.hexes[h] = { ...s.hexes[h], terrain: after };
      ruined++;
    }
  }
  log(s, {
    kind: 'airStrike', side: a.side, hex: a.target, losses,
    text: `${a.label ?? 'air strike'}: ${a.aircraft} aircraft, ${a.tonnage} t on ${hexLabel(ctx.map, a.target)}; ${total} ${total === 1 ? 'man' : 'men'} lost, ${ruined} ${ruined === 1 ? 'hex' : 'hexes'} wrecked`,
    data: { aircraft: a.aircraft, tonnage: a.tonnage, lost: total, ruined },
  });
}
