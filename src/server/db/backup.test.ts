import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { type FileStorage, putBuffer, storageKeyFor } from '../lib/storage';
import { computeGroupResults } from '../modules/results/compute';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo';
import { TestClient } from '../testing/app';
import { createEmptyPostgresDatabase, createTestDatabase } from '../testing/database';
import { seedFixture } from '../testing/fixtures';
import { AWKWARD, fillRemainingTables, rowCounts, schemaTables } from '../testing/every-table';
import { createTestStorage, storedKeys } from '../testing/storage';
import { BackupError, backupToFile, EXCLUDED_TABLES, fileSource, type Manifest, readManifest, restoreBackup, verifyBackup } from './backup';
import { readTar, TarWriter } from './backup-archive';
import { type Database, migrateDatabase, openDatabase } from './client';

const run = promisify(execFile);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-backup-test-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A fresh, migrated, empty database on the given backend; closed (and dropped) after the file. */
async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<Database> {
  let db: Database;
  if (kind === 'postgres') {
    const empty = await createEmptyPostgresDatabase();
    if (!empty) throw new Error('no PostgreSQL for this run');
    db = await openDatabase({ databaseUrl: empty.url, poolSize: 3 });
    cleanups.push(async () => {
      await db.close();
      await empty.drop();
    });
  } else {
    db = await openDatabase({ dataDir: 'memory://' });
    cleanups.push(() => db.close());
  }
  await migrateDatabase(db);
  return db;
}

const runBackend: 'pglite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
/** PGlite → PGlite on a PGlite-only run; PostgreSQL → PGlite → PostgreSQL when PostgreSQL is there. */
const otherBackend: 'pglite' | 'postgres' = 'pglite';

/** A 9 MiB PNG-signed file: large enough for a multipart upload to S3. */
const BIG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(9 * 1024 * 1024)]);

let source: Database;
let sourceStorage: FileStorage;
let backup: string;
let manifest: Manifest;
let bigEvidenceId = 0;

function configFor() {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: path.join(tmp, 'data'), WEB_DIR: '.tmp/no-web', UPLOAD_MAX_BYTES: String(20 * 1024 * 1024) });
}

/** Logs in as a demo account on an app over the database and storage. */
async function demoClient(database: Database, storage: FileStorage, username: string) {
  const app = await buildApp({ config: configFor(), database, storage, logger: false });
  await app.ready();
  cleanups.push(() => app.close());
  const client = new TestClient(app);
  await client.login(username, DEMO_PASSWORD);
  return client;
}

