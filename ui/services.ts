// The page's one map and one engine worker, shared by the panels, the modes and the input.
import { EngineClient } from './client.ts';
import { MapView } from './map-view.ts';

export const view = new MapView();
export const engine = new EngineClient();
