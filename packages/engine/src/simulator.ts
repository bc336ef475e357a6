/**
 * The discrete-event simulation of one outlet lobby. One `Simulator` per compiled model is
 * reused across replications: all state lives in typed arrays allocated once, nothing is
 * allocated per customer or per event, and memory does not grow with the horizon.
 *
 * Event loop: a binary heap of (time, key, aux); key = kind | id << 3. The one pending arrival
 * is kept beside the heap (arrNext). docs/engine.md (Performance) lists the V8 rules the hot
 * path follows: `declare` for fields set in the constructor, enums for offsets and kinds, no
 * double passed to or returned from the per-event calls.
 * Random numbers: replication r draws arrivals from stream (r, 0) and every customer's
 * attributes (service, patience, triage and escort times, all drawn at arrival) from stream
 * (r, 1). Customers' attributes thus do not depend on staffing: common random numbers.
 */
import { Dist, type Sampler, sample } from './distributions';
import { EventHeap } from './heap';
import * as L from './layout';
import { Mode, type Model, TL_OFF, TL_ON, TL_SLOT } from './model';
import { subStream, unit, Xoshiro128 } from './rng';
import { HIST_BUCKETS, HIST_HI_WORD, HIST_MIN_CODE, histQuantileSparse } from './stats';

/** event kinds (an enum, so that the bundler writes literal numbers into the loop's switch) */
export enum Ev {
  ARRIVAL = 0,
  SERVICE_END = 1,
  TRIAGE_END = 2,
  ESCORT_END = 3,
  ABANDON = 4,
  SCHEDULE = 5,
  CHECK = 6,
}
export const EV_ARRIVAL = Ev.ARRIVAL;
export const EV_SERVICE_END = Ev.SERVICE_END;
export const EV_TRIAGE_END = Ev.TRIAGE_END;
export const EV_ESCORT_END = Ev.ESCORT_END;
export const EV_ABANDON = Ev.ABANDON;
export const EV_SCHEDULE = Ev.SCHEDULE;
export const EV_CHECK = Ev.CHECK;
export const EVENT_NAMES = [
  'arrival',
  'serviceEnd',
  'triageEnd',
  'escortEnd',
  'abandon',
  'schedule',
  'check',
];

/** customer states */
enum C {
  FREE = 0,
  WELCOME_Q = 1,
  TRIAGE = 2,
  ESCORT = 3,
  ZONE_Q = 4,
  SERVICE = 5,
  STALE = 6,
}

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
  /** rotating: a customer is received at the door, by the welcome post or by a backup from `from` */
  reception?(e: { time: number; staff: number; arrival: number; backup: boolean; from: number }): void;
  /** an escort ends: the receiver is back at post `post` (复位) */
  escortEnd?(e: { time: number; staff: number; post: number; backup: boolean }): void;
  /** rotating: an unreceived customer joins the wrong zone `to` */
  misroute?(e: { time: number; type: number; arrival: number; to: number }): void;
  /** a misrouted customer reaches a counter of the wrong zone `post`, which sends them on */
  transferStart?(e: { time: number; type: number; staff: number; post: number; arrival: number }): void;
  /** a service ends; `transfer`: it was a misrouted customer, now sent on to the right zone */
  serviceEnd?(e: { time: number; type: number; staff: number; post: number; transfer: boolean }): void;
}

/** sample(), with the exponential case written out so that the arrival handler inlines it */
function draw(rng: Xoshiro128, s: Sampler): number {
  return s.kind === Dist.EXPONENTIAL ? -s.p1 * Math.log(unit(rng.nextInt32())) : sample(rng, s);
}

export interface ReplicationResult {
  replication: number;
  /** see layout.ts */
  vec: Float64Array;
}

