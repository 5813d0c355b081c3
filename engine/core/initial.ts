// The state at the start of a scenario, before the first turn's weather phase.
import type { EngineContext } from './context.ts';
import { initRng } from './rng.ts';
import { controlRows } from './control.ts';
import type { GameState, UnitState } from './types.ts';

export function initialState(ctx: EngineContext, seed: string): GameState {
  const s = ctx.scenario;
  const units: Record<string, UnitState> = {};
  for (const u of s.units) {
    units[u.id] = {
      id: u.id, side: u.side, hex: u.status === 'offmap' ? -1 : u.hex, status: u.status,
      men: u.men, guns: u.guns, tanks: u.tanks, posture: 'defend', entrenchment: u.entrenchment,
      turnsInPlace: 0, fatigue: u.fatigue, cohesion: u.cohesion, suppressed: 0, supply: 100, mp: 0, attacked: false, fired: 0,
    };
  }
  const blank = ''.padEnd(ctx.map.size, '0');
  return {
    schema: 1,
    scenario: { id: s.id, version: s.version },
    map: { id: ctx.map.data.id, version: ctx.map.data.version },
    turn: 0,
    time: s.start,
    phase: 'weather',
    lastTurn: s.turns - 1,
    finished: false,
    weather: {
      condition: 'overcast', ground: 'dry', riverLevel: 0, visibility: 100, air: true, temperature: 'temperate',
      historical: false, wetness: 0,
    },
    units,
    control: controlRows(s.control, ctx.map.cols),
    hexes: structuredClone(s.ground),
    missions: {},
    losses: {},
    arrivals: {},
    intel: { allied: { enemyDivisionsBelieved: null }, german: { enemyDivisionsBelieved: null } },
    flags: {},
    rng: initRng(seed),
    log: [],
    history: [],
    turnHashes: [],
    attackSeq: 0,
    observed: { allied: blank, german: blank },
    works: {},
  };
}
