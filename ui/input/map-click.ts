// A click on the map: in the player's phase it gives the order the click means (a mission's hex,
// a move, fire, an attack form, smoke and air); otherwise, and on the player's own units, it
// selects.
import { type EngineContext, type GameState, unitsInHex } from '../../engine/core/index.ts';
import { aimAttack, app, openHexOrders, startPick } from '../app-state.ts';
import { isArtillery, ownUnit, refreshInteraction } from '../choices.ts';
import { hint } from '../dom.ts';
import { act, phaseHint } from '../modes/play.ts';
import { hexOrders, missionAction } from '../orders.ts';
import { setTab } from '../screen.ts';
import { pickInStack, select } from '../selection.ts';
import { view } from '../services.ts';
import { renderUnitPanel } from '../unit-panel.ts';

export function onMapClick(sx: number, sy: number, shift: boolean): void {
  const s = app.state;
  const ctx = app.ctx;
  const hex = view.hexAt(sx, sy);
  const unit = view.unitAt(sx, sy);
  if (!s || !ctx) return;
  const canAct = app.mode === 'play' && app.waiting && !app.busy && !s.finished;
  if (canAct && playerClick(ctx, s, hex, unit, shift)) return;
  if (unit) { pickInStack(unit, s.units[unit].hex); return; }
  if (hex >= 0) {
    const here = unitsInHex(s, hex);
    if (here.length) { pickInStack(here[0].id, hex); return; }
  }
  select([]);
}

/** The order a click in the player's phase gives; false when it only selects. */
function playerClick(ctx: EngineContext, s: GameState, hex: number, unit: string | null, shift: boolean): boolean {
  if (app.pick && hex >= 0) {
    const { kind, units } = app.pick;
    startPick(null);
    void act(missionAction(kind, units, unit ? s.units[unit].hex : hex)).then(() => hint(phaseHint()));
    return true;
  }
  if (unit && ownUnit(unit)) {
    if (shift) select(app.selected.includes(unit) ? app.selected.filter((x) => x !== unit) : [...app.selected, unit]);
    else pickInStack(unit, s.units[unit].hex);
    return true;
  }
  const target = unit ? s.units[unit].hex : hex;
  if (s.phase === 'movement' && target >= 0 && app.reach.has(target) && app.selected.length === 1) {
    void act({ type: 'move', unit: app.selected[0], to: target });
    return true;
  }
  if (s.phase !== 'combat') return false;
  if (app.fireTargets.includes(target) && !app.targets.includes(target)) {
    void act({ type: 'fireSupport', artillery: app.selected.filter(isArtillery), target });
    return true;
  }
  if (target >= 0 && unitsInHex(s, target).some((u) => u.side !== app.side)) {
    aimAttack(target);
    refreshInteraction();
    setTab('unit');
    renderUnitPanel();
    return true;
  }
  if (target >= 0 && hexOrders(ctx, s, app.side, target).some((o) => !o.reason)) {
    openHexOrders(target);
    setTab('unit');
    renderUnitPanel();
    return true;
  }
  return false;
}