export class Simulator {
  declare readonly m: Model;
  declare readonly layout: L.Layout;
  /** histogram of waits pooled over every replication this simulator ran: groups × HIST_BUCKETS */
  declare readonly pooled: Float64Array;
  private heap = new EventHeap(256);
  private obs: SimObserver | null = null;
  private arrRng = new Xoshiro128(0, 0);
  private attrRng = new Xoshiro128(0, 1);
  /** misroutes (rotating): whether, where and for how long, drawn only when a customer is unreceived */
  private welRng = new Xoshiro128(0, 2);
  now = 0;
  private events = 0;
  private mode = Mode.FIXED;
  private warm = 0;
  private endTime = 0;
  // arrival process
  private arrT = 0;
  private arrK = 0;
  private arrSD = 0;
  private arrEnd = 0;
  /** the next arrival (not in the heap): time (Infinity when none), slot of the day, type */
  private arrNext = Number.POSITIVE_INFINITY;
  private arrNextSlot = 0;
  private arrNextType = 0;
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
  /** 1 while a misrouted customer is at the wrong zone cMisPost (queued or being sent on) */
  private cMis = new Uint8Array(0);
  private cMisPost = new Int32Array(0);
  private freeList = new Int32Array(0);
  private freeTop = 0;
  private live = 0;
  // queues: one ring per (post, type)
  private qBuf: Int32Array[] = [];
  declare private qHead: Int32Array;
  declare private qCount: Int32Array;
  declare private qLive: Int32Array;
  declare private qPost: Int32Array;
  /**
   * Queue length × time at each post in the current slot, kept as Σ(leave − base) − Σ(enter −
   * base) over the customers who entered or left its queues since `qBase` (the later of the
   * slot's start and the warm-up's end); flushSlot adds the customers still queued. One add per
   * queue change, with no per-post last-change time.
   */
  declare private qArea: Float64Array;
  private qBase = 0;
  declare private zBusy: Int32Array;
  // staff
  declare private sPost: Int32Array;
  declare private sLoad: Int32Array;
  declare private sCap: Int32Array;
  declare private sOn: Uint8Array;
  declare private sAway: Uint8Array;
  declare private sBackfill: Int32Array;
  /** staff currently called in by each rule (lets checkPost skip the release scan) */
  declare private ruleOut: Int32Array;
  /** when staff s's load last changed (busy time is integrated from there) */
  declare private sLast: Float64Array;
  /** busy and present time since staff s joined its current post (folded into the result
   * vector when it moves and at the end of the replication, not on every event) */
  declare private sSegBusy: Float64Array;
  declare private sSegPres: Float64Array;
  /** 1 while staff s is present (on shift and not on a break, or still finishing a customer) */
  declare private sPresent: Uint8Array;
  /** when staff s's current presence began */
  declare private sPresFrom: Float64Array;
  private postStaff: number[][] = [];
  declare private checkAt: Float64Array;
  // schedule
  private tlIdx = 0;
  private tlDay = 0;
  private curSlot = 0;
  private slotMark = 0;
  // per-replication statistics
  declare private vec: Float64Array;
  declare private hist: Float64Array;
  /** per group: the buckets of `hist` this replication touched (group g at g × HIST_BUCKETS) */
  declare private histUsed: Int32Array;
  declare private histUsedN: Int32Array;
  /**
   * Waits per (business type, slot of arrival), 4 numbers each: count, sum, count within
   * target, count of positive waits. One place per customer; finish folds them into the per-type and per-slot fields.
   */
  declare private tsWait: Float64Array;
  private readonly scratchF64 = new Float64Array(1);
  private readonly scratchU32 = new Uint32Array(this.scratchF64.buffer);
  private readonly hiWord = HIST_HI_WORD;
  /** HIST_BUCKETS (a field: module-level constants are loaded and checked on every use) */
  private readonly histB = HIST_BUCKETS;
  private readonly minCode = HIST_MIN_CODE;

  // hot constants, copied from the model and layout
  declare private readonly typePost: Int32Array;
  declare private readonly typeTarget: Float64Array;
  declare private readonly postCap: Int32Array;
  declare private readonly skill: Uint8Array;
  declare private readonly hasRules: Uint8Array;
  declare private readonly nT: number;
  declare private readonly nS: number;
  declare private readonly slotBase: number;
  declare private readonly slotStride: number;
  declare private readonly staffBase: number;
  declare private readonly postBase: number;
  /** the first ring of the misroute queues (one per post, after the P × T typed rings) */
  declare private readonly misBase: number;
  declare private readonly misOn: boolean;

  constructor(model: Model) {
    this.m = model;
    this.layout = L.layoutOf(model);
    this.typePost = model.typePost;
    this.typeTarget = model.typeTarget;
    this.postCap = model.postCapacity;
    this.skill = model.skill;
    this.hasRules = Uint8Array.from(model.rulesByPost.map((r) => (r.length > 0 ? 1 : 0)));
    this.nT = model.nTypes;
    this.nS = model.slotsPerDay;
    this.slotBase = this.layout.slotBase;
    this.slotStride = this.layout.slotStride;
    this.staffBase = this.layout.staffBase;
    this.postBase = this.layout.postBase;
    const P = model.nPosts;
    const T = model.nTypes;
    const N = model.nStaff;
    this.pooled = new Float64Array(this.layout.groups * HIST_BUCKETS);
    this.hist = new Float64Array(this.layout.groups * HIST_BUCKETS);
    this.histUsed = new Int32Array(this.layout.groups * HIST_BUCKETS);
    this.histUsedN = new Int32Array(this.layout.groups);
    this.tsWait = new Float64Array(T * model.slotsPerDay * 4);
    this.misBase = P * T;
    this.misOn = model.misrouteP > 0;
    for (let i = 0; i < P * T + P; i++) this.qBuf.push(new Int32Array(16));
    this.qHead = new Int32Array(P * T + P);
    this.qCount = new Int32Array(P * T + P);
    this.qLive = new Int32Array(P * T + P);
    this.qPost = new Int32Array(P);
    this.qArea = new Float64Array(P);
    this.zBusy = new Int32Array(P);
    this.checkAt = new Float64Array(P);
    this.sPost = new Int32Array(N);
    this.sLoad = new Int32Array(N);
    this.sCap = new Int32Array(N);
    this.sOn = new Uint8Array(N);
    this.sAway = new Uint8Array(N);
    this.sBackfill = new Int32Array(N);
    this.ruleOut = new Int32Array(model.rules.length);
    this.sLast = new Float64Array(N);
    this.sSegBusy = new Float64Array(N);
    this.sSegPres = new Float64Array(N);
    this.sPresent = new Uint8Array(N);
    this.sPresFrom = new Float64Array(N);
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
    this.cMis = u8(this.cMis);
    this.cMisPost = i32(this.cMisPost);
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
    this.cState[c] = C.FREE;
    this.freeList[this.freeTop++] = c;
  }

  /** Schedules an event at time `this.heap.at` (set by the caller; see EventHeap.insert). */
  private push(kind: number, id: number, aux: number): void {
    this.heap.insert(kind | (id << 3), aux);
    if (this.obs !== null) this.obs.schedule?.(this.now, this.heap.at, kind);
  }

