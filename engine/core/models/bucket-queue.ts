// A bucket queue (Dial's algorithm) for Dijkstra searches over integer step costs: pushes and pops
// cost O(1) where a binary heap costs O(log n), which matters on a 19,600-hex map. Values of equal
// priority pop in no particular order, so it serves searches whose result is the distances alone
// (the distances are the same whatever order ties are settled in), not ones that record paths.

/** The smallest power of two greater than the dearest finite step, for `BucketQueue`. */
export function bucketsFor(maxStep: number): number {
  let b = 16;
  while (b <= maxStep) b *= 2;
  return b;
}

/**
 * Priorities must never fall below the last popped one nor exceed it by `buckets` or more, which
 * holds in Dijkstra when every step costs less than `buckets`; a push that breaks this throws.
 */
export class BucketQueue {
  private readonly head: Int32Array;
  private readonly mask: number;
  private val = new Int32Array(1024);
  private next = new Int32Array(1024);
  private used = 0;
  private free = -1;
  private count = 0;
  private cur = 0;

  constructor(buckets: number) {
    this.head = new Int32Array(buckets).fill(-1);
    this.mask = buckets - 1;
  }

  get size(): number { return this.count; }

  /** The priority of the value last popped. */
  get last(): number { return this.cur; }

  push(k: number, v: number): void {
    if (k < this.cur || k - this.cur > this.mask || (k | 0) !== k) throw new RangeError(`bucket queue priority ${k} out of range (at ${this.cur}, ${this.mask + 1} buckets)`);
    let e = this.free;
    if (e >= 0) this.free = this.next[e];
    else {
      if (this.used === this.val.length) this.grow();
      e = this.used++;
    }
    const b = k & this.mask;
    this.val[e] = v;
    this.next[e] = this.head[b];
    this.head[b] = e;
    this.count++;
  }

  /** Removes a value of the lowest priority and returns it; its priority is then `last`. */
  pop(): number {
    if (this.count === 0) throw new RangeError('pop from an empty bucket queue');
    const head = this.head;
    const mask = this.mask;
    let b = this.cur & mask;
    while (head[b] < 0) b = ++this.cur & mask;
    const e = head[b];
    head[b] = this.next[e];
    this.next[e] = this.free;
    this.free = e;
    this.count--;
    return this.val[e];
  }

  private grow(): void {
    const n = this.val.length * 2;
    const val = new Int32Array(n); val.set(this.val); this.val = val;
    const next = new Int32Array(n); next.set(this.next); this.next = next;
  }
}
