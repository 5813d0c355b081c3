// Units made ready for a battle between battles: each listed unit still in being gets men up to
// `men` (never fewer), rests down to `fatigue` (never more) and up to `cohesion` (never less), and
// where it stands on `entrenchment.at` finds the positions prepared there to `entrenchment.level`.
import { z } from 'zod';
import { entrenchment, hexRef, id, men, percent } from '../schema-parts.ts';
import { log } from '../state-log.ts';
import type { GameState, UnitState } from '../types.ts';
import { entryBase, noted } from './base.ts';
import { defineKind } from './kind.ts';

interface Refit { men?: number; fatigue?: number; cohesion?: number; entrenchment?: { hex: number; level: number } }

export const refit = defineKind({
  kind: 'refit',
  schema: z.strictObject({
    ...entryBase, kind: z.literal('refit'),
    units: z.record(id, z.strictObject({ men: men.optional(), fatigue: percent.optional(), cohesion: percent.optional(), entrenchment: z.strictObject({ at: hexRef, level: entrenchment }).optional() })),
  }),
  resolve(e, at, load, p) {
    load.unitRefs(`${p}.units`, Object.keys(e.units));
    return {
      at, kind: 'refit' as const, note: e.note,
      units: Object.fromEntries(Object.entries(e.units).map(([u, r]): [string, Refit] => [u, {
        ...(r.men !== undefined ? { men: r.men } : {}), ...(r.fatigue !== undefined ? { fatigue: r.fatigue } : {}), ...(r.cohesion !== undefined ? { cohesion: r.cohesion } : {}),
        ...(r.entrenchment ? { entrenchment: { hex: load.hex(`${p}.units.${u}.entrenchment.at`, r.entrenchment.at), level: r.entrenchment.level } } : {}),
      }])),
    };
  },
  fire(_ctx, s, it) {
    // The men count as arrivals, so men stay accounted for. A destroyed unit is not raised again.
    const tally = { added: 0, rested: 0, dugIn: 0 };
    const refitted: string[] = [];
    for (const [uid, r] of Object.entries(it.units)) {
      const u = s.units[uid];
      if (u.status !== 'destroyed' && refitUnit(s, u, r, tally)) refitted.push(uid);
    }
    const { added, rested, dugIn } = tally;
    if (refitted.length) log(s, { kind: 'refit', units: refitted, text: `refit: ${added} men to ${refitted.length} units, ${rested} rested, ${dugIn} in prepared positions${noted(it.note)}`, data: { men: added, rested, dugIn } });
  },
});

/** Refits one unit (replacements, rest, prepared positions); whether anything changed. */
function refitUnit(s: GameState, u: UnitState, r: Refit, tally: { added: number; rested: number; dugIn: number }): boolean {
  let touched = false;
  if (r.men !== undefined && u.men < r.men) {
    s.arrivals[u.id] = (s.arrivals[u.id] ?? 0) + (r.men - u.men);
    tally.added += r.men - u.men;
    u.men = r.men;
    touched = true;
  }
  const tired = (r.fatigue !== undefined && u.fatigue > r.fatigue) || (r.cohesion !== undefined && u.cohesion < r.cohesion);
  if (r.fatigue !== undefined && u.fatigue > r.fatigue) u.fatigue = r.fatigue;
  if (r.cohesion !== undefined && u.cohesion < r.cohesion) u.cohesion = r.cohesion;
  if (tired) { tally.rested++; touched = true; }
  if (r.entrenchment && u.hex === r.entrenchment.hex && u.entrenchment < r.entrenchment.level) { u.entrenchment = r.entrenchment.level; tally.dugIn++; touched = true; }
  return touched;
}
