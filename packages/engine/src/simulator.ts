/**
 * The discrete-event simulation of one outlet lobby. One `Simulator` per compiled model is
 * reused across replications: all state lives in typed arrays allocated once, nothing is
 * allocated per customer or per event, and memory does not grow with the horizon.
 *
 * Event loop: a binary heap of (time, key, aux); key = kind | id << 3.
 * Random numbers: replication r draws arrivals from stream (r, 0) and every customer's
 * attributes (service, patience, triage and escort times, all drawn at arrival) from stream
 * (r, 1). Customers' attributes thus do not depend on staffing: common random numbers.
 */
import { type Sampler, sample } from './distributions';
import { EventHeap } from './heap';
import * as L from './layout';
import { MODE_FIXED, MODE_ROTATING, type Model, TL_OFF, TL_ON, TL_SLOT } from './model';
import { subStream, Xoshiro128 } from './rng';
import { HIST_BUCKETS, histBucket, histQuantile } from './stats';

export const EV_ARRIVAL = 0;
export const EV_SERVICE_END = 1;
export const EV_TRIAGE_END = 2;
export const EV_ESCORT_END = 3;
export const EV_ABANDON = 4;
export const EV_SCHEDULE = 5;
export const EV_CHECK = 6;
export const EVENT_NAMES = [
  'arrival',
  'serviceEnd',
  'triageEnd',
  'escortEnd',
  'abandon',
  'schedule',
  'check',
];

const C_FREE = 0;
const C_WELCOME_Q = 1;
const C_TRIAGE = 2;
const C_ESCORT = 3;
const C_ZONE_Q = 4;
const C_SERVICE = 5;
const C_STALE = 6;

/** Optional hook for tests and tracing. When absent the loop pays one null check per call site. */
export interface SimObserver {
  /** an event is scheduled at `at` by an event at `now` (its cause) */
  schedule?(now: number, at: number, kind: number): void;
  /** an event is handled */
  event?(time: number, kind: number): void;
  serviceStart?(e: {
    time: number;
    type: number;
    staff: number;
    post: number;
    arrival: number;
    wait: number;
    escorted: boolean;
  }): void;
  triageStart?(e: { time: number; staff: number; arrival: number }): void;
  escortStart?(e: { time: number; staff: number; arrival: number; minutes: number }): void;
  abandon?(e: { time: number; type: number; arrival: number; wait: number }): void;
  move?(e: { time: number; staff: number; from: number; to: number; rule: number; back: boolean }): void;
}

export interface ReplicationResult {
  replication: number;
  /** see layout.ts */
  vec: Float64Array;
}

export class Simulator {
  readonly m: Model;
  readonly layout: L.Layout;
  /** histogram of waits pooled over every replication this simulator ran: groups × HIST_BUCKETS */
  readonly pooled: Float64Array;
  private heap = new EventHeap(256);
  private obs: SimObserver | null = null;
  private arrRng = new Xoshiro128(0, 0);
  private attrRng = new Xoshiro128(0, 1);
  now = 0;
  private events = 0;
  private mode = MODE_FIXED;
  private warm = 0;
  private endTime = 0;
  // arrival process
  private arrT = 0;
  private arrK = 0;
  private arrSD = 0;
  private arrEnd = 0;
  // customers
  private cap = 0;
  private cType = new Int32Array(0);
  private cArr = new Float64Array(0);
  private cEnq = new Float64Array(0);
  private cWaited = new Float64Array(0);
  private cPat = new Float64Array(0);
  private cSvc = new Float64Array(0);
  private cTri = new Float64Array(0);
  private cEsc = new Float64Array(0);
  private cState = new Uint8Array(0);
  private cCounted = new Uint8Array(0);
  private cEscorted = new Uint8Array(0);
  private cGen = new Int32Array(0);
  private cStaff = new Int32Array(0);
  private cSlot = new Int32Array(0);
  private freeList = new Int32Array(0);
  private freeTop = 0;
  private live = 0;
  // queues: one ring per (post, type)
  private qBuf: Int32Array[] = [];
  private qHead: Int32Array;
  private qCount: Int32Array;
  private qLive: Int32Array;
  private qPost: Int32Array;
  private qArea: Float64Array;
  private qLast: Float64Array;
  private zBusy: Int32Array;
  // staff
  private sPost: Int32Array;
  private sLoad: Int32Array;
  private sCap: Int32Array;
  private sOn: Uint8Array;
  private sAway: Uint8Array;
  private sBackfill: Int32Array;
  private sLast: Float64Array;
  private postStaff: number[][] = [];
  private checkAt: Float64Array;
  // schedule
  private tlIdx = 0;
  private tlDay = 0;
  private curSlot = 0;
  private slotMark = 0;
  // per-replication statistics
  private vec: Float64Array;
  private hist: Float64Array;
  private histLo: Int32Array;
  private histHi: Int32Array;

  // hot constants, copied from the model and layout
  private readonly typePost: Int32Array;
  private readonly typeTarget: Float64Array;
  private readonly postCap: Int32Array;
  private readonly skill: Uint8Array;
  private readonly hasRules: Uint8Array;
  private readonly nT: number;
  private readonly slotBase: number;
  private readonly slotStride: number;
  private readonly staffBase: number;
  private readonly postBase: number;

