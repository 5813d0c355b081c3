// Canonical state hashing. A state's canonical form is JSON with object keys sorted, so two equal
// states give the same text whatever order their keys were built in. The hash is 64-bit FNV-1a
// (as two 32-bit lanes): not cryptographic, but any difference in a replay shows.
// The parts of a state the engine produced never change (every change makes new objects through
// immer, which shares unchanged parts between successive states), so each part's canonical text is
// kept: each turn's hash only serialises what changed. Drafts are never kept. Values from
// elsewhere are kept only when frozen, since their owner might still change them.
import { isDraft } from './immer.ts';

const keptText = new WeakMap<object, string>();
let trusted = false;

/** Canonical text of any value. */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && (trusted ? !isDraft(value) : Object.isFrozen(value))) {
    const hit = keptText.get(value);
    if (hit !== undefined) return hit;
    const text = canonicalUncached(value);
    keptText.set(value, text);
    return text;
  }
  return canonicalUncached(value);
}

/** Canonical text of a state the engine produced, or of a part of one (never of a draft). */
export function stateJson(value: unknown): string {
  if (trusted) return canonicalJson(value);
  trusted = true;
  try {
    return canonicalJson(value);
  } finally {
    trusted = false;
  }
}

function canonicalUncached(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`non-finite number in state: ${value}`);
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) s += (i ? ',' : '') + canonicalJson(value[i]);
    return s + ']';
  }
  const obj = value as Record<string, unknown>;
  const own = Object.keys(obj);
  if (own.length <= SMALL_OBJECT) {
    // Small objects (units, missions, log entries) come in a few shapes: their key order is kept.
    const order = keyOrder(own);
    let s = '{';
    let first = true;
    for (let i = 0; i < order.keys.length; i++) {
      const v = obj[order.keys[i]];
      if (v === undefined) continue;
      s += (first ? '' : ',') + order.labels[i] + canonicalJson(v);
      first = false;
    }
    return s + '}';
  }
  const keys = own.filter((k) => obj[k] !== undefined).sort();
  let s = '{';
  for (let i = 0; i < keys.length; i++) s += (i ? ',' : '') + JSON.stringify(keys[i]) + ':' + canonicalJson(obj[keys[i]]);
  return s + '}';
}

const SMALL_OBJECT = 32;
const keyOrders = new Map<string, { keys: string[]; labels: string[] }>();

/** The sorted keys of an object with these own keys, each with its `"key":` label. */
function keyOrder(own: string[]): { keys: string[]; labels: string[] } {
  const shape = own.join('\u0000');
  let o = keyOrders.get(shape);
  if (!o) {
    const keys = [...own].sort();
    o = { keys, labels: keys.map((k) => JSON.stringify(k) + ':') };
    if (keyOrders.size >= 4096) keyOrders.clear();
    keyOrders.set(shape, o);
  }
  return o;
}

export function fnv1a64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

export function hashValue(value: unknown): string {
  return fnv1a64(canonicalJson(value));
}
