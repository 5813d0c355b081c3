// The doctrine AI: decides, each orders phase, for the units of a side that neither the plan nor
// a player has ordered this turn (no mission, or one that has run its course), from the side's
// doctrine and from what the side believes of the enemy (beliefs.ts), never from the true state.
// It only proposes missions, releases and flags; the mission executor carries them out.
import type { Controller } from '../controller-types.ts';
import type { EngineContext } from '../context.ts';
import type { GameState, Side } from '../types.ts';
import { alliedDoctrine } from './allied.ts';
import { germanDoctrine } from './german.ts';
import { readSituation } from './situation.ts';

export { believedEnemy, believedInHex, believedOdds } from './beliefs.ts';

export interface DoctrineOptions {
  /** Whether a plan also gives this side orders (the AI then fills in around them). */
  plan: boolean;
}

export function doctrineController(opts: DoctrineOptions): Controller {
  return {
    *propose(ctx: EngineContext, now: () => GameState, side: Side) {
      const s = now();
      if (s.phase !== 'orders') return;
      const sit = readSituation(ctx, s, side, opts.plan);
      yield* side === 'german' ? germanDoctrine(sit) : alliedDoctrine(sit);
    },
  };
}
