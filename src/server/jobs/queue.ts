import type { FastifyBaseLogger } from 'fastify';
import type { JobWithMetadata, PgBoss, Queue, SendOptions } from 'pg-boss';
import type { Database } from '../db/client';
import { createBoss } from './boss';

/**
 * One kind of background job. Each job runs once across all instances (pg-boss claims it with SKIP LOCKED),
 * is retried with back-off when its handler throws (the queue's retry options), and is still in the database
 * after a restart (a job whose worker died is retried once it expires).
 */
export interface JobDefinition<T extends object = object> {
  /** The queue's name, e.g. `mail.send`. */
  name: string;
  /** Run on a schedule (cron syntax, minutes) in this time zone; pg-boss creates one job per occurrence. */
  cron?: { expression: string; tz?: string };
  /** Queue options: policy, retries, back-off, expiry. */
  queue?: Omit<Queue, 'name'>;
  /** Parallel handlers per instance (default 1) and how often an idle worker looks for jobs (default 2 s). */
  concurrency?: number;
  pollingIntervalSeconds?: number;
  /** Throws to fail the attempt (retried until the queue's retryLimit). */
  handler(job: JobWithMetadata<T>): Promise<void>;
}

export interface JobRunner {
  /** Whether this instance works on jobs (RUN_JOBS) or only enqueues them. */
  readonly working: boolean;
  /** Enqueues one job (any instance may, also a web-only one). */
  send(name: string, data: object, options?: SendOptions): Promise<string | null>;
  /** The pg-boss instance, for tests and tools. */
  readonly boss: PgBoss;
  /** Stops taking jobs, gives running handlers up to `graceMs` to finish (unfinished ones are retried later). */
  stop(graceMs?: number): Promise<void>;
}

/** Cron schedules run in the province's time zone. */
export const JOB_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * Starts the job queue on the server's database. With `work` the instance runs the handlers, the cron
 * schedules and pg-boss's maintenance; without it (RUN_JOBS=false) it can only enqueue. The queues are created
 * (or their options updated) either way, so a web-only instance may enqueue before any worker started.
 */
export async function startJobs(database: Database, definitions: JobDefinition<any>[], options: { work: boolean; log: FastifyBaseLogger }): Promise<JobRunner> {
  const { work, log } = options;
  const boss = createBoss(database, { migrate: false, supervise: work, schedule: work, instanceName: work ? 'worker' : 'web' });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  boss.on('warning', (warning) => log.warn({ warning }, 'job queue warning'));
  await boss.start();
  for (const def of definitions) {
    await boss.createQueue(def.name, def.queue ?? {});
    if (def.queue) {
      const { policy: _policy, partition: _partition, ...updatable } = def.queue;
      await boss.updateQueue(def.name, updatable);
    }
  }
  if (work) {
    for (const def of definitions) {
      await boss.work(
        def.name,
        { includeMetadata: true, batchSize: 1, localConcurrency: def.concurrency ?? 1, pollingIntervalSeconds: def.pollingIntervalSeconds ?? 2 },
        async ([job]) => {
          try {
            await def.handler(job!);
          } catch (err) {
            log.warn({ err, job: { name: def.name, id: job!.id, attempt: job!.retryCount + 1, of: job!.retryLimit + 1 } }, 'job failed');
            throw err;
          }
        },
      );
      if (def.cron) await boss.schedule(def.name, def.cron.expression, null, { tz: def.cron.tz ?? JOB_TIME_ZONE });
    }
  }
  return {
    working: work,
    boss,
    send: (name, data, sendOptions) => boss.send(name, data, sendOptions ?? {}),
    async stop(graceMs = 10_000) {
      await boss.stop({ graceful: true, timeout: graceMs });
    },
  };
}
