// Choosing units: a click, a stack clicked again, the next unit with something to do.
import { unitsInHex } from '../engine/core/index.ts';
import { app, noteClick, selectUnits } from './app-state.ts';
import { refreshInteraction } from './choices.ts';
import { toast } from './dom.ts';
import { setTab } from './screen.ts';
import { view } from './services.ts';
import { renderUnitPanel } from './unit-panel.ts';

/** Selects the units (closing any form or pending mission) and shows the first in the Unit tab. */
export function select(ids: string[], centre = false): void {
  selectUnits(ids);
  if (centre && ids.length && app.state) {
    const h = app.state.units[ids[0]]?.hex;
    if (h !== undefined && h >= 0) view.centreOn(h, 40);
  }
  refreshInteraction();
  setTab('unit');
  renderUnitPanel();
}

/** Clicking a stack again selects the next unit in it. */
export function pickInStack(unit: string, hex: number): void {
  const s = app.state!;
  const stack = unitsInHex(s, hex).map((u) => u.id);
  if (app.lastClick.hex === hex && stack.length > 1 && app.selected.length === 1 && stack.includes(app.selected[0])) {
    const i = stack.indexOf(app.selected[0]);
    select([stack[(i + 1) % stack.length]]);
  } else {
    select([unit]);
  }
  noteClick(hex);
}

/** The next unit (by id) of the side that can still do something in this phase. */
export function nextUnit(): void {
  const s = app.state;
  if (!s) return;
  const side = app.mode === 'play' ? app.side : (s.units[app.selected[0]]?.side ?? 'allied');
  const ids = Object.keys(s.units).sort().filter((id) => {
    const u = s.units[id];
    if (u.side !== side || u.hex < 0 || u.status !== 'active') return false;
    if (app.mode === 'play' && s.phase === 'movement') return u.mp > 0;
    if (app.mode === 'play' && s.phase === 'combat') return !u.attacked;
    return true;
  });
  if (!ids.length) { toast('No unit left to command in this phase'); return; }
  const i = ids.indexOf(app.selected[0]);
  select([ids[(i + 1) % ids.length]], true);
}
