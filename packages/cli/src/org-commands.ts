import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  argon2Hasher,
  auditKeys,
  type Config,
  complainantIndexOf,
  createFieldCipher,
  createServices,
  type Database,
  type DemoSummary,
  generateDemoComplaints,
  orgRepository,
  DomainError,
  hasData,
  loadConfig,
  loadDemo,
  migrateToLatest,
  openDatabase,
  startServer,
  type Services,
  systemClock,
  type Actor,
} from '@liangdian/server';
import { USER_ROLES, type UserRole } from '@liangdian/shared';
import { type Command, command, EXIT, UsageError } from './command';

/** The built web app next to this bundle (packages/cli/dist → packages/web/dist). */
function configWithWeb(): Config {
  const config = loadConfig();
  if (!config.webDist) {
    const guess = fileURLToPath(new URL('../../web/dist', import.meta.url));
    if (existsSync(guess)) config.webDist = guess;
  }
  return config;
}

function describeDb(c: Config): string {
  return c.database.kind === 'sqlite'
    ? `SQLite ${c.database.file}`
    : `PostgreSQL ${c.database.url.replace(/\/\/[^@]*@/, '//***@')}`;
}

export function printLogins(summary: Pick<DemoSummary, 'logins'>, password: string, out = console.log) {
  out('Demo logins (password: %s):', password);
  for (const l of summary.logins)
    out(`  ${l.username.padEnd(12)} ${l.role.padEnd(14)} ${l.outlet ?? 'branch 昆明分行'}`);
}

export const serveCommand = command({
  name: 'serve',
  summary: 'Migrate the database and serve the web app and API',
  help: `Usage: liangdian serve [--port N] [--host H] [--demo-if-empty]

Migrates the database, optionally loads the demo branch into an empty database, and serves
the web app (packages/web/dist) and the API on http://localhost:PORT.

Options:
  --port N          port (default: PORT or 8080)
  --host H          interface (default: HOST or 0.0.0.0)
  --demo-if-empty   load the demo branch when the database has no users
Configuration comes from the environment: see README.md, "Configuration".`,
  strings: ['port', 'host'],
  booleans: ['demo-if-empty'],
  async run(values) {
    const config = configWithWeb();
    if (values.port) config.port = positiveInt(values.port, '--port');
    if (values.host) config.host = values.host;
    if (config.logLevel === 'info') config.logLevel = 'warn';
    const { url, demo } = await startServer({
      config,
      demoIfEmpty: values['demo-if-empty'] ?? false,
      log: (l) => console.log(l),
    });
    console.log(`Liangdian is running at ${url}  (database: ${describeDb(config)})`);
    console.log(`API docs: ${url}/api/docs`);
    if (!config.webDist)
      console.log('The web app is not built: run `npm run build` (npm start does it for you).');
    if (demo) printLogins(demo, config.demoPassword);
    else if (values['demo-if-empty'])
      console.log(
        'Demo users (if loaded earlier): admin, cpo, reviewer, head.lsw, lobby.lsw, staff.lsw, head.jj, consultant',
      );
    return new Promise<number>(() => {});
  },
});

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Bring the database schema up to date',
  help: `Usage: liangdian migrate

Applies every pending migration to the configured database (DATABASE_URL, or SQLite under
LIANGDIAN_DATA_DIR) and prints their names.`,
  run: () =>
    withDatabase(loadConfig(), async (database) => {
      const done = await migrateToLatest(database.db);
      console.log(done.length ? `Applied: ${done.join(', ')}` : 'The database is up to date.');
      return EXIT.ok;
    }),
};

