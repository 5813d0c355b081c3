// The schedule-kind registry: one line per kind of plan order or event, each defined in its own
// module (its schema, how it resolves at load, what happens when it fires, what the plan controller
// orders for it; see kind.ts). union.ts makes the file schema, the item types and the dispatch of
// the load step, the orders phase and the plan controller from this list.
export { airStrike } from './air-strike.ts';
export { arrive } from './arrive.ts';
export { bombardment } from './bombardment.ts';
export { flag } from './flag.ts';
export { ground } from './ground.ts';
export { intel } from './intel.ts';
export { keepOut } from './keep-out.ts';
export { order } from './order.ts';
export { redeploy } from './redeploy.ts';
export { refit } from './refit.ts';
export { release } from './release.ts';
export { settleFront } from './settle-front.ts';
export { smoke } from './smoke.ts';
export { withdraw } from './withdraw.ts';
