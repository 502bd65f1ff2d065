import { AppError } from '../core/errors';
import { buildApp } from './app';
import { loadConfig } from './config';
import { isEmpty, openDatabase } from './db/client';
import { isPrivilegedRole, migrate } from './db/roles';
import { startScheduler } from './jobs/scheduler';
import { LocalStorage } from './lib/storage';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './seed/demo';

/** Reads the config, opens and migrates the database, seeds the demo on an empty one if asked, listens. */
async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize });
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`\n✖ ${err.bilingual.vi}\n  ${err.bilingual.en}\n`);
      process.exit(1);
    }
    throw err;
  }
  await migrate(database, config);
  if (config.databaseUrl && (await isPrivilegedRole(config.databaseUrl))) {
    console.warn(
      'Cảnh báo: máy chủ kết nối bằng vai trò sở hữu bảng hoặc superuser; xem docs/operations.md (Database roles).\n' +
        'Warning: the server connects as the tables\' owner or a superuser: it could switch off the triggers that keep the audit log and published results unchanged. See docs/operations.md, "Database roles".',
    );
  }
  let seeded = false;
  if (config.seedDemo && (await isEmpty(database))) {
    console.log('Đang tạo dữ liệu mẫu (demo)… / Seeding the demo province…');
    await seedDemo(database, { storage: new LocalStorage(config.uploadDir) });
    seeded = true;
  }
  const app = await buildApp({ config, database });
  const stopJobs = startScheduler(database, config, app.log);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close();
      await stopJobs();
      await database.close();
    } finally {
      process.exit(0);
    }
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
