import { sql } from 'kysely';
import { countRows } from '../../db/query';
import type { Q } from '../../db/types';

/**
 * The home page's reads of other modules' tables (complaints, the live lobby, rectification
 * tasks): read only, through this repository, so the home module depends on no other service.
 */

export interface DueComplaintFilter {
  branchId: string;
  /** only this outlet's (outlet roles) */
  outletId: string | null;
  /** the statuses in which the reader can take a step */
  statuses: readonly string[];
  /** a running deadline on or before this Beijing date */
  dueBy: string;
  /** listed first: complaints this user handles */
  handlerId: string;
}

/** Complaints with a running deadline due by `dueBy` (or past), the reader's own first, then by due date. */
export async function dueComplaints(q: Q, f: DueComplaintFilter, limit: number) {
  const base = () => {
    let query = q
      .selectFrom('complaints as c')
      .where('c.branch_id', '=', f.branchId)
      .where('c.due_on', 'is not', null)
      .where('c.due_on', '<=', f.dueBy)
      .where('c.status', 'in', [...f.statuses]);
    if (f.outletId) query = query.where('c.outlet_id', '=', f.outletId);
    return query;
  };
  const rows = await base()
    .innerJoin('outlets as o', 'o.id', 'c.outlet_id')
    .leftJoin('users as h', 'h.id', 'c.handler_id')
    .select([
      'c.id',
      'c.no',
      'c.outlet_id',
      'o.name as outlet_name',
      'c.status',
      'c.due_on',
      'c.handler_id',
      'h.display_name as handler_name',
    ])
    .orderBy(sql`case when c.handler_id = ${f.handlerId} then 0 else 1 end`)
    .orderBy('c.due_on')
    .orderBy('c.no')
    .limit(limit)
    .execute();
  return { rows, total: await countRows(base()) };
}

export interface PromptFilter {
  outletId: string;
  /** the Beijing date the prompts belong to (today) */
  day: string;
  /** instant: prompts that expired before it are not waiting any more */
  now: string;
  /** only the prompts addressed to this staff member */
  staffId?: string;
}

/** Backfill prompts waiting for an answer at an outlet today, oldest first. */
export async function pendingPrompts(q: Q, f: PromptFilter, limit: number) {
  const base = () => {
    let query = q
      .selectFrom('backfill_prompts as p')
      .where('p.outlet_id', '=', f.outletId)
      .where('p.day', '=', f.day)
      .where('p.status', '=', 'pending')
      .where((eb) => eb.or([eb('p.expires_at', 'is', null), eb('p.expires_at', '>', f.now)]));
    if (f.staffId !== undefined) query = query.where('p.staff_id', '=', f.staffId);
    return query;
  };
  const rows = await base()
    .innerJoin('outlets as o', 'o.id', 'p.outlet_id')
    .leftJoin('staff as s', 's.id', 'p.staff_id')
    .leftJoin('posts as ps', 'ps.id', 'p.post_id')
    .select([
      'p.id',
      'p.outlet_id',
      'o.name as outlet_name',
      'p.kind',
      'p.staff_id',
      's.name as staff_name',
      'ps.name as post_name',
      'p.message_zh',
      'p.message_en',
      'p.created_at',
      'p.expires_at',
    ])
    .orderBy('p.created_at')
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return { rows, total: await countRows(base()) };
}

export interface OpenTaskFilter {
  branchId: string;
  /** only this outlet's */
  outletId?: string;
  /** only those assigned to this staff member */
  ownerStaffId?: string;
  /** only those due on or before this Beijing date */
  dueBy?: string;
  /** listed first: those assigned to this staff member */
  mineStaffId: string | null;
}

/** Open rectification tasks, the reader's own first, then by due date. */
export async function openTasks(q: Q, f: OpenTaskFilter, limit: number) {
  const base = () => {
    let query = q
      .selectFrom('rectification_tasks as t')
      .innerJoin('outlets as o', 'o.id', 't.outlet_id')
      .where('o.branch_id', '=', f.branchId)
      .where('t.status', '=', 'open');
    if (f.outletId) query = query.where('t.outlet_id', '=', f.outletId);
    if (f.ownerStaffId) query = query.where('t.owner_staff_id', '=', f.ownerStaffId);
    if (f.dueBy) query = query.where('t.due_on', '<=', f.dueBy);
    return query;
  };
  const rows = await base()
    .leftJoin('complaints as c', 'c.id', 't.complaint_id')
    .select([
      't.id',
      't.title',
      't.outlet_id',
      'o.name as outlet_name',
      't.complaint_id',
      'c.no as complaint_no',
      't.owner',
      't.owner_staff_id',
      't.due_on',
    ])
    .orderBy(sql`case when t.owner_staff_id = ${f.mineStaffId ?? ''} then 0 else 1 end`)
    .orderBy('t.due_on')
    .orderBy('t.title')
    .limit(limit)
    .execute();
  return { rows, total: await countRows(base()) };
}

export type DueComplaintRow = Awaited<ReturnType<typeof dueComplaints>>['rows'][number];
export type PromptRow = Awaited<ReturnType<typeof pendingPrompts>>['rows'][number];
export type TaskRow = Awaited<ReturnType<typeof openTasks>>['rows'][number];
