import { pageWindow } from '../../lib/paging';
import { beijingDate, isoDate } from '@liangdian/engine/time';
import type { RectificationTask, TaskCreate, TaskListQuery, TaskPatch } from '@liangdian/shared/api';
import { forbidden, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Page } from '../../lib/paging';
import type { Actor } from '../access/policy';
import { allows } from '@liangdian/shared';
import type { AuditEntryInput } from '../audit/audit.service';
import type { ComplaintDeps } from './complaint-case';
import * as repo from './complaint-tasks.repository';
import { presentTask } from './complaint-tasks.presenter';

const taskEntry = (
  action: string,
  t: { id: string; outletId: string },
  change: Pick<AuditEntryInput, 'before' | 'after'>,
): AuditEntryInput => ({
  action,
  entityType: 'rectification_task',
  entityId: t.id,
  outletId: t.outletId,
  ...change,
});

/**
 * Rectification tasks (溯源整改): what a complaint's root cause calls for, with an owner and a
 * due date; open until done, overdue past the due date (Beijing).
 */
export class ComplaintTasksService {
  constructor(private readonly deps: ComplaintDeps) {}

  async list(actor: Actor, f: TaskListQuery): Promise<Page<RectificationTask>> {
    await this.deps.guard.listScope(actor, f.outletId);
    const today = beijingDate(this.deps.clock.now());
    const { rows, total } = await repo.listTasks(
      this.deps.db,
      {
        branchId: actor.branchId,
        onlyOutletId: actor.outletId,
        outletId: f.outletId,
        complaintId: f.complaintId,
        status: f.status,
        overdueBefore: f.overdue ? today : undefined,
      },
      ...pageWindow(f),
    );
    return { items: rows.map(presentTask), total, page: f.page, pageSize: f.pageSize };
  }

  async create(actor: Actor, complaintId: string, input: TaskCreate): Promise<RectificationTask> {
    return this.deps.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      const c = await this.deps.cases.found(trx, actor, complaintId, 'complaints.tasks');
      this.deps.cases.notRecused(actor, c);
      await this.deps.cases.checkStaff(trx, c.outlet_id, input.ownerStaffId, 'ownerStaffId');
      const id = newId();
      await repo.insertTask(trx, {
        id,
        complaint_id: c.id,
        outlet_id: c.outlet_id,
        title: input.title,
        owner: input.owner,
        owner_staff_id: input.ownerStaffId ?? null,
        due_on: isoDate(input.dueOn),
        status: 'open',
        note: '',
        done_at: null,
        created_at: now,
        updated_at: now,
      });
      const after = presentTask((await repo.findTask(trx, id))!);
      return [after, taskEntry('create', after, { after })];
    });
  }

  async update(actor: Actor, taskId: string, patch: TaskPatch): Promise<RectificationTask> {
    return this.deps.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      const t = await repo.findTask(trx, taskId);
      if (!t) throw notFound('task');
      this.deps.guard.seesRecord(actor, { outletId: t.outlet_id, branchId: t.branch_id }, 'task');
      if (!allows(actor, 'complaints.tasks', t.outlet_id)) throw forbidden();
      await this.deps.cases.checkStaff(trx, t.outlet_id, patch.ownerStaffId, 'ownerStaffId');
      const before = presentTask(t);
      const set: Partial<repo.TaskRow> = { updated_at: now };
      if (patch.title !== undefined) set.title = patch.title;
      if (patch.owner !== undefined) set.owner = patch.owner;
      if (patch.ownerStaffId !== undefined) set.owner_staff_id = patch.ownerStaffId;
      if (patch.dueOn !== undefined) set.due_on = isoDate(patch.dueOn);
      if (patch.note !== undefined) set.note = patch.note;
      if (patch.status !== undefined) {
        set.status = patch.status;
        set.done_at = patch.status === 'done' ? now : null;
      }
      await repo.updateTask(trx, taskId, set);
      const after = presentTask((await repo.findTask(trx, taskId))!);
      return [after, taskEntry('update', before, { before, after })];
    });
  }
}
