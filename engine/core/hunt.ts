// The exploit hunter: a controller that plays one side for the most it can take, with moves and
// attacks the doctrine would never try (every unit towards the nearest enemy objective as deep as
// the rules let it; every gun in range for every assault), and the checks that flag a result
// outside the plausibility bounds kept as data per scenario (scenarios/hunt/bounds.json). Pure:
// its choices come from its own seeded generator, never from the game's streams.
import { z } from 'zod';
import { artilleryInRange, unitsInHex } from './attack.ts';
import type { Controller, Proposal } from './controller-types.ts';
import type { EngineContext } from './context.ts';
import { controlOf } from './control.ts';
import { historicalController } from './controllers.ts';
import { hexDistance, hexLabel } from './map.ts';
import { occupancy, reachable } from './models/movement.ts';
import { type RunRecord, GameSession } from './session.ts';
import { hashValue } from './hash.ts';
import { fullLog } from './state-log.ts';
import { type GameState, type Side, enemyOf } from './types.ts';

const sideEnum = z.enum(['allied', 'german']);
export const huntBoundsSchema = z.strictObject({
  about: z.string(),
  scenarios: z.record(z.string(), z.strictObject({
    /** Turns each try plays (the bounds look at the opening). */
    turns: z.number().int().min(1).max(60),
    /** Objectives a side may not hold within `hours` of the start. */
    objectives: z.array(z.strictObject({ objective: z.string(), side: sideEnum, hours: z.number().positive(), source: z.string().min(1) })),
    /** Deepest a unit may stand behind the enemy's opening line after the first turn, km. */
    maxDepthKmTurn1: z.strictObject({ value: z.number().positive(), source: z.string().min(1) }),
    /** Highest power ratio an assault may reach on the first turn against a mountain position. */
    maxMountainOddsTurn1: z.strictObject({ value: z.number().positive(), source: z.string().min(1) }),
  })),
});
export type HuntBounds = z.infer<typeof huntBoundsSchema>['scenarios'][string];

export interface HuntFlag { kind: 'objective' | 'depth' | 'odds'; turn: number; text: string }

