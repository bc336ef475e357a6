import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Every setting of the server, declared once: its environment variable, its schema, its default
 * and what it means. This is the only module that reads `process.env`; README.md's configuration
 * table is generated from these declarations (`liangdian config --markdown`) and a test checks
 * that the two agree.
 */
interface Setting<T> {
  env: string;
  /** what it means, one sentence (the README's "meaning" column) */
  doc: string;
  /** parses the variable's text (or the default's) */
  schema: z.ZodType<T, string>;
  /** the default, as the variable's text */
  default: string;
  /** how the README shows the default when the text alone would mislead */
  shownDefault?: string;
}

const setting = <T>(s: Setting<T>) => s;
const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
const flag = z.enum(['true', 'false', '1', '0', '']).transform((v) => v === 'true' || v === '1');

export const SETTINGS = {
  port: setting({
    env: 'PORT',
    doc: 'TCP port of the web app and API',
    schema: int(1, 65535),
    default: '8080',
  }),
  host: setting({ env: 'HOST', doc: 'interface to listen on', schema: z.string(), default: '0.0.0.0' }),
  databaseUrl: setting({
    env: 'DATABASE_URL',
    doc: '`postgres://user:pass@host:5432/db` selects PostgreSQL; `sqlite:FILE` or empty means SQLite under the data dir',
    schema: z.string().trim(),
    default: '',
  }),
  dataDir: setting({
    env: 'LIANGDIAN_DATA_DIR',
    doc: 'where the SQLite file (`liangdian.sqlite`), uploaded files (`attachments/`, encrypted), the generated secret key and the audit checkpoint (`audit.checkpoint`) live; folders 0700, files 0600',
    schema: z.string(),
    default: './data',
  }),
  secretKey: setting({
    env: 'LIANGDIAN_SECRET_KEY',
    doc: '32 bytes, base64: the secret key; personal data, attachments and the audit chain are keyed with keys derived from it (README, Security)',
    schema: z.string().trim(),
    default: '',
    shownDefault: 'generated into `<data dir>/secret.key`',
  }),
  demoPassword: setting({
    env: 'LIANGDIAN_DEMO_PASSWORD',
    doc: 'password of the demo users (`liangdian demo`)',
    schema: z.string().min(1),
    default: 'liangdian-demo',
  }),
  cookieSecure: setting({
    env: 'COOKIE_SECURE',
    doc: 'mark the session cookie `Secure` (set `true` behind HTTPS)',
    schema: flag,
    default: 'false',
  }),
  sessionIdleMinutes: setting({
    env: 'SESSION_IDLE_MINUTES',
    doc: 'a session ends after this many minutes without a request',
    schema: int(1),
    default: '30',
  }),
  sessionMaxHours: setting({
    env: 'SESSION_MAX_HOURS',
    doc: 'a session ends this many hours after login, however active',
    schema: int(1),
    default: '12',
  }),
  loginMaxFailures: setting({
    env: 'LOGIN_MAX_FAILURES',
    doc: 'wrong passwords in a row for one account from one IP address before that address must wait; other addresses are not held up',
    schema: int(1),
    default: '5',
  }),
  loginLockMinutes: setting({
    env: 'LOGIN_LOCK_MINUTES',
    doc: 'the first wait, in minutes, after `LOGIN_MAX_FAILURES` wrong passwords; it doubles with each further wrong password',
    schema: int(1),
    default: '1',
  }),
  loginLockMaxMinutes: setting({
    env: 'LOGIN_LOCK_MAX_MINUTES',
    doc: 'the longest wait, in minutes, between two login attempts for one account from one address',
    schema: int(1),
    default: '60',
  }),
  loginRatePerMinute: setting({
    env: 'LOGIN_RATE_PER_MINUTE',
    doc: 'login attempts per IP address per minute (429 beyond)',
    schema: int(1),
    default: '30',
  }),
  rateLimitPerMinute: setting({
    env: 'RATE_LIMIT_PER_MINUTE',
    doc: 'API requests per session per minute (429 beyond); the classes below have their own limits',
    schema: int(1),
    default: '600',
  }),
  rateLimitIpPerMinute: setting({
    env: 'RATE_LIMIT_IP_PER_MINUTE',
    doc: 'API requests per IP address per minute, all sessions together (a branch behind one proxy shares it)',
    schema: int(1),
    default: '3000',
  }),
  rateLimitMachinePerMinute: setting({
    env: 'RATE_LIMIT_MACHINE_PER_MINUTE',
    doc: 'ticket-machine event batches per IP address per minute',
    schema: int(1),
    default: '6000',
  }),
  rateLimitStreamPerMinute: setting({
    env: 'RATE_LIMIT_STREAM_PER_MINUTE',
    doc: 'connections to the live board stream (SSE) per session and per IP address per minute',
    schema: int(1),
    default: '120',
  }),
  rateLimitUnmaskPerMinute: setting({
    env: 'RATE_LIMIT_UNMASK_PER_MINUTE',
    doc: "unmaskings of a complainant's data per session per minute (five times as many per IP address)",
    schema: int(1),
    default: '10',
  }),
  rateLimitExportPerMinute: setting({
    env: 'RATE_LIMIT_EXPORT_PER_MINUTE',
    doc: '`.xlsx` exports of a list per session per minute (five times as many per IP address)',
    schema: int(1),
    default: '10',
  }),
  answerCacheBytes: setting({
    env: 'ANSWER_CACHE_BYTES',
    doc: 'memory in bytes for the outlet and complaint list pages kept as sent until their data changes (0: none)',
    schema: int(0),
    default: '33554432',
  }),
  bodyLimitBytes: setting({
    env: 'BODY_LIMIT_BYTES',
    doc: 'largest request body in bytes (larger → 413)',
    schema: int(1024),
    default: '1048576',
  }),
  attachmentMaxBytes: setting({
    env: 'ATTACHMENT_MAX_BYTES',
    doc: 'largest uploaded file in bytes (larger → 413); files go to `<data dir>/attachments`',
    schema: int(1024),
    default: String(10 * 1_048_576),
  }),
  logLevel: setting({
    env: 'LOG_LEVEL',
    doc: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
  }),
  webDist: setting({
    env: 'LIANGDIAN_WEB_DIST',
    doc: 'the built web app served at `/`, read at start (restart after rebuilding); `liangdian serve` uses `packages/web/dist` when unset',
    schema: z.string().trim(),
    default: '',
  }),
  lobbyPushIntervalMs: setting({
    env: 'LOBBY_PUSH_INTERVAL_MS',
    doc: "live lobby: at most one push of an outlet's board to its SSE clients per this many ms",
    schema: int(0, 10_000),
    default: '200',
  }),
  lobbyTickSeconds: setting({
    env: 'LOBBY_TICK_SECONDS',
    doc: 'live lobby: seconds between evaluations of backfill rules, prompt time-outs and mode changes',
    schema: int(1, 600),
    default: '15',
  }),
  jobWorkers: setting({
    env: 'JOB_WORKERS',
    doc: 'background jobs (branch planning) this app instance runs at once; 0: it runs none and only sends them (docs/jobs.md)',
    schema: int(0, 64),
    default: '2',
  }),
  jobLeaseSeconds: setting({
    env: 'JOB_LEASE_SECONDS',
    doc: "how long a job may run before it counts as failed; a job whose instance died is taken again after this (plus pg-boss's check, half of it)",
    schema: int(2, 86_400),
    default: '300',
  }),
  jobMaxAttempts: setting({
    env: 'JOB_MAX_ATTEMPTS',
    doc: 'attempts of a job before it is failed (a failed job can still be retried by hand)',
    schema: int(1, 100),
    default: '3',
  }),
  jobRetryDelaySeconds: setting({
    env: 'JOB_RETRY_DELAY_SECONDS',
    doc: 'seconds between a failed attempt of a job and the next',
    schema: int(0, 86_400),
    default: '10',
  }),
  pdfFontPath: setting({
    env: 'PDF_FONT_PATH',
    doc: "a CJK font for the PDF decision notice (`.ttf`, `.otf` or `.ttc`; a `.ttc` as `FILE#PostScriptName`); empty: the first of Debian's `fonts-noto-cjk` files that exists",
    schema: z.string().trim(),
    default: '',
  }),
  testClock: setting({
    env: 'TEST_CLOCK',
    doc: 'FOR TESTS ONLY: a settable clock and the admin route `PUT /api/v1/test/clock {at}` that moves it and runs the reminders; refused when `NODE_ENV=production` unless `TEST_CLOCK_IN_PRODUCTION=true` too (the E2E run sets both)',
    schema: flag,
    default: 'false',
  }),
  testClockInProduction: setting({
    env: 'TEST_CLOCK_IN_PRODUCTION',
    doc: 'allow `TEST_CLOCK=true` although `NODE_ENV=production` (the E2E run, which serves the production build)',
    schema: flag,
    default: 'false',
  }),
} as const;