  /** Runs replication `replication` with the given seed and returns its result vector. */
  run(seed: number, replication: number, observer?: SimObserver): ReplicationResult {
    const m = this.m;
    this.obs = observer ?? null;
    this.arrRng = new Xoshiro128(seed, subStream(replication, 0));
    this.attrRng = new Xoshiro128(seed, subStream(replication, 1));
    this.welRng = new Xoshiro128(seed, subStream(replication, 2));
    this.reset();
    const horizon = m.horizon;
    this.endTime = m.drain ? horizon + m.drainLimit : horizon;
    // first schedule entry and first arrival
    this.heap.at = m.timelineTime[0] ?? 0;
    this.push(Ev.SCHEDULE, 0, 0);
    this.nextArrival();
    const heap = this.heap;
    const endTime = this.endTime;
    const drain = m.drain;
    // (no local holding the last event time: a double loop variable was boxed on every event)
    for (;;) {
      // the next arrival is kept out of the heap: take it when it comes before the heap's top
      const heapTime = heap.size > 0 ? heap.time[0]! : Number.POSITIVE_INFINITY;
      const arrival = this.arrNext < heapTime;
      const t = arrival ? this.arrNext : heapTime;
      if (t === Number.POSITIVE_INFINITY) break;
      if (t >= endTime) break;
      if (drain && t >= horizon && this.live === 0) break;
      this.now = t;
      this.events++;
      if (arrival) {
        if (this.obs !== null) this.obs.event?.(t, Ev.ARRIVAL);
        this.onArrival(this.arrNextSlot, this.arrNextType);
        if (drain && t >= horizon && this.live === 0) break;
        continue;
      }
      heap.pop();
      const key = heap.topKey;
      const id = key >> 3;
      if (this.obs !== null) this.obs.event?.(t, key & 7);
      switch (key & 7) {
        case Ev.SERVICE_END:
          this.onServiceEnd(id);
          break;
        case Ev.TRIAGE_END:
          this.onTriageEnd(id);
          break;
        case Ev.ESCORT_END:
          this.onEscortEnd(id);
          break;
        case Ev.ABANDON:
          this.onAbandon(id, heap.topAux);
          break;
        case Ev.SCHEDULE:
          this.onSchedule();
          break;
        default:
          this.onCheck(id);
      }
      if (drain && t >= horizon && this.live === 0) break;
    }
    // this.now is the time of the last event handled (0 when none)
    const end = drain ? Math.max(horizon, this.now) : horizon;
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
    this.mode = m.slotMode[0] ?? Mode.FIXED;
    this.arrT = 0;
    this.arrK = 0;
    this.arrSD = 0;
    this.arrEnd = m.slotMinutes;
    this.arrNext = Number.POSITIVE_INFINITY;
    this.cState.fill(0);
    this.freeTop = 0;
    for (let i = this.cap - 1; i >= 0; i--) this.freeList[this.freeTop++] = i;
    this.live = 0;
    this.qHead.fill(0);
    this.qCount.fill(0);
    this.qLive.fill(0);
    this.qPost.fill(0);
    this.qArea.fill(0);
    this.qBase = Math.max(m.warmup, 0);
    this.zBusy.fill(0);
    this.checkAt.fill(-1);
    this.sLoad.fill(0);
    this.sOn.fill(0);
    this.sAway.fill(0);
    this.sBackfill.fill(-1);
    this.ruleOut.fill(0);
    this.sLast.fill(0);
    this.sSegBusy.fill(0);
    this.sSegPres.fill(0);
    this.sPresent.fill(0);
    this.sPresFrom.fill(0);
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
    this.histUsedN.fill(0);
    this.tsWait.fill(0);
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
    let e = -Math.log(unit(this.arrRng.nextInt32()));
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
    if (t >= horizon) {
      this.arrNext = Number.POSITIVE_INFINITY;
      return;
    }
    let ty = 0;
    const T = m.nTypes;
    if (T > 1) {
      const u = unit(this.arrRng.nextInt32());
      const base = sd * T;
      const cum = m.slotCum;
      while (ty < T - 1 && u >= cum[base + ty]!) ty++;
    }
    this.arrNext = t;
    this.arrNextSlot = sd;
    this.arrNextType = ty;
    if (this.obs !== null) this.obs.schedule?.(this.now, t, Ev.ARRIVAL);
  }

