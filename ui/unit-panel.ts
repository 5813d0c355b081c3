// The Unit tab: the selected unit (formation, strength, condition, mission, the source of its
// figures, the stack it stands in) with the orders the engine accepts for it, the attack form and
// the smoke-and-air form of a hex, or the scenario's summary when nothing is selected. It only
// draws: its buttons are handled by ui/input/controls.ts (data-order, data-unit, data-do).
import {
  type EngineContext, type GameState, type Side, type UnitState, checkAction, gunsAllowed, holderOf, terrainAt,
  unitFormations, unitsInHex,
} from '../engine/core/index.ts';
import { app, offerOrders, playerTurn } from './app-state.ts';
import { attackPreviewHtml } from './attack-preview.ts';
import { ENTRENCHMENT, hexName, longDate, missionText, repulsedText, sideName } from './describe.ts';
import { $, esc } from './dom.ts';
import { type OrderChoice, hexOrders, ordersHtml, unitOrders } from './orders.ts';
import { TERRAIN_LABEL } from './style-map.ts';
import { symbolDataUrl } from './symbols.ts';

const meter = (v: number, good: 'high' | 'low') => {
  const q = good === 'high' ? v / 100 : 1 - v / 100;
  const c = q > 0.66 ? '#2e9d57' : q > 0.33 ? '#d4a017' : '#c0392b';
  return `<span class="meter"><i style="width:${Math.max(0, Math.min(100, v))}%;background:${c}"></i></span>${v}%`;
};

export function renderUnitPanel(): void {
  const el = $('tab-unit');
  const ctx = app.ctx;
  const s = app.state;
  if (!ctx || !s) { el.innerHTML = '<p class="muted">No scenario loaded.</p>'; return; }
  const formHex = app.attackTarget ?? app.orderHex;
  // The orders of an open form are those of its hex; else those of the selection.
  const formOrders = formHex !== null ? hexOrders(ctx, s, app.side, formHex) : [];
  let html = '';
  if (app.attackTarget !== null) html += attackForm(ctx, s, app.attackTarget, formOrders);
  else if (app.orderHex !== null) html += hexOrderForm(ctx, s, app.orderHex, formOrders);
  const id = app.selected[0];
  const unitOrdersNow = formHex === null && id && playerTurn() ? unitOrders(ctx, s, app.side, app.selected) : [];
  offerOrders(!playerTurn() ? [] : formHex !== null ? formOrders : unitOrdersNow);
  if (!id) { el.innerHTML = html + scenarioSummary(ctx, s); return; }
  html += unitHead(ctx, s, id);
  if (app.selected.length > 1) html += `<p><b>${app.selected.length} units selected</b> (Shift+click to add or remove)</p>`;
  if (formHex === null) html += ordersHtml(app.orders, 'Orders');
  if (app.pick) html += `<p class="pick-hint">Click the hex to ${pickVerb(app.pick.kind)} (<kbd>Esc</kbd> cancels).</p>`;
  html += formationTable(ctx, id) + strengthTable(ctx, s, id) + conditionTable(ctx, s, id);
  html += `<h3>Source</h3><div class="source">${esc(ctx.scenario.unitById[id].source)}</div>`;
  el.innerHTML = html + stackList(ctx, s, id);
}

/** What a mission waiting for its hex does there. */
export function pickVerb(kind: 'withdraw' | 'advance' | 'assault'): string {
  return kind === 'withdraw' ? 'withdraw to' : kind === 'advance' ? 'advance on' : 'assault';
}

function unitHead(ctx: EngineContext, s: GameState, id: string): string {
  const def = ctx.scenario.unitById[id];
  const u = s.units[id];
  const friend = app.mode === 'play' ? u.side === app.side : u.side === 'allied';
  return `<div class="unit-head"><img alt="" src="${symbolDataUrl(def.type, def.size, u.side, friend)}"><div><h2>${esc(def.name)}</h2>`
    + `<div><span class="side-${u.side}">${sideName(u.side)}</span> · ${esc(def.nation)} ${def.type} ${def.size}</div><div class="muted">${esc(id)}</div></div></div>`;
}

