import { maskPhone } from '@liangdian/shared';
import type { Branch, BusinessType, Outlet, Post, Staff, Zone } from '@liangdian/shared/api';
import type { FieldCipher } from '../../lib/crypto';
import type {
  BranchRow,
  BusinessTypeRow,
  OutletListRow,
  PostWithZone,
  StaffWithLogin,
  ZoneRow,
} from './org.repository';

/** Rows → the API shapes of packages/shared/src/api/org.ts, in one place. */
export const presentBranch = (b: BranchRow): Branch => ({
  id: b.id,
  code: b.code,
  name: b.name,
  bankName: b.bank_name,
});

export const presentOutlet = (o: OutletListRow): Outlet => ({
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

export const presentZone = (z: ZoneRow): Zone => ({
  id: z.id,
  outletId: z.outlet_id,
  kind: z.kind as Zone['kind'],
  name: z.name,
  capacity: z.capacity,
  active: z.active === 1,
});

export const presentPost = (p: PostWithZone): Post => ({
  id: p.id,
  outletId: p.outlet_id,
  kind: p.kind as Post['kind'],
  name: p.name,
  zoneId: p.zone_id,
  zoneName: p.zone_name,
  active: p.active === 1,
});

export type PhoneVisibility = 'clear' | 'masked' | 'hidden';

export function presentStaff(s: StaffWithLogin, cipher: FieldCipher, phone: PhoneVisibility): Staff {
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
    userId: s.user_id,
    username: s.username,
    active: s.active === 1,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
  };
}

export const presentBusinessType = (b: BusinessTypeRow): BusinessType => ({
  id: b.id,
  code: b.code,
  nameZh: b.name_zh,
  nameEn: b.name_en,
  defaultZoneKind: b.default_zone_kind as BusinessType['defaultZoneKind'],
  active: b.active === 1,
});
