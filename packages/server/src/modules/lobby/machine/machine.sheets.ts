import type { MachineToken } from '@liangdian/shared/api';
import { label, sheet } from '../../../http/sheet';
import type { Locale } from '../../../lib/messages';

/** 有效/已吊销, Active/Revoked. */
const tokenStatus = (revoked: boolean, l: Locale) =>
  l === 'zh-CN' ? (revoked ? '已吊销' : '有效') : revoked ? 'Revoked' : 'Active';

/** The outlet's ticket-machine tokens (never the secret: only its first characters). */
export const machineTokenSheet = sheet<MachineToken>({
  title: label('叫号机令牌', 'Machine tokens'),
  filters: { revoked: { label: label('状态', 'Status'), show: (v, l) => tokenStatus(Boolean(v), l) } },
  columns: [
    { header: label('名称', 'Name'), value: (t) => t.name, width: 20 },
    { header: label('前缀', 'Prefix'), value: (t) => t.prefix, width: 12 },
    { header: label('状态', 'Status'), value: (t, l) => tokenStatus(t.revokedAt !== null, l), width: 10 },
    { header: label('创建时间', 'Created'), value: (t) => t.createdAt, kind: 'datetime' },
    { header: label('最近使用', 'Last used'), value: (t) => t.lastUsedAt, kind: 'datetime' },
    { header: label('吊销时间', 'Revoked'), value: (t) => t.revokedAt, kind: 'datetime' },
  ],
});