function formationTable(ctx: EngineContext, id: string): string {
  const sc = ctx.scenario;
  const chain = unitFormations(sc, id).map((f) => sc.formationById[f]);
  const at = (level: string) => chain.find((f) => f.level === level);
  const division = at('division');
  const corps = at('corps');
  const army = at('army');
  const immediate = chain[0];
  let html = '<h3>Formation</h3><table class="kv">';
  if (immediate && immediate !== division && immediate !== corps && immediate !== army) html += `<tr><td>${esc(immediate.level)}</td><td>${esc(immediate.name)}</td></tr>`;
  html += `<tr><td>Division</td><td>${division ? esc(division.name) : '<span class="muted">— (corps or army troops)</span>'}</td></tr>`;
  html += `<tr><td>Corps</td><td>${corps ? esc(corps.name) + (corps.commander ? ` <span class="muted">(${esc(corps.commander)})</span>` : '') : '—'}</td></tr>`;
  html += `<tr><td>Army</td><td>${army ? esc(army.name) + (army.commander ? ` <span class="muted">(${esc(army.commander)})</span>` : '') : '—'}</td></tr></table>`;
  return html;
}

function strengthTable(ctx: EngineContext, s: GameState, id: string): string {
  const def = ctx.scenario.unitById[id];
  const u = s.units[id];
  const lost = s.losses[id] ?? 0;
  return '<h3>Strength</h3><table class="kv">'
    + `<tr><td>Men</td><td><b>${u.men}</b> <span class="muted">of ${def.men} at the start${lost ? `; ${lost} lost` : ''}</span></td></tr>`
    + (def.guns || u.guns ? `<tr><td>Guns</td><td>${u.guns} <span class="muted">of ${def.guns}</span></td></tr>` : '')
    + (def.tanks || u.tanks ? `<tr><td>Tanks</td><td>${u.tanks} <span class="muted">of ${def.tanks}</span></td></tr>` : '')
    + `<tr><td>Quality</td><td>${def.quality}</td></tr></table>`;
}

function conditionTable(ctx: EngineContext, s: GameState, id: string): string {
  const u = s.units[id];
  return '<h3>Condition</h3><table class="kv">'
    + `<tr><td>Fatigue</td><td>${meter(u.fatigue, 'low')}</td></tr>`
    + `<tr><td>Cohesion</td><td>${meter(u.cohesion, 'high')}</td></tr>`
    + `<tr><td>Supply</td><td>${meter(u.supply, 'high')}</td></tr>`
    + `<tr><td>Entrenchment</td><td>${ENTRENCHMENT[u.entrenchment] ?? u.entrenchment} (${u.entrenchment}/3)</td></tr>`
    + `<tr><td>Posture</td><td>${u.posture}${u.attacked ? ', has attacked this turn' : ''}${u.fired ? `, fired ${u.fired}×` : ''}</td></tr>`
    + `<tr><td>Movement left</td><td>${(u.mp / 100).toFixed(1)} h</td></tr>`
    + `<tr><td>Status</td><td>${u.status}</td></tr>`
    + `<tr><td>Position</td><td>${u.hex >= 0 ? `${esc(hexName(ctx, u.hex))}, ${esc(TERRAIN_LABEL[terrainAt(ctx.map, s, u.hex)])}, ${ctx.map.elevation[u.hex]} m` : 'off the map'}</td></tr>`
    + `<tr><td>Mission</td><td>${esc(missionText(ctx, s.missions[id]))}</td></tr>`
    + (u.repulsed ? `<tr><td>Gone to ground</td><td>${esc(repulsedText(ctx, s, id))}</td></tr>` : '')
    + '</table>';
}

/** The other units in the selected unit's hex, as buttons that select them. */
function stackList(ctx: EngineContext, s: GameState, id: string): string {
  const u = s.units[id];
  if (u.hex < 0) return '';
  const stack = unitsInHex(s, u.hex);
  if (stack.length <= 1) return '';
  const sc = ctx.scenario;
  return `<h3>In this hex (${stack.length})</h3><div class="stack">${stack.map((x) => `<button data-unit="${esc(x.id)}" class="${x.id === id ? 'active' : ''}">${esc(sc.unitById[x.id].name)} · ${x.men} men</button>`).join('')}</div>`;
}

