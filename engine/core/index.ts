// The engine's public API: what the command line, the workers and the UI may use.
export * from './types.ts';
export * from './hex.ts';
export * from './map.ts';
export * from './time.ts';
export * from './data-error.ts';
export type { EngineContext } from './context.ts';
export { defaultParams, type ModelParams } from './params.ts';
export { loadScenario, resolveHexRef, unitFormations, unitDivision, type Scenario, type UnitDef, type FormationDef } from './scenario.ts';
export { initialState } from './initial.ts';
export { applyAction, checkAction, stateHash, turnHash } from './engine.ts';
export { startGame, runGame, replayGame, objectiveHolders, type RunRecord, type RunOptions, type ReplayCheck, type ObjectiveTrack } from './run.ts';
export { summarise, type RunSummary, type LossRow } from './report.ts';
export { historicalController, planController, missionController, type Controller, type Proposal } from './controllers.ts';
export { reachable, occupancy, terrainAt, moveMode } from './models/movement.ts';
export { resolveEngagement } from './models/combat.ts';
export type { EngagementInput, EngagementResult, CombatForce } from './models/combat-types.ts';
export { canonicalJson, hashValue } from './hash.ts';
export { replayFileSchema, type ReplayFile } from './replay.ts';
