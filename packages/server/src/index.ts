export { startServer } from './main';
export { hasData } from './modules/demo/demo.service';
export { createFieldCipher, deriveKey } from './lib/crypto';
export { encryptStoredFiles } from './lib/files';
export { createBackup, restoreBackup, BackupError } from './backup/backup';
export { ArchiveError, isSealed } from './backup/archive';
export { buildApp, createServices, type AppOptions, type Services } from './app';
export {
  loadConfig,
  checkConfig,
  testConfig,
  ConfigError,
  configMarkdownTable,
  restoreConfig,
  DATA_FILES,
  SETTINGS,
  type Config,
} from './config';
export { openDatabase, migrateToLatest, type Database, type DatabaseTarget } from './db/database';
export { systemClock, ManualClock, type Clock } from './lib/clock';
export { argon2Hasher } from './lib/passwords';
export { loadDemo, type DemoSummary, DEMO_LOGINS } from './modules/demo/demo.service';
export { VERSION } from './modules/meta/meta.routes';
export { DomainError } from './lib/errors';
export type { Actor } from './modules/access/policy';
export { generateDemoComplaints } from './modules/complaints/complaints.demo';
export { complainantIndexOf } from './modules/complaints/complainant-index';
export * as orgRepository from './modules/org/org.repository';
export { auditKeys } from './modules/audit/audit.service';
export { countArrivals } from './modules/lobby/forecast/forecast.service';
export { DEMO_HISTORY_WEEKS, generateOutletHistory } from './modules/demo/demo.history';
export { DEMO_OUTLETS, DEMO_ZONES } from './modules/demo/demo.data';
export { titleFor } from './lib/messages';
export { solveRoster, type RosterProgress, type SolveRosterOptions } from './lib/roster-solver/index';
