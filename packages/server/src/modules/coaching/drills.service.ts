import { pageWindow } from '../../lib/paging';
import type { ComplaintDrill, DrillCreate, DrillListQuery, Page } from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB, Q } from '../../db/types';
import { DomainError, type FieldProblem } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Changes, Guard } from '../access/guard';
import type { Actor } from '../access/policy';
import * as repo from './coaching.repository';
import { presentDrill } from './coaching.presenter';

/**
 * Complaint drills (投诉带教): a coach plays a complaint scenario with an outlet's staff and scores
 * them on a rubric; each participant's drills make their drill history.
 */
export class DrillsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly guard: Guard,
    private readonly changes: Changes,
  ) {}

  private async present(q: Q, rows: (repo.DrillRow & { outlet_name: string })[]): Promise<ComplaintDrill[]> {
    const parts = await repo.participantsOf(
      q,
      rows.map((r) => r.id),
    );
    return rows.map((d) => presentDrill(d, parts));
  }

  /** The drills of the outlets in scope, newest first; `staffId`: the drills they took part in. */
  async listDrills(actor: Actor, f: DrillListQuery): Promise<Page<ComplaintDrill>> {
    await this.guard.listScope(actor, f.outletId);
    const { rows, total } = await repo.listDrills(
      this.db,
      { branchId: actor.branchId, onlyOutletId: actor.outletId, ...f },
      ...pageWindow(f),
    );
    return { items: await this.present(this.db, rows), total, page: f.page, pageSize: f.pageSize };
  }

  async createDrill(actor: Actor, input: DrillCreate): Promise<ComplaintDrill> {
    await this.guard.requireOutlet(actor, input.outletId, 'complaints.coach');
    const problems: FieldProblem[] = input.rubric.flatMap((r, i) =>
      r.score > r.max
        ? [{ field: `body.rubric.${i}.score`, code: 'too_big', params: { maximum: r.max } }]
        : [],
    );
    const ids = [...new Set(input.participants)];
    const found = await repo.staffIn(this.db, input.outletId, ids);
    ids.forEach((id, i) => {
      if (!found.some((s) => s.id === id))
        problems.push({ field: `body.participants.${i}`, code: 'NOT_IN_OUTLET', params: { value: id } });
    });
    if (problems.length) throw new DomainError('VALIDATION_FAILED', {}, problems);
    return this.changes.run(actor, async (trx, at) => {
      const id = newId();
      await repo.insertDrill(
        trx,
        {
          id,
          outlet_id: input.outletId,
          held_on: input.heldOn,
          scenario: input.scenario,
          evaluator: input.evaluator,
          rubric_json: JSON.stringify(input.rubric),
          score: input.rubric.reduce((n, r) => n + r.score, 0),
          max_score: input.rubric.reduce((n, r) => n + r.max, 0),
          comments: input.comments,
          created_by: actor.userId,
          created_at: at.toISOString(),
        },
        ids,
      );
      const [after] = await this.present(trx, [(await repo.findDrill(trx, id))!]);
      return [
        after!,
        { action: 'create', entityType: 'complaint_drill', entityId: id, outletId: input.outletId, after },
      ];
    });
  }

  /** The names of the outlet and staff member a list is filtered on (for the export's filter line). */
  filterNames(actor: Actor, f: { outletId?: string; staffId?: string }) {
    return repo.namesInScope(this.db, { branchId: actor.branchId, onlyOutletId: actor.outletId }, f);
  }
}
