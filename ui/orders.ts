// The player's orders besides moving and attacking: dig in, rest, relieve, release from reserve,
// missions (hold, assault, advance, withdraw, reserve), bridging, and on a target hex smoke and the
// side's planned air raids. Each order is an engine action; whether it is allowed now is the
// engine's checkAction, never a rule of the UI: a button is enabled only when the engine accepts
// the action, and its tooltip gives the engine's reason when not.
import { esc } from './dom.ts';
import {
  type Action, type EngineContext, type GameState, type Mission, type Side, checkAction, describeAction, fromMinutes, itemsInTurn,
} from '../engine/core/index.ts';
import { hexName, shortDate } from './describe.ts';

/** A mission that needs a hex: the player clicks it on the map after choosing the order. */
export type PickKind = 'assault' | 'advance' | 'withdraw';

export interface OrderChoice {
  id: string;
  label: string;
  /** Keyboard shortcut (upper case letter), shown on the button. */
  key?: string;
  /** The actions to apply, in order (several units dig in one by one). Empty for a pick. */
  actions: Action[];
  pick?: { kind: PickKind; units: string[] };
  /** Why the engine refuses it now, or null. */
  reason: string | null;
  /** What the order does, for the tooltip. */
  title: string;
}

/** Keyboard shortcuts of the orders, for the help overlay. */
export const ORDER_KEYS: Array<[string, string]> = [
  ['D', 'dig in (the selected units)'],
  ['R', 'rest'],
  ['L', 'relieve the selected unit with the first unit able to'],
  ['U', 'release from reserve'],
  ['B', 'engineers: bridge the river (first site offered)'],
  ['H', 'mission: hold where they stand'],
  ['A', 'mission: assault a hex (then click it)'],
  ['V', 'mission: advance on a hex (then click it)'],
  ['W', 'mission: withdraw to a hex (then click it)'],
];

const name = (ctx: EngineContext, id: string) => ctx.scenario.unitById[id]?.name ?? id;

/** One action per unit; legal when the engine accepts it for at least one (those it refuses are left out). */
function perUnit(ctx: EngineContext, s: GameState, ids: string[], make: (id: string) => Action): { actions: Action[]; reason: string | null } {
  const actions: Action[] = [];
  let reason: string | null = null;
  for (const id of ids) {
    const a = make(id);
    const r = checkAction(ctx, s, a);
    if (r === null) actions.push(a);
    else reason ??= ids.length > 1 ? `${name(ctx, id)}: ${r}` : r;
  }
  return { actions, reason: actions.length ? null : reason ?? 'no unit selected' };
}

function single(ctx: EngineContext, s: GameState, a: Action): { actions: Action[]; reason: string | null } {
  const r = checkAction(ctx, s, a);
  return { actions: r === null ? [a] : [], reason: r };
}

export function missionAction(kind: PickKind, units: string[], hex: number): Action {
  const mission: Mission = kind === 'withdraw' ? { kind, to: hex } : { kind, objective: hex };
  return { type: 'setMission', units, mission };
}