  constructor(model: Model) {
    this.m = model;
    this.layout = L.layoutOf(model);
    this.typePost = model.typePost;
    this.typeTarget = model.typeTarget;
    this.postCap = model.postCapacity;
    this.skill = model.skill;
    this.hasRules = Uint8Array.from(model.rulesByPost.map((r) => (r.length > 0 ? 1 : 0)));
    this.nT = model.nTypes;
    this.slotBase = this.layout.slotBase;
    this.slotStride = this.layout.slotStride;
    this.staffBase = this.layout.staffBase;
    this.postBase = this.layout.postBase;
    const P = model.nPosts;
    const T = model.nTypes;
    const N = model.nStaff;
    this.pooled = new Float64Array(this.layout.groups * HIST_BUCKETS);
    this.hist = new Float64Array(this.layout.groups * HIST_BUCKETS);
    this.histLo = new Int32Array(this.layout.groups);
    this.histHi = new Int32Array(this.layout.groups);
    for (let i = 0; i < P * T; i++) this.qBuf.push(new Int32Array(16));
    this.qHead = new Int32Array(P * T);
    this.qCount = new Int32Array(P * T);
    this.qLive = new Int32Array(P * T);
    this.qPost = new Int32Array(P);
    this.qArea = new Float64Array(P);
    this.qLast = new Float64Array(P);
    this.zBusy = new Int32Array(P);
    this.checkAt = new Float64Array(P);
    this.sPost = new Int32Array(N);
    this.sLoad = new Int32Array(N);
    this.sCap = new Int32Array(N);
    this.sOn = new Uint8Array(N);
    this.sAway = new Uint8Array(N);
    this.sBackfill = new Int32Array(N);
    this.sLast = new Float64Array(N);
    this.vec = new Float64Array(this.layout.size);
    this.growCustomers(256);
  }

  private growCustomers(n: number): void {
    const old = this.cap;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const u8 = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    this.cType = i32(this.cType);
    this.cArr = f64(this.cArr);
    this.cEnq = f64(this.cEnq);
    this.cWaited = f64(this.cWaited);
    this.cPat = f64(this.cPat);
    this.cSvc = f64(this.cSvc);
    this.cTri = f64(this.cTri);
    this.cEsc = f64(this.cEsc);
    this.cState = u8(this.cState);
    this.cCounted = u8(this.cCounted);
    this.cEscorted = u8(this.cEscorted);
    this.cGen = i32(this.cGen);
    this.cStaff = i32(this.cStaff);
    this.cSlot = i32(this.cSlot);
    const fl = new Int32Array(n);
    fl.set(this.freeList.subarray(0, this.freeTop));
    let top = this.freeTop;
    for (let i = n - 1; i >= old; i--) fl[top++] = i;
    this.freeList = fl;
    this.freeTop = top;
    this.cap = n;
  }

  private alloc(): number {
    if (this.freeTop === 0) this.growCustomers(this.cap * 2);
    return this.freeList[--this.freeTop]!;
  }

  private release(c: number): void {
    this.cState[c] = C_FREE;
    this.freeList[this.freeTop++] = c;
  }

  private push(at: number, kind: number, id: number, aux: number): void {
    this.heap.push(at, kind | (id << 3), aux);
    if (this.obs !== null) this.obs.schedule?.(this.now, at, kind);
  }

  /** Runs replication `replication` with the given seed and returns its result vector. */
  run(seed: number, replication: number, observer?: SimObserver): ReplicationResult {
    const m = this.m;
    this.obs = observer ?? null;
    this.arrRng = new Xoshiro128(seed, subStream(replication, 0));
    this.attrRng = new Xoshiro128(seed, subStream(replication, 1));
    this.reset();
    const horizon = m.horizon;
    this.endTime = m.drain ? horizon + m.drainLimit : horizon;
    // first schedule entry and first arrival
    this.push(m.timelineTime[0] ?? 0, EV_SCHEDULE, 0, 0);
    this.nextArrival();
    const heap = this.heap;
    const endTime = this.endTime;
    const drain = m.drain;
    let last = 0;
    while (heap.pop()) {
      const t = heap.topTime;
      if (t >= endTime) break;
      if (drain && t >= horizon && this.live === 0) break;
      this.now = t;
      last = t;
      this.events++;
      const key = heap.topKey;
      const id = key >> 3;
      if (this.obs !== null) this.obs.event?.(t, key & 7);
      switch (key & 7) {
        case EV_ARRIVAL:
          this.onArrival(id, heap.topAux);
          break;
        case EV_SERVICE_END:
          this.onServiceEnd(id);
          break;
        case EV_TRIAGE_END:
          this.onTriageEnd(id);
          break;
        case EV_ESCORT_END:
          this.onEscortEnd(id);
          break;
        case EV_ABANDON:
          this.onAbandon(id, heap.topAux);
          break;
        case EV_SCHEDULE:
          this.onSchedule();
          break;
        default:
          this.onCheck(id);
      }
      if (drain && t >= horizon && this.live === 0) break;
    }
    const end = drain ? Math.max(horizon, last) : horizon;
    this.now = end;
    this.finish(end, replication);
    this.obs = null;
    return { replication, vec: this.vec.slice() };
  }

