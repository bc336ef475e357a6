/**
 * The elastic-window prompt (弹性窗口, docs/staffing.md "Elastic window"), evaluated (pure) per
 * zone against the live lobby and today's forecast: in the current half hour, the zone's
 * arrivals pass the forecast by the outlet's share (and a minimum of customers), or its oldest
 * waiting customer has waited longer than the outlet's `targetWaitMinutes`, while customers wait
 * and a counter of the zone is closed (fewer people at its posts than its capacity). Then the
 * people on shift (published roster) with a skill in the zone's business who are not serving a
 * counter are asked in turn to open one, like backfill backups: acknowledge = they open it,
 * decline or time-out → the next. One open prompt per zone at a time (its open key); when the
 * condition clears the chain closes. With nobody to name (no published roster for today, or
 * nobody left) the prompt names nobody and goes to the lobby manager.
 */

export interface ElasticThresholds {
  /** off: no elastic prompts at the outlet */
  enabled: boolean;
  /** arrivals above the forecast by this share fire (0.3: +30 %) */
  surgeShare: number;
  /** …and at least this many arrivals in the half hour */
  minArrivals: number;
}

export interface ElasticZone {
  id: string;
  name: string;
  capacity: number;
  /** the zone's post where an opened counter checks in (null: the zone has no post) */
  postId: string | null;
  /** the zone's posts (people there are serving a counter of the zone) */
  postIds: string[];
  businessTypes: string[];
}

export interface ElasticStaff {
  id: string;
  name: string;
  skills: string[];
}

/** An elastic prompt holding its zone's open key; staffId null: the notice naming nobody. */
export interface OpenElastic {
  id: string;
  zoneId: string;
  activationId: string;
  staffId: string | null;
  attempt: number;
  status: 'pending' | 'acknowledged' | 'declined' | 'expired' | 'done';
  /** epoch ms; null: does not expire */
  expiresAt: number | null;
}

export interface ElasticContext {
  now: number;
  /** the current half hour, "13:00" and "13:30" */
  slotStart: string;
  slotEnd: string;
  thresholds: ElasticThresholds;
  targetWaitMinutes: number;
  zones: ElasticZone[];
  /** tickets issued in the current half hour, by business type */
  arrivalsByType: Map<string, number>;
  /** today's forecast for the current half hour, by business type; null: no forecast */
  forecastByType: Map<string, number> | null;
  waitingByType: Map<string, { waiting: number; oldestWaitMinutes: number }>;
  /** staff id → post id where they are checked in now */
  presence: Map<string, string>;
  /** staff serving a ticket at a counter now */
  serving: Set<string>;
  /** on shift now on the published roster (staff ids); null: no published roster for today */
  onShift: Set<string> | null;
  /** the outlet's active staff, in employee-number order */
  staff: ElasticStaff[];
  /** staff with an open backfill prompt (pending or covering): not asked here */
  engaged: Set<string>;
  /** the open elastic prompt of each zone, by zone id */
  open: Map<string, OpenElastic>;
  /** staff already asked in an activation, by activation id */
  tried: Map<string, Set<string>>;
}

export interface ElasticReason {
  slot: string;
  zoneName: string;
  arrivals: number;
  forecast: number | null;
  /** arrivals ÷ forecast − 1, null without a forecast */
  gap: number | null;
  waiting: number;
  oldestWaitMinutes: number;
  targetWaitMinutes: number;
  surge: boolean;
  overWait: boolean;
  openCounters: number;
  capacity: number;
}

/** Why nobody is named: no published roster for today, or nobody on shift is free. */
export type Nobody = 'no_roster' | 'nobody_free';

export type ElasticAction =
  | { type: 'expire'; promptId: string }
  | { type: 'cancel'; promptId: string }
  | { type: 'close'; promptId: string }
  | {
      type: 'prompt';
      zoneId: string;
      postId: string;
      /** null: the notice to the lobby manager */
      staffId: string | null;
      nobody: Nobody | null;
      activationId: string | null;
      attempt: number;
      /** the open prompt whose key passes to this one */
      previousId: string | null;
      reason: ElasticReason;
    };

