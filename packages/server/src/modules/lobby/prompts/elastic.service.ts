import { beijingDayStartMs, beijingWeekSlot } from '@liangdian/engine/time';
import type { Kysely } from 'kysely';
import type { DB, Q } from '../../../db/types';
import { DomainError } from '../../../lib/errors';
import { newId } from '../../../lib/ids';
import type { LogInput } from '../live/live-state';
import type * as repo from '../lobby.repository';
import type { LobbyCounts } from '../lobby.state';
import {
  type ElasticAction,
  type ElasticThresholds,
  type ElasticZone,
  evaluateElastic,
  type OpenElastic,
  renderElastic,
} from './elastic.rules';
import { issuedSince } from './elastic.repository';

/** A person on shift now, as the roster tells it. */
export interface OnShiftPerson {
  staffId: string;
  name: string;
}

/**
 * Who is on shift at an outlet at a Beijing time of a day, on the published roster
 * (RosterService.onShift behind it); null: no published roster has shifts on that day.
 */
export interface OnShiftSource {
  onShift(outletId: string, day: string, hhmm: string): Promise<OnShiftPerson[] | null>;
}

/** Today's forecast arrivals per business type and half hour (ForecastService.arrivalsOn). */
export interface ForecastSource {
  arrivalsOn(outletId: string, day: string): Promise<Map<string, number[]>>;
}

export interface ElasticSources {
  onShift: OnShiftSource;
  forecast: ForecastSource;
}

/** What the evaluation read of the outlet, shared with the backfill rules. */
export interface ElasticInput {
  outletId: string;
  now: Date;
  day: string;
  targetWaitMinutes: number;
  /** the outlet's (settings) */
  thresholds: ElasticThresholds;
  snapshot: LobbyCounts;
  openRows: repo.PromptRow[];
  triedRows: { activation_id: string; staff_id: string }[];
  postRows: { id: string; kind: string; active: number; zone_id: string | null }[];
  zoneRows: { id: string; kind: string; name: string; capacity: number }[];
  staffRows: { id: string; name: string; skills: string }[];
  types: { code: string; default_zone_kind: string | null }[];
  presence: repo.PresenceRow[];
  /** staff with an open backfill prompt, or one just made */
  engaged: Set<string>;
}

export const ELASTIC_RULE_PREFIX = 'elastic:';
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The elastic-window prompts of PromptsService (docs/staffing.md, "Elastic window"): reads what
 * the pure rules need beyond the backfill's (the half hour's arrivals, today's forecast, who is
 * on shift) and turns their actions into prompt rows with their lobby-log lines.
 */
export class ElasticPrompts {
  /** today's forecast per outlet (it changes with the day, not with the tickets) */
  private readonly forecasts = new Map<string, { day: string; value: Map<string, number[]> | null }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly sources: ElasticSources,
    /** where a failed forecast read is reported */
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Whether an evaluation has anything to look at: open prompts, or customers waiting. */
  needed(thresholds: ElasticThresholds, snapshot: LobbyCounts, openRows: repo.PromptRow[]): boolean {
    return openRows.some((p) => p.kind === 'elastic') || (thresholds.enabled && snapshot.waiting > 0);
  }

  /**
   * Today's forecast of an outlet, read once per day in the background (it can take seconds and
   * the ticket machine's request waits for the evaluation): null until it is ready, and when the
   * outlet has too little history.
   */
  private forecastOf(outletId: string, day: string): Map<string, number[]> | null {
    const cached = this.forecasts.get(outletId);
    if (cached?.day === day) return cached.value;
    const entry: { day: string; value: Map<string, number[]> | null } = { day, value: null };
    this.forecasts.set(outletId, entry);
    this.sources.forecast.arrivalsOn(outletId, day).then(
      (value) => {
        entry.value = value;
      },
      (e) => {
        if (!(e instanceof DomainError)) this.onError(e); // kept as "no forecast" until tomorrow
      },
    );
    return null;
  }

