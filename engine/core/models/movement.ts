// Movement, one import for its users: the rules (movement-rules.ts), the step costs and their
// caches (step-costs.ts), occupancy (occupancy.ts), pathfinding (pathfinding.ts) and goal fields
// (goal-field.ts).
export { type MoveMode, UNREACHABLE, canAlwaysStep, fordableNow, inEnemyZoc, isBridged, keptOut, moveMode, riverSideAt, terrainAt } from './movement-rules.ts';
export { type Costs, costTable, costsFor, stepCost, stepOf } from './step-costs.ts';
export { type Occupancy, occupancy, occupancyAfterMove, recount, rememberOccupancy } from './occupancy.ts';
export { Reach, type Route, enemyGroundOf, mpAfter, reachable, routeAlong, routeTo } from './pathfinding.ts';
export { goalField } from './goal-field.ts';
export { MinHeap } from './min-heap.ts';
