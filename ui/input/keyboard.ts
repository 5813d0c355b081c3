// The keyboard: map navigation, ending phases, the next unit, replay scrubbing, help, and the
// order keys of the Unit tab. Typing in a text field or a list is left alone.
import { app, playerCanAct, startPick } from '../app-state.ts';
import { $, hint, toggleHelp } from '../dom.ts';
import { undoOrder } from '../modes/keep.ts';
import { endPhase, giveOrder, phaseHint } from '../modes/play.ts';
import { scrubTo, togglePlay } from '../modes/replay.ts';
import { orderForKey } from '../orders.ts';
import { nextUnit, select } from '../selection.ts';
import { view } from '../services.ts';
import { renderUnitPanel } from '../unit-panel.ts';

export function bindKeyboard(): void {
  window.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement;
    const tag = target.tagName;
    if (tag === 'INPUT' && (target as HTMLInputElement).type !== 'range' && (target as HTMLInputElement).type !== 'checkbox') return;
    if (tag === 'SELECT') return;
    const k = e.key;
    if (k === '?' || (k === '/' && e.shiftKey)) { toggleHelp(); e.preventDefault(); return; }
    if (k === 'Escape') { escape(); return; }
    if (!$('help').hidden) return;
    if ((e.ctrlKey || e.metaKey) && (k === 'z' || k === 'Z')) { void undoOrder(e.shiftKey); e.preventDefault(); return; }
    if (mapKey(k, tag) || commandKey(k, tag) || orderKey(e)) e.preventDefault();
  });
}

/** Esc closes the help, then cancels a mission waiting for its hex, else clears the selection. */
function escape(): void {
  $('help').hidden = true;
  if (app.pick) { startPick(null); hint(phaseHint()); renderUnitPanel(); } else select([]);
}

function mapKey(k: string, tag: string): boolean {
  const cx = view.width / 2; const cy = view.height / 2;
  if (k === '+' || k === '=') view.zoomAt(cx, cy, 1.4);
  else if (k === '-' || k === '_') view.zoomAt(cx, cy, 1 / 1.4);
  else if (k === '0') view.fit();
  // On the timeline the arrows move the slider.
  else if (k === 'ArrowLeft' && tag !== 'INPUT') view.panBy(120, 0);
  else if (k === 'ArrowRight' && tag !== 'INPUT') view.panBy(-120, 0);
  else if (k === 'ArrowUp' && tag !== 'INPUT') view.panBy(0, 120);
  else if (k === 'ArrowDown' && tag !== 'INPUT') view.panBy(0, -120);
  else return false;
  return true;
}

function commandKey(k: string, tag: string): boolean {
  if (k === 'e' || k === 'E' || (k === 'Enter' && tag !== 'BUTTON')) void endPhase(true);
  else if (k === 'p' || k === 'P') void endPhase(false);
  else if (k === 'n' || k === 'N' || k === 'Tab') nextUnit();
  else if (k === ' ' && tag !== 'BUTTON') togglePlay();
  else if (k === '[') scrubTo(app.frame - 1);
  else if (k === ']') scrubTo(app.frame + 1);
  else return false;
  return true;
}

function orderKey(e: KeyboardEvent): boolean {
  if (!playerCanAct() || e.ctrlKey || e.metaKey || e.altKey) return false;
  const o = orderForKey(app.orders, e.key);
  if (!o) return false;
  void giveOrder(o);
  return true;
}
