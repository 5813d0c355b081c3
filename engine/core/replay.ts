// The replay file: scenario id and version, seed and action log, with the hash of every turn.
// Its actions are checked by the action registry's schemas (the ones the engine's `Action` type
// comes from), so a malformed action is refused as bad input naming its index and field
// (`actions[12].action.target`) instead of being played and reported as a divergence. Hexes off
// the map need the map: `offMapIssues` (actions/union.ts) checks them once it is loaded.
import { z } from 'zod';
import { actionSchema } from './actions/union.ts';
import { fingerprintSchema } from './batch-files.ts';
import { PHASES, SIDES } from './types.ts';

export const REPLAY_FORMAT = 'cassino-replay';

export const replayFileSchema = z.strictObject({
  format: z.literal(REPLAY_FORMAT),
  version: z.literal(1),
  scenario: z.strictObject({ id: z.string(), version: z.string(), file: z.string().optional() }),
  map: z.strictObject({ id: z.string(), version: z.string() }),
  /** What made the replay (engine code, scenario, parameters, plan choice, Node): `cassino run` writes it; the browser cannot. */
  fingerprint: fingerprintSchema.optional(),
  seed: z.string(),
  turns: z.number().int().positive().optional(),
  actions: z.array(z.strictObject({
    turn: z.number().int().nonnegative(),
    phase: z.enum(PHASES),
    source: z.enum(['plan', 'ai', 'player', 'event']),
    action: actionSchema,
  })),
  turnHashes: z.array(z.string()),
  finalHash: z.string(),
  /**
   * A game saved part-way through a phase (play by e-mail, hot-seat): the side whose part of the
   * phase comes next. Absent when the game was saved at the start of a turn or at its end.
   */
  waitingFor: z.enum(SIDES).optional(),
  /**
   * The hash chain of a game passed between players: each time a side finished its part and the
   * file was saved, the side, where the game stood, how many actions the log then held and the
   * state hash after them. Re-applying the log must meet every link.
   */
  handoffs: z.array(z.strictObject({
    side: z.enum(SIDES),
    turn: z.number().int().nonnegative(),
    phase: z.enum(PHASES),
    actions: z.number().int().nonnegative(),
    hash: z.string(),
  })).optional(),
});

export type ReplayFile = z.infer<typeof replayFileSchema>;
export type Handoff = NonNullable<ReplayFile['handoffs']>[number];
export { offMapIssues } from './actions/union.ts';