/** A small deterministic generator (mulberry32) seeded from a string: the hunter's own choices. */
function generator(seed: string): () => number {
  let a = parseInt(hashValue(seed).slice(0, 8), 16) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The hunter's controller for its side: `boldness` 0-1 spreads its choices between tries. */
export function hunterController(seed: string): Controller {
  const rnd = generator(seed);
  return {
    *propose(ctx, now, side) {
      const s = now();
      if (s.phase === 'movement') yield* huntMoves(ctx, now, side, rnd);
      if (s.phase === 'combat') yield* huntAttacks(ctx, now, side, rnd);
    },
  };
}

function enemyObjectives(ctx: EngineContext, s: GameState, side: Side): number[] {
  const enemy = side === 'allied' ? 'G' : 'A';
  return ctx.scenario.objectives.map((o) => o.hex).filter((h) => controlOf(s, h) === enemy);
}

function* huntMoves(ctx: EngineContext, now: () => GameState, side: Side, rnd: () => number): Iterable<Proposal> {
  const ids = Object.keys(now().units).filter((id) => now().units[id].side === side).sort();
  for (const id of ids) {
    const s = now();
    const u = s.units[id];
    const type = ctx.scenario.unitById[id].type;
    if (u.status !== 'active' || u.mp <= 0 || type === 'artillery' || rnd() < 0.1) continue;
    const goals = enemyObjectives(ctx, s, side);
    const enemyChar = side === 'allied' ? 'G' : 'A';
    const reach = reachable(ctx.map, ctx.params.movement, s, u, type, occupancy(ctx.map, s));
    let best = -1;
    let bestScore = -Infinity;
    for (const h of reach.reached) {
      if (h === u.hex) continue;
      // Nearest to an enemy objective, then deepest in enemy ground: the exploit is depth.
      const near = goals.length ? Math.min(...goals.map((g) => hexDistance(ctx.map, h, g))) : 0;
      const score = -near * 4 + (controlOf(s, h) === enemyChar ? 2 : 0) + rnd() * 3;
      if (score > bestScore) { bestScore = score; best = h; }
    }
    if (best >= 0) yield { source: 'ai', action: { type: 'move', unit: id, to: best } };
  }
}

function* huntAttacks(ctx: EngineContext, now: () => GameState, side: Side, rnd: () => number): Iterable<Proposal> {
  const s0 = now();
  const targets = new Set<number>();
  for (const id in s0.units) {
    const u = s0.units[id];
    if (u.side !== side || u.status !== 'active' || u.hex < 0) continue;
    for (let d = 0; d < 6; d++) {
      const n = ctx.map.neighbours[u.hex * 6 + d];
      if (n >= 0 && unitsInHex(s0, n).some((x) => x.side !== side)) targets.add(n);
    }
  }
  for (const t of [...targets].sort((a, b) => a - b)) {
    if (rnd() < 0.15) continue;
    const s = now();
    const units = Object.values(s.units).filter((u) => u.side === side && u.status === 'active' && !u.attacked && u.men > 0 && u.hex >= 0
      && hexDistance(ctx.map, u.hex, t) === 1 && ctx.scenario.unitById[u.id].type !== 'artillery').map((u) => u.id).sort();
    if (!units.length) continue;
    const artillery = artilleryInRange(ctx, s, side, t).map((a) => a.id);
    // Every gun in range first (what the attack panel offers); if a fire limit refuses that, the infantry alone.
    yield { source: 'ai', action: { type: 'attack', units, target: t, artillery } };
    if (artillery.length) yield { source: 'ai', action: { type: 'attack', units, target: t } };
  }
}

/** Hexes from `h` to the nearest hex `side` held in `control` rows (a breadth-first search from all of them). */
function depthField(ctx: EngineContext, s: Pick<GameState, 'control'>, side: Side): Int32Array {
  const own = side === 'allied' ? 'A' : 'G';
  const dist = new Int32Array(ctx.map.size).fill(-1);
  let frontier: number[] = [];
  for (let h = 0; h < ctx.map.size; h++) if (controlOf(s, h) === own) { dist[h] = 0; frontier.push(h); }
  for (let d = 1; frontier.length; d++) {
    const next: number[] = [];
    for (const h of frontier) for (let k = 0; k < 6; k++) {
      const n = ctx.map.neighbours[h * 6 + k];
      if (n >= 0 && dist[n] < 0) { dist[n] = d; next.push(n); }
    }
    frontier = next;
  }
  return dist;
}

const MOUNTAIN = new Set(['rugged-bare', 'rugged-mixed', 'rugged-wooded', 'abbey', 'abbey-ruins']);

/** How `side` came to hold hex `h` by the end of turn `turn`: the assault that took it (its odds, men and guns), or walked in. */
function howTaken(ctx: EngineContext, run: RunRecord, side: Side, h: number, turn: number): string {
  const won = fullLog(run.state).find((e) => e.kind === 'combat' && e.side === side && e.hex === h && e.turn <= turn && e.data?.won === true);
  if (!won) return 'entered without an assault';
  const d = won.data as Record<string, number>;
  const n = (x: number) => Math.round(x).toLocaleString('en-GB');
  return `taken on turn ${won.turn + 1} at odds of ${d.ratio}, ${n(d.attackMen)} men from ${d.attackHexes} ${d.attackHexes === 1 ? 'hex' : 'hexes'} with ${n(d.attackGuns)} guns against ${n(d.defenceMen)} men and ${n(d.defenceGuns)} answering guns`;
}

/** The flags a hunted run raises against the bounds: objectives too early, units too deep, odds too high. */
export function huntFlags(ctx: EngineContext, side: Side, bounds: HuntBounds, start: GameState, afterTurn1: GameState | undefined, run: RunRecord): HuntFlag[] {
  const flags: HuntFlag[] = [];
  for (const o of bounds.objectives) {
    if (o.side !== side) continue;
    const taken = run.objectives.find((t) => (t.turn + 1) * 12 <= o.hours && t.holders[o.objective] === side);
    if (taken) flags.push({ kind: 'objective', turn: taken.turn, text: `${side} hold ${o.objective} after turn ${taken.turn + 1} (${(taken.turn + 1) * 12} h; bound: not within ${o.hours} h): ${howTaken(ctx, run, side, ctx.scenario.objectives.find((x) => x.id === o.objective)?.hex ?? -1, taken.turn)}` });
  }
  if (afterTurn1) {
    const dist = depthField(ctx, start, side);
    const km = ctx.map.data.grid.hexSizeM / 1000;
    for (const id of Object.keys(afterTurn1.units).sort()) {
      const u = afterTurn1.units[id];
      if (u.side !== side || u.hex < 0 || u.status !== 'active') continue;
      if (dist[u.hex] * km > bounds.maxDepthKmTurn1.value) {
        flags.push({ kind: 'depth', turn: 0, text: `${id} at ${hexLabel(ctx.map, u.hex)} stands ${(dist[u.hex] * km).toFixed(2)} km behind the enemy's opening line after turn 1 (bound ${bounds.maxDepthKmTurn1.value} km)` });
      }
    }
  }
  // The whole game's log: the state's own holds only the last turn's entries.
  for (const e of fullLog(run.state)) {
    if (e.kind !== 'combat' || e.side !== side || e.turn !== 0 || e.hex === undefined) continue;
    const ratio = (e.data as { ratio?: number } | undefined)?.ratio ?? 0;
    // The bound is on a fortified mountain position: the defenders dug in to the full (posture FD).
    if (MOUNTAIN.has(ctx.map.terrain[e.hex]) && e.data?.defencePosture === 'FD' && ratio > bounds.maxMountainOddsTurn1.value) {
      flags.push({ kind: 'odds', turn: 0, text: `${side} assault on ${hexLabel(ctx.map, e.hex)} (fortified mountain position) at a power ratio of ${ratio} on turn 1 (bound ${bounds.maxMountainOddsTurn1.value})` });
    }
  }
  return flags;
}

export interface HuntTry { seed: string; run: RunRecord; flags: HuntFlag[]; score: number }
export interface HuntResult { side: Side; budget: number; best: HuntTry; flagged: HuntTry[] }

/** One try: the hunter plays `side` from the hunt's seed and try index, the historical plan the other. */
export function huntOnce(ctx: EngineContext, side: Side, bounds: HuntBounds, seed: string): HuntTry {
  let afterTurn1: GameState | undefined;
  const ses = new GameSession(ctx, {
    seed, turns: bounds.turns, recordActions: true,
    seats: { [side]: hunterController(`hunter/${seed}`), [enemyOf(side)]: historicalController() },
    onTurnEnd: (s) => { afterTurn1 ??= s; },
  });
  const start = ses.state;
  ses.advance();
  const run = ses.record();
  const flags = huntFlags(ctx, side, bounds, start, afterTurn1, run);
  const held = run.objectives.length ? Object.values(run.objectives[run.objectives.length - 1].holders).filter((h) => h === side).length : 0;
  return { seed, run, flags, score: flags.length * 100 + held };
}

/** `budget` tries from seeds `seed`, `seed`+1, ...: the best (most flags, then objectives held) and every flagged one. */
export function hunt(ctx: EngineContext, side: Side, bounds: HuntBounds, budget: number, seed: string): HuntResult {
  let best: HuntTry | undefined;
  const flagged: HuntTry[] = [];
  for (let i = 0; i < budget; i++) {
    const t = huntOnce(ctx, side, bounds, `${seed}.${i}`);
    if (t.flags.length) flagged.push(t);
    if (!best || t.score > best.score) best = t;
  }
  return { side, budget, best: best!, flagged };
}
