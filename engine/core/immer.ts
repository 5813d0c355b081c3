// The engine's own immer instance. Its states are not frozen by default: freezing walks every
// copied container (the units record, a campaign's 9,000-entry log) on every action, and V8
// copies a frozen object far more slowly than an unfrozen one. Measured on the campaign: 12.6 s a
// run frozen, 5.8 s unfrozen, same hashes. States are still never mutated: every change goes
// through produce. The test suite turns freezing on (tests/setup.ts), so a write outside the
// reducer throws there.
import { Immer, isDraft, original } from 'immer';

const immer = new Immer({ autoFreeze: false });

export const produce = immer.produce;
export { isDraft, original };

/**
 * The current value of a draft's property without making a draft of it, as reading it through
 * the draft would: the plain value, or its draft if it already has one. For code that copies a
 * big part of the state itself rather than drafting it (see moveUnit in engine.ts).
 */
export function peek<T extends object, K extends keyof T>(draft: T, key: K): T[K] {
  return Reflect.getOwnPropertyDescriptor(draft, key)?.value as T[K];
}

// immer keeps each draft's own record under this symbol: not part of its API, so peekAll checks
// what it finds there, and tests/caches.test.ts compares what it reads with peek().
const DRAFT_STATE = Symbol.for('immer-state');

/**
 * A draft object's current properties as peek() reads them one at a time (the plain values, or
 * the drafts already made of them), as the plain object immer keeps them in: reading a units record
 * of hundreds of units through the draft's proxy costs ten times as much. Never write to it.
 */
export function peekAll<T extends object>(draft: T): T {
  const state = (draft as Record<symbol, { copy_?: T | null; base_?: T } | undefined>)[DRAFT_STATE];
  const own = state?.copy_ || state?.base_;
  if (!own || typeof own !== 'object' || isDraft(own)) throw new Error('peekAll: not a draft of the immer version this was written for');
  return own;
}

/** Freeze every state the engine produces (the tests do, to catch writes outside the reducer). */
export function freezeStates(on: boolean): void {
  immer.setAutoFreeze(on);
}
