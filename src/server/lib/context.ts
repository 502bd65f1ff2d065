import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Lang } from '../../core/errors';
import type { Db } from '../db/client';
import type { Actor } from '../policies';
import type { SessionCache } from './session-cache';

/** What a service needs from the request: the database, the actor, the clock reading, the request id. */
export interface Ctx {
  db: Db;
  actor: Actor | null;
  requestId: string;
  now: Date;
  lang: Lang;
  ip?: string;
  /** The request's logger (absent outside a request: jobs, the CLI). */
  log?: FastifyBaseLogger;
  /** This instance's session cache: services drop a user's entries here once their change has committed. */
  sessions?: SessionCache;
}

/** The service context of a request. */
export function ctxOf(req: FastifyRequest): Ctx {
  return {
    db: req.server.database.db,
    actor: req.actor,
    requestId: req.id,
    now: req.server.clock.now(),
    lang: req.lang,
    ip: req.ip,
    log: req.log,
    sessions: req.server.sessionCache,
  };
}
