import type { Generated } from 'kysely';

/**
 * Table types. Times are ISO-8601 UTC text, booleans are 0/1 integers and lists are JSON text,
 * so that SQLite and PostgreSQL store and compare them the same way.
 */
export interface DB {
  meta: { key: string; value: string };
  branches: { id: string; code: string; name: string; bank_name: string; created_at: string };
  outlets: {
    id: string;
    branch_id: string;
    code: string;
    name: string;
    address: string;
    phone: string;
    pilot: number;
    active: number;
    /** active staff, maintained with every staff change (org.repository refreshCounts) */
    staff_count: number;
    /** active zones, maintained with every zone change */
    zone_count: number;
    created_at: string;
    updated_at: string;
  };
  business_types: {
    id: string;
    code: string;
    name_zh: string;
    name_en: string;
    default_zone_kind: string;
    active: number;
    created_at: string;
    updated_at: string;
  };
  zones: {
    id: string;
    outlet_id: string;
    kind: string;
    name: string;
    capacity: number;
    active: number;
    created_at: string;
    updated_at: string;
  };
  posts: {
    id: string;
    outlet_id: string;
    kind: string;
    name: string;
    zone_id: string | null;
    active: number;
    created_at: string;
    updated_at: string;
  };
  staff: {
    id: string;
    outlet_id: string;
    employee_no: string;
    name: string;
    roles: string;
    skills: string;
    /** AES-256-GCM ciphertext (see lib/crypto.ts), null when no phone is known */
    phone_enc: string | null;
    home_post_id: string | null;
    active: number;
    created_at: string;
    updated_at: string;
  };
  users: {
    id: string;
    username: string;
    display_name: string;
    role: string;
    branch_id: string;
    outlet_id: string | null;
    password_hash: string;
    failed_logins: number;
    locked_until: string | null;
    active: number;
    must_change_password: number;
    locale: string;
    last_login_at: string | null;
    created_at: string;
    updated_at: string;
  };
  sessions: {
    id: string;
    user_id: string;
    csrf_token: string;
    created_at: string;
    expires_at: string;
    last_seen_at: string;
    ip: string;
    user_agent: string;
  };
  audit_log: {
    seq: number;
    at: string;
    actor_id: string | null;
    actor_name: string;
    action: string;
    entity_type: string;
    entity_id: string;
    outlet_id: string | null;
    before_json: string | null;
    after_json: string | null;
    ip: string | null;
    prev_hash: string;
    hash: string;
  };
}

export type Dialect = 'sqlite' | 'postgres';
export type { Generated };
