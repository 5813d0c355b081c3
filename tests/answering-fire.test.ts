// Which guns answer an assault (fire.divisionalGunsAnswer): a division's artillery fires its
// defensive tasks for its own division's front; corps and army artillery go where they are sent.
import { describe, expect, it } from 'vitest';
import { answersFor } from '../engine/core/attack.ts';
import { initialState } from '../engine/core/initial.ts';
import { loadContext } from '../engine/node/files.ts';

describe('guns answering an assault', () => {
  const ctx = loadContext('battle-2');
  const s = initialState(ctx, '1');

  it("a division's guns answer for their own division only; corps guns answer for any", () => {
    // II./GR 211 (71st Division) on Castle Hill; III./FJR 2 on Point 593, under the 90th Panzergrenadier Division.
    const castleHill = answersFor(ctx, [s.units['de-2-gr-211']]);
    const point593 = answersFor(ctx, [s.units['de-3-fjr-2']]);
    expect(castleHill('de-art-171')).toBe(true);
    expect(point593('de-art-171')).toBe(false);
    expect(point593('de-art-190')).toBe(true);
    expect(castleHill('de-xiv-heavy-art')).toBe(true);
    expect(point593('de-xiv-heavy-art')).toBe(true);
  });

  it("with the parameter at 'any', every battery in range answers", () => {
    const any = { ...ctx, params: { ...ctx.params, fire: { ...ctx.params.fire, divisionalGunsAnswer: { ...ctx.params.fire.divisionalGunsAnswer, value: 'any' as const } } } };
    expect(answersFor(any, [s.units['de-3-fjr-2']])('de-art-171')).toBe(true);
  });
});
