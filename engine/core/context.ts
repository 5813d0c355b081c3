// What a run needs besides its state: the resolved scenario, the indexed map and the model
// parameters. All three are read-only during a run.
import type { MapIndex } from './map.ts';
import type { ModelParams } from './params.ts';
import type { Scenario } from './scenario.ts';

export interface EngineContext {
  scenario: Scenario;
  map: MapIndex;
  params: ModelParams;
}
