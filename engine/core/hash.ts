// State hashing. Two forms:
// - canonical text: JSON with object keys sorted, so two equal values give the same text whatever
//   order their keys were built in (canonicalJson; hashValue is its 64-bit FNV-1a);
// - the state digest (stateDigest): the same structure hashed without the text, each object's
//   64-bit hash made from its children's hashes (a Merkle tree), each key's and value's in key
//   order. Two equal values give the same digest whatever order their keys were built in; any
//   difference in a replay shows. Not cryptographic.
// The parts of a state the engine produced never change (every change makes new objects through
// immer, which shares unchanged parts between successive states), so each part's text and digest
// are kept: each turn's hash only visits what changed. Drafts are never kept. Values from
// elsewhere are kept only when frozen, since their owner might still change them.
import { isDraft } from './immer.ts';
import { onClearCaches } from './caches.ts';

let keptText = new WeakMap<object, string>();
onClearCaches('hash.keptText', () => { keptText = new WeakMap(); });
// Not a cache: whether the value being hashed is a state the engine produced (asTrusted).
let trusted = false;

/** Whether an object's text or digest may be kept: it will never change. */
function keepable(value: object): boolean {
  return trusted ? !isDraft(value) : Object.isFrozen(value);
}

/** Canonical text of any value. */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && keepable(value)) {
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
  return asTrusted(canonicalJson, value);
}

/** The 64-bit digest (16 hex digits) of a state the engine produced, or of a part of one (never of a draft). */
export function stateDigest(value: unknown): string {
  asTrusted(digest, value);
  return hex(lo) + hex(hi);
}

