// Small SVG charts: cumulative losses over time, simulated against documented figures, and
// distributions of a batch of runs. Plain SVG strings, no chart library.

import { esc } from './dom.ts';

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const k of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (k * p >= v) return k * p;
  return 10 * p;
}

const fmt = (v: number) => (Math.abs(v) >= 10000 ? `${Math.round(v / 1000)}k` : Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(1)}k` : String(Math.round(v * 100) / 100));

/** A figure in a sentence: whole numbers from 10 up, with thousands separators. */
const num = (v: number) => (Math.abs(v) >= 10 ? Math.round(v).toLocaleString('en-GB') : String(Math.round(v * 10) / 10));

export interface Series { name: string; color: string; values: number[]; dashed?: boolean }

/** Legend entries laid out in rows that wrap at `width`; y is each row's baseline. */
function legendRows(items: Array<{ name: string; color: string }>, x0: number, width: number): Array<Array<{ name: string; color: string; x: number }>> {
  const rows: Array<Array<{ name: string; color: string; x: number }>> = [[]];
  let lx = x0;
  for (const it of items) {
    const w = 20 + it.name.length * 6;
    if (lx + w > width && rows[rows.length - 1].length) { rows.push([]); lx = x0; }
    rows[rows.length - 1].push({ ...it, x: lx });
    lx += w;
  }
  return rows;
}

function legendSvg(rows: ReturnType<typeof legendRows>, y0: number): string {
  return rows.map((row, r) => row.map((it) => `<rect x="${it.x}" y="${y0 + r * 13 - 7}" width="10" height="5" fill="${it.color}"/><text x="${it.x + 13}" y="${y0 + r * 13}" class="ax">${esc(it.name)}</text>`).join('')).join('');
}

/** Which x labels to show: about `max` of them, the last only if it does not crowd the one before. */
function xLabelIndices(n: number, max: number, x: (i: number) => number): number[] {
  const every = Math.max(1, Math.ceil(n / max));
  const out: number[] = [];
  for (let i = 0; i < n; i += every) out.push(i);
  if (out[out.length - 1] !== n - 1 && x(n - 1) - x(out[out.length - 1]) > 44) out.push(n - 1);
  return out;
}

/** Lines over turns; `marker`: a vertical line at that x index (the turn shown). */
/** The opening of a time chart: the svg element, its title, the y grid with values and the x labels. */
function timeAxes(a: {
  W: number; H: number; L: number; R: number; B: number; n: number; ymax: number;
  x: (i: number) => number; y: (v: number) => number; title: string; xLabels: string[]; maxLabels: number;
}): string {
  const { W, H, L, R, B, n, ymax, x, y } = a;
  let s = `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(a.title)}">`;
  s += `<text x="8" y="13" class="ct">${esc(a.title)}</text>`;
  for (let k = 0; k <= 4; k++) {
    const v = (ymax * k) / 4;
    s += `<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${L - 4}" y="${y(v) + 3}" class="ax" text-anchor="end">${fmt(v)}</text>`;
  }
  // A label the same as the one before it (two 12-hour turns of one day) is left out.
  const shown = xLabelIndices(n, a.maxLabels, x).filter((i, k, all) => k === 0 || a.xLabels[i] !== a.xLabels[all[k - 1]]);
  for (const i of shown) s += `<text x="${x(i)}" y="${H - B + 14}" class="ax" text-anchor="${i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}">${esc(a.xLabels[i])}</text>`;
  return s;
}

