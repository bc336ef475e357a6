import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_complaints';
import * as m0003 from './0003_lobby';
import * as m0004 from './0004_ticket_import';
import * as m0005 from './0005_complaints_scale';
import * as m0006 from './0006_user_staff';
import * as m0007 from './0007_login_throttle';
import * as m0008 from './0008_complaint_list';
import * as m0009 from './0009_audit_key';
import * as m0010 from './0010_audit_entity_seq';
import * as m0011 from './0011_complaint_timeline';
import * as m0012 from './0012_regulator_forwarding';
import * as m0013 from './0013_complainant_index';
import * as m0014 from './0014_notification_preferences';
import * as m0015 from './0015_mode_objective';
import * as m0016 from './0016_outlet_days';
import * as m0018 from './0018_rosters';
import * as m0019 from './0019_jobs';
import * as m0023 from './0023_elastic_thresholds';

/** Every migration in order. Add new ones at the end; never edit one that has shipped. */
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_complaints': m0002,
  '0003_lobby': m0003,
  '0004_ticket_import': m0004,
  '0005_complaints_scale': m0005,
  '0006_user_staff': m0006,
  '0007_login_throttle': m0007,
  '0008_complaint_list': m0008,
  '0009_audit_key': m0009,
  '0010_audit_entity_seq': m0010,
  '0011_complaint_timeline': m0011,
  '0012_regulator_forwarding': m0012,
  '0013_complainant_index': m0013,
  '0014_notification_preferences': m0014,
  '0015_mode_objective': m0015,
  '0016_outlet_days': m0016,
  '0018_rosters': m0018,
  '0019_jobs': m0019,
  '0023_elastic_thresholds': m0023,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
