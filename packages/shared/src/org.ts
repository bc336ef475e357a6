/** Functional zones (功能分区), domain.md section 1. */
export const ZONE_KINDS = [
  'guidance',
  'waiting',
  'cash',
  'non_cash',
  'super_counter',
  'self_service',
  'wealth',
  'public_education',
  'featured',
] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

/** Lobby posts (站位): the two fixed stations plus one per zone as needed. */
export const POST_KINDS = ['welcome', 'super_counter', 'zone'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** What a staff member does at the outlet (a person may hold several). */
export const STAFF_ROLES = [
  'outlet_head',
  'deputy_head',
  'lobby_manager',
  'lobby_service_manager',
  'teller',
  'wealth_manager',
  'account_manager',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PAGE_SIZE_MAX = 200;
export const EXPORT_ROW_LIMIT = 100_000;