  async actions(i: ElasticInput): Promise<ElasticAction[]> {
    const nowMs = i.now.getTime();
    const slot = beijingWeekSlot(nowMs).slot;
    const slotStartMs = beijingDayStartMs(i.day) + slot * 30 * 60_000;
    const open = new Map<string, OpenElastic>();
    for (const p of i.openRows)
      if (p.kind === 'elastic')
        open.set(p.rule_id.slice(ELASTIC_RULE_PREFIX.length), {
          id: p.id,
          zoneId: p.rule_id.slice(ELASTIC_RULE_PREFIX.length),
          activationId: p.activation_id,
          staffId: p.staff_id || null,
          attempt: p.attempt,
          status: p.status as OpenElastic['status'],
          expiresAt: p.expires_at ? Date.parse(p.expires_at) : null,
        });
    const { thresholds } = i;
    const zones: ElasticZone[] = i.zoneRows.map((z) => {
      const postIds = i.postRows.filter((p) => p.zone_id === z.id && p.active === 1).map((p) => p.id);
      return {
        id: z.id,
        name: z.name,
        capacity: z.capacity,
        postId: postIds[0] ?? null,
        postIds,
        businessTypes: i.types.filter((t) => t.default_zone_kind === z.kind).map((t) => t.code),
      };
    });
    const quiet = !thresholds.enabled || i.snapshot.waiting === 0;
    const forecast = quiet ? null : this.forecastOf(i.outletId, i.day);
    const [issued, onShift] = quiet
      ? [[], null]
      : await Promise.all([
          issuedSince(this.db, i.outletId, i.day, new Date(slotStartMs).toISOString()),
          this.sources.onShift.onShift(i.outletId, i.day, hhmm((slot * 30) % 1440)),
        ]);
    const tried = new Map<string, Set<string>>();
    for (const r of i.triedRows)
      tried.set(r.activation_id, (tried.get(r.activation_id) ?? new Set()).add(r.staff_id));
    return evaluateElastic({
      now: nowMs,
      slotStart: hhmm(slot * 30),
      slotEnd: hhmm(slot * 30 + 30),
      thresholds,
      targetWaitMinutes: i.targetWaitMinutes,
      zones,
      arrivalsByType: new Map(issued.map((r) => [r.business_type, Number(r.n)])),
      forecastByType: forecast ? new Map([...forecast].map(([t, xs]) => [t, xs[slot] ?? 0])) : null,
      waitingByType: new Map(i.snapshot.waitingByType.map((w) => [w.businessType, w])),
      presence: new Map(i.presence.map((p) => [p.staff_id, p.post_id])),
      serving: new Set(i.snapshot.countersServing.flatMap((c) => (c.staffId ? [c.staffId] : []))),
      onShift: onShift ? new Set(onShift.map((p) => p.staffId)) : null,
      staff: i.staffRows.map((s) => ({ id: s.id, name: s.name, skills: JSON.parse(s.skills) as string[] })),
      engaged: i.engaged,
      open,
      tried,
    });
  }

  /** One action, in the evaluation's transaction, with its lobby-log line. */
  async apply(
    trx: Q,
    r: {
      outletId: string;
      now: Date;
      day: string;
      timeoutMs: number;
      staff: { id: string; name: string }[];
      posts: Map<string, { name: string }>;
      presence: repo.PresenceRow[];
      open: Map<string, repo.PromptRow>;
      log: (l: LogInput) => Promise<void>;
      lobbyRepo: Pick<typeof repo, 'transitionPrompt' | 'updatePrompt' | 'insertPrompt'>;
    },
    a: ElasticAction,
  ): Promise<void> {
    const { lobbyRepo: rp } = r;
    const name = (id: string) => r.staff.find((s) => s.id === id)?.name ?? id;
    const nowIso = r.now.toISOString();
    if (a.type === 'expire') {
      const p = r.open.get(a.promptId)!;
      if (
        !(await rp.transitionPrompt(trx, a.promptId, 'pending', { status: 'expired', answered_at: nowIso }))
      )
        return;
      await r.log({
        kind: 'prompt_expired',
        data: { promptId: p.id, ruleId: p.rule_id, staffId: p.staff_id, kind: 'elastic' },
        message: {
          'zh-CN': `${name(p.staff_id)} 未在时限内响应弹性窗口提示`,
          'en-US': `${name(p.staff_id)} did not answer the elastic-window prompt in time`,
        },
      });
    } else if (a.type === 'cancel' || a.type === 'close') {
      const was = r.open.get(a.promptId)?.status ?? 'done';
      const status = a.type === 'cancel' ? 'cancelled' : was === 'acknowledged' ? 'done' : was;
      await rp.updatePrompt(trx, a.promptId, { status, open_key: null });
      if (a.type === 'cancel')
        await r.log({
          kind: 'prompt_cancelled',
          data: { promptId: a.promptId, kind: 'elastic' },
          message: {
            'zh-CN': '弹性窗口条件已解除，提示取消',
            'en-US': 'The elastic-window condition cleared; the prompt was withdrawn',
          },
        });
    } else {
      const staffName = a.staffId ? name(a.staffId) : null;
      const msg = renderElastic(staffName, a.nobody, a.reason);
      if (a.previousId) await rp.updatePrompt(trx, a.previousId, { open_key: null });
      const id = newId(r.now.getTime());
      const data = {
        ...a.reason,
        zoneId: a.zoneId,
        postName: r.posts.get(a.postId)?.name ?? a.postId,
        areaName: a.reason.zoneName,
        staffName: staffName ?? '',
        nobody: a.nobody,
        fromPostId: a.staffId ? (r.presence.find((p) => p.staff_id === a.staffId)?.post_id ?? null) : null,
      };
      const ruleId = `${ELASTIC_RULE_PREFIX}${a.zoneId}`;
      const inserted = await rp.insertPrompt(trx, {
        id,
        outlet_id: r.outletId,
        day: r.day,
        rule_id: ruleId,
        activation_id: a.activationId ?? id,
        kind: 'elastic',
        post_id: a.postId,
        // the notice to the lobby manager names nobody
        staff_id: a.staffId ?? '',
        attempt: a.attempt,
        status: 'pending',
        open_key: `${r.outletId}:${ruleId}`,
        data_json: JSON.stringify(data),
        message_zh: msg['zh-CN'],
        message_en: msg['en-US'],
        created_at: nowIso,
        expires_at: a.staffId ? new Date(r.now.getTime() + r.timeoutMs).toISOString() : null,
        answered_at: null,
        answered_by: null,
      });
      if (!inserted) return; // another process prompted for this zone first
      await r.log({
        kind: 'prompt',
        data: {
          promptId: id,
          kind: 'elastic',
          ruleId,
          staffId: a.staffId,
          postId: a.postId,
          attempt: a.attempt,
        },
        message: msg,
      });
    }
  }
}