export function lineChart(series: Series[], opts: { width: number; height: number; xLabels: string[]; title: string; marker?: number; refs?: Array<{ value: number; color: string; label: string }> }): string {
  const { width: W, height: H } = opts;
  const L = 44; const R = 8; const T = 20;
  const legend = legendRows(series, 8, W - R);
  const B = 22 + legend.length * 13;
  const n = Math.max(1, opts.xLabels.length);
  const ymax = niceMax(Math.max(1, ...series.flatMap((s) => s.values), ...(opts.refs ?? []).map((r) => r.value)));
  const x = (i: number) => L + (n <= 1 ? 0 : (i / (n - 1)) * (W - L - R));
  const y = (v: number) => T + (1 - v / ymax) * (H - T - B);
  let s = timeAxes({ W, H, L, R, B, n, ymax, x, y, title: opts.title, xLabels: opts.xLabels, maxLabels: 5 });
  for (const r of opts.refs ?? []) {
    s += `<line x1="${L}" x2="${W - R}" y1="${y(r.value)}" y2="${y(r.value)}" stroke="${r.color}" stroke-dasharray="4 3" stroke-width="1.2"/>`;
    s += `<text x="${W - R}" y="${y(r.value) - 3}" class="ax" text-anchor="end" style="fill:${r.color}">${esc(r.label)}</text>`;
  }
  if (opts.marker !== undefined) s += `<line x1="${x(opts.marker)}" x2="${x(opts.marker)}" y1="${T}" y2="${H - B}" class="marker"/>`;
  for (const se of series) {
    const pts = se.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    s += `<polyline points="${pts}" fill="none" stroke="${se.color}" stroke-width="2"${se.dashed ? ' stroke-dasharray="5 3"' : ''}/>`;
  }
  s += legendSvg(legend, H - B + 30);
  return s + '</svg>';
}

export interface CompareRow { label: string; simulated: number; documented: number; tolerance: number; note?: string }

/** Horizontal bars: simulated losses against the documented figure and its tolerance band. */
export function compareChart(rows: CompareRow[], width: number): string {
  const rowH = 34;
  const H = 14 + rows.length * rowH;
  const L = 8; const R = 50;
  const max = niceMax(Math.max(1, ...rows.map((r) => Math.max(r.simulated, r.documented * (1 + r.tolerance)))));
  const x = (v: number) => L + (v / max) * (width - L - R);
  let s = `<svg class="chart" viewBox="0 0 ${width} ${H}" width="${width}" height="${H}">`;
  rows.forEach((r, i) => {
    const y = 8 + i * rowH;
    s += `<text x="${L}" y="${y + 8}" class="ax">${esc(r.label)}</text>`;
    const lo = r.documented * (1 - r.tolerance); const hi = r.documented * (1 + r.tolerance);
    s += `<rect x="${x(lo)}" y="${y + 11}" width="${Math.max(1, x(hi) - x(lo))}" height="14" fill="#f3d98b" opacity="0.7"><title>documented ${r.documented} ± ${Math.round(r.tolerance * 100)}%</title></rect>`;
    s += `<rect x="${L}" y="${y + 14}" width="${Math.max(1, x(r.simulated) - L)}" height="8" fill="#5b7fa6"><title>simulated ${r.simulated}</title></rect>`;
    s += `<line x1="${x(r.documented)}" x2="${x(r.documented)}" y1="${y + 9}" y2="${y + 27}" stroke="#8a5a00" stroke-width="2"/>`;
    s += `<text x="${width - R + 4}" y="${y + 22}" class="ax">${fmt(r.simulated)}/${fmt(r.documented)}</text>`;
  });
  return s + '</svg>';
}

export interface Mark { value: number; label: string; color: string }

/**
 * A histogram of numbers with marks (the median, a documented figure). A mark outside the
 * values' range is named at the edge with an arrow instead of squashing the bars.
 */
