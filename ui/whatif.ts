// The what-if panel: the shipped what-ifs (scenarios/whatifs/, found at build time), those of the
// current scenario first; choose one and run it against the historical plan on the same seed (the
// engine worker plays both), then see the losses per side and who holds each objective in both.
import { describeChange } from '../engine/core/index.ts';
import type { EngineClient } from './client.ts';
import { errorText, readWhatIf, whatIfFileNames } from './data.ts';

export interface WhatIfPanelOptions {
  engine: EngineClient;
  /** The scenario shown now (its what-ifs are listed first), or null. */
  scenario: () => string | null;
  /** The seed in the top bar. */
  seed: () => string;
}

const esc = (s: string | number): string => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const signed = (x: number): string => (x > 0 ? `+${x}` : String(x));
/** An order's or unit's id in words ("b2.abbey-raid-heavies" -> "abbey raid heavies"): no internal ids in the text. */
export const readableId = (id: string): string => id.replace(/^b\d+\./, '').replace(/[-_.]+/g, ' ').trim();

export function mountWhatIfPanel(el: HTMLElement, o: WhatIfPanelOptions): void {
  let chosen: string | null = null;
  const render = async (): Promise<void> => {
    const current = o.scenario();
    const items = await Promise.all(whatIfFileNames().map(async (name) => {
      try { return { name, w: (await readWhatIf(name)).whatIf, error: null }; } catch (e) { return { name, w: null, error: errorText(e) }; }
    }));
    items.sort((a, b) => Number(b.w?.scenario.id === current) - Number(a.w?.scenario.id === current) || a.name.localeCompare(b.name));
    el.innerHTML = `<h2>What-ifs</h2>
      <p class="muted">Choose a what-if and run it: the engine plays its scenario with the historical plan and with the what-if on the same seed, and compares them.</p>
      <div id="whatif-list">${items.map(({ name, w, error }) => w
        ? `<label class="whatif-item"><input type="radio" name="whatif" value="${esc(name)}"${chosen === name ? ' checked' : ''}>
            <b>${esc(w.name)}</b> <span class="muted">(${esc(w.scenario.id)}${w.scenario.id === current ? ', this scenario' : ''})</span></label>
           <details><summary>history and changes</summary><p>${esc(w.note)}</p><p class="muted">Source: ${esc(w.source)}</p>
           <ul>${w.changes.map((c) => `<li>${esc(describeChange(c, readableId))}</li>`).join('')}</ul></details>`
        : `<p class="side-german">${esc(name)}: ${esc(error ?? '')}</p>`).join('')}</div>
      <p><button id="whatif-run"${chosen ? '' : ' disabled'}>Run and compare</button></p>
      <div id="whatif-out"></div>`;
    el.querySelectorAll<HTMLInputElement>('input[name="whatif"]').forEach((r) => r.addEventListener('change', () => {
      chosen = r.value;
      (el.querySelector('#whatif-run') as HTMLButtonElement).disabled = false;
    }));
    el.querySelector('#whatif-run')!.addEventListener('click', () => void run());
  };
  const run = async (): Promise<void> => {
    if (!chosen) return;
    const out = el.querySelector('#whatif-out') as HTMLElement;
    out.innerHTML = '<p class="muted">running both arms…</p>';
    out.scrollIntoView({ block: 'nearest' });
    try {
      const r = await o.engine.compareWhatIf(chosen, o.seed() || undefined);
      const sides = (['allied', 'german'] as const).map((s) => {
        const a = r.historical.losses[s];
        const b = r.whatIfArm.losses[s];
        return `<tr><td>${s}</td><td>${a}</td><td>${b}</td><td>${signed(b - a)}</td></tr>`;
      }).join('');
      const objectives = r.objectives.map((ob) => {
        const a = r.historical.holders[ob.id] ?? '–';
        const b = r.whatIfArm.holders[ob.id] ?? '–';
        return `<tr${a !== b ? ' class="changed"' : ''}><td>${esc(ob.name)}</td><td class="side-${esc(a)}">${esc(a)}</td><td class="side-${esc(b)}">${esc(b)}</td></tr>`;
      }).join('');
      out.innerHTML = `<h3>${esc(r.whatIf.name)}</h3>
        <p class="muted">${esc(r.scenario.name)} · seed ${esc(r.seed)} · ${(r.computeMs / 1000).toFixed(1)} s · one seed: run <code>cassino compare ${esc(r.scenario.id)} --whatif scenarios/whatifs/${esc(chosen)} --runs 100</code> for medians and intervals</p>
        <table class="kv whatif-losses"><thead><tr><th>men lost</th><th>historical</th><th>what-if</th><th>change</th></tr></thead><tbody>${sides}</tbody></table>
        <table class="kv whatif-objectives"><thead><tr><th>objective at the end</th><th>historical</th><th>what-if</th></tr></thead><tbody>${objectives}</tbody></table>`;
      // The result is below the list: bring it into the visible part of the panel.
      out.scrollIntoView({ block: 'start', behavior: 'smooth' });
    } catch (e) {
      out.innerHTML = `<p class="side-german">${esc(errorText(e))}</p>`;
    }
  };
  void render();
  // The list puts the current scenario's what-ifs first: redraw when the panel is shown again.
  el.addEventListener('mouseenter', () => { if (!el.querySelector('#whatif-out')?.textContent) void render(); });
}
