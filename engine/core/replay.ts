// The replay file: scenario id and version, seed and action log, with the hash of every turn.
import { z } from 'zod';

export const REPLAY_FORMAT = 'cassino-replay';

const action = z.object({ type: z.string() }).passthrough();

export const replayFileSchema = z.strictObject({
  format: z.literal(REPLAY_FORMAT),
  version: z.literal(1),
  scenario: z.strictObject({ id: z.string(), version: z.string(), file: z.string().optional() }),
  map: z.strictObject({ id: z.string(), version: z.string() }),
  seed: z.string(),
  turns: z.number().int().positive().optional(),
  actions: z.array(z.strictObject({
    turn: z.number().int().nonnegative(),
    phase: z.string(),
    source: z.enum(['plan', 'ai', 'player', 'event']),
    action,
  })),
  turnHashes: z.array(z.string()),
  finalHash: z.string(),
});

export type ReplayFile = z.infer<typeof replayFileSchema>;
