// The action registry: one line per action type, each defined in its own module (its schema,
// phases, check, apply and the hexes it names; see action.ts). union.ts makes the Action type, the
// replay's action schema and the reducer's dispatch from this list.
export { airStrike } from './air-strike.ts';
export { attack } from './attack.ts';
export { buildBridge } from './build-bridge.ts';
export { digIn } from './dig-in.ts';
export { endPhase } from './end-phase.ts';
export { fireSupport } from './fire-support.ts';
export { move } from './move.ts';
export { releaseReserve } from './release-reserve.ts';
export { relieve } from './relieve.ts';
export { rest } from './rest.ts';
export { setFlag } from './set-flag.ts';
export { setMission } from './set-mission.ts';
export { smoke } from './smoke.ts';