  private reset(): void {
    const m = this.m;
    this.heap.clear();
    this.now = 0;
    this.events = 0;
    this.warm = m.warmup;
    this.mode = m.slotMode[0] ?? MODE_FIXED;
    this.arrT = 0;
    this.arrK = 0;
    this.arrSD = 0;
    this.arrEnd = m.slotMinutes;
    this.cState.fill(0);
    this.freeTop = 0;
    for (let i = this.cap - 1; i >= 0; i--) this.freeList[this.freeTop++] = i;
    this.live = 0;
    this.qHead.fill(0);
    this.qCount.fill(0);
    this.qLive.fill(0);
    this.qPost.fill(0);
    this.qArea.fill(0);
    this.qLast.fill(0);
    this.zBusy.fill(0);
    this.checkAt.fill(-1);
    this.sLoad.fill(0);
    this.sOn.fill(0);
    this.sAway.fill(0);
    this.sBackfill.fill(-1);
    this.sLast.fill(0);
    this.postStaff = [];
    for (let p = 0; p < m.nPosts; p++) this.postStaff.push([]);
    for (let s = 0; s < m.nStaff; s++) {
      const h = m.staffHome[s]!;
      this.sPost[s] = h;
      this.sCap[s] = m.postPerStaff[h]!;
      this.postStaff[h]!.push(s);
    }
    this.tlIdx = 0;
    this.tlDay = 0;
    this.curSlot = 0;
    this.slotMark = 0;
    this.vec.fill(0);
    this.histLo.fill(HIST_BUCKETS);
    this.histHi.fill(-1);
  }

  // ---------------------------------------------------------------- arrivals

  /** Exact inversion of the piecewise-constant rate: an Exp(1) budget spent slot by slot. */
  private nextArrival(): void {
    const m = this.m;
    const rate = m.slotRate;
    const S = m.slotsPerDay;
    const slot = m.slotMinutes;
    const horizon = m.horizon;
    let t = this.arrT;
    let k = this.arrK;
    let sd = this.arrSD;
    let end = this.arrEnd;
    let e = -Math.log(this.arrRng.uniform());
    for (;;) {
      const r = rate[sd]!;
      if (r > 0) {
        const need = e / r;
        if (t + need < end) {
          t += need;
          break;
        }
        e -= (end - t) * r;
      }
      t = end;
      k++;
      sd++;
      if (sd === S) sd = 0;
      end = (k + 1) * slot;
      if (t >= horizon) break;
    }
    this.arrT = t;
    this.arrK = k;
    this.arrSD = sd;
    this.arrEnd = end;
    if (t >= horizon) return;
    let ty = 0;
    const T = m.nTypes;
    if (T > 1) {
      const u = this.arrRng.uniform();
      const base = sd * T;
      const cum = m.slotCum;
      while (ty < T - 1 && u >= cum[base + ty]!) ty++;
    }
    this.push(t, EV_ARRIVAL, sd, ty);
  }

  private onArrival(slotOfDay: number, ty: number): void {
    this.nextArrival();
    const m = this.m;
    const now = this.now;
    const counted = now >= this.warm;
    const vec = this.vec;
    const g = ty * L.G_FIELDS;
    if (counted) {
      vec[g + L.G_ARR]!++;
      vec[this.slotBase + slotOfDay * this.slotStride + L.SL_ARR]!++;
    }
    if (this.live >= m.lobbyCapacity) {
      if (counted) vec[g + L.G_TURNED]!++;
      return;
    }
    const c = this.alloc();
    const rng = this.attrRng;
    this.cType[c] = ty;
    this.cArr[c] = now;
    this.cWaited[c] = 0;
    this.cSvc[c] = sample(rng, m.service[ty]!);
    const pat = m.patience[ty];
    this.cPat[c] = pat ? sample(rng, pat) : Number.POSITIVE_INFINITY;
    this.cCounted[c] = counted ? 1 : 0;
    this.cEscorted[c] = 0;
    this.cSlot[c] = slotOfDay;
    this.live++;
    const triage = m.triage;
    if (triage === null) {
      this.toZone(c);
      return;
    }
    this.cTri[c] = sample(rng, triage);
    this.cEsc[c] = sample(rng, m.escort as Sampler);
    if (this.mode === MODE_FIXED) {
      const s = this.idleAt(0, ty);
      if (s >= 0) this.startTriage(c, s);
      else this.enqueue(c, 0);
    } else {
      if (counted) vec[this.layout.modeBase + L.M_ROT_ARR]!++;
      const s = this.idleAt(0, ty);
      if (s >= 0) this.startEscort(c, s);
      else this.toZone(c);
      if (this.hasRules[0] === 1) this.checkPost(0);
    }
  }

