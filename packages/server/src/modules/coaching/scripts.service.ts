import { pageWindow } from '../../lib/paging';
import type {
  ComplaintScript,
  ComplaintScriptVersion,
  Page,
  ScriptCreate,
  ScriptListQuery,
  ScriptPatch,
} from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types';
import { notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Changes, Guard } from '../access/guard';
import type { Actor } from '../access/policy';
import * as repo from './coaching.repository';
import { presentScript, presentScriptVersion } from './coaching.presenter';

/**
 * The script library (话术) of the branch: what to say at each stage of a complaint, by scenario.
 * Everyone signed in reads it; the branch's coaches edit it, and every edit of the text is kept
 * as a version.
 */
export class ScriptsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly guard: Guard,
    private readonly changes: Changes,
  ) {}

  async listScripts(f: ScriptListQuery): Promise<Page<ComplaintScript>> {
    const { rows, total } = await repo.listScripts(this.db, { ...f, q: f.q || undefined }, ...pageWindow(f));
    return { items: rows.map(presentScript), total, page: f.page, pageSize: f.pageSize };
  }

  /** every scenario the library uses (up to 1,000), for the filter and the form's suggestions */
  async scriptScenarios(): Promise<{ items: string[] }> {
    return { items: await repo.scriptScenarios(this.db, 1000) };
  }

  async getScript(id: string): Promise<ComplaintScript> {
    const s = await repo.findScript(this.db, id);
    if (!s) throw notFound('script');
    return presentScript(s);
  }

  async scriptVersions(id: string): Promise<ComplaintScriptVersion[]> {
    await this.getScript(id);
    return (await repo.listScriptVersions(this.db, id)).map(presentScriptVersion);
  }

  async scriptVersion(id: string, version: number): Promise<ComplaintScriptVersion> {
    const v = await repo.findScriptVersion(this.db, id, version);
    if (!v) throw notFound('script version');
    return presentScriptVersion(v);
  }

  async createScript(actor: Actor, input: ScriptCreate): Promise<ComplaintScript> {
    this.guard.require(actor, 'complaints.scripts');
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      const id = newId();
      const row = { id, ...input, version: 1, active: 1, created_at: now, updated_at: now };
      await repo.insertScript(trx, row);
      await repo.insertScriptVersion(trx, {
        id: newId(),
        script_id: id,
        version: 1,
        ...input,
        created_by: actor.displayName || actor.username,
        created_at: now,
      });
      const after = presentScript(row);
      return [after, { action: 'create', entityType: 'complaint_script', entityId: id, after }];
    });
  }

  /** Editing the text creates a new version; earlier versions stay readable. */
  async updateScript(actor: Actor, id: string, patch: ScriptPatch): Promise<ComplaintScript> {
    this.guard.require(actor, 'complaints.scripts');
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      const s = await repo.findScript(trx, id);
      if (!s) throw notFound('script');
      const before = presentScript(s);
      const next = {
        stage: patch.stage ?? s.stage,
        scenario: patch.scenario ?? s.scenario,
        title: patch.title ?? s.title,
        body: patch.body ?? s.body,
      };
      const changed =
        next.stage !== s.stage ||
        next.scenario !== s.scenario ||
        next.title !== s.title ||
        next.body !== s.body;
      const version = changed ? s.version + 1 : s.version;
      await repo.updateScript(trx, id, {
        ...next,
        version,
        active: patch.active === undefined ? s.active : patch.active ? 1 : 0,
        updated_at: now,
      });
      if (changed) {
        await repo.insertScriptVersion(trx, {
          id: newId(),
          script_id: id,
          version,
          ...next,
          created_by: actor.displayName || actor.username,
          created_at: now,
        });
      }
      const after = presentScript((await repo.findScript(trx, id))!);
      return [after, { action: 'update', entityType: 'complaint_script', entityId: id, before, after }];
    });
  }
}
