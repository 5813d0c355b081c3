// Two conditions of an assault that come from the ground and the plan, not the dice: the cover a
// town gives the attackers against the answering guns (fire.assaultCover), and the surprise an
// assault order plans for (mission.surprise), which fades over combat.json surprise.decayDays.
import { describe, expect, it } from 'vitest';
import { buildEngagement, resolveAttack } from '../engine/core/attack.ts';
import { initialState } from '../engine/core/initial.ts';
import { produce } from '../engine/core/immer.ts';
import { loadContext } from '../engine/node/files.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineContext } from '../engine/core/context.ts';
import type { GameState } from '../engine/core/types.ts';

const ctx = loadContext('battle-3');
const town = ctx.scenario.objectives.find((o) => o.id === 'cassino-town')!.hex;

/** The 25th NZ Battalion's assault on the centre of Cassino town, as it opens battle 3. */
function assault(c: EngineContext, s: GameState) {
  let losses = 0;
  produce(s, (d) => {
    const { event } = resolveAttack(c, d, ['nz-25-bn'], town, [], s);
    losses = Number(event.data!.attackerLosses);
  });
  return losses;
}

function withCover(value: number): EngineContext {
  const fire = ctx.params.fire;
  return { ...ctx, params: { ...ctx.params, fire: { ...fire, assaultCover: { ...fire.assaultCover, value: { ...fire.assaultCover.value, town: value } } } } };
}

describe('cover of the ground against the answering guns', () => {
  it('attackers in a town lose fewer men to the answering fire than on open ground', () => {
    expect(ctx.params.fire.assaultCover.value.town).toBeLessThan(1);
    let covered = 0;
    let open = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const s = produce(initialState(ctx, String(seed)), (d) => { d.units['nz-25-bn'].hex = town - 1; });
      covered += assault(ctx, s);
      open += assault(withCover(1), s);
    }
    // Same seeds, same combat draws: only the answering fire differs.
    expect(covered).toBeLessThan(open * 0.9);
  });
});

describe('planned surprise', () => {
  const s0 = produce(initialState(ctx, '1'), (d) => { d.units['nz-25-bn'].hex = town - 1; });
  const at = (s: GameState, days: number, level?: 1 | 2 | 3) => produce(s, (d) => {
    d.time = s.time + days * 1440;
    d.missions['nz-25-bn'] = { kind: 'assault', objective: town, ...(level ? { surprise: { level, from: s.time } } : {}) };
  });
  const surprise = (s: GameState) => buildEngagement(ctx, s, [s.units['nz-25-bn']], [s.units['de-2-fjr-3']], town, 0, 0).surprise;

  it('an assault order without surprise gets none', () => {
    expect(surprise(at(s0, 0))).toBe(0);
  });

  it('fades from the order: substantial, then minor, then none after decayDays', () => {
    const decay = ctx.params.combat.surprise.decayDays;
    expect(surprise(at(s0, 0, 2))).toBe(2);
    expect(surprise(at(s0, decay * 0.6, 2))).toBe(1);
    expect(surprise(at(s0, decay, 2))).toBe(0);
  });

  it('a what-if can plan it: the level, from the time of the order; a wrong level is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cassino-surprise-'));
    const file = (surprise: string) => {
      const f = join(dir, `${surprise}.json`);
      writeFileSync(f, JSON.stringify({
        id: 'w', name: 'surprise', note: 'test', source: 'test', scenario: { id: 'test-skirmish', version: '1' },
        changes: [{ type: 'plan.add', item: { at: '1944-01-20T18:00', kind: 'order', side: 'allied', units: ['us-1-141'], mission: { kind: 'assault', objective: '@5,5', surprise } } }],
      }));
      return f;
    };
    try {
      const c = loadContext('test-skirmish', { whatIf: file('complete') });
      const order = c.scenario.schedule.find((o) => o.kind === 'order' && o.mission.kind === 'assault' && o.mission.surprise);
      expect(order && order.kind === 'order' && order.mission).toMatchObject({ surprise: { level: 3, from: order!.at } });
      const bad = file('total');
      expect(() => loadContext('test-skirmish', { whatIf: bad })).toThrow(`${bad}: changes[0].item.mission.surprise: Invalid option: expected one of "minor"|"substantial"|"complete"`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what a combat event tells of the assault', () => {
  it('the men, hexes and guns engaged, and how many of each side fell to the guns rather than in the fight', () => {
    const s0 = initialState(ctx, '1');
    let data: Record<string, unknown> = {};
    produce(s0, (d) => { data = resolveAttack(ctx, d, ['nz-25-bn'], town, [], s0).event.data!; });
    expect(data.attackMen).toBe(s0.units['nz-25-bn'].men);
    expect(data.attackHexes).toBe(1);
    const defenders = Object.values(s0.units).filter((u) => u.hex === town && u.status === 'active');
    expect(data.defenceMen).toBe(defenders.reduce((a, u) => a + u.men, 0));
    // No Allied guns fired: every defender lost fell in the fight. The answering guns took their share of the attackers.
    expect(data.defenderLossesToFire).toBe(0);
    expect(Number(data.attackerLossesToFire)).toBeGreaterThan(0);
    expect(Number(data.attackerLossesToFire)).toBeLessThanOrEqual(Number(data.attackerLosses));
  });
});

describe('the answering fire and the odds (fire.answeringFireOpposition)', () => {
  const s0 = produce(initialState(ctx, '1'), (d) => { d.units['nz-25-bn'].hex = town - 1; });
  const support = ['nz-4-fd-rgt', 'nz-5-fd-rgt', 'nz-6-fd-rgt', 'uk-nzc-agra', 'us-ii-corps-arty-a', 'us-ii-corps-arty-b'];
  /** Losses to the answering guns and the power ratio of the same assault, with and without the supporting guns. */
  function assaultWith(c: EngineContext, seed: number, guns: string[]) {
    const s = produce(s0, (d) => { d.rng.seed = `${seed}`; });
    let fired = 0;
    let ratio = 0;
    produce(s, (d) => {
      const { event } = resolveAttack(c, d, ['nz-25-bn'], town, guns, s);
      fired = Number(event.data!.attackerLossesToFire);
      ratio = Number(event.data!.ratio);
    });
    return { fired, ratio };
  }
  const withOpposition = (value: number): EngineContext => {
    const fire = ctx.params.fire;
    return { ...ctx, params: { ...ctx.params, fire: { ...fire, answeringFireOpposition: { ...fire.answeringFireOpposition, value } } } };
  };

  it('an assault at high odds loses fewer men to the same answering guns than one held up', () => {
    expect(ctx.params.fire.answeringFireOpposition.value).toBeGreaterThan(0);
    let held = 0;
    let overrun = 0;
    let flatHeld = 0;
    let flatOverrun = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const alone = assaultWith(ctx, seed, []);
      const supported = assaultWith(ctx, seed, support);
      expect(supported.ratio).toBeGreaterThan(alone.ratio * 3);
      held += alone.fired;
      overrun += supported.fired;
      flatHeld += assaultWith(withOpposition(0), seed, []).fired;
      flatOverrun += assaultWith(withOpposition(0), seed, support).fired;
    }
    // The same German guns answer both and the fire draws are the same: only the odds differ.
    expect(overrun).toBeLessThan(held * 0.75);
    // With the exponent at 0 the odds no longer matter.
    expect(flatOverrun).toBe(flatHeld);
  });
});
