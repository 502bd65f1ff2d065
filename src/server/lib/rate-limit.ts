import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { AppError } from '../../core/errors';

/**
 * Request rate limits (logins and survey submissions per client address, submissions per survey code) through
 * @fastify/rate-limit: counted in Redis when `REDIS_URL` is set, so every instance behind a load balancer shares one
 * allowance, else in this process (a single server). Keys carry `REDIS_KEY_PREFIX`. When Redis cannot be reached
 * the limits are skipped (logged), rather than refusing every login and submission: the per-account login
 * delays live in the database (decision 0009) and keep working.
 */
export async function registerRateLimits(app: FastifyInstance): Promise<void> {
  const { redisUrl, redisKeyPrefix } = app.config;
  const redis = redisUrl ? new Redis(redisUrl, { connectTimeout: 1_000, maxRetriesPerRequest: 1, enableAutoPipelining: true }) : null;
  // Said once per outage (ioredis keeps reconnecting and would repeat it every attempt).
  let down = false;
  redis?.on('error', (err: Error) => {
    if (!down) app.log.warn({ err: err.message }, 'redis (rate limits) unreachable: limits skipped until it is back');
    down = true;
  });
  redis?.on('ready', () => {
    if (down) app.log.info('redis (rate limits) reachable again');
    down = false;
  });
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis } : {}),
    nameSpace: `${redisKeyPrefix}rl:`,
    skipOnError: true,
  });
  app.addHook('onClose', async () => {
    await redis?.quit().catch(() => undefined);
  });
}

/** The key of a client's address in the request limits (an IPv6 client by its /64). */
export const clientAddressKey = (req: FastifyRequest) => normalizeIP(req.ip, 64);

/**
 * A limiter of `max` hits per `windowMs` for the key `key(req)` (under `name`): call it in a hook or handler; it
 * throws `rate_limited` (429, Retry-After) past the allowance. A null key is not limited.
 */
export function requestLimiter(
  app: FastifyInstance,
  name: string,
  max: number,
  windowMs: number,
  key: (req: FastifyRequest) => string | null,
): (req: FastifyRequest) => Promise<void> {
  const check = app.createRateLimit({ max, timeWindow: windowMs, keyGenerator: (req: FastifyRequest) => `${name}:${key(req) ?? ''}` });
  return async (req) => {
    if (key(req) === null) return;
    const r = await check(req);
    if (!r.isAllowed && r.isExceeded) throw new AppError('rate_limited', undefined, { details: { retryAfterSeconds: Math.max(1, r.ttlInSeconds) } });
  };
}
