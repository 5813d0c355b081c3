// Words for what the engine reports: hexes with their place names, missions, log events with the
// units' historical names and losses, dates with day or night. Presentation only: every number
// shown here was computed by the engine.
import {
  type EngineContext, type GameState, type LogEvent, type Mission, type Side, dateOf, formatRatio, fromMinutes, fullLog, hexDistance,
  hexLabel, isNightTurn, toMinutes, turnStart,
} from '../engine/core/index.ts';
import { onPlace, placeName } from './places.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];

/** "Sat 22 Jan 1944 06:00" for minutes since 1970 local. */
export function longDate(t: number): string {
  const iso = fromMinutes(t);
  const days = Math.floor(t / 1440);
  const wd = WEEKDAYS[((days % 7) + 7) % 7];
  return `${wd} ${+iso.slice(8, 10)} ${MONTHS[+iso.slice(5, 7) - 1]} ${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

export function shortDate(iso: string): string {
  return `${+iso.slice(8, 10)} ${MONTHS[+iso.slice(5, 7) - 1]} ${iso.slice(11, 16)}`;
}

export const dayOrNight = (t: number): 'night' | 'day' => (isNightTurn(t) ? 'night' : 'day');

export function sideName(side: Side): string { return side === 'allied' ? 'Allied' : 'German'; }

const placeCache = new WeakMap<object, Map<number, string>>();

/** The place at a hex, or "near <place>" within two hexes, or "". */
export function placeAt(ctx: EngineContext, h: number): string {
  let byHex = placeCache.get(ctx.map);
  if (!byHex) {
    byHex = new Map();
    for (const p of ctx.map.data.places) byHex.set(p.row * ctx.map.cols + p.col, p.name);
    placeCache.set(ctx.map, byHex);
  }
  const at = byHex.get(h);
  if (at) return at;
  let best = '';
  let bestD = 3;
  for (const [ph, name] of byHex) {
    const d = hexDistance(ctx.map, h, ph);
    if (d < bestD) { bestD = d; best = name; }
  }
  return best ? `near ${best.replace(/ \(.*\)$/, '')}` : '';
}

/** A hex by its place name (the place, near one, or distance and bearing from one): never raw coordinates. */
export function hexName(ctx: EngineContext, h: number): string {
  return placeName(ctx, h);
}

export function missionText(ctx: EngineContext, m: Mission | undefined): string {
  if (!m) return 'none (holds where it stands)';
  switch (m.kind) {
    case 'hold': return m.hex !== undefined ? `hold ${hexName(ctx, m.hex)}` : 'hold its ground';
    case 'assault': return `assault ${hexName(ctx, m.objective)}${m.until !== undefined ? ` until ${shortDate(fromMinutes(m.until))}` : ''}${m.fireSupport === false ? ', without fire support' : ''}`;
    case 'advance': return `advance on ${hexName(ctx, m.objective)}`;
    case 'reserve': return 'in reserve';
    case 'support': return `fire in support on ${hexName(ctx, m.target)}`;
    case 'withdraw': return `withdraw to ${hexName(ctx, m.to)}`;
    case 'bridge': return `bridge the river at ${hexName(ctx, m.site)}`;
  }
}

export const ENTRENCHMENT = ['none', 'hasty', 'prepared', 'fortified'];

/**
 * Why a unit will not assault a hex again (the hopeless-odds rule, engine/core/repulse.ts), in the
 * unit's words, or "" when it is free to: where and when it was thrown back, at what odds, and what
 * lets it go in again.
 */
export function repulsedText(ctx: EngineContext, s: GameState, id: string): string {
  const r = s.units[id]?.repulsed;
  if (!r) return '';
  const when = shortDate(fromMinutes(turnStart(ctx.scenario.start, r.turn)));
  return `thrown back from ${hexName(ctx, r.hex)} on ${when} at odds of ${formatRatio(r.ratio)} (below ${formatRatio(ctx.params.combat.hopelessOdds.ratio)}): `
    + 'it goes in there again only with new fire or fresh troops raising the odds, or on a new order';
}

const unitShort = (ctx: EngineContext, id: string) => ctx.scenario.unitById[id]?.name ?? id;

/** A log event as one readable line: names instead of ids, losses per unit, conditions. */
export function eventText(ctx: EngineContext, e: LogEvent): string {
  const where = e.hex !== undefined && e.hex >= 0 ? placeName(ctx, e.hex) : '';
  if (e.kind === 'combat' && e.data) {
    const d = e.data;
    const side = e.side ? sideName(e.side) : '';
    const losses = e.losses ?? {};
    const attackers = (e.units ?? []).filter((id) => ctx.scenario.unitById[id]?.side === e.side);
    const defenders = (e.units ?? []).filter((id) => ctx.scenario.unitById[id]?.side !== e.side);
    const list = (ids: string[]) => ids.map((id) => `${unitShort(ctx, id)}${losses[id] ? ` −${losses[id]}` : ''}`).join(', ');
    const cond = [d.night ? 'at night' : '', d.river && d.river !== 'none' ? `across a ${d.river} river` : ''].filter(Boolean).join(', ');
    const outcome = d.won ? 'succeeds' : 'fails';
    return `${side} attack ${onPlace(where)} ${outcome}${d.ratio !== undefined ? ` at odds ${formatRatio(Number(d.ratio))} : 1` : ''}${cond ? `, ${cond}` : ''}. Attackers: ${list(attackers) || '—'}. Defenders: ${list(defenders) || '—'}.`;
  }
  let text = e.text;
  if (where && e.hex !== undefined) text = text.replace(new RegExp(`(hex )?\\b${hexLabel(ctx.map, e.hex)}\\b`), where);
  const lost = Object.entries(e.losses ?? {}).filter(([, n]) => n > 0);
  if (lost.length && e.kind !== 'combat') text += ` — ${lost.map(([id, n]) => `${unitShort(ctx, id)} −${n}`).join(', ')}`;
  return text;
}

/** Cumulative men lost per side at the end of each turn 0..turns-1, from the log. */
export function lossesByTurn(ctx: EngineContext, s: GameState, turns: number, key: (unit: string) => string | undefined): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const e of fullLog(s)) {
    if (!e.losses) continue;
    for (const [id, n] of Object.entries(e.losses)) {
      const k = key(id);
      if (!k) continue;
      let row = out.get(k);
      if (!row) { row = new Array(turns).fill(0); out.set(k, row); }
      if (e.turn < turns) row[e.turn] += n;
    }
  }
  for (const row of out.values()) for (let i = 1; i < row.length; i++) row[i] += row[i - 1];
  return out;
}

export function daysBetween(a: string, b: string): number {
  return (toMinutes(b.length === 10 ? `${b}T00:00` : b) - toMinutes(a.length === 10 ? `${a}T00:00` : a)) / 1440;
}

export { dateOf };
