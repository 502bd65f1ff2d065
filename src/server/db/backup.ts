import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { is } from 'drizzle-orm';
import { PgTable as PgTableClass } from 'drizzle-orm/pg-core';
import type { Database } from './client';
import * as schema from './schema/index';

/** Tables that are not backed up: sessions are short-lived secrets; field totals are derived (rebuilt by triggers). */
const EXCLUDED = new Set(['sessions', 'assessment_field_totals']);

interface TableInfo {
  name: string;
  columns: string[];
  identity: string | null;
  selfRefs: string[];
  dependsOn: string[];
}

/** The schema's tables in foreign-key order (parents before children). */
export function tablesInOrder(): TableInfo[] {
  const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTableClass));
  const infos = new Map<string, TableInfo>();
  for (const t of tables) {
    const cfg = getTableConfig(t);
    if (EXCLUDED.has(cfg.name)) continue;
    const deps = new Set<string>();
    const selfRefs: string[] = [];
    for (const fk of cfg.foreignKeys) {
      const ref = fk.reference();
      const target = getTableConfig(ref.foreignTable).name;
      if (target === cfg.name) selfRefs.push(...ref.columns.map((c) => c.name));
      else deps.add(target);
    }
    const identity = cfg.columns.find((c) => (c as unknown as { generatedIdentity?: unknown }).generatedIdentity)?.name ?? null;
    infos.set(cfg.name, {
      name: cfg.name,
      // Generated columns are recomputed by the database on restore.
      columns: cfg.columns.filter((c) => !(c as unknown as { generated?: unknown }).generated).map((c) => c.name),
      identity,
      selfRefs,
      dependsOn: [...deps],
    });
  }
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  const visit = (name: string, stack: Set<string>) => {
    if (done.has(name) || !infos.has(name)) return;
    if (stack.has(name)) throw new Error(`foreign-key cycle through ${name}`);
    stack.add(name);
    for (const d of infos.get(name)!.dependsOn) visit(d, stack);
    stack.delete(name);
    done.add(name);
    ordered.push(infos.get(name)!);
  };
  for (const name of [...infos.keys()].sort()) visit(name, new Set());
  return ordered;
}

export interface BackupHeader {
  format: 'parindex-backup';
  formatVersion: 1;
  migrations: number;
  lastMigration: string | null;
  createdAt: string;
  source: 'pglite' | 'postgres';
}

async function migrationState(database: Database): Promise<{ count: number; last: string | null }> {
  const rows = await database.query<{ n: number; last: string | null }>(
    'select count(*)::int as n, max(hash) filter (where created_at = (select max(created_at) from drizzle.__drizzle_migrations)) as last from drizzle.__drizzle_migrations',
  );
  return { count: rows[0]?.n ?? 0, last: rows[0]?.last ?? null };
}

function normalizeValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  return v;
}

/**
 * Writes a logical backup: gzip'd NDJSON, a header line, then per table a `{table, columns}` line followed by
 * one JSON array per row, in primary-key order. It restores into either backend.
 */
export async function backupDatabase(database: Database, file: string, now = new Date()): Promise<{ tables: number; rows: number }> {
  const mig = await migrationState(database);
  const header: BackupHeader = {
    format: 'parindex-backup',
    formatVersion: 1,
    migrations: mig.count,
    lastMigration: mig.last,
    createdAt: now.toISOString(),
    source: database.kind,
  };
  const tables = tablesInOrder();
  let rowCount = 0;
  async function* lines() {
    yield `${JSON.stringify(header)}\n`;
    for (const t of tables) {
      yield `${JSON.stringify({ table: t.name, columns: t.columns })}\n`;
      const order = t.identity ?? t.columns[0]!;
      const cols = t.columns.map((c) => `"${c}"`).join(', ');
      const batch = 5000;
      let offset = 0;
      for (;;) {
        const rows = await database.query<Record<string, unknown>>(
          `select ${cols} from "${t.name}" order by "${order}" limit ${batch} offset ${offset}`,
        );
        for (const r of rows) {
          rowCount++;
          yield `${JSON.stringify(t.columns.map((c) => normalizeValue(r[c])))}\n`;
        }
        if (rows.length < batch) break;
        offset += batch;
      }
    }
  }
  await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(file));
  return { tables: tables.length, rows: rowCount };
}

