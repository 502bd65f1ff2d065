import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { z } from 'zod';
import { type FileStorage, HashingStream, StorageMissingError, storageKeyFor } from '../lib/storage';
import { BackupError, drained, readTar, type TarEntry, TarWriter } from './backup-archive';
import type { Database, DatabaseKind, RawQuery } from './client';

export { BackupError, type BackupProblem } from './backup-archive';

export const BACKUP_FORMAT = 'parindex-backup';
export const BACKUP_FORMAT_VERSION = 2;

/**
 * Tables left out of a backup, with the reason. Every other table of the `public` schema is in it.
 */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  sessions: 'login sessions are short-lived secrets; a restore signs everyone out',
  assessment_field_totals: 'derived from leaf_scores; the triggers rebuild it as the leaf scores are restored',
  backup_runs: 'the record of this installation’s own backup files, not part of the data',
  login_throttles: 'failed-login counters, forgotten within a day; a restored installation starts them afresh',
};

const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int(),
  createdAt: z.string(),
  source: z.enum(['pglite', 'postgres']),
  serverVersion: z.string(),
  migrations: z.object({ count: z.number().int().min(0), last: z.string().nullable() }),
  tables: z.array(
    z.object({
      name: z.string().regex(/^[a-z_][a-z0-9_]*$/),
      part: z.string(),
      rows: z.number().int().min(0),
      bytes: z.number().int().min(0),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      columns: z.array(z.string()),
    }),
  ),
  files: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().min(0) })),
  totals: z.object({ tables: z.number().int(), rows: z.number().int(), files: z.number().int(), fileBytes: z.number().int() }),
  excludedTables: z.record(z.string(), z.string()),
});

/** The first entry of a backup: what it holds and the SHA-256 of every other entry. */
export type Manifest = z.infer<typeof manifestSchema>;

const MANIFEST = 'manifest.json';
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;
const partOf = (table: string) => `tables/${table}.ndjson.gz`;
const fileEntry = (sha: string) => `files/${sha}`;

interface Column {
  name: string;
  type: string;
  collatable: boolean;
  sequenced: boolean;
}

