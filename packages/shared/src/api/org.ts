import { z } from 'zod';
import { POST_KINDS, STAFF_ROLES, ZONE_KINDS } from '../org';
import { BoolQuery, Id, itemsOf, OutletParams, PageQuery, pageOf } from './common';
import { endpoints } from './endpoint';

// ---------------------------------------------------------------- fields
const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
export const CodeField = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/);
const phone = z
  .string()
  .trim()
  .max(32)
  .regex(/^[0-9+\-() ]*$/);

// ---------------------------------------------------------------- views
export const Branch = z.object({ id: z.string(), code: z.string(), name: z.string(), bankName: z.string() });
export const Outlet = z.object({
  id: z.string(),
  branchId: z.string(),
  branchName: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  pilot: z.boolean(),
  active: z.boolean(),
  staffCount: z.number().int(),
  zoneCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const Zone = z.object({
  id: z.string(),
  outletId: z.string(),
  kind: z.enum(ZONE_KINDS),
  name: z.string(),
  capacity: z.number().int(),
  active: z.boolean(),
});
export const Post = z.object({
  id: z.string(),
  outletId: z.string(),
  kind: z.enum(POST_KINDS),
  name: z.string(),
  zoneId: z.string().nullable(),
  zoneName: z.string().nullable(),
  active: z.boolean(),
});
export const Staff = z.object({
  id: z.string(),
  outletId: z.string(),
  employeeNo: z.string(),
  name: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  skills: z.array(z.string()),
  /** masked (138****1234) unless the reader may see it; null when absent or hidden */
  phone: z.string().nullable(),
  homePostId: z.string().nullable(),
  /** the login of this staff member, when they have one */
  userId: z.string().nullable(),
  username: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const BusinessType = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  defaultZoneKind: z.enum(ZONE_KINDS),
  active: z.boolean(),
});
export type Branch = z.infer<typeof Branch>;
export type Outlet = z.infer<typeof Outlet>;
export type Zone = z.infer<typeof Zone>;
export type Post = z.infer<typeof Post>;
export type Staff = z.infer<typeof Staff>;
export type BusinessType = z.infer<typeof BusinessType>;

// ---------------------------------------------------------------- requests
export const OutletCreate = z
  .object({
    branchId: z.string().min(1),
    code: CodeField,
    name: required(100),
    address: text(200).default(''),
    phone: phone.default(''),
    pilot: z.boolean().default(false),
  })
  .strict();
export const OutletPatch = OutletCreate.omit({ branchId: true }).partial().strict();
export const OutletListQuery = PageQuery.extend({
  q: text(100).optional(),
  branchId: z.string().optional(),
  status: z.enum(['active', 'inactive']).optional(),
  pilot: BoolQuery.optional(),
  sort: z.enum(['code', '-code', 'name', '-name', 'staffCount', '-staffCount']).default('code'),
});

export const ZoneCreate = z
  .object({
    kind: z.enum(ZONE_KINDS),
    name: required(60),
    capacity: z.number().int().min(0).max(200).default(1),
  })
  .strict();
export const ZonePatch = ZoneCreate.partial().strict();

export const PostCreate = z
  .object({ kind: z.enum(POST_KINDS), name: required(60), zoneId: z.string().nullable().optional() })
  .strict();
export const PostPatch = PostCreate.partial().strict();

export const StaffCreate = z
  .object({
    employeeNo: CodeField,
    name: required(50),
    roles: z.array(z.enum(STAFF_ROLES)).min(1).max(STAFF_ROLES.length),
    skills: z.array(CodeField).max(50).default([]),
    phone: phone.nullable().optional(),
    homePostId: z.string().nullable().optional(),
  })
  .strict();
export const StaffPatch = StaffCreate.partial().strict();
export const StaffListQuery = PageQuery.extend({
  q: text(100).optional(),
  role: z.enum(STAFF_ROLES).optional(),
  active: BoolQuery.optional(),
});

export const BusinessTypeCreate = z
  .object({
    code: CodeField,
    nameZh: required(50),
    nameEn: required(80),
    defaultZoneKind: z.enum(ZONE_KINDS),
  })
  .strict();
export const BusinessTypePatch = BusinessTypeCreate.partial().strict();

export type OutletCreate = z.infer<typeof OutletCreate>;
export type OutletPatch = z.infer<typeof OutletPatch>;
export type OutletListQuery = z.infer<typeof OutletListQuery>;
export type ZoneCreate = z.infer<typeof ZoneCreate>;
export type ZonePatch = z.infer<typeof ZonePatch>;
export type PostCreate = z.infer<typeof PostCreate>;
export type PostPatch = z.infer<typeof PostPatch>;
export type StaffCreate = z.infer<typeof StaffCreate>;
export type StaffPatch = z.infer<typeof StaffPatch>;
export type StaffListQuery = z.infer<typeof StaffListQuery>;
export type BusinessTypeCreate = z.infer<typeof BusinessTypeCreate>;
export type BusinessTypePatch = z.infer<typeof BusinessTypePatch>;

// ---------------------------------------------------------------- endpoints
const e = endpoints(['organisation']);
const ZoneParams = OutletParams.extend({ zoneId: Id });
const PostParams = OutletParams.extend({ postId: Id });
const StaffParams = OutletParams.extend({ staffId: Id });
const BtParams = z.object({ id: Id });

/** Deactivate and reactivate, as a pair of endpoints on `base`. */
function activation<const P extends string, S extends z.ZodObject, R extends z.ZodType>(
  base: P,
  what: string,
  params: S,
  response: R,
) {
  return {
    deactivate: e.post(`${base}/deactivate`, `Deactivate ${what}`, { params, response }),
    reactivate: e.post(`${base}/reactivate`, `Reactivate ${what}`, { params, response }),
  } as const;
}

const outletActive = activation('/outlets/:outletId', 'an outlet', OutletParams, Outlet);
const zoneActive = activation('/outlets/:outletId/zones/:zoneId', 'a zone', ZoneParams, Zone);
const postActive = activation('/outlets/:outletId/posts/:postId', 'a post', PostParams, Post);
const staffActive = activation('/outlets/:outletId/staff/:staffId', 'a staff member', StaffParams, Staff);
const btActive = activation('/business-types/:id', 'a business type', BtParams, BusinessType);

export const orgApi = {
  listBranches: e.get('/branches', 'Branches in scope', { response: itemsOf(Branch) }),
  listOutlets: e.get('/outlets', 'Outlets, paged and filtered', {
    query: OutletListQuery,
    response: pageOf(Outlet),
    exportable: true,
  }),
  createOutlet: e.post('/outlets', 'Create an outlet', { body: OutletCreate, response: Outlet, status: 201 }),
  getOutlet: e.get('/outlets/:outletId', 'One outlet', { params: OutletParams, response: Outlet }),
  updateOutlet: e.patch('/outlets/:outletId', 'Edit an outlet', {
    params: OutletParams,
    body: OutletPatch,
    response: Outlet,
  }),
  deactivateOutlet: outletActive.deactivate,
  reactivateOutlet: outletActive.reactivate,

  listZones: e.get('/outlets/:outletId/zones', 'Functional zones of an outlet', {
    params: OutletParams,
    response: itemsOf(Zone),
    exportable: true,
  }),
  createZone: e.post('/outlets/:outletId/zones', 'Add a zone', {
    params: OutletParams,
    body: ZoneCreate,
    response: Zone,
    status: 201,
  }),
  updateZone: e.patch('/outlets/:outletId/zones/:zoneId', 'Edit a zone', {
    params: ZoneParams,
    body: ZonePatch,
    response: Zone,
  }),
  deactivateZone: zoneActive.deactivate,
  reactivateZone: zoneActive.reactivate,

  listPosts: e.get('/outlets/:outletId/posts', 'Lobby posts of an outlet', {
    params: OutletParams,
    response: itemsOf(Post),
    exportable: true,
  }),
  createPost: e.post('/outlets/:outletId/posts', 'Add a post', {
    params: OutletParams,
    body: PostCreate,
    response: Post,
    status: 201,
  }),
  updatePost: e.patch('/outlets/:outletId/posts/:postId', 'Edit a post', {
    params: PostParams,
    body: PostPatch,
    response: Post,
  }),
  deactivatePost: postActive.deactivate,
  reactivatePost: postActive.reactivate,

  listStaff: e.get('/outlets/:outletId/staff', 'Staff of an outlet, paged', {
    params: OutletParams,
    query: StaffListQuery,
    response: pageOf(Staff),
    exportable: true,
  }),
  createStaff: e.post('/outlets/:outletId/staff', 'Add a staff member', {
    params: OutletParams,
    body: StaffCreate,
    response: Staff,
    status: 201,
  }),
  updateStaff: e.patch('/outlets/:outletId/staff/:staffId', 'Edit a staff member', {
    params: StaffParams,
    body: StaffPatch,
    response: Staff,
  }),
  deactivateStaff: staffActive.deactivate,
  reactivateStaff: staffActive.reactivate,

  listBusinessTypes: e.get('/business-types', 'Business-type catalogue', {
    response: itemsOf(BusinessType),
    exportable: true,
  }),
  createBusinessType: e.post('/business-types', 'Add a business type', {
    body: BusinessTypeCreate,
    response: BusinessType,
    status: 201,
  }),
  updateBusinessType: e.patch('/business-types/:id', 'Edit a business type', {
    params: BtParams,
    body: BusinessTypePatch,
    response: BusinessType,
  }),
  deactivateBusinessType: btActive.deactivate,
  reactivateBusinessType: btActive.reactivate,
} as const;
