// Conditional plan items: `when` / `unless` conditions in the outcome checks' language, read at
// the start of each turn's orders phase from the item's time on; the item happens in the first turn
// they allow, once, and never after `expires`. Problems name the what-if change and the path.
import { describe, expect, it } from 'vitest';
import { loadContext } from '../engine/node/files.ts';
import { runGame } from '../engine/core/run.ts';
import { toMinutes } from '../engine/core/time.ts';
import type { GameState } from '../engine/core/types.ts';
import { errorOf, whatIf } from './whatif-fixtures.ts';

const START = '1944-01-20T18:00';
const flagItem = (extra: Record<string, unknown>) => ({
  type: 'plan.add', item: { id: 'x.flag', at: START, kind: 'flag', key: 'test.conditional', value: 'set', text: 'the conditional item happened', ...extra },
});
function play(changes: unknown[]): GameState {
  return runGame(loadContext('test-skirmish', { whatIf: whatIf(changes) }), { seed: '1' }).state;
}
const firedAt = (s: GameState) => s.planFired?.['x.flag'];

describe('when / unless on plan items', () => {
  it('waits for a flag another item sets, then happens once, in the next turn', () => {
    const s = play([flagItem({ when: [{ kind: 'flag', key: 'allied.attack-renewed' }] })]);
    expect(firedAt(s)).toBe(toMinutes('1944-01-22T18:00'));
    expect(s.flags['test.conditional']).toBe('set');
    expect(s.log.filter((l) => l.text === 'the conditional item happened')).toHaveLength(1);
  });

  it('does not happen while an unless condition holds, nor after it expires', () => {
    const s = play([flagItem({ at: '1944-01-22T18:00', unless: [{ kind: 'flag', key: 'allied.attack-renewed' }] })]);
    expect(firedAt(s)).toBeUndefined();
    expect(s.flags['test.conditional']).toBeUndefined();
    const late = play([flagItem({ when: [{ kind: 'time', from: '1944-01-22T18:00' }], expires: '1944-01-22T06:00' })]);
    expect(firedAt(late)).toBeUndefined();
  });

  it('reads who holds a hex, a date window, losses and beliefs from the state', () => {
    const held = play([flagItem({ when: [{ kind: 'holds', hex: 'hill-west', side: 'german' }] })]);
    expect(firedAt(held)).toBe(toMinutes(START));
    const windowed = play([flagItem({ when: [{ kind: 'time', from: '1944-01-21T18:00', to: '1944-01-22T06:00' }] })]);
    expect(firedAt(windowed)).toBe(toMinutes('1944-01-21T18:00'));
    const belief = play([flagItem({ when: [{ kind: 'belief', side: 'allied', enemyDivisionsAtLeast: 2 }] })]);
    expect(firedAt(belief)).toBe(toMinutes('1944-01-22T18:00'));
    const lost = play([flagItem({ when: [{ kind: 'losses', side: 'allied', units: ['us-1-141', 'us-2-141'], share: 0.01 }] })]);
    expect(firedAt(lost)).toBeGreaterThan(toMinutes(START));
  });

  it('an item without conditions plays exactly as before', () => {
    const a = runGame(loadContext('test-skirmish'), { seed: '3' });
    const b = runGame(loadContext('test-skirmish', { whatIf: whatIf([]) }), { seed: '3' });
    expect(b.state.turnHashes).toEqual(a.state.turnHashes);
    expect(a.state.planFired).toBeUndefined();
  });

  it('a what-if can make a historical item conditional (plan.modify)', () => {
    const s = play([{ type: 'plan.modify', order: 'sk.tanks-withdrawn', set: { when: [{ kind: 'losses', side: 'allied', units: ['us-751-tk'], share: 0.99 }] } }]);
    expect(s.planFired?.['sk.tanks-withdrawn']).toBeUndefined();
    expect(s.units['us-751-tk'].status).not.toBe('offmap');
  });

  it('refuses a conditional item without an id, an unknown objective and a bridge off the river, naming the path', () => {
    const noId = whatIf([{ type: 'plan.add', item: { at: START, kind: 'flag', key: 'k', value: 'v', text: 't', when: [{ kind: 'time' }] } }]);
    expect(errorOf(() => loadContext('test-skirmish', { whatIf: noId }))).toContain('changes[0].item.id: expected an id on a conditional item');
    const unknown = whatIf([flagItem({ when: [{ kind: 'holds', objective: 'nowhere', side: 'allied' }] })]);
    expect(errorOf(() => loadContext('test-skirmish', { whatIf: unknown }))).toContain('changes[0].item.when[0].objective: unknown objective "nowhere"');
    const dry = whatIf([flagItem({ unless: [{ kind: 'bridge', hex: 'town', toward: 'town@1,0' }] })]);
    expect(errorOf(() => loadContext('test-skirmish', { whatIf: dry }))).toContain('changes[0].item.unless[0].toward: no river runs between');
  });
});
