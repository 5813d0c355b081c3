// The Batch tab: opens the summary.json (and optionally runs.jsonl) of a `cassino batch` and shows
// losses per side and per documented target (10th–50th–90th percentile bands from the summary,
// histograms from the runs), who holds each objective at the end, and losses per turn. Each
// section is a block: a function of the opened batch that returns its HTML or null when the
// batch has nothing for it; a new kind of section (a comparison, a calibration) is one more block.
import { type BandRow, bandChart, bandLineChart, esc, histogram, shareBars } from './charts.ts';
import { type BatchData, type Figure, type OpenedFile, figuresOf, readBatchFiles, runValues } from './batch.ts';
import { shortDate } from './describe.ts';

export interface BatchBlock {
  id: string;
  render(b: BatchData, width: number): string | null;
}

const SIDE_COLOUR = { allied: '#3a7bd5', german: '#c0392b' } as const;
const HOLDER = [
  { key: 'allied', name: 'Allied', color: SIDE_COLOUR.allied },
  { key: 'german', name: 'German', color: SIDE_COLOUR.german },
  { key: 'none', name: 'nobody', color: '#9a9180' },
] as const;

const n0 = (v: number | null) => (v === null ? '—' : Math.round(v).toLocaleString('en-GB'));
const bandRow = (f: Figure, label: string): BandRow => ({
  label, p10: f.p10 ?? 0, median: f.median ?? 0, p90: f.p90 ?? 0, min: f.min ?? 0, max: f.max ?? 0,
  ...(f.documented !== undefined ? { documented: f.documented, tolerance: f.tolerance } : {}),
});

/** "4th Indian Division, 13 Feb – 26 Mar": the target's formation and window, short. */
function targetLabel(f: Figure): string {
  const who = f.label.includes(', ') ? f.label.slice(0, f.label.lastIndexOf(', ')) : f.label;
  const day = (d: string | undefined) => (d ? shortDate(`${d}T00:00`).slice(0, -6) : '?');
  return f.from || f.to ? `${who}, ${day(f.from)} – ${day(f.to)}` : who;
}

function histograms(b: BatchData, figures: Figure[], width: number, label: (f: Figure) => string): string {
  if (!b.runs?.length) return '';
  return figures.map((f) => {
    const marks = [{ value: f.median ?? 0, label: 'median', color: '#1d3557' }];
    if (f.documented !== undefined) marks.push({ value: f.documented, label: 'documented', color: '#8a5a00' });
    return histogram(runValues(b.runs!, f), label(f), width, marks);
  }).join('');
}

const overview: BatchBlock = {
  id: 'overview',
  render(b) {
    const s = b.summary;
    const seeds = s.seeds.count === 1 ? `seed ${s.seeds.first}` : `seeds ${s.seeds.first}–${s.seeds.last}`;
    let html = `<h3>${esc(b.name)}${b.runsName ? ` + ${esc(b.runsName)}` : ''}</h3>`;
    html += `<p><b>${esc(s.scenario.name)}</b> <span class="muted">(${esc(s.scenario.id)} v${esc(s.scenario.version)})</span></p>`;
    html += `<p>${s.runs} of ${s.seeds.count} runs (${seeds})${s.complete ? '' : ' — <b>incomplete batch</b>'}${s.failed ? `, <span class="side-german">${s.failed} failed</span> (seeds ${s.failedSeeds.slice(0, 8).map(esc).join(', ')}${s.failedSeeds.length > 8 ? '…' : ''})` : ', none failed'}; ${n0(s.turns.median)} turns.</p>`;
    if (!b.runs) html += '<p class="muted">Open the batch\'s runs.jsonl too for histograms of the runs.</p>';
    if (b.unknownSections.length) html += `<p class="muted">Also in the file, not shown here: ${b.unknownSections.map(esc).join(', ')}.</p>`;
    return html;
  },
};

const sides: BatchBlock = {
  id: 'sides',
  render(b, width) {
    const fs = figuresOf(b.summary, 'side');
    if (!fs.length) return null;
    const name = (f: Figure) => f.label.replace(/ \(all \w+ losses\)$/, '');
    let html = '<h3>Losses per side</h3>';
    html += bandChart(fs.map((f) => bandRow(f, name(f))), width, { title: 'Men lost over the run', shared: true });
    html += histograms(b, fs, width, (f) => `${f.side === 'german' ? 'German' : 'Allied'} losses per run`);
    return html;
  },
};

const targets: BatchBlock = {
  id: 'targets',
  render(b, width) {
    const fs = figuresOf(b.summary, 'target');
    let html = '<h3>Against the documented figures</h3>';
    if (!fs.length) return `${html}<p class="muted">The scenario documents no loss figures.</p>`;
    html += bandChart(fs.map((f) => bandRow(f, targetLabel(f))), width, { title: 'Men lost in each documented window', shared: false });
    html += '<p class="muted">Blue box: 10th–90th percentile of the runs, dark tick: median, line: lowest to highest; brown line: documented figure, yellow: its tolerance. Each row has its own scale.</p>';
    html += histograms(b, fs, width, (f) => `${targetLabel(f).split(',')[0]}: losses per run`);
    for (const f of fs) if (f.note) html += `<p class="muted"><b>${esc(f.label)}</b>: ${esc(f.note)}</p>`;
    if (b.summary.documentedSource) html += `<p class="muted">Source: ${esc(b.summary.documentedSource)}</p>`;
    return html;
  },
};

