// compare.html: the paired comparison as one self-contained page (inline CSS and SVG, no scripts):
// the paired differences with their 95 % intervals (one row per figure), the two medians, and the
// share of runs in which each side holds each objective in each arm.
import { COLOR, CSS, esc, fmt, n } from './batch/html.ts';
import { type CompareResult, headlineFigures, whatIfTreeFigures } from './compare-result.ts';
import { type Explanation, explanationSector, sectorNote } from './compare-explain.ts';

function differencesSvg(r: CompareResult, keys: string[]): string {
  const rowH = 22;
  const labelW = 300;
  const plotW = 460;
  const W = labelW + plotW + 20;
  const H = keys.length * rowH + 40;
  const lo = Math.min(0, ...keys.map((k) => r.figures[k].difference.ci95[0]).filter(Number.isFinite));
  const hi = Math.max(0, ...keys.map((k) => r.figures[k].difference.ci95[1]).filter(Number.isFinite));
  const span = hi - lo || 1;
  const x = (v: number): number => labelW + ((v - lo) / span) * plotW;
  const parts = [`<svg class="forest" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="paired differences, what-if minus historical, with 95 % intervals">`];
  parts.push(`<line class="axis" x1="${n(x(0))}" y1="4" x2="${n(x(0))}" y2="${H - 30}"/>`);
  keys.forEach((k, i) => {
    const f = r.figures[k];
    const y = 10 + i * rowH;
    const color = f.side ? COLOR[f.side] : '#555';
    const [a, b] = f.difference.ci95;
    parts.push(`<text x="${labelW - 8}" y="${y + 4}" text-anchor="end">${esc(f.label.length > 48 ? `${f.label.slice(0, 47)}…` : f.label)}</text>`);
    if (Number.isFinite(a) && Number.isFinite(b)) parts.push(`<line x1="${n(x(a))}" y1="${y}" x2="${n(x(b))}" y2="${y}" stroke="${color}" stroke-width="3"/>`);
    parts.push(`<circle class="diff" data-figure="${esc(k)}" cx="${n(x(f.difference.mean))}" cy="${y}" r="4.5" fill="${color}"><title>${esc(f.label)}: mean difference ${fmt(f.difference.mean, 1)} men (95 % ${fmt(a, 1)} to ${fmt(b, 1)}); medians ${fmt(f.historical.median)} historical, ${fmt(f.whatIf.median)} what-if</title></circle>`);
  });
  parts.push(`<text class="tick" x="${labelW}" y="${H - 14}" text-anchor="start">${fmt(lo)}</text><text class="tick" x="${labelW + plotW}" y="${H - 14}" text-anchor="end">${fmt(hi)}</text>`);
  parts.push(`<text class="tick" x="${n(x(0))}" y="${H - 14}" text-anchor="middle">0</text>`);
  parts.push(`<text class="tick" x="${labelW + plotW / 2}" y="${H - 2}" text-anchor="middle">men lost, what-if minus historical (dot: mean over seeds; bar: 95 % interval)</text>`);
  parts.push('</svg>');
  return parts.join('');
}