/** Whether the zone needs an elastic window now, and why. */
export function elasticHolds(zone: ElasticZone, ctx: ElasticContext): ElasticReason | null {
  if (!zone.postId || zone.capacity <= 0) return null;
  const at = new Set(zone.postIds);
  let openCounters = 0;
  for (const postId of ctx.presence.values()) if (at.has(postId)) openCounters++;
  if (openCounters >= zone.capacity) return null;
  let arrivals = 0;
  let forecast = ctx.forecastByType ? 0 : null;
  let waiting = 0;
  let oldest = 0;
  for (const t of zone.businessTypes) {
    arrivals += ctx.arrivalsByType.get(t) ?? 0;
    if (forecast !== null) forecast += ctx.forecastByType?.get(t) ?? 0;
    const w = ctx.waitingByType.get(t);
    if (!w) continue;
    waiting += w.waiting;
    oldest = Math.max(oldest, w.oldestWaitMinutes);
  }
  if (waiting === 0) return null;
  const { surgeShare, minArrivals } = ctx.thresholds;
  const surge = forecast !== null && arrivals >= minArrivals && arrivals > forecast * (1 + surgeShare) + 1e-9;
  const overWait = oldest > ctx.targetWaitMinutes;
  if (!surge && !overWait) return null;
  return {
    slot: `${ctx.slotStart}–${ctx.slotEnd}`,
    zoneName: zone.name,
    arrivals,
    forecast: forecast === null ? null : Math.round(forecast * 10) / 10,
    gap: forecast !== null && forecast >= 0.5 ? Math.round((arrivals / forecast - 1) * 1000) / 1000 : null,
    waiting,
    oldestWaitMinutes: Math.floor(oldest),
    targetWaitMinutes: ctx.targetWaitMinutes,
    surge,
    overWait,
    openCounters,
    capacity: zone.capacity,
  };
}

/**
 * The people to ask for a zone, in order: on shift, a skill in the zone's business, not serving a
 * counter (checked in at no zone post, serving no ticket), not engaged elsewhere; those checked in
 * at another post (in the lobby) first, then the others, each group in staff order.
 */
export function elasticCandidates(
  zone: ElasticZone,
  ctx: ElasticContext,
  counterPosts: Set<string>,
  engaged: Set<string>,
): ElasticStaff[] {
  if (!ctx.onShift) return [];
  const fit = ctx.staff.filter((s) => {
    if (!ctx.onShift?.has(s.id) || engaged.has(s.id) || ctx.serving.has(s.id)) return false;
    const at = ctx.presence.get(s.id);
    if (at !== undefined && counterPosts.has(at)) return false;
    return s.skills.some((k) => zone.businessTypes.includes(k));
  });
  return [...fit.filter((s) => ctx.presence.has(s.id)), ...fit.filter((s) => !ctx.presence.has(s.id))];
}

