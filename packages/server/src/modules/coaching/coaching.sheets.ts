import type { ComplaintDrill, ComplaintScript, QuizResult } from '@liangdian/shared/api';
import { activeName, type FilterLabel, label, sheet, codeColumn } from '../../http/sheet';

/** The .xlsx columns of the script library, the drills and the quiz results. */

/** Names of what a list is filtered on (looked up by the service); an id is shown as itself. */
export interface FilterNames {
  outlet?: string;
  staff?: string;
}

const named = (l: ReturnType<typeof label>, name: string | undefined): FilterLabel => ({
  label: l,
  show: (v) => name ?? String(v),
});
/** A share of two counts as a whole percentage (empty when there is nothing to share). */
const share = <T>(header: ReturnType<typeof label>, part: (x: T) => number, whole: (x: T) => number) => ({
  header,
  value: (x: T) => (whole(x) ? part(x) / whole(x) : null),
  kind: 'percent' as const,
  decimals: 0,
  width: 8,
});

export const scriptSheet = sheet<ComplaintScript>({
  title: label('话术库', 'Scripts'),
  filters: {
    q: { label: label('关键词', 'Search') },
    stage: { label: label('环节', 'Stage'), codes: 'scriptStage' },
    scenario: { label: label('场景', 'Scenario') },
    active: { label: label('状态', 'Status'), show: (v, l) => activeName(v === true, l) },
  },
  columns: [
    codeColumn(label('环节', 'Stage'), (x) => x.stage, 'scriptStage', 12),
    { header: label('场景', 'Scenario'), value: (x) => x.scenario, width: 20 },
    { header: label('标题', 'Title'), value: (x) => x.title, width: 24 },
    { header: label('话术', 'Text'), value: (x) => x.body, width: 80 },
    { header: label('版本', 'Version'), value: (x) => x.version, kind: 'int', width: 8 },
    { header: label('状态', 'Status'), value: (x, l) => activeName(x.active, l), width: 8 },
    { header: label('更新时间', 'Updated'), value: (x) => x.updatedAt, kind: 'datetime' },
  ],
});

export const drillSheet = (names: FilterNames) =>
  sheet<ComplaintDrill>({
    title: label('投诉带教', 'Complaint drills'),
    filters: {
      outletId: named(label('网点', 'Outlet'), names.outlet),
      staffId: named(label('参演人员', 'Participant'), names.staff),
      from: { label: label('日期起', 'From') },
      to: { label: label('日期止', 'To') },
    },
    columns: [
      { header: label('日期', 'Date'), value: (x) => x.heldOn, kind: 'date' },
      { header: label('网点', 'Outlet'), value: (x) => x.outletName, width: 16 },
      { header: label('场景', 'Scenario'), value: (x) => x.scenario, width: 30 },
      {
        header: label('参演人员', 'Participants'),
        value: (x) => x.participants.map((p) => p.name),
        width: 24,
      },
      { header: label('评估人', 'Evaluator'), value: (x) => x.evaluator, width: 12 },
      { header: label('得分', 'Score'), value: (x) => x.score, kind: 'int', width: 8 },
      { header: label('满分', 'Max'), value: (x) => x.maxScore, kind: 'int', width: 8 },
      share<ComplaintDrill>(
        label('得分率', 'Score %'),
        (x) => x.score,
        (x) => x.maxScore,
      ),
      { header: label('点评', 'Comments'), value: (x) => x.comments, width: 40 },
    ],
  });

export const quizSheet = (names: FilterNames & { lines: Map<string, { zh: string; en: string }> }) =>
  sheet<QuizResult>({
    title: label('客户十问测验', 'Ten-question quizzes'),
    filters: {
      outletId: named(label('网点', 'Outlet'), names.outlet),
      staffId: named(label('员工', 'Staff'), names.staff),
    },
    columns: [
      { header: label('时间', 'Taken at'), value: (x) => x.takenAt, kind: 'datetime' },
      { header: label('网点', 'Outlet'), value: (x) => x.outletName, width: 16 },
      { header: label('员工', 'Staff'), value: (x) => x.staffName, width: 12 },
      {
        header: label('业务线', 'Business line'),
        value: (x, l) => {
          const n = names.lines.get(x.businessLine);
          return n ? (l === 'zh-CN' ? n.zh : n.en) : x.businessLine;
        },
        width: 14,
      },
      { header: label('答对', 'Correct'), value: (x) => x.correct, kind: 'int', width: 8 },
      { header: label('题数', 'Questions'), value: (x) => x.total, kind: 'int', width: 8 },
      share<QuizResult>(
        label('正确率', 'Correct %'),
        (x) => x.correct,
        (x) => x.total,
      ),
    ],
  });
