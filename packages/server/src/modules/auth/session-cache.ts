/**
 * Resolved sessions kept in memory for a few seconds, so an authenticated request costs no
 * session query. Anything that ends or changes sessions (logout, password change, a user's
 * role, scope or status) clears the cache at once in this process; other processes sharing a
 * PostgreSQL database see the change within `ttlMs`.
 */
export class SessionCache<T> {
  private readonly entries = new Map<string, { value: T; at: number }>();
  constructor(
    private readonly ttlMs = 5_000,
    private readonly max = 10_000,
  ) {}

  get(id: string, now: number): T | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    if (now - e.at > this.ttlMs || now < e.at) {
      this.entries.delete(id);
      return undefined;
    }
    return e.value;
  }

  set(id: string, value: T, now: number): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { value, at: now });
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }
}
