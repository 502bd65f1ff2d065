import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type Lang } from '../../core/errors';
import { safeEqual } from '../lib/tokens';
import { findSessionActor, touchSession } from '../modules/auth/queries';

export const SESSION_COOKIE = 'pi_sid';
export const CSRF_COOKIE = 'pi_csrf';
export const LANG_COOKIE = 'pi_lang';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function langOf(req: FastifyRequest): Lang {
  const header = req.headers['x-lang'];
  if (header === 'en' || header === 'vi') return header;
  const cookie = req.cookies[LANG_COOKIE];
  if (cookie === 'en' || cookie === 'vi') return cookie;
  const accept = req.headers['accept-language'];
  if (typeof accept === 'string' && /^en\b/i.test(accept.trim())) return 'en';
  return 'vi';
}

/** True when the cookie should carry the Secure flag for this request. */
export function isSecureRequest(app: FastifyInstance, req: FastifyRequest): boolean {
  if (app.config.cookieSecure === 'true') return true;
  if (app.config.cookieSecure === 'false') return false;
  return req.protocol === 'https';
}

/** Sets the session and CSRF cookies (the CSRF one readable by the page, the session one httpOnly). */
export function setSessionCookies(
  app: FastifyInstance,
  req: FastifyRequest,
  reply: FastifyReply,
  token: string | null,
  csrf: string,
): void {
  const secure = isSecureRequest(app, req);
  if (token !== null) {
    void reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      maxAge: Math.floor(app.config.sessionTtlMs / 1000),
    });
  }
  void reply.setCookie(CSRF_COOKIE, csrf, { httpOnly: false, sameSite: 'strict', secure, path: '/', maxAge: Math.floor(app.config.sessionTtlMs / 1000) });
}

export function clearSessionCookies(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  void reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

function originAllowed(req: FastifyRequest, publicUrl: string | undefined): boolean {
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return origin !== 'null';
  try {
    const o = new URL(origin);
    if (publicUrl && o.origin === new URL(publicUrl).origin) return true;
    return o.host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * Resolves the session cookie to an actor on every API request and enforces CSRF on state-changing ones: the
 * `x-csrf-token` header must equal the session's token (or, without a session, the `pi_csrf` cookie: double
 * submit), and a cross-site Origin is refused.
 */
export async function sessionPlugin(app: FastifyInstance): Promise<void> {
  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'vi');
  app.decorateRequest('sessionId', null);
  app.decorateRequest('sessionCsrf', null);

  app.addHook('onRequest', async (req) => {
    req.lang = langOf(req);
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    const found = token ? await findSessionActor(app.database.db, token, app.clock.now(), app.sessionCache) : null;
    if (!found) {
      // Authentication first, before validation: anonymous callers learn nothing about a route's input.
      const isPublic = req.routeOptions.config?.public === true || req.url.startsWith('/api/docs') || !req.routeOptions.url;
      if (!isPublic) throw new AppError('unauthenticated');
      return;
    }
    // A user who must change their password (new account, reset by an administrator) can do nothing else first.
    if (found.mustChangePassword && req.routeOptions.config?.beforePasswordChange !== true && req.routeOptions.config?.public !== true) {
      throw new AppError('password_change_required');
    }
    const now = app.clock.now();
    req.actor = found.actor;
    req.sessionId = found.sessionId;
    req.sessionCsrf = found.csrfToken;
    // Sliding expiry, written at most once a minute per session.
    if (now.getTime() - found.lastSeenAt.getTime() > 60_000) {
      await touchSession(app.database.db, found.sessionId, now, new Date(now.getTime() + app.config.sessionTtlMs), app.sessionCache);
    }
  });

  app.addHook('preHandler', async (req) => {
    if (SAFE_METHODS.has(req.method)) return;
    if (req.routeOptions.config?.csrf === false) return;
    if (!originAllowed(req, app.config.publicUrl)) throw new AppError('csrf_invalid');
    const header = req.headers[CSRF_HEADER];
    const sent = typeof header === 'string' ? header : '';
    const expected = req.sessionCsrf ?? req.cookies[CSRF_COOKIE] ?? '';
    if (!sent || !expected || !safeEqual(sent, expected)) throw new AppError('csrf_invalid');
  });
}
