// The front end's state (ui/app-state.ts) through its named transitions, on the test scenario:
// what stays selected when a new state is shown, when the attack form closes, that answers for a
// scenario the user has left are dropped, and that the replay never shows a frame it has not got.
import fc from 'fast-check';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { enemyOf, startGame } from '../engine/core/index.ts';
import {
  aimAttack, app, applyFrame, applyState, beginScenario, enterPlay, enterReplay, isCurrent, openHexOrders,
  playerTurn, scenarioLoaded, selectUnits, setWaiting, showFrame, startPick,
} from '../ui/app-state.ts';
import { testContext } from './helpers.ts';

const ctx = testContext();
const start = startGame(ctx, '1');
const onMap = (side: 'allied' | 'german') => Object.values(start.units).filter((u) => u.side === side && u.hex >= 0).map((u) => u.id).sort();

function playing(): void {
  beginScenario('test-skirmish.json');
  scenarioLoaded(ctx, '1');
  enterPlay('allied', '1');
  applyState(start);
}

describe('the front end\'s state', () => {
  it('keeps selected the units still on the map when a new state is shown, and drops the others', () => {
    playing();
    const [a, b] = onMap('allied');
    selectUnits([a, b]);
    const gone = produce(start, (s) => { s.units[b].hex = -1; });
    applyState(gone);
    expect(app.selected).toEqual([a]);
  });

  it('closes the attack form when its hex no longer holds an enemy', () => {
    playing();
    const enemy = onMap(enemyOf('allied'))[0];
    const hex = start.units[enemy].hex;
    aimAttack(hex);
    applyState(start);
    expect(app.attackTarget).toBe(hex);
    const emptied = produce(start, (s) => { for (const u of Object.values(s.units)) if (u.hex === hex) u.hex = -1; });
    applyState(emptied);
    expect(app.attackTarget).toBeNull();
  });

  it('selecting units closes the attack form, the smoke-and-air form and a mission waiting for its hex', () => {
    playing();
    const [a] = onMap('allied');
    aimAttack(start.units[onMap('german')[0]].hex);
    openHexOrders(0);
    startPick({ kind: 'assault', units: [a] });
    selectUnits([a]);
    expect({ attack: app.attackTarget, hex: app.orderHex, pick: app.pick, selected: app.selected }).toEqual({ attack: null, hex: null, pick: null, selected: [a] });
  });

  it('drops the answers for a scenario the user has left', () => {
    const first = beginScenario('test-skirmish.json');
    expect(isCurrent(first)).toBe(true);
    const second = beginScenario('battle-1.json');
    expect(isCurrent(first)).toBe(false);
    expect(isCurrent(second)).toBe(true);
    expect({ mode: app.mode, ctx: app.ctx, state: app.state, selected: app.selected }).toEqual({ mode: 'view', ctx: null, state: null, selected: [] });
  });

  it('waits for the player\'s orders only in play mode, while the game waits and has not ended', () => {
    playing();
    setWaiting(true);
    expect(playerTurn()).toBe(true);
    applyState(produce(start, (s) => { s.finished = true; }));
    expect(playerTurn()).toBe(false);
    enterReplay('1');
    applyState(start);
    expect(playerTurn()).toBe(false);
  });

  it('shows only frames the replay has computed, whatever the timeline asks for', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: -50, max: 50 }), (n, wanted) => {
      enterReplay('1');
      for (let i = 0; i < n; i++) applyFrame(i, start);
      showFrame(wanted);
      return app.frame >= 0 && app.frame < n && (wanted < 0 || wanted >= n || app.frame === wanted);
    }));
  });
});
