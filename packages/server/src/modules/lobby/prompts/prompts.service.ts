import { beijingDate } from '@liangdian/engine/time';
import type { LobbyView } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB, Q } from '../../../db/types';
import type { Clock } from '../../../lib/clock';
import { DomainError, notFound } from '../../../lib/errors';
import { newId } from '../../../lib/ids';
import type { Guard } from '../../access/guard';
import type { Actor } from '../../access/policy';
import type { LiveLobby, LogInput } from '../live/live-state';
import * as repo from '../lobby.repository';
import { moveToPost } from '../presence/presence.service';
import {
  type BackfillRule,
  evaluateRules,
  type OpenPrompt,
  type PostInfo,
  type RuleAction,
  renderPrompt,
  renderReturn,
  type StaffInfo,
} from './prompt.rules';
import { ElasticPrompts, type ElasticSources } from './elastic.service';

/** What one evaluation knows of the outlet, to turn the rules' actions into rows. */
interface Round {
  outletId: string;
  now: Date;
  day: string;
  timeoutMs: number;
  posts: Map<string, PostInfo>;
  staff: StaffInfo[];
  presence: repo.PresenceRow[];
  open: Map<string, repo.PromptRow>;
}

/**
 * Backfill prompts (docs/lobby.md, "Backfill rules"): the outlet's rules evaluated on every
 * event and every tick (one evaluation at a time per outlet in this process; across processes a
 * rule's open key lets only one of them prompt), the prompts written with their lobby-log lines,
 * and the named person's answer.
 */
