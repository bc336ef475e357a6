import { maskPhone, POST_KINDS, STAFF_ROLES, ZONE_KINDS } from '@liangdian/shared';
import { z } from 'zod';
import type { FieldCipher } from '../../lib/crypto';
import type {
  BranchRow,
  BusinessTypeRow,
  OutletListRow,
  PostWithZone,
  StaffRow,
  ZoneRow,
} from './org.repository';

export const BranchView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  bankName: z.string(),
});
export const OutletView = z.object({
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
export const ZoneView = z.object({
  id: z.string(),
  outletId: z.string(),
  kind: z.enum(ZONE_KINDS),
  name: z.string(),
  capacity: z.number().int(),
  active: z.boolean(),
});
export const PostView = z.object({
  id: z.string(),
  outletId: z.string(),
  kind: z.enum(POST_KINDS),
  name: z.string(),
  zoneId: z.string().nullable(),
  zoneName: z.string().nullable(),
  active: z.boolean(),
});
export const StaffView = z.object({
  id: z.string(),
  outletId: z.string(),
  employeeNo: z.string(),
  name: z.string(),
  roles: z.array(z.enum(STAFF_ROLES)),
  skills: z.array(z.string()),
  phone: z.string().nullable(),
  homePostId: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const BusinessTypeView = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  defaultZoneKind: z.enum(ZONE_KINDS),
  active: z.boolean(),
});
export type OutletView = z.infer<typeof OutletView>;
export type ZoneView = z.infer<typeof ZoneView>;
export type PostView = z.infer<typeof PostView>;
export type StaffView = z.infer<typeof StaffView>;
export type BusinessTypeView = z.infer<typeof BusinessTypeView>;

export const presentBranch = (b: BranchRow) => ({
  id: b.id,
  code: b.code,
  name: b.name,
  bankName: b.bank_name,
});

export const presentOutlet = (o: OutletListRow): OutletView => ({
  id: o.id,
  branchId: o.branch_id,
  branchName: o.branch_name,
  code: o.code,
  name: o.name,
  address: o.address,
  phone: o.phone,
  pilot: o.pilot === 1,
  active: o.active === 1,
  staffCount: o.staff_count,
  zoneCount: o.zone_count,
  createdAt: o.created_at,
  updatedAt: o.updated_at,
});

export const presentZone = (z: ZoneRow): ZoneView => ({
  id: z.id,
  outletId: z.outlet_id,
  kind: z.kind as ZoneView['kind'],
  name: z.name,
  capacity: z.capacity,
  active: z.active === 1,
});

export const presentPost = (p: PostWithZone): PostView => ({
  id: p.id,
  outletId: p.outlet_id,
  kind: p.kind as PostView['kind'],
  name: p.name,
  zoneId: p.zone_id,
  zoneName: p.zone_name,
  active: p.active === 1,
});

export type PhoneVisibility = 'clear' | 'masked' | 'hidden';

export function presentStaff(s: StaffRow, cipher: FieldCipher, phone: PhoneVisibility): StaffView {
  let shown: string | null = null;
  if (s.phone_enc && phone !== 'hidden') {
    const plain = cipher.decrypt(s.phone_enc);
    shown = phone === 'clear' ? plain : maskPhone(plain);
  }
  return {
    id: s.id,
    outletId: s.outlet_id,
    employeeNo: s.employee_no,
    name: s.name,
    roles: JSON.parse(s.roles),
    skills: JSON.parse(s.skills),
    phone: shown,
    homePostId: s.home_post_id,
    active: s.active === 1,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}

export const presentBusinessType = (b: BusinessTypeRow): BusinessTypeView => ({
  id: b.id,
  code: b.code,
  nameZh: b.name_zh,
  nameEn: b.name_en,
  defaultZoneKind: b.default_zone_kind as BusinessTypeView['defaultZoneKind'],
  active: b.active === 1,
});
