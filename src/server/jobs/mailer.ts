import crypto from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { PgBoss } from 'pg-boss';
import type { Database } from '../db/client';
import { dueEmailIds, emailToSend, markEmailsQueued, recordEmailAttempt } from '../modules/notifications/queries';
import type { JobDefinition } from './queue';

/** One job per outbox row: sends that email. */
export const MAIL_SEND = 'mail.send';
/** Every minute: turns new outbox rows into `mail.send` jobs. */
export const MAIL_DISPATCH = 'mail.dispatch';

/**
 * The SMTP relay gets this long to take one message (connect 30 s, greeting 30 s, then 60 s without traffic);
 * a send job expires only after {@link MAIL_EXPIRE_SECONDS}, so a slow relay never has a mail sent twice
 * because its job was thought dead while the send was still running.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };
const MAIL_EXPIRE_SECONDS = 300;
/** A queued row is checked again after an hour: its job is re-created if it was lost (a restore, a purge). */
const RECHECK_MS = 3600_000;
const DISPATCH_BATCH = 500;

/** An SMTP transport from a URL (smtp://user:pass@host:port), or null when email is not configured. */
export async function createTransport(smtpUrl: string | undefined): Promise<Transporter | null> {
  if (!smtpUrl) return null;
  // Loaded only when email is configured.
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS });
}

/** The send job's id for an outbox row: the same row always gets the same job, so it can never be queued twice. */
export function emailJobId(outboxId: number): string {
  const h = crypto.createHash('sha256').update(`parindex:email_outbox:${outboxId}`).digest('hex');
  // Formatted as a version-5-style UUID (pg-boss job ids are uuids).
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Queues a `mail.send` job for every outbox row that has none yet (and re-checks queued rows hourly). The job
 * id comes from the row, so running this twice, or on two instances, still gives each row one job.
 * Returns how many rows were (re)queued.
 */
export async function dispatchEmails(database: Database, boss: PgBoss, now: Date): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = await dueEmailIds(database.db, now, DISPATCH_BATCH);
    if (!ids.length) break;
    await boss.insert(
      MAIL_SEND,
      ids.map((id) => ({ id: emailJobId(id), data: { outboxId: id } })),
    );
    await markEmailsQueued(database.db, ids, new Date(now.getTime() + RECHECK_MS));
    total += ids.length;
    if (ids.length < DISPATCH_BATCH) break;
  }
  return total;
}

/**
 * Sends one outbox row, unless it was sent already. A relay error records the attempt and throws, so the job
 * queue retries with back-off; the last attempt marks the row failed.
 */
export async function sendEmail(database: Database, transport: Transporter, from: string, outboxId: number, attempt: { retryCount: number; retryLimit: number }, now: () => Date): Promise<boolean> {
  const row = await emailToSend(database.db, outboxId);
  if (!row) return false;
  try {
    await transport.sendMail({ from, to: row.toAddress, subject: row.subject, text: row.bodyText });
  } catch (err) {
    const final = attempt.retryCount >= attempt.retryLimit;
    await recordEmailAttempt(database.db, outboxId, now(), final ? 'failed' : 'retry', (err as Error).message);
    throw err;
  }
  await recordEmailAttempt(database.db, outboxId, now(), 'sent', null);
  return true;
}

export interface MailJobOptions {
  /** First retry delay in seconds, doubled (with jitter) on each attempt up to an hour; default 60. */
  retryDelaySeconds?: number;
  /** Retries after the first attempt; default 5. */
  retryLimit?: number;
  /** Emails sent in parallel by one instance; default 4. */
  concurrency?: number;
}

/** The email jobs: the dispatcher (every minute) and one send job per email. */
export function mailJobs(
  database: Database,
  transport: Transporter,
  from: string,
  boss: () => PgBoss,
  now: () => Date,
  options: MailJobOptions = {},
): JobDefinition<any>[] {
  const dispatch: JobDefinition = {
    name: MAIL_DISPATCH,
    cron: { expression: '* * * * *' },
    queue: { policy: 'stately', retryLimit: 0, expireInSeconds: 300 },
    pollingIntervalSeconds: 10,
    async handler() {
      await dispatchEmails(database, boss(), now());
    },
  };
  const send: JobDefinition<{ outboxId: number }> = {
    name: MAIL_SEND,
    queue: {
      retryLimit: options.retryLimit ?? 5,
      retryDelay: options.retryDelaySeconds ?? 60,
      retryBackoff: true,
      retryDelayMax: 3600,
      expireInSeconds: MAIL_EXPIRE_SECONDS,
      // A queued email waits up to 30 days for a worker (SMTP down for a long weekend is not a reason to lose it).
      retentionSeconds: 30 * 86_400,
    },
    concurrency: options.concurrency ?? 4,
    async handler(job) {
      await sendEmail(database, transport, from, job.data.outboxId, job, now);
    },
  };
  return [dispatch, send];
}