type Settings = typeof SETTINGS;
type Parsed = { -readonly [K in keyof Settings]: z.output<Settings[K]['schema']> };

export type Config = Omit<Parsed, 'databaseUrl' | 'secretKey' | 'webDist'> & {
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  /** the AES-256-GCM key, 32 bytes */
  secretKey: Buffer;
  /** the folder of the built web app, or null (API only) */
  webDist: string | null;
};

export class ConfigError extends Error {}

/** Each setting parsed from its variable (or its default), every problem named at once. */
function parseSettings(env: NodeJS.ProcessEnv): Parsed {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, s] of Object.entries(SETTINGS) as [string, Setting<unknown>][]) {
    const raw = env[s.env];
    const r = s.schema.safeParse(raw === undefined || raw === '' ? s.default : raw);
    if (r.success) out[key] = r.data;
    else problems.push(`  ${s.env}: ${r.error.issues.map((i) => i.message).join('; ')}`);
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return out as Parsed;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  return derive(env, cwd, true);
}

/**
 * Checks the configuration as the server would read it, without touching the disk (no key file
 * is created); throws a ConfigError naming every invalid setting.
 */
export function checkConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): void {
  derive(env, cwd, false);
}

function derive(env: NodeJS.ProcessEnv, cwd: string, readKeyFile: boolean): Config {
  const { databaseUrl, secretKey, webDist, ...rest } = parseSettings(env);
  if (rest.testClock && env.NODE_ENV === 'production' && !rest.testClockInProduction)
    throw new ConfigError(
      "TEST_CLOCK=true lets an admin move the server's date; it is refused with NODE_ENV=production unless TEST_CLOCK_IN_PRODUCTION=true is set as well",
    );
  const dataDir = resolve(cwd, rest.dataDir);
  let database: Config['database'];
  if (databaseUrl.startsWith('postgres://') || databaseUrl.startsWith('postgresql://'))
    database = { kind: 'postgres', url: databaseUrl };
  else if (databaseUrl === '') database = { kind: 'sqlite', file: join(dataDir, DATA_FILES.sqlite) };
  else if (databaseUrl.startsWith('sqlite:'))
    database = { kind: 'sqlite', file: resolve(cwd, databaseUrl.replace(/^sqlite:(\/\/)?/, '')) };
  else
    throw new ConfigError(
      'DATABASE_URL must start with postgres:// or sqlite: (or be empty for SQLite under the data dir)',
    );
  return {
    ...rest,
    dataDir,
    database,
    secretKey: secretKey ? decodeKey(secretKey) : readKeyFile ? keyFromDataDir(dataDir) : Buffer.alloc(32),
    webDist: webDist ? resolve(cwd, webDist) : null,
  };
}