function asTrusted<T>(f: (v: unknown) => T, value: unknown): T {
  if (trusted) return f(value);
  trusted = true;
  try {
    return f(value);
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
interface KeyOrder {
  /** The own keys in the object's order. */
  own: string[];
  /** Where each own key comes in the sorted order. */
  rank: Int32Array;
  keys: string[];
  /** Each key's `"key":` label, for the text. */
  labels: string[];
  /** Each key's digest (low and high lanes), for the digest. */
  lo: Int32Array;
  hi: Int32Array;
}
const keyOrders = new Map<string, KeyOrder>();
onClearCaches('hash.keyOrders', () => { keyOrders.clear(); });

/** The sorted keys of an object with these own keys, each with its `"key":` label and its digest. */
function keyOrder(own: string[]): KeyOrder {
  // JSON text of the key list: unambiguous (joined keys would make [] and [""] one shape).
  const shape = JSON.stringify(own);
  let o = keyOrders.get(shape);
  if (!o) {
    const keys = [...own].sort();
    const klo = new Int32Array(keys.length);
    const khi = new Int32Array(keys.length);
    keys.forEach((k, i) => { stringDigest(k); klo[i] = lo; khi[i] = hi; });
    const rank = Int32Array.from(own, (k) => keys.indexOf(k));
    o = { own, rank, keys, labels: keys.map((k) => JSON.stringify(k) + ':'), lo: klo, hi: khi };
    if (keyOrders.size >= 4096) keyOrders.clear();
    keyOrders.set(shape, o);
  }
  return o;
}

const RECENT_ORDERS = 8;
/** The key orders of the objects digested last, the latest first. */
const recentOrders: KeyOrder[] = [];
/**
 * Likewise for records of more than SMALL_OBJECT keys (units, missions, losses), kept apart so
 * that the many small objects digested between two of them do not push their orders out: listing
 * and looking up a few hundred keys costs far more than checking them in one pass.
 */
const recentBigOrders: KeyOrder[] = [];
onClearCaches('hash.recentOrders', () => { recentOrders.length = 0; recentBigOrders.length = 0; });

/** The values of `obj` in the sorted order of `order`'s keys, or undefined when it has other keys. */
function gather(obj: Record<string, unknown>, order: KeyOrder): unknown[] | undefined {
  const { own, rank } = order;
  let v: unknown[] | undefined;
  let i = 0;
  for (const k in obj) {
    if (own[i] !== k) return undefined;
    (v ??= new Array(own.length))[rank[i]] = obj[k];
    i++;
  }
  return i === own.length ? (v ?? []) : undefined;
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

// --- the digest ---------------------------------------------------------------------------------
// Two 32-bit lanes, each a MurmurHash3-style chain over 32-bit words with its own constants; the
// lanes of a finished value are avalanched (fmix) before its parent takes them in. Every value
// starts with a tag of its kind, and strings, arrays and objects with their length, so values of
// different kinds or shapes never feed the same words. Integer maths only (Math.imul, shifts):
// the same on every machine. The result of the last digest is left in `lo` and `hi`.
// Not a cache: the registers each digest leaves its result in.
let lo = 0;
let hi = 0;

const TAG_NULL = 1, TAG_FALSE = 2, TAG_TRUE = 3, TAG_INT = 4, TAG_NUMBER = 5, TAG_STRING = 6, TAG_ARRAY = 7, TAG_OBJECT = 8;
const SEED_LO = 0x2545f491;
const SEED_HI = 0x6c8e9cf5;

function stepLo(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function stepHi(h: number, k: number): number {
  k = Math.imul(k, 0x85ebca77);
  k = (k << 13) | (k >>> 19);
  h ^= Math.imul(k, 0xc2b2ae3d);
  h = (h << 17) | (h >>> 15);
  return (Math.imul(h, 9) + 0x27d4eb2f) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

const INT_LO = stepLo(SEED_LO, TAG_INT);
const INT_HI = stepHi(SEED_HI, TAG_INT);

let keptDigest = new WeakMap<object, { lo: number; hi: number }>();
onClearCaches('hash.keptDigest', () => { keptDigest = new WeakMap(); });

function digest(value: unknown): void {
  if (value === null || value === undefined) return word(TAG_NULL);
  switch (typeof value) {
    case 'boolean': return word(value ? TAG_TRUE : TAG_FALSE);
    case 'number': return numberDigest(value);
    case 'string': return textDigest(value);
    case 'object': break;
    default: throw new Error(`value of type ${typeof value} in state`);
  }
  const obj = value as object;
  const keep = keepable(obj);
  if (keep) {
    const hit = keptDigest.get(obj);
    if (hit) { lo = hit.lo; hi = hit.hi; return; }
  }
  if (Array.isArray(obj)) arrayDigest(obj);
  else objectDigest(obj as Record<string, unknown>);
  if (keep) keptDigest.set(obj, { lo, hi });
}

function word(tag: number): void {
  lo = fmix(stepLo(SEED_LO, tag));
  hi = fmix(stepHi(SEED_HI, tag));
}

function numberDigest(n: number): void {
  if (!Number.isFinite(n)) throw new Error(`non-finite number in state: ${n}`);
  // Integers (most numbers in a state) as themselves; others by their JSON text, which is exact.
  if ((n | 0) === n) {
    lo = fmix(stepLo(INT_LO, n));
    hi = fmix(stepHi(INT_HI, n));
  } else stringDigest(JSON.stringify(n), TAG_NUMBER);
}

// Short strings recur (unit ids, sides, statuses, postures): their digests are kept.
const SHORT_STRING = 48;
const keptStrings = new Map<string, number>();
const keptStringsHi = new Map<string, number>();
onClearCaches('hash.keptStrings', () => { keptStrings.clear(); keptStringsHi.clear(); });

function textDigest(s: string): void {
  if (s.length > SHORT_STRING) return stringDigest(s, TAG_STRING);
  keptStringDigest(s, keptStrings, keptStringsHi, 65536);
}

/** A string's digest, kept in `los` and `his` (emptied when they reach `most` strings). */
function keptStringDigest(s: string, los: Map<string, number>, his: Map<string, number>, most: number): void {
  const l = los.get(s);
  if (l !== undefined) { lo = l; hi = his.get(s)!; return; }
  stringDigest(s, TAG_STRING);
  if (los.size >= most) { los.clear(); his.clear(); }
  los.set(s, lo);
  his.set(s, hi);
}

/** Digest of a string: its length, then its UTF-16 code units two to a word. */
function stringDigest(s: string, tag = TAG_STRING): void {
  const n = s.length;
  let a = stepLo(stepLo(SEED_LO, tag), n);
  let b = stepHi(stepHi(SEED_HI, tag), n);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const k = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    a = stepLo(a, k);
    b = stepHi(b, k);
  }
  if (i < n) {
    const k = s.charCodeAt(i);
    a = stepLo(a, k);
    b = stepHi(b, k);
  }
  lo = fmix(a);
  hi = fmix(b);
}

// Long strings in arrays (the control rows, a map row each) mostly come again unchanged from one
// turn to the next, the very same string: their digests are kept too, a bounded number.
const keptRows = new Map<string, number>();
const keptRowsHi = new Map<string, number>();
onClearCaches('hash.keptRows', () => { keptRows.clear(); keptRowsHi.clear(); });

function arrayDigest(arr: unknown[]): void {
  let a = stepLo(stepLo(SEED_LO, TAG_ARRAY), arr.length);
  let b = stepHi(stepHi(SEED_HI, TAG_ARRAY), arr.length);
  for (let i = 0; i < arr.length; i++) {
    const v = arr[i];
    if (typeof v === 'string' && v.length > SHORT_STRING) keptStringDigest(v, keptRows, keptRowsHi, 4096);
    else digest(v);
    a = stepHi(stepLo(a, lo), hi);
    b = stepLo(stepHi(b, hi), lo);
  }
  lo = fmix(a);
  hi = fmix(b);
}

function objectDigest(obj: Record<string, unknown>): void {
  // The values in sorted key order. Objects of a few shapes come again and again (the units of a
  // units record, log entries, the records themselves): when the object has one of the last
  // shapes seen, its values are gathered in one pass in its own key order, without listing its
  // keys (reading each by its sorted key is a slower keyed lookup).
  let order: KeyOrder | undefined;
  let vals: unknown[] | undefined;
  for (let j = 0; j < recentOrders.length && !vals; j++) {
    order = recentOrders[j];
    vals = gather(obj, order);
    if (vals && j > 0) { recentOrders.splice(j, 1); recentOrders.unshift(order); }
  }
  for (let j = 0; j < recentBigOrders.length && !vals; j++) {
    order = recentBigOrders[j];
    vals = gather(obj, order);
    if (vals && j > 0) { recentBigOrders.splice(j, 1); recentBigOrders.unshift(order); }
  }
  if (!vals) {
    order = keyOrder(Object.keys(obj));
    vals = order.keys.map((k) => obj[k]);
    const recent = order.own.length > SMALL_OBJECT ? recentBigOrders : recentOrders;
    recent.unshift(order);
    if (recent.length > RECENT_ORDERS) recent.pop();
  }
  let count = 0;
  for (let i = 0; i < vals.length; i++) if (vals[i] !== undefined) count++;
  let a = stepLo(stepLo(SEED_LO, TAG_OBJECT), count);
  let b = stepHi(stepHi(SEED_HI, TAG_OBJECT), count);
  const klo = order!.lo;
  const khi = order!.hi;
  // A big record's values (units, missions) are mostly remade between two of its versions or kept
  // as they were: their digests are kept with the record's last version, by position, rather than
  // one by one in keptDigest (whose every insertion costs more than digesting a unit).
  const big = vals.length > SMALL_OBJECT ? bigRecord(order!, vals.length) : null;
  for (let i = 0; i < vals.length; i++) {
    const v = vals[i];
    if (v === undefined) continue;
    a = stepHi(stepLo(a, klo[i]), khi[i]);
    b = stepLo(stepHi(b, khi[i]), klo[i]);
    // Integers (most values of a unit) inline, as numberDigest digests them.
    let l: number;
    let h: number;
    if (typeof v === 'number' && (v | 0) === v) {
      l = fmix(stepLo(INT_LO, v));
      h = fmix(stepHi(INT_HI, v));
    } else if (big && v !== null && typeof v === 'object' && keepable(v)) {
      if (big.last[i] === v) { l = big.lo[i]; h = big.hi[i]; } else {
        if (Array.isArray(v)) arrayDigest(v); else objectDigest(v as Record<string, unknown>);
        l = lo; h = hi;
        big.last[i] = v; big.lo[i] = l; big.hi[i] = h;
      }
    } else {
      digest(v);
      l = lo;
      h = hi;
    }
    a = stepHi(stepLo(a, l), h);
    b = stepLo(stepHi(b, h), l);
  }
  lo = fmix(a);
  hi = fmix(b);
}

/** The values last digested in a big record of one key order, by position, each with its digest. */
interface BigRecord { order: KeyOrder; last: unknown[]; lo: Int32Array; hi: Int32Array }
const bigRecords = new Map<KeyOrder, BigRecord>();
onClearCaches('hash.bigRecords', () => { bigRecords.clear(); });
const BIG_RECORDS = 8;

/**
 * The kept values and digests of big records of this key order (the last few orders). A record
 * whose keys changed (a unit given its first mission, its first losses) starts from the values of
 * the last big record of about its size, matched by key.
 */
function bigRecord(order: KeyOrder, n: number): BigRecord {
  let r = bigRecords.get(order);
  if (r) {
    bigRecords.delete(order);
  } else {
    r = { order, last: new Array(n), lo: new Int32Array(n), hi: new Int32Array(n) };
    let near: BigRecord | undefined;
    for (const e of bigRecords.values()) if (Math.abs(e.last.length - n) * 8 <= n) near = e;
    if (near) seedBigRecord(r, near);
    if (bigRecords.size >= BIG_RECORDS) bigRecords.delete(bigRecords.keys().next().value!);
  }
  bigRecords.set(order, r);
  return r;
}

/** Copies into `to` the kept values of `from` under the same keys (both key lists are sorted). */
function seedBigRecord(to: BigRecord, from: BigRecord): void {
  const a = to.order.keys;
  const b = from.order.keys;
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    while (j < b.length && b[j] < a[i]) j++;
    if (j < b.length && b[j] === a[i]) {
      to.last[i] = from.last[j]; to.lo[i] = from.lo[j]; to.hi[i] = from.hi[j];
      j++;
    }
  }
}

function hex(x: number): string {
  return (x >>> 0).toString(16).padStart(8, '0');
}