  private onArrival(slotOfDay: number, ty: number): void {
    this.nextArrival();
    const m = this.m;
    const now = this.now;
    const counted = now >= this.warm;
    const vec = this.vec;
    const g = ty * L.G.FIELDS;
    if (counted) {
      vec[g + L.G.ARR]!++;
      vec[this.slotBase + slotOfDay * this.slotStride + L.SL.ARR]!++;
    }
    if (this.live >= m.lobbyCapacity) {
      if (counted) vec[g + L.G.TURNED]!++;
      return;
    }
    const c = this.alloc();
    const rng = this.attrRng;
    this.cType[c] = ty;
    this.cArr[c] = now;
    this.cWaited[c] = 0;
    // service and patience by the slot of arrival (period overrides compiled in)
    const tk = ty * this.nS + slotOfDay;
    this.cSvc[c] = draw(rng, m.serviceBySlot[tk]!);
    const pat = m.patienceBySlot[tk];
    this.cPat[c] = pat ? draw(rng, pat) : Number.POSITIVE_INFINITY;
    this.cCounted[c] = counted ? 1 : 0;
    this.cEscorted[c] = 0;
    this.cMis[c] = 0;
    this.cSlot[c] = slotOfDay;
    this.live++;
    const triage = m.triage;
    if (triage === null) {
      this.toZone(c);
      return;
    }
    this.cTri[c] = sample(rng, triage);
    this.cEsc[c] = sample(rng, m.escort as Sampler);
    const sb = this.slotBase + slotOfDay * this.slotStride;
    if (this.mode === Mode.FIXED) {
      const s = this.idleAt(0, ty);
      if (s >= 0) {
        if (counted) vec[sb + L.SL.RECEIVED]!++;
        this.startTriage(c, s);
      } else this.enqueue(c, 0);
    } else {
      if (counted) vec[this.layout.modeBase + L.M.ROT_ARR]!++;
      const s = this.idleAt(0, ty);
      if (s >= 0) {
        if (counted) vec[sb + L.SL.RECEIVED]!++;
        if (this.obs !== null)
          this.obs.reception?.({ time: now, staff: s, arrival: now, backup: false, from: 0 });
        this.startEscort(c, s, 0);
      } else this.unattended(c, sb, counted);
      if (this.hasRules[0] === 1) this.checkPost(0);
    }
  }

  /**
   * Rotating, the welcome post away: a backup between customers comes from their own post to
   * receive and escort the customer (补位); with nobody free, the customer goes on unreceived and
   * may take the wrong queue.
   */
  private unattended(c: number, sb: number, counted: boolean): void {
    const m = this.m;
    const cands = m.welcomeBackups;
    let best = -1;
    let bestQ = 1 << 30;
    for (let i = 0; i < cands.length; i++) {
      const s = cands[i]!;
      if (this.sOn[s] === 0 || this.sAway[s] === 1 || this.sLoad[s] !== 0 || this.sBackfill[s]! >= 0)
        continue;
      const home = m.staffHome[s]!;
      if (this.sPost[s] !== home) continue;
      const q = this.qPost[home]!;
      if (q < bestQ) {
        best = s;
        bestQ = q;
        if (q === 0) break;
      }
    }
    const vec = this.vec;
    if (best >= 0) {
      if (counted) {
        vec[sb + L.SL.RECEIVED]!++;
        vec[sb + L.SL.PULLED] = vec[sb + L.SL.PULLED]! + this.cEsc[c]! + m.backupWalk;
        vec[this.layout.modeBase + L.M.BACKUP_ESCORTS]!++;
      }
      if (this.obs !== null)
        this.obs.reception?.({
          time: this.now,
          staff: best,
          arrival: this.now,
          backup: true,
          from: this.sPost[best]!,
        });
      this.startEscort(c, best, m.backupWalk);
      return;
    }
    if (this.misOn && unit(this.welRng.nextInt32()) < m.misrouteP) {
      // the wrong zone: one of the others, uniformly
      const right = this.typePost[this.cType[c]!]!;
      let w = 1 + Math.floor(unit(this.welRng.nextInt32()) * (m.nPosts - 2));
      if (w >= right) w++;
      this.cMis[c] = 1;
      this.cMisPost[c] = w;
      this.cTri[c] = sample(this.welRng, m.transfer as Sampler);
      if (counted) vec[sb + L.SL.MISROUTED]!++;
      if (this.obs !== null)
        this.obs.misroute?.({ time: this.now, type: this.cType[c]!, arrival: this.cArr[c]!, to: w });
      const s = this.idleAny(w);
      if (s >= 0) this.startService(c, s, w);
      else this.enqueueAt(c, w, this.misBase + w);
      return;
    }
    this.toZone(c);
  }