function decodeKey(b64: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new ConfigError('LIANGDIAN_SECRET_KEY must be 32 bytes encoded in base64');
  return key;
}

/** The files and folders of the data directory. */
export const DATA_FILES = {
  sqlite: 'liangdian.sqlite',
  attachments: 'attachments',
  key: 'secret.key',
  /** the audit chain's newest entry, kept outside the database (modules/audit/audit.checkpoint.ts) */
  checkpoint: 'audit.checkpoint',
} as const;

/** Reads (or creates once) `<dataDir>/secret.key`, so a fresh install encrypts without set-up. */
function keyFromDataDir(dataDir: string): Buffer {
  const file = join(dataDir, DATA_FILES.key);
  if (existsSync(file)) return decodeKey(readFileSync(file, 'utf8').trim());
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  return key;
}

/**
 * The configuration `liangdian restore` writes into: the data directory given instead of
 * LIANGDIAN_DATA_DIR, and the secret key only if one exists (LIANGDIAN_SECRET_KEY or the
 * directory's `secret.key`); none is generated, since a new key could not read the backup.
 */
export function restoreConfig(
  dataDir: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): { config: Config; secretKey: Buffer | null } {
  const config = derive(dataDir ? { ...env, [SETTINGS.dataDir.env]: dataDir } : env, cwd, false);
  const keyFile = join(config.dataDir, DATA_FILES.key);
  const secretKey = env[SETTINGS.secretKey.env]?.trim()
    ? config.secretKey
    : existsSync(keyFile)
      ? decodeKey(readFileSync(keyFile, 'utf8').trim())
      : null;
  return { config, secretKey };
}

/**
 * A configuration for tests: the declared defaults, nothing read from the environment or disk,
 * an in-memory SQLite database, a fixed key, no logs, generous rate limits and small uploads.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const config = loadConfig({
    LIANGDIAN_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    LOG_LEVEL: 'silent',
    LOGIN_RATE_PER_MINUTE: '1000',
    // a suite makes requests at its own pace from one address: the limits have their own tests
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_IP_PER_MINUTE: '100000',
    RATE_LIMIT_EXPORT_PER_MINUTE: '100000',
    RATE_LIMIT_UNMASK_PER_MINUTE: '100000',
    RATE_LIMIT_STREAM_PER_MINUTE: '100000',
    RATE_LIMIT_MACHINE_PER_MINUTE: '100000',
    ATTACHMENT_MAX_BYTES: String(64 * 1024),
    HOST: '127.0.0.1',
  });
  return {
    ...config,
    port: 0,
    dataDir: '',
    database: { kind: 'sqlite', file: ':memory:' },
    ...overrides,
  };
}

/** The README's configuration table, generated from the declarations. */
export function configMarkdownTable(): string {
  const rows = Object.values(SETTINGS).map((s: Setting<unknown>) => {
    const shown = s.shownDefault ?? (s.default === '' ? '*(empty)*' : `\`${s.default}\``);
    return `| \`${s.env}\` | ${shown} | ${s.doc} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
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