interface TablePlan {
  name: string;
  columns: Column[];
  orderBy: string[];
  selfRefs: string[];
  pk: string[];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables of the `public` schema (less {@link EXCLUDED_TABLES}) from the catalog, parents before children. */
export async function planTables(query: RawQuery): Promise<TablePlan[]> {
  const cols = await query<{ tbl: string; col: string; type: string; collatable: boolean; generated: boolean; sequenced: boolean }>(
    `select c.relname as tbl, a.attname as col, format_type(a.atttypid, a.atttypmod) as type, t.typcollation <> 0 as collatable,
            a.attgenerated <> '' as generated,
            (a.attidentity <> '' or coalesce(pg_get_expr(d.adbin, d.adrelid) like 'nextval(%', false)) as sequenced
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid
       join pg_namespace n on n.oid = c.relnamespace
       join pg_type t on t.oid = a.atttypid
       left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition and a.attnum > 0 and not a.attisdropped
      order by c.relname, a.attnum`,
  );
  const pks = await query<{ tbl: string; col: string }>(
    `select c.relname as tbl, a.attname as col
       from pg_index i
       join pg_class c on c.oid = i.indrelid
       join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where n.nspname = 'public' and i.indisprimary
      order by c.relname, array_position(i.indkey::int2[], a.attnum)`,
  );
  const fks = await query<{ child: string; parent: string; cols: string }>(
    `select c.relname as child, p.relname as parent,
            (select string_agg(attname, ',') from pg_attribute where attrelid = con.conrelid and attnum = any(con.conkey)) as cols
       from pg_constraint con
       join pg_class c on c.oid = con.conrelid
       join pg_class p on p.oid = con.confrelid
       join pg_namespace n on n.oid = c.relnamespace
      where con.contype = 'f' and n.nspname = 'public'`,
  );
  const tables = new Map<string, TablePlan & { deps: Set<string> }>();
  for (const c of cols) {
    if (c.tbl in EXCLUDED_TABLES) continue;
    let t = tables.get(c.tbl);
    if (!t) tables.set(c.tbl, (t = { name: c.tbl, columns: [], orderBy: [], selfRefs: [], pk: [], deps: new Set() }));
    // Generated columns are computed again by the target database.
    if (!c.generated) t.columns.push({ name: c.col, type: c.type, collatable: c.collatable, sequenced: c.sequenced });
  }
  for (const p of pks) tables.get(p.tbl)?.pk.push(p.col);
  for (const fk of fks) {
    const t = tables.get(fk.child);
    if (!t || !tables.has(fk.parent)) continue;
    if (fk.parent === fk.child) t.selfRefs.push(...fk.cols.split(','));
    else t.deps.add(fk.parent);
  }
  for (const t of tables.values()) {
    if (t.selfRefs.length && !t.pk.length) throw new BackupError('source', `Table ${t.name} refers to itself but has no primary key.`);
    // A stable order whatever the backend's collation, so that two backups of the same data are byte-identical.
    const keys = t.pk.length ? t.pk : t.columns.map((c) => c.name);
    t.orderBy = keys.map((k) => {
      const col = t.columns.find((c) => c.name === k);
      return col?.collatable ? `${ident(k)} collate "C"` : col ? ident(k) : `${ident(k)}::text collate "C"`;
    });
  }
  const ordered: TablePlan[] = [];
  const done = new Set<string>();
  const visit = (name: string, stack: string[]) => {
    if (done.has(name)) return;
    if (stack.includes(name)) throw new BackupError('source', `Foreign keys form a cycle: ${[...stack, name].join(' → ')}.`);
    const t = tables.get(name)!;
    for (const d of [...t.deps].sort()) visit(d, [...stack, name]);
    done.add(name);
    const { deps: _deps, ...plan } = t;
    ordered.push(plan);
  };
  for (const name of [...tables.keys()].sort()) visit(name, []);
  return ordered;
}

/** The migration level of a database: how many migrations ran and the hash of the last one. */
export async function migrationLevel(query: RawQuery): Promise<{ count: number; last: string | null }> {
  const [count] = await query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
  const [last] = await query<{ hash: string }>('select hash from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1');
  return { count: count?.n ?? 0, last: last?.hash ?? null };
}

/** Session settings that make text output of dates, times and bytea the same on every server. */
const TEXT_SETTINGS = [
  "set local timezone = 'UTC'",
  "set local datestyle = 'ISO, YMD'",
  "set local intervalstyle = 'postgres'",
  "set local bytea_output = 'hex'",
  'set local extra_float_digits = 1',
];

interface DumpedTable {
  plan: TablePlan;
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
}

interface StoredFile {
  id: number;
  sha256: string;
  bytes: number;
  key: string;
}

/**
 * Dumps every table in one read-only REPEATABLE READ transaction (a consistent snapshot) as gzip'd NDJSON parts in
 * `dir`: a header line `{table, columns, types}`, then one JSON array of PostgreSQL text values (or null) per row,
 * in primary-key order. Returns the parts, the stored files the `files` table references, and the migration level.
 */
async function dumpTables(database: Database, dir: string) {
  return database.rawTransaction(async (query) => {
    await query('set transaction isolation level repeatable read, read only');
    for (const s of TEXT_SETTINGS) await query(s);
    const level = await migrationLevel(query);
    const [version] = await query<{ v: string }>("select current_setting('server_version') as v");
    const plans = await planTables(query);
    const dumped: DumpedTable[] = [];
    const stored: StoredFile[] = [];
    for (const plan of plans) {
      const file = path.join(dir, `${plan.name}.ndjson.gz`);
      const hashing = new HashingStream();
      const gzip = zlib.createGzip({ level: 6 });
      const writing = pipeline(gzip, hashing, fs.createWriteStream(file));
      const write = async (line: string) => {
        if (!gzip.write(line)) await drained(gzip);
      };
      await write(`${JSON.stringify({ table: plan.name, columns: plan.columns.map((c) => c.name), types: plan.columns.map((c) => c.type) })}\n`);
      const cursor = `parindex_backup_${plan.name}`;
      const select = plan.columns.map((c, i) => `${ident(c.name)}::text as c${i}`).join(', ');
      await query(`declare ${ident(cursor)} no scroll cursor for select ${select} from ${ident(plan.name)} order by ${plan.orderBy.join(', ')}`);
      const fileCols = plan.name === 'files' ? ['id', 'sha256', 'size_bytes', 'storage_key'].map((n) => plan.columns.findIndex((c) => c.name === n)) : null;
      let rows = 0;
      for (;;) {
        const batch = await query<Record<string, string | null>>(`fetch forward 1000 from ${ident(cursor)}`);
        for (const r of batch) {
          const values = plan.columns.map((_, i) => r[`c${i}`] ?? null);
          if (fileCols) {
            const [id, sha, size, key] = fileCols.map((i) => values[i]!);
            stored.push({ id: Number(id), sha256: sha!, bytes: Number(size), key: key! });
          }
          await write(`${JSON.stringify(values)}\n`);
          rows++;
        }
        if (batch.length < 1000) break;
      }
      await query(`close ${ident(cursor)}`);
      gzip.end();
      await writing;
      dumped.push({ plan, file, rows, bytes: hashing.size, sha256: hashing.sha256() });
    }
    return { level, version: version?.v ?? '', dumped, stored };
  });
}

/** What a finished backup holds. */
export interface BackupResult {
  manifest: Manifest;
  /** Size of the archive in bytes. */
  bytes: number;
}

/**
 * Writes a backup to `out`: one tar archive with `manifest.json` first (format version, migration level, per-table
 * row counts, the SHA-256 of every part), then `tables/<name>.ndjson.gz` for every table in foreign-key order, then
 * `files/<sha256>` for every stored file the `files` table references, streamed from `storage`. Nothing is held
 * whole in memory: tables go through temporary files, stored files stream through. A stored file that is missing
 * or does not match its recorded SHA-256 fails the backup, naming it.
 */
export async function writeBackup(database: Database, storage: FileStorage, out: Writable, now = new Date()): Promise<BackupResult> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'parindex-backup-'));
  try {
    const { level, version, dumped, stored } = await dumpTables(database, dir);
    const files = stored.sort((a, b) => a.id - b.id);
    for (const f of files) {
      if (f.key !== storageKeyFor(f.sha256)) throw new BackupError('source', `files row ${f.id} has storage key ${f.key}; expected ${storageKeyFor(f.sha256)}.`);
      const st = await storage.stat(f.key);
      if (!st) throw new BackupError('source', `The stored file ${f.sha256} (files row ${f.id}) is missing from ${storage.location}.`);
      if (st.size !== f.bytes) throw new BackupError('source', `The stored file ${f.sha256} (files row ${f.id}) has ${st.size} bytes in storage; its row says ${f.bytes}.`);
    }
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: now.toISOString(),
      source: database.kind,
      serverVersion: version,
      migrations: level,
      tables: dumped.map((d) => ({ name: d.plan.name, part: partOf(d.plan.name), rows: d.rows, bytes: d.bytes, sha256: d.sha256, columns: d.plan.columns.map((c) => c.name) })),
      files: files.map((f) => ({ sha256: f.sha256, bytes: f.bytes })),
      totals: {
        tables: dumped.length,
        rows: dumped.reduce((s, d) => s + d.rows, 0),
        files: files.length,
        fileBytes: files.reduce((s, f) => s + f.bytes, 0),
      },
      excludedTables: { ...EXCLUDED_TABLES },
    };
    const tar = new TarWriter(out, now);
    const json = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
    await tar.add(MANIFEST, json.length, json);
    for (const d of dumped) {
      const sha = await tar.add(partOf(d.plan.name), d.bytes, fs.createReadStream(d.file));
      if (sha !== d.sha256) throw new BackupError('source', `The temporary part for ${d.plan.name} changed while the backup was written.`);
    }
    for (const f of files) {
      let body: Readable;
      try {
        body = await storage.stream(f.key);
      } catch (err) {
        if (err instanceof StorageMissingError) throw new BackupError('source', `The stored file ${f.sha256} (files row ${f.id}) is missing from ${storage.location}.`);
        throw err;
      }
      const sha = await tar.add(fileEntry(f.sha256), f.bytes, body);
      if (sha !== f.sha256) throw new BackupError('source', `The stored file ${f.sha256} (files row ${f.id}) does not match its SHA-256 (it holds ${sha}); the storage is damaged.`);
    }
    await tar.finish();
    return { manifest, bytes: tar.bytes };
  } catch (err) {
    out.destroy(err as Error);
    throw err;
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

/** Writes a backup to a local file: written under a temporary name and renamed when complete. */
export async function backupToFile(database: Database, storage: FileStorage, file: string, now = new Date()): Promise<BackupResult> {
  const tmp = `${file}.${crypto.randomBytes(4).toString('hex')}.partial`;
  try {
    const res = await writeBackup(database, storage, fs.createWriteStream(tmp, { flags: 'wx' }), now);
    await fsp.rename(tmp, file);
    return res;
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
}

/** Writes a backup as an object of a storage (the backups folder or bucket prefix); the object appears only when complete. */
export async function backupToStorage(database: Database, storage: FileStorage, target: FileStorage, key: string, now = new Date()): Promise<BackupResult> {
  const pass = new PassThrough();
  const [res] = await Promise.all([writeBackup(database, storage, pass, now), target.putStream(key, pass)]);
  return res;
}

/** Opens a backup for one reading pass (it is read twice by restore: to verify, then to load). */
export type BackupSource = () => Promise<AsyncIterable<Buffer>> | AsyncIterable<Buffer>;

/** A backup in a local file. */
export const fileSource =
  (file: string): BackupSource =>
  () =>
    fs.createReadStream(file, { highWaterMark: 1024 * 1024 });

async function readAll(entry: TarEntry, limit: number): Promise<Buffer> {
  if (entry.size > limit) throw new BackupError('unknown_format', `${entry.name} is too large (${entry.size} bytes).`);
  const chunks: Buffer[] = [];
  for await (const c of entry.body) chunks.push(c);
  return Buffer.concat(chunks);
}

function parseManifest(raw: Buffer): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BackupError('altered', 'The backup was altered: manifest.json is not valid JSON.');
  }
  const fmt = (json as { format?: unknown; formatVersion?: unknown } | null) ?? {};
  if (fmt.format !== BACKUP_FORMAT) throw new BackupError('unknown_format', 'Not a ParIndex backup (manifest.json names another format).');
  if (fmt.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupError('unknown_format', `Backup format version ${String(fmt.formatVersion)} is not supported; this ParIndex reads version ${BACKUP_FORMAT_VERSION}.`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new BackupError('altered', `The backup was altered: manifest.json is malformed at ${first.path.join('.') || '(root)'} (${first.message}).`);
  }
  const m = parsed.data;
  for (const t of m.tables) if (t.part !== partOf(t.name)) throw new BackupError('altered', `The backup was altered: table ${t.name} points to ${t.part}.`);
  return m;
}

/**
 * Streams a gzip'd part through a hash and a gunzip, and its lines to `onLine`. Every byte of the part is hashed
 * even when gunzip or `onLine` fails part-way (then the lines stop), so the caller can tell an altered part from
 * another failure. Returns the first failure instead of throwing it.
 */
async function scanPart(body: AsyncIterable<Buffer>, hash: HashingStream, onLine: (line: string) => Promise<void>): Promise<unknown> {
  const gunzip = zlib.createGunzip();
  let failure: unknown = null;
  gunzip.on('error', (e) => (failure ??= e));
  const feed = (async () => {
    for await (const chunk of body) {
      hash.write(chunk);
      if (gunzip.destroyed || failure) continue;
      if (!gunzip.write(chunk)) await drained(gunzip).catch(() => undefined);
    }
    hash.end();
    if (!gunzip.destroyed) gunzip.end();
  })();
  hash.resume();
  const consume = (async () => {
    try {
      const rl = readline.createInterface({ input: gunzip, crlfDelay: Infinity });
      for await (const line of rl) await onLine(line);
    } catch (err) {
      failure ??= err;
    } finally {
      gunzip.destroy();
    }
  })();
  await Promise.all([feed, consume]);
  await new Promise<void>((resolve) => (hash.writableFinished ? resolve() : hash.once('finish', () => resolve())));
  return failure;
}

/** The header line of a table part. */
interface PartHeader {
  table: string;
  columns: string[];
  types: string[];
}

/**
 * Reads one table part, checks its header, hands each row to `onRow` and checks, at its end, its SHA-256 and row
 * count against the manifest. An altered part is reported as such even when the alteration broke its gzip or JSON.
 */
async function readTablePart(
  entry: TarEntry,
  expected: Manifest['tables'][number],
  onHeader: (h: PartHeader) => Promise<void> | void,
  onRow: (row: (string | null)[]) => Promise<void> | void,
): Promise<void> {
  const hashing = new HashingStream();
  let rows = 0;
  let header: PartHeader | null = null;
  const failure = await scanPart(entry.body, hashing, async (line) => {
    const value = JSON.parse(line) as unknown;
    if (!header) {
      header = value as PartHeader;
      if (header.table !== expected.name || JSON.stringify(header.columns) !== JSON.stringify(expected.columns) || !Array.isArray(header.types)) {
        throw new BackupError('altered', `The backup was altered: the header of ${entry.name} does not match the manifest.`);
      }
      await onHeader(header);
      return;
    }
    if (!Array.isArray(value) || value.length !== header.columns.length || !value.every((v) => v === null || typeof v === 'string')) {
      throw new BackupError('altered', `The backup was altered: row ${rows + 1} of ${entry.name} is malformed.`);
    }
    rows++;
    await onRow(value as (string | null)[]);
  });
  if (hashing.size !== expected.bytes || hashing.sha256() !== expected.sha256) {
    throw new BackupError('altered', `The backup was altered: ${entry.name} does not match its SHA-256 in the manifest.`);
  }
  if (failure) {
    if (failure instanceof BackupError) throw failure;
    if (failure instanceof SyntaxError || String((failure as { code?: string }).code).startsWith('Z_')) {
      throw new BackupError('altered', `${entry.name} cannot be read: ${(failure as Error).message}.`);
    }
    throw failure;
  }
  if (!header) throw new BackupError('altered', `${entry.name} is empty.`);
  if (rows !== expected.rows) throw new BackupError('altered', `The backup was altered: ${entry.name} holds ${rows} rows; the manifest says ${expected.rows}.`);
}

/** Hooks a reading pass calls (verification passes none). */
interface PassHooks {
  onTableHeader?(table: Manifest['tables'][number], header: PartHeader): Promise<void> | void;
  onRow?(table: Manifest['tables'][number], row: (string | null)[]): Promise<void> | void;
  onTableEnd?(table: Manifest['tables'][number]): Promise<void> | void;
  onFile?(file: Manifest['files'][number], body: AsyncIterable<Buffer>): Promise<void>;
}

/**
 * One pass over a backup: the manifest first, then every part in the manifest's order, each checked against its
 * SHA-256, size and row count, then the end of the archive. Rows of the `files` table must list exactly the files
 * of the manifest, in order. Throws a {@link BackupError} naming the first problem.
 */
async function readBackup(source: BackupSource, hooks: PassHooks = {}): Promise<Manifest> {
  const entries = readTar(await source());
  const next = async (what: string): Promise<TarEntry> => {
    const r = await entries.next();
    if (r.done) throw new BackupError('truncated', `The backup is truncated: ${what} is missing.`);
    return r.value;
  };
  const first = await next(MANIFEST);
  if (first.name !== MANIFEST) throw new BackupError('unknown_format', `Not a ParIndex backup: the first entry is ${first.name}, not ${MANIFEST}.`);
  const manifest = parseManifest(await readAll(first, MAX_MANIFEST_BYTES));
  let fileIndex = 0;
  for (const table of manifest.tables) {
    const entry = await next(table.part);
    if (entry.name !== table.part) throw new BackupError('altered', `The backup was altered: found ${entry.name} where ${table.part} was expected.`);
    const isFiles = table.name === 'files';
    let cols: { sha: number; size: number; key: number } | null = null;
    await readTablePart(
      entry,
      table,
      async (h) => {
        if (isFiles) cols = { sha: h.columns.indexOf('sha256'), size: h.columns.indexOf('size_bytes'), key: h.columns.indexOf('storage_key') };
        await hooks.onTableHeader?.(table, h);
      },
      async (row) => {
        if (cols) {
          const want = manifest.files[fileIndex++];
          const sha = row[cols.sha];
          if (!want || sha !== want.sha256 || Number(row[cols.size]) !== want.bytes || row[cols.key] !== storageKeyFor(sha)) {
            throw new BackupError('altered', `The backup was altered: files row ${fileIndex} does not match file ${fileIndex} of the manifest.`);
          }
        }
        await hooks.onRow?.(table, row);
      },
    );
    await hooks.onTableEnd?.(table);
  }
  if (fileIndex !== manifest.files.length) throw new BackupError('altered', `The backup was altered: the files table lists ${fileIndex} files; the manifest ${manifest.files.length}.`);
  for (const file of manifest.files) {
    const name = fileEntry(file.sha256);
    const entry = await next(name);
    if (entry.name !== name) throw new BackupError('altered', `The backup was altered: found ${entry.name} where ${name} was expected.`);
    if (entry.size !== file.bytes) throw new BackupError('altered', `The backup was altered: ${name} has ${entry.size} bytes; the manifest says ${file.bytes}.`);
    const hash = crypto.createHash('sha256');
    const hashed = async function* () {
      for await (const chunk of entry.body) {
        hash.update(chunk);
        yield chunk;
      }
    };
    if (hooks.onFile) await hooks.onFile(file, hashed());
    else for await (const _ of hashed()) void _;
    if (hash.digest('hex') !== file.sha256) throw new BackupError('altered', `The backup was altered: ${name} does not match its SHA-256.`);
  }
  const end = await entries.next();
  if (!end.done) throw new BackupError('altered', `The backup was altered: unexpected entry ${end.value.name} after the last file.`);
  return manifest;
}

/** Verifies a whole backup (every part against the manifest) without writing anything; returns its manifest. */
export async function verifyBackup(source: BackupSource): Promise<Manifest> {
  return readBackup(source);
}

/** Reads only the manifest (the first entry) of a backup, for listings; it checks nothing else. */
export async function readManifest(source: BackupSource): Promise<Manifest> {
  const entries = readTar(await source());
  try {
    const first = await entries.next();
    if (first.done || first.value.name !== MANIFEST) throw new BackupError('unknown_format', `Not a ParIndex backup: no ${MANIFEST} first.`);
    return parseManifest(await readAll(first.value, MAX_MANIFEST_BYTES));
  } finally {
    await entries.return(undefined);
  }
}

/** What a restore loaded. */
export interface RestoreResult {
  manifest: Manifest;
  tables: number;
  rows: number;
  files: number;
  /** Files written to the storage (the others were there already, content-addressed). */
  filesWritten: number;
}

const BATCH_BYTES = 1024 * 1024;

/**
 * Restores a backup into an empty database at the same migration level, and its files into `storage`. The whole
 * backup is verified first; then, in one transaction, every row is loaded (self-references set afterwards,
 * sequences moved past the restored ids) and every part checked again as it is read, and the files are written
 * (content-addressed, each verified before it is visible). On any error the transaction is rolled back, the files
 * this restore wrote are removed, and a {@link BackupError} (or the database's error) says what was wrong.
 */
export async function restoreBackup(database: Database, storage: FileStorage, source: BackupSource): Promise<RestoreResult> {
  const manifest = await verifyBackup(source);
  const here = await migrationLevel((t, p) => database.query(t, p));
  if (here.count !== manifest.migrations.count || here.last !== manifest.migrations.last) {
    throw new BackupError(
      'migration_mismatch',
      `Wrong migration level: the backup was made at migration ${manifest.migrations.count} (${manifest.migrations.last?.slice(0, 12) ?? 'none'}), this database is at ${here.count} (${here.last?.slice(0, 12) ?? 'none'}). Restore with the ParIndex version that made the backup, then upgrade.`,
    );
  }
  const written: string[] = [];
  let rows = 0;
  try {
    await database.rawTransaction(async (query) => {
      for (const s of TEXT_SETTINGS) await query(s);
      // Field totals are rebuilt once at the end, not pair by pair as the leaf scores arrive (migration 0015).
      await query("set local parindex.restoring = 'on'");
      const plans = new Map((await planTables(query)).map((p) => [p.name, p]));
      const missing = manifest.tables.filter((t) => !plans.has(t.name)).map((t) => t.name);
      const extra = [...plans.keys()].filter((n) => !manifest.tables.some((t) => t.name === n));
      if (missing.length || extra.length) {
        throw new BackupError('migration_mismatch', `The tables differ from this database's: ${[...missing.map((n) => `${n} is not here`), ...extra.map((n) => `${n} is not in the backup`)].join('; ')}.`);
      }
      const busy: string[] = [];
      for (const t of manifest.tables) {
        const [r] = await query<{ any: boolean }>(`select exists (select 1 from ${ident(t.name)}) as any`);
        if (r?.any) busy.push(t.name);
      }
      if (busy.length) {
        throw new BackupError('target_not_empty', `The target database is not empty (rows in ${busy.slice(0, 5).join(', ')}${busy.length > 5 ? ', …' : ''}): restore only into a freshly created database (a new DATA_DIR or an empty DATABASE_URL).`);
      }

      let table: { plan: TablePlan; insert: string; selfIdx: number[]; pkIdx: number[]; update: string[] } | null = null;
      let batch: string[] = [];
      let batchBytes = 0;
      let selfUpdates: string[] = [];
      const flush = async () => {
        if (!table || !batch.length) return;
        await query(table.insert, [`[${batch.join(',')}]`]);
        batch = [];
        batchBytes = 0;
      };
      await readBackup(() => source(), {
        onTableHeader(t, h) {
          const plan = plans.get(t.name)!;
          const types = h.columns.map((name, i) => {
            const col = plan.columns.find((c) => c.name === name);
            if (!col || col.type !== h.types[i]) {
              throw new BackupError('migration_mismatch', `Column ${t.name}.${name} is ${h.types[i]} in the backup but ${col?.type ?? 'absent'} here.`);
            }
            return col.type;
          });
          if (h.columns.length !== plan.columns.length) throw new BackupError('migration_mismatch', `Table ${t.name} has other columns here than in the backup.`);
          const selfIdx = plan.selfRefs.map((c) => h.columns.indexOf(c));
          const pkIdx = plan.pk.map((c) => h.columns.indexOf(c));
          const values = types.map((type, i) => (selfIdx.includes(i) ? 'null' : `(r->>${i})::${type}`));
          table = {
            plan,
            insert: `insert into ${ident(t.name)} (${h.columns.map(ident).join(', ')}) overriding system value select ${values.join(', ')} from json_array_elements($1::json) as r`,
            selfIdx,
            pkIdx,
            update: selfIdx.map(
              (si) =>
                `update ${ident(t.name)} as t set ${ident(h.columns[si]!)} = (r->>${pkIdx.length})::${types[si]} from json_array_elements($1::json) as r where ${pkIdx
                  .map((pi, k) => `t.${ident(h.columns[pi]!)} = (r->>${k})::${types[pi]}`)
                  .join(' and ')}`,
            ),
          };
          selfUpdates = selfIdx.map(() => '');
        },
        async onRow(_t, row) {
          const json = JSON.stringify(row);
          batch.push(json);
          batchBytes += json.length;
          rows++;
          table!.selfIdx.forEach((si, k) => {
            if (row[si] !== null) selfUpdates[k] += `${selfUpdates[k] ? ',' : ''}${JSON.stringify([...table!.pkIdx.map((pi) => row[pi]), row[si]])}`;
          });
          if (batchBytes >= BATCH_BYTES || batch.length >= 2000) await flush();
        },
        async onTableEnd() {
          await flush();
          for (const [k, sql] of table!.update.entries()) if (selfUpdates[k]) await query(sql, [`[${selfUpdates[k]}]`]);
          for (const col of table!.plan.columns.filter((c) => c.sequenced)) {
            const name = table!.plan.name;
            await query(
              `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${ident(col.name)}) from ${ident(name)}), 0) + 1, false)`,
              [ident(name), col.name],
            );
          }
          table = null;
        },
        async onFile(file, body) {
          const key = storageKeyFor(file.sha256);
          const st = await storage.stat(key);
          if (st && st.size === file.bytes) {
            for await (const _ of body) void _;
            return;
          }
          try {
            await storage.putStream(key, Readable.from(body), { sha256: file.sha256, size: file.bytes });
          } catch (err) {
            if (err instanceof BackupError) throw err;
            throw new BackupError('storage', `Writing file ${file.sha256} to ${storage.location} failed: ${(err as Error).message}`);
          }
          if (!st) written.push(key);
        },
      });
      const [rebuild] = await query<{ fn: string | null }>("select to_regproc('parindex_rebuild_field_totals')::text as fn");
      if (rebuild?.fn) await query('select parindex_rebuild_field_totals()');
    });
  } catch (err) {
    for (const key of written) await storage.remove(key).catch(() => undefined);
    throw err;
  }
  return { manifest, tables: manifest.tables.length, rows, files: manifest.files.length, filesWritten: written.length };
}

/** Describes a manifest in a few lines (CLI, logs). */
export function describeManifest(m: Manifest, bytes?: number): string {
  const lines = [
    `ParIndex backup, format ${m.formatVersion}, made ${m.createdAt} on ${m.source === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${m.serverVersion}`,
    `  migration level: ${m.migrations.count} (${m.migrations.last?.slice(0, 12) ?? 'none'})`,
    `  ${m.totals.tables} tables, ${m.totals.rows} rows; ${m.totals.files} files, ${m.totals.fileBytes} bytes${bytes !== undefined ? `; archive ${bytes} bytes` : ''}`,
  ];
  const widest = Math.max(...m.tables.map((t) => t.name.length));
  for (const t of m.tables) lines.push(`    ${t.name.padEnd(widest)} ${String(t.rows).padStart(8)} rows  sha256 ${t.sha256.slice(0, 16)}…`);
  return lines.join('\n');
}

export type { DatabaseKind };
