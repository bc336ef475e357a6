/**
 * Answers kept as the JSON bytes sent, for the lists people open again and again (the complaint
 * register): a hit costs a look-up and a write, not the queries, the presentation and the
 * serialisation. Bounded by bytes, least recently used first out.
 *
 * An answer is found only by a key that names everything it was made from (see
 * `ComplaintsService.listKey`): who asks (scope and what they may see), the filter, the page,
 * the Beijing date (deadlines count days) and the **data version** of what it shows: for the
 * complaint list the sequence numbers of the newest audit entries of complaints, outlets, staff,
 * users and code tables (`Changes.versionOf`); for the outlets their own version. Every change is
 * recorded in the audit log in its own transaction (Changes.run), so a change to what a page shows
 * makes a new version and the old pages are never asked for again, while changes to anything
 * else (the lobby, scripts…) leave them be. The version is read from the database, so several
 * servers agree, and before the data, so an answer is never older than its key says.
 */
export class AnswerCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): Buffer | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // most recently used last
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, json: Buffer): void {
    const size = json.length;
    if (size > this.maxBytes / 4) return; // one answer may not push out everything else
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.bytes -= old.length;
    }
    this.entries.set(key, json);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }
}
