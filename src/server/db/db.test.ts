import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/database';
import { migrateDatabase, openDatabase } from './client';

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
  }, 120_000);

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
