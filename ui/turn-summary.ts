// The turn summary at the top of the Log tab: the assaults of the turn and how they ended, the
// ground each side gained, each side's losses against the documented figures of the days the
// scenario documents, and what the plan (from the history) has happening in the turn. Every
// entry that has a place is a link to it on the map.
import { esc } from './dom.ts';
import { type EngineContext, type GameState, type Side, formatRatio, fullLog, unitFormations } from '../engine/core/index.ts';
import { longDate, sideName } from './describe.ts';
import { onPlace, placeName } from './places.ts';
import { type TurnStory, groundGained } from './story.ts';
import { humanText } from './names.ts';

const n = (v: number) => Math.round(v).toLocaleString('en-GB');
const TURN_MIN = 720;

export function turnSummaryHtml(ctx: EngineContext, before: GameState, after: GameState, story: TurnStory): string {
  let html = `<div id="turn-summary" class="turn-summary"><h3>Turn ${story.turn + 1} · ${longDate(before.time)}</h3>`;
  html += assaultsHtml(ctx, story);
  const gained = groundGained(story);
  html += `<div class="line"><b>Ground</b>: ${(['allied', 'german'] as const).map((s) => `<span class="side-${s}">${sideName(s)}</span> took ${gained[s]} ${gained[s] === 1 ? 'hex' : 'hexes'}`).join(' · ')}</div>`;
  html += lossesHtml(ctx, before, after, story.turn);
  html += historyHtml(ctx, before.time);
  return `${html}</div>`;
}

function assaultsHtml(ctx: EngineContext, story: TurnStory): string {
  if (!story.assaults.length) return '<div class="line"><b>Assaults</b>: none this turn.</div>';
  const won = (side: Side) => story.assaults.filter((a) => a.side === side && a.won).length;
  const of = (side: Side) => story.assaults.filter((a) => a.side === side).length;
  const head = (['allied', 'german'] as const).filter((s) => of(s)).map((s) => `<span class="side-${s}">${sideName(s)}</span> ${won(s)} of ${of(s)} succeeded`).join(' · ');
  return `<div class="line"><b>Assaults</b>: ${head}</div><ul class="assaults">${story.assaults.map((a) => `<li class="goto" data-hex="${a.target}" data-turn="${story.turn}">`
    + `<span class="side-${a.side}">${sideName(a.side)}</span> ${esc(onPlace(placeName(ctx, a.target)))}: ${a.won ? '<b class="won">taken</b>' : '<b class="lost">held</b>'} at odds ${formatRatio(a.ratio)} : 1, losses ${n(a.attackerLosses)} against ${n(a.defenderLosses)}</li>`).join('')}</ul>`;
}

/** Men lost by each side in the turn, and the documented loss figures whose days include it. */
function lossesHtml(ctx: EngineContext, before: GameState, after: GameState, turn: number): string {
  const side = (id: string) => ctx.scenario.unitById[id]?.side;
  const lost = { allied: 0, german: 0 };
  for (const e of fullLog(after)) {
    if (e.turn !== turn) continue;
    for (const [id, k] of Object.entries(e.losses ?? {})) { const s = side(id); if (s) lost[s] += k; }
  }
  let html = `<div class="line"><b>Losses</b>: <span class="side-allied">Allied</span> ${n(lost.allied)} · <span class="side-german">German</span> ${n(lost.german)}</div>`;
  const day = dayOf(before.time);
  for (const t of ctx.scenario.documented?.losses ?? []) {
    if (day < t.from || day > t.to) continue;
    const counts = (id: string) => (t.units ?? []).includes(id) || unitFormations(ctx.scenario, id).some((f) => (t.formations ?? []).includes(f));
    let sofar = 0;
    for (const e of fullLog(after)) {
      if (e.turn > turn || e.at.slice(0, 10) < t.from) continue;
      for (const [id, k] of Object.entries(e.losses ?? {})) if (counts(id)) sofar += k;
    }
    html += `<div class="line documented">${esc(t.who)}: <b>${n(sofar)}</b> lost from ${esc(t.from)} to this turn; documented <b>${n(t.documented)}</b> for ${esc(t.from)} to ${esc(t.to)}${t.note ? ` <span class="muted">(${esc(humanText(ctx.scenario, t.note))})</span>` : ''}</div>`;
  }
  return html;
}

/** What the scenario's plan, written from the history, has happening in the turn (its texts and notes). */
function historyHtml(ctx: EngineContext, start: number): string {
  const said = new Set<string>();
  for (const it of ctx.scenario.schedule) {
    if (it.at < start || it.at >= start + TURN_MIN) continue;
    const words = ('text' in it && typeof it.text === 'string' ? it.text : '') || it.note || '';
    if (words) said.add(humanText(ctx.scenario, words));
  }
  if (!said.size) return '';
  return `<div class="line"><b>History</b>:</div><ul class="history">${[...said].slice(0, 8).map((t) => `<li>${esc(t)}</li>`).join('')}</ul>`;
}

/** "1944-05-11" for minutes since 1970 local. */
function dayOf(t: number): string {
  return new Date(t * 60000).toISOString().slice(0, 10);
}