function sharesSvg(r: CompareResult): string {
  const objectives = Object.entries(r.objectives);
  const rowH = 18;
  const labelW = 300;
  const barW = 380;
  const W = labelW + barW + 110;
  const H = objectives.length * (rowH * 2 + 8) + 8;
  const parts = [`<svg class="shares" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="share of runs in which each side holds each objective, historical and what-if">`];
  objectives.forEach(([id, o], i) => {
    const y0 = 4 + i * (rowH * 2 + 8);
    parts.push(`<text x="${labelW - 8}" y="${y0 + rowH + 4}" text-anchor="end">${esc(o.name)}</text>`);
    (['historical', 'whatIf'] as const).forEach((arm, j) => {
      const y = y0 + j * rowH;
      let x = labelW;
      for (const side of ['allied', 'german', 'none'] as const) {
        const w = o.held[side][arm] * barW;
        if (w <= 0) continue;
        parts.push(`<rect data-objective="${esc(id)}" data-arm="${arm}" x="${n(x)}" y="${y + 1}" width="${n(w)}" height="${rowH - 3}" fill="${COLOR[side]}" fill-opacity="${arm === 'historical' ? 0.55 : 1}"><title>${esc(o.name)}, ${arm === 'historical' ? 'historical plan' : 'what-if'}: ${side} in ${fmt(o.held[side][arm] * 100, 1)} % of runs</title></rect>`);
        x += w;
      }
      parts.push(`<text class="tick" x="${labelW + barW + 6}" y="${y + 12}">${arm === 'historical' ? 'historical' : 'what-if'}${j === 1 ? ` (allied ${o.held.allied.change > 0 ? '+' : ''}${fmt(o.held.allied.change * 100)} pts)` : ''}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

function table(r: CompareResult, keys: string[]): string {
  const rows = keys.map((k) => {
    const f = r.figures[k];
    return `<tr><td>${esc(f.label)}</td><td>${esc(f.kind === 'formation' ? f.level ?? '' : f.kind)}</td><td>${fmt(f.historical.median)}</td><td>${fmt(f.whatIf.median)}</td><td>${fmt(f.difference.mean, 1)}</td><td>${fmt(f.difference.ci95[0], 1)} to ${fmt(f.difference.ci95[1], 1)}</td><td>${fmt(f.difference.median)}</td></tr>`;
  });
  return `<table><thead><tr><th>figure</th><th>kind</th><th>historical median</th><th>what-if median</th><th>mean difference</th><th>95 % interval</th><th>median difference</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The comparison's charts and table: the body of compare.html, and a section of a what-if batch's report.html. */
export function comparisonSections(r: CompareResult, level = 2): string {
  // The what-if's own tree (formations whose units it changes) after the historical tree's rows.
  const keys = [...headlineFigures(r), ...whatIfTreeFigures(r)];
  const h = `h${level}`;
  const legend = `<p class="legend">${(['allied', 'german'] as const).map((s) => `<span><i style="background:${COLOR[s]}"></i>${s}</span>`).join('')}<span><i style="background:${COLOR.none}"></i>neither</span> · paler bars: historical plan</p>`;
  const docs = Object.entries(r.documentedOutcomes ?? {});
  const docTable = docs.length
    ? `<${h}>Documented outcomes</${h}><table><thead><tr><th>target</th><th>documented outcome</th><th>historical</th><th>what-if</th><th>change (95 % interval)</th></tr></thead><tbody>${docs.map(([id, d]) => `<tr><td>${esc(id)}</td><td style="text-align:left">${esc(d.holds)}</td><td>${fmt(d.historical * 100)} %</td><td>${fmt(d.whatIf * 100)} %</td><td>${fmt(d.change * 100)} pts (${fmt(d.ci95[0] * 100)} to ${fmt(d.ci95[1] * 100)})</td></tr>`).join('')}</tbody></table>`
    : '';
  return `${legend}
<${h}>Losses: what-if minus historical</${h}>
<p class="muted">${esc(r.method.pairing)}. ${esc(r.method.interval)}.</p>
${differencesSvg(r, keys)}
<${h}>Objectives at the end</${h}>
${sharesSvg(r)}
${docTable}
${r.explain ? explainSection(r.explain, h) : ''}
<${h}>All headline figures</${h}>
${table(r, keys)}
<p class="muted">Medians: ${esc(r.method.percentile)}. All figures, including brigades and regiments, are in compare.json.</p>`;
}

/** compare --explain: per formation explained, what was first seen to differ in its sector. */
function explainSection(e: Explanation, h: string): string {
  const sign = (x: number): string => (x > 0 ? `+${fmt(x, 1)}` : fmt(x, 1));
  const formations = e.formations.map((f) => `<h4>${esc(f.name)}: ${sign(f.difference.mean)} men (mean), ${sign(f.difference.ci95[0])} to ${sign(f.difference.ci95[1])}</h4>
<p class="muted">men lost differ in ${f.differing} pairs${f.firstTurn ? `; first divergence (median) turn ${f.firstTurn.turn}, ${esc(f.firstTurn.at)}` : ''}${sectorNote(f) ? `; ${sectorNote(f)}` : ''}</p>
<table><thead><tr><th>first seen to differ</th><th>pairs</th><th>share</th><th>per run, historical</th><th>per run, what-if</th></tr></thead><tbody>${f.causes.map((c) => `<tr><td style="text-align:left">${esc(c.text)}</td><td>${c.pairs}</td><td>${fmt(c.share * 100)} %</td><td>${fmt(c.perRun.historical, 2)}</td><td>${fmt(c.perRun.whatIf, 2)}</td></tr>`).join('')}</tbody></table>`);
  return `<${h}>${e.asked ? 'Explain: the formations asked for' : 'Explain: the largest differences outside the what-if\'s sector'}</${h}>
${explanationSector(e).map((l) => `<p>${esc(l)}</p>`).join('')}
${formations.join('\n') || '<p>No formation outside the sector lost a different number of men.</p>'}
<p class="muted">${esc(e.method)}</p>`;
}

export function buildCompareHtml(r: CompareResult): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`What-if ${r.whatIf.name}: ${r.scenario.name}`)}</title>
<style>${CSS}</style></head><body>
<h1>${esc(r.whatIf.name)}</h1>
<p class="muted">what-if ${esc(r.whatIf.id)} on scenario ${esc(r.scenario.id)} v${esc(r.scenario.version)} (${esc(r.scenario.name)}) · seeds ${esc(r.seeds.first)}–${esc(r.seeds.last)} · ${r.paired} pairs</p>
<p>${esc(r.whatIf.note)}</p><p class="note">Source: ${esc(r.whatIf.source)}</p>
${comparisonSections(r)}
</body></html>
`;
}
