// Seeded randomness kept inside the game state. Every draw belongs to a named stream and a key
// (turn, hex, attack number…), and its generator is derived from (seed, stream, key): one changed
// decision then cannot reshuffle the draws of unrelated events, which is what paired what-if
// comparisons (common random numbers) need. Sequential streams whose order is fixed by the
// calendar (weather) keep their generator state in GameState.rng.streams.
import seedrandom from 'seedrandom';

export const STREAMS = ['weather', 'combat', 'fire', 'air', 'supply', 'events', 'ai'] as const;
export type StreamName = (typeof STREAMS)[number];

/** alea's internal state: four numbers, cheap to copy inside immer drafts. */
export interface AleaState { c: number; s0: number; s1: number; s2: number }

export interface RngState {
  seed: string;
  streams: Record<StreamName, AleaState>;
}

export type Uniform = () => number;

interface StatefulPrng { (): number; state(): AleaState }

function alea(seed: string, state?: AleaState): StatefulPrng {
  return seedrandom.alea(seed, state ? { state } : { state: true }) as unknown as StatefulPrng;
}

export function initRng(seed: string): RngState {
  const streams = {} as Record<StreamName, AleaState>;
  for (const s of STREAMS) streams[s] = alea(`${seed}/${s}`).state();
  return { seed, streams };
}

/**
 * A uniform generator for one event, derived from the seed, its stream and a key that names the
 * event (e.g. "t12/attack/4711"). The same key always yields the same draws.
 */
export function keyedUniform(rng: RngState, stream: StreamName, key: string): Uniform {
  return seedrandom.alea(`${rng.seed}/${stream}/${key}`);
}

/**
 * Draws `count` numbers from a sequential stream, advancing its state in the (draft) RngState.
 * Use for streams consumed in a fixed calendar order only.
 */
export function drawSequential(rng: RngState, stream: StreamName, count: number): number[] {
  const g = alea('', rng.streams[stream]);
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(g());
  rng.streams[stream] = g.state();
  return out;
}

/** Standard normal deviate from two uniforms (Box–Muller). */
export function normal(u: Uniform): number {
  const a = Math.max(u(), 1e-12);
  const b = u();
  return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b);
}
