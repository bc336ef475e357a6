import { pageWindow } from '../../lib/paging';
import { staffPhoneVisibility } from '@liangdian/shared';
import type {
  BusinessType,
  BusinessTypeCreate,
  BusinessTypePatch,
  Outlet,
  OutletCreate,
  OutletListQuery,
  OutletPatch,
  Post,
  PostCreate,
  PostPatch,
  Staff,
  StaffCreate,
  StaffListQuery,
  StaffPatch,
  Zone,
  ZoneCreate,
  ZonePatch,
} from '@liangdian/shared/api';
import type { Kysely } from 'kysely';
import type { DB, Q } from '../../db/types';
import type { FieldCipher } from '../../lib/crypto';
import { conflict, DomainError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import type { Page } from '../../lib/paging';
import type { Changes, Guard } from '../access/guard';
import type { Actor } from '../access/policy';
import * as repo from './org.repository';
import {
  presentBranch,
  presentBusinessType,
  presentOutlet,
  presentPost,
  presentStaff,
  presentZone,
} from './org.presenter';

const flag = (b: boolean | undefined) => (b === undefined ? undefined : b ? 1 : 0);
const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Organisation: branches, outlets and, per outlet, zones, posts and staff; the business-type catalogue. */
export class OrgService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly cipher: FieldCipher,
    private readonly guard: Guard,
    private readonly changes: Changes,
  ) {}

  // ---------------------------------------------------------------- branches
  async listBranches(actor: Actor) {
    return (await repo.listBranches(this.db, actor.branchId)).map(presentBranch);
  }

  // ---------------------------------------------------------------- outlets
  private outletFilter(actor: Actor, f: OutletListQuery): repo.OutletFilter {
    return {
      branchId: actor.branchId,
      onlyOutletId: actor.outletId,
      q: f.q || undefined,
      active: f.status === undefined ? undefined : f.status === 'active',
      pilot: f.pilot,
    };
  }

  /**
   * The key of an outlet list page in the answer cache (http/answer-cache.ts): the outlets' data
   * version (org.repository `outletsVersion`, renewed by every change to outlets, their staff and
   * zones, in its own transaction), the actor's scope and the query.
   */
  async outletsKey(actor: Actor, f: OutletListQuery): Promise<string> {
    const version = await repo.outletsVersion(this.db);
    return JSON.stringify(['outlets', version, actor.branchId, actor.outletId, f]);
  }

  listOutlets(actor: Actor, f: OutletListQuery): Promise<Page<Outlet>> {
    return this.readOutlets(actor, f);
  }

  private async readOutlets(actor: Actor, f: OutletListQuery): Promise<Page<Outlet>> {
    if (f.branchId && f.branchId !== actor.branchId)
      return { items: [], total: 0, page: f.page, pageSize: f.pageSize };
    const desc = f.sort.startsWith('-');
    const sort = f.sort.replace('-', '') as repo.OutletSort;
    const { rows, total } = await repo.listOutlets(
      this.db,
      this.outletFilter(actor, f),
      sort,
      desc,
      ...pageWindow(f),
    );
    return { items: rows.map(presentOutlet), total, page: f.page, pageSize: f.pageSize };
  }

  async getOutlet(actor: Actor, id: string): Promise<Outlet> {
    return presentOutlet(await this.guard.requireOutlet(actor, id));
  }

  async createOutlet(actor: Actor, input: OutletCreate): Promise<Outlet> {
    this.guard.require(actor, 'outlet.create');
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      if (input.branchId !== actor.branchId || !(await repo.findBranch(trx, input.branchId))) {
        throw new DomainError('VALIDATION_FAILED', {}, [
          { field: 'body.branchId', code: 'UNKNOWN_REFERENCE', params: { value: input.branchId } },
        ]);
      }
      if (await repo.outletByCode(trx, input.code)) throw conflict('OUTLET_CODE_TAKEN', 'code');
      const id = newId();
      await repo.insertOutlet(trx, {
        id,
        branch_id: input.branchId,
        code: input.code,
        name: input.name,
        address: input.address,
        phone: input.phone,
        pilot: input.pilot ? 1 : 0,
        active: 1,
        staff_count: 0,
        zone_count: 0,
        created_at: now,
        updated_at: now,
      });
      const view = presentOutlet((await repo.findOutlet(trx, id))!);
      return [view, { action: 'create', entityType: 'outlet', entityId: id, outletId: id, after: view }];
    });
  }

  async updateOutlet(actor: Actor, id: string, patch: OutletPatch): Promise<Outlet> {
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      const before = presentOutlet(await this.guard.requireOutlet(actor, id, 'outlet.edit', trx));
      if (patch.code && patch.code !== before.code && (await repo.outletByCode(trx, patch.code))) {
        throw conflict('OUTLET_CODE_TAKEN', 'code');
      }
      await repo.updateOutlet(trx, id, {
        ...defined({ ...patch, pilot: flag(patch.pilot) }),
        updated_at: now,
      });
      const after = presentOutlet((await repo.findOutlet(trx, id))!);
      return [after, { action: 'update', entityType: 'outlet', entityId: id, outletId: id, before, after }];
    });
  }

  async setOutletActive(actor: Actor, id: string, active: boolean): Promise<Outlet> {
    await this.guard.requireOutlet(actor, id, 'outlet.create');
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      const before = presentOutlet(await this.guard.requireOutlet(actor, id, 'outlet.edit', trx));
      await repo.updateOutlet(trx, id, { active: active ? 1 : 0, updated_at: now });
      const after = presentOutlet((await repo.findOutlet(trx, id))!);
      const action = active ? 'reactivate' : 'deactivate';
      return [after, { action, entityType: 'outlet', entityId: id, outletId: id, before, after }];
    });
  }

  // ---------------------------------------------------------------- zones
  async listZones(actor: Actor, outletId: string): Promise<Zone[]> {
    await this.guard.requireOutlet(actor, outletId);
    return (await repo.listZones(this.db, outletId)).map(presentZone);
  }

  async createZone(actor: Actor, outletId: string, input: ZoneCreate): Promise<Zone> {
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      await this.guard.requireOutlet(actor, outletId, 'outlet.edit', trx);
      const id = newId();
      await repo.insertZone(trx, {
        id,
        outlet_id: outletId,
        kind: input.kind,
        name: input.name,
        capacity: input.capacity,
        active: 1,
        created_at: now,
        updated_at: now,
      });
      await repo.refreshCounts(trx, outletId);
      const after = presentZone((await repo.findZone(trx, outletId, id))!);
      return [after, { action: 'create', entityType: 'zone', entityId: id, outletId, after }];
    });
  }

  async updateZone(actor: Actor, outletId: string, zoneId: string, patch: ZonePatch & { active?: boolean }) {
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      await this.guard.requireOutlet(actor, outletId, 'outlet.edit', trx);
      const row = await repo.findZone(trx, outletId, zoneId);
      if (!row) throw notFound('zone');
      const before = presentZone(row);
      await repo.updateZone(trx, zoneId, {
        ...defined({ ...patch, active: flag(patch.active) }),
        updated_at: now,
      });
      const after = presentZone((await repo.findZone(trx, outletId, zoneId))!);
      return [
        after,
        { action: actionOf(patch), entityType: 'zone', entityId: zoneId, outletId, before, after },
      ];
    });
  }

  // ---------------------------------------------------------------- posts
  async listPosts(actor: Actor, outletId: string): Promise<Post[]> {
    await this.guard.requireOutlet(actor, outletId);
    return (await repo.listPosts(this.db, outletId)).map(presentPost);
  }

  private async checkPostZone(trx: Q, outletId: string, kind: string, zoneId: string | null | undefined) {
    if (kind === 'zone' && !zoneId) {
      throw new DomainError('VALIDATION_FAILED', {}, [{ field: 'body.zoneId', code: 'ZONE_REQUIRED' }]);
    }
    if (zoneId && !(await repo.findZone(trx, outletId, zoneId))) {
      throw new DomainError('VALIDATION_FAILED', {}, [
        { field: 'body.zoneId', code: 'UNKNOWN_REFERENCE', params: { value: zoneId } },
      ]);
    }
  }

  async createPost(actor: Actor, outletId: string, input: PostCreate): Promise<Post> {
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      await this.guard.requireOutlet(actor, outletId, 'outlet.edit', trx);
      await this.checkPostZone(trx, outletId, input.kind, input.zoneId);
      const id = newId();
      await repo.insertPost(trx, {
        id,
        outlet_id: outletId,
        kind: input.kind,
        name: input.name,
        zone_id: input.zoneId ?? null,
        active: 1,
        created_at: now,
        updated_at: now,
      });
      const after = presentPost((await repo.findPost(trx, outletId, id))!);
      return [after, { action: 'create', entityType: 'post', entityId: id, outletId, after }];
    });
  }

  async updatePost(actor: Actor, outletId: string, postId: string, patch: PostPatch & { active?: boolean }) {
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      await this.guard.requireOutlet(actor, outletId, 'outlet.edit', trx);
      const row = await repo.findPost(trx, outletId, postId);
      if (!row) throw notFound('post');
      const before = presentPost(row);
      const kind = patch.kind ?? row.kind;
      const zoneId = patch.zoneId === undefined ? row.zone_id : patch.zoneId;
      await this.checkPostZone(trx, outletId, kind, zoneId);
      const { zoneId: _z, ...rest } = patch;
      await repo.updatePost(trx, postId, {
        ...defined({ ...rest, active: flag(patch.active) }),
        zone_id: kind === 'zone' ? zoneId : (zoneId ?? null),
        updated_at: now,
      });
      const after = presentPost((await repo.findPost(trx, outletId, postId))!);
      return [
        after,
        { action: actionOf(patch), entityType: 'post', entityId: postId, outletId, before, after },
      ];
    });
  }

  // ---------------------------------------------------------------- staff
  /** Staff as the actor may see them; audit entries always get the masked form. */
  private staffView(actor: Actor, row: repo.StaffWithLogin): Staff {
    return presentStaff(row, this.cipher, staffPhoneVisibility(actor, row.outlet_id));
  }
  private staffAuditView(row: repo.StaffWithLogin): Staff {
    return presentStaff(row, this.cipher, 'masked');
  }

  async listStaff(actor: Actor, outletId: string, f: StaffListQuery): Promise<Page<Staff>> {
    await this.guard.requireOutlet(actor, outletId);
    const { rows, total } = await repo.listStaff(
      this.db,
      { outletId, q: f.q || undefined, role: f.role, active: f.active },
      ...pageWindow(f),
    );
    return { items: rows.map((r) => this.staffView(actor, r)), total, page: f.page, pageSize: f.pageSize };
  }

  private async checkStaffRefs(trx: Q, outletId: string, skills?: string[], homePostId?: string | null) {
    const problems = [];
    if (skills?.length) {
      const known = new Set((await repo.listBusinessTypes(trx)).map((b) => b.code));
      for (const [i, s] of skills.entries()) {
        if (!known.has(s))
          problems.push({ field: `body.skills.${i}`, code: 'UNKNOWN_REFERENCE', params: { value: s } });
      }
    }
    if (homePostId && !(await repo.findPost(trx, outletId, homePostId))) {
      problems.push({ field: 'body.homePostId', code: 'UNKNOWN_REFERENCE', params: { value: homePostId } });
    }
    if (problems.length) throw new DomainError('VALIDATION_FAILED', {}, problems);
  }

  async createStaff(actor: Actor, outletId: string, input: StaffCreate): Promise<Staff> {
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      await this.guard.requireOutlet(actor, outletId, 'outlet.edit', trx);
      await this.checkStaffRefs(trx, outletId, input.skills, input.homePostId);
      if (await repo.staffByEmployeeNo(trx, input.employeeNo))
        throw conflict('EMPLOYEE_NO_TAKEN', 'employeeNo');
      const id = newId();
      await repo.insertStaff(trx, {
        id,
        outlet_id: outletId,
        employee_no: input.employeeNo,
        name: input.name,
        roles: JSON.stringify([...new Set(input.roles)]),
        skills: JSON.stringify([...new Set(input.skills)]),
        phone_enc: input.phone ? this.cipher.encrypt(input.phone) : null,
        home_post_id: input.homePostId ?? null,
        active: 1,
        created_at: now,
        updated_at: now,
      });
      await repo.refreshCounts(trx, outletId);
      const row = (await repo.findStaff(trx, outletId, id))!;
      return [
        this.staffView(actor, row),
        { action: 'create', entityType: 'staff', entityId: id, outletId, after: this.staffAuditView(row) },
      ];
    });
  }

  async updateStaff(
    actor: Actor,
    outletId: string,
    staffId: string,
    patch: StaffPatch & { active?: boolean },
  ) {
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      await this.guard.requireOutlet(actor, outletId, 'outlet.edit', trx);
      const row = await repo.findStaff(trx, outletId, staffId);
      if (!row) throw notFound('staff');
      await this.checkStaffRefs(trx, outletId, patch.skills, patch.homePostId);
      if (
        patch.employeeNo &&
        patch.employeeNo !== row.employee_no &&
        (await repo.staffByEmployeeNo(trx, patch.employeeNo))
      ) {
        throw conflict('EMPLOYEE_NO_TAKEN', 'employeeNo');
      }
      await repo.updateStaff(trx, staffId, {
        ...defined({
          employee_no: patch.employeeNo,
          name: patch.name,
          roles: patch.roles && JSON.stringify([...new Set(patch.roles)]),
          skills: patch.skills && JSON.stringify([...new Set(patch.skills)]),
          phone_enc:
            patch.phone === undefined ? undefined : patch.phone ? this.cipher.encrypt(patch.phone) : null,
          home_post_id: patch.homePostId,
          active: flag(patch.active),
        }),
        updated_at: now,
      });
      if (patch.active !== undefined) await repo.refreshCounts(trx, outletId);
      const fresh = (await repo.findStaff(trx, outletId, staffId))!;
      return [
        this.staffView(actor, fresh),
        {
          action: actionOf(patch),
          entityType: 'staff',
          entityId: staffId,
          outletId,
          before: this.staffAuditView(row),
          after: this.staffAuditView(fresh),
        },
      ];
    });
  }

  // ---------------------------------------------------------------- business types
  async listBusinessTypes(): Promise<BusinessType[]> {
    return (await repo.listBusinessTypes(this.db)).map(presentBusinessType);
  }

  async createBusinessType(actor: Actor, input: BusinessTypeCreate): Promise<BusinessType> {
    this.guard.require(actor, 'catalogue.edit');
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      if (await repo.businessTypeByCode(trx, input.code)) throw conflict('BUSINESS_TYPE_CODE_TAKEN', 'code');
      const id = newId();
      await repo.insertBusinessType(trx, {
        id,
        code: input.code,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        default_zone_kind: input.defaultZoneKind,
        active: 1,
        created_at: now,
        updated_at: now,
      });
      const after = presentBusinessType((await repo.findBusinessType(trx, id))!);
      return [after, { action: 'create', entityType: 'business_type', entityId: id, after }];
    });
  }

  async updateBusinessType(actor: Actor, id: string, patch: BusinessTypePatch & { active?: boolean }) {
    this.guard.require(actor, 'catalogue.edit');
    return this.changes.run(actor, async (trx, at) => {
      const now = at.toISOString();
      const row = await repo.findBusinessType(trx, id);
      if (!row) throw notFound('business_type');
      if (patch.code && patch.code !== row.code && (await repo.businessTypeByCode(trx, patch.code))) {
        throw conflict('BUSINESS_TYPE_CODE_TAKEN', 'code');
      }
      const before = presentBusinessType(row);
      await repo.updateBusinessType(trx, id, {
        ...defined({
          code: patch.code,
          name_zh: patch.nameZh,
          name_en: patch.nameEn,
          default_zone_kind: patch.defaultZoneKind,
          active: flag(patch.active),
        }),
        updated_at: now,
      });
      const after = presentBusinessType((await repo.findBusinessType(trx, id))!);
      return [after, { action: actionOf(patch), entityType: 'business_type', entityId: id, before, after }];
    });
  }
}

function actionOf(patch: { active?: boolean }): string {
  if (patch.active === undefined) return 'update';
  return patch.active ? 'reactivate' : 'deactivate';
}
