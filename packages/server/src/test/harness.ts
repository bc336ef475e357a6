import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UserRole } from '@liangdian/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, inject } from 'vitest';
import { type AppOptions, attachmentStore, buildApp } from '../app';
import { type Config, testConfig, testDatabaseSettings } from '../config';
import { type Database, openDatabase } from '../db/database';
import { ManualClock } from '../lib/clock';
import { newId } from '../lib/ids';
import { argon2Hasher } from '../lib/passwords';
import * as org from '../modules/org/org.repository';
import * as users from '../modules/users/users.repository';

export const DB_KIND = testDatabaseSettings().kind;
export const PASSWORD = 'correct-horse-9';

/** A new, empty schema in the test PostgreSQL server, with the server's URL. */
export async function freshPgSchema(): Promise<{ url: string; schema: string }> {
  const url = inject('pgUrl');
  const schema = `t_${newId().replace(/-/g, '').slice(-16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return { url, schema };
}

/**
 * A fresh, empty, migrated database for one test app: SQLite in memory, or a new schema in the
 * test PostgreSQL server with a pool of ONE connection, so code that queries outside its
 * transaction deadlocks here instead of in production.
 */
async function freshDatabase(): Promise<Database> {
  if (DB_KIND === 'sqlite') return openDatabase({ kind: 'sqlite', file: ':memory:' });
  const { url, schema } = await freshPgSchema();
  const database = openDatabase({ kind: 'postgres', url, schema, poolSize: 1 });
  return {
    ...database,
    close: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db).catch(() => {});
      await database.close();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  clock: ManualClock;
  database: Database;
  close(): Promise<void>;
}

export async function makeTestApp(
  overrides: Partial<Config> = {},
  options: Pick<AppOptions, 'rosterSolver'> = {},
): Promise<TestApp> {
  const database = await freshDatabase();
  const clock = new ManualClock();
  const filesDir = mkdtempSync(join(tmpdir(), 'liangdian-files-'));
  const config = testConfig(overrides);
  const app = await buildApp({
    config,
    database,
    clock,
    files: attachmentStore(config, filesDir),
    ...options,
  });
  return {
    app,
    clock,
    database,
    close: async () => {
      await app.close();
      await database.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

// ----------------------------------------------------------------- factories

export async function makeBranch(t: TestApp, code = 'KM') {
  const id = newId();
  await org.insertBranch(t.database.db, {
    id,
    code,
    name: `${code}分行`,
    bank_name: '测试银行',
    created_at: t.clock.now().toISOString(),
  });
  return id;
}

export async function makeBusinessTypes(t: TestApp, codes = ['cash', 'non_cash', 'wealth']) {
  const now = t.clock.now().toISOString();
  await org.insertMany(
    t.database.db,
    'business_types',
    codes.map((code) => ({
      id: newId(),
      code,
      name_zh: code,
      name_en: code,
      default_zone_kind: 'cash',
      active: 1,
      created_at: now,
      updated_at: now,
    })),
  );
}

let outletSeq = 0;
export async function makeOutlet(
  t: TestApp,
  branchId: string,
  over: Partial<{ code: string; name: string; pilot: boolean }> = {},
) {
  const id = newId();
  const now = t.clock.now().toISOString();
  outletSeq++;
  await org.insertOutlet(t.database.db, {
    id,
    branch_id: branchId,
    code: over.code ?? `O${outletSeq}`,
    name: over.name ?? `测试支行${outletSeq}`,
    address: '',
    phone: '',
    pilot: over.pilot ? 1 : 0,
    active: 1,
    staff_count: 0,
    zone_count: 0,
    created_at: now,
    updated_at: now,
  });
  return id;
}

let hashCache: Promise<string> | null = null;
export async function makeUser(
  t: TestApp,
  branchId: string,
  role: UserRole,
  outletId: string | null = null,
  username = `${role}-${newId().slice(-6)}`,
) {
  hashCache ??= argon2Hasher.hash(PASSWORD);
  const now = t.clock.now().toISOString();
  const id = newId();
  const password_hash = await hashCache;
  await users.insert(
    t.database.db,
    users.newUserRow(
      {
        id,
        username,
        display_name: username,
        role,
        branch_id: branchId,
        outlet_id: outletId,
        staff_id: null,
        password_hash,
      },
      now,
    ),
  );
  return { id, username };
}

// ----------------------------------------------------------------- a signed-in client

export interface Client {
  cookie: string;
  csrf: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export async function login(t: TestApp, username: string, password = PASSWORD): Promise<Client> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'ld_session');
  const csrf = res.json().csrfToken as string;
  const headers = (extra?: Record<string, string>) => ({
    cookie: `ld_session=${cookie!.value}`,
    'x-csrf-token': csrf,
    ...extra,
  });
  return {
    cookie: cookie!.value,
    csrf,
    get: (url, h) => t.app.inject({ method: 'GET', url, headers: headers(h) }),
    post: (url, body, h) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: headers(h),
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    patch: (url, body, h) =>
      t.app.inject({ method: 'PATCH', url, headers: headers(h), payload: body as object }),
    put: (url, body, h) => t.app.inject({ method: 'PUT', url, headers: headers(h), payload: body as object }),
  };
}

/**
 * The first login of an account an admin made (with the password `given`): the user sets their
 * own password, PASSWORD, as the server requires before anything else; a client signed in with it.
 */
export async function firstLogin(t: TestApp, username: string, given: string): Promise<Client> {
  const first = await login(t, username, given);
  const r = await first.post('/api/v1/auth/change-password', {
    currentPassword: given,
    newPassword: PASSWORD,
  });
  if (r.statusCode !== 204)
    throw new Error(`password change of ${username} failed: ${r.statusCode} ${r.body}`);
  return first;
}

/** A staff member of an outlet (a teller unless told otherwise). */
export async function makeStaff(t: TestApp, outletId: string, name: string, roles: string[] = ['teller']) {
  const id = newId();
  const now = t.clock.now().toISOString();
  await org.insertStaff(t.database.db, {
    id,
    outlet_id: outletId,
    employee_no: `E${id.slice(-8)}`,
    name,
    roles: JSON.stringify(roles),
    skills: '[]',
    phone_enc: null,
    home_post_id: null,
    active: 1,
    created_at: now,
    updated_at: now,
  });
  return id;
}

/** A branch with two outlets and users; the usual cast of an access test. */
export async function makeBranchWithOutlets(t: TestApp) {
  const branchId = await makeBranch(t);
  await makeBusinessTypes(t);
  const outletA = await makeOutlet(t, branchId, { code: 'A1', name: '甲支行' });
  const outletB = await makeOutlet(t, branchId, { code: 'B1', name: '乙支行' });
  const admin = await makeUser(t, branchId, 'admin', null, 'admin');
  const headA = await makeUser(t, branchId, 'outlet_head', outletA, 'head.a');
  const lobbyA = await makeUser(t, branchId, 'lobby_manager', outletA, 'lobby.a');
  const consultant = await makeUser(t, branchId, 'consultant', null, 'consultant');
  const cpo = await makeUser(t, branchId, 'cp_officer', null, 'cpo');
  const reviewer = await makeUser(t, branchId, 'reviewer', null, 'reviewer');
  return { branchId, outletA, outletB, admin, headA, lobbyA, consultant, cpo, reviewer };
}

/** The people and outlets makeBranchWithOutlets creates. */
export type Cast = Awaited<ReturnType<typeof makeBranchWithOutlets>>;

/** What useCastApp hands a suite: set afresh before each of its tests. */
export interface CastApp {
  t: TestApp;
  cast: Cast;
  /** the branch administrator, signed in (unless `signIn: false`) */
  admin: Client;
}

/**
 * Registers the hooks of a suite whose every test starts from a fresh app with the usual cast
 * (makeBranchWithOutlets) and the administrator signed in, and closes the app after the test.
 * Read the fields inside the tests (`s.admin.post(…)`): they are replaced before each one.
 */
export function useCastApp(opts: { config?: Partial<Config>; signIn?: boolean } = {}): CastApp {
  const s = {} as CastApp;
  beforeEach(async () => {
    s.t = await makeTestApp(opts.config);
    s.cast = await makeBranchWithOutlets(s.t);
    if (opts.signIn !== false) s.admin = await login(s.t, 'admin');
  });
  afterEach(() => s.t.close());
  return s;
}
