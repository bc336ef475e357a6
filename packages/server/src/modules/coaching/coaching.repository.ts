import { containsText, pageWithTotal, insertRow, updateById } from '../../db/query';
import type { DB, Q } from '../../db/types';

export type ScriptRow = DB['complaint_scripts'];
export type ScriptVersionRow = DB['complaint_script_versions'];
export type DrillRow = DB['complaint_drills'];
export type QuestionRow = DB['ten_questions'];
export type QuizRow = DB['quiz_results'];

// ---- scripts (话术)
export interface ScriptFilter {
  q?: string;
  stage?: string;
  scenario?: string;
  active?: boolean;
}
function filteredScripts(q: Q, f: ScriptFilter) {
  let query = q.selectFrom('complaint_scripts');
  if (f.stage) query = query.where('stage', '=', f.stage);
  if (f.scenario) query = query.where('scenario', '=', f.scenario);
  if (f.active !== undefined) query = query.where('active', '=', f.active ? 1 : 0);
  if (f.q) query = query.where(containsText(['title', 'body', 'scenario'], f.q));
  return query;
}
export async function listScripts(q: Q, f: ScriptFilter, offset: number, limit: number) {
  return pageWithTotal(
    filteredScripts(q, f),
    (base) => base.selectAll().orderBy('stage').orderBy('title').orderBy('id'),
    offset,
    limit,
  );
}
/** The distinct scenarios of the script library, in order (for filters and suggestions). */
export async function scriptScenarios(q: Q, limit: number): Promise<string[]> {
  const rows = await q
    .selectFrom('complaint_scripts')
    .select('scenario')
    .distinct()
    .orderBy('scenario')
    .limit(limit)
    .execute();
  return rows.map((r) => r.scenario);
}
export const findScript = (q: Q, id: string) =>
  q.selectFrom('complaint_scripts').selectAll().where('id', '=', id).executeTakeFirst();
export const insertScript = insertRow('complaint_scripts');
export const updateScript = updateById('complaint_scripts');
export const insertScriptVersion = insertRow('complaint_script_versions');
export const listScriptVersions = (q: Q, scriptId: string) =>
  q
    .selectFrom('complaint_script_versions')
    .selectAll()
    .where('script_id', '=', scriptId)
    .orderBy('version', 'desc')
    .execute();
export const findScriptVersion = (q: Q, scriptId: string, version: number) =>
  q
    .selectFrom('complaint_script_versions')
    .selectAll()
    .where('script_id', '=', scriptId)
    .where('version', '=', version)
    .executeTakeFirst();

// ---- drills (投诉带教)
export interface DrillFilter {
  branchId: string;
  onlyOutletId?: string | null;
  outletId?: string;
  staffId?: string;
  from?: string;
  to?: string;
}
function filteredDrills(q: Q, f: DrillFilter) {
  let query = q
    .selectFrom('complaint_drills as d')
    .innerJoin('outlets as o', 'o.id', 'd.outlet_id')
    .where('o.branch_id', '=', f.branchId);
  if (f.onlyOutletId) query = query.where('d.outlet_id', '=', f.onlyOutletId);
  if (f.outletId) query = query.where('d.outlet_id', '=', f.outletId);
  if (f.from) query = query.where('d.held_on', '>=', f.from);
  if (f.to) query = query.where('d.held_on', '<=', f.to);
  if (f.staffId) {
    const staffId = f.staffId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('complaint_drill_participants as p')
          .select('p.drill_id')
          .whereRef('p.drill_id', '=', 'd.id')
          .where('p.staff_id', '=', staffId),
      ),
    );
  }
  return query;
}
export async function listDrills(q: Q, f: DrillFilter, offset: number, limit: number) {
  return pageWithTotal(
    filteredDrills(q, f),
    (base) =>
      base
        .selectAll('d')
        .select('o.name as outlet_name')
        .orderBy('d.held_on', 'desc')
        .orderBy('d.id', 'desc'),
    offset,
    limit,
  );
}
export const findDrill = (q: Q, id: string) =>
  q
    .selectFrom('complaint_drills as d')
    .innerJoin('outlets as o', 'o.id', 'd.outlet_id')
    .selectAll('d')
    .select('o.name as outlet_name')
    .where('d.id', '=', id)
    .executeTakeFirst();
