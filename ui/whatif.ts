// The what-if panel: the shipped what-ifs (scenarios/whatifs/, found at build time), those of the
// current scenario first; choose one and run it against the historical plan on N seeds (the
// engine worker plays both arms on each, as `cassino compare`), then see the losses per side and
// the share of runs the Allies hold each objective in, with paired differences and 95 % intervals.
import { type Scenario, describeChange } from '../engine/core/index.ts';
import type { EngineClient } from './client.ts';
import { errorText, readWhatIf, whatIfFileNames } from './data.ts';
import { humanText, nameOf, planItemNames, readableId } from './names.ts';
import { hooks } from './test-hooks.ts';

export interface WhatIfPanelOptions {
  engine: EngineClient;
  /** The scenario shown now (its what-ifs are listed first, with its names for ids), or null. */
  scenario: () => Scenario | null;
}

const esc = (s: string | number): string => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const signed = (x: number): string => (x > 0 ? `+${x}` : String(x));
const DEFAULT_RUNS = 20;
const MAX_RUNS = 200;
type Compared = Awaited<ReturnType<EngineClient['compareWhatIf']>>;
const pct = (x: number): string => `${Math.round(x * 100)} %`;
const interval = (ci: [number, number], f: (x: number) => string): string => `${f(ci[0])} to ${f(ci[1])}`;
/** An interval that does not hold 0: the change is more than the seeds' noise. */
const clear = (ci: [number, number]): boolean => ci[0] > 0 || ci[1] < 0;

/** The comparison as tables: men lost per side, then who holds each objective at the end. */
function resultHtml(r: Compared, file: string): string {
  const sides = Object.entries(r.figures).map(([key, f]) => `<tr${clear(f.difference.ci95) ? ' class="changed"' : ''}><td title="${esc(f.label)}">${key === 'losses.allied' ? 'Allied' : key === 'losses.german' ? 'German' : esc(f.label)}</td><td>${f.historical.median}</td><td>${f.whatIf.median}</td>
    <td>${signed(f.difference.mean)} <span class="muted">(${interval(f.difference.ci95, (x) => signed(x))})</span></td></tr>`).join('');
  const objectives = Object.values(r.objectives).map((ob) => {
    const a = ob.held.allied;
    return `<tr${clear(a.ci95) ? ' class="changed"' : ''}><td>${esc(ob.name)}</td><td>${pct(a.historical)}</td><td>${pct(a.whatIf)}</td><td>${signed(Math.round(a.change * 100))} pts <span class="muted">(${interval(a.ci95, (x) => signed(Math.round(x * 100)))})</span></td></tr>`;
  }).join('');
  const cmd = `cassino compare ${r.scenario.id} --whatif scenarios/whatifs/${file} --runs ${r.seeds.count} --seed ${r.seeds.first}`;
  return `<h3>${esc(r.whatIf.name)}</h3>
    <p class="muted">${esc(r.scenario.name)} · seeds ${esc(r.seeds.first)}–${esc(r.seeds.last)} (${r.seeds.count} pairs) · ${(r.computeMs / 1000).toFixed(1)} s · the same numbers as <code>${esc(cmd)}</code></p>
    <table class="kv whatif-losses"><thead><tr><th>men lost</th><th>historical (median)</th><th>what-if (median)</th><th>change: mean (95 % interval)</th></tr></thead><tbody>${sides}</tbody></table>
    <table class="kv whatif-objectives"><thead><tr><th>held by the Allies at the end</th><th>historical</th><th>what-if</th><th>change (95 % interval)</th></tr></thead><tbody>${objectives}</tbody></table>
    <details><summary>method</summary><p class="muted">Change: what-if minus historical, seed by seed. Interval: ${esc(r.method)}. Highlighted rows: the interval leaves out 0.</p></details>`;
}

