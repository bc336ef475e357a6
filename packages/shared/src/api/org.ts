import { z } from 'zod';
import { POST_KINDS, STAFF_ROLES, ZONE_KINDS } from '../org';
import { BoolQuery, itemsOf, OutletParams, PageQuery } from './common';
import { endpoints } from './endpoint';
import { names, phone, required, searchFilter, text, timestamps } from './fields';

// ---------------------------------------------------------------- fields
export const CodeField = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/);

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
  ...timestamps,
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
  ...timestamps,
});
export const BusinessType = z.object({
  id: z.string(),
  code: z.string(),
  ...names,
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
  ...searchFilter,
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
  ...searchFilter,
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

export const orgApi = {
  listBranches: e.get('/branches', 'Branches in scope', { response: itemsOf(Branch) }),
  ...e.records({
    one: 'Outlet',
    many: 'Outlets',
    path: '/outlets',
    key: 'outletId',
    what: 'an outlet',
    item: Outlet,
    create: OutletCreate,
    patch: OutletPatch,
    query: OutletListQuery,
    summaries: { list: 'Outlets, paged and filtered', create: 'Create an outlet', get: 'One outlet' },
  }),
  ...e.records({
    one: 'Zone',
    many: 'Zones',
    path: '/outlets/:outletId/zones',
    key: 'zoneId',
    what: 'a zone',
    params: OutletParams,
    item: Zone,
    create: ZoneCreate,
    patch: ZonePatch,
    summaries: { list: 'Functional zones of an outlet' },
  }),
  ...e.records({
    one: 'Post',
    many: 'Posts',
    path: '/outlets/:outletId/posts',
    key: 'postId',
    what: 'a post',
    params: OutletParams,
    item: Post,
    create: PostCreate,
    patch: PostPatch,
    summaries: { list: 'Lobby posts of an outlet' },
  }),
  ...e.records({
    one: 'Staff',
    many: 'Staff',
    path: '/outlets/:outletId/staff',
    key: 'staffId',
    what: 'a staff member',
    params: OutletParams,
    item: Staff,
    create: StaffCreate,
    patch: StaffPatch,
    query: StaffListQuery,
    summaries: { list: 'Staff of an outlet, paged' },
  }),
  ...e.records({
    one: 'BusinessType',
    many: 'BusinessTypes',
    path: '/business-types',
    key: 'id',
    what: 'a business type',
    item: BusinessType,
    create: BusinessTypeCreate,
    patch: BusinessTypePatch,
    summaries: { list: 'Business-type catalogue' },
  }),
} as const;
