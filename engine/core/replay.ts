// The replay file: scenario id and version, seed and action log, with the hash of every turn.
// Its actions are checked by the action registry's schemas (the ones the engine's `Action` type
// comes from), so a malformed action is refused as bad input naming its index and field
// (`actions[12].action.target`) instead of being played and reported as a divergence. Hexes off
// the map need the map: `offMapIssues` (actions/union.ts) checks them once it is loaded.
import { z } from 'zod';
import { actionSchema } from './actions/union.ts';
import { fingerprintSchema } from './batch-files.ts';
import { PHASES } from './types.ts';

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
});

export type ReplayFile = z.infer<typeof replayFileSchema>;
export { offMapIssues } from './actions/union.ts';
