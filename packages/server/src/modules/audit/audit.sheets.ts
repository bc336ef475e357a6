import { beijingDate, beijingHhmm } from '@liangdian/engine/time';
import type { AuditEntry } from '@liangdian/shared/api';
import { type FilterLabel, label, sheet, codeColumn } from '../../http/sheet';

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
/** A filter's instant as the Beijing wall clock, "2026-10-01 08:00". */
const beijingTime: FilterLabel['show'] = (v) => `${beijingDate(String(v))} ${beijingHhmm(String(v))}`;

/** The audit log as .xlsx: Beijing times, actions and entity types by name, before/after as JSON. */
export const auditSheet = sheet<AuditEntry>({
  title: label('审计日志', 'Audit log'),
  filters: {
    q: { label: label('关键词', 'Search') },
    action: { label: label('操作', 'Action'), codes: 'auditAction' },
    entityType: { label: label('对象类型', 'Entity'), codes: 'entityType' },
    actor: { label: label('操作人', 'Actor') },
    from: { label: label('起始时间', 'From'), show: beijingTime },
    to: { label: label('截止时间', 'Until'), show: beijingTime },
  },
  columns: [
    { header: label('序号', 'Seq'), value: (e) => e.seq, kind: 'int', width: 8 },
    { header: label('时间（北京）', 'Time (Beijing)'), value: (e) => e.at, kind: 'datetime' },
    { header: label('操作人', 'Actor'), value: (e) => e.actorName, width: 14 },
    codeColumn(label('操作', 'Action'), (e) => e.action, 'auditAction'),
    codeColumn(label('对象类型', 'Entity'), (e) => e.entityType, 'entityType', 14),
    { header: label('对象编号', 'Entity id'), value: (e) => e.entityId, width: 38 },
    { header: label('网点', 'Outlet'), value: (e) => e.outletName, width: 16 },
    { header: label('变更前', 'Before'), value: (e) => json(e.before), width: 50 },
    { header: label('变更后', 'After'), value: (e) => json(e.after), width: 50 },
    { header: label('IP 地址', 'IP'), value: (e) => e.ip, width: 16 },
  ],
});
