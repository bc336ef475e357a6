import type { BusinessType, Outlet, Post, Staff, Zone } from '@liangdian/shared/api';
import { activeName, type FilterLabel, label, sheet, codeColumn } from '../../http/sheet';

const q: FilterLabel = { label: label('关键词', 'Search') };
const statusFilter: FilterLabel = {
  label: label('状态', 'Status'),
  show: (v, l) => activeName(v === 'active' || v === true, l),
};

export const outletSheet = sheet<Outlet>({
  title: label('网点列表', 'Outlets'),
  filters: {
    q,
    status: statusFilter,
    pilot: { label: label('试点网点', 'Pilot') },
  },
  columns: [
    { header: label('网点编号', 'Code'), value: (o) => o.code, width: 12 },
    { header: label('网点名称', 'Name'), value: (o) => o.name, width: 20 },
    { header: label('所属分行', 'Branch'), value: (o) => o.branchName, width: 14 },
    { header: label('地址', 'Address'), value: (o) => o.address, width: 36 },
    { header: label('电话', 'Phone'), value: (o) => o.phone, width: 16 },
    { header: label('试点网点', 'Pilot'), value: (o) => o.pilot, kind: 'bool' },
    { header: label('状态', 'Status'), value: (o, l) => activeName(o.active, l) },
    { header: label('在岗员工数', 'Staff'), value: (o) => o.staffCount, kind: 'int', width: 12 },
    { header: label('功能区数', 'Zones'), value: (o) => o.zoneCount, kind: 'int' },
    { header: label('创建时间', 'Created'), value: (o) => o.createdAt, kind: 'datetime' },
  ],
});

export const zoneSheet = sheet<Zone>({
  title: label('功能分区', 'Zones'),
  columns: [
    { header: label('名称', 'Name'), value: (z) => z.name, width: 18 },
    codeColumn(label('类型', 'Kind'), (z) => z.kind, 'zoneKind'),
    { header: label('容量', 'Capacity'), value: (z) => z.capacity, kind: 'int' },
    { header: label('状态', 'Status'), value: (z, l) => activeName(z.active, l) },
  ],
});

export const postSheet = sheet<Post>({
  title: label('站位', 'Posts'),
  columns: [
    { header: label('名称', 'Name'), value: (p) => p.name, width: 18 },
    codeColumn(label('类型', 'Kind'), (p) => p.kind, 'postKind'),
    { header: label('所属区域', 'Zone'), value: (p) => p.zoneName, width: 18 },
    { header: label('状态', 'Status'), value: (p, l) => activeName(p.active, l) },
  ],
});

export const staffSheet = sheet<Staff>({
  title: label('员工名单', 'Staff'),
  filters: {
    q,
    role: { label: label('岗位角色', 'Role'), codes: 'staffRole' },
    active: { label: label('在岗', 'Active') },
  },
  columns: [
    { header: label('员工号', 'Employee no.'), value: (s) => s.employeeNo, width: 14 },
    { header: label('姓名', 'Name'), value: (s) => s.name, width: 12 },
    codeColumn(label('岗位角色', 'Roles'), (s) => s.roles, 'staffRole', 30),
    { header: label('业务技能', 'Skills'), value: (s) => s.skills, width: 30 },
    // masked by the same rules as on screen: the rows come from the list the reader may see
    { header: label('电话', 'Phone'), value: (s) => s.phone, width: 16 },
    { header: label('登录账号', 'Login'), value: (s) => s.username, width: 16 },
    { header: label('状态', 'Status'), value: (s, l) => activeName(s.active, l, '在岗') },
  ],
});

/** The catalogue with each business type's default zone by its name. */
export const businessTypeSheet = sheet<BusinessType>({
  title: label('业务类型', 'Business types'),
  columns: [
    { header: label('代码', 'Code'), value: (b) => b.code },
    { header: label('中文名称', 'Chinese name'), value: (b) => b.nameZh },
    { header: label('英文名称', 'English name'), value: (b) => b.nameEn, width: 20 },
    codeColumn(label('默认区域', 'Default zone'), (b) => b.defaultZoneKind, 'zoneKind'),
    { header: label('状态', 'Status'), value: (b, l) => activeName(b.active, l) },
  ],
});
