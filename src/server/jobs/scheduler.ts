import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { createTransport, sendPendingEmails } from './mailer';
import { sendDeadlineReminders } from './reminders';
import { sendTaskDeadlineWarnings } from '../modules/tasks/reminders';
import { forgetOldLoginFailures } from '../modules/auth/service';

/**
 * Runs the background jobs every minute (reminders, then the mail outbox); safe on several instances because both
 * claim their work in the database. Returns a stop function for graceful shutdown.
 */
export function startScheduler(database: Database, config: Config, log: FastifyBaseLogger, clock: { now(): Date } = { now: () => new Date() }): () => Promise<void> {
  const transport = createTransport(config.smtpUrl).catch((err: unknown) => {
    log.error({ err }, 'email transport could not be created; emails stay in the outbox');
    return null;
  });
  let running: Promise<void> | null = null;
  const tick = async () => {
    try {
      const reminders = await sendDeadlineReminders(database, clock.now());
      const taskWarnings = await sendTaskDeadlineWarnings(database.db, clock.now());
      await forgetOldLoginFailures(database.db, clock.now());
      const mail = await transport;
      const sent = mail ? await sendPendingEmails(database, mail, config.mailFrom, clock.now()) : 0;
      if (reminders || taskWarnings || sent) log.info({ reminders, taskWarnings, sent }, 'jobs');
    } catch (err) {
      log.error({ err }, 'background job failed');
    }
  };
  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => (running = null));
  }, 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    (await transport)?.close();
  };
}
