// Fog of war for a person playing one side: they see the enemy only where their side observes
// this turn (the observation the engine computes for both sides in the supply phase, the same
// one its doctrine AI decides on), and where they last saw the enemy units now out of sight.
// Views for showing, never states to play on: the game itself is always the whole state.
import { produce } from './immer.ts';
import { isObserved } from './models/observation.ts';
import type { GameState, Side } from './types.ts';

/** Where and when an enemy unit now out of sight was last seen. */
export interface Sighting { hex: number; turn: number; time: number }
/** The last sighting of each enemy unit, by unit id. */
export type Sightings = Record<string, Sighting>;

const seenBy = (s: GameState, side: Side, hex: number): boolean => hex >= 0 && isObserved(s, side, hex);

/** The state as `side` sees it: enemy units in hexes it does not observe are off the map (hex -1). */
export function fogOfWar(state: GameState, side: Side): GameState {
  const hidden = Object.keys(state.units).filter((id) => {
    const u = state.units[id];
    return u.side !== side && u.hex >= 0 && !seenBy(state, side, u.hex);
  });
  if (!hidden.length) return state;
  return produce(state, (d) => { for (const id of hidden) d.units[id].hex = -1; });
}

/**
 * The sightings after `side` looked at `state`: each enemy unit it sees now is noted where it
 * stands; one it no longer sees keeps its last sighting, unless the hex it was seen in is observed
 * now (the side can see it has gone). Units in sight have no marker: they are on the map.
 */
export function updateSightings(prev: Sightings, state: GameState, side: Side): Sightings {
  const next: Sightings = {};
  for (const id of Object.keys(state.units)) {
    const u = state.units[id];
    if (u.side === side) continue;
    const last = prev[id];
    if (seenBy(state, side, u.hex)) next[id] = { hex: u.hex, turn: state.turn, time: state.time };
    else if (last && !seenBy(state, side, last.hex)) next[id] = last;
  }
  return next;
}

/** The sightings of units out of sight now (the last-seen markers to draw). */
export function lastSeenMarkers(sightings: Sightings, state: GameState, side: Side): Array<Sighting & { id: string }> {
  return Object.entries(sightings)
    .filter(([id]) => { const u = state.units[id]; return !!u && !seenBy(state, side, u.hex); })
    .map(([id, s]) => ({ id, ...s }));
}
