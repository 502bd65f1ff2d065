import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { createTransport, mailJobs } from './mailer';
import { type JobDefinition, type JobRunner, startJobs } from './queue';
import { reminderJobs } from './reminders';
import { forgetOldLoginFailures } from '../modules/auth/service';

/** The queue of scheduled backups (one job a day, on one instance). */
export const BACKUP_SCHEDULED = 'backup.scheduled';

/**
 * The scheduled backup as a job: `run` writes the day's backup when it is due and prunes old ones. It is asked on
 * the `cron` schedule (Vietnam time) on one instance at a time, is retried twice with back-off, and may take up to
 * six hours.
 */
export function scheduledBackupJob(run: () => Promise<void>, cron = '30 2 * * *'): JobDefinition {
  return {
    name: BACKUP_SCHEDULED,
    cron: { expression: cron },
    queue: { policy: 'stately', retryLimit: 2, retryDelay: 300, retryBackoff: true, expireInSeconds: 6 * 3600 },
    pollingIntervalSeconds: 30,
    handler: run,
  };
}

/**
 * Starts the background jobs of the server: email (when SMTP_URL is set), deadline reminders, task deadline
 * warnings, plus `extra` definitions (the scheduled backup). With RUN_JOBS=false the instance only enqueues.
 * The returned stop() also closes the SMTP transport.
 */
export async function startBackgroundJobs(
  database: Database,
  config: Config,
  log: FastifyBaseLogger,
  extra: JobDefinition<any>[] = [],
  clock: { now(): Date } = { now: () => new Date() },
): Promise<JobRunner> {
  const now = () => clock.now();
  const transport = config.runJobs
    ? await createTransport(config.smtpUrl).catch((err: unknown) => {
        log.error({ err }, 'email transport could not be created; emails stay in the outbox');
        return null;
      })
    : null;
  let runner: JobRunner | null = null;
  const definitions = [
    ...(transport ? mailJobs(database, transport, config.mailFrom, () => runner!.boss, now) : []),
    ...reminderJobs(database, now),
    housekeepingJob(database, now),
    ...extra,
  ];
  runner = await startJobs(database, definitions, { work: config.runJobs, log });
  if (config.runJobs && !transport) log.warn('SMTP_URL is not set: emails stay in the outbox');
  const started = runner;
  return {
    working: started.working,
    boss: started.boss,
    send: started.send,
    async stop(graceMs) {
      await started.stop(graceMs);
      transport?.close();
    },
  };
}

/** Hourly housekeeping on one instance: login failure counters quiet longer than the throttling policy remembers. */
export function housekeepingJob(database: Database, now: () => Date): JobDefinition {
  return {
    name: 'housekeeping.login-throttles',
    cron: { expression: '17 * * * *' },
    queue: { policy: 'stately', retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 600 },
    pollingIntervalSeconds: 30,
    async handler() {
      await forgetOldLoginFailures(database.db, now());
    },
  };
}

