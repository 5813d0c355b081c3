// From `at`, `side` may not enter `hexes` (e.g. the abbey, kept out of the defences by agreement)
// until an enemy unit comes within `untilEnemyWithin` hexes of one of them; then the zone is
// lifted for good and logged.
import { z } from 'zod';
import { peek } from '../immer.ts';
import { hexDistance, hexLabel } from '../map.ts';
import { count, hexRef, side } from '../schema-parts.ts';
import { log } from '../state-log.ts';
import type { GameState } from '../types.ts';
import { entryBase, noted } from './base.ts';
import { type ScheduleContext, defineKind } from './kind.ts';

export const keepOut = defineKind({
  kind: 'keepOut',
  schema: z.strictObject({ ...entryBase, kind: z.literal('keepOut'), side, hexes: z.array(hexRef).min(1), untilEnemyWithin: count.max(10) }),
  resolve: (e, at, load, p) => ({
    at, kind: 'keepOut' as const, side: e.side, hexes: e.hexes.map((r, k) => load.hex(`${p}.hexes[${k}]`, r)), untilEnemyWithin: e.untilEnemyWithin, note: e.note,
  }),
  fire(ctx, s, it) {
    (s.keepOut ??= []).push({ side: it.side, hexes: it.hexes, untilEnemyWithin: it.untilEnemyWithin, ...(it.note ? { note: it.note } : {}) });
    const within = `${it.untilEnemyWithin} ${it.untilEnemyWithin === 1 ? 'hex' : 'hexes'}`;
    log(s, { kind: 'keepOut', side: it.side, text: `${it.side} units keep out of ${it.hexes.map((h) => hexLabel(ctx.map, h)).join(', ')} until the enemy comes within ${within}${noted(it.note)}` });
  },
});

/** Keep-out zones end for good once an enemy unit comes within their distance. */
export function liftKeepOuts(ctx: ScheduleContext, s: GameState): void {
  const zones = peek(s, 'keepOut');
  if (!zones?.length) return;
  const keep = zones.filter((k) => {
    const near = Object.values(s.units).find((u) => u.side !== k.side && (u.status === 'active' || u.status === 'reserve') && u.hex >= 0
      && k.hexes.some((h) => hexDistance(ctx.map, h, u.hex) <= k.untilEnemyWithin));
    if (!near) return true;
    log(s, { kind: 'keepOut', side: k.side, units: [near.id], text: `fighting reaches ${k.hexes.map((h) => hexLabel(ctx.map, h)).join(', ')} (${ctx.scenario.unitById[near.id].name}): ${k.side} units may now enter` });
    return false;
  });
  if (keep.length !== zones.length) s.keepOut = keep;
}