/** The orders the player may give the selected units of `side` (own, on the map). */
export function unitOrders(ctx: EngineContext, s: GameState, side: Side, selected: string[]): OrderChoice[] {
  const mine = selected.filter((id) => s.units[id]?.side === side && s.units[id].hex >= 0);
  if (!mine.length) return [];
  const first = s.units[mine[0]];
  const out: OrderChoice[] = [];
  const several = mine.length > 1 ? ` (${mine.length} units)` : '';
  out.push({ id: 'digIn', label: `Dig in${several}`, key: 'D', ...perUnit(ctx, s, mine, (unit) => ({ type: 'digIn', unit })), title: 'Stop and improve the positions: the unit spends the rest of its movement digging in (entrenchment grows in the recovery phase).' });
  out.push({ id: 'rest', label: `Rest${several}`, key: 'R', ...perUnit(ctx, s, mine, (unit) => ({ type: 'rest', unit })), title: 'Stand down for the turn to recover from fatigue and regain cohesion.' });
  const reserve = mine.filter((id) => s.units[id].status === 'reserve');
  if (reserve.length) {
    out.push({ id: 'release', label: `Release from reserve${reserve.length > 1 ? ` (${reserve.length})` : ''}`, key: 'U', ...single(ctx, s, { type: 'releaseReserve', units: reserve }), title: 'Commit the reserve: it becomes active and can move and fight.' });
  }
  // Relief: by a unit of the same side in or next to the hex, as far as the engine allows.
  if (mine.length === 1) {
    const near = new Set([first.hex, ...ctx.map.neighbours.subarray(first.hex * 6, first.hex * 6 + 6)]);
    const candidates = Object.values(s.units).filter((u) => u.id !== first.id && u.side === side && near.has(u.hex)).map((u) => u.id).sort();
    const relievers = candidates.filter((by) => checkAction(ctx, s, { type: 'relieve', unit: first.id, by }) === null);
    if (relievers.length) {
      relievers.slice(0, 4).forEach((by, i) => out.push({
        id: `relieve:${by}`, label: `Relieve with ${name(ctx, by)}`, ...(i === 0 ? { key: 'L' } : {}), actions: [{ type: 'relieve', unit: first.id, by }], reason: null,
        title: `${name(ctx, by)} takes over the position (and its mission); this unit goes to rest in reserve.`,
      }));
    } else {
      // With nobody to take over, the engine's refusal of the phase or the unit still comes first.
      const self = checkAction(ctx, s, { type: 'relieve', unit: first.id, by: first.id });
      const reason = candidates.length ? checkAction(ctx, s, { type: 'relieve', unit: first.id, by: candidates[0] })
        : self === 'a unit cannot relieve itself' ? 'no other unit of yours is in or next to this hex' : self;
      out.push({ id: 'relieve', label: 'Relieve…', key: 'L', actions: [], reason, title: 'Another unit in or next to the hex takes over the position.' });
    }
  }
  // Bridging: engineers, towards each neighbouring hex across a river where the engine allows it.
  if (mine.length === 1 && ctx.scenario.unitById[first.id]?.type === 'engineer') {
    const sites = [...ctx.map.neighbours.subarray(first.hex * 6, first.hex * 6 + 6)].filter((n, d) => n >= 0 && ctx.map.river[first.hex * 6 + d]);
    const legal = sites.filter((toward) => checkAction(ctx, s, { type: 'buildBridge', unit: first.id, toward }) === null);
    if (legal.length) {
      legal.forEach((toward, i) => out.push({
        id: `bridge:${toward}`, label: `Bridge toward ${hexName(ctx, toward)}`, ...(i === 0 ? { key: 'B' } : {}), actions: [{ type: 'buildBridge', unit: first.id, toward }], reason: null,
        title: 'Start or carry on building a bridge across the river to that hex (takes the engineers\' movement).',
      }));
    } else {
      const why = sites.length ? checkAction(ctx, s, { type: 'buildBridge', unit: first.id, toward: sites[0] }) : 'no river next to the engineers';
      out.push({ id: 'bridge', label: 'Build a bridge', key: 'B', actions: [], reason: why, title: 'Engineers next to a river bridge it toward a bank your side holds.' });
    }
  }
  // Missions: checked with the unit's own hex until the player picks the real one.
  const hold = single(ctx, s, { type: 'setMission', units: mine, mission: { kind: 'hold', hex: first.hex } });
  out.push({ id: 'hold', label: 'Hold here', key: 'H', ...hold, title: 'Standing order: hold this hex (carried out by the plan AI when "plan runs my other units" is ticked).' });
  const pickReason = checkAction(ctx, s, missionAction('assault', mine, first.hex));
  const pick = (kind: PickKind, label: string, key: string, title: string): OrderChoice => ({ id: kind, label, key, actions: [], pick: { kind, units: mine }, reason: pickReason, title });
  out.push(pick('assault', 'Assault…', 'A', 'Standing order: assault a hex — click it on the map next.'));
  out.push(pick('advance', 'Advance on…', 'V', 'Standing order: advance towards a hex — click it on the map next.'));
  out.push(pick('withdraw', 'Withdraw to…', 'W', 'Standing order: fall back to a hex — click it on the map next.'));
  out.push({ id: 'reserve', label: 'Go into reserve', ...single(ctx, s, { type: 'setMission', units: mine, mission: { kind: 'reserve' } }), title: 'Standing order: stay back as a reserve.' });
  return out;
}

