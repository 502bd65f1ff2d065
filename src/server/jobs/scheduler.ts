import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { FileStorage } from '../lib/storage';
import { openBackupTarget, runScheduledBackup } from './backup';
import { createTransport, sendPendingEmails } from './mailer';
import { sendDeadlineReminders } from './reminders';
import { sendTaskDeadlineWarnings } from '../modules/tasks/reminders';

/**
 * Runs the background jobs every minute (reminders, then the mail outbox); safe on several instances because both
 * claim their work in the database. Returns a stop function for graceful shutdown.
 */
export function startScheduler(
  database: Database,
  config: Config,
  log: FastifyBaseLogger,
  clock: { now(): Date } = { now: () => new Date() },
  storage?: FileStorage,
): () => Promise<void> {
  const transport = createTransport(config.smtpUrl).catch((err: unknown) => {
    log.error({ err }, 'email transport could not be created; emails stay in the outbox');
    return null;
  });
  let running: Promise<void> | null = null;
  const tick = async () => {
    try {
      const reminders = await sendDeadlineReminders(database, clock.now());
      const taskWarnings = await sendTaskDeadlineWarnings(database.db, clock.now());
      const mail = await transport;
      const sent = mail ? await sendPendingEmails(database, mail, config.mailFrom, clock.now()) : 0;
      if (reminders || taskWarnings || sent) log.info({ reminders, taskWarnings, sent }, 'jobs');
    } catch (err) {
      log.error({ err }, 'background job failed');
    }
  };
  // The daily backup runs beside the other jobs (it may take minutes), once across instances (see runScheduledBackup).
  let backingUp: Promise<void> | null = null;
  const target = storage && config.backup ? openBackupTarget(config) : null;
  const backup = async () => {
    const to = await target;
    if (!to || !storage || !config.backup) return;
    const res = await runScheduledBackup({ database, storage, target: to, keep: config.backup.keep, now: clock.now() });
    if (res.ran && res.ok) log.info({ backup: res.name, bytes: res.bytes, removed: res.removed }, 'scheduled backup written and verified');
    else if (res.ran) log.error({ backup: res.name, error: res.error }, 'scheduled backup failed');
  };
  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => (running = null));
    if (target && !backingUp) backingUp = backup().catch((err: unknown) => log.error({ err }, 'scheduled backup failed')).finally(() => (backingUp = null));
  }, 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await backingUp;
    (await transport)?.close();
  };
}
