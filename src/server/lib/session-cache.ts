/**
 * Sessions resolved in the last {@link SESSION_CACHE_MS}, kept by one server instance so that a burst of requests of
 * one user (autosave, a page opening its queries) costs one session lookup. There is one truth for sessions: every
 * logout, deactivation, password or role change announces itself (lib/session-events.ts) and each instance drops
 * the user's entries the moment it hears it; the instance that made the change drops them as soon as it commits.
 * A lookup that started before a change is never cached (generation counters), so a request in flight cannot put
 * the old state back; and while an instance cannot hear announcements (its listener is down) it caches nothing.
 */
export const SESSION_CACHE_MS = 2_000;
const MAX_ENTRIES = 10_000;
/** After this instance heard its own announcement, how long the others get to read theirs before it answers. */
const ANNOUNCEMENT_GRACE_MS = 25;

interface Entry {
  value: unknown;
  userId: number;
  expiresAt: Date;
  until: number;
}

export class SessionCache {
  private entries = new Map<string, Entry>();
  /** Grows with every invalidation; a fill remembers its value when it starts. */
  private generation = 0;
  /** The generation of each user's last invalidation, and of the last "drop everything". */
  private userGeneration = new Map<number, number>();
  private allGeneration = 0;
  private live = true;
  /** When an announcement about each user (0: everyone) was last heard, and who waits for the next one. */
  private lastHeard = new Map<number, number>();
  private waiters = new Set<{ userId: number; done: () => void }>();
  private listening = false;

  /** Marks the start of a lookup: pass the result to {@link set}. */
  begin(): number {
    return this.generation;
  }

  /** The cached value of a session id (its SHA-256), when fresh and not expired at `now`. */
  get<T>(id: string, now: Date): T | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (entry.until > Date.now() && entry.expiresAt > now) return entry.value as T;
    this.entries.delete(id);
    return null;
  }

  /** Caches a lookup that started at generation `startedAt`, unless the user (or everything) was invalidated since. */
  set<T>(id: string, value: T, userId: number, expiresAt: Date, startedAt: number): void {
    if (!this.live) return;
    if (this.allGeneration > startedAt || (this.userGeneration.get(userId) ?? 0) > startedAt) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, { value, userId, expiresAt, until: Date.now() + SESSION_CACHE_MS });
  }

  /** Updates a cached session after its sliding expiry was written. */
  touch<T>(id: string, expiresAt: Date, update: (value: T) => T): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.value = update(entry.value as T);
    entry.expiresAt = expiresAt;
  }

  forgetSession(id: string): void {
    this.entries.delete(id);
  }

  /** Drops every cached session of a user, and any lookup of theirs still in flight. */
  forgetUser(userId: number): void {
    this.userGeneration.set(userId, ++this.generation);
    if (this.userGeneration.size > MAX_ENTRIES) {
      // Keep the map small: one "everything changed" stands for the users forgotten here.
      this.userGeneration.clear();
      this.allGeneration = this.generation;
    }
    for (const [id, entry] of this.entries) if (entry.userId === userId) this.entries.delete(id);
  }

  /** Drops everything (a restore, a listener that reconnected and may have missed announcements). */
  forgetAll(): void {
    this.allGeneration = ++this.generation;
    this.userGeneration.clear();
    this.entries.clear();
  }

  /** An announcement was heard (from any instance, this one included): drops the entries and wakes the waiters. */
  heard(userId: number | null): void {
    if (userId === null) this.forgetAll();
    else this.forgetUser(userId);
    const key = userId ?? 0;
    this.lastHeard.set(key, Date.now());
    if (this.lastHeard.size > MAX_ENTRIES) this.lastHeard.clear();
    for (const w of this.waiters) if (userId === null || w.userId === userId) w.done();
  }

  /**
   * Called by the instance that changed a user's sessions, once the change has committed: drops the user's entries
   * here at once, then waits (at most `maxWaitMs`) until this instance's listener has heard the announcement, which
   * PostgreSQL sends to every listening instance together. Answering only then means that when the caller learns
   * of the change, the other instances have been told too.
   */
  async afterChange(userId: number, maxWaitMs = 500): Promise<void> {
    this.forgetUser(userId);
    if (!this.listening) return;
    const recent = Date.now() - 250;
    if ((this.lastHeard.get(userId) ?? 0) < recent && (this.lastHeard.get(0) ?? 0) < recent) {
      await new Promise<void>((resolve) => {
        const waiter = { userId, done: () => finish() };
        const timer = setTimeout(() => finish(), maxWaitMs);
        const finish = () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        };
        this.waiters.add(waiter);
      });
    }
    // PostgreSQL signals every listener at the same commit; leave the others a moment to read theirs.
    await new Promise((resolve) => setTimeout(resolve, ANNOUNCEMENT_GRACE_MS));
  }

  /** Whether a listener feeds {@link heard} (then {@link afterChange} waits for the echo). */
  setListening(listening: boolean): void {
    this.listening = listening;
  }

  /** Whether announcements are heard: when not, nothing is cached (each request reads the database). */
  setLive(live: boolean): void {
    if (this.live === live) return;
    this.live = live;
    this.forgetAll();
  }

  get size(): number {
    return this.entries.size;
  }
}
