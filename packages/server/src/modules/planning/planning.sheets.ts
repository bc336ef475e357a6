import type { JobItem, PlanningRunSummary } from '@liangdian/shared/api';
import { label, sheet } from '../../http/sheet';

const RUN_STATE = {
  running: label('进行中', 'Running'),
  completed: label('已完成', 'Completed'),
  failed: label('有失败', 'Failed'),
  cancelled: label('已取消', 'Cancelled'),
} as const;

export const JOB_STATE_LABELS = {
  created: label('排队中', 'Queued'),
  retry: label('等待重试', 'Waiting to retry'),
  active: label('运行中', 'Running'),
  completed: label('已完成', 'Completed'),
  cancelled: label('已取消', 'Cancelled'),
  failed: label('失败', 'Failed'),
} as const;

/** The planning runs as .xlsx. */
export const planningRunsSheet = sheet<PlanningRunSummary>({
  title: label('排班规划批次', 'Planning runs'),
  filters: { weekStart: { label: label('周', 'Week') } },
  columns: [
    { header: label('周（周一）', 'Week (Monday)'), value: (r) => r.weekStart, kind: 'date' },
    { header: label('状态', 'State'), value: (r, l) => RUN_STATE[r.state][l], width: 10 },
    { header: label('网点数', 'Outlets'), value: (r) => r.counts.total, kind: 'int', width: 8 },
    { header: label('已完成', 'Completed'), value: (r) => r.counts.completed, kind: 'int', width: 8 },
    { header: label('失败', 'Failed'), value: (r) => r.counts.failed, kind: 'int', width: 8 },
    { header: label('已取消', 'Cancelled'), value: (r) => r.counts.cancelled, kind: 'int', width: 8 },
    { header: label('发起人', 'Started by'), value: (r) => r.createdByName, width: 14 },
    { header: label('发起时间（北京）', 'Started (Beijing)'), value: (r) => r.createdAt, kind: 'datetime' },
    { header: label('结束时间（北京）', 'Ended (Beijing)'), value: (r) => r.finishedAt, kind: 'datetime' },
  ],
});

/** The background jobs as .xlsx: state by name, Beijing times, seconds rounded. */
export const jobsSheet = sheet<JobItem>({
  title: label('后台任务', 'Background jobs'),
  filters: {
    state: {
      label: label('状态', 'State'),
      show: (v, l) => JOB_STATE_LABELS[v as JobItem['state']]?.[l] ?? String(v),
    },
    queue: { label: label('队列', 'Queue') },
  },
  columns: [
    { header: label('任务编号', 'Job id'), value: (j) => j.id, width: 38 },
    { header: label('队列', 'Queue'), value: (j) => j.queue, width: 16 },
    { header: label('内容', 'Subject'), value: (j) => j.subject, width: 30 },
    { header: label('状态', 'State'), value: (j, l) => JOB_STATE_LABELS[j.state][l], width: 10 },
    { header: label('尝试次数', 'Attempts'), value: (j) => j.attempts, kind: 'int', width: 8 },
    { header: label('最多次数', 'Max attempts'), value: (j) => j.maxAttempts, kind: 'int', width: 8 },
    { header: label('进度', 'Progress'), value: (j) => j.progress, width: 16 },
    { header: label('创建时间（北京）', 'Created (Beijing)'), value: (j) => j.createdAt, kind: 'datetime' },
    { header: label('开始时间（北京）', 'Started (Beijing)'), value: (j) => j.startedAt, kind: 'datetime' },
    { header: label('结束时间（北京）', 'Ended (Beijing)'), value: (j) => j.completedAt, kind: 'datetime' },
    {
      header: label('用时（秒）', 'Seconds'),
      value: (j) => j.seconds,
      kind: 'number',
      decimals: 1,
      width: 10,
    },
    { header: label('错误', 'Error'), value: (j) => j.error, width: 50 },
  ],
});
