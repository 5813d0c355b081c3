// Fog of war in play: the player sees the enemy only where their side observes this turn, with a
// last-seen marker where an enemy unit was last seen (engine/core/fog.ts computes both). On by
// default in play; a historical replay shows everything.
import { type GameState, type Side, type Sightings, fogOfWar, lastSeenMarkers, updateSightings } from '../engine/core/index.ts';
import { app } from './app-state.ts';
import { view } from './services.ts';

const fog = { on: true, side: 'allied' as Side, sightings: {} as Sightings };

export function fogOn(): boolean { return fog.on && app.mode === 'play'; }

export function setFog(on: boolean): void { fog.on = on; }

/** A new game (or a side handed over): nothing seen yet. */
export function resetSightings(): void { fog.sightings = {}; }

/** The state as the player's side sees it (the whole state when fog is off), the last-seen markers drawn. */
export function fogged(s: GameState): GameState {
  if (!fogOn()) { view.setLastSeen([]); return s; }
  if (fog.side !== app.side) { fog.side = app.side; fog.sightings = {}; }
  fog.sightings = updateSightings(fog.sightings, s, app.side);
  view.setLastSeen(lastSeenMarkers(fog.sightings, s, app.side).map((m) => m.hex));
  return fogOfWar(s, app.side);
}
