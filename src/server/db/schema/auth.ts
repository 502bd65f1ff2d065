import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './org';

/** Server-side sessions; `id` is the SHA-256 of the cookie token, so a database leak does not leak sessions. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Failed logins, counted per (account, client) and per client (`account_key` empty), for growing delays
 * (decision 0009). Keys are SHA-256 hashes of the typed username (lower case) and of the client address, so a
 * password typed into the username field is not stored. A row is forgotten after a quiet period.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    accountKey: text('account_key').notNull(),
    clientKey: text('client_key').notNull(),
    failures: integer('failures').notNull(),
    blockedUntil: timestamp('blocked_until', { withTimezone: true }),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountKey, t.clientKey] }), index('login_throttles_client_idx').on(t.clientKey), index('login_throttles_last_idx').on(t.lastFailureAt)],
);
