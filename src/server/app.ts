import crypto from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Config } from './config';
import type { Database } from './db/client';
import { registerCompression } from './lib/http-cache';
import { serializeRequest } from './lib/log-redact';
import { registerRateLimits } from './lib/rate-limit';
import { SessionCache } from './lib/session-cache';
import { listenForSessionChanges } from './lib/session-events';
import { type FileStorage, LocalStorage } from './lib/storage';
import type { Clock } from './fastify';
import { auditRoutes } from './modules/audit/routes';
import { authRoutes } from './modules/auth/routes';
import { frameworkRoutes } from './modules/frameworks/routes';
import { healthRoutes } from './modules/health/routes';
import { assessmentRoutes } from './modules/assessments/routes';
import { dashboardRoutes } from './modules/dashboard/routes';
import { evidenceRoutes } from './modules/evidence/routes';
import { historyRoutes } from './modules/history/routes';
import { lineageRoutes } from './modules/lineage/routes';
import { notificationRoutes } from './modules/notifications/routes';
import { orgRoutes } from './modules/org/routes';
import { periodRoutes } from './modules/periods/routes';
import { publicationRoutes } from './modules/publication/routes';
import { surveyRoutes } from './modules/surveys/routes';
import { analysisRoutes } from './modules/analysis/routes';
import { reportRoutes } from './modules/reports/routes';
import { taskRoutes } from './modules/tasks/routes';
import { resultRoutes } from './modules/results/routes';
import { matrixRoutes } from './modules/matrix/routes';
import { nationalRoutes } from './modules/national/routes';
import { userRoutes } from './modules/users/routes';
import { councilRoutes } from './modules/council/routes';
import { initiativeRoutes } from './modules/initiatives/routes';
import { commendationRoutes } from './modules/commendations/routes';
import { backupRoutes } from './modules/backups/routes';
import { registerErrorHandler, RequestValidationError } from './plugins/errors';
import { registerOpenApi } from './plugins/openapi';
import { registerSanitiser } from './plugins/sanitise';
import { sessionPlugin } from './plugins/session';
import { registerWeb } from './plugins/web';

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  storage?: FileStorage;
  /** false for no logging; by default the configured level to stdout. */
  logger?: false;
  /** Where log lines go instead of stdout (tests read them); the level, serializers and redaction stay the app's. */
  logStream?: DestinationStream;
}

const systemClock: Clock = { now: () => new Date() };

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
  "connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; frame-src 'self' blob:";

/**
 * Fastify's trust-proxy setting from the configuration: a hop count believes that many forwarders nearest the
 * server (the client's address is the entry they appended), so an X-Forwarded-For made up by the client is ignored.
 */
export function trustProxyOption(value: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof value === 'number') return (_address, hop) => hop < value;
  return value;
}

/** Builds the Fastify application (tests call this; main.ts listens). The caller owns the database. */
export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            // Requests are logged without headers, and respondents' URLs without survey token or code.
            serializers: { req: serializeRequest },
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    trustProxy: trustProxyOption(config.trustProxy),
    bodyLimit: 2 * 1024 * 1024,
    requestIdHeader: false,
    genReqId: (req) => {
      const sent = req.headers['x-request-id'];
      return typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : crypto.randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
  });

  const routeList: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) if (m !== 'HEAD') routeList.push({ method: m, url: route.url });
  });
  app.decorate('routeList', routeList);
  app.decorate('config', config);
  app.decorate('database', options.database);
  app.decorate('clock', options.clock ?? systemClock);
  app.decorate('storage', options.storage ?? new LocalStorage(config.uploadDir));
  const sessionCache = new SessionCache();
  app.decorate('sessionCache', sessionCache);
  const stopListening = await listenForSessionChanges(options.database, sessionCache, app.log);
  app.addHook('onClose', stopListening);

  app.setValidatorCompiler(({ schema, httpPart }) => (data) => {
    const res = (schema as z.ZodType).safeParse(data, { reportInput: true });
    return res.success ? { value: res.data } : { error: new RequestValidationError(res.error.issues, httpPart ?? 'body') };
  });
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerSanitiser(app);

  // A plain callback hook (no promise per request): it runs on every reply.
  app.addHook('onSend', (req, reply, payload, done) => {
    void reply.header('x-request-id', req.id);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'same-origin');
    // A route may set its own framing rules (evidence files are previewed in a same-origin frame).
    if (!req.url.startsWith('/api/docs') && !reply.hasHeader('x-frame-options')) {
      void reply.header('x-frame-options', 'DENY');
      void reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    }
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    done(null, payload);
  });

  await registerCompression(app);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1 } });
  await registerRateLimits(app);
  await registerOpenApi(app);
  await sessionPlugin(app);

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(frameworkRoutes);
  await app.register(resultRoutes);
  await app.register(matrixRoutes);
  await app.register(nationalRoutes);
  await app.register(periodRoutes);
  await app.register(assessmentRoutes);
  await app.register(evidenceRoutes);
  await app.register(publicationRoutes);
  await app.register(notificationRoutes);
  await app.register(dashboardRoutes);
  await app.register(historyRoutes);
  await app.register(lineageRoutes);
  await app.register(surveyRoutes);
  await app.register(analysisRoutes);
  await app.register(reportRoutes);
  await app.register(taskRoutes);
  await app.register(councilRoutes);
  await app.register(initiativeRoutes);
  await app.register(commendationRoutes);
  await app.register(backupRoutes);

  await registerWeb(app);
  return app;
}
