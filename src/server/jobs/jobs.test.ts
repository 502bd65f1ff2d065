/**
 * The job queue (pg-boss) on the server's database: email delivery through a real SMTP server (smtp-server),
 * retries with back-off, a job that outlives its worker, web-only instances, and three instances sharing one
 * PostgreSQL database with a slow relay (200 queued mails → exactly 200 deliveries).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase } from '../db/client';
import { createTestDatabase } from '../testing/database';
import { createTransport, dispatchEmails, MAIL_DISPATCH, mailJobs, type MailJobOptions } from './mailer';
import { type JobDefinition, type JobRunner, startJobs } from './queue';

const log = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

interface Delivery {
  to: string;
  at: number;
}

/** A real SMTP server; `delayMs` makes it slow, `refuse` makes it answer 451 (try later) or 550 (never). */
async function smtpSink(options: { delayMs?: () => number; refuse?: (to: string, attempt: number) => '451' | '550' | null } = {}) {
  const delivered: Delivery[] = [];
  const attempts = new Map<string, number[]>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      stream.resume();
      stream.on('end', () => {
        const to = session.envelope.rcptTo[0]!.address;
        const seen = attempts.get(to) ?? [];
        seen.push(Date.now());
        attempts.set(to, seen);
        const refusal = options.refuse?.(to, seen.length);
        setTimeout(() => {
          if (refusal) {
            const err = Object.assign(new Error(refusal === '451' ? 'try again later' : 'mailbox unavailable'), { responseCode: Number(refusal) });
            cb(err);
            return;
          }
          delivered.push({ to, at: Date.now() });
          cb();
        }, options.delayMs?.() ?? 0);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    delivered,
    attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function queueEmails(database: Database, addresses: string[]): Promise<void> {
  for (let i = 0; i < addresses.length; i += 100) {
    const chunk = addresses.slice(i, i + 100);
    const values = chunk.map((_, k) => `($${k + 1}, '[ParIndex] Thử', 'Nội dung')`).join(', ');
    await database.query(`insert into email_outbox (to_address, subject, body_text) values ${values}`, chunk);
  }
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A worker running the email jobs on `database`, sending through `smtpUrl`. */
async function mailWorker(database: Database, smtpUrl: string, options: MailJobOptions & { work?: boolean } = {}): Promise<JobRunner & { sent(): number }> {
  const transport = (await createTransport(smtpUrl))!;
  let sent = 0;
  const sendMail = transport.sendMail.bind(transport);
  transport.sendMail = (async (message: Parameters<typeof sendMail>[0]) => {
    const info = await sendMail(message);
    sent++;
    return info;
  }) as typeof transport.sendMail;
  let runner: JobRunner | null = null;
  const defs = mailJobs(database, transport, 'ParIndex <no-reply@parindex.local>', () => runner!.boss, () => new Date(), options).map((d) => ({ ...d, pollingIntervalSeconds: 0.5 }));
  runner = await startJobs(database, defs, { work: options.work ?? true, log });
  const started = runner;
  return {
    ...started,
    boss: started.boss,
    sent: () => sent,
    async stop(graceMs) {
      await started.stop(graceMs);
      transport.close();
    },
  };
}

const outbox = (database: Database) =>
  database.query<{ to_address: string; status: string; attempts: number; last_error: string | null }>('select to_address, status, attempts, last_error from email_outbox order by id');

describe('email through the job queue', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('delivers each queued email exactly once, and dispatching again sends nothing more', async () => {
    const smtp = await smtpSink();
    const worker = await mailWorker(database, smtp.url);
    try {
      // The dispatcher is on a cron schedule (every minute, created by whichever instance's cron pass comes
      // first); the test does not wait for the minute and sends the dispatch job itself.
      expect((await worker.boss.getSchedules(MAIL_DISPATCH)).map((sch) => [sch.name, sch.cron, sch.timezone])).toEqual([[MAIL_DISPATCH, '* * * * *', 'Asia/Ho_Chi_Minh']]);
      await queueEmails(database, ['a@example.vn', 'b@example.vn', 'c@example.vn']);
      await worker.send(MAIL_DISPATCH, {});
      await waitFor(async () => (await outbox(database)).every((r) => r.status === 'sent'), 20_000, 'three emails sent');
      // Dispatching again (twice, and from the recheck) queues nothing new: the job id comes from the row.
      expect(await dispatchEmails(database, worker.boss, new Date())).toBe(0);
      expect(await dispatchEmails(database, worker.boss, new Date(Date.now() + 2 * 3600_000))).toBe(0);
      await new Promise((r) => setTimeout(r, 1500));
      expect(smtp.delivered.map((d) => d.to).sort()).toEqual(['a@example.vn', 'b@example.vn', 'c@example.vn']);
      expect((await outbox(database)).map((r) => r.attempts)).toEqual([1, 1, 1]);
    } finally {
      await worker.stop(1000);
      await smtp.close();
      await database.query('delete from email_outbox');
    }
  });

  it('retries a refused email with growing delays until the relay takes it, and gives up on a permanent refusal', async () => {
    const smtp = await smtpSink({ refuse: (to, attempt) => (to.startsWith('never') ? '550' : attempt <= 3 ? '451' : null) });
    const worker = await mailWorker(database, smtp.url, { retryDelaySeconds: 1, retryLimit: 3 });
    try {
      await queueEmails(database, ['flaky@example.vn', 'never@example.vn']);
      await worker.send(MAIL_DISPATCH, {});
      await waitFor(async () => (await outbox(database)).every((r) => r.status === 'sent' || r.status === 'failed'), 60_000, 'both emails settled');
      const rows = await outbox(database);
      expect(rows.map((r) => [r.to_address, r.status, r.attempts])).toEqual([
        ['flaky@example.vn', 'sent', 4],
        ['never@example.vn', 'failed', 4],
      ]);
      expect(rows[1]!.last_error).toMatch(/mailbox unavailable/);
      expect(smtp.delivered.map((d) => d.to)).toEqual(['flaky@example.vn']);
      // Back-off: the third pause (retryDelay × 2² to × 2³) is longer than the first (× 2⁰ to × 2¹).
      const at = smtp.attempts.get('flaky@example.vn')!;
      const gaps = at.slice(1).map((t, i) => t - at[i]!);
      expect(gaps[0]).toBeGreaterThanOrEqual(900);
      expect(gaps[2]).toBeGreaterThan(gaps[0]!);
    } finally {
      await worker.stop(1000);
      await smtp.close();
      await database.query('delete from email_outbox');
    }
  }, 90_000);
});

describe('jobs outlive their worker', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  /** Opens the same database again as a restarted process would (a new pool, or the PGlite folder reopened). */
  async function reopenable(): Promise<{ open(): Promise<Database>; drop(): Promise<void> }> {
    if (onPostgres) {
      const first = await createTestDatabase();
      const url = first.url!;
      return {
        open: () => openDatabase({ databaseUrl: url, poolSize: 4 }),
        drop: () => first.close(),
      };
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-jobs-'));
    dirs.push(dir);
    // The folder starts as a copy of the migrated template (as createTestDatabase does in memory).
    const db = await openDatabase({ dataDir: dir, loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
    await db.close();
    return { open: () => openDatabase({ dataDir: dir }), drop: async () => undefined };
  }

  it('a job enqueued by a web-only instance waits for a worker; one cut short by a stop is run again after the restart', async () => {
    const handle = await reopenable();
    const runs: { key: string; attempt: number }[] = [];
    let hang = true;
    const job = (): JobDefinition<{ key: string }> => ({
      name: 'test.restart',
      queue: { retryLimit: 3, retryDelay: 1 },
      concurrency: 2,
      pollingIntervalSeconds: 0.5,
      async handler(j) {
        runs.push({ key: j.data.key, attempt: j.retryCount });
        // The first run never finishes by itself: the worker is stopped under it.
        if (hang && j.data.key === 'long') await new Promise(() => undefined);
      },
    });

    // A web-only instance (RUN_JOBS=false) enqueues; nothing runs the jobs.
    let db = await handle.open();
    const web = await startJobs(db, [job()], { work: false, log });
    await web.send('test.restart', { key: 'long' });
    await web.send('test.restart', { key: 'short' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(runs).toEqual([]);
    await web.stop(1000);

    // A worker takes both; the long one is still running when the worker is stopped.
    const first = await startJobs(db, [job()], { work: true, log });
    await waitFor(() => runs.length === 2, 15_000, 'both jobs started');
    await first.stop(1000);
    await db.close();

    // After the restart (a new connection, or the PGlite folder reopened), the interrupted job runs again.
    hang = false;
    db = await handle.open();
    const second = await startJobs(db, [job()], { work: true, log });
    try {
      await waitFor(() => runs.length === 3, 20_000, 'the interrupted job to run again');
      expect(runs.map((r) => r.key).sort()).toEqual(['long', 'long', 'short']);
      expect(runs.filter((r) => r.key === 'long').map((r) => r.attempt)).toEqual([0, 1]);
      const states = () => db.query<{ key: string; state: string }>("select data->>'key' as key, state::text from pgboss.job where name = 'test.restart' order by 1");
      await waitFor(async () => (await states()).every((s) => s.state === 'completed'), 10_000, 'both jobs completed');
      expect((await states()).map((s) => s.key)).toEqual(['long', 'short']);
    } finally {
      await second.stop(1000);
      await db.close();
      await handle.drop();
    }
  }, 90_000);
});

describe.skipIf(!onPostgres)('three instances on one PostgreSQL database', () => {
  it('200 queued mails through a slow relay (200-500 ms each) are delivered exactly 200 times', async () => {
    const smtp = await smtpSink({ delayMs: () => 200 + Math.floor(Math.random() * 300) });
    const first = await createTestDatabase();
    const instances = [first, await openDatabase({ databaseUrl: first.url!, poolSize: 5 }), await openDatabase({ databaseUrl: first.url!, poolSize: 5 })];
    const workers: (JobRunner & { sent(): number })[] = [];
    try {
      for (const db of instances) workers.push(await mailWorker(db, smtp.url));
      const addresses = Array.from({ length: 200 }, (_, i) => `user${i}@example.vn`);
      await queueEmails(first, addresses);
      // Every instance dispatches at once, and again while the first sends are under way.
      await Promise.all(instances.map((db, i) => dispatchEmails(db, workers[i]!.boss, new Date())));
      await new Promise((r) => setTimeout(r, 1000));
      await Promise.all(instances.map((db, i) => dispatchEmails(db, workers[i]!.boss, new Date(Date.now() + 2 * 3600_000))));
      await waitFor(async () => (await outbox(first)).every((r) => r.status === 'sent'), 120_000, '200 emails sent');
      await new Promise((r) => setTimeout(r, 2000));
      expect(smtp.delivered.length).toBe(200);
      expect(new Set(smtp.delivered.map((d) => d.to)).size).toBe(200);
      // The work was shared: each instance sent some, and the three together sent each mail once.
      const perInstance = workers.map((w) => w.sent());
      expect(perInstance.every((n) => n > 0)).toBe(true);
      expect(perInstance.reduce((a, b) => a + b, 0)).toBe(200);
      console.info(`200 mails, slow relay, three instances: sent ${perInstance.join(' + ')}; deliveries ${smtp.delivered.length}`);
    } finally {
      for (const w of workers) await w.stop(2000);
      await smtp.close();
      for (const db of instances.slice(1)) await db.close();
      await first.close();
    }
  }, 180_000);
});
