import { z } from 'zod';
import { TASK_STATUSES } from '../complaints';
import { BoolQuery, Id, PageQuery } from './common';
import { CalendarDate, complaintEndpoints as e, RecordParams, required, text } from './complaint-fields';
import { outletRef, timestamps } from './fields';

/** Rectification tasks (溯源整改): what a complaint's root cause calls for, with owner and due date. */
export const RectificationTask = z.object({
  id: z.string(),
  complaintId: z.string().nullable(),
  ...outletRef,
  title: z.string(),
  owner: z.string(),
  ownerStaffId: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(TASK_STATUSES),
  note: z.string(),
  doneAt: z.string().nullable(),
  ...timestamps,
});
export type RectificationTask = z.infer<typeof RectificationTask>;

export const TaskCreate = z
  .object({
    title: required(200),
    owner: required(50),
    ownerStaffId: Id.nullable().optional(),
    dueOn: CalendarDate,
  })
  .strict();
export const TaskPatch = TaskCreate.partial()
  .extend({ status: z.enum(TASK_STATUSES).optional(), note: text(2000).optional() })
  .strict();
export const TaskListQuery = PageQuery.extend({
  outletId: Id.optional(),
  complaintId: Id.optional(),
  status: z.enum(TASK_STATUSES).optional(),
  overdue: BoolQuery.optional(),
});
export type TaskCreate = z.infer<typeof TaskCreate>;
export type TaskPatch = z.infer<typeof TaskPatch>;
export type TaskListQuery = z.infer<typeof TaskListQuery>;

/** A rectification task, found by its id. */
const task = e.at('/rectification-tasks/:id', RecordParams, { response: RectificationTask });

export const complaintTasksApi = {
  listTasks: e.pagedList('/rectification-tasks', 'Rectification tasks (溯源整改), paged', RectificationTask, {
    query: TaskListQuery,
  }),
  createTask: e.create('/complaints/:id/tasks', 'Add a rectification task', {
    params: RecordParams,
    body: TaskCreate,
    response: RectificationTask,
  }),
  updateTask: task.patch('', 'Edit or complete a rectification task', { body: TaskPatch }),
} as const;