  /** Anyone available at zone p with room (a misrouted customer needs no skill to be sent on). */
  private idleAny(p: number): number {
    if (this.zBusy[p]! >= this.postCap[p]!) return -1;
    const list = this.postStaff[p]!;
    for (let i = 0; i < list.length; i++) {
      const s = list[i]!;
      if (this.sOn[s] === 1 && this.sAway[s] === 0 && this.sLoad[s]! < this.sCap[s]!) return s;
    }
    return -1;
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

  /** A customer joins a queue at post p (see qArea). */
  private queueEnter(p: number): void {
    const x = this.now - this.qBase;
    if (x > 0) this.qArea[p] = this.qArea[p]! - x;
    this.qPost[p]!++;
  }

  /** A customer leaves a queue at post p (see qArea). */
  private queueLeave(p: number): void {
    const x = this.now - this.qBase;
    if (x > 0) this.qArea[p] = this.qArea[p]! + x;
    this.qPost[p]!--;
  }

  private enqueue(c: number, p: number): void {
    this.enqueueAt(c, p, p * this.nT + this.cType[c]!);
  }

  /** Customer c joins ring qi at post p. */
  private enqueueAt(c: number, p: number, qi: number): void {
    const m = this.m;
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
    this.queueEnter(p);
    this.cState[c] = p === 0 ? C.WELCOME_Q : C.ZONE_Q;
    this.cEnq[c] = this.now;
    const gen = (this.cGen[c]! + 1) | 0;
    this.cGen[c] = gen;
    const pat = this.cPat[c]!;
    if (pat < Number.POSITIVE_INFINITY) {
      this.heap.at = this.now + pat;
      this.push(Ev.ABANDON, c, gen);
    }
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
      if (this.cState[c] === C.STALE) this.release(c);
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
      if (this.cState[c] !== C.STALE) {
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
    this.queueLeave(p);
    const waited = this.now - this.cEnq[c]!;
    this.cWaited[c] = this.cWaited[c]! + waited;
    this.cPat[c] = this.cPat[c]! - waited;
    this.cGen[c] = (this.cGen[c]! + 1) | 0;
    return c;
  }

  /** The ring holding the customer staff s should take next at post p; -1 when none. */
  private bestQueue(s: number, p: number): number {
    const best = this.bestTyped(s, p);
    if (!this.misOn || p === 0) return best;
    // misrouted customers at this zone: first come, first sent on
    const mi = this.misBase + p;
    if (this.qLive[mi] === 0) return best;
    const c = this.peek(mi);
    if (best < 0) return mi;
    const b = this.peek(best);
    return this.cEnq[c]! < this.cEnq[b]! ? mi : best;
  }

  private bestTyped(s: number, p: number): number {
    const m = this.m;
    const T = m.nTypes;
    const types = m.postTypes[p]!;
    if (types.length === 1) {
      // one queue at the post (the common case): nothing to compare
      const ty = types[0]!;
      const qi = p * T + ty;
      if (this.qLive[qi] === 0 || (p !== 0 && m.skill[s * T + ty] === 0)) return -1;
      this.peek(qi); // drops abandoned customers from the head, as dequeueHead expects
      return qi;
    }
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

  /** When the longest-waiting customer at post p joined its queue (only p's types can queue there). */
  private oldestEnqueue(p: number): number {
    const T = this.nT;
    const types = this.m.postTypes[p]!;
    let oldest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < types.length; i++) {
      const qi = p * T + types[i]!;
      if (this.qLive[qi] === 0) continue;
      const e = this.cEnq[this.peek(qi)]!;
      if (e < oldest) oldest = e;
    }
    if (p !== 0 && this.qLive[this.misBase + p]! > 0) {
      const e = this.cEnq[this.peek(this.misBase + p)]!;
      if (e < oldest) oldest = e;
    }
    return oldest;
  }

  // ---------------------------------------------------------------- staff

  /**
   * Integrates staff s's busy time up to now; called before its load changes. Only the busy
   * time of this staff member is updated (into its own segment): presence changes far less
   * often and is integrated by presenceChanged, and the post's totals are folded from the
   * segments by foldStaff.
   */
  private touchStaff(s: number): void {
    const now = this.now;
    const last = this.sLast[s]!;
    if (now === last) return; // touched already at this instant (nothing to add)
    const load = this.sLoad[s]!;
    if (load > 0) {
      const warm = this.warm;
      const from = Math.max(last, warm);
      if (now > from) {
        const dt = now - from;
        const cap = this.sCap[s]!;
        // (dt × load) / 1 is dt × load exactly: no division for a one-customer post
        this.sSegBusy[s] = this.sSegBusy[s]! + (cap === 1 ? dt * load : (dt * load) / cap);
      }
    }
    this.sLast[s] = now;
  }

  /** Opens or closes staff s's presence interval when its on-shift state or load made it change. */
  private presenceChanged(s: number): void {
    const present = this.sOn[s] === 1 || this.sLoad[s]! > 0 ? 1 : 0;
    if (present === this.sPresent[s]) return;
    if (present === 1) this.sPresFrom[s] = this.now;
    else this.closePresence(s);
    this.sPresent[s] = present;
  }

  /** Adds staff s's presence since sPresFrom (after the warm-up) to its segment. */
  private closePresence(s: number): void {
    const now = this.now;
    const pf = this.sPresFrom[s]!;
    const from = Math.max(pf, this.warm);
    if (now > from) this.sSegPres[s] = this.sSegPres[s]! + (now - from);
    this.sPresFrom[s] = now;
  }

  /** Folds staff s's segment (time at its current post, up to now) into the result vector. */
  private foldStaff(s: number): void {
    this.touchStaff(s);
    if (this.sPresent[s] === 1) this.closePresence(s);
    const vec = this.vec;
    const sb = this.staffBase + s * L.S.FIELDS;
    const pb = this.postBase + this.sPost[s]! * L.P.FIELDS;
    const pres = this.sSegPres[s]!;
    const busy = this.sSegBusy[s]!;
    vec[sb + L.S.PRES] = vec[sb + L.S.PRES]! + pres;
    vec[pb + L.P.PRES] = vec[pb + L.P.PRES]! + pres;
    vec[sb + L.S.BUSY] = vec[sb + L.S.BUSY]! + busy;
    vec[pb + L.P.BUSY] = vec[pb + L.P.BUSY]! + busy;
    this.sSegPres[s] = 0;
    this.sSegBusy[s] = 0;
  }

  /** Records customer c's wait, cWaited[c] (not an argument: see EventHeap.insert). */
  private recordWait(c: number, served: boolean): void {
    if (this.cCounted[c] === 0) return;
    const w = this.cWaited[c]!;
    const ty = this.cType[c]!;
    const ts = this.tsWait;
    const k = (ty * this.nS + this.cSlot[c]!) << 2;
    ts[k]!++;
    ts[k + 1] = ts[k + 1]! + w;
    if (served && w <= this.typeTarget[ty]!) ts[k + 2]!++;
    const hb = ty * this.histB;
    // histBucket(w), written out on the simulator's own scratch words
    let b = 0;
    if (w > 0) {
      ts[k + 3]!++; // waited at all, per (type, slot)
      this.scratchF64[0] = w;
      const code = this.scratchU32[this.hiWord]! >>> 13;
      b = code < this.minCode ? 1 : code - this.minCode + 2;
      if (b >= this.histB) b = this.histB - 1;
    }
    if (this.hist[hb + b]!++ === 0) this.histUsed[hb + this.histUsedN[ty]!++] = b;
  }

  private startService(c: number, s: number, p: number): void {
    // a misrouted customer's wait goes on: the wrong counter sends them on after cTri minutes
    const mis = this.cMis[c] === 1;
    if (!mis) this.recordWait(c, true);
    this.cState[c] = C.SERVICE;
    this.cStaff[c] = s;
    this.touchStaff(s);
    this.sLoad[s]!++;
    this.zBusy[p]!++;
    this.heap.at = this.now + (mis ? this.cTri[c]! : this.cSvc[c]!);
    this.push(Ev.SERVICE_END, c, 0);
    if (this.obs !== null && mis)
      this.obs.transferStart?.({
        time: this.now,
        type: this.cType[c]!,
        staff: s,
        post: p,
        arrival: this.cArr[c]!,
      });
    else if (this.obs !== null)
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
    this.cState[c] = C.TRIAGE;
    this.cStaff[c] = s;
    this.touchStaff(s);
    this.sLoad[s]!++;
    this.heap.at = this.now + this.cTri[c]!;
    this.push(Ev.TRIAGE_END, c, 0);
    if (this.obs !== null) this.obs.triageStart?.({ time: this.now, staff: s, arrival: this.cArr[c]! });
  }

  /** Receiver s escorts customer c (away for the escort, plus `walk` minutes for a backup). */
  private startEscort(c: number, s: number, walk: number): void {
    this.cState[c] = C.ESCORT;
    this.cStaff[c] = s;
    this.cEscorted[c] = 1;
    if (this.cCounted[c] === 1) {
      this.vec[this.layout.modeBase + L.M.ESCORTED]!++;
      this.vec[this.slotBase + this.cSlot[c]! * this.slotStride + L.SL.ESCORTED]!++;
    }
    this.touchStaff(s);
    this.sLoad[s]!++;
    this.sAway[s] = 1;
    this.heap.at = this.now + this.cEsc[c]! + walk;
    this.push(Ev.ESCORT_END, c, 0);
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
    const mis = this.cMis[c] === 1;
    const p = mis ? this.cMisPost[c]! : this.typePost[ty]!;
    this.touchStaff(s);
    this.sLoad[s]!--;
    if (this.sOn[s] === 0) this.presenceChanged(s);
    const wasFull = this.zBusy[p] === this.postCap[p];
    this.zBusy[p]!--;
    if (this.obs !== null)
      this.obs.serviceEnd?.({ time: this.now, type: ty, staff: s, post: p, transfer: mis });
    if (mis) {
      // sent on to the right zone (转介): the wait continues there
      this.cMis[c] = 0;
      if (this.cCounted[c] === 1)
        this.vec[this.slotBase + this.cSlot[c]! * this.slotStride + L.SL.TRANSFERRED]!++;
      this.toZone(c);
    } else {
      if (this.cCounted[c] === 1) {
        this.vec[ty * L.G.FIELDS + L.G.SERVED]!++;
        this.vec[this.slotBase + this.cSlot[c]! * this.slotStride + L.SL.SERVED]!++;
      }
      this.live--;
      this.release(c);
    }
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
    if (this.sOn[s] === 0) this.presenceChanged(s);
    this.toZone(c);
    this.afterFree(s);
  }

  private onEscortEnd(c: number): void {
    const s = this.cStaff[c]!;
    this.touchStaff(s);
    this.sLoad[s]!--;
    if (this.sOn[s] === 0) this.presenceChanged(s);
    this.sAway[s] = 0;
    if (this.obs !== null)
      this.obs.escortEnd?.({ time: this.now, staff: s, post: this.sPost[s]!, backup: this.sPost[s] !== 0 });
    this.toZone(c);
    this.afterFree(s);
    if (this.hasRules[this.sPost[s]!] === 1) this.checkPost(this.sPost[s]!);
  }

  private onAbandon(c: number, gen: number): void {
    if (this.cGen[c] !== gen) return;
    const st = this.cState[c];
    if (st !== C.WELCOME_Q && st !== C.ZONE_Q) return;
    const ty = this.cType[c]!;
    const mis = this.cMis[c] === 1;
    const p = st === C.WELCOME_Q ? 0 : mis ? this.cMisPost[c]! : this.typePost[ty]!;
    const qi = mis ? this.misBase + p : p * this.nT + ty;
    this.qLive[qi]!--;
    this.queueLeave(p);
    const w = this.cWaited[c]! + (this.now - this.cEnq[c]!);
    this.cWaited[c] = w;
    this.recordWait(c, false);
    if (this.cCounted[c] === 1) {
      this.vec[ty * L.G.FIELDS + L.G.ABAND]!++;
      const sb = this.slotBase + this.cSlot[c]! * this.slotStride;
      this.vec[sb + L.SL.ABAND]!++;
      this.vec[sb + L.SL.ABWSUM] = this.vec[sb + L.SL.ABWSUM]! + w;
    }
    if (this.obs !== null) this.obs.abandon?.({ time: this.now, type: ty, arrival: this.cArr[c]!, wait: w });
    this.live--;
    this.cState[c] = C.STALE;
  }

  // ---------------------------------------------------------------- schedule

  private flushSlot(): void {
    const now = this.now;
    const lay = this.layout;
    const vec = this.vec;
    const base = lay.slotBase + this.curSlot * lay.slotStride;
    const open = now - this.qBase;
    for (let p = 0; p < this.m.nPosts; p++) {
      // the customers still queued count from qBase to now
      const area = open > 0 ? this.qArea[p]! + this.qPost[p]! * open : this.qArea[p]!;
      vec[base + L.SL.FIELDS + p] = vec[base + L.SL.FIELDS + p]! + area;
      const pb = lay.postBase + p * L.P.FIELDS + L.P.QAREA;
      vec[pb] = vec[pb]! + area;
      this.qArea[p] = 0;
    }
    const from = Math.max(this.slotMark, this.warm);
    if (now > from) {
      vec[base + L.SL.TIME] = vec[base + L.SL.TIME]! + (now - from);
      const mi = lay.modeBase + (this.mode === Mode.ROTATING ? L.M.ROT : L.M.FIXED);
      vec[mi] = vec[mi]! + (now - from);
    }
    this.slotMark = now;
    this.qBase = Math.max(now, this.warm);
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
        if (next < m.horizon) {
          this.heap.at = next;
          this.push(Ev.SCHEDULE, 0, 0);
        }
        break;
      }
    }
    if (changedMode && m.rules.length > 0) for (let p = 0; p < m.nPosts; p++) this.checkPost(p);
  }

