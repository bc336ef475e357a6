import type { User } from '@liangdian/shared/api';
import { activeName, label, sheet, codeColumn } from '../../http/sheet';

/**
 * The accounts list as .xlsx: role names, the outlet and staff record by name, Beijing times;
 * the filter line names the outlet filtered on.
 */
export const userSheet = (filteredOutletName?: string) =>
  sheet<User>({
    title: label('用户列表', 'Users'),
    filters: {
      q: { label: label('关键词', 'Search') },
      role: { label: label('角色', 'Role'), codes: 'userRole' },
      outletId: { label: label('所属网点', 'Outlet'), show: (v) => filteredOutletName ?? String(v) },
      active: { label: label('状态', 'Status'), show: (v, l) => activeName(v === true, l) },
    },
    columns: [
      { header: label('用户名', 'Username'), value: (u) => u.username, width: 18 },
      { header: label('姓名', 'Name'), value: (u) => u.displayName, width: 16 },
      codeColumn(label('角色', 'Role'), (u) => u.role, 'userRole', 18),
      {
        header: label('数据范围', 'Scope'),
        value: (u, l) => u.outletName ?? (l === 'zh-CN' ? '全分行' : 'Whole branch'),
        width: 18,
      },
      { header: label('员工档案', 'Staff record'), value: (u) => u.staffName, width: 12 },
      { header: label('状态', 'Status'), value: (u, l) => activeName(u.active, l) },
      { header: label('最近登录', 'Last login'), value: (u) => u.lastLoginAt, kind: 'datetime' },
      { header: label('创建时间', 'Created'), value: (u) => u.createdAt, kind: 'datetime' },
    ],
  });
