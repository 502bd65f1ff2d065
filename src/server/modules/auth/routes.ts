import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePasswordBody, csrfReply, loginBody, me as meSchema, preferredYearBody } from '../../../core/schemas/auth';
import { okReply } from '../../../core/schemas/common';
import { ctxOf } from '../../lib/context';
import { clientAddressKey, requestLimiter } from '../../lib/rate-limit';
import { randomToken } from '../../lib/tokens';
import { CSRF_COOKIE, clearSessionCookies, setSessionCookies } from '../../plugins/session';
import * as service from './service';

const tags = ['auth'];

/** Login, logout, the current user, CSRF token, password change and language preference. */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // A flood guard shared by every instance (Redis when set): each login costs a memory-hard hash.
  const perClient = requestLimiter(app, 'login-ip', app.config.loginRatePerIp, 60_000, clientAddressKey);

  r.get(
    '/api/auth/csrf',
    { config: { public: true }, schema: { tags, summary: 'Get a CSRF token (double-submit cookie) before logging in', response: { 200: csrfReply } } },
    async (req, reply) => {
      const token = req.sessionCsrf ?? req.cookies[CSRF_COOKIE] ?? randomToken();
      setSessionCookies(app, req, reply, null, token);
      return { csrfToken: token };
    },
  );

  r.post(
    '/api/auth/login',
    { config: { public: true }, onRequest: perClient, schema: { tags, summary: 'Log in with username and password', body: loginBody, response: { 200: meSchema } } },
    async (req, reply) => {
      const result = await service.login(
        ctxOf(req),
        { ...req.body, ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}) },
        app.config.sessionTtlMs,
      );
      setSessionCookies(app, req, reply, result.token, result.csrfToken);
      return result.me;
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { public: true, beforePasswordChange: true }, schema: { tags, summary: 'Log out: the session is deleted on the server', response: { 200: okReply } } },
    async (req, reply) => {
      await service.logout(ctxOf(req), req.sessionId);
      clearSessionCookies(reply);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    { config: { beforePasswordChange: true }, schema: { tags, summary: 'The current user, province, CSRF token and abilities', response: { 200: meSchema } } },
    async (req) => service.me(ctxOf(req), req.sessionCsrf ?? ''),
  );

  r.post(
    '/api/auth/password',
    { config: { beforePasswordChange: true }, schema: { tags, summary: 'Change my password', body: changePasswordBody, response: { 200: okReply } } },
    async (req) => {
      await service.changePassword(ctxOf(req), req.sessionId, req.body);
      return { ok: true as const };
    },
  );

  r.put(
    '/api/auth/lang',
    { config: { beforePasswordChange: true }, schema: { tags, summary: 'Set my preferred language', body: z.object({ lang: z.enum(['vi', 'en']) }), response: { 200: okReply } } },
    async (req) => {
      await service.setLanguage(ctxOf(req), req.body.lang);
      return { ok: true as const };
    },
  );

  r.put(
    '/api/auth/year',
    { schema: { tags, summary: 'Remember the assessment year I chose in the top bar (null forgets it)', body: preferredYearBody, response: { 200: okReply } } },
    async (req) => {
      await service.setPreferredYear(ctxOf(req), req.body.year);
      return { ok: true as const };
    },
  );
}