const BOUNDARY = '----parindexbackup';
function multipart(content: Buffer, filename: string, fields: Record<string, string>): Buffer {
  const parts = Object.entries(fields).map(([k, v]) => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  return Buffer.concat([
    ...parts,
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

async function uploadEvidence(client: TestClient, agencyId: number, content: Buffer, filename: string) {
  return client.request('POST', `/api/agencies/${agencyId}/evidence`, undefined, {
    payload: multipart(content, filename, { title: AWKWARD.replace(/\n|\t/g, ' ') }),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });
}

async function download(client: TestClient, evidenceId: number): Promise<Buffer> {
  const res = await client.get(`/api/evidence/${evidenceId}/file?download=1`);
  expect(res.status).toBe(200);
  return res.raw;
}

async function allRows(database: Database, table: string, order: string): Promise<unknown[]> {
  return database.query(`select * from "${table}" order by ${order}`);
}

/** Every published year's results for every group, as the results screen and the CLI compute them. */
async function computedResults(database: Database): Promise<unknown[]> {
  const pairs = await database.query<{ province: number; year: number; grp: number }>(
    'select distinct p.province_id as province, p.year, g.id as grp from periods p join agency_groups g on g.province_id = p.province_id order by 1, 2, 3',
  );
  const out: unknown[] = [];
  for (const p of pairs) out.push({ ...p, results: await computeGroupResults(database.db, p.province, p.year, p.grp) });
  return out;
}

async function storedBytes(storage: FileStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await storage.stream(key)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  source = await createTestDatabase();
  cleanups.push(() => source.close());
  sourceStorage = await createTestStorage('local');
  await seedDemo(source, { storage: sourceStorage });
  await fillRemainingTables(source);
  await source.query("insert into backup_runs (day, name, status, started_at) values ('2020-01-01', 'fixture.tar', 'failed', now())");
  await source.query("insert into login_throttles (account_key, client_key, failures, last_failure_at) values ('fixture-account', 'fixture-client', 3, now())");
  const client = await demoClient(source, sourceStorage, 'bdt.focal');
  const bdt = (await source.query<{ id: number }>("select id from agencies where code = 'BDT'"))[0]!.id;
  const up = await uploadEvidence(client, bdt, BIG, 'ảnh lớn.png');
  expect(up.status).toBe(201);
  bigEvidenceId = up.body.id;
  backup = path.join(tmp, 'source.tar');
  manifest = (await backupToFile(source, sourceStorage, backup)).manifest;
}, 600_000);

describe('the every-table fixture', () => {
  it('has rows in every table of the drizzle schema, and every table is in the backup or excluded with a reason', async () => {
    const counts = await rowCounts(source);
    const empty = Object.entries(counts)
      .filter(([, n]) => n === 0)
      .map(([t]) => t);
    expect(empty, `tables without rows after the fixture: add rows for them in src/server/testing/every-table.ts (${empty.join(', ')})`).toEqual([]);
    const carried = manifest.tables.map((t) => t.name);
    expect([...carried, ...Object.keys(EXCLUDED_TABLES)].sort()).toEqual(schemaTables());
    for (const t of manifest.tables) expect([t.name, t.rows]).toEqual([t.name, counts[t.name]]);
    expect(manifest.files.length).toBe(4);
  });
});

describe('backup and restore across backends and storages', () => {
  it(`restores ${runBackend} → ${otherBackend} (files into S3) → ${runBackend} (files into a folder): tables, results and files identical`, async () => {
    // First hop: the other backend, files into an S3 bucket.
    const first = await freshDatabase(otherBackend);
    const firstStorage = await createTestStorage('s3');
    const r1 = await restoreBackup(first, firstStorage, fileSource(backup));
    expect(r1.filesWritten).toBe(4);
    const second = path.join(tmp, 'second.tar');
    const m2 = (await backupToFile(first, firstStorage, second)).manifest;
    // Second hop: back to the run's backend, files into a local folder.
    const third = await freshDatabase(runBackend);
    const thirdStorage = await createTestStorage('local');
    await restoreBackup(third, thirdStorage, fileSource(second));
    const m3 = (await backupToFile(third, thirdStorage, path.join(tmp, 'third.tar'))).manifest;

    for (const m of [m2, m3]) {
      const changed = manifest.tables.filter((t, i) => m.tables[i]?.name !== t.name || m.tables[i]?.sha256 !== t.sha256 || m.tables[i]?.rows !== t.rows).map((t) => t.name);
      expect(changed, 'tables whose contents changed through a restore').toEqual([]);
      expect(m.files).toEqual(manifest.files);
      expect(m.migrations).toEqual(manifest.migrations);
    }
    expect(m2.source).toBe(otherBackend);
    // Awkward values came through exactly.
    for (const db of [first, third]) {
      const [task] = await db.query<{ ids: number[]; lost: string; title: string }>('select support_division_ids as ids, points_lost as lost, title from tasks order by id desc limit 1');
      expect(task!.title).toBe(AWKWARD);
      expect(task!.lost).toBe('0.2500');
      expect(task!.ids.length).toBeGreaterThan(0);
      const [ini] = await db.query<{ codes: string[] }>('select node_codes as codes from initiatives order by id limit 1');
      expect(ini!.codes).toEqual(['1.5.1', '7.1.2', 'a,b', 'NULL', '"q"', '{x}', '']);
    }
    // Derived and excluded tables: field totals rebuilt identically; no sessions, no backup records carried.
    const totalsOrder = 'assessment_id, top_code';
    expect(await allRows(third, 'assessment_field_totals', totalsOrder)).toEqual(await allRows(source, 'assessment_field_totals', totalsOrder));
    expect(await third.query('select * from sessions')).toEqual([]);
    expect(await third.query('select * from backup_runs')).toEqual([]);
    expect(await third.query('select * from login_throttles')).toEqual([]);
    // Computed results identical.
    const results = await computedResults(source);
    expect(results.length).toBeGreaterThan(3);
    expect(await computedResults(first)).toEqual(results);
    expect(await computedResults(third)).toEqual(results);
    // File bytes identical in both storages, and downloads work through the app after each restore.
    for (const f of manifest.files) {
      const original = await storedBytes(sourceStorage, `${f.sha256.slice(0, 2)}/${f.sha256}`);
      expect((await storedBytes(firstStorage, `${f.sha256.slice(0, 2)}/${f.sha256}`)).equals(original)).toBe(true);
      expect((await storedBytes(thirdStorage, `${f.sha256.slice(0, 2)}/${f.sha256}`)).equals(original)).toBe(true);
    }
    const demoEvidence = (await source.query<{ id: number }>('select min(id) as id from evidence'))[0]!.id;
    for (const [db, storage] of [
      [first, firstStorage],
      [third, thirdStorage],
    ] as const) {
      const client = await demoClient(db, storage, 'bdt.focal');
      expect((await download(client, bigEvidenceId)).equals(BIG)).toBe(true);
      const pdf = await download(client, demoEvidence);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // Identity sequences continue after the restored ids.
      const [next] = await db.query<{ id: number }>("insert into provinces (code, name_vi, name_en) values ('NEW', 'Mới', 'New') returning id");
      const [max] = await source.query<{ id: number }>('select max(id) as id from provinces');
      expect(next!.id).toBeGreaterThan(max!.id);
    }
  }, 600_000);

  it('round-trips bytea, arrays with NULL elements, jsonb, numeric, timestamps, intervals, floats and a forward self-reference exactly', async () => {
    const ddl = `create table zz_types (k text primary key, parent text references zz_types(k), b bytea, ta text[], ia integer[], j jsonb, n numeric, ts timestamptz, tn timestamp, d date, iv interval, f float8, ok boolean)`;
    const a = await freshDatabase(runBackend);
    const b = await freshDatabase(otherBackend);
    await a.query(ddl);
    await b.query(ddl);
    const storage = await createTestStorage('local');
    await a.query(
      `insert into zz_types values
       ('Z', null, '\\x00ff10'::bytea, array['a', null, 'NULL', 'x"y', 'b\\c', ''], array[1, null, -3], '{"a":[1,2.50,"ư"],"b":null}', 123456789012345678901234567890.000000000001, '1999-12-31 23:59:59.999999+07', '2020-02-29 12:00:00.5', '0044-03-15', '1 year 2 mons 3 days 04:05:06.7', 0.1, true),
       ('a', 'Z', '', '{}', null, '[]', -0.5, 'infinity', '-infinity', '2020-01-01', '-1 day', 'NaN', false),
       ('É', 'a', null, null, '{}', 'null', 'NaN', null, null, null, null, '-Infinity', null)`,
    );
    const file = path.join(tmp, 'types.tar');
    await backupToFile(a, storage, file);
    await restoreBackup(b, storage, fileSource(file));
    const q = "select k, parent, encode(b, 'hex') as b, ta::text, ia::text, j::text, n::text, ts::text, tn::text, d::text, iv::text, f::text, ok from zz_types order by k collate \"C\"";
    for (const db of [a, b]) {
      await db.query("set timezone = 'UTC'");
      await db.query("set intervalstyle = 'postgres'");
    }
    const rows = await a.query(q);
    expect(rows).toHaveLength(3);
    expect(await b.query(q)).toEqual(rows);
  }, 300_000);
});

function writeTmp(name: string, content: Buffer): string {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, content);
  return f;
}

describe('a large province', () => {
  it('restores 12,000 (assessment, field) pairs in one transaction: field totals rebuilt at once, not one lock per pair', async () => {
    const big = await createTestDatabase();
    cleanups.push(() => big.close());
    const storage = await createTestStorage('local');
    await seedFixture(big.db);
    const content = Buffer.from('%PDF-1.4 fixture');
    const sha = crypto.createHash('sha256').update(content).digest('hex');
    await big.query('update files set sha256 = $1, storage_key = $2, size_bytes = $3', [sha, storageKeyFor(sha), content.length]);
    await putBuffer(storage, storageKeyFor(sha), content, { sha256: sha });
    const [a] = await big.query<{ id: number }>('select min(id) as id from assessments');
    // Each leaf its own field: 12,000 pairs (written in small transactions, as the application writes them).
    for (let i = 0; i < 12; i++) {
      await big.query(
        "insert into leaf_scores (assessment_id, node_code, effective_units, effective_na, survey_points) select $1, 'x' || g || '.1', g % 7, g % 5 = 0, g % 3 from generate_series($2::int, $2::int + 999) g",
        [a!.id, i * 1000],
      );
    }
    const file = path.join(tmp, 'large.tar');
    await backupToFile(big, storage, file);
    const target = await createTestDatabase();
    cleanups.push(() => target.close());
    await restoreBackup(target, await createTestStorage('local'), fileSource(file));
    const totals = 'select assessment_id, top_code, units, na_codes, scored from assessment_field_totals order by assessment_id, top_code collate "C"';
    const restored = await target.query(totals);
    expect(restored.length).toBeGreaterThanOrEqual(12_000);
    expect(restored).toEqual(await big.query(totals));
  }, 300_000);
});

/** Where each tar entry's content starts. */
function entryOffsets(buf: Buffer): Map<string, { offset: number; size: number }> {
  const out = new Map<string, { offset: number; size: number }>();
  let pos = 0;
  while (pos + 512 <= buf.length && buf[pos] !== 0) {
    const name = buf.subarray(pos, pos + 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(buf.subarray(pos + 124, pos + 136).toString('ascii').replace(/\0.*$/s, ''), 8);
    out.set(name, { offset: pos + 512, size });
    pos += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

/** A copy of the backup with its manifest changed by `edit`. */
async function withManifest(file: string, edit: (m: Manifest) => void): Promise<string> {
  const out = path.join(tmp, `edited-${crypto.randomBytes(3).toString('hex')}.tar`);
  const stream = fs.createWriteStream(out);
  const tar = new TarWriter(stream, new Date());
  for await (const e of readTar(fs.createReadStream(file))) {
    if (e.name === 'manifest.json') {
      const chunks: Buffer[] = [];
      for await (const c of e.body) chunks.push(c);
      const m = JSON.parse(Buffer.concat(chunks).toString()) as Manifest;
      edit(m);
      const json = Buffer.from(JSON.stringify(m));
      await tar.add(e.name, json.length, json);
    } else await tar.add(e.name, e.size, e.body);
  }
  await tar.finish();
  return out;
}

describe('restore refuses a damaged backup or an unfit target, writing nothing', () => {
  const write = writeTmp;

  async function expectRefused(file: string, problem: BackupError['problem'], message: RegExp, prepare?: (db: Database) => Promise<void>) {
    const target = await createTestDatabase();
    cleanups.push(() => target.close());
    const storage = await createTestStorage('local');
    await prepare?.(target);
    const before = await rowCounts(target);
    const err = await restoreBackup(target, storage, fileSource(file)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BackupError);
    expect((err as BackupError).problem).toBe(problem);
    expect((err as BackupError).message).toMatch(message);
    expect(await rowCounts(target)).toEqual(before);
    expect(await storedKeys(storage)).toEqual([]);
    // verify-backup reports the same problem for a damaged file (a level mismatch is about the target, not the file).
    if (!prepare && problem !== 'migration_mismatch') await expect(verifyBackup(fileSource(file))).rejects.toMatchObject({ problem });
  }

  it('a truncated backup (cut inside a part, or cleanly after one)', async () => {
    const bytes = fs.readFileSync(backup);
    await expectRefused(write('cut.tar', bytes.subarray(0, Math.floor(bytes.length * 0.6))), 'truncated', /truncated/);
    const parts = entryOffsets(bytes);
    const leaf = parts.get('tables/leaf_scores.ndjson.gz')!;
    const boundary = leaf.offset + Math.ceil(leaf.size / 512) * 512;
    await expectRefused(write('cut-clean.tar', bytes.subarray(0, boundary)), 'truncated', /truncated/);
    await expectRefused(write('empty.tar', Buffer.alloc(0)), 'truncated', /empty/);
  }, 180_000);

  it('one altered byte in a table part, in a stored file, or in the manifest', async () => {
    const bytes = fs.readFileSync(backup);
    const parts = entryOffsets(bytes);
    const flip = (name: string, at: number) => {
      const copy = Buffer.from(bytes);
      const p = parts.get(name)!;
      copy[p.offset + Math.min(at, p.size - 1)]! ^= 0x01;
      return copy;
    };
    await expectRefused(write('alt-table.tar', flip('tables/leaf_scores.ndjson.gz', 4000)), 'altered', /tables\/leaf_scores\.ndjson\.gz/);
    const big = manifest.files.find((f) => f.bytes === BIG.length)!;
    await expectRefused(write('alt-file.tar', flip(`files/${big.sha256}`, 5_000_000)), 'altered', new RegExp(`files/${big.sha256}`));
    const rows = await withManifest(backup, (m) => {
      m.tables.find((t) => t.name === 'users')!.rows += 1;
    });
    await expectRefused(rows, 'altered', /users\.ndjson\.gz holds \d+ rows; the manifest says/);
  }, 180_000);

  it('a backup of another migration level, and an unknown format', async () => {
    await expectRefused(backup, 'migration_mismatch', /Wrong migration level: the backup was made at migration \d+/, async (db) => {
      await db.query("insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', 99999999999999)");
    });
    const level = await withManifest(backup, (m) => {
      m.migrations.count -= 1;
    });
    await expectRefused(level, 'migration_mismatch', /Wrong migration level/);
    await expectRefused(write('old.ndjson.gz', Buffer.from('1f8b0800000000000003', 'hex')), 'unknown_format', /Not a ParIndex backup/);
    const future = await withManifest(backup, (m) => {
      m.formatVersion = 99;
    });
    await expectRefused(future, 'unknown_format', /format version 99 is not supported/);
  }, 180_000);

  it('a target that is not empty: refused and left as it was', async () => {
    await expectRefused(backup, 'target_not_empty', /not empty \(rows in provinces\)/, async (db) => {
      await db.query("insert into provinces (code, name_vi, name_en) values ('KEEP', 'Giữ', 'Keep')");
    });
  }, 180_000);

  it('a failure while loading (the storage refuses a file) rolls the database back and removes the files written', async () => {
    const target = await createTestDatabase();
    cleanups.push(() => target.close());
    const inner = await createTestStorage('local');
    let puts = 0;
    const failing: FileStorage = Object.assign(Object.create(inner) as FileStorage, {
      putStream: async (...args: Parameters<FileStorage['putStream']>) => {
        if (++puts === 3) throw new Error('disk full');
        return inner.putStream(...args);
      },
    });
    const err = await restoreBackup(target, failing, fileSource(backup)).catch((e: unknown) => e);
    expect(err).toMatchObject({ problem: 'storage' });
    expect((err as Error).message).toMatch(/disk full/);
    expect(Object.values(await rowCounts(target)).every((n) => n === 0)).toBe(true);
    expect(await storedKeys(inner)).toEqual([]);
  }, 180_000);
});

describe('verify-backup and readManifest', () => {
  it('readManifest reads only the summary; verify-backup on the command line says OK or names the problem with a non-zero exit', async () => {
    const m = await readManifest(fileSource(backup));
    expect(m.totals).toEqual(manifest.totals);
    const cli = (file: string) =>
      run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'verify-backup', file], { cwd: process.cwd() }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: `${e.stdout}${e.stderr}` }),
      );
    const ok = await cli(backup);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/OK: .* is complete and unaltered/);
    expect(ok.out).toMatch(new RegExp(`${manifest.totals.tables} tables, ${manifest.totals.rows} rows; 4 files`));
    const bytes = fs.readFileSync(backup);
    const bad = writeTmp('cli-cut.tar', bytes.subarray(0, bytes.length - 3000));
    const res = await cli(bad);
    expect(res.code).not.toBe(0);
    expect(res.out).toMatch(/truncated/);
  }, 120_000);
});