/**
 * Orders on a hex: smoke, and the side's air raids planned for this turn (their aircraft and
 * bomb loads from the scenario's plan), which the player may send to this hex instead.
 * `flown`: raids already flown this turn, recognised by their log entries.
 */
export function hexOrders(ctx: EngineContext, s: GameState, side: Side, hex: number): OrderChoice[] {
  const out: OrderChoice[] = [];
  out.push({ id: 'smoke', label: 'Smoke this hex', ...single(ctx, s, { type: 'smoke', side, target: hex }), title: 'A smoke screen hides the hex from the enemy\'s distant observers for the rest of the turn.' });
  const flown = s.log.filter((e) => e.kind === 'airStrike' && e.turn === s.turn && e.side === side);
  for (const it of itemsInTurn(ctx, s.time, s)) {
    if (it.kind !== 'airStrike' || it.side !== side) continue;
    const done = flown.some((e) => e.data?.aircraft === it.aircraft && e.data?.tonnage === it.tonnage);
    const a: Action = { type: 'airStrike', side, target: hex, radius: it.radius, aircraft: it.aircraft, tonnage: it.tonnage, accuracy: it.accuracy, label: it.label };
    const chk = single(ctx, s, a);
    out.push({
      id: `air:${it.at}`, label: `Air strike: ${it.label ?? 'planned raid'}`, ...chk, reason: done ? 'this raid has already flown this turn' : chk.reason, actions: done ? [] : chk.actions,
      title: `${it.aircraft} aircraft, ${it.tonnage} t, ${Math.round(it.accuracy * 100)}% on target; planned for ${shortDate(fromMinutes(it.at))} on ${hexName(ctx, it.target)}.`,
    });
  }
  return out;
}

/** Buttons of the orders; `data-order` is the index in `choices`. */
export function ordersHtml(choices: OrderChoice[], title: string): string {
  if (!choices.length) return '';
  return `<h3>${esc(title)}</h3><div class="orders">${choices.map((c, i) => {
    const tip = c.reason ? `Not now: ${c.reason}` : c.title;
    return `<button class="small" data-order="${i}"${c.reason ? ' disabled' : ''} title="${esc(tip)}">${esc(c.label)}${c.key ? ` <kbd>${c.key}</kbd>` : ''}</button>`;
  }).join('')}</div>${choices.some((c) => c.reason) ? '<p class="muted small-print">Greyed orders are refused by the engine now; hover for its reason.</p>' : ''}`;
}

/** The order a key stands for, among the choices shown. */
export function orderForKey(choices: OrderChoice[], key: string): OrderChoice | undefined {
  return choices.find((c) => c.key === key.toUpperCase());
}

/** A line for the log of the player's orders. */
export function orderText(ctx: EngineContext, a: Action): string {
  return describeAction(a, { unit: (id) => name(ctx, id), hex: (h) => hexName(ctx, h) });
}

export interface JournalEntry { turn: number; at: string; text: string; rejected?: string }

/** The player's orders as the log shows them: what was ordered and whether the engine took it. */
export function journalHtml(entries: JournalEntry[]): string {
  if (!entries.length) return '';
  return `<h3>Your orders</h3>${entries.slice(-30).reverse().map((e) => `<div class="log-entry kind-order${e.rejected ? ' rejected' : ''}"><div class="when">Turn ${e.turn + 1} · ${shortDate(e.at)} · ${e.rejected ? 'refused' : 'order'}</div>${esc(e.text)}${e.rejected ? ` — <b>refused</b>: ${esc(e.rejected)}` : ''}</div>`).join('')}<h3>Events</h3>`;
}

