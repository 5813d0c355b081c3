// The lines settle in a quiet spell: each hex goes to the side whose units on the map are
// nearest, as at the start of a battle (control `nearestUnit`); ties keep their holder.
import { z } from 'zod';
import { type ControlChar, controlRows, joinCutOffUnits, nearestUnitFront } from '../control.ts';
import { log } from '../state-log.ts';
import type { GameState, Side } from '../types.ts';
import { entryBase, noted } from './base.ts';
import { type ScheduleContext, defineKind } from './kind.ts';

export const settleFront = defineKind({
  kind: 'settleFront',
  schema: z.strictObject({ ...entryBase, kind: z.literal('settleFront') }),
  resolve: (e, at) => ({ at, kind: 'settleFront' as const, note: e.note }),
  fire: (ctx, s, it) => settle(ctx, s, it.note),
});

function settle(ctx: ScheduleContext, s: GameState, note?: string): void {
  const units: { hex: number; side: Side }[] = [];
  for (const id in s.units) { // the front does not depend on the order
    const u = s.units[id];
    if (u.hex >= 0 && (u.status === 'active' || u.status === 'reserve')) units.push({ hex: u.hex, side: u.side });
  }
  const before = s.control.join('');
  const front = joinCutOffUnits(ctx.map, nearestUnitFront(ctx.map, units, (h) => before[h] as ControlChar), units, ctx.scenario.supplySources);
  const rows = controlRows(front, ctx.map.cols);
  let changed = 0;
  for (let h = 0; h < front.length; h++) if (front[h] !== before[h]) changed++;
  rows.forEach((row, r) => { if (s.control[r] !== row) s.control[r] = row; });
  log(s, { kind: 'front', text: `the lines settle: ${changed} ${changed === 1 ? 'hex changes' : 'hexes change'} hands, each to the side whose units are nearest${noted(note)}` });
}
