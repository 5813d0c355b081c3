// The side is done with the phase. Entering the next phase needs work done outside the action's
// draft (engine.ts producePhaseEntry), so the reducer applies it itself.
import { z } from 'zod';
import { PHASES } from '../types.ts';
import { ACCEPTED, defineAction } from './action.ts';

export const endPhase = defineAction({
  type: 'endPhase',
  schema: z.strictObject({ type: z.literal('endPhase') }),
  phases: PHASES,
  check: () => ACCEPTED,
  apply() {
    throw new Error('endPhase is applied by applyAction');
  },
  hexes: () => [],
  units: () => [],
  describe: () => 'end of phase',
});
