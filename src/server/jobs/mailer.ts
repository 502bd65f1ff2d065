import type { Transporter } from 'nodemailer';
import type { Database } from '../db/client';
import { claimEmails, markEmail, releaseStaleEmails } from '../modules/notifications/queries';

/** An SMTP transport from a URL (smtp://user:pass@host:port), or null when email is not configured. */
export async function createTransport(smtpUrl: string | undefined): Promise<Transporter | null> {
  if (!smtpUrl) return null;
  // Loaded only when email is configured.
  const { default: nodemailer } = await import('nodemailer');
  return nodemailer.createTransport(smtpUrl);
}

/**
 * Sends due emails from the outbox (claimed with SKIP LOCKED, so several instances never send one twice); failures
 * are retried with exponential back-off up to 5 attempts. Returns how many were sent.
 */
export async function sendPendingEmails(database: Database, transport: Transporter, from: string, now: Date, batch = 50): Promise<number> {
  await releaseStaleEmails(database.db, now);
  const due = await claimEmails(database.db, now, batch);
  let sent = 0;
  for (const e of due) {
    try {
      await transport.sendMail({ from, to: e.to_address, subject: e.subject, text: e.body_text });
      await markEmail(database.db, e.id, true, now, null, e.attempts);
      sent++;
    } catch (err) {
      await markEmail(database.db, e.id, false, now, (err as Error).message, e.attempts);
    }
  }
  return sent;
}