  private staffOff(s: number): void {
    this.sOn[s] = 0;
    this.presenceChanged(s);
    const p = this.sPost[s]!;
    if (this.sLoad[s] === 0 && this.sBackfill[s]! >= 0) this.returnHome(s);
    if (this.hasRules[p] === 1) this.checkPost(p);
  }

  private staffOn(s: number): void {
    this.sOn[s] = 1;
    this.presenceChanged(s);
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

  /** The cheapest test first; peek (in oldestEnqueue) only drops abandoned entries. */
  private triggered(r: Model['rules'][number]): boolean {
    const p = r.post;
    const q = this.qPost[p]!;
    if (q >= r.queueLength) return true;
    if (r.postEmpty && !this.postManned(p)) return true;
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
    this.foldStaff(s); // its time so far counts at the post it leaves
    const from = this.sPost[s]!;
    const list = this.postStaff[from]!;
    // remove s in place (splice would allocate the array of removed elements)
    const at = list.indexOf(s);
    for (let i = at; i < list.length - 1; i++) list[i] = list[i + 1]!;
    list.pop();
    this.postStaff[to]!.push(s);
    this.sPost[s] = to;
    this.sCap[s] = this.m.postPerStaff[to]!;
  }

  private returnHome(s: number): void {
    const r = this.sBackfill[s]!;
    const from = this.sPost[s]!;
    const home = this.m.staffHome[s]!;
    this.sBackfill[s] = -1;
    this.ruleOut[r]!--;
    this.vec[this.layout.ruleBase + r * L.R.FIELDS + L.R.RETURNS]!++;
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
          this.ruleOut[r.index]!++;
          this.vec[this.layout.ruleBase + r.index * L.R.FIELDS + L.R.ACTIONS]!++;
          if (this.obs !== null)
            this.obs.move?.({ time: this.now, staff: s, from, to: p, rule: r.index, back: false });
          this.dispatch(s);
          if (this.hasRules[from] === 1) this.checkPost(from);
          break;
        }
      } else if (this.ruleOut[r.index]! > 0) {
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
    this.heap.at = at;
    this.push(Ev.CHECK, p, 0);
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
    for (let s = 0; s < m.nStaff; s++) this.foldStaff(s);
    this.flushSlot();
    // customers still inside, counted from the pool (independently of the counters)
    let queueEnd = 0;
    for (let c = 0; c < this.cap; c++) {
      const st = this.cState[c];
      if (st === C.FREE || st === C.STALE) continue;
      if (st === C.WELCOME_Q || st === C.ZONE_Q) queueEnd++;
      if (this.cCounted[c] === 1) vec[this.cType[c]! * L.G.FIELDS + L.G.INSYS]!++;
    }
    const T = m.nTypes;
    const all = T * L.G.FIELDS;
    const B = HIST_BUCKETS;
    // waits per (type, slot) into the per-type and per-slot fields
    const ts = this.tsWait;
    for (let ty = 0; ty < T; ty++) {
      const g = ty * L.G.FIELDS;
      for (let k = 0; k < m.slotsPerDay; k++) {
        const i = (ty * m.slotsPerDay + k) << 2;
        if (ts[i] === 0) continue;
        const sb = lay.slotBase + k * lay.slotStride;
        vec[sb + L.SL.WN] = vec[sb + L.SL.WN]! + ts[i]!;
        vec[sb + L.SL.WSUM] = vec[sb + L.SL.WSUM]! + ts[i + 1]!;
        vec[sb + L.SL.WITHIN] = vec[sb + L.SL.WITHIN]! + ts[i + 2]!;
        vec[sb + L.SL.WAITED] = vec[sb + L.SL.WAITED]! + ts[i + 3]!;
        vec[g + L.G.WAITSUM] = vec[g + L.G.WAITSUM]! + ts[i + 1]!;
        vec[g + L.G.WITHIN] = vec[g + L.G.WITHIN]! + ts[i + 2]!;
      }
    }
    // histograms are sparse (a replication touches a few hundred buckets): each group's touched
    // buckets, sorted, give the percentiles; the "all types" group is their union
    const hist = this.hist;
    const used = this.histUsed;
    const usedN = this.histUsedN;
    const allB = T * B;
    let nAll = 0;
    for (let ty = 0; ty < T; ty++) {
      const hb = ty * B;
      const n = usedN[ty]!;
      used.subarray(hb, hb + n).sort();
      // waits recorded (G_WAITN) and positive waits (G_WAITED: all but bucket 0, the zeros) are
      // counted from the histogram rather than per customer
      let waits = 0;
      for (let k = hb; k < hb + n; k++) waits += hist[hb + used[k]!]!;
      vec[ty * L.G.FIELDS + L.G.WAITN] = waits;
      vec[ty * L.G.FIELDS + L.G.WAITED] = waits - hist[hb]!;
      for (let k = hb; k < hb + n; k++) {
        const i = used[k]!;
        if (hist[allB + i] === 0) used[allB + nAll++] = i;
        hist[allB + i] = hist[allB + i]! + hist[hb + i]!;
      }
    }
    usedN[T] = nAll;
    used.subarray(allB, allB + nAll).sort();
    for (let g = 0; g <= T; g++) {
      const o = g * L.G.FIELDS;
      if (g < T) for (let f = 0; f <= L.G.WITHIN; f++) vec[all + f] = vec[all + f]! + vec[o + f]!;
    }
    const pooled = this.pooled;
    for (let g = 0; g <= T; g++) {
      const o = g * L.G.FIELDS;
      const n = vec[o + L.G.WAITN]!;
      vec[o + L.G.MEAN] = n > 0 ? vec[o + L.G.WAITSUM]! / n : Number.NaN;
      vec[o + L.G.PWAIT] = n > 0 ? vec[o + L.G.WAITED]! / n : Number.NaN;
      vec[o + L.G.SL] = n > 0 ? vec[o + L.G.WITHIN]! / n : Number.NaN;
      const left = vec[o + L.G.SERVED]! + vec[o + L.G.ABAND]! + vec[o + L.G.TURNED]!;
      vec[o + L.G.ABRATE] = left > 0 ? (vec[o + L.G.ABAND]! + vec[o + L.G.TURNED]!) / left : Number.NaN;
      const hb = g * B;
      const nUsed = usedN[g]!;
      vec[o + L.G.P50] = histQuantileSparse(hist, hb, n, 0.5, used, hb, nUsed);
      vec[o + L.G.P90] = histQuantileSparse(hist, hb, n, 0.9, used, hb, nUsed);
      vec[o + L.G.P95] = histQuantileSparse(hist, hb, n, 0.95, used, hb, nUsed);
      // pool and clear the touched buckets
      for (let k = hb; k < hb + nUsed; k++) {
        const i = used[k]!;
        pooled[hb + i] = pooled[hb + i]! + hist[hb + i]!;
        hist[hb + i] = 0;
      }
    }
    let busy = 0;
    let pres = 0;
    for (let s = 0; s < m.nStaff; s++) {
      const sb = lay.staffBase + s * L.S.FIELDS;
      busy += vec[sb + L.S.BUSY]!;
      pres += vec[sb + L.S.PRES]!;
      vec[sb + L.S.UTIL] = vec[sb + L.S.PRES]! > 0 ? vec[sb + L.S.BUSY]! / vec[sb + L.S.PRES]! : Number.NaN;
    }
    const span = end > this.warm ? end - this.warm : 0;
    for (let p = 0; p < m.nPosts; p++) {
      const pb = lay.postBase + p * L.P.FIELDS;
      vec[pb + L.P.UTIL] = vec[pb + L.P.PRES]! > 0 ? vec[pb + L.P.BUSY]! / vec[pb + L.P.PRES]! : Number.NaN;
      vec[pb + L.P.QAVG] = span > 0 ? vec[pb + L.P.QAREA]! / span : Number.NaN;
    }
    let servedWaitSum = 0;
    let servedWaitN = 0;
    for (let k = 0; k < m.slotsPerDay; k++) {
      const sb = lay.slotBase + k * lay.slotStride;
      const n = vec[sb + L.SL.WN]!;
      vec[sb + L.SL.WMEAN] = n > 0 ? vec[sb + L.SL.WSUM]! / n : Number.NaN;
      vec[sb + L.SL.SL] = n > 0 ? vec[sb + L.SL.WITHIN]! / n : Number.NaN;
      servedWaitSum += vec[sb + L.SL.WSUM]! - vec[sb + L.SL.ABWSUM]!;
      servedWaitN += n - vec[sb + L.SL.ABAND]!;
    }
    const mb = lay.modeBase;
    vec[mb + L.M.ESCORT_SHARE] =
      vec[mb + L.M.ROT_ARR]! > 0 ? vec[mb + L.M.ESCORTED]! / vec[mb + L.M.ROT_ARR]! : Number.NaN;
    const xb = lay.miscBase;
    vec[xb + L.X.EVENTS] = this.events;
    vec[xb + L.X.UTIL] = pres > 0 ? busy / pres : Number.NaN;
    vec[xb + L.X.END] = end;
    vec[xb + L.X.QUEUE_END] = queueEnd;
    vec[xb + L.X.SERVED_WAIT] = servedWaitN > 0 ? servedWaitSum / servedWaitN : Number.NaN;
  }
}