export class PromptsService {
  private readonly evaluations = new Map<string, Promise<unknown>>();
  /** the elastic-window prompts (app.ts gives them the roster and the forecast); null: off */
  private elastic: ElasticPrompts | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly guard: Guard,
    private readonly live: LiveLobby,
  ) {}

  /** Turns the elastic-window prompts on, with who is on shift and today's forecast. */
  useElastic(sources: ElasticSources): void {
    this.elastic = new ElasticPrompts(this.db, sources, (err) => this.live.onError(err));
  }

  /** Evaluates an outlet's rules now; runs one at a time per outlet in this process. */
  evaluate(outletId: string): Promise<void> {
    const prev = this.evaluations.get(outletId) ?? Promise.resolve();
    const next = prev.then(() => this.evaluateNow(outletId));
    const tracked = next.catch((err) => this.live.onError(err));
    this.evaluations.set(outletId, tracked);
    void tracked.then(() => {
      if (this.evaluations.get(outletId) === tracked) this.evaluations.delete(outletId);
    });
    return next;
  }

  private async evaluateNow(outletId: string): Promise<void> {
    const st = await this.live.state(outletId);
    const now = this.clock.now();
    const openRows = await repo.openPrompts(this.db, outletId);
    const snapshot = st.fold.snapshot(now.getTime());
    const backfill = st.rules.length > 0 || openRows.some((p) => p.kind === 'backfill');
    const elastic = this.elastic?.needed(st.settings.elastic, snapshot, openRows) ? this.elastic : null;
    if (!backfill && !elastic) return;
    const [postRows, staffRows, types, presence, triedRows, zoneRows] = await Promise.all([
      repo.postsWithZoneKind(this.db, outletId),
      repo.activeStaff(this.db, outletId),
      repo.activeBusinessTypes(this.db),
      repo.openCheckins(this.db, outletId, st.day),
      repo.promptsOfActivations(this.db, [...new Set(openRows.map((p) => p.activation_id))]),
      elastic ? repo.zonesOf(this.db, outletId) : Promise.resolve([]),
    ]);
    const posts = new Map<string, PostInfo>();
    for (const p of postRows) {
      const zoneKind = p.kind === 'super_counter' ? 'super_counter' : p.zone_kind;
      posts.set(p.id, {
        id: p.id,
        name: p.name,
        areaName: p.zone_name ?? p.name,
        businessTypes: types
          .filter((t) => p.kind === 'welcome' || t.default_zone_kind === zoneKind)
          .map((t) => t.code),
      });
    }
    const staff = staffRows.map((s) => ({
      id: s.id,
      name: s.name,
      roles: JSON.parse(s.roles) as string[],
      homePostId: s.home_post_id,
    }));
    const open = new Map<string, OpenPrompt>();
    for (const p of openRows)
      if (p.kind === 'backfill')
        open.set(p.rule_id, {
          id: p.id,
          ruleId: p.rule_id,
          activationId: p.activation_id,
          staffId: p.staff_id,
          postId: p.post_id,
          attempt: p.attempt,
          status: p.status as OpenPrompt['status'],
          expiresAt: p.expires_at ? Date.parse(p.expires_at) : null,
        });
    const tried = new Map<string, Set<string>>();
    for (const r of triedRows)
      tried.set(r.activation_id, (tried.get(r.activation_id) ?? new Set()).add(r.staff_id));
    const ruleIds = new Set(st.rules.map((r) => r.id));
    const actions = backfill
      ? evaluateRules({
          now: now.getTime(),
          // Rules removed since a prompt opened close their chain as if the trigger had cleared.
          rules: [...st.rules, ...[...open.values()].filter((p) => !ruleIds.has(p.ruleId)).map(orphanRule)],
          posts,
          staff,
          presence: new Map(presence.map((p) => [p.staff_id, p.post_id])),
          waitingByType: new Map(snapshot.waitingByType.map((w) => [w.businessType, w])),
          open,
          tried,
        })
      : [];
    // Who a backfill prompt holds (open, or made just now) is not asked to open a counter.
    const engaged = new Set<string>();
    for (const p of open.values())
      if (p.status === 'pending' || p.status === 'acknowledged') engaged.add(p.staffId);
    for (const a of actions) if (a.type === 'prompt') engaged.add(a.staffId);
    const elasticActions = elastic
      ? await elastic.actions({
          outletId,
          now,
          day: st.day,
          targetWaitMinutes: st.settings.targetWaitMinutes,
          thresholds: st.settings.elastic,
          snapshot,
          openRows,
          triedRows,
          postRows,
          zoneRows,
          staffRows,
          types,
          presence,
          engaged,
        })
      : [];
    if (!actions.length && !elasticActions.length) return;
    const round: Round = {
      outletId,
      now,
      day: beijingDate(now),
      timeoutMs: st.settings.promptTimeoutSeconds * 1000,
      posts,
      staff,
      presence,
      open: new Map(openRows.map((p) => [p.id, p])),
    };
    await this.db.transaction().execute(async (trx) => {
      for (const a of actions) await this.apply(trx, round, a);
      for (const a of elasticActions)
        await elastic!.apply(
          trx,
          { ...round, log: (l) => this.live.log(trx, outletId, now, 'system', l), lobbyRepo: repo },
          a,
        );
    });
    await this.live.afterChange(outletId);
  }

  /** One action of the rules, in the evaluation's transaction, with its lobby-log line. */
  private async apply(trx: Q, r: Round, a: RuleAction): Promise<void> {
    const name = (id: string) => r.staff.find((s) => s.id === id)?.name ?? id;
    const nowIso = r.now.toISOString();
    const log = (l: LogInput) => this.live.log(trx, r.outletId, r.now, 'system', l);
    if (a.type === 'expire') {
      const p = r.open.get(a.promptId)!;
      const expired = await repo.transitionPrompt(trx, a.promptId, 'pending', {
        status: 'expired',
        answered_at: nowIso,
      });
      if (!expired) return;
      await log({
        kind: 'prompt_expired',
        data: { promptId: p.id, ruleId: p.rule_id, staffId: p.staff_id },
        message: {
          'zh-CN': `${name(p.staff_id)} 未在时限内响应补位提示`,
          'en-US': `${name(p.staff_id)} did not answer the backfill prompt in time`,
        },
      });
    } else if (a.type === 'cancel' || a.type === 'close') {
      const status = a.type === 'cancel' ? 'cancelled' : (r.open.get(a.promptId)?.status ?? 'done');
      await repo.updatePrompt(trx, a.promptId, { status, open_key: null });
      if (a.type === 'cancel')
        await log({
          kind: 'prompt_cancelled',
          data: { promptId: a.promptId },
          message: {
            'zh-CN': '触发条件已解除，补位提示取消',
            'en-US': 'The trigger cleared; the prompt was withdrawn',
          },
        });
    } else if (a.type === 'return') {
      const p = r.open.get(a.promptId)!;
      const data = JSON.parse(p.data_json) as { fromPostId?: string | null };
      const home = data.fromPostId ?? r.staff.find((s) => s.id === a.staffId)?.homePostId ?? null;
      await repo.updatePrompt(trx, a.promptId, { status: 'returned', open_key: null });
      const post = r.posts.get(a.postId) ?? {
        id: a.postId,
        name: a.postId,
        areaName: a.postId,
        businessTypes: [],
      };
      const msg = renderReturn(name(a.staffId), home ? (r.posts.get(home)?.name ?? home) : '-', post);
      await repo.insertPrompt(trx, {
        id: newId(r.now.getTime()),
        outlet_id: r.outletId,
        day: r.day,
        rule_id: a.ruleId,
        activation_id: p.activation_id,
        kind: 'return',
        post_id: home ?? a.postId,
        staff_id: a.staffId,
        attempt: p.attempt,
        status: 'pending',
        open_key: null,
        data_json: JSON.stringify({ fromPostId: a.postId, homePostId: home }),
        message_zh: msg['zh-CN'],
        message_en: msg['en-US'],
        created_at: nowIso,
        expires_at: null,
        answered_at: null,
        answered_by: null,
      });
      await log({
        kind: 'return',
        data: { staffId: a.staffId, postId: a.postId, homePostId: home },
        message: msg,
      });
    } else {
      const post = r.posts.get(a.postId)!;
      const msg = renderPrompt(name(a.staffId), post, a.reason);
      if (a.previousId) await repo.updatePrompt(trx, a.previousId, { open_key: null });
      const id = newId(r.now.getTime());
      const from = r.presence.find((p) => p.staff_id === a.staffId)?.post_id ?? null;
      const data = {
        ...a.reason,
        postName: post.name,
        areaName: post.areaName,
        staffName: name(a.staffId),
        fromPostId: from,
      };
      const inserted = await repo.insertPrompt(trx, {
        id,
        outlet_id: r.outletId,
        day: r.day,
        rule_id: a.ruleId,
        activation_id: a.activationId ?? id,
        kind: 'backfill',
        post_id: a.postId,
        staff_id: a.staffId,
        attempt: a.attempt,
        status: 'pending',
        open_key: `${r.outletId}:${a.ruleId}`,
        data_json: JSON.stringify(data),
        message_zh: msg['zh-CN'],
        message_en: msg['en-US'],
        created_at: nowIso,
        expires_at: new Date(r.now.getTime() + r.timeoutMs).toISOString(),
        answered_at: null,
        answered_by: null,
      });
      if (!inserted) return; // another process prompted for this rule first
      await log({
        kind: 'prompt',
        data: {
          promptId: id,
          ruleId: a.ruleId,
          staffId: a.staffId,
          postId: a.postId,
          attempt: a.attempt,
          ...a.reason,
        },
        message: msg,
      });
    }
  }

  /** The named person's answer: an acknowledged prompt checks them in at its post. */
  async answer(
    actor: Actor,
    outletId: string,
    promptId: string,
    answer: 'ack' | 'decline',
  ): Promise<LobbyView> {
    await this.guard.requireOutlet(actor, outletId, 'lobby.answer');
    await this.live.change(actor, outletId, async (trx, now) => {
      const p = await repo.findPrompt(trx, outletId, promptId);
      if (!p) throw notFound('prompt');
      // the elastic notice names nobody: acknowledging it is the lobby manager's "seen"
      const notice = p.kind === 'elastic' && !p.staff_id;
      const status =
        answer === 'ack' ? (p.kind === 'return' || notice ? 'done' : 'acknowledged') : 'declined';
      const ok = await repo.transitionPrompt(trx, p.id, 'pending', {
        status,
        answered_at: now.toISOString(),
        answered_by: actor.userId,
      });
      if (!ok) throw new DomainError('PROMPT_ALREADY_ANSWERED', { status: p.status });
      const move =
        answer === 'ack' && !notice ? await moveToPost(trx, outletId, p.staff_id, p.post_id, now) : null;
      const staffName = (JSON.parse(p.data_json) as { staffName?: string }).staffName ?? p.staff_id;
      const data = {
        promptId: p.id,
        kind: p.kind,
        staffId: p.staff_id,
        postId: p.post_id,
        answer,
        movedFrom: move?.data.fromPostId ?? null,
      };
      // answers are in the lobby log, not the audit log
      return [
        null,
        null,
        {
          kind: answer === 'ack' ? 'prompt_ack' : 'prompt_decline',
          data,
          message:
            answer === 'ack'
              ? { 'zh-CN': `已确认：${p.message_zh}`, 'en-US': `Acknowledged: ${p.message_en}` }
              : p.kind !== 'elastic'
                ? { 'zh-CN': `${staffName} 拒绝补位提示`, 'en-US': `${staffName} declined the prompt` }
                : notice
                  ? { 'zh-CN': '弹性窗口提示已关闭', 'en-US': 'The elastic-window notice was dismissed' }
                  : {
                      'zh-CN': `${staffName} 拒绝弹性窗口提示`,
                      'en-US': `${staffName} declined the elastic-window prompt`,
                    },
        },
      ];
    });
    await this.evaluate(outletId);
    return this.live.buildView(outletId, actor.locale);
  }
}

const orphanRule = (p: OpenPrompt): BackfillRule => ({ id: p.ruleId, postId: '', backups: [], triggers: {} });
