// A binary heap for the movement searches (pathfinding.ts): integer priorities, so the order in
// which equal-cost hexes settle is the same on every machine.

/** A binary min-heap of (priority, value) pairs of non-negative 32-bit integers; ties pop in order of value. */
export class MinHeap {
  private keys = new Int32Array(256);
  private vals = new Int32Array(256);
  private n = 0;
  private last = 0;
  get size(): number { return this.n; }
  /** The priority of the value last popped. */
  get key(): number { return this.last; }
  push(k: number, v: number): void {
    if ((k | 0) !== k) throw new RangeError(`heap priority ${k} is not a 32-bit integer`);
    if (this.n === this.keys.length) {
      const keys = new Int32Array(this.n * 2); keys.set(this.keys); this.keys = keys;
      const vals = new Int32Array(this.n * 2); vals.set(this.vals); this.vals = vals;
    }
    const ks = this.keys; const vs = this.vals;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (ks[parent] < k || (ks[parent] === k && vs[parent] <= v)) break;
      ks[i] = ks[parent]; vs[i] = vs[parent];
      i = parent;
    }
    ks[i] = k; vs[i] = v;
  }
  /** Removes the first pair and returns its value; its priority is then `key`. */
  popValue(): number {
    const ks = this.keys; const vs = this.vals;
    const topK = ks[0]; const topV = vs[0];
    const n = --this.n;
    const lastK = ks[n]; const lastV = vs[n];
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && (ks[c + 1] < ks[c] || (ks[c + 1] === ks[c] && vs[c + 1] < vs[c]))) c++;
        if (ks[c] > lastK || (ks[c] === lastK && vs[c] >= lastV)) break;
        ks[i] = ks[c]; vs[i] = vs[c];
        i = c;
      }
      ks[i] = lastK; vs[i] = lastV;
    }
    this.last = topK;
    return topV;
  }
  pop(): [number, number] {
    const v = this.popValue();
    return [this.last, v];
  }
}