export const demoCommand = command({
  name: 'demo',
  summary: 'Load the demo branch (昆明分行, 12+ outlets, one user per role)',
  help: `Usage: liangdian demo [--outlets N] [--staff-per-outlet N] [--seed S]

Loads 昆明分行 with the three pilot outlets of the seed article (螺蛳湾支行, 金江支行,
城北支行) and nine more, each with zones, posts and 8–15 staff, the business-type catalogue,
and one user per role, into an empty database. The demo password is LIANGDIAN_DEMO_PASSWORD
or "liangdian-demo".

Options:
  --outlets N            total outlets (≥ 12; extra ones are generated, for scale tests)
  --staff-per-outlet N   exactly N staff per outlet instead of 8–15
  --seed S               random seed of the generated names (default fixed)
  --complaints N         also generate N complaints over the past year (scale tests)`,
  strings: ['outlets', 'staff-per-outlet', 'seed', 'complaints'],
  async run(values) {
    const config = loadConfig();
    return withDatabase(config, async (database) => {
      await migrateToLatest(database.db);
      if (await hasData(database.db)) {
        console.error('The database already holds data; the demo loads only into an empty database.');
        return EXIT.failure;
      }
      const tty = process.stderr.isTTY;
      const summary = await loadDemo({
        db: database.db,
        dialect: database.dialect,
        clock: systemClock,
        hasher: argon2Hasher,
        cipher: createFieldCipher(config.secretKey),
        index: complainantIndexOf(config.secretKey),
        auditKeys: auditKeys(config),
        password: config.demoPassword,
        outlets: values.outlets ? positiveInt(values.outlets, '--outlets') : undefined,
        staffPerOutlet: values['staff-per-outlet']
          ? positiveInt(values['staff-per-outlet'], '--staff-per-outlet')
          : undefined,
        seed: values.seed ? positiveInt(values.seed, '--seed') : undefined,
        onProgress: tty ? (d, t) => process.stderr.write(`\r  outlets ${bar(d / t)} ${d}/${t}`) : undefined,
      });
      if (tty) process.stderr.write('\n');
      if (values.complaints) {
        const n = positiveInt(values.complaints, '--complaints');
        const branch = (await orgRepository.firstBranch(database.db))!;
        const outletIds = await orgRepository.listOutletIds(database.db, branch.id);
        await generateDemoComplaints(database.db, n, {
          branchId: branch.id,
          outletIds,
          cipher: createFieldCipher(config.secretKey),
          index: complainantIndexOf(config.secretKey),
          now: systemClock.now().toISOString(),
          onProgress: tty
            ? (d, t) => process.stderr.write(`\r  complaints ${bar(d / t)} ${d}/${t}`)
            : undefined,
        });
        if (tty) process.stderr.write('\n');
        console.log(`Generated ${n} complaints over the past year.`);
      }
      console.log(
        `Loaded 昆明分行: ${summary.outlets} outlets, ${summary.staff} staff, ${summary.users} users (${describeDb(config)}).`,
      );
      printLogins(summary, config.demoPassword);
      return EXIT.ok;
    });
  },
});

/** Opens the configured database for `work` and closes it afterwards, whatever happens. */
async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = openDatabase(config.database);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** The database brought up to date and the server's services on it, for `work`; closed afterwards. */
function withServices<T>(
  config: Config,
  work: (ctx: { database: Database; services: Services }) => Promise<T>,
): Promise<T> {
  return withDatabase(config, async (database) => {
    await migrateToLatest(database.db);
    return work({ database, services: createServices(database, config, systemClock, argon2Hasher) });
  });
}

/** withServices, acting as the administrator of the (first) branch; its audit entries say "cli". */
function asSystemActor<T>(
  config: Config,
  work: (ctx: { database: Database; services: Services; actor: Actor }) => Promise<T>,
): Promise<T> {
  return withServices(config, async ({ database, services }) => {
    const branch = await orgRepository.firstBranch(database.db);
    if (!branch)
      throw new UsageError(
        'No branch yet: run `liangdian demo` first (or create the organisation in the web app).',
      );
    const actor: Actor = {
      userId: 'cli',
      username: 'cli',
      displayName: 'CLI',
      role: 'admin',
      branchId: branch.id,
      staffId: null,
      outletId: null,
      locale: 'en-US',
      ip: 'local',
    };
    return work({ database, services, actor });
  });
}

function readPassword(values: { password?: string; 'password-stdin'?: boolean }): string {
  if (values['password-stdin']) return readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  if (values.password) return values.password;
  throw new UsageError('Give the password with --password P or --password-stdin.');
}

export const userCreateCommand = command({
  name: 'user create',
  summary: 'Create a login',
  help: `Usage: liangdian user create --username U --name "显示名" --role ROLE [--outlet CODE] (--password P | --password-stdin)

Roles: ${USER_ROLES.join(', ')}. Outlet roles (outlet_head, lobby_manager, staff) need --outlet.
The user must change the password at first login.`,
  strings: ['username', 'name', 'role', 'outlet', 'password'],
  booleans: ['password-stdin'],
  async run(values) {
    const { username, role } = values;
    if (!username || !role) throw new UsageError('--username and --role are required.');
    if (!USER_ROLES.includes(role as UserRole))
      throw new UsageError(`--role must be one of: ${USER_ROLES.join(', ')}`);
    const password = readPassword(values);
    return asSystemActor(loadConfig(), async ({ database, services, actor }) => {
      let outletId: string | null = null;
      if (values.outlet) {
        const o = await orgRepository.outletByCode(database.db, values.outlet);
        if (!o) throw new UsageError(`No outlet with code ${values.outlet}.`);
        outletId = o.id;
      }
      const u = await services.users.create(actor, {
        username,
        displayName: values.name ?? username,
        role: role as UserRole,
        outletId,
        password,
      });
      console.log(`Created ${u.username} (${u.role}${u.outletName ? `, ${u.outletName}` : ''}).`);
      return EXIT.ok;
    });
  },
});

