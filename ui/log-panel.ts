// The Log tab: the player's orders (and those the engine refused), the summary of the turn shown,
// then the events of the game, newest first, grouped (assaults apart from bombardment and air
// strikes apart from the rest) and filtered to the fighting or to the turn shown. An entry with a
// place is a link: a click centres the map on it and marks the hex.
import { type LogEvent, fullLog } from '../engine/core/index.ts';
import { app, setLogFilter } from './app-state.ts';
import { eventText, shortDate } from './describe.ts';
import { $, esc } from './dom.ts';
import { journalHtml } from './orders.ts';
import { placeName } from './places.ts';
import { view } from './services.ts';
import { storyOfShown, storyStates } from './story-source.ts';
import { turnSummaryHtml } from './turn-summary.ts';

const FILTERS = ['all', 'combat', 'turn'] as const;
const FILTER_LABEL = { all: 'Everything', combat: 'Fighting', turn: 'This turn' } as const;

/** The groups of the log, in the order shown; a group longer than `fold` starts folded. */
const GROUPS = [
  { id: 'assaults', title: 'Assaults', kinds: new Set(['combat']), fold: Infinity },
  { id: 'fire', title: 'Bombardments and air strikes', kinds: new Set(['bombardment', 'airStrike', 'smoke']), fold: 12 },
  { id: 'other', title: 'Orders, arrivals and the rest', kinds: null, fold: 60 },
] as const;
const FIGHTING = new Set(['combat', 'bombardment', 'airStrike']);

export function renderLog(): void {
  const el = $('tab-log');
  const ctx = app.ctx;
  const s = app.state;
  if (!ctx || !s) { el.innerHTML = '<p class="muted">Nothing has happened yet.</p>'; return; }
  const shownTurn = app.mode === 'replay' ? app.frame - 1 : s.turn;
  let entries = fullLog(s).map((e, i) => ({ e, i }));
  if (app.logFilter === 'combat') entries = entries.filter(({ e }) => FIGHTING.has(e.kind));
  if (app.logFilter === 'turn') entries = entries.filter(({ e }) => e.turn === shownTurn);
  const story = storyOfShown();
  const st = storyStates();
  let html = journalHtml(app.journal) + `<div class="filters">${FILTERS.map((f) => `<button data-filter="${f}" class="small${app.logFilter === f ? ' active' : ''}">${FILTER_LABEL[f]}</button>`).join('')}</div>`;
  if (story && st) html += turnSummaryHtml(ctx, st.before, st.after, story);
  if (!entries.length) html += '<p class="muted">No events.</p>';
  const entry = ({ e }: { e: LogEvent }) => {
    const place = e.hex !== undefined && e.hex >= 0;
    return `<div class="log-entry kind-${esc(e.kind)}${e.kind === 'combat' ? ' combat' : ''}${e.turn === shownTurn ? ' current' : ''}${place ? ' goto' : ''}"${place ? ` data-hex="${e.hex}" data-turn="${e.turn}" title="Show ${esc(placeName(ctx, e.hex!))} on the map${app.mode === 'replay' ? ` after turn ${e.turn + 1}` : ''}"` : ''}><div class="when">Turn ${e.turn + 1} · ${shortDate(e.at)} · ${esc(e.kind)}</div>${esc(eventText(ctx, e))}</div>`;
  };
  for (const g of GROUPS) {
    const mine = entries.filter(({ e }) => (g.kinds ? g.kinds.has(e.kind) : !GROUPS.some((o) => o.kinds?.has(e.kind)))).slice(-400).reverse();
    if (!mine.length) continue;
    html += `<details class="log-group" data-group="${g.id}"${mine.length <= g.fold ? ' open' : ''}><summary>${g.title} (${mine.length})</summary>${mine.map(entry).join('')}</details>`;
  }
  el.innerHTML = html;
  el.querySelectorAll<HTMLButtonElement>('button[data-filter]').forEach((b) => b.addEventListener('click', () => {
    setLogFilter(b.dataset.filter as (typeof FILTERS)[number]);
    renderLog();
  }));
  el.querySelectorAll<HTMLElement>('.goto[data-hex]').forEach((x) => x.addEventListener('click', () => goTo(Number(x.dataset.hex), x.dataset.turn)));
}

/**
 * Centres the map on a log entry's hex and marks it; in a replay, first moves the timeline to the
 * state after the entry's turn (frame k + 1 follows turn k), as dragging the slider there would.
 */
function goTo(hex: number, turn?: string): void {
  const timeline = $<HTMLInputElement>('timeline');
  if (app.mode === 'replay' && turn !== undefined && Number(turn) + 1 !== app.frame && Number(turn) + 1 < app.frames.length) {
    timeline.value = String(Number(turn) + 1);
    timeline.dispatchEvent(new Event('input'));
  }
  view.centreOn(hex, 36);
  view.setStory(storyOfShown(), hex);
}