export function evaluateElastic(ctx: ElasticContext): ElasticAction[] {
  const actions: ElasticAction[] = [];
  const engaged = new Set(ctx.engaged);
  for (const p of ctx.open.values())
    if (p.staffId && (p.status === 'pending' || p.status === 'acknowledged')) engaged.add(p.staffId);
  const counterPosts = new Set(ctx.zones.flatMap((z) => z.postIds));
  const zoneIds = new Set(ctx.zones.map((z) => z.id));
  // A zone removed since its prompt opened closes its chain.
  for (const p of ctx.open.values())
    if (!zoneIds.has(p.zoneId))
      actions.push({ type: p.status === 'pending' ? 'cancel' : 'close', promptId: p.id });

  for (const zone of ctx.zones) {
    let open = ctx.open.get(zone.id) ?? null;
    if (open?.status === 'pending' && open.expiresAt !== null && open.expiresAt <= ctx.now) {
      actions.push({ type: 'expire', promptId: open.id });
      if (open.staffId) engaged.delete(open.staffId);
      open = { ...open, status: 'expired' };
    }
    const reason = ctx.thresholds.enabled ? elasticHolds(zone, ctx) : null;
    if (!reason) {
      if (!open) continue;
      actions.push({ type: open.status === 'pending' ? 'cancel' : 'close', promptId: open.id });
      if (open.staffId) engaged.delete(open.staffId);
      continue;
    }
    // waiting for an answer, a counter being opened, or the notice already given
    if (open && (open.status === 'pending' || open.status === 'acknowledged' || open.staffId === null))
      continue;
    // everyone asked in this activation, the one who just declined or let it expire too
    const tried = new Set(open ? (ctx.tried.get(open.activationId) ?? []) : []);
    if (open?.staffId) tried.add(open.staffId);
    const next = elasticCandidates(zone, ctx, counterPosts, engaged).find((s) => !tried.has(s.id));
    if (next) engaged.add(next.id);
    actions.push({
      type: 'prompt',
      zoneId: zone.id,
      postId: zone.postId!,
      staffId: next?.id ?? null,
      nobody: next ? null : ctx.onShift ? 'nobody_free' : 'no_roster',
      activationId: open?.activationId ?? null,
      attempt: (open?.attempt ?? 0) + 1,
      previousId: open?.id ?? null,
      reason,
    });
  }
  return actions;
}

const pct = (gap: number) => `${gap >= 0 ? '+' : ''}${Math.round(gap * 100)}%`;

/**
 * "13:00–13:30 现金区 实到 24 人，预测 15 人（+60%），最长等候 18 分钟 > 15 分钟：请 王芳 开启弹性窗口"
 * in both languages; naming nobody, the text says why and asks the lobby manager.
 */
export function renderElastic(
  staffName: string | null,
  nobody: Nobody | null,
  r: ElasticReason,
): { 'zh-CN': string; 'en-US': string } {
  const fzh =
    r.forecast === null ? '' : `，预测 ${r.forecast} 人${r.gap === null ? '' : `（${pct(r.gap)}）`}`;
  const fen =
    r.forecast === null ? '' : `, forecast ${r.forecast}${r.gap === null ? '' : ` (${pct(r.gap)})`}`;
  const wzh = `最长等候 ${r.oldestWaitMinutes} 分钟${r.overWait ? ` > ${r.targetWaitMinutes} 分钟` : ''}`;
  const wen = `longest wait ${r.oldestWaitMinutes} min${r.overWait ? ` > ${r.targetWaitMinutes} min` : ''}`;
  const head = {
    zh: `${r.slot} ${r.zoneName} 实到 ${r.arrivals} 人${fzh}，${wzh}，已开 ${r.openCounters}/${r.capacity} 个窗口`,
    en: `${r.slot} ${r.zoneName}: ${r.arrivals} arrived${fen}, ${wen}, ${r.openCounters}/${r.capacity} counters open`,
  };
  if (staffName)
    return {
      'zh-CN': `${head.zh}：请 ${staffName} 开启弹性窗口`,
      'en-US': `${head.en}: ${staffName}, please open an elastic window`,
    };
  if (nobody === 'no_roster')
    return {
      'zh-CN': `${head.zh}：今日无已发布排班，无法指定当班人员，请大堂经理安排开启弹性窗口`,
      'en-US': `${head.en}: no roster is published for today, so nobody on shift can be named; lobby manager, please open an elastic window`,
    };
  return {
    'zh-CN': `${head.zh}：当班人员中无可开窗的人，请大堂经理安排开启弹性窗口`,
    'en-US': `${head.en}: nobody on shift is free to open a counter; lobby manager, please open an elastic window`,
  };
}