export function histogram(values: number[], title: string, width: number, marks: Mark[] = []): string {
  const T = 22 + 11 * marks.length; const H = T + 70; const L = 6; const R = 6; const B = 18;
  const sorted = [...values].sort((a, b) => a - b);
  const min = sorted[0]; const max = sorted[sorted.length - 1];
  const bins = Math.max(1, Math.min(20, Math.ceil(Math.sqrt(values.length))));
  const counts = new Array(bins).fill(0);
  for (const v of values) counts[max === min ? 0 : Math.min(bins - 1, Math.floor(((v - min) / (max - min)) * bins))]++;
  const cmax = Math.max(...counts);
  const bw = (width - L - R) / bins;
  const x = (v: number) => (max === min ? width / 2 : L + ((v - min) / (max - min)) * (width - L - R));
  let s = `<svg class="chart" viewBox="0 0 ${width} ${H}" width="${width}" height="${H}" role="img" aria-label="${esc(title)}">`;
  s += `<text x="${L}" y="12" class="ct">${esc(title)}</text>`;
  counts.forEach((c, i) => {
    const h = (c / cmax) * (H - T - B);
    const lo = max === min ? min : min + (i / bins) * (max - min);
    const hi = max === min ? max : min + ((i + 1) / bins) * (max - min);
    s += `<rect x="${L + i * bw + 1}" y="${H - B - h}" width="${Math.max(1, bw - 2)}" height="${h}" fill="#5b7fa6"><title>${c} ${c === 1 ? 'run' : 'runs'}: ${fmt(lo)}–${fmt(hi)}</title></rect>`;
  });
  marks.forEach((m, i) => {
    const ly = 26 + 11 * i;
    if (m.value < min || m.value > max) {
      const right = m.value > max;
      s += `<text x="${right ? width - R : L}" y="${ly}" class="ax" text-anchor="${right ? 'end' : 'start'}" style="fill:${m.color}" font-weight="700">${right ? '' : '← '}${esc(m.label)} ${num(m.value)}${right ? ' →' : ''}</text>`;
      return;
    }
    const mx = x(m.value);
    const anchor = mx > width * 0.7 ? 'end' : mx < width * 0.3 ? 'start' : 'middle';
    s += `<line x1="${mx}" x2="${mx}" y1="${T - 3}" y2="${H - B}" stroke="${m.color}" stroke-width="2"${i ? ' stroke-dasharray="4 2"' : ''}/>`;
    s += `<text x="${mx}" y="${ly}" class="ax" text-anchor="${anchor}" style="fill:${m.color}" font-weight="700">${esc(m.label)} ${num(m.value)}</text>`;
  });
  s += `<text x="${L}" y="${H - 4}" class="ax">${fmt(min)}</text><text x="${width / 2}" y="${H - 4}" class="ax" text-anchor="middle">n = ${values.length} runs</text><text x="${width - R}" y="${H - 4}" class="ax" text-anchor="end">${fmt(max)}</text>`;
  return s + '</svg>';
}

export interface BandRow {
  label: string;
  p10: number; median: number; p90: number; min: number; max: number;
  /** A documented figure and its relative tolerance, marked on the row. */
  documented?: number;
  tolerance?: number;
}

/**
 * Percentile bands, one row each: min–max whisker, 10th–90th percentile box, median tick and,
 * where given, the documented figure with its tolerance band. `shared`: one scale for every row
 * (sides); otherwise each row has its own (documented targets differ by orders of magnitude).
 */
export function bandChart(rows: BandRow[], width: number, opts: { title: string; shared: boolean }): string {
  const rowH = 60;
  const H = 16 + rows.length * rowH;
  const L = 8; const R = 12;
  const top = (r: BandRow) => Math.max(1, r.max, r.documented !== undefined ? r.documented * (1 + (r.tolerance ?? 0)) : 0);
  const shared = niceMax(Math.max(...rows.map(top)));
  let s = `<svg class="chart" viewBox="0 0 ${width} ${H}" width="${width}" height="${H}" role="img" aria-label="${esc(opts.title)}">`;
  s += `<text x="${L}" y="12" class="ct">${esc(opts.title)}</text>`;
  rows.forEach((r, i) => {
    const y = 20 + i * rowH;
    const max = opts.shared ? shared : niceMax(top(r));
    const x = (v: number) => L + (Math.max(0, v) / max) * (width - L - R);
    s += `<text x="${L}" y="${y + 10}" class="ax" font-weight="700">${esc(r.label)}</text>`;
    const by = y + 16;
    s += `<line x1="${L}" x2="${width - R}" y1="${by + 7}" y2="${by + 7}" class="grid"/>`;
    if (r.documented !== undefined) {
      const tol = r.tolerance ?? 0;
      s += `<rect x="${x(r.documented * (1 - tol))}" y="${by}" width="${Math.max(1, x(r.documented * (1 + tol)) - x(r.documented * (1 - tol)))}" height="14" fill="#f3d98b" opacity="0.8"><title>documented ${r.documented} ± ${Math.round(tol * 100)}%</title></rect>`;
      s += `<line x1="${x(r.documented)}" x2="${x(r.documented)}" y1="${by - 3}" y2="${by + 17}" stroke="#8a5a00" stroke-width="2.5"/>`;
    }
    s += `<line x1="${x(r.min)}" x2="${x(r.max)}" y1="${by + 7}" y2="${by + 7}" stroke="#5b7fa6" stroke-width="1.5"/>`;
    s += `<rect x="${x(r.p10)}" y="${by + 2}" width="${Math.max(2, x(r.p90) - x(r.p10))}" height="10" fill="#5b7fa6" opacity="0.55"><title>10th–90th percentile: ${r.p10}–${r.p90}</title></rect>`;
    s += `<line x1="${x(r.median)}" x2="${x(r.median)}" y1="${by}" y2="${by + 14}" stroke="#1d3557" stroke-width="3"><title>median ${r.median}</title></line>`;
    s += `<text x="${L}" y="${by + 24}" class="ax tick">0</text><text x="${width - R}" y="${by + 24}" class="ax tick" text-anchor="end">${fmt(max)}</text>`;
    s += `<text x="${L}" y="${by + 36}" class="ax">median <tspan font-weight="700">${num(r.median)}</tspan> · 10–90%: ${num(r.p10)}–${num(r.p90)}</text>`;
    if (r.documented !== undefined) {
      s += `<text x="${width - R}" y="${by + 36}" class="ax" text-anchor="end" style="fill:#8a5a00">documented <tspan font-weight="700">${num(r.documented)}</tspan>${r.tolerance ? ` ±${Math.round(r.tolerance * 100)}%` : ''}</text>`;
    }
  });
  return s + '</svg>';
}

