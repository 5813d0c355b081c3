// The code base's layout rules (scripts/layout-check.ts, `npm run layout`): no import circle in
// engine/ or ui/, no function longer than 80 lines there, and ui/ importing nothing from engine/node.
import { describe, expect, it } from 'vitest';
import { checkLayout } from '../scripts/layout-check.ts';

describe('the layout of the code', () => {
  const report = checkLayout();
  it('has no import circle in engine/ or ui/', () => {
    expect(report.circles).toEqual([]);
  });
  it('has no function in engine/ or ui/ longer than 80 lines', () => {
    expect(report.longFunctions.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`)).toEqual([]);
  });
  it('keeps ui/ off engine/node (the browser cannot run Node code)', () => {
    expect(report.uiImportsNode).toEqual([]);
  });
});