  /** An available staff member at post p, free to take a customer of type ty; -1 when none. */
  private idleAt(p: number, ty: number): number {
    if (p !== 0 && this.zBusy[p]! >= this.postCap[p]!) return -1;
    const list = this.postStaff[p]!;
    const skill = this.skill;
    const T = this.nT;
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      if (
        this.sOn[s] === 1 &&
        this.sAway[s] === 0 &&
        this.sLoad[s]! < this.sCap[s]! &&
        (p === 0 || skill[s * T + ty] === 1)
      )
        return s;
    }
    return -1;
  }

  private toZone(c: number): void {
    const ty = this.cType[c]!;
    const p = this.typePost[ty]!;
    const s = this.idleAt(p, ty);
    if (s >= 0) this.startService(c, s, p);
    else this.enqueue(c, p);
  }

  // ---------------------------------------------------------------- queues

  private touchQueue(p: number): void {
    const now = this.now;
    const last = this.qLast[p]!;
    const from = Math.max(last, this.warm);
    if (now > from) this.qArea[p] = this.qArea[p]! + this.qPost[p]! * (now - from);
    this.qLast[p] = now;
  }

  private enqueue(c: number, p: number): void {
    const m = this.m;
    const ty = this.cType[c]!;
    const qi = p * m.nTypes + ty;
    this.touchQueue(p);
    let buf = this.qBuf[qi]!;
    let count = this.qCount[qi]!;
    if (count > 64 && count > 2 * this.qLive[qi]!) {
      this.compact(qi);
      buf = this.qBuf[qi]!;
      count = this.qCount[qi]!;
    }
    if (count === buf.length) {
      const nb = new Int32Array(buf.length * 2);
      const head = this.qHead[qi]!;
      const mask = buf.length - 1;
      for (let i = 0; i < count; i++) nb[i] = buf[(head + i) & mask]!;
      this.qBuf[qi] = nb;
      this.qHead[qi] = 0;
      buf = nb;
    }
    buf[(this.qHead[qi]! + count) & (buf.length - 1)] = c;
    this.qCount[qi] = count + 1;
    this.qLive[qi]!++;
    const wasEmpty = this.qPost[p] === 0;
    this.qPost[p]!++;
    this.cState[c] = p === 0 ? C_WELCOME_Q : C_ZONE_Q;
    this.cEnq[c] = this.now;
    const gen = (this.cGen[c]! + 1) | 0;
    this.cGen[c] = gen;
    const pat = this.cPat[c]!;
    if (pat < Number.POSITIVE_INFINITY) this.push(this.now + pat, EV_ABANDON, c, gen);
    if (this.hasRules[p] === 1) {
      const ow = m.postOldestWait[p]!;
      if (wasEmpty && ow < Number.POSITIVE_INFINITY) this.scheduleCheck(p, this.now + ow);
      this.checkPost(p);
    }
  }

  /** Drops abandoned entries from a ring (amortised O(1) per customer). */
  private compact(qi: number): void {
    const buf = this.qBuf[qi]!;
    const mask = buf.length - 1;
    const head = this.qHead[qi]!;
    const count = this.qCount[qi]!;
    let w = 0;
    const nb = new Int32Array(buf.length);
    for (let i = 0; i < count; i++) {
      const c = buf[(head + i) & mask]!;
      if (this.cState[c] === C_STALE) this.release(c);
      else nb[w++] = c;
    }
    this.qBuf[qi] = nb;
    this.qHead[qi] = 0;
    this.qCount[qi] = w;
  }

  /** The first live customer of ring qi (dropping abandoned ones); -1 when empty. */
  private peek(qi: number): number {
    if (this.qLive[qi] === 0) return -1;
    const buf = this.qBuf[qi]!;
    const mask = buf.length - 1;
    let head = this.qHead[qi]!;
    let count = this.qCount[qi]!;
    for (;;) {
      const c = buf[head]!;
      if (this.cState[c] !== C_STALE) {
        this.qHead[qi] = head;
        this.qCount[qi] = count;
        return c;
      }
      this.release(c);
      head = (head + 1) & mask;
      count--;
    }
  }

  /** Removes the head of ring qi (which peek returned) and adds its wait. */
  private dequeueHead(qi: number, p: number): number {
    const buf = this.qBuf[qi]!;
    const head = this.qHead[qi]!;
    const c = buf[head]!;
    this.qHead[qi] = (head + 1) & (buf.length - 1);
    this.qCount[qi]!--;
    this.qLive[qi]!--;
    this.touchQueue(p);
    this.qPost[p]!--;
    const waited = this.now - this.cEnq[c]!;
    this.cWaited[c] = this.cWaited[c]! + waited;
    this.cPat[c] = this.cPat[c]! - waited;
    this.cGen[c] = (this.cGen[c]! + 1) | 0;
    return c;
  }

  /** The ring holding the customer staff s should take next at post p; -1 when none. */
  private bestQueue(s: number, p: number): number {
    const m = this.m;
    const T = m.nTypes;
    const types = m.postTypes[p]!;
    let best = -1;
    let bestPri = -1;
    let bestEnq = Number.POSITIVE_INFINITY;
    for (let i = 0; i < types.length; i++) {
      const ty = types[i]!;
      const qi = p * T + ty;
      if (this.qLive[qi] === 0) continue;
      if (p !== 0 && m.skill[s * T + ty] === 0) continue;
      const pri = m.typePriority[ty]!;
      if (pri < bestPri) break;
      const c = this.peek(qi);
      const enq = this.cEnq[c]!;
      if (pri > bestPri || enq < bestEnq) {
        best = qi;
        bestPri = pri;
        bestEnq = enq;
      }
    }
    return best;
  }

  private oldestEnqueue(p: number): number {
    const T = this.m.nTypes;
    let oldest = Number.POSITIVE_INFINITY;
    for (let ty = 0; ty < T; ty++) {
      const qi = p * T + ty;
      if (this.qLive[qi] === 0) continue;
      const e = this.cEnq[this.peek(qi)]!;
      if (e < oldest) oldest = e;
    }
    return oldest;
  }

  // ---------------------------------------------------------------- staff

  private touchStaff(s: number): void {
    const now = this.now;
    const last = this.sLast[s]!;
    const from = Math.max(last, this.warm);
    if (now > from) {
      const dt = now - from;
      const load = this.sLoad[s]!;
      if (this.sOn[s] === 1 || load > 0) {
        const vec = this.vec;
        const sb = this.staffBase + s * L.S_FIELDS;
        const pb = this.postBase + this.sPost[s]! * L.P_FIELDS;
        vec[sb + L.S_PRES] = vec[sb + L.S_PRES]! + dt;
        vec[pb + L.P_PRES] = vec[pb + L.P_PRES]! + dt;
        if (load > 0) {
          const b = (dt * load) / this.sCap[s]!;
          vec[sb + L.S_BUSY] = vec[sb + L.S_BUSY]! + b;
          vec[pb + L.P_BUSY] = vec[pb + L.P_BUSY]! + b;
        }
      }
    }
    this.sLast[s] = now;
  }

  private recordWait(c: number, w: number, served: boolean): void {
    if (this.cCounted[c] === 0) return;
    const ty = this.cType[c]!;
    const vec = this.vec;
    const g = ty * L.G_FIELDS;
    vec[g + L.G_WAITN]!++;
    vec[g + L.G_WAITSUM] = vec[g + L.G_WAITSUM]! + w;
    if (w > 0) vec[g + L.G_WAITED]!++;
    const within = served && w <= this.typeTarget[ty]!;
    if (within) vec[g + L.G_WITHIN]!++;
    const sb = this.slotBase + this.cSlot[c]! * this.slotStride;
    vec[sb + L.SL_WN]!++;
    vec[sb + L.SL_WSUM] = vec[sb + L.SL_WSUM]! + w;
    if (within) vec[sb + L.SL_WITHIN]!++;
    const b = histBucket(w);
    this.hist[ty * HIST_BUCKETS + b]!++;
    if (b < this.histLo[ty]!) this.histLo[ty] = b;
    if (b > this.histHi[ty]!) this.histHi[ty] = b;
  }

  private startService(c: number, s: number, p: number): void {
    this.recordWait(c, this.cWaited[c]!, true);
    this.cState[c] = C_SERVICE;
    this.cStaff[c] = s;
    this.touchStaff(s);
    this.sLoad[s]!++;
    this.zBusy[p]!++;
    this.push(this.now + this.cSvc[c]!, EV_SERVICE_END, c, 0);
    if (this.obs !== null)
      this.obs.serviceStart?.({
        time: this.now,
        type: this.cType[c]!,
        staff: s,
        post: p,
        arrival: this.cArr[c]!,
        wait: this.cWaited[c]!,
        escorted: this.cEscorted[c] === 1,
      });
  }

  private startTriage(c: number, s: number): void {
    this.cState[c] = C_TRIAGE;
    this.cStaff[c] = s;
    this.touchStaff(s);
    this.sLoad[s]!++;
    this.push(this.now + this.cTri[c]!, EV_TRIAGE_END, c, 0);
    if (this.obs !== null) this.obs.triageStart?.({ time: this.now, staff: s, arrival: this.cArr[c]! });
  }

  private startEscort(c: number, s: number): void {
    this.cState[c] = C_ESCORT;
    this.cStaff[c] = s;
    this.cEscorted[c] = 1;
    if (this.cCounted[c] === 1) this.vec[this.layout.modeBase + L.M_ESCORTED]!++;
    this.touchStaff(s);
    this.sLoad[s]!++;
    this.sAway[s] = 1;
    this.push(this.now + this.cEsc[c]!, EV_ESCORT_END, c, 0);
    if (this.obs !== null)
      this.obs.escortStart?.({ time: this.now, staff: s, arrival: this.cArr[c]!, minutes: this.cEsc[c]! });
  }

  /** Staff s (available, at its post) takes work from the post's queues while it can. */
  private dispatch(s: number): void {
    if (this.sOn[s] === 0 || this.sAway[s] === 1) return;
    const p = this.sPost[s]!;
    if (this.qPost[p] === 0) return;
    if (p === 0) {
      while (this.sLoad[s]! < this.sCap[s]! && this.qPost[0]! > 0) {
        const qi = this.bestQueue(s, 0);
        if (qi < 0) break;
        this.startTriage(this.dequeueHead(qi, 0), s);
      }
      return;
    }
    const cap = this.postCap[p]!;
    while (this.sLoad[s]! < this.sCap[s]! && this.zBusy[p]! < cap && this.qPost[p]! > 0) {
      const qi = this.bestQueue(s, p);
      if (qi < 0) break;
      this.startService(this.dequeueHead(qi, p), s, p);
    }
  }

  /** After staff s finishes something: return home if its backfill is over, else take work. */
  private afterFree(s: number): void {
    const r = this.sBackfill[s]!;
    if (r >= 0 && this.sLoad[s] === 0) {
      const rule = this.m.rules[r]!;
      if (this.sOn[s] === 0 || !this.ruleActive(rule) || !this.triggered(rule)) {
        this.returnHome(s);
        return;
      }
    }
    this.dispatch(s);
  }

  private onServiceEnd(c: number): void {
    const s = this.cStaff[c]!;
    const ty = this.cType[c]!;
    const p = this.typePost[ty]!;
    this.touchStaff(s);
    this.sLoad[s]!--;
    const wasFull = this.zBusy[p] === this.postCap[p];
    this.zBusy[p]!--;
    if (this.cCounted[c] === 1) this.vec[ty * L.G_FIELDS + L.G_SERVED]!++;
    this.live--;
    this.release(c);
    this.afterFree(s);
    if (wasFull && this.qPost[p]! > 0) {
      const list = this.postStaff[p]!;
      for (let i = 0; i < list.length && this.zBusy[p]! < this.postCap[p]!; i++) this.dispatch(list[i]!);
    }
    if (this.hasRules[p] === 1) this.checkPost(p);
  }

  private onTriageEnd(c: number): void {
    const s = this.cStaff[c]!;
    this.touchStaff(s);
    this.sLoad[s]!--;
    this.toZone(c);
    this.afterFree(s);
  }

  private onEscortEnd(c: number): void {
    const s = this.cStaff[c]!;
    this.touchStaff(s);
    this.sLoad[s]!--;
    this.sAway[s] = 0;
    this.toZone(c);
    this.afterFree(s);
    if (this.hasRules[this.sPost[s]!] === 1) this.checkPost(this.sPost[s]!);
  }

  private onAbandon(c: number, gen: number): void {
    if (this.cGen[c] !== gen) return;
    const st = this.cState[c];
    if (st !== C_WELCOME_Q && st !== C_ZONE_Q) return;
    const ty = this.cType[c]!;
    const p = st === C_WELCOME_Q ? 0 : this.typePost[ty]!;
    const qi = p * this.m.nTypes + ty;
    this.touchQueue(p);
    this.qLive[qi]!--;
    this.qPost[p]!--;
    const w = this.cWaited[c]! + (this.now - this.cEnq[c]!);
    this.recordWait(c, w, false);
    if (this.cCounted[c] === 1) {
      this.vec[ty * L.G_FIELDS + L.G_ABAND]!++;
      this.vec[this.slotBase + this.cSlot[c]! * this.slotStride + L.SL_ABAND]!++;
    }
    if (this.obs !== null) this.obs.abandon?.({ time: this.now, type: ty, arrival: this.cArr[c]!, wait: w });
    this.live--;
    this.cState[c] = C_STALE;
  }

  // ---------------------------------------------------------------- schedule

  private flushSlot(): void {
    const now = this.now;
    const lay = this.layout;
    const vec = this.vec;
    const base = lay.slotBase + this.curSlot * lay.slotStride;
    for (let p = 0; p < this.m.nPosts; p++) {
      this.touchQueue(p);
      vec[base + L.SL_FIELDS + p] = vec[base + L.SL_FIELDS + p]! + this.qArea[p]!;
      const pb = lay.postBase + p * L.P_FIELDS + L.P_QAREA;
      vec[pb] = vec[pb]! + this.qArea[p]!;
      this.qArea[p] = 0;
    }
    const from = Math.max(this.slotMark, this.warm);
    if (now > from) {
      vec[base + L.SL_TIME] = vec[base + L.SL_TIME]! + (now - from);
      const mi = lay.modeBase + (this.mode === MODE_ROTATING ? L.M_ROT : L.M_FIXED);
      vec[mi] = vec[mi]! + (now - from);
    }
    this.slotMark = now;
  }

  private onSchedule(): void {
    const m = this.m;
    const len = m.timelineTime.length;
    const now = this.now;
    let changedMode = false;
    for (;;) {
      const i = this.tlIdx;
      const kind = m.timelineKind[i]!;
      const arg = m.timelineArg[i]!;
      if (kind === TL_SLOT) {
        this.flushSlot();
        this.curSlot = arg;
        const mode = m.slotMode[arg]!;
        if (mode !== this.mode) {
          this.mode = mode;
          changedMode = true;
        }
      } else if (kind === TL_OFF) this.staffOff(arg);
      else if (kind === TL_ON) this.staffOn(arg);
      this.tlIdx++;
      if (this.tlIdx === len) {
        this.tlIdx = 0;
        this.tlDay++;
      }
      const next = this.tlDay * m.dayMinutes + m.timelineTime[this.tlIdx]!;
      if (next !== now) {
        if (next < m.horizon) this.push(next, EV_SCHEDULE, 0, 0);
        break;
      }
    }
    if (changedMode && m.rules.length > 0) for (let p = 0; p < m.nPosts; p++) this.checkPost(p);
  }

  private staffOff(s: number): void {
    this.touchStaff(s);
    this.sOn[s] = 0;
    const p = this.sPost[s]!;
    if (this.sLoad[s] === 0 && this.sBackfill[s]! >= 0) this.returnHome(s);
    if (this.hasRules[p] === 1) this.checkPost(p);
  }

  private staffOn(s: number): void {
    this.touchStaff(s);
    this.sOn[s] = 1;
    this.dispatch(s);
    const p = this.sPost[s]!;
    if (this.hasRules[p] === 1) this.checkPost(p);
  }

  // ---------------------------------------------------------------- backfill

  private ruleActive(r: { modeMask: number }): boolean {
    return (r.modeMask & (1 << this.mode)) !== 0;
  }

  /** True when the post has a present member of its own (not a backfiller). */
  private postManned(p: number): boolean {
    const list = this.postStaff[p]!;
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      if (this.sOn[s] === 1 && this.sAway[s] === 0 && this.sBackfill[s]! < 0) return true;
    }
    return false;
  }

  private triggered(r: Model['rules'][number]): boolean {
    const p = r.post;
    if (r.postEmpty && !this.postManned(p)) return true;
    const q = this.qPost[p]!;
    if (q >= r.queueLength) return true;
    if (q > 0 && r.oldestWait < Number.POSITIVE_INFINITY && this.now - this.oldestEnqueue(p) >= r.oldestWait)
      return true;
    return false;
  }

  private eligible(s: number, p: number): boolean {
    if (this.sOn[s] === 0 || this.sAway[s] === 1 || this.sLoad[s] !== 0 || this.sBackfill[s]! >= 0)
      return false;
    const home = this.m.staffHome[s]!;
    if (this.sPost[s] !== home || home === p) return false;
    if (p === 0) return true;
    const T = this.m.nTypes;
    const types = this.m.postTypes[p]!;
    for (let i = 0; i < types.length; i++) if (this.m.skill[s * T + types[i]!] === 1) return true;
    return false;
  }

  private moveStaff(s: number, to: number): void {
    this.touchStaff(s);
    const from = this.sPost[s]!;
    const list = this.postStaff[from]!;
    list.splice(list.indexOf(s), 1);
    this.postStaff[to]!.push(s);
    this.sPost[s] = to;
    this.sCap[s] = this.m.postPerStaff[to]!;
  }

  private returnHome(s: number): void {
    const r = this.sBackfill[s]!;
    const from = this.sPost[s]!;
    const home = this.m.staffHome[s]!;
    this.sBackfill[s] = -1;
    this.vec[this.layout.ruleBase + r * L.R_FIELDS + L.R_RETURNS]!++;
    this.moveStaff(s, home);
    if (this.obs !== null) this.obs.move?.({ time: this.now, staff: s, from, to: home, rule: r, back: true });
    this.dispatch(s);
    if (this.hasRules[home] === 1) this.checkPost(home);
    if (this.hasRules[from] === 1) this.checkPost(from);
  }

  /** Applies the post's rules: call in a backup when a trigger holds, release them when it clears. */
  private checkPost(p: number): void {
    const rules = this.m.rulesByPost[p]!;
    for (let k = 0; k < rules.length; k++) {
      const r = rules[k]!;
      if (this.ruleActive(r) && this.triggered(r)) {
        const cands = r.candidates;
        for (let i = 0; i < cands.length; i++) {
          const s = cands[i]!;
          if (!this.eligible(s, p)) continue;
          const from = this.sPost[s]!;
          this.moveStaff(s, p);
          this.sBackfill[s] = r.index;
          this.vec[this.layout.ruleBase + r.index * L.R_FIELDS + L.R_ACTIONS]!++;
          if (this.obs !== null)
            this.obs.move?.({ time: this.now, staff: s, from, to: p, rule: r.index, back: false });
          this.dispatch(s);
          if (this.hasRules[from] === 1) this.checkPost(from);
          break;
        }
      } else {
        const list = this.postStaff[p]!;
        for (let i = list.length - 1; i >= 0; i--) {
          const s = list[i]!;
          if (s !== undefined && this.sBackfill[s] === r.index && this.sLoad[s] === 0) this.returnHome(s);
        }
      }
    }
    const ow = this.m.postOldestWait[p]!;
    if (ow < Number.POSITIVE_INFINITY && this.qPost[p]! > 0 && this.checkAt[p]! < this.now) {
      const due = this.oldestEnqueue(p) + ow;
      this.scheduleCheck(p, due > this.now ? due : this.now + 1);
    }
  }

  private scheduleCheck(p: number, at: number): void {
    const cur = this.checkAt[p]!;
    if (cur >= this.now && cur <= at) return;
    if (at >= this.endTime) return;
    this.checkAt[p] = at;
    this.push(at, EV_CHECK, p, 0);
  }

  private onCheck(p: number): void {
    if (this.checkAt[p] !== this.now) return;
    this.checkAt[p] = -1;
    this.checkPost(p);
  }

  // ---------------------------------------------------------------- results

  private finish(end: number, _replication: number): void {
    const m = this.m;
    const lay = this.layout;
    const vec = this.vec;
    for (let s = 0; s < m.nStaff; s++) this.touchStaff(s);
    this.flushSlot();
    // customers still inside, counted from the pool (independently of the counters)
    let queueEnd = 0;
    for (let c = 0; c < this.cap; c++) {
      const st = this.cState[c];
      if (st === C_FREE || st === C_STALE) continue;
      if (st === C_WELCOME_Q || st === C_ZONE_Q) queueEnd++;
      if (this.cCounted[c] === 1) vec[this.cType[c]! * L.G_FIELDS + L.G_INSYS]!++;
    }
    const T = m.nTypes;
    const all = T * L.G_FIELDS;
    const B = HIST_BUCKETS;
    // the "all types" histogram range
    let lo = B;
    let hi = -1;
    for (let ty = 0; ty < T; ty++) {
      if (this.histLo[ty]! < lo) lo = this.histLo[ty]!;
      if (this.histHi[ty]! > hi) hi = this.histHi[ty]!;
    }
    const hist = this.hist;
    for (let ty = 0; ty < T; ty++) {
      const a = this.histLo[ty]!;
      const b = this.histHi[ty]!;
      for (let i = a; i <= b; i++) hist[T * B + i] = hist[T * B + i]! + hist[ty * B + i]!;
    }
    for (let g = 0; g <= T; g++) {
      const o = g * L.G_FIELDS;
      if (g < T) for (let f = 0; f <= L.G_WITHIN; f++) vec[all + f] = vec[all + f]! + vec[o + f]!;
    }
    for (let g = 0; g <= T; g++) {
      const o = g * L.G_FIELDS;
      const n = vec[o + L.G_WAITN]!;
      vec[o + L.G_MEAN] = n > 0 ? vec[o + L.G_WAITSUM]! / n : Number.NaN;
      vec[o + L.G_PWAIT] = n > 0 ? vec[o + L.G_WAITED]! / n : Number.NaN;
      vec[o + L.G_SL] = n > 0 ? vec[o + L.G_WITHIN]! / n : Number.NaN;
      const left = vec[o + L.G_SERVED]! + vec[o + L.G_ABAND]! + vec[o + L.G_TURNED]!;
      vec[o + L.G_ABRATE] = left > 0 ? (vec[o + L.G_ABAND]! + vec[o + L.G_TURNED]!) / left : Number.NaN;
      const hb = g * B;
      const a = g < T ? this.histLo[g]! : lo;
      const b = g < T ? this.histHi[g]! : hi;
      vec[o + L.G_P50] = histQuantile(hist, hb, n, 0.5, a, b);
      vec[o + L.G_P90] = histQuantile(hist, hb, n, 0.9, a, b);
      vec[o + L.G_P95] = histQuantile(hist, hb, n, 0.95, a, b);
      // pool and clear the touched range
      const pooled = this.pooled;
      for (let i = a; i <= b; i++) {
        pooled[hb + i] = pooled[hb + i]! + hist[hb + i]!;
        hist[hb + i] = 0;
      }
    }
    let busy = 0;
    let pres = 0;
    for (let s = 0; s < m.nStaff; s++) {
      const sb = lay.staffBase + s * L.S_FIELDS;
      busy += vec[sb + L.S_BUSY]!;
      pres += vec[sb + L.S_PRES]!;
      vec[sb + L.S_UTIL] = vec[sb + L.S_PRES]! > 0 ? vec[sb + L.S_BUSY]! / vec[sb + L.S_PRES]! : Number.NaN;
    }
    const span = end > this.warm ? end - this.warm : 0;
    for (let p = 0; p < m.nPosts; p++) {
      const pb = lay.postBase + p * L.P_FIELDS;
      vec[pb + L.P_UTIL] = vec[pb + L.P_PRES]! > 0 ? vec[pb + L.P_BUSY]! / vec[pb + L.P_PRES]! : Number.NaN;
      vec[pb + L.P_QAVG] = span > 0 ? vec[pb + L.P_QAREA]! / span : Number.NaN;
    }
    for (let k = 0; k < m.slotsPerDay; k++) {
      const sb = lay.slotBase + k * lay.slotStride;
      const n = vec[sb + L.SL_WN]!;
      vec[sb + L.SL_WMEAN] = n > 0 ? vec[sb + L.SL_WSUM]! / n : Number.NaN;
      vec[sb + L.SL_SL] = n > 0 ? vec[sb + L.SL_WITHIN]! / n : Number.NaN;
    }
    const mb = lay.modeBase;
    vec[mb + L.M_ESCORT_SHARE] =
      vec[mb + L.M_ROT_ARR]! > 0 ? vec[mb + L.M_ESCORTED]! / vec[mb + L.M_ROT_ARR]! : Number.NaN;
    const xb = lay.miscBase;
    vec[xb + L.X_EVENTS] = this.events;
    vec[xb + L.X_UTIL] = pres > 0 ? busy / pres : Number.NaN;
    vec[xb + L.X_END] = end;
    vec[xb + L.X_QUEUE_END] = queueEnd;
  }
}