export async function insertDrill(q: Q, row: DrillRow, staffIds: string[]) {
  await q.insertInto('complaint_drills').values(row).execute();
  await q
    .insertInto('complaint_drill_participants')
    .values(staffIds.map((staff_id) => ({ drill_id: row.id, staff_id })))
    .execute();
}
export const participantsOf = async (q: Q, drillIds: string[]) =>
  drillIds.length
    ? q
        .selectFrom('complaint_drill_participants as p')
        .innerJoin('staff as s', 's.id', 'p.staff_id')
        .select(['p.drill_id', 's.id', 's.name'])
        .where('p.drill_id', 'in', drillIds)
        .orderBy('s.name')
        .execute()
    : [];
export const staffIn = (q: Q, outletId: string, ids: string[]) =>
  q
    .selectFrom('staff')
    .select(['id', 'name'])
    .where('outlet_id', '=', outletId)
    .where('id', 'in', ids)
    .execute();

// ---- ten questions (客户十问) and quizzes
export const listQuestions = (q: Q, outletId: string, line: string) =>
  q
    .selectFrom('ten_questions')
    .selectAll()
    .where('outlet_id', '=', outletId)
    .where('business_line', '=', line)
    .orderBy('position')
    .execute();
export async function replaceQuestions(q: Q, outletId: string, line: string, rows: QuestionRow[]) {
  await q
    .deleteFrom('ten_questions')
    .where('outlet_id', '=', outletId)
    .where('business_line', '=', line)
    .execute();
  if (rows.length) await q.insertInto('ten_questions').values(rows).execute();
}
export const insertQuiz = insertRow('quiz_results');
export async function listQuizzes(
  q: Q,
  f: { branchId: string; onlyOutletId?: string | null; outletId?: string; staffId?: string },
  offset: number,
  limit: number,
) {
  let query = q
    .selectFrom('quiz_results as r')
    .innerJoin('outlets as o', 'o.id', 'r.outlet_id')
    .innerJoin('staff as s', 's.id', 'r.staff_id')
    .where('o.branch_id', '=', f.branchId);
  if (f.onlyOutletId) query = query.where('r.outlet_id', '=', f.onlyOutletId);
  if (f.outletId) query = query.where('r.outlet_id', '=', f.outletId);
  if (f.staffId) query = query.where('r.staff_id', '=', f.staffId);
  return pageWithTotal(
    query,
    (base) =>
      base
        .selectAll('r')
        .select(['s.name as staff_name', 'o.name as outlet_name'])
        .orderBy('r.taken_at', 'desc')
        .orderBy('r.id', 'desc'),
    offset,
    limit,
  );
}

// ---- names for the filter line of an export
/** The names of an outlet and a staff member, when they are in the scope (branch, and outlet if any). */
export async function namesInScope(
  q: Q,
  scope: { branchId: string; onlyOutletId?: string | null },
  ids: { outletId?: string; staffId?: string },
): Promise<{ outlet?: string; staff?: string }> {
  const inScope = <T extends { branch_id: string; outlet_id: string; name: string }>(r: T | undefined) =>
    r && r.branch_id === scope.branchId && (!scope.onlyOutletId || r.outlet_id === scope.onlyOutletId)
      ? r.name
      : undefined;
  const [outlet, staff] = await Promise.all([
    ids.outletId
      ? q
          .selectFrom('outlets')
          .select(['branch_id', 'id as outlet_id', 'name'])
          .where('id', '=', ids.outletId)
          .executeTakeFirst()
      : undefined,
    ids.staffId
      ? q
          .selectFrom('staff as s')
          .innerJoin('outlets as o', 'o.id', 's.outlet_id')
          .select(['o.branch_id', 's.outlet_id', 's.name'])
          .where('s.id', '=', ids.staffId)
          .executeTakeFirst()
      : undefined,
  ]);
  return { outlet: inScope(outlet), staff: inScope(staff) };
}

/** Business lines (business types) by code, with their names, for the quiz sheet. */
export const businessLines = (q: Q) =>
  q.selectFrom('business_types').select(['code', 'name_zh', 'name_en']).execute();
