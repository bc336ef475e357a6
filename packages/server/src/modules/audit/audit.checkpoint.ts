import { open, readFile, rename } from 'node:fs/promises';

/**
 * The audit chain's anchor outside the database: the newest entry this process committed, with
 * its hash, and the first entry written with the key. Deleting the tail of the log, or rewriting
 * it without the key, no longer matches it.
 *
 * The checkpoint is a lower bound: every entry it names was committed, but entries committed after
 * it (by another app instance on the same PostgreSQL database, or in the instant between a commit
 * and the file's write when the machine stops) are not named. `verify` therefore checks that the
 * log holds the named entry, unchanged, and at least up to it.
 */
export interface AuditHead {
  seq: number;
  hash: string;
  /** the first entry hashed with the key (entries before it are legacy plain SHA-256) */
  keyedFrom: number | null;
}

export interface AuditCheckpoint {
  read(): Promise<AuditHead | null>;
  /** records `head` if it is newer than what is recorded */
  write(head: AuditHead): Promise<void>;
}

/** Kept in memory only: tests, and apps without a data directory. */
export function memoryCheckpoint(): AuditCheckpoint {
  let head: AuditHead | null = null;
  return {
    read: async () => head,
    write: async (h) => {
      if (!head || h.seq > head.seq) head = h;
    },
  };
}

/**
 * A JSON file, replaced atomically (written beside, flushed, renamed) with mode 0600. Writes are
 * serialised and coalesced: concurrent commits end with the newest head on disk.
 */
export function fileCheckpoint(file: string): AuditCheckpoint {
  let written: AuditHead | null = null;
  let wanted: AuditHead | null = null;
  let queue: Promise<void> = Promise.resolve();
  const flush = async () => {
    const h = wanted;
    if (!h || (written && h.seq <= written.seq)) return;
    const tmp = `${file}.tmp`;
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(`${JSON.stringify(h)}\n`);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
    written = h;
  };
  return {
    async read() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
      return parseHead(text, file);
    },
    write(h) {
      if (!wanted || h.seq > wanted.seq) wanted = h;
      queue = queue.catch(() => {}).then(flush);
      return queue;
    },
  };
}

function parseHead(text: string, file: string): AuditHead {
  const v = JSON.parse(text) as Partial<AuditHead>;
  if (typeof v.seq !== 'number' || typeof v.hash !== 'string')
    throw new Error(`audit checkpoint ${file} is not readable`);
  return { seq: v.seq, hash: v.hash, keyedFrom: typeof v.keyedFrom === 'number' ? v.keyedFrom : null };
}