export const userResetPasswordCommand = command({
  name: 'user reset-password',
  summary: 'Set a new password for a login (and unlock it)',
  help: `Usage: liangdian user reset-password --username U (--password P | --password-stdin)

Sets the password, clears a lock, ends the user's sessions; the user must change it at next login.`,
  strings: ['username', 'password'],
  booleans: ['password-stdin'],
  async run(values) {
    if (!values.username) throw new UsageError('--username is required.');
    const password = readPassword(values);
    const username = values.username;
    return asSystemActor(loadConfig(), async ({ services, actor }) => {
      await services.users.resetPassword(actor, await services.users.idOf(username), password);
      console.log(`New password set for ${username}.`);
      return EXIT.ok;
    });
  },
});

export const auditVerifyCommand = command({
  name: 'audit verify',
  summary: 'Check the audit log’s hash chain',
  help: `Usage: liangdian audit verify [--json]

Walks the audit log in order, recomputing each entry's hash (HMAC-SHA256 with the audit key,
derived from the secret key; plain SHA-256 for entries written before the chain was keyed) and
its link to the previous one, then compares the newest entries with the checkpoint kept outside
the database (<data dir>/audit.checkpoint): a deleted tail or a tail rewritten without the key
is reported. Exits 0 when the chain is whole; otherwise prints the first broken entry and exits 1.`,
  booleans: ['json'],
  async run(values) {
    return withServices(loadConfig(), async ({ database, services }) => {
      const r = await services.audit.verify(database.db);
      if (values.json) console.log(JSON.stringify(r));
      else if (r.ok)
        console.log(
          `Audit chain intact: ${r.checked} entries checked; ${
            r.anchoredSeq === null
              ? 'no checkpoint outside the database yet (written at the next change).'
              : `the checkpoint outside the database names entry #${r.anchoredSeq}.`
          }`,
        );
      else
        console.log(
          `Audit chain BROKEN at entry #${r.firstBrokenSeq}: ${r.reason} (${r.checked} entries read).`,
        );
      return r.ok ? EXIT.ok : EXIT.failure;
    });
  },
});

export const complaintsRebuildStatsCommand = command({
  name: 'complaints rebuild-stats',
  summary: 'Rebuild the daily complaint statistics from the complaints',
  help: `Usage: liangdian complaints rebuild-stats [--json]

The complaint statistics read daily tables that every change keeps up to date in the same
transaction. This builds them again from the complaints themselves, in one transaction: a repair
for a database whose rows were changed by hand. Safe to run at any time.`,
  booleans: ['json'],
  async run(values) {
    return withServices(loadConfig(), async ({ services }) => {
      const r = await services.complaintInsights.rebuildStatistics();
      if (values.json) console.log(JSON.stringify(r));
      else
        console.log(`Complaint statistics rebuilt: ${r.complaints} complaints over ${r.rows} outlet-days.`);
      return EXIT.ok;
    });
  },
});

export const complaintsReindexCommand = command({
  name: 'complaints reindex',
  summary: 'Rebuild the search index of the complainants’ names, phones and ID numbers',
  help: `Usage: liangdian complaints reindex [--json]

The complaint list finds a complaint by the complainant's whole name, phone number, the phone's
last four digits or ID number through a blind index: HMAC-SHA256 digests of the normalised values,
keyed with a key derived from the secret key (LIANGDIAN_SECRET_KEY or <data dir>/secret.key).
Every write keeps it; this builds it again from the (decrypted) complaints, a thousand a
transaction: after the secret key changed, or rows were written by hand. The server also rebuilds
it at start when it was built with another key or not at all. Prints the counts.`,
  booleans: ['json'],
  async run(values) {
    return withServices(loadConfig(), async ({ services }) => {
      const tty = process.stderr.isTTY && !values.json;
      const r = await services.complainantIndex.rebuild(
        1000,
        tty ? (n) => process.stderr.write(`\r  complaints ${n}`) : undefined,
      );
      if (tty) process.stderr.write('\n');
      if (values.json) console.log(JSON.stringify(r));
      else console.log(`Complainant index rebuilt: ${r.complaints} complaints, ${r.entries} entries.`);
      return EXIT.ok;
    });
  },
});

function positiveInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number.`);
  return n;
}

function bar(f: number, width = 24): string {
  const n = Math.round(Math.max(0, Math.min(1, f)) * width);
  return `[${'#'.repeat(n)}${'.'.repeat(width - n)}]`;
}

export function describeError(e: unknown): string {
  if (e instanceof DomainError) {
    const fields = e.fields.map((f) => `${f.field}: ${f.code}`).join('; ');
    return `${e.code}${fields ? ` (${fields})` : ''}`;
  }
  return e instanceof Error ? e.message : String(e);
}
