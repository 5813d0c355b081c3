// A planned air strike: aircraft and tonnage on a target area (issued by the plan controller).
import { z } from 'zod';
import { aircraft, hexRef, probability, radius, side, tonnage } from '../schema-parts.ts';
import { entryBase } from './base.ts';
import { defineKind } from './kind.ts';

export const airStrike = defineKind({
  kind: 'airStrike',
  schema: z.strictObject({
    ...entryBase, kind: z.literal('airStrike'), side, target: hexRef, aircraft, tonnage, accuracy: probability,
    /** Radius in hexes of the target area (0: the target hex alone). */
    radius: radius.optional(),
    label: z.string().optional(),
  }),
  resolve: (e, at, load, p) => ({
    at, kind: 'airStrike' as const, side: e.side, target: load.hex(`${p}.target`, e.target), radius: e.radius ?? 0, aircraft: e.aircraft,
    tonnage: e.tonnage, accuracy: e.accuracy, label: e.label, note: e.note,
  }),
  plan: {
    phase: 'orders',
    *actions(_ctx, _now, side, it) {
      if (it.side !== side) return;
      yield { type: 'airStrike', side, target: it.target, radius: it.radius, aircraft: it.aircraft, tonnage: it.tonnage, accuracy: it.accuracy, label: it.label };
    },
  },
});
