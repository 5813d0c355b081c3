// Which turn's story goes with the state shown, and the two states it is told from: in a replay
// the frame before and the frame shown; in play the first state shown in the last turn and in
// this one (kept here as the game goes on, dropped when another game starts).
import type { GameState } from '../engine/core/index.ts';
import { app } from './app-state.ts';
import { type TurnStory, turnStory } from './story.ts';

// Not a cache: the play's own history (the first state shown in each turn of the game on screen).
const firstOfTurn = new Map<number, GameState>();
let game = '';

/** Notes a state shown in play, so the next turn can tell the story of this one. */
export function noteShown(s: GameState | null): void {
  const key = `${app.generation}/${app.mode}/${app.side}/${app.seed}`;
  // Another game, or this one started again (play only goes forward in time).
  if (key !== game || !s || [...firstOfTurn.keys()].some((t) => t > s.turn)) {
    firstOfTurn.clear();
    game = key;
  }
  if (s && !firstOfTurn.has(s.turn)) firstOfTurn.set(s.turn, s);
}

/** The states before and after the turn told with the state shown, or null (the start of a game, or a view). */
export function storyStates(): { before: GameState; after: GameState; turn: number } | null {
  const s = app.state;
  if (!s) return null;
  if (app.mode === 'replay') {
    if (app.frame < 1 || !app.frames[app.frame - 1]) return null;
    const before = app.frames[app.frame - 1];
    return { before, after: app.frames[app.frame], turn: before.turn };
  }
  if (app.mode !== 'play') return null;
  const before = firstOfTurn.get(s.turn - 1);
  return before ? { before, after: firstOfTurn.get(s.turn) ?? s, turn: before.turn } : null;
}

let last: { before: GameState; after: GameState; story: TurnStory } | null = null;

/** The story of the turn told with the state shown (computed once per pair of states). */
export function storyOfShown(): TurnStory | null {
  const st = storyStates();
  if (!st || !app.ctx) return null;
  if (last && last.before === st.before && last.after === st.after) return last.story;
  last = { before: st.before, after: st.after, story: turnStory(app.ctx, st.before, st.after, st.turn) };
  return last.story;
}