export function mountWhatIfPanel(el: HTMLElement, o: WhatIfPanelOptions): void {
  let chosen: string | null = null;
  let runs = DEFAULT_RUNS;
  let firstSeed = '1';
  /** The scenario the list was last drawn for. */
  let renderedFor: string | null = null;
  /** The scenario shown, when it is `id` (its names replace ids in the what-ifs' texts). */
  const sc = (id: string): Scenario | null => (o.scenario()?.id === id ? o.scenario() : null);
  const plans = new Map<string, Map<string, string>>();
  const nameIn = (scenarioId: string, id: string): string => { const s = sc(scenarioId); return (s && nameOf(s, id)) ?? plans.get(scenarioId)?.get(id) ?? readableId(id); };
  const render = async (): Promise<void> => {
    const current = o.scenario()?.id ?? null;
    renderedFor = current;
    const items = await Promise.all(whatIfFileNames().map(async (name) => {
      try { return { name, w: (await readWhatIf(name)).whatIf, error: null }; } catch (e) { return { name, w: null, error: errorText(e) }; }
    }));
    for (const id of new Set(items.map((it) => it.w?.scenario.id).filter((x): x is string => !!x))) plans.set(id, await planItemNames(id));
    items.sort((a, b) => Number(b.w?.scenario.id === current) - Number(a.w?.scenario.id === current) || a.name.localeCompare(b.name));
    el.innerHTML = `<h2>What-ifs</h2>
      <p class="muted">Choose a what-if and run it: the engine plays its scenario with the historical plan and with the what-if on the same seeds (seed k in both: what the what-if does not change stays the same), as <code>cassino compare</code> does, and gives the paired differences with 95 % intervals.</p>
      <div id="whatif-list">${items.map(({ name, w, error }) => w
        ? `<label class="whatif-item"><input type="radio" name="whatif" value="${esc(name)}"${chosen === name ? ' checked' : ''}>
            <b>${esc(w.name)}</b> <span class="muted">(${esc(w.scenario.id)}${w.scenario.id === current ? ', this scenario' : ''})</span></label>
           <details><summary>history and changes</summary><p>${esc(humanText(sc(w.scenario.id), w.note))}</p><p class="muted">Source: ${esc(w.source)}</p>
           <ul>${w.changes.map((c) => `<li>${esc(describeChange(c, (id) => nameIn(w.scenario.id, id)))}</li>`).join('')}</ul></details>`
        : `<p class="side-german">${esc(name)}: ${esc(error ?? '')}</p>`).join('')}</div>
      <p class="whatif-options"><label>runs <input id="whatif-runs" type="number" min="1" max="${MAX_RUNS}" value="${runs}"></label>
        <label>first seed <input id="whatif-seed" type="number" min="0" step="1" value="${esc(firstSeed)}"></label>
        <button id="whatif-run"${chosen ? '' : ' disabled'}>Run and compare</button></p>
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
    runs = Math.max(1, Math.min(MAX_RUNS, Math.round(Number((el.querySelector('#whatif-runs') as HTMLInputElement).value) || runs)));
    firstSeed = (el.querySelector('#whatif-seed') as HTMLInputElement).value.trim() || '1';
    out.innerHTML = `<p class="muted">playing both arms on ${runs} seeds…</p><progress id="whatif-progress" max="1" value="0"></progress>`;
    out.scrollIntoView({ block: 'nearest' });
    try {
      const bar = out.querySelector('progress') as HTMLProgressElement;
      const r = await o.engine.compareWhatIf(chosen, firstSeed, runs, (done, total) => { bar.value = done / total; });
      hooks.lastWhatIf = r;
      out.innerHTML = resultHtml(r, chosen);
      // The result is below the list: bring it into the visible part of the panel.
      out.scrollIntoView({ block: 'start' });
    } catch (e) {
      out.innerHTML = `<p class="side-german">${esc(errorText(e))}</p>`;
    }
  };
  void render();
  // The list puts the current scenario's what-ifs first: redraw when the panel is shown again.
  // (only when the scenario changed: a redraw would close what the user opened and clear a result).
  el.addEventListener('mouseenter', () => { if ((o.scenario()?.id ?? null) !== renderedFor && !el.querySelector('#whatif-out')?.textContent) void render(); });
}
