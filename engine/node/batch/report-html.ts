// report.html: one self-contained page (inline CSS and SVG, no scripts, no network) with the
// batch's charts: loss distributions with the documented figures marked, objective outcome shares
// and losses over time (median and 10-90 % band per side). Pure: a string from the summary and
// the runs.
import { SIDES, type Side } from '../../core/types.ts';
import type { RunColumns } from './columns.ts';
import type { BatchMeta, BatchSummary, FigureDef } from './summary.ts';
import type { CompareResult } from '../compare-result.ts';
import { COLOR, CSS, esc, fmt, n } from './html.ts';
import { comparisonSections } from '../compare-html.ts';
import { histogram, percentileSorted } from './stats.ts';

function histogramSvg(f: FigureDef, values: ArrayLike<number>, stats: BatchSummary['figures'][string]): string {
  const W = 340;
  const H = 170;
  const L = 36;
  const R = 10;
  const T = 14;
  const B = 30;
  const include = f.documented !== undefined ? [f.documented] : [];
  const h = histogram(values, 20, include);
  const bins = Math.max(1, h.counts.length);
  const xMin = h.start;
  const xMax = h.start + bins * h.step;
  const x = (v: number): number => L + ((v - xMin) / (xMax - xMin || 1)) * (W - L - R);
  const top = Math.max(1, ...h.counts);
  const y = (c: number): number => H - B - (c / top) * (H - T - B);
  const color = f.side ? COLOR[f.side] : '#555';
  const parts: string[] = [];
  parts.push(`<svg class="hist" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(`distribution of ${f.label}`)}">`);
  if (f.documented !== undefined && f.tolerance !== undefined) {
    const lo = Math.max(xMin, f.documented * (1 - f.tolerance));
    const hi = Math.min(xMax, f.documented * (1 + f.tolerance));
    if (hi > lo) parts.push(`<rect class="tolerance" x="${n(x(lo))}" y="${T}" width="${n(x(hi) - x(lo))}" height="${H - T - B}"><title>documented ± ${fmt(f.tolerance * 100)} %: ${fmt(f.documented * (1 - f.tolerance))}–${fmt(f.documented * (1 + f.tolerance))}</title></rect>`);
  }
  h.counts.forEach((c, i) => {
    const x0 = x(h.start + i * h.step);
    const x1 = x(h.start + (i + 1) * h.step);
    parts.push(`<rect x="${n(x0 + 0.5)}" y="${n(y(c))}" width="${n(Math.max(0.5, x1 - x0 - 1))}" height="${n(H - B - y(c))}" fill="${color}"><title>${fmt(h.start + i * h.step)}–${fmt(h.start + (i + 1) * h.step)} men: ${c} run${c === 1 ? '' : 's'}</title></rect>`);
  });
  parts.push(`<line class="axis" x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}"/>`);
  parts.push(`<text class="tick" x="${L}" y="${H - B + 13}" text-anchor="start">${fmt(xMin)}</text>`);
  parts.push(`<text class="tick" x="${W - R}" y="${H - B + 13}" text-anchor="end">${fmt(xMax)}</text>`);
  parts.push(`<text class="tick" x="${L - 4}" y="${T + 4}" text-anchor="end">${top}</text>`);
  parts.push(`<text class="tick" x="${L - 4}" y="${H - B}" text-anchor="end">0</text>`);
  parts.push(`<text class="tick" x="${(L + W - R) / 2}" y="${H - 4}" text-anchor="middle">men lost (runs per bin on the left)</text>`);
  if (stats.median !== null) {
    parts.push(`<line class="median-marker" x1="${n(x(stats.median))}" y1="${T}" x2="${n(x(stats.median))}" y2="${H - B}"><title>median ${fmt(stats.median)}</title></line>`);
  }
  if (f.documented !== undefined) {
    const dx = n(x(f.documented));
    parts.push(`<line class="documented-marker" data-figure="${esc(f.key)}" data-documented="${f.documented}" x1="${dx}" y1="${T - 6}" x2="${dx}" y2="${H - B}"><title>documented: ${fmt(f.documented)}</title></line>`);
    const anchor = x(f.documented) > W * 0.6 ? 'end' : 'start';
    parts.push(`<text class="documented-label" x="${n(x(f.documented) + (anchor === 'end' ? -3 : 3))}" y="${T + 2}" text-anchor="${anchor}">documented ${fmt(f.documented)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

function figureCard(f: FigureDef, cols: RunColumns, s: BatchSummary): string {
  const st = s.figures[f.key];
  const values = cols.okValues(cols.figures.get(f.key)!);
  const doc = f.documented !== undefined ? ` · documented <b>${fmt(f.documented)}</b>${f.tolerance !== undefined ? ` (± ${fmt(f.tolerance * 100)} %)` : ''}` : '';
  return `<figure class="card" data-figure="${esc(f.key)}"><figcaption><b>${esc(f.label)}</b>${f.level ? ` <span class="muted">${esc(f.level)}</span>` : ''}<br><span class="muted">median ${fmt(st.median)} · mean ${fmt(st.mean, 1)} · 10–90 % ${fmt(st.p10)}–${fmt(st.p90)}</span>${doc}${f.note ? `<br><span class="note">${esc(f.note)}</span>` : ''}</figcaption>${histogramSvg(f, values, st)}</figure>`;
}

function objectivesSvg(meta: BatchMeta, s: BatchSummary): string {
  const rowH = 24;
  const labelW = 250;
  const barW = 420;
  const W = labelW + barW + 20;
  const H = meta.objectives.length * rowH + 10;
  const parts = [`<svg class="shares" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="share of runs in which each side holds each objective at the end">`];
  meta.objectives.forEach((o, i) => {
    const y = 5 + i * rowH;
    const held = s.objectives[o.id].held;
    parts.push(`<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(o.name)}</text>`);
    let x = labelW;
    for (const side of ['allied', 'german', 'none'] as const) {
      const w = held[side] * barW;
      if (w <= 0) continue;
      parts.push(`<rect x="${n(x)}" y="${y + 2}" width="${n(w)}" height="${rowH - 6}" fill="${COLOR[side]}"><title>${esc(o.name)}: ${side} at the end in ${fmt(held[side] * 100, 1)} % of runs</title></rect>`);
      if (w > 34) parts.push(`<text class="in-bar" x="${n(x + w / 2)}" y="${y + 15}" text-anchor="middle">${fmt(held[side] * 100)} %</text>`);
      x += w;
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

interface Band { median: number[]; p10: number[]; p90: number[] }

function bandSvg(title: string, bands: Record<Side, Band>, turnStarts: string[]): string {
  const W = 760;
  const H = 260;
  const L = 56;
  const R = 14;
  const T = 14;
  const B = 40;
  const turns = Math.max(1, ...SIDES.map((s) => bands[s].median.length));
  const top = Math.max(1, ...SIDES.flatMap((s) => bands[s].p90));
  const x = (t: number): number => L + (turns === 1 ? 0.5 : t / (turns - 1)) * (W - L - R);
  const y = (v: number): number => H - B - (v / top) * (H - T - B);
  const parts = [`<svg class="band" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">`];
  for (const side of SIDES) {
    const b = bands[side];
    if (!b.median.length) continue;
    const upper = b.p90.map((v, t) => `${n(x(t))},${n(y(v))}`);
    const lower = b.p10.map((v, t) => `${n(x(t))},${n(y(v))}`).reverse();
    parts.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${COLOR[side]}" fill-opacity="0.18" stroke="none"><title>${side}: 10th–90th percentile</title></polygon>`);
    parts.push(`<polyline points="${b.median.map((v, t) => `${n(x(t))},${n(y(v))}`).join(' ')}" fill="none" stroke="${COLOR[side]}" stroke-width="2"/>`);
    b.median.forEach((v, t) => parts.push(`<circle cx="${n(x(t))}" cy="${n(y(v))}" r="2.5" fill="${COLOR[side]}"><title>${side}, turn ${t} (${esc(turnStarts[t] ?? '')}): median ${fmt(v)}, 10–90 % ${fmt(b.p10[t])}–${fmt(b.p90[t])}</title></circle>`));
  }
  parts.push(`<line class="axis" x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}"/><line class="axis" x1="${L}" y1="${T}" x2="${L}" y2="${H - B}"/>`);
  parts.push(`<text class="tick" x="${L - 4}" y="${T + 4}" text-anchor="end">${fmt(top)}</text><text class="tick" x="${L - 4}" y="${H - B}" text-anchor="end">0</text>`);
  const every = Math.max(1, Math.ceil(turns / 8));
  for (let t = 0; t < turns; t += every) {
    parts.push(`<text class="tick" x="${n(x(t))}" y="${H - B + 14}" text-anchor="middle">${esc((turnStarts[t] ?? `turn ${t}`).slice(5).replace('T', ' '))}</text>`);
  }
  parts.push(`<text class="tick" x="${(L + W - R) / 2}" y="${H - 6}" text-anchor="middle">turn start (month-day time)</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** Per side, per turn: the band of the men lost up to the end of that turn. */
function cumulativeBands(cols: RunColumns, turns: number): Record<Side, Band> {
  const out = {} as Record<Side, Band>;
  for (const side of SIDES) {
    const cum = new Float64Array(cols.n);
    const b: Band = { median: [], p10: [], p90: [] };
    for (let t = 0; t < turns; t++) {
      const col = cols.perTurn[side][t];
      if (col) for (let i = 0; i < cols.n; i++) if (!Number.isNaN(col[i])) cum[i] += col[i];
      // The runs that played turn t: their running totals.
      const xs = cols.playedValues(col ? col.map((v, i) => (Number.isNaN(v) ? v : cum[i])) : undefined).sort();
      b.median.push(percentileSorted(xs, 0.5));
      b.p10.push(percentileSorted(xs, 0.1));
      b.p90.push(percentileSorted(xs, 0.9));
    }
    out[side] = b;
  }
  return out;
}

function statsTable(meta: BatchMeta, s: BatchSummary): string {
  const rows = meta.figures.map((f) => {
    const st = s.figures[f.key];
    return `<tr><td>${esc(f.label)}</td><td>${esc(f.kind === 'formation' ? f.level ?? '' : f.kind)}</td><td>${fmt(st.mean, 1)}</td><td>${fmt(st.median)}</td><td>${fmt(st.p10)}</td><td>${fmt(st.p90)}</td><td>${fmt(st.min)}–${fmt(st.max)}</td><td>${f.documented !== undefined ? fmt(f.documented) : ''}</td></tr>`;
  });
  return `<table><thead><tr><th>figure</th><th>kind</th><th>mean</th><th>median</th><th>10 %</th><th>90 %</th><th>range</th><th>documented</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export function buildReportHtml(meta: BatchMeta, s: BatchSummary, cols: RunColumns, comparison?: CompareResult): string {
  const legend = `<p class="legend">${SIDES.map((side) => `<span><i style="background:${COLOR[side]}"></i>${esc(meta.sides[side])} (${side})</span>`).join('')}<span><i style="background:${COLOR.none}"></i>neither</span></p>`;
  const side = meta.figures.filter((f) => f.kind === 'side');
  const targets = meta.figures.filter((f) => f.kind === 'target');
  const major = meta.figures.filter((f) => f.kind === 'formation' && (f.level === 'corps' || f.level === 'division'));
  const minor = meta.figures.filter((f) => f.kind === 'formation' && !(f.level === 'corps' || f.level === 'division'));
  const cards = (fs: FigureDef[]): string => `<div class="grid">${fs.map((f) => figureCard(f, cols, s)).join('')}</div>`;
  const turns = s.lossesOverTime.turnStarts.length;
  const perTurn = { allied: s.lossesOverTime.allied, german: s.lossesOverTime.german };
  const outcomes = s.documentedOutcomes.length
    ? `<p>Documented outcomes of this scenario: the share of runs in which each one's check held, against the share it must reach.</p><table><tr><th>target</th><th>documented outcome</th><th>runs</th><th>required</th><th>verdict</th></tr>${s.documentedOutcomes.map((o) => `<tr><td><b>${esc(o.id)}</b></td><td style="text-align:left">${esc(o.holds)}</td><td>${fmt(o.observed * 100)} %</td><td>${fmt(o.share * 100)} %</td><td>${o.observed >= o.share ? 'met' : '<b>not met</b>'}</td></tr>`).join('')}</table>`
    : '';
  const failed = s.failed ? `<p><b>${s.failed} run${s.failed === 1 ? '' : 's'} failed</b> (seed${s.failed === 1 ? '' : 's'} ${esc(s.failedSeeds.slice(0, 50).join(', '))}${s.failed > 50 ? ', …' : ''}); see the error lines in runs.jsonl. The figures below are over the ${cols.ok} successful runs.</p>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`Batch: ${meta.scenario.name} (${s.runs} runs)`)}</title>
<style>${CSS}</style></head><body>
<h1>${esc(meta.scenario.name)}</h1>
${meta.whatIf ? `<p><b>What-if: ${esc(meta.whatIf.name)}</b> <span class="muted">(${esc(meta.whatIf.id)}; ${comparison ? 'compared below with the historical batch of the same seeds' : `compare it with the historical plan: add --baseline DIR (a batch of the historical plan on the same seeds), or run cassino compare ${esc(meta.scenario.id)} --whatif FILE --out DIR`})</span></p>` : ''}
<p class="muted">scenario ${esc(meta.scenario.id)} v${esc(meta.scenario.version)} · seeds ${esc(s.seeds.first)}–${esc(s.seeds.last)} · ${s.runs} of ${s.seeds.count} runs${s.complete ? '' : ' (incomplete: continue with --resume)'} · ${s.failed} failed · turns played: median ${fmt(s.turns.median)}</p>
${failed}${comparison ? `<h2>Compared with the historical plan</h2><p class="muted">${comparison.paired} pairs of runs on the same seeds (the historical arm read from the --baseline batch); also in compare.json and compare.html.</p>${comparisonSections(comparison, 3)}` : ''}${legend}
<h2>Objectives at the end</h2>
<p class="muted">Share of runs in which each side holds each objective at the end of the scenario.</p>
${objectivesSvg(meta, s)}
${outcomes}
<h2>Losses over time</h2>
<p class="muted">Men lost per turn (12 hours) by each side: the line is the median over the runs, the band the 10th to 90th percentile.</p>
${bandSvg('men lost per turn by side', perTurn, s.lossesOverTime.turnStarts)}
<p class="muted">Cumulative men lost by each side.</p>
${bandSvg('cumulative men lost by side', cumulativeBands(cols, turns), s.lossesOverTime.turnStarts)}
<h2>Losses by side</h2>
${cards(side)}
${targets.length ? `<h2>Documented targets</h2><p class="muted">Men lost by the target's formations and units in the turns whose start date is within the target's dates; the orange line is the documented figure, the shaded band its tolerance, the dashed line the median of the runs.${meta.documentedSource ? ` Source: ${esc(meta.documentedSource)}.` : ''}</p>${cards(targets)}` : ''}
${major.length ? `<h2>Losses by corps and division</h2>${cards(major)}` : ''}
${minor.length ? `<details><summary><b>Losses by brigade and regiment</b> (${minor.length})</summary>${cards(minor)}</details>` : ''}
<h2>All figures</h2>
${statsTable(meta, s)}
<p class="muted">Percentiles: ${esc(s.percentileMethod)}.</p>
</body></html>
`;
}
