import 'fastify';
import type { Lang } from '../core/errors';
import type { Config } from './config';
import type { Database } from './db/client';
import type { SessionCache } from './lib/session-cache';
import type { FileStorage } from './lib/storage';
import type { Actor } from './policies';

export interface Clock {
  now(): Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    clock: Clock;
    storage: FileStorage;
    /** Every registered route (method, url), for the route-matrix test and docs. */
    routeList: { method: string; url: string }[];
    /** This instance's resolved sessions (lib/session-cache.ts), kept true by announcements (lib/session-events.ts). */
    sessionCache: SessionCache;
  }
  interface FastifyRequest {
    actor: Actor | null;
    lang: Lang;
    sessionId: string | null;
    sessionCsrf: string | null;
  }
  interface FastifyContextConfig {
    /** false: no CSRF check on this state-changing route (public endpoints without a session). */
    csrf?: boolean;
    /** true: callable without a session (health, login, public results, survey submission). */
    public?: boolean;
    /** true: open to a session that must change its password first (me, change password, log out, language). */
    beforePasswordChange?: boolean;
  }
}
