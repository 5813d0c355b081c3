// The attack form's "before you attack" block: the odds, the guns the rules let fire and those
// that will answer, and the likely result as a range. Every figure is the engine's
// previewAssault, which gathers the assault with the same function the reducer fights it with,
// so the odds shown are the odds the result reports. Under fog of war it is worked out on what the
// player's side observes (the state shown), so it gives away no hidden unit or battery: the result
// may then differ by what was hidden, and the block says so.
import { esc } from './dom.ts';
import { type AssaultPreview, type EngineContext, type GameState, formatRatio, previewAssault } from '../engine/core/index.ts';
import { sideName } from './describe.ts';
import { fogOn } from './fog.ts';

const n = (v: number) => Math.round(v).toLocaleString('en-GB');
const range = (r: AssaultPreview['attackerLosses']) => (r.low === r.high ? n(r.median) : `${n(r.low)}–${n(r.high)}`);

/** The block for the units and batteries ticked in the form (an empty choice says so). */
export function attackPreviewHtml(ctx: EngineContext, s: GameState, units: string[], target: number, artillery: string[]): string {
  if (!units.length) return '<div id="attack-preview" class="attack-preview muted">Tick at least one attacking unit to see the odds.</div>';
  const p = previewAssault(ctx, s, units, target, artillery);
  if (!p.ok) return `<div id="attack-preview" class="attack-preview refused">The rules refuse this attack: ${esc(p.reason)}</div>`;
  const name = (id: string) => esc(ctx.scenario.unitById[id]?.name ?? id);
  const chance = Math.round(p.winChance * 100);
  // Guns as the engine's preview gives them (assaultSetup's rules): the UI adds nothing of its own.
  const allowed = p.gunsAllowed.reduce((a, g) => a + g.guns, 0);
  const verdict = chance >= 67 ? 'likely to succeed' : chance >= 34 ? 'in the balance' : 'likely to fail';
  return `<div id="attack-preview" class="attack-preview" data-ratio="${p.ratio}" data-win="${p.winChance}" title="Ranges: 10th to 90th percentile of the engine's own assault fought on ${p.trials} trial seeds (not the dice this attack will use)">`
    + `<div class="odds">Odds <b data-odds>${formatRatio(p.ratio)} : 1</b> <span class="muted">in combat power</span></div>`
    + `<div>Takes the hex in <b>${chance}%</b> of ${p.trials} trials: ${verdict}.</div>`
    + `<table class="kv"><tr><td>Your losses</td><td><b>${range(p.attackerLosses)}</b> men <span class="muted">(median ${n(p.attackerLosses.median)} of ${n(p.attackMen)})</span></td></tr>`
    + `<tr><td>Theirs</td><td><b>${range(p.defenderLosses)}</b> men <span class="muted">(median ${n(p.defenderLosses.median)} of ${n(p.defenceMen)})</span></td></tr>`
    + `<tr><td>Your guns</td><td data-guns="${p.attackGuns}" data-allowed="${allowed}">${p.attackGuns} firing of ${allowed} the rules allow <span class="muted">(${p.gunsAllowed.length} ${p.gunsAllowed.length === 1 ? 'battery' : 'batteries'}${p.gunsAllowed.length ? `: ${p.gunsAllowed.map((g) => `${name(g.id)} ${g.guns}`).join(', ')}` : ''})</span>${p.fireLimit ? `<div class="refused" data-fire-limit>No gun may fire: ${esc(p.fireLimit)}</div>` : ''}</td></tr>`
    + `<tr><td>${sideName(p.side === 'allied' ? 'german' : 'allied')} guns answering</td><td>${p.defenceGuns}${p.answering.length ? ` <span class="muted">(${p.answering.map(name).join(', ')})</span>` : ''}</td></tr></table>`
    + (fogOn() ? '<div class="small-print" data-fog>Fog of war: worked out on what your side observes; enemy units and guns out of sight are not counted.</div>' : '')
    + '</div>';
}

/** Redraws the block when a box of the attack form is ticked or cleared (the form itself stays as it is). */
export function bindAttackPreview(panel: HTMLElement, current: () => { ctx: EngineContext; s: GameState; target: number } | null): void {
  panel.addEventListener('change', (e) => {
    const form = (e.target as HTMLElement).closest<HTMLElement>('.attack-form');
    const old = form?.querySelector('#attack-preview');
    const now = current();
    if (!form || !old || !now) return;
    const ticked = (name: string) => [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);
    const holder = document.createElement('div');
    holder.innerHTML = attackPreviewHtml(now.ctx, now.s, ticked('att'), now.target, ticked('art'));
    old.replaceWith(holder.firstElementChild!);
  });
}
