import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, createTestDatabase } from '../testing/database';
import { seedFixture } from '../testing/fixtures';
import { backupDatabase, restoreDatabase, tablesInOrder } from './backup';
import { type Database, migrateDatabase, openDatabase } from './client';

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-db-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('PGlite single-process lock', () => {
  it('a second process opening the same DATA_DIR gets a clear error, not corruption', async () => {
    const dir = path.join(tmp, 'locked');
    const db = await openDatabase({ dataDir: dir });
    await migrateDatabase(db);
    try {
      const script = `import { openDatabase } from './src/server/db/client.ts';
        try { await openDatabase({ dataDir: ${JSON.stringify(dir)} }); console.log('OPENED'); process.exit(0); }
        catch (e) { console.log(e.code + ': ' + e.message); process.exit(3); }`;
      const res = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd() }).catch((e) => e);
      expect(res.code).toBe(3);
      expect(res.stdout).toMatch(/database_locked: The data folder .* is in use by process \d+/);
      // The same process may not open it twice either.
      await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject({ code: 'database_locked' });
      // The first owner still works.
      expect(await db.query('select count(*)::int as n from provinces')).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
    expect(fs.existsSync(path.join(dir, 'parindex.lock'))).toBe(false);
  });

  it('takes over a lock left by a dead process', async () => {
    const dir = path.join(tmp, 'stale');
    fs.mkdirSync(dir, { recursive: true });
    const dead = await run(process.execPath, ['-e', 'console.log(process.pid)']);
    fs.writeFileSync(path.join(dir, 'parindex.lock'), dead.stdout);
    const db = await openDatabase({ dataDir: dir });
    await db.close();
  });
});

describe('type normalisation', () => {
  it('returns int8 as number and numeric as exact string on this backend', async () => {
    const db = await createTestDatabase();
    try {
      const rows = await db.query<{ a: unknown; b: unknown; c: unknown }>('select 12::int8 as a, 1.25::numeric(6,2) as b, count(*) as c from provinces');
      expect(rows[0]).toEqual({ a: 12, b: '1.25', c: 0 });
    } finally {
      await db.close();
    }
  });
});

async function readBackup(file: string): Promise<string[]> {
  return zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n');
}

async function freshPglite(): Promise<Database> {
  const db = await openDatabase({ dataDir: 'memory://' });
  await migrateDatabase(db);
  return db;
}

describe('backup and restore', () => {
  it('orders tables parents first', () => {
    const names = tablesInOrder().map((t) => t.name);
    expect(names.indexOf('provinces')).toBeLessThan(names.indexOf('agencies'));
    expect(names.indexOf('agencies')).toBeLessThan(names.indexOf('divisions'));
    expect(names).not.toContain('sessions');
  });

  it('round-trips identically into PGlite and PostgreSQL', async () => {
    const source = await createTestDatabase();
    await seedFixture(source.db);
    // A self-reference pointing forward (parent with a higher id) must survive the restore.
    await source.query("update agencies set parent_id = (select max(id) from agencies where province_id = 1) where code = 'SNV' and province_id = 1");
    await source.query("insert into audit_log (action, entity_type, old_value, new_value) values ('x.test', 'agency', '{\"a\":1}', '[1,\"ư\"]')");
    const first = path.join(tmp, 'first.ndjson.gz');
    const stats = await backupDatabase(source, first);
    expect(stats.rows).toBeGreaterThan(20);
    await source.close();
    const targets: { name: string; open: () => Promise<{ db: Database; dispose: () => Promise<void> }> }[] = [
      { name: 'pglite', open: async () => { const db = await freshPglite(); return { db, dispose: () => db.close() }; } },
    ];
    const pgEmpty = await createEmptyPostgresDatabase();
    if (pgEmpty) {
      targets.push({
        name: 'postgres',
        open: async () => {
          const db = await openDatabase({ databaseUrl: pgEmpty.url, poolSize: 2 });
          await migrateDatabase(db);
          return { db, dispose: async () => { await db.close(); await pgEmpty.drop(); } };
        },
      });
    }
    const original = (await readBackup(first)).slice(1);
    for (const target of targets) {
      const { db, dispose } = await target.open();
      try {
        await restoreDatabase(db, first);
        const second = path.join(tmp, `second-${target.name}.ndjson.gz`);
        await backupDatabase(db, second);
        expect((await readBackup(second)).slice(1)).toEqual(original);
        // Identity sequences continue after the restored ids.
        const [next] = await db.query<{ id: number }>("insert into provinces (code, name_vi, name_en) values ('NEW', 'Mới', 'New') returning id");
        expect(next!.id).toBeGreaterThan(2);
        // Restoring into a non-empty database is refused.
        await expect(restoreDatabase(db, first)).rejects.toThrow(/not empty/);
      } finally {
        await dispose();
      }
    }
  });
});