const objectives: BatchBlock = {
  id: 'objectives',
  render(b, width) {
    const os = Object.entries(b.summary.objectives);
    if (!os.length) return null;
    let html = '<h3>Who holds each objective at the end</h3>';
    html += shareBars(os.map(([, o]) => ({ label: o.name, shares: HOLDER.map((h) => ({ name: h.name, value: o.held[h.key] ?? 0, color: h.color })) })), width, 'Share of runs');
    const docs = b.summary.documentedOutcomes;
    if (docs.length) {
      // `observed` (the share of runs whose check held) is absent from summaries written before
      // outcome checks existed: those are listed without a verdict.
      const verdict = (d: (typeof docs)[number]) => (typeof d.observed === 'number'
        ? `held in ${Math.round(d.observed * 100)}% of runs, ${Math.round(d.share * 100)}% required: <b>${d.observed >= d.share ? 'met' : 'not met'}</b>`
        : `expected in ${Math.round(d.share * 100)}% of runs`);
      html += '<p class="muted">Documented outcomes, checked in every run:</p><ul class="doc-outcomes">'
        + docs.map((d) => `<li>${esc(d.holds)} <span class="muted">(${esc(d.id)}; ${verdict(d)})</span></li>`).join('') + '</ul>';
    }
    return html;
  },
};

const overTime: BatchBlock = {
  id: 'over-time',
  render(b, width) {
    const t = b.summary.lossesOverTime;
    if (!t.turnStarts.length) return null;
    const series = (['allied', 'german'] as const).filter((side) => t[side]).map((side) => ({ name: side === 'allied' ? 'Allied' : 'German', color: SIDE_COLOUR[side], ...t[side] }));
    return '<h3>Losses per turn</h3>' + bandLineChart(series, { width, height: 180, xLabels: t.turnStarts.map((d) => shortDate(d).slice(0, -6)), title: 'Men lost in each 12-hour turn' });
  },
};

const formations: BatchBlock = {
  id: 'formations',
  render(b) {
    const fs = figuresOf(b.summary, 'formation').filter((f) => (f.max ?? 0) > 0).sort((x, y) => (y.median ?? 0) - (x.median ?? 0));
    if (!fs.length) return null;
    const shown = fs.slice(0, 15);
    return `<h3>Losses by formation</h3><table class="kv batch-table"><tr><th>formation (corps to regiment)</th><th class="num">median</th><th class="num">10–90%</th></tr>`
      + shown.map((f) => `<tr><td><span class="side-${f.side ?? ''}">■</span> ${esc(f.label)}</td><td class="num">${n0(f.median)}</td><td class="num">${n0(f.p10)}–${n0(f.p90)}</td></tr>`).join('')
      + `</table>${fs.length > shown.length ? `<p class="muted">${fs.length - shown.length} more formations with losses in runs.csv.</p>` : ''}`;
  },
};

/** The sections, in order. Add a block here for a new section of the batch outputs. */
export const BATCH_BLOCKS: BatchBlock[] = [overview, targets, sides, objectives, overTime, formations];

export function renderBatch(b: BatchData, width: number): string {
  return BATCH_BLOCKS.map((block) => {
    const html = block.render(b, width);
    return html === null ? '' : `<section class="batch-block" data-block="${block.id}">${html}</section>`;
  }).join('');
}

/** Puts the Batch tab into `el`: a file picker and the charts of the batch opened. */
export function mountBatchPanel(el: HTMLElement, onError: (message: string) => void): void {
  let current: BatchData | null = null;
  el.innerHTML = `<h2>Batch of runs</h2>
    <p>Open the <code>summary.json</code> written by <code>npx cassino batch &lt;scenario&gt; --runs N --out DIR</code>, and with it (or after it) the batch's <code>runs.jsonl</code> for histograms of the runs.</p>
    <p><label class="button">Open summary.json / runs.jsonl…<input type="file" id="batch-file" accept=".json,.jsonl,application/json" multiple hidden></label></p>
    <div id="batch-out"></div>`;
  const out = el.querySelector<HTMLElement>('#batch-out')!;
  const input = el.querySelector<HTMLInputElement>('#batch-file')!;
  const draw = () => { if (current && el.clientWidth) out.innerHTML = renderBatch(current, Math.max(260, el.clientWidth - 28)); };
  input.addEventListener('change', async () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (!files.length) return;
    try {
      const opened: OpenedFile[] = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
      current = readBatchFiles(opened, current);
      draw();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      out.querySelector('.error-line')?.remove();
      out.insertAdjacentHTML('afterbegin', `<p class="error-line">${esc(message)}</p>`);
      onError(message);
    }
  });
  // The tab is hidden when the file is read in another tab's place: redraw at its real width.
  new ResizeObserver(() => draw()).observe(el);
}
