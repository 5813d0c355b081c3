// The Charts tab: men lost by side and by division turn by turn, and the losses so far against
// the scenario's documented figures.
import { type EngineContext, type GameState, fromMinutes, turnStart, unitDivision, unitFormations } from '../engine/core/index.ts';
import { app } from './app-state.ts';
import { compareChart, esc, lineChart, type Series } from './charts.ts';
import { lossesByTurn, shortDate, sideName } from './describe.ts';
import { $ } from './dom.ts';
import { humanText } from './names.ts';

const SIDE_COLOUR = { allied: '#3a7bd5', german: '#c0392b' } as const;
const PALETTE = ['#3a7bd5', '#c0392b', '#2e9d57', '#8e44ad', '#d4a017', '#16a085', '#7f5539', '#e67e22', '#34495e', '#c2185b'];

export function renderCharts(): void {
  const el = $('tab-charts');
  const ctx = app.ctx;
  const s = app.state;
  if (!ctx || !s) { el.innerHTML = '<p class="muted">No scenario loaded.</p>'; return; }
  const sc = ctx.scenario;
  const W = el.clientWidth - 24 || 320;
  const played = Math.max(1, Math.min(s.lastTurn + 1, s.turnHashes.length + (s.finished ? 0 : 1)));
  const xLabels = Array.from({ length: played }, (_, i) => shortDate(fromMinutes(turnStart(sc.start, i))).slice(0, -6));
  const bySide = lossesByTurn(ctx, s, played, (id) => sc.unitById[id]?.side);
  const series: Series[] = (['allied', 'german'] as const).map((side) => ({ name: sideName(side), color: SIDE_COLOUR[side], values: bySide.get(side) ?? new Array(played).fill(0) }));
  let html = lineChart(series, { width: W, height: 170, xLabels, title: 'Men lost, cumulative, by side', marker: app.mode === 'replay' ? Math.max(0, app.frame - 1) : undefined });
  const byDiv = lossesByTurn(ctx, s, played, (id) => { const d = unitDivision(sc, id); return d ? sc.formationById[d].name : undefined; });
  const top = [...byDiv.entries()].sort((a, b) => b[1][b[1].length - 1] - a[1][a[1].length - 1]).slice(0, 8);
  if (top.length) {
    html += lineChart(top.map(([name, values], i) => ({ name: name.replace(/ (Infantry|Panzergrenadier|Parachute|Mountain) Division$/, ' $1 Div.'), color: PALETTE[i % PALETTE.length], values })),
      { width: W, height: 200 + Math.ceil(top.length / 2) * 12, xLabels, title: 'Men lost by division, cumulative (top 8)' });
  }
  el.innerHTML = html + documentedLosses(ctx, s, W);
}

/** Simulated losses so far against each documented figure, with its tolerance and notes. */
function documentedLosses(ctx: EngineContext, s: GameState, W: number): string {
  const sc = ctx.scenario;
  const targets = sc.documented?.losses ?? [];
  let html = '<h3>Against the documented figures</h3>';
  if (!targets.length) return html + '<p class="muted">This scenario documents no loss figures.</p>';
  const rows = targets.map((t) => {
    let sim = 0;
    for (const u of sc.units) {
      if (t.side && u.side !== t.side) continue;
      const inF = (t.formations ?? []).some((f) => unitFormations(sc, u.id).includes(f));
      if (inF || (t.units ?? []).includes(u.id)) sim += s.losses[u.id] ?? 0;
    }
    return { label: `${t.who} (${t.from} – ${t.to})`, simulated: sim, documented: t.documented, tolerance: t.tolerance, note: t.note && humanText(sc, t.note) };
  });
  html += compareChart(rows, W);
  html += '<p class="muted">Blue: simulated so far; brown line: documented; yellow band: tolerance.</p>';
  for (const r of rows) if (r.note) html += `<p class="muted"><b>${esc(r.label)}</b>: ${esc(r.note)}</p>`;
  if (sc.documented?.source) html += `<p class="muted">Source: ${esc(sc.documented.source)}</p>`;
  return html;
}
