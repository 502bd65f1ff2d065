import pino from 'pino';
import { AppError } from '../core/errors';
import { buildApp } from './app';
import { loadConfig } from './config';
import { type Database, isEmpty, openDatabase } from './db/client';
import { isPrivilegedRole, migrate } from './db/roles';
import { openBackupTarget, runScheduledBackup } from './jobs/backup';
import { scheduledBackupJob, startBackgroundJobs } from './jobs/background';
import type { JobDefinition } from './jobs/queue';
import { createStorage } from './lib/storage';
import { startDraining } from './modules/health/service';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './seed/demo';

/**
 * Reads the config, opens the database (waiting for PostgreSQL while it is unreachable), migrates it and seeds
 * the demo under one lock shared by all instances, starts the job queue, listens, and shuts down cleanly.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  let database: Database;
  try {
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.poolSize,
      connectTimeoutMs: config.connectTimeoutMs,
      statementTimeoutMs: config.statementTimeoutMs,
      idleInTransactionTimeoutMs: config.idleInTransactionTimeoutMs,
      connectRetryMs: config.connectRetryMs,
      onRetry: ({ attempt, error, delayMs, remainingMs }) =>
        log.warn({ attempt, retryInMs: delayMs, givingUpInMs: remainingMs, err: { message: error.message, code: (error as { code?: string }).code } }, 'database unreachable; retrying'),
    });
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`\n✖ ${err.bilingual.vi}\n  ${err.bilingual.en}\n`);
      process.exit(1);
    }
    log.fatal({ err }, 'database unreachable; giving up');
    process.exit(1);
  }
  const storage = await createStorage(config);
  await storage.check();
  if (config.databaseUrl && (await isPrivilegedRole(config.databaseUrl))) {
    console.warn(
      'Cảnh báo: máy chủ kết nối bằng vai trò sở hữu bảng hoặc superuser; xem docs/operations.md (Database roles).\n' +
        'Warning: the server connects as the tables\' owner or a superuser: it could switch off the triggers that keep the audit log and published results unchanged. See docs/operations.md, "Database roles".',
    );
  }
  let seeded = false;
  await migrate(database, config, async () => {
    // Under the startup lock: of several instances starting on an empty database, one seeds and the others see it.
    if (config.seedDemo && (await isEmpty(database))) {
      console.log('Đang tạo dữ liệu mẫu (demo)… / Seeding the demo province…');
      await seedDemo(database, { storage });
      seeded = true;
    }
  });
  const app = await buildApp({ config, database, storage });

  const extraJobs: JobDefinition<any>[] = [];
  const backupTarget = config.backup ? await openBackupTarget(config) : null;
  if (backupTarget && config.backup) {
    const keep = config.backup.keep;
    // Asked every 15 minutes; runScheduledBackup itself decides when the day's backup is due, claims it once across
    // instances in backup_runs and retries a failed one (three attempts, 15 minutes apart).
    extraJobs.push(
      scheduledBackupJob(async () => {
        const res = await runScheduledBackup({ database, storage, target: backupTarget, keep, now: new Date() });
        if (res.ran && res.ok) app.log.info({ backup: res.name, bytes: res.bytes, removed: res.removed }, 'scheduled backup written and verified');
        else if (res.ran) app.log.error({ backup: res.name, error: res.error }, 'scheduled backup failed; retried in 15 minutes');
      }, '*/15 * * * *'),
    );
  }
  const jobs = await startBackgroundJobs(database, config, app.log, extraJobs);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    // 1. Not ready any more: load balancers stop sending new requests (given SHUTDOWN_DELAY_MS to notice).
    startDraining(app);
    app.log.info({ signal, delayMs: config.shutdownDelayMs, graceMs: config.shutdownGraceMs }, 'shutting down: draining');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownDelayMs + config.shutdownGraceMs + 10_000);
    force.unref();
    if (config.shutdownDelayMs) await new Promise((r) => setTimeout(r, config.shutdownDelayMs));
    // 2. Stop listening; requests in flight get SHUTDOWN_GRACE_MS to finish, then their connections are cut.
    //    The job worker stops at the same time (a job still running then is retried by another instance).
    const grace = setTimeout(() => {
      app.log.warn('grace period over: closing the connections still open');
      app.server.closeAllConnections();
    }, config.shutdownGraceMs);
    grace.unref();
    let code = 0;
    try {
      await Promise.all([app.close().finally(() => clearTimeout(grace)), jobs.stop(config.shutdownGraceMs)]);
    } catch (err) {
      app.log.error({ err }, 'error while shutting down');
      code = 1;
    }
    // 3. Close the pool (or the embedded database) last.
    await database.close().catch((err: unknown) => {
      app.log.error({ err }, 'error while closing the database');
      code = 1;
    });
    app.log.info('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = config.publicUrl ?? `http://${host}:${port}`;
  const lines = [
    '',
    `ParIndex đang chạy tại / is running at: ${url}`,
    `  Cơ sở dữ liệu / database: ${database.kind === 'pglite' ? `PGlite (${config.dataDir})` : 'PostgreSQL'}`,
    `  Tác vụ nền / background jobs: ${jobs.working ? 'chạy tại đây / run here' : 'không chạy tại đây / web only (RUN_JOBS=false)'}`,
    `  API docs: ${url}/api/docs`,
    `  Khởi động trong / started in ${((Date.now() - started) / 1000).toFixed(1)} s${seeded ? ' (đã tạo dữ liệu mẫu / demo data seeded)' : ''}`,
  ];
  if (config.seedDemo) {
    lines.push('', `Tài khoản mẫu / demo logins (mật khẩu / password: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.username.padEnd(16)} ${a.label}`);
  }
  console.log(`${lines.join('\n')}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
