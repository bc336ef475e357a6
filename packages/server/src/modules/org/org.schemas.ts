import { POST_KINDS, STAFF_ROLES, ZONE_KINDS } from '@liangdian/shared';
import { z } from 'zod';
import { BoolQuery, PageQuery } from '../../lib/paging';

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1).max(max);
const code = z
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

export const OutletCreate = z
  .object({
    branchId: z.string().min(1),
    code,
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
    employeeNo: code,
    name: required(50),
    roles: z.array(z.enum(STAFF_ROLES)).min(1).max(STAFF_ROLES.length),
    skills: z.array(code).max(50).default([]),
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
  .object({ code, nameZh: required(50), nameEn: required(80), defaultZoneKind: z.enum(ZONE_KINDS) })
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
