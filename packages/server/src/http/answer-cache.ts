/**
 * Answers kept as the JSON text sent, for the lists people open again and again (the complaint
 * register): a hit costs a look-up and a write, not the queries, the presentation and the
 * serialisation. Bounded by bytes, least recently used first out.
 *
 * An answer is found only by a key that names everything it was made from (see
 * `ComplaintsService.listKey`): who asks (scope and what they may see), the filter, the page,
 * the Beijing date (deadlines count days) and the **data version**, the sequence number of the
 * newest audit entry. Every change to the data an answer shows is recorded in the audit log in its
 * own transaction (Changes.run), so a change makes a new version and the old answers are never
 * asked for again; on PostgreSQL the version is read from the database, so several servers agree.
 * The version is read before the data, so an answer is never older than its key says.
 */
export class AnswerCache {
  private readonly entries = new Map<string, string>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): string | undefined {
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

  set(key: string, json: string): void {
    const size = json.length * 2;
    if (size > this.maxBytes / 4) return; // one answer may not push out everything else
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.bytes -= old.length * 2;
    }
    this.entries.set(key, json);
    this.bytes += size;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length * 2;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }
}
