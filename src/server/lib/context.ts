import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Lang } from '../../core/errors';
import type { Db } from '../db/client';
import type { Actor } from '../policies';

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
  };
}
