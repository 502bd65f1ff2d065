import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreBackup } from '../db/backup';
import { type Database, migrateDatabase, openDatabase } from '../db/client';
import { LocalStorage, putBuffer, storageKeyFor } from '../lib/storage';
import { S3Storage } from '../lib/storage-s3';
import { createTestContext, type TestContext } from '../testing/app';
import { createTestBucket, storedKeys } from '../testing/storage';
import { backupDay, backupName, listBackups, openBackupTarget, runScheduledBackup } from './backup';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-backups-'));
let t: TestContext;

/** 02:30 in Vietnam on the given day (19:30 UTC the day before). */
const at = (day: string, minutes = 0) => new Date(new Date(`${day}T02:30:00+07:00`).getTime() + minutes * 60_000);

beforeAll(async () => {
  t = await createTestContext({ env: { BACKUP_DIR: dir, BACKUP_KEEP: '2' } });
  // The fixture's evidence file gets real content, so that the backup can carry it.
  const content = Buffer.from('%PDF-1.4 fixture evidence');
  const sha = crypto.createHash('sha256').update(content).digest('hex');
  await t.database.query('update files set sha256 = $1, storage_key = $2, size_bytes = $3', [sha, storageKeyFor(sha), content.length]);
  await putBuffer(t.storage, storageKeyFor(sha), content, { sha256: sha });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('scheduled backups', () => {
  it('are due once a day from 02:00 Vietnam time and named by their UTC time', () => {
    expect(backupDay(new Date('2026-03-01T18:59:00Z'))).toEqual({ day: '2026-03-02', due: false });
    expect(backupDay(new Date('2026-03-01T19:00:00Z'))).toEqual({ day: '2026-03-02', due: true });
    expect(backupName(new Date('2026-03-01T19:00:05.123Z'))).toBe('parindex-2026-03-01T190005Z.tar');
  }, 120_000);

  it('run once a day across instances, are verified and recorded, and only the newest BACKUP_KEEP stay', async () => {
    const target = (await openBackupTarget(t.app.config))!;
    const options = { database: t.database, storage: t.storage, target, keep: 2 };
    expect(await runScheduledBackup({ ...options, now: new Date('2026-03-01T18:30:00Z') })).toEqual({ ran: false });
    // Two instances at once on the same day: one writes, the other stands aside.
    const [a, b] = await Promise.all([
      runScheduledBackup({ ...options, now: at('2026-03-02'), instance: 'a' }),
      runScheduledBackup({ ...options, now: at('2026-03-02'), instance: 'b' }),
    ]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    expect(await runScheduledBackup({ ...options, now: at('2026-03-02', 60) })).toEqual({ ran: false });
    fs.writeFileSync(path.join(dir, 'operator-notes.txt'), 'kept');
    for (const day of ['2026-03-03', '2026-03-04', '2026-03-05']) {
      const res = await runScheduledBackup({ ...options, now: at(day) });
      expect(res).toMatchObject({ ran: true, ok: true });
    }
    const names = fs.readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
    expect(names).toEqual(['operator-notes.txt', backupName(at('2026-03-04')), backupName(at('2026-03-05'))]);
    const runs = await t.database.query<{ day: string; status: string }>("select day::text as day, status from backup_runs order by day");
    expect(runs).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'].map((day) => ({ day, status: 'done' })));
  }, 120_000);

  it('a failed run is recorded with its reason, retried later the same day, and listed', async () => {
    const target = (await openBackupTarget(t.app.config))!;
    const [file] = await t.database.query<{ key: string }>('select storage_key as key from files limit 1');
    const moved = path.join(dir, 'moved-away');
    const local = t.storage as LocalStorage;
    fs.renameSync(path.join(local.root, file!.key), moved);
    const options = { database: t.database, storage: t.storage, target, keep: 2 };
    const failed = await runScheduledBackup({ ...options, now: at('2026-03-06') });
    expect(failed).toMatchObject({ ran: true, ok: false, error: expect.stringMatching(/is missing from/) });
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tar'))).toHaveLength(2);
    expect(await runScheduledBackup({ ...options, now: at('2026-03-06', 5) })).toEqual({ ran: false });
    fs.renameSync(moved, path.join(local.root, file!.key));
    expect(await runScheduledBackup({ ...options, now: at('2026-03-06', 20) })).toMatchObject({ ran: true, ok: true });
    const [run] = await t.database.query<{ attempts: number; status: string; error: string | null }>("select attempts, status, error from backup_runs where day = '2026-03-06'");
    expect(run).toEqual({ attempts: 2, status: 'done', error: null });
  }, 120_000);

  it('the admin screen lists them: verified with a summary, a copied-in file unverified, a damaged one unreadable, failures', async () => {
    fs.copyFileSync(path.join(dir, fs.readdirSync(dir).filter((n) => n.endsWith('.tar')).sort()[0]!), path.join(dir, 'copied-by-hand.tar'));
    fs.writeFileSync(path.join(dir, 'broken.tar'), 'not a tar');
    await t.database.query("insert into backup_runs (day, name, status, started_at, finished_at, error, attempts) values ('2026-01-01', 'parindex-2025-12-31T193000Z.tar', 'failed', '2025-12-31T19:30:00Z', '2025-12-31T19:31:00Z', 'disk full', 3)");
    const admin = await t.as('admin');
    const res = await admin.get('/api/admin/backups');
    expect(res.status).toBe(200);
    expect(res.body.location).toBe(dir);
    expect(res.body.keep).toBe(2);
    const byName = new Map<string, { status: string; summary: { tables: number; files: number } | null; error: string | null; bytes: number | null }>(
      res.body.items.map((i: { name: string }) => [i.name, i]),
    );
    const verified = byName.get(backupName(at('2026-03-06', 20)))!;
    expect(verified.status).toBe('verified');
    expect(verified.summary!.files).toBe(1);
    expect(verified.summary!.tables).toBeGreaterThan(30);
    expect(byName.get('copied-by-hand.tar')!.status).toBe('unverified');
    expect(byName.get('copied-by-hand.tar')!.summary!.files).toBe(1);
    expect(byName.get('broken.tar')).toMatchObject({ status: 'unreadable', error: expect.stringMatching(/Not a ParIndex backup/) });
    expect(byName.get('parindex-2025-12-31T193000Z.tar')).toMatchObject({ status: 'failed', error: 'disk full', bytes: null });
    expect((await (await t.as('secretariat')).get('/api/admin/backups')).status).toBe(403);
  }, 120_000);

  it('with BACKUP_DIR=s3 they go to the bucket under backups/ and restore from there', async () => {
    const s3 = await createTestBucket();
    const config = { backup: { target: { kind: 's3' as const }, keep: 3 }, s3 };
    const target = (await openBackupTarget(config))!;
    expect(target.location).toMatch(new RegExp(`^s3://${s3.bucket}/backups/`));
    await t.database.query("delete from backup_runs where day = '2026-03-07'");
    const res = await runScheduledBackup({ database: t.database, storage: t.storage, target, keep: 3, now: at('2026-03-07') });
    expect(res).toMatchObject({ ran: true, ok: true });
    const bucket = new S3Storage(s3);
    expect(await storedKeys(bucket)).toEqual([`backups/${backupName(at('2026-03-07'))}`]);
    const items = await listBackups(t.database.db, target);
    expect(items[0]).toMatchObject({ name: backupName(at('2026-03-07')), status: 'verified' });
    // Restore straight from the bucket into a fresh database and a fresh folder.
    const fresh: Database = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrateDatabase(fresh);
      const files = new LocalStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-restored-')));
      const restored = await restoreBackup(fresh, files, () => target.stream(backupName(at('2026-03-07'))));
      expect(restored.files).toBe(1);
      const [users] = await fresh.query<{ n: number }>('select count(*)::int as n from users');
      const [source] = await t.database.query<{ n: number }>('select count(*)::int as n from users');
      expect(users!.n).toBe(source!.n);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
