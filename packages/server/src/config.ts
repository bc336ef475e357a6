import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Every setting of the server, read once from the environment. This is the only module
 * that reads `process.env`. Each setting has a default and a comment; README.md lists them.
 */
const EnvSchema = z.object({
  /** TCP port of the web app and API. */
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  /** Interface to listen on. */
  HOST: z.string().default('0.0.0.0'),
  /** `postgres://user:pass@host:port/db` selects PostgreSQL; empty means embedded SQLite. */
  DATABASE_URL: z.string().default(''),
  /** Where SQLite, uploaded files and the generated secret key live. */
  LIANGDIAN_DATA_DIR: z.string().default('./data'),
  /** Password of the demo users (`liangdian demo`). */
  LIANGDIAN_DEMO_PASSWORD: z.string().default('liangdian-demo'),
  /** 32 bytes, base64: key for AES-256-GCM encryption of personal data. Generated under the data dir when unset. */
  LIANGDIAN_SECRET_KEY: z.string().default(''),
  /** Mark the session cookie Secure (set to true behind HTTPS). */
  COOKIE_SECURE: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** Idle minutes after which a session expires. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  /** Absolute lifetime of a session, in hours. */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  /** Failed logins before an account locks, and for how long. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Login attempts per IP address per minute. */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Largest accepted request body, in bytes. */
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Largest complaint attachment, in bytes (larger uploads → 413). */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(10 * 1_048_576),
  /** Log level: fatal, error, warn, info, debug, trace, silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Folder of the built web app served at `/`. */
  LIANGDIAN_WEB_DIST: z.string().default(''),
  /** Live lobby: at most one push of an outlet's board to its SSE clients per this many milliseconds. */
  LOBBY_PUSH_INTERVAL_MS: z.coerce.number().int().min(0).max(10_000).default(200),
  /** Live lobby: seconds between evaluations of backfill rules, prompt time-outs and mode changes. */
  LOBBY_TICK_SECONDS: z.coerce.number().int().min(1).max(600).default(15),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  dataDir: string;
  demoPassword: string;
  secretKey: Buffer;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginRatePerMinute: number;
  bodyLimitBytes: number;
  attachmentMaxBytes: number;
  logLevel: string;
  webDist: string | null;
  lobbyPushIntervalMs: number;
  lobbyTickSeconds: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(cwd, e.LIANGDIAN_DATA_DIR);
  const url = e.DATABASE_URL.trim();
  let database: Config['database'];
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) database = { kind: 'postgres', url };
  else if (url === '') database = { kind: 'sqlite', file: join(dataDir, 'liangdian.sqlite') };
  else if (url.startsWith('sqlite:'))
    database = { kind: 'sqlite', file: resolve(cwd, url.replace(/^sqlite:(\/\/)?/, '')) };
  else
    throw new ConfigError(
      'DATABASE_URL must start with postgres:// or sqlite: (or be empty for SQLite under the data dir)',
    );

  return {
    port: e.PORT,
    host: e.HOST,
    database,
    dataDir,
    demoPassword: e.LIANGDIAN_DEMO_PASSWORD,
    secretKey: e.LIANGDIAN_SECRET_KEY ? decodeKey(e.LIANGDIAN_SECRET_KEY) : keyFromDataDir(dataDir),
    cookieSecure: e.COOKIE_SECURE,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    attachmentMaxBytes: e.ATTACHMENT_MAX_BYTES,
    logLevel: e.LOG_LEVEL,
    webDist: e.LIANGDIAN_WEB_DIST ? resolve(cwd, e.LIANGDIAN_WEB_DIST) : null,
    lobbyPushIntervalMs: e.LOBBY_PUSH_INTERVAL_MS,
    lobbyTickSeconds: e.LOBBY_TICK_SECONDS,
  };
}

function decodeKey(b64: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new ConfigError('LIANGDIAN_SECRET_KEY must be 32 bytes encoded in base64');
  return key;
}

/** Reads (or creates once) `<dataDir>/secret.key`, so a fresh install encrypts without set-up. */
function keyFromDataDir(dataDir: string): Buffer {
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return decodeKey(readFileSync(file, 'utf8').trim());
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

/** A configuration for tests: nothing read from the environment or disk. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    database: { kind: 'sqlite', file: ':memory:' },
    dataDir: '',
    demoPassword: 'liangdian-demo',
    secretKey: Buffer.alloc(32, 7),
    cookieSecure: false,
    sessionIdleMinutes: 30,
    sessionMaxHours: 12,
    loginMaxFailures: 5,
    loginLockMinutes: 15,
    loginRatePerMinute: 1000,
    bodyLimitBytes: 1_048_576,
    attachmentMaxBytes: 64 * 1024,
    logLevel: 'silent',
    webDist: null,
    lobbyPushIntervalMs: 200,
    lobbyTickSeconds: 15,
    ...overrides,
  };
}

/**
 * Settings of the test run: which database the integration suite uses (`LIANGDIAN_TEST_DB`,
 * set per vitest project) and an existing PostgreSQL server to use instead of a throwaway
 * cluster (`TEST_DATABASE_URL`).
 */
export function testDatabaseSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    kind: env.LIANGDIAN_TEST_DB === 'postgres' ? ('postgres' as const) : ('sqlite' as const),
    url: env.TEST_DATABASE_URL || null,
    keepCluster: env.LIANGDIAN_KEEP_PG === '1',
  };
}