function scenarioSummary(ctx: EngineContext, s: GameState): string {
  const sc = ctx.scenario;
  const count = (side: Side) => Object.values(s.units).filter((u) => u.side === side && u.hex >= 0 && (u.status === 'active' || u.status === 'reserve'));
  const men = (side: Side) => count(side).reduce((a, u) => a + u.men, 0);
  let html = `<h2>${esc(sc.name)}</h2><p>${esc(sc.description)}</p>`;
  html += `<table class="kv"><tr><td>Window</td><td>${longDate(sc.start)} – ${longDate(sc.end)} (${sc.turns} turns of 12 h)</td></tr>`;
  for (const side of ['allied', 'german'] as const) {
    html += `<tr><td><span class="side-${side}">${esc(sc.sides[side].name)}</span></td><td>${count(side).length} units on the map, ${men(side).toLocaleString('en-GB')} men</td></tr>`;
  }
  html += `<tr><td>Air superiority</td><td>${sc.airSuperiority}</td></tr><tr><td>Map</td><td>${esc(ctx.map.data.name)}</td></tr></table>`;
  if (sc.objectives.length) {
    html += '<h3>Objectives</h3><table class="kv">' + sc.objectives.map((o) => {
      const holder = holderOf(s, o.hex);
      return `<tr><td>${esc(o.name)}</td><td>${holder === 'none' ? 'nobody' : `<span class="side-${holder}">${sideName(holder)}</span>`}</td></tr>`;
    }).join('') + '</table>';
  }
  html += '<p class="muted">Click a unit on the map for its history and state.</p>';
  return html;
}

function attackForm(ctx: EngineContext, s: GameState, target: number, orders: OrderChoice[]): string {
  const defenders = unitsInHex(s, target).filter((u) => u.side !== app.side);
  const candidates = attackCandidates(ctx, s, target);
  const chosen = app.selected.filter((id) => candidates.some((c) => c.id === id));
  const pre = new Set(chosen.length ? chosen : candidates.map((c) => c.id));
  const guns = gunsAllowed(ctx, s, app.side, target);
  let html = `<div class="attack-form"><h2>Attack ${esc(hexName(ctx, target))}</h2>`;
  html += `<p>Defenders: ${defenders.map((d) => `${esc(ctx.scenario.unitById[d.id].name)} (${d.men} men, ${ENTRENCHMENT[d.entrenchment]} positions)`).join('; ')}</p>`;
  html += `<p class="muted">Ground: ${esc(TERRAIN_LABEL[terrainAt(ctx.map, s, target)])}, ${ctx.map.elevation[target]} m.</p>`;
  if (!candidates.length) html += '<p><b>None of your units can attack this hex now</b> (they must be next to it and not have attacked this turn).</p>';
  else {
    html += '<h3>Attackers</h3>' + candidates.map((c) => `<label><input type="checkbox" name="att" value="${esc(c.id)}"${pre.has(c.id) ? ' checked' : ''}> ${esc(ctx.scenario.unitById[c.id].name)} · ${c.men} men</label>`).join('');
    html += `<h3>Artillery the rules allow</h3>${guns.length ? guns.map((g) => `<label><input type="checkbox" name="art" value="${esc(g.id)}" checked> ${esc(ctx.scenario.unitById[g.id].name)} · ${g.guns} guns</label>`).join('') : '<p class="muted">none</p>'}`;
    html += attackPreviewHtml(ctx, s, [...pre], target, guns.map((g) => g.id));
    html += '<p><button class="primary" data-do="attack">Attack</button> <button data-do="cancel-attack">Cancel</button></p>';
  }
  return html + ordersHtml(orders, 'Smoke and air') + '</div>';
}

/** The player's units next to the hex that the engine lets attack it. */
function attackCandidates(ctx: EngineContext, s: GameState, target: number): UnitState[] {
  const neighbours = [...ctx.map.neighbours.subarray(target * 6, target * 6 + 6)];
  return Object.values(s.units).filter((u) => u.side === app.side && neighbours.includes(u.hex)
    && checkAction(ctx, s, { type: 'attack', units: [u.id], target }) === null).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Smoke and the planned air raids on a hex without enemy units. */
function hexOrderForm(ctx: EngineContext, s: GameState, target: number, orders: OrderChoice[]): string {
  return `<div class="attack-form"><h2>${esc(hexName(ctx, target))}</h2><p class="muted">Ground: ${esc(TERRAIN_LABEL[terrainAt(ctx.map, s, target)])}, ${ctx.map.elevation[target]} m.</p>`
    + ordersHtml(orders, 'Smoke and air') + '<p><button data-do="cancel-attack">Close</button></p></div>';
}
