// Small SVG charts: cumulative losses over time, simulated against documented figures, and
// distributions of a batch of runs. Plain SVG strings, no chart library.

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const k of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (k * p >= v) return k * p;
  return 10 * p;
}

const fmt = (v: number) => (Math.abs(v) >= 10000 ? `${Math.round(v / 1000)}k` : Math.abs(v) >= 1000 ? `${(v / 1000).toFixed(1)}k` : String(Math.round(v * 100) / 100));

export interface Series { name: string; color: string; values: number[]; dashed?: boolean }

/** Lines over turns; `marker`: a vertical line at that x index (the turn shown). */
export function lineChart(series: Series[], opts: { width: number; height: number; xLabels: string[]; title: string; marker?: number; refs?: Array<{ value: number; color: string; label: string }> }): string {
  const { width: W, height: H } = opts;
  const L = 44; const R = 8; const T = 20; const B = 34;
  const n = Math.max(1, opts.xLabels.length);
  const ymax = niceMax(Math.max(1, ...series.flatMap((s) => s.values), ...(opts.refs ?? []).map((r) => r.value)));
  const x = (i: number) => L + (n <= 1 ? 0 : (i / (n - 1)) * (W - L - R));
  const y = (v: number) => T + (1 - v / ymax) * (H - T - B);
  let s = `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(opts.title)}">`;
  s += `<text x="${L}" y="13" class="ct">${esc(opts.title)}</text>`;
  for (let k = 0; k <= 4; k++) {
    const v = (ymax * k) / 4;
    s += `<line x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${L - 4}" y="${y(v) + 3}" class="ax" text-anchor="end">${fmt(v)}</text>`;
  }
  const every = Math.max(1, Math.ceil(n / 6));
  opts.xLabels.forEach((lab, i) => {
    if (i % every === 0 || i === n - 1) s += `<text x="${x(i)}" y="${H - B + 14}" class="ax" text-anchor="middle">${esc(lab)}</text>`;
  });
  for (const r of opts.refs ?? []) {
    s += `<line x1="${L}" x2="${W - R}" y1="${y(r.value)}" y2="${y(r.value)}" stroke="${r.color}" stroke-dasharray="4 3" stroke-width="1.2"/>`;
    s += `<text x="${W - R}" y="${y(r.value) - 3}" class="ax" text-anchor="end" fill="${r.color}">${esc(r.label)}</text>`;
  }
  if (opts.marker !== undefined) s += `<line x1="${x(opts.marker)}" x2="${x(opts.marker)}" y1="${T}" y2="${H - B}" class="marker"/>`;
  for (const se of series) {
    const pts = se.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    s += `<polyline points="${pts}" fill="none" stroke="${se.color}" stroke-width="2"${se.dashed ? ' stroke-dasharray="5 3"' : ''}/>`;
  }
  let lx = L;
  const ly = H - 6;
  for (const se of series) {
    s += `<rect x="${lx}" y="${ly - 8}" width="10" height="4" fill="${se.color}"/><text x="${lx + 13}" y="${ly - 3}" class="ax">${esc(se.name)}</text>`;
    lx += 18 + se.name.length * 5.6;
  }
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

/** A histogram of numbers with median and range. */
export function histogram(values: number[], title: string, width: number): string {
  const H = 96; const L = 6; const R = 6; const T = 18; const B = 18;
  const sorted = [...values].sort((a, b) => a - b);
  const min = sorted[0]; const max = sorted[sorted.length - 1];
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const bins = Math.max(1, Math.min(20, Math.ceil(Math.sqrt(values.length))));
  const counts = new Array(bins).fill(0);
  for (const v of values) counts[max === min ? 0 : Math.min(bins - 1, Math.floor(((v - min) / (max - min)) * bins))]++;
  const cmax = Math.max(...counts);
  const bw = (width - L - R) / bins;
  let s = `<svg class="chart" viewBox="0 0 ${width} ${H}" width="${width}" height="${H}">`;
  s += `<text x="${L}" y="12" class="ct">${esc(title)}</text>`;
  counts.forEach((c, i) => {
    const h = (c / cmax) * (H - T - B);
    s += `<rect x="${L + i * bw + 1}" y="${H - B - h}" width="${Math.max(1, bw - 2)}" height="${h}" fill="#5b7fa6"><title>${c}</title></rect>`;
  });
  s += `<text x="${L}" y="${H - 4}" class="ax">${fmt(min)}</text><text x="${width / 2}" y="${H - 4}" class="ax" text-anchor="middle">median ${fmt(median)} · n=${values.length}</text><text x="${width - R}" y="${H - 4}" class="ax" text-anchor="end">${fmt(max)}</text>`;
  return s + '</svg>';
}

/** Counts of categorical values as a small table-like bar list. */
export function categoryBars(counts: Map<string, number>, title: string, width: number): string {
  const entries = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((a, [, n]) => a + n, 0);
  const H = 18 + entries.length * 16;
  let s = `<svg class="chart" viewBox="0 0 ${width} ${H}" width="${width}" height="${H}"><text x="4" y="12" class="ct">${esc(title)}</text>`;
  entries.forEach(([k, n], i) => {
    const y = 18 + i * 16;
    const w = (n / total) * (width - 150);
    s += `<text x="4" y="${y + 10}" class="ax">${esc(k)}</text><rect x="90" y="${y + 2}" width="${w}" height="10" fill="#7a9a5b"/><text x="${94 + w}" y="${y + 10}" class="ax">${n} (${Math.round((n / total) * 100)}%)</text>`;
  });
  return s + '</svg>';
}

export { esc };
