// The top of the side panel and the phase bar: scenario, turn, date, daylight, weather, mode, and
// whether the player can end the phase now.
import { PHASES } from '../engine/core/index.ts';
import { app } from './app-state.ts';
import { dayOrNight, longDate, sideName } from './describe.ts';
import { $, esc } from './dom.ts';

export function renderSituation(): void {
  const el = $('situation');
  const ctx = app.ctx;
  const s = app.state;
  if (!ctx || !s) { el.innerHTML = ctx ? '' : '<span class="muted">No scenario</span>'; return; }
  const w = s.weather;
  const night = dayOrNight(s.time) === 'night';
  const turnOf = `Turn ${Math.min(s.turn, s.lastTurn) + 1} of ${s.lastTurn + 1}`;
  el.innerHTML = `<div class="big">${esc(ctx.scenario.name)}</div>`
    + `<div>${turnOf} · <b>${longDate(s.time)}</b> · <span class="${night ? 'night' : ''}">${night ? '☾ night' : '☀ day'}</span>${s.finished ? ' · <b>scenario ended</b>' : ` · phase <b>${s.phase}</b>`}</div>`
    + `<div>${w.condition.replace('-', ' ')}, ground ${w.ground}, rivers ${['normal', 'high', 'in flood'][w.riverLevel] ?? w.riverLevel}, visibility ${w.visibility}%${w.air ? '' : ', no flying'}${w.historical ? ' <span class="muted">(historical record)</span>' : ' <span class="muted">(climatology)</span>'}</div>`
    + `<div class="muted">${modeText()}</div>`;
}

function modeText(): string {
  if (app.mode === 'play') return `You command the ${sideName(app.side)} side`;
  if (app.mode === 'replay') return app.lastReplay ? 'Saved replay' : 'Historical replay: both sides by the engine';
  return 'Initial deployment';
}

export function renderPhases(): void {
  const s = app.state;
  $('phases').innerHTML = PHASES.map((p) => `<span class="${s && s.phase === p && !s.finished ? 'now' : ''}">${p}</span>`).join('');
  const canAct = app.mode === 'play' && app.waiting && !app.busy && !!s && !s.finished;
  $<HTMLButtonElement>('end-phase').disabled = !canAct;
  $<HTMLButtonElement>('end-turn').disabled = !canAct;
}
