import 'fastify';
import type { Lang } from '../core/errors';
import type { Config } from './config';
import type { Database } from './db/client';
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
  }
}
