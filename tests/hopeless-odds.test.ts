// Hopeless odds (engine/core/repulse.ts): a unit thrown back at a power ratio below combat.json
// hopelessOdds does not keep assaulting the hex it was thrown back from unless new fire or fresh
// troops raise the odds to the threshold, or a new plan or player order is given. Checked on the
// historical runs of battle 2 (Snakeshead Ridge, where the runs used to repeat assaults at odds of
// 0.01-0.04) and battle 4 (the Poles' three nights of attacks, each a new order), and on a
// hand-made assault, for the player as for the plan and the doctrine.
import { describe, expect, it } from 'vitest';
import { loadContext } from '../engine/node/files.ts';
import { runGame } from '../engine/core/run.ts';
import { fullLog } from '../engine/core/state-log.ts';
import { applyAction, checkAction } from '../engine/core/engine.ts';
import { produce } from '../engine/core/immer.ts';
import type { GameState, LogEvent } from '../engine/core/types.ts';

describe('hopeless odds', () => {
  const ctx = loadContext('battle-2');
  const threshold = ctx.params.combat.hopelessOdds.ratio;

  it('is a rule of the shipped model, at the sourced threshold', () => {
    expect(threshold).toBe(0.5);
  });

  it.each([['battle-2', ['1', '2', '3']], ['battle-4', ['1', '2']]] as const)('no battalion in a historical run of %s assaults again at hopeless odds without a new order', (id, seeds) => {
    const ctx = loadContext(id);
    let repulses = 0;
    for (const seed of seeds) {
      const r = runGame(ctx, { seed, recordActions: true });
      const combats: LogEvent[] = fullLog(r.state).filter((e) => e.kind === 'combat');
      const attacks = r.actions.filter((a) => a.action.type === 'attack');
      // Each accepted assault logs one combat event, in order.
      expect(combats.length).toBe(attacks.length);
      const down = new Map<string, number>(); // unit -> hex it was thrown back from
      let i = 0;
      for (const { action } of r.actions) {
        if (action.type === 'setMission' && action.mission.by !== 'doctrine') {
          for (const id of action.units) down.delete(id);
        }
        if (action.type !== 'attack') continue;
        const ev = combats[i++];
        const ratio = ev.data!.ratio as number;
        for (const id of action.units) {
          // Thrown back from this hex before at hopeless odds and no new order since: only odds at
          // the threshold or better (new fire, fresh troops) let it go in again.
          if (down.get(id) === action.target) expect(ratio, `${id} re-assaults ${action.target} at ${ratio} in run ${seed}`).toBeGreaterThanOrEqual(threshold);
        }
        for (const id of action.units) {
          if (ev.data!.won) down.delete(id);
          else if (ratio < threshold) { down.set(id, action.target); repulses++; }
        }
      }
    }
    // The rule is exercised: battalions are thrown back at hopeless odds in these runs.
    expect(repulses).toBeGreaterThan(0);
  });

  it('the reducer refuses a renewed hopeless assault until a new plan or player order, whoever proposes it', () => {
    // The state at the end of the turn in which a battalion was thrown back at hopeless odds.
    let thrownBack: GameState | undefined;
    runGame(ctx, { seed: '1', onTurnEnd: (s) => { if (!thrownBack && Object.values(s.units).some((u) => u.repulsed)) thrownBack = s; } });
    expect(thrownBack).toBeDefined();
    const [id, u] = Object.entries(thrownBack!.units).find(([, x]) => x.repulsed)!;
    const hex = u.repulsed!.hex;
    expect(u.repulsed!.ratio).toBeLessThan(threshold);
    // Next turn's combat phase, the battalion fresh to attack and the position still held.
    const s = produce(thrownBack!, (d) => { d.phase = 'combat'; d.units[id].attacked = false; d.units[id].mp = 0; });
    const again = { type: 'attack' as const, units: [id], target: hex };
    expect(checkAction(ctx, s, again)).toMatch(/thrown back from this hex .* new order/);
    // The doctrine re-tasking it is not a new order.
    const doctrine = applyAction(ctx, s, { type: 'setMission', units: [id], mission: { kind: 'assault', objective: hex, by: 'doctrine' } });
    expect(doctrine.ok && checkAction(ctx, doctrine.value, again)).toMatch(/thrown back/);
    // A plan or player order is.
    const order = applyAction(ctx, s, { type: 'setMission', units: [id], mission: { kind: 'assault', objective: hex } });
    expect(order.ok && checkAction(ctx, order.value, again)).toBeNull();
  });
});