/** Refuses to restore into a database that already holds data. */
async function assertEmpty(database: Database): Promise<void> {
  const rows = await database.query<{ n: number }>('select count(*)::int as n from provinces');
  if ((rows[0]?.n ?? 0) > 0) {
    throw new Error('The target database is not empty: restore only into a freshly migrated database (new DATA_DIR or empty DATABASE_URL).');
  }
}

/**
 * Restores a backup into a freshly migrated, empty database (PGlite or PostgreSQL) in one transaction, then
 * moves identity sequences past the restored ids.
 */
export async function restoreDatabase(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  await assertEmpty(database);
  const mig = await migrationState(database);
  const infos = new Map(tablesInOrder().map((t) => [t.name, t]));
  // No await between creating the line reader and iterating it: readline drops lines emitted before the loop starts.
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let header: BackupHeader | null = null;
  let current: { info: TableInfo; columns: string[] } | null = null;
  let pending: unknown[][] = [];
  let tables = 0;
  let rows = 0;
  const statements: { text: string; params: unknown[] }[] = [];
  const selfRefUpdates: { text: string; params: unknown[] }[] = [];

  const flush = () => {
    if (!current || pending.length === 0) return;
    const { info, columns } = current;
    const selfIdx = columns.map((c, i) => (info.selfRefs.includes(c) ? i : -1)).filter((i) => i >= 0);
    const idIdx = columns.indexOf(info.identity ?? columns[0]!);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const r of pending) {
      const values = r.map((v, i) => {
        if (selfIdx.includes(i) && v !== null) {
          selfRefUpdates.push({
            text: `update "${info.name}" set "${columns[i]}" = $1 where "${columns[idIdx]}" = $2`,
            params: [v, r[idIdx]],
          });
          return null;
        }
        return v !== null && typeof v === 'object' ? JSON.stringify(v) : v;
      });
      tuples.push(`(${values.map((v) => `$${params.push(v)}`).join(', ')})`);
    }
    statements.push({
      text: `insert into "${info.name}" (${columns.map((c) => `"${c}"`).join(', ')}) overriding system value values ${tuples.join(', ')}`,
      params,
    });
    pending = [];
  };

  for await (const line of rl) {
    if (!line.trim()) continue;
    const value = JSON.parse(line) as unknown;
    if (!header) {
      header = value as BackupHeader;
      if (header.format !== 'parindex-backup') throw new Error('Not a ParIndex backup file.');
      if (header.migrations !== mig.count) {
        throw new Error(`The backup was made at migration ${header.migrations}; this database is at ${mig.count}. Use the matching ParIndex version.`);
      }
      continue;
    }
    if (!Array.isArray(value)) {
      flush();
      const { table, columns } = value as { table: string; columns: string[] };
      const info = infos.get(table);
      if (!info) throw new Error(`Unknown table in backup: ${table}`);
      current = { info, columns };
      tables++;
      continue;
    }
    if (!current) throw new Error('Malformed backup: a row before any table.');
    pending.push(value);
    rows++;
    if (pending.length >= 500) flush();
  }
  flush();
  if (!header) throw new Error('Empty backup file.');

  await database.rawTransaction(async (query) => {
    for (const st of statements) await query(st.text, st.params);
    for (const st of selfRefUpdates) await query(st.text, st.params);
    for (const info of infos.values()) {
      if (!info.identity) continue;
      await query(
        `select setval(pg_get_serial_sequence('"${info.name}"', '${info.identity}'), coalesce((select max("${info.identity}") from "${info.name}"), 0) + 1, false)`,
        [],
      );
    }
  });
  return { tables, rows };
}