export interface ShareRow { label: string; shares: Array<{ name: string; value: number; color: string }> }

/** Stacked bars of shares (0–1) per row, e.g. who holds each objective at the end of the runs. */
export function shareBars(rows: ShareRow[], width: number, title: string): string {
  const rowH = 30;
  const H = 34 + rows.length * rowH;
  const L = 8; const R = 8;
  let s = `<svg class="chart" viewBox="0 0 ${width} ${H}" width="${width}" height="${H}" role="img" aria-label="${esc(title)}">`;
  s += `<text x="${L}" y="12" class="ct">${esc(title)}</text>`;
  rows.forEach((r, i) => {
    const y = 20 + i * rowH;
    s += `<text x="${L}" y="${y + 9}" class="ax">${esc(r.label)}</text>`;
    let x = L;
    for (const part of r.shares) {
      const w = part.value * (width - L - R);
      if (w <= 0) continue;
      s += `<rect x="${x}" y="${y + 13}" width="${w}" height="12" fill="${part.color}"><title>${esc(part.name)}: ${Math.round(part.value * 100)}%</title></rect>`;
      if (w > 26) s += `<text x="${x + w / 2}" y="${y + 23}" class="ax" text-anchor="middle" style="fill:#fff" font-weight="700">${Math.round(part.value * 100)}%</text>`;
      x += w;
    }
  });
  const names = new Map(rows.flatMap((r) => r.shares.map((p) => [p.name, p.color] as const)));
  s += legendSvg(legendRows([...names].map(([name, color]) => ({ name, color })), L, width - R), H - 4);
  return s + '</svg>';
}

export interface BandSeries { name: string; color: string; median: number[]; p10: number[]; p90: number[] }

/** Median lines over turns with the 10th–90th percentile band shaded. */
export function bandLineChart(series: BandSeries[], opts: { width: number; height: number; xLabels: string[]; title: string }): string {
  const { width: W, height: H } = opts;
  const L = 40; const R = 8; const T = 20; const B = 34;
  const n = Math.max(1, opts.xLabels.length);
  const ymax = niceMax(Math.max(1, ...series.flatMap((s) => s.p90)));
  const x = (i: number) => L + (n <= 1 ? 0 : (i / (n - 1)) * (W - L - R));
  const y = (v: number) => T + (1 - v / ymax) * (H - T - B);
  let s = timeAxes({ W, H, L, R, B, n, ymax, x, y, title: opts.title, xLabels: opts.xLabels, maxLabels: 4 });
  for (const se of series) {
    const upper = se.p90.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    const lower = se.p10.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).reverse();
    s += `<polygon points="${[...upper, ...lower].join(' ')}" fill="${se.color}" opacity="0.18"/>`;
    s += `<polyline points="${se.median.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ')}" fill="none" stroke="${se.color}" stroke-width="2"/>`;
  }
  s += legendSvg(legendRows(series, L, W - R), H - 9);
  s += `<text x="${W - R}" y="${H - 9}" class="ax" text-anchor="end">line: median, band: 10–90%</text>`;
  return s + '</svg>';
}

export { esc };
