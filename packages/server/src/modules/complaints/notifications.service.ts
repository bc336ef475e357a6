import { pageWindow } from '../../lib/paging';
import { addDays, beijingDate, daysBetween } from '@liangdian/engine/time';
import type { AppNotification } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Page } from '../../lib/paging';
import type { Actor } from '../access/policy';
import * as repo from './notifications.repository';
import { presentNotification } from './notifications.presenter';

/**
 * In-app notifications: for every complaint whose running deadline is within 3 days or past, one
 * to its handler and to its outlet's heads, once per Beijing day; each user reads and marks only
 * their own.
 */
export class NotificationsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  /**
   * Makes the notifications of what falls due (idempotent: the unique key of the table drops
   * repeats of the same day). Called at start and hourly by app.ts.
   */
  async generateDueNotifications(now: Date): Promise<number> {
    const today = beijingDate(now);
    const due = await repo.dueComplaints(this.db, addDays(today, 3));
    if (!due.length) return 0;
    const heads = await repo.outletHeads(this.db, [...new Set(due.map((c) => c.outlet_id))]);
    const headsOf = new Map<string, string[]>();
    for (const h of heads) headsOf.set(h.outlet_id!, [...(headsOf.get(h.outlet_id!) ?? []), h.id]);
    const at = now.toISOString();
    const rows: repo.NotificationRow[] = [];
    for (const c of due) {
      const overdue = c.due_on! < today;
      const users = new Set([...(c.handler_id ? [c.handler_id] : []), ...(headsOf.get(c.outlet_id) ?? [])]);
      for (const userId of users) {
        rows.push({
          id: newId(now.getTime()),
          user_id: userId,
          kind: overdue ? 'complaint_overdue' : 'complaint_due_soon',
          entity_type: 'complaint',
          entity_id: c.id,
          day: today,
          data_json: JSON.stringify({
            no: c.no,
            outletId: c.outlet_id,
            status: c.status,
            dueOn: c.due_on,
            daysLeft: daysBetween(today, c.due_on!),
          }),
          read_at: null,
          created_at: at,
        });
      }
    }
    return this.db.transaction().execute((trx) => repo.insertNotifications(trx, rows));
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
}
