// The story of one turn, read from two states the engine produced (the turn's start and its end)
// and the log between them: who moved where, which assaults went in from where and how they
// ended, where the guns and aircraft struck, and which hexes changed hands. Presentation only:
// every fact here is a difference between engine states or an entry of the engine's log.
import { type EngineContext, type GameState, type LogEvent, type Side, controlOf, fullLog, hexDistance, occupancy, routeTo } from '../engine/core/index.ts';

/** `path`: the hexes of the trail drawn, from `from` to `to` (see trailOf). */
export interface StoryMove { unit: string; side: Side; from: number; to: number; path: number[] }
export interface StoryAssault {
  /** Index of the event in the log of the later state. */
  index: number;
  side: Side;
  target: number;
  /** The hexes the assault went in from. */
  from: number[];
  won: boolean;
  ratio: number;
  attackerLosses: number;
  defenderLosses: number;
}
export interface StoryStrike { index: number; side: Side | undefined; hex: number; kind: string; losses: number }
export interface StoryChange { hex: number; from: string; to: Side }

export interface TurnStory {
  /** The turn told (0-based, as the log counts). */
  turn: number;
  moves: StoryMove[];
  assaults: StoryAssault[];
  strikes: StoryStrike[];
  changed: StoryChange[];
}

const STRIKES = new Set(['bombardment', 'airStrike']);
/** Longest trail drawn, in hexes: farther than a unit marches in a turn (3 km). */
export const MAX_TRAIL = 12;

/** Movement a trail's route may cost, in hundredths of an hour: a whole day's march. */
const TRAIL_MP = 2400;

/**
 * The hexes a move's trail follows: the cheapest route the engine's own pathfinding finds from
 * where the unit stood to where it ended, over the ground as it lay at the turn's start (units
 * that moved before it may have made it take another), else a straight line.
 */
function trailOf(ctx: EngineContext, before: GameState, occ: ReturnType<typeof occupancy>, m: StoryMove): number[] {
  const u = before.units[m.unit];
  const def = ctx.scenario.unitById[m.unit];
  if (!def) return [m.from, m.to];
  const r = routeTo(ctx.map, ctx.params.movement, before, { ...u, mp: TRAIL_MP }, def.type, occ, m.to);
  if (!r || !r.path.length || r.path[r.path.length - 1] !== m.to) return [m.from, m.to];
  return r.path[0] === m.from ? r.path : [m.from, ...r.path];
}

const lossSum = (e: LogEvent) => Object.values(e.losses ?? {}).reduce((a, b) => a + b, 0);

/** The story of turn `turn`: from `before` (a state at or before its start) to `after` (a state at or after its end). */
export function turnStory(ctx: EngineContext, before: GameState, after: GameState, turn: number): TurnStory {
  const moves: StoryMove[] = [];
  for (const id of Object.keys(after.units).sort()) {
    const a = before.units[id]; const b = after.units[id];
    // A unit moved far (a redeployment by road behind the front) has no trail across the map.
    if (!a || a.hex < 0 || b.hex < 0 || a.hex === b.hex || hexDistance(ctx.map, a.hex, b.hex) > MAX_TRAIL) continue;
    moves.push({ unit: id, side: b.side, from: a.hex, to: b.hex, path: [] });
  }
  const occ = moves.length ? occupancy(ctx.map, before) : null;
  for (const m of moves) m.path = trailOf(ctx, before, occ!, m);
  const assaults: StoryAssault[] = [];
  const strikes: StoryStrike[] = [];
  fullLog(after).forEach((e, index) => {
    if (e.turn !== turn || e.hex === undefined || e.hex < 0) return;
    if (e.kind === 'combat' && e.side && e.data) {
      assaults.push({
        index, side: e.side, target: e.hex, from: assaultOrigins(ctx, before, after, e),
        won: e.data.won === true, ratio: Number(e.data.ratio),
        attackerLosses: Number(e.data.attackerLosses ?? 0), defenderLosses: Number(e.data.defenderLosses ?? 0),
      });
    } else if (STRIKES.has(e.kind)) strikes.push({ index, side: e.side, hex: e.hex, kind: e.kind, losses: lossSum(e) });
  });
  const changed: StoryChange[] = [];
  const size = ctx.map.size;
  for (let h = 0; h < size; h++) {
    const now = controlOf(after, h);
    const then = controlOf(before, h);
    if (now !== then && (now === 'A' || now === 'G')) changed.push({ hex: h, from: then, to: now === 'A' ? 'allied' : 'german' });
  }
  return { turn, moves, assaults, strikes, changed };
}

/**
 * Where an assault came from: each attacker's hex next to the target, at the turn's start or
 * its end (a unit may have moved up first, or moved in after winning); else the target's
 * neighbours the attacker held at the start.
 */
function assaultOrigins(ctx: EngineContext, before: GameState, after: GameState, e: LogEvent): number[] {
  const target = e.hex!;
  const next = (h: number) => h >= 0 && h !== target && hexDistance(ctx.map, h, target) === 1;
  const out = new Set<number>();
  for (const id of e.units ?? []) {
    if (ctx.scenario.unitById[id]?.side !== e.side) continue;
    const a = before.units[id]?.hex ?? -1; const b = after.units[id]?.hex ?? -1;
    if (next(a)) out.add(a); else if (next(b)) out.add(b);
  }
  if (!out.size) {
    const own = e.side === 'allied' ? 'A' : 'G';
    for (let d = 0; d < 6; d++) {
      const n = ctx.map.neighbours[target * 6 + d];
      if (n >= 0 && controlOf(before, n) === own) out.add(n);
    }
  }
  return [...out].sort((x, y) => x - y);
}

/** Ground gained by each side in the story: hexes taken from the other side or from nobody. */
export function groundGained(story: TurnStory): Record<Side, number> {
  const out = { allied: 0, german: 0 };
  for (const c of story.changed) out[c.to]++;
  return out;
}
