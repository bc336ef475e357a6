import { pageWindow } from '../../lib/paging';
import { addDays, beijingDate, daysBetween } from '@liangdian/engine/time';
import { type AppNotification, DIGEST_ITEMS, type NotificationPreferences } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Page } from '../../lib/paging';
import type { Changes } from '../access/guard';
import type { Actor } from '../access/policy';
import * as repo from './notifications.repository';
import { presentNotification } from './notifications.presenter';

/** Reminders look this many days ahead (Beijing days), and at everything overdue. */
export const DUE_WITHIN_DAYS = 3;

/**
 * What a run of the reminders covers: `window`, the morning run, every complaint due within
 * DUE_WITHIN_DAYS days or overdue; `today`, the hourly run, those due today.
 */
export type DueScope = 'window' | 'today';

type DueComplaint = Awaited<ReturnType<typeof repo.dueComplaints>>[number];

/**
 * In-app notifications: for every complaint whose running deadline (`due_on`: the decision's, or
 * the review's while in review) is within 3 days or past, one to its handler, to its outlet's
 * heads and to its branch's consumer-protection officers, once per Beijing day — or, for a user
 * who chose it, one digest a morning listing them. Each user reads and marks only their own.
 */
export class NotificationsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly changes: Changes,
  ) {}

  /**
   * Makes the notifications of what falls due (idempotent: the unique key of the table drops
   * repeats of the same day); answers how many were made. Driven by the DueReminderScheduler.
   */
  async generateDueNotifications(now: Date, scope: DueScope = 'window'): Promise<number> {
    const today = beijingDate(now);
    const due =
      scope === 'window'
        ? await repo.dueComplaints(this.db, addDays(today, DUE_WITHIN_DAYS))
        : await repo.dueComplaints(this.db, today, today);
    if (!due.length) return 0;
    const recipients = await this.recipientsOf(due);
    const digest = await repo.digestUsers(this.db, [...new Set([...recipients.values()].flat())]);
    const at = now.toISOString();
    const rows: repo.NotificationRow[] = [];
    const digests = new Map<string, DueComplaint[]>();
    const row = (userId: string, kind: string, entity: [string, string], data: object) =>
      rows.push({
        id: newId(now.getTime()),
        user_id: userId,
        kind,
        entity_type: entity[0],
        entity_id: entity[1],
        day: today,
        data_json: JSON.stringify(data),
        read_at: null,
        created_at: at,
      });
    for (const c of due) {
      for (const userId of recipients.get(c.id) ?? []) {
        if (digest.has(userId)) {
          digests.set(userId, [...(digests.get(userId) ?? []), c]);
          continue;
        }
        row(userId, c.due_on! < today ? 'complaint_overdue' : 'complaint_due_soon', ['complaint', c.id], {
          no: c.no,
          outletId: c.outlet_id,
          status: c.status,
          dueOn: c.due_on,
          daysLeft: daysBetween(today, c.due_on!),
        });
      }
    }
    // The digest is the morning's: the hourly run leaves those who chose it to it.
    if (scope === 'window')
      for (const [userId, cases] of digests)
        row(userId, 'complaint_digest', ['user', userId], {
          count: cases.length,
          overdue: cases.filter((c) => c.due_on! < today).length,
          items: cases.slice(0, DIGEST_ITEMS).map((c) => ({
            id: c.id,
            no: c.no,
            dueOn: c.due_on,
            daysLeft: daysBetween(today, c.due_on!),
          })),
        });
    return this.db.transaction().execute((trx) => repo.insertNotifications(trx, rows));
  }

  /** Who is told of each complaint: its handler, its outlet's heads, its branch's officers. */
  private async recipientsOf(due: DueComplaint[]): Promise<Map<string, string[]>> {
    const [heads, officers] = await Promise.all([
      repo.outletHeads(this.db, [...new Set(due.map((c) => c.outlet_id))]),
      repo.branchOfficers(this.db, [...new Set(due.map((c) => c.branch_id))]),
    ]);
    const group = (rows: { id: string; key: string | null }[]) => {
      const m = new Map<string, string[]>();
      for (const r of rows) if (r.key) m.set(r.key, [...(m.get(r.key) ?? []), r.id]);
      return m;
    };
    const headsOf = group(heads.map((h) => ({ id: h.id, key: h.outlet_id })));
    const officersOf = group(officers.map((o) => ({ id: o.id, key: o.branch_id })));
    return new Map(
      due.map((c) => [
        c.id,
        [
          ...new Set([
            ...(c.handler_id ? [c.handler_id] : []),
            ...(headsOf.get(c.outlet_id) ?? []),
            ...(officersOf.get(c.branch_id) ?? []),
          ]),
        ],
      ]),
    );
  }

  async list(
    actor: Actor,
    f: { page: number; pageSize: number; unread?: boolean },
  ): Promise<Page<AppNotification> & { unread: number }> {
    const { rows, total, unread } = await repo.listNotifications(
      this.db,
      actor.userId,
      f.unread,
      ...pageWindow(f),
    );
    return { items: rows.map(presentNotification), total, page: f.page, pageSize: f.pageSize, unread };
  }

  /** Marks one of the actor's notifications read (NOT_FOUND for anyone else's), or all of them. */
  async markRead(actor: Actor, ids: string[] | 'all') {
    if (ids !== 'all' && ids.length === 1) {
      const n = await repo.findNotification(this.db, ids[0]!);
      if (!n || n.user_id !== actor.userId) throw notFound('notification');
    }
    return { updated: await repo.markRead(this.db, actor.userId, ids, this.clock.now().toISOString()) };
  }

  /** The actor's own choice: one notification per complaint (the default) or a daily digest. */
  async preferences(actor: Actor): Promise<NotificationPreferences> {
    const row = await repo.findPreferences(this.db, actor.userId);
    return { digest: row?.digest === 1 };
  }

  async setPreferences(actor: Actor, p: NotificationPreferences): Promise<NotificationPreferences> {
    return this.changes.run(actor, async (trx, at) => {
      const before = await repo.findPreferences(trx, actor.userId);
      await repo.savePreferences(trx, {
        user_id: actor.userId,
        digest: p.digest ? 1 : 0,
        updated_at: at.toISOString(),
      });
      return [
        { digest: p.digest },
        {
          action: 'update',
          entityType: 'notification_preferences',
          entityId: actor.userId,
          before: { digest: before?.digest === 1 },
          after: { digest: p.digest },
        },
      ];
    });
  }
}
