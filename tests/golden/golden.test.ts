// The golden runs replay to the committed files, byte for byte, and the pinned replays verify.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replayFileSchema } from '../../engine/core/replay.ts';
import { replayGame } from '../../engine/core/run.ts';
import type { LoggedAction } from '../../engine/core/actions/union.ts';
import { loadContext } from '../../engine/node/files.ts';
import { GOLDEN_SPECS, goldenDir, goldenText, playGolden } from './golden.ts';

describe('golden runs (npm run golden:write re-pins them, on purpose)', () => {
  for (const spec of GOLDEN_SPECS) {
    it(`${spec.name} plays as pinned`, () => {
      const pinned = readFileSync(`${goldenDir}${spec.name}.json`, 'utf8');
      const { record, replay } = playGolden(spec);
      expect(goldenText(record)).toBe(pinned);
      if (replay) expect(JSON.stringify(replay) + '\n').toBe(readFileSync(`${goldenDir}${spec.name}.replay.json`, 'utf8'));
    });
  }

  for (const spec of GOLDEN_SPECS.filter((s) => s.replay)) {
    it(`the pinned replay ${spec.name}.replay.json verifies with the reducer alone`, () => {
      const file = replayFileSchema.parse(JSON.parse(readFileSync(`${goldenDir}${spec.name}.replay.json`, 'utf8')));
      const ctx = loadContext(file.scenario.id);
      const check = replayGame(ctx, file.seed, file.actions as unknown as LoggedAction[], file.turnHashes);
      expect(check.ok).toBe(true);
      expect(check.finalHash).toBe(file.finalHash);
    });
  }
});
