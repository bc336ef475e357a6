/**
 * The event queue: a binary min-heap on parallel typed arrays (time, key, aux). It grows by
 * doubling. `pop()` leaves the removed event in `topTime`, `topKey`, `topAux`, so nothing is
 * allocated per event. Ties in time come out in an order fixed by the insertion sequence, so a
 * run is deterministic.
 */
export class EventHeap {
  // `declare`: assigned in the constructor only, so that each field's first value is a typed array
  // (a field declared without a value starts as undefined and V8 then checks its map on every use)
  declare time: Float64Array;
  declare key: Int32Array;
  declare aux: Int32Array;
  size = 0;
  topTime = 0;
  topKey = 0;
  topAux = 0;
  /** the time `insert` uses (see there) */
  at = Number.NaN;

  constructor(capacity = 64) {
    this.time = new Float64Array(capacity);
    this.key = new Int32Array(capacity);
    this.aux = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  private grow(): void {
    const n = this.time.length * 2;
    const t = new Float64Array(n);
    t.set(this.time);
    const k = new Int32Array(n);
    k.set(this.key);
    const a = new Int32Array(n);
    a.set(this.aux);
    this.time = t;
    this.key = k;
    this.aux = a;
  }

  /** Adds an event at time `at` (and leaves `at` set to it). */
  push(at: number, key: number, aux: number): void {
    this.at = at;
    this.insert(key, aux);
  }

  /**
   * push(this.at, key, aux). The simulator sets `at` and calls this: V8 passes a double argument
   * to a call it does not inline as a newly allocated number, while a double field is updated in
   * place, so the event loop allocates nothing.
   */
  insert(key: number, aux: number): void {
    if (this.size === this.time.length) this.grow();
    const at = this.at;
    const time = this.time;
    const keys = this.key;
    const auxs = this.aux;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = time[parent]!;
      if (pt <= at) break;
      time[i] = pt;
      keys[i] = keys[parent]!;
      auxs[i] = auxs[parent]!;
      i = parent;
    }
    time[i] = at;
    keys[i] = key;
    auxs[i] = aux;
  }

  /** Removes the earliest event into topTime/topKey/topAux. Returns false when empty. */
  pop(): boolean {
    const n = this.size;
    if (n === 0) return false;
    const time = this.time;
    const keys = this.key;
    const auxs = this.aux;
    this.topTime = time[0]!;
    this.topKey = keys[0]!;
    this.topAux = auxs[0]!;
    const last = n - 1;
    this.size = last;
    if (last === 0) return true;
    const lt = time[last]!;
    const lk = keys[last]!;
    const la = auxs[last]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      let ct = time[child]!;
      const right = child + 1;
      if (right < last) {
        const rt = time[right]!;
        if (rt < ct) {
          child = right;
          ct = rt;
        }
      }
      if (ct >= lt) break;
      time[i] = ct;
      keys[i] = keys[child]!;
      auxs[i] = auxs[child]!;
      i = child;
    }
    time[i] = lt;
    keys[i] = lk;
    auxs[i] = la;
    return true;
  }

  peekTime(): number {
    return this.size > 0 ? this.time[0]! : Number.POSITIVE_INFINITY;
  }
}
