import type { AuditEntry } from '@liangdian/shared/api';
import type { AuditRowWithOutlet } from './audit.repository';

/** A stored entry → the API's AuditEntry (packages/shared/src/api/audit.ts). */
export const presentEntry = (r: AuditRowWithOutlet): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  outletId: r.outlet_id,
  outletName: r.outlet_name,
  before: r.before_json ? JSON.parse(r.before_json) : null,
  after: r.after_json ? JSON.parse(r.after_json) : null,
  ip: r.ip,
});
