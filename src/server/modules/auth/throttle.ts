import { normalizeIP } from '@fastify/rate-limit';
import { AppError } from '../../../core/errors';
import type { DbOrTx } from '../../db/client';
import { sha256 } from '../../lib/tokens';
import * as q from './queries';

/**
 * Login throttling (decision 0009). Failed logins are counted per (account, client) and per client; past a free
 * allowance each failure blocks the pair (or the client) for twice as long as the previous one, up to a ceiling.
 * Nothing is ever locked for every client: the owner logging in from their own address is not kept out by an
 * attacker elsewhere, a success from a client forgets that client's failures on the account, an administrator can
 * unlock an account, and counters are forgotten after a quiet period. A blocked attempt is answered `rate_limited`
 * (429, Retry-After) without checking the password; the server never sleeps.
 */
export const LOGIN_THROTTLE = {
  /** Per (account, client): failures allowed before delays start, first delay, ceiling, quiet period that resets. */
  account: { free: 5, firstMs: 1_000, maxMs: 15 * 60_000, forgetMs: 24 * 3600_000 },
  /** Per client over all accounts (password spraying from one address; generous for offices behind one NAT). */
  client: { free: 30, firstMs: 1_000, maxMs: 15 * 60_000, forgetMs: 3600_000 },
} as const;

type Policy = (typeof LOGIN_THROTTLE)[keyof typeof LOGIN_THROTTLE];

/** The block (ms) after the `failures`-th failure: none within the allowance, then first, ×2 each time, capped. */
export function blockAfter(policy: Policy, failures: number): number {
  if (failures <= policy.free) return 0;
  return Math.min(policy.maxMs, policy.firstMs * 2 ** Math.min(30, failures - policy.free - 1));
}

/** The key of an account as typed (lower case): a hash, the same for known and unknown usernames. */
export const accountKey = (username: string) => sha256(`account:${username.normalize('NFC').toLowerCase()}`);

/** The key of a client address (IPv6 by its /64, as the request rate limits count it). */
export const clientKey = (ip: string | undefined) => sha256(`client:${normalizeIP(ip ?? 'unknown', 64)}`);

/** The pair keys a login attempt is counted under: the account from this client, and this client alone. */
export function throttleKeys(username: string, ip: string | undefined) {
  const client = clientKey(ip);
  return { pair: { account: accountKey(username), client }, client: { account: '', client } };
}

/** Throws `rate_limited` with the seconds to wait when the account from this client, or this client, is blocked. */
export async function assertNotThrottled(db: DbOrTx, keys: ReturnType<typeof throttleKeys>, now: Date): Promise<void> {
  const until = await q.activeBlock(db, [keys.pair, keys.client], now);
  if (until) throw throttled(until, now);
}

/** Counts a failed login under both keys; returns the block that starts now, if any. */
export async function countFailure(db: DbOrTx, keys: ReturnType<typeof throttleKeys>, now: Date): Promise<{ failures: number; blockedUntil: Date | null }> {
  const pair = await q.recordLoginFailure(db, keys.pair, now, LOGIN_THROTTLE.account.forgetMs, (n) => blockAfter(LOGIN_THROTTLE.account, n));
  const client = await q.recordLoginFailure(db, keys.client, now, LOGIN_THROTTLE.client.forgetMs, (n) => blockAfter(LOGIN_THROTTLE.client, n));
  const until = [pair.blockedUntil, client.blockedUntil].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  return { failures: pair.failures, blockedUntil: until };
}

/** The `rate_limited` answer to a blocked login: the same whether the account exists or not. */
export function throttled(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const wait = seconds < 120 ? { vi: `${seconds} giây`, en: `${seconds} second${seconds === 1 ? '' : 's'}` } : { vi: `${Math.ceil(seconds / 60)} phút`, en: `${Math.ceil(seconds / 60)} minutes` };
  return new AppError(
    'rate_limited',
    {
      vi: `Đăng nhập sai quá nhiều lần từ thiết bị này. Vui lòng thử lại sau ${wait.vi}, hoặc nhờ quản trị mở khóa.`,
      en: `Too many failed logins from this device. Try again in ${wait.en}, or ask an administrator to unlock the account.`,
    },
    { details: { retryAfterSeconds: seconds, blockedUntil: until.toISOString() } },
  );
}
