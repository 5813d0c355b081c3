// Shared test fixtures: the small test scenario on the synthetic valley map.
import { loadContext } from '../engine/node/files.ts';
import type { EngineContext } from '../engine/core/context.ts';

let cached: EngineContext | undefined;

export function testContext(): EngineContext {
  cached ??= loadContext('test-skirmish');
  return cached;
}
