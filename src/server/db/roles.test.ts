import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { seedFixture } from '../testing/fixtures';
import { createEmptyPostgresDatabase } from '../testing/database';
import { TestClient } from '../testing/app';
import { openDatabase, type Database } from './client';
import { isPrivilegedRole, migrate } from './roles';
import { startJobs } from '../jobs/queue';
import pino from 'pino';

/**
 * The server connects as a role that owns nothing (DATABASE_URL) and migrations run as the owner
 * (DATABASE_MIGRATION_URL): the application role cannot switch off the triggers that keep the audit log and the
 * published snapshots unchanged, nor change those rows. PostgreSQL only (PGlite has one role).
 */
const url = process.env.TEST_DATABASE_URL;
const role = `parindex_app_${crypto.randomBytes(4).toString('hex')}`;
let empty: { url: string; drop: () => Promise<void> } | null = null;
let appUrl = '';
let app: Database | null = null;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe.skipIf(!url)('database roles (PostgreSQL)', () => {
  beforeAll(async () => {
    empty = await createEmptyPostgresDatabase();
    await admin((c) => c.query(`create role ${role} login nosuperuser nocreatedb nocreaterole`));
    const u = new URL(empty!.url);
    u.username = role;
    appUrl = u.toString();
    const config = loadConfig({ DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: empty!.url });
    app = await openDatabase({ databaseUrl: appUrl, poolSize: 2 });
    await migrate(app, config);
  });

  afterAll(async () => {
    await app?.close();
    await empty?.drop();
    await admin(async (c) => {
      await c.query(`drop role if exists ${role}`);
    });
  });

  it('migrates as the owner and lets the application role work with rows', async () => {
    expect(await isPrivilegedRole(appUrl)).toBe(false);
    expect(await isPrivilegedRole(empty!.url)).toBe(true);
    const fixture = await seedFixture(app!.db);
    const server = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIR: '.tmp/no-web', DATA_DIR: '.tmp/test-data' }), database: app!, logger: false });
    try {
      const c = await new TestClient(server).login('admin');
      const users = await c.get('/api/users');
      expect(users.status).toBe(200);
      expect(users.body.total).toBeGreaterThan(3);
      expect(fixture.periodId).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('lets the application role run the job queue (pg-boss) the owner installed', async () => {
    let ran = 0;
    const runner = await startJobs(
      app!,
      [{ name: 'roles.probe', queue: { retryLimit: 0 }, pollingIntervalSeconds: 0.5, handler: async () => void ran++ }],
      { work: true, log: pino({ level: 'silent' }) },
    );
    try {
      expect(await runner.send('roles.probe', {})).toBeTruthy();
      for (let i = 0; i < 100 && ran === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(ran).toBe(1);
    } finally {
      await runner.stop(2000);
    }
  });

  it('the application role cannot disable a trigger, nor change or delete a snapshot or an audit entry', async () => {
    // The application role inserts (publishing is an INSERT) but can never take it back.
    const [period] = await app!.query<{ id: number }>('select id from periods limit 1');
    await app!.query("insert into result_snapshots (period_id, revision, content, content_hash, published_at) values ($1, 99, '{}', 'h', now())", [period!.id]);
    await expect(app!.query('alter table result_snapshots disable trigger result_snapshots_no_update_delete')).rejects.toThrow(/owner/);
    await expect(app!.query('alter table audit_log disable trigger audit_log_no_update_delete')).rejects.toThrow(/owner/);
    await expect(app!.query('alter table result_snapshots disable trigger all')).rejects.toThrow(/owner|permission/);
    await expect(app!.query("update result_snapshots set decision_number = 'forged'")).rejects.toThrow(/permission denied|immutable/);
    await expect(app!.query('delete from result_snapshots')).rejects.toThrow(/permission denied|immutable/);
    await expect(app!.query('truncate result_snapshots')).rejects.toThrow(/permission denied|immutable/);
    await expect(app!.query("update audit_log set action = 'x'")).rejects.toThrow(/permission denied|append-only/);
    await expect(app!.query('drop table result_snapshots')).rejects.toThrow(/owner/);
    await expect(app!.query('set session_replication_role = replica')).rejects.toThrow(/permission denied/);
  });
});
