// The HTML helpers of the reports (report.html of a batch, compare.html): colours, escaping,
// number formatting and the shared style sheet. One module, so that batch and compare reports
// share it without importing each other.
import type { Side } from '../../core/types.ts';

export const COLOR: Record<Side | 'none', string> = { allied: '#2f6db5', german: '#b8412f', none: '#b9b9b9' };

export function esc(s: string | number): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** 12345.6 → "12,346" (fixed format, not the machine's locale). */
export function fmt(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const [int, frac] = Math.abs(x).toFixed(digits).split('.');
  return `${x < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
}

/** A coordinate with one decimal (SVG attributes). */
export function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

export const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1120px;padding:0 16px;color:#222;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
.muted{color:#666}.note{color:#666;font-size:12px}
.grid{display:flex;flex-wrap:wrap;gap:12px}
.card{margin:0;border:1px solid #e2e2e2;border-radius:6px;padding:8px;width:344px}
.card figcaption{font-size:12.5px;margin-bottom:4px;min-height:48px}
svg text{font-size:11px;fill:#333}svg .tick{fill:#666;font-size:10px}svg .in-bar{fill:#fff;font-size:11px}
.axis{stroke:#999;stroke-width:1}
.median-marker{stroke:#222;stroke-width:1;stroke-dasharray:3 2}
.documented-marker{stroke:#e09b00;stroke-width:2.5}
.documented-label{fill:#a86f00;font-weight:600}
.tolerance{fill:#e09b00;fill-opacity:0.13}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
table{border-collapse:collapse;font-size:12.5px}td,th{padding:3px 8px;border-bottom:1px solid #eee;text-align:right}td:first-child,th:first-child,td:nth-child(2),th:nth-child(2){text-align:left}
details summary{cursor:pointer;margin:8px 0}
`;

