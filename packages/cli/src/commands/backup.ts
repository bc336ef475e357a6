import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ArchiveError,
  BackupError,
  createBackup,
  DATA_FILES,
  deriveKey,
  encryptStoredFiles,
  isSealed,
  loadConfig,
  openDatabase,
  restoreBackup,
  restoreConfig,
} from '@liangdian/server';
import { command, EXIT, UsageError } from '../command';

/** A passphrase from `--passphrase-file` (first line), or typed at the terminal without echo. */
async function passphrase(file: string | undefined, confirm: boolean): Promise<string> {
  if (file) {
    const p = readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
    if (p.length < 12) throw new UsageError('The passphrase must be at least 12 characters.');
    return p;
  }
  if (!process.stdin.isTTY)
    throw new UsageError('Give the passphrase with --passphrase-file FILE (no terminal to ask on).');
  const p = await promptHidden('Passphrase: ');
  if (p.length < 12) throw new UsageError('The passphrase must be at least 12 characters.');
  if (confirm && (await promptHidden('Passphrase again: ')) !== p)
    throw new UsageError('The two passphrases differ.');
  return p;
}

function promptHidden(question: string): Promise<string> {
  return new Promise((ok) => {
    process.stderr.write(question);
    const stdin = process.stdin;
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const onData = (b: Buffer) => {
      for (const ch of b.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          ok(typed);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Backup errors are the operator's to fix: the message alone, exit 1. */
async function explained(work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof BackupError || e instanceof ArchiveError) {
      console.error(e.message);
      return EXIT.failure;
    }
    throw e;
  }
}

export const backupCommand = command({
  name: 'backup',
  summary: 'Back up the database and the attachments into one archive, while the server runs',
  help: `Usage: liangdian backup --out FILE [--include-key] [--passphrase-file FILE]

Writes one archive (a gzipped tar, mode 0600): a consistent copy of the database (SQLite: the
online backup API; PostgreSQL: pg_dump, which must be on the PATH), every attachment as stored
(encrypted), and manifest.json with the row count of every table, the newest audit entry and
the SHA-256 of every file. Safe while the server runs. Do not copy the SQLite file with cp while
the server writes: the copy may be corrupt.

The secret key is NOT in the archive: keep it apart (<data dir>/secret.key or
LIANGDIAN_SECRET_KEY); without it the personal data and attachments cannot be read.

Options:
  --out FILE              the archive to write (must not exist)
  --include-key           put the secret key in the archive, and encrypt the whole archive with
                          a passphrase (scrypt + AES-256-GCM), asked for on the terminal
  --passphrase-file FILE  read the passphrase from the first line of FILE (also encrypts the
                          archive without --include-key)`,
  strings: ['out', 'passphrase-file'],
  booleans: ['include-key'],
  async run(values) {
    if (!values.out) throw new UsageError('--out FILE is required.');
    const config = loadConfig();
    const encrypt = values['include-key'] || values['passphrase-file'] !== undefined;
    const pass = encrypt ? await passphrase(values['passphrase-file'], true) : undefined;
    const database = openDatabase(config.database);
    try {
      return await explained(async () => {
        const m = await createBackup(
          {
            database,
            pgUrl: config.database.kind === 'postgres' ? config.database.url : undefined,
            attachmentsDir: join(config.dataDir, DATA_FILES.attachments),
            secretKey: config.secretKey,
          },
          { out: resolve(values.out!), includeKey: values['include-key'], passphrase: pass },
        );
        const t = m.extra.database.tables;
        const rows = Object.values(t).reduce((a, b) => a + b, 0);
        const files = m.files.filter((f) => f.name.startsWith(`${DATA_FILES.attachments}/`)).length;
        console.log(
          `Backup written to ${values.out}: ${Object.keys(t).length} tables, ${rows} rows, ${files} attachments, audit log to #${m.extra.audit?.seq ?? 0}${
            m.extra.includesKey
              ? ', with the secret key (encrypted with the passphrase)'
              : pass
                ? ', encrypted'
                : ''
          }.`,
        );
        if (!m.extra.includesKey)
          console.log(`The secret key (id ${m.extra.keyId}) is not in it: keep a copy of it apart.`);
        return EXIT.ok;
      });
    } finally {
      await database.close();
    }
  },
});

export const restoreCommand = command({
  name: 'restore',
  summary: 'Restore a backup into an empty data directory or database, then verify it',
  help: `Usage: liangdian restore FILE [--data-dir DIR] [--passphrase-file FILE]

Restores an archive of \`liangdian backup\` into an EMPTY data directory (DIR, or
LIANGDIAN_DATA_DIR; a secret.key alone may be there) and an empty database (SQLite under the
data directory, or the empty PostgreSQL database of DATABASE_URL, with pg_restore on the PATH);
refuses anything else. Then verifies it: every file's SHA-256, every table's row count, and the
audit chain with its checkpoint. Exits 0 when all agree.

When the archive does not hold the secret key, the key must be given: put the original
secret.key in the data directory first, or set LIANGDIAN_SECRET_KEY.

Options:
  --data-dir DIR          where to restore (default: LIANGDIAN_DATA_DIR or ./data)
  --passphrase-file FILE  the passphrase of an encrypted archive (else asked on the terminal)`,
  strings: ['data-dir', 'passphrase-file'],
  positionals: true,
  async run(values, positionals) {
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('Give exactly one archive to restore.');
    const { config, secretKey } = restoreConfig(values['data-dir']);
    const pass = (await isSealed(file)) ? await passphrase(values['passphrase-file'], false) : undefined;
    return explained(async () => {
      const r = await restoreBackup(file, {
        dataDir: config.dataDir,
        database: config.database,
        secretKey,
        passphrase: pass,
      });
      console.log(
        `Restored into ${config.dataDir}: ${r.tables} tables and ${r.rows} rows as counted in the backup, ${r.files} attachments with their checksums, audit chain intact (${r.audit.checked} entries).`,
      );
      return EXIT.ok;
    });
  },
});

export const attachmentsEncryptCommand = command({
  name: 'attachments encrypt',
  summary: 'Encrypt the attachments stored in clear before encryption at rest',
  help: `Usage: liangdian attachments encrypt

Files uploaded since encryption at rest are encrypted (AES-256-GCM, with a key derived from the
secret key); files uploaded before are still read in clear. This encrypts those in place, one
at a time and atomically: safe to run again, and while the server runs.`,
  async run() {
    const config = loadConfig();
    const r = await encryptStoredFiles(
      join(config.dataDir, DATA_FILES.attachments),
      deriveKey(config.secretKey, 'attachments'),
    );
    console.log(`Attachments: ${r.encrypted} encrypted now, ${r.already} were already encrypted.`);
    return EXIT.ok;
  },
});
