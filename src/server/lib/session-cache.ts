/**
 * Sessions resolved in the last {@link SESSION_CACHE_MS}, so that a burst of requests of one user (autosave, a page
 * opening its queries) costs one session lookup. Every write to a session, a user or their roles made by this
 * process drops the entries concerned at once (logout, password change or reset, deactivation, new roles, restore);
 * a change made by another process (a second server on the same PostgreSQL, the CLI) shows within that time.
 */
export const SESSION_CACHE_MS = 2_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  value: unknown;
  userId: number;
  expiresAt: Date;
  until: number;
}

const cache = new Map<string, Entry>();

/** The cached value of a session id (its SHA-256), when fresh and not expired at `now`. */
export function cachedSession<T>(id: string, now: Date): T | null {
  const entry = cache.get(id);
  if (!entry) return null;
  if (entry.until > Date.now() && entry.expiresAt > now) return entry.value as T;
  cache.delete(id);
  return null;
}

export function cacheSession<T>(id: string, value: T, userId: number, expiresAt: Date): void {
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(id, { value, userId, expiresAt, until: Date.now() + SESSION_CACHE_MS });
}

/** Updates a cached session after its sliding expiry was written. */
export function touchCachedSession<T>(id: string, expiresAt: Date, update: (value: T) => T): void {
  const entry = cache.get(id);
  if (!entry) return;
  entry.value = update(entry.value as T);
  entry.expiresAt = expiresAt;
}

export function forgetCachedSession(id: string): void {
  cache.delete(id);
}

/** Drops the cached sessions of one user, or all of them. */
export function forgetCachedSessions(userId?: number): void {
  if (userId === undefined) {
    cache.clear();
    return;
  }
  for (const [id, entry] of cache) if (entry.userId === userId) cache.delete(id);
}
