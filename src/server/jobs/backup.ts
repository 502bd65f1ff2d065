import os from 'node:os';
import { desc } from 'drizzle-orm';
import type { Config } from '../config';
import { backupToStorage, type Manifest, readManifest, verifyBackup } from '../db/backup';
import type { Database, DbOrTx } from '../db/client';
import { backupRuns } from '../db/schema/index';
import { type FileStorage, LocalStorage, openS3Storage } from '../lib/storage';

/** Scheduled backups are named by their UTC time, so that names sort by age. */
const NAME = /^parindex-(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})(\d{2})Z\.tar$/;

/** The day (in Vietnam, UTC+7) whose backup is due, and whether it is due yet: from 02:00 local time. */
export function backupDay(now: Date): { day: string; due: boolean } {
  const local = new Date(now.getTime() + 7 * 3600_000);
  return { day: local.toISOString().slice(0, 10), due: local.getUTCHours() >= 2 };
}

/** The name of a backup written at `now`. */
export function backupName(now: Date): string {
  return `parindex-${now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace(/^(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}Z.tar`;
}

/** Where scheduled backups go: the BACKUP_DIR folder, or the S3 bucket under backups/ (BACKUP_DIR=s3); null when unset. */
export async function openBackupTarget(config: Pick<Config, 'backup' | 's3'>): Promise<FileStorage | null> {
  if (!config.backup) return null;
  if (config.backup.target.kind === 'local') return new LocalStorage(config.backup.target.dir);
  return openS3Storage(config.s3!, 'backups/');
}

/** The summary of a manifest kept with a run and shown on the admin screen. */
export interface BackupSummary {
  createdAt: string;
  source: Manifest['source'];
  migrations: number;
  tables: number;
  rows: number;
  files: number;
  fileBytes: number;
}

const summaryOf = (m: Manifest): BackupSummary => ({
  createdAt: m.createdAt,
  source: m.source,
  migrations: m.migrations.count,
  tables: m.totals.tables,
  rows: m.totals.rows,
  files: m.totals.files,
  fileBytes: m.totals.fileBytes,
});

export interface ScheduledBackupOptions {
  database: Database;
  /** The storage of uploaded files (their bytes go into the backup). */
  storage: FileStorage;
  /** Where backups are written. */
  target: FileStorage;
  /** How many scheduled backups to keep (the newest). */
  keep: number;
  now: Date;
  /** Who runs it, for the record (host and process). */
  instance?: string;
}

export type ScheduledBackupResult =
  | { ran: false }
  | { ran: true; name: string; ok: true; bytes: number; removed: string[] }
  | { ran: true; name: string; ok: false; error: string };

/**
 * Writes the day's backup if it is due and no instance has written or is writing it: the day's row in
 * `backup_runs` is claimed with one INSERT … ON CONFLICT (a failed run is retried up to three times, 15 minutes
 * apart; a run silent for six hours is taken over). The backup is written to the target, read back and verified,
 * recorded, and then the scheduled backups beyond the newest `keep` are removed. Self-contained: a job queue can
 * call it on any instance at any interval.
 */
export async function runScheduledBackup(options: ScheduledBackupOptions): Promise<ScheduledBackupResult> {
  const { database, storage, target, keep, now } = options;
  const { day, due } = backupDay(now);
  if (!due) return { ran: false };
  const name = backupName(now);
  const instance = options.instance ?? `${os.hostname()}:${process.pid}`;
  const claimed = await database.query<{ id: number }>(
    `insert into backup_runs (day, name, status, instance, started_at) values ($1, $2, 'running', $3, $4)
     on conflict (day) do update set name = excluded.name, status = 'running', instance = excluded.instance, started_at = excluded.started_at,
       attempts = backup_runs.attempts + 1, finished_at = null, error = null, bytes = null, summary = null, verified_at = null
     where (backup_runs.status = 'failed' and backup_runs.attempts < 3 and backup_runs.finished_at < $4::timestamptz - interval '15 minutes')
        or (backup_runs.status = 'running' and backup_runs.started_at < $4::timestamptz - interval '6 hours')
     returning id`,
    [day, name, instance, now.toISOString()],
  );
  const id = claimed[0]?.id;
  if (id === undefined) return { ran: false };
  const started = Date.now();
  // Times on the caller's clock (tests move it), advanced by the real time the run took.
  const finishedAt = () => new Date(now.getTime() + (Date.now() - started)).toISOString();
  try {
    const written = await backupToStorage(database, storage, target, name, now);
    const manifest = await verifyBackup(() => target.stream(name));
    const bytes = (await target.stat(name))?.size ?? written.bytes;
    await database.query("update backup_runs set status = 'done', finished_at = $2, bytes = $3, summary = $4::jsonb, verified_at = $2 where id = $1", [
      id,
      finishedAt(),
      bytes,
      JSON.stringify(summaryOf(manifest)),
    ]);
    const removed = await pruneBackups(target, keep);
    return { ran: true, name, ok: true, bytes, removed };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await target.remove(name).catch(() => undefined);
    await database.query("update backup_runs set status = 'failed', finished_at = $2, error = $3 where id = $1", [id, finishedAt(), error.slice(0, 2000)]);
    return { ran: true, name, ok: false, error };
  }
}

/** Removes the scheduled backups (by name) beyond the newest `keep`; other files in the target are left alone. */
export async function pruneBackups(target: FileStorage, keep: number): Promise<string[]> {
  const names: string[] = [];
  for await (const e of target.list('')) if (NAME.test(e.key)) names.push(e.key);
  const old = names.sort().reverse().slice(keep);
  for (const n of old) await target.remove(n);
  return old;
}

/** A backup as the admin screen lists it. */
export interface BackupListItem {
  name: string;
  createdAt: string | null;
  bytes: number | null;
  /** verified: written and read back by the scheduled job; unverified: a file the job did not write (copied, CLI). */
  status: 'verified' | 'unverified' | 'running' | 'failed' | 'unreadable';
  verifiedAt: string | null;
  summary: BackupSummary | null;
  error: string | null;
}

/**
 * The backups in the target, newest first, with the record of the scheduled run that wrote each (verification,
 * summary) or, for a file written otherwise, its manifest's summary; failed and running runs of the last days too.
 */
export async function listBackups(db: DbOrTx, target: FileStorage): Promise<BackupListItem[]> {
  const runs = await db.select().from(backupRuns).orderBy(desc(backupRuns.day)).limit(200);
  const byName = new Map(runs.map((r) => [r.name, r]));
  const items: BackupListItem[] = [];
  for await (const e of target.list('')) {
    if (!e.key.endsWith('.tar') || e.key.includes('/')) continue;
    const run = byName.get(e.key);
    byName.delete(e.key);
    if (run?.status === 'done') {
      items.push({
        name: e.key,
        createdAt: (run.summary as BackupSummary | null)?.createdAt ?? run.startedAt.toISOString(),
        bytes: e.size,
        status: 'verified',
        verifiedAt: run.verifiedAt?.toISOString() ?? null,
        summary: run.summary as BackupSummary | null,
        error: null,
      });
      continue;
    }
    try {
      const m = await readManifest(() => target.stream(e.key));
      items.push({ name: e.key, createdAt: m.createdAt, bytes: e.size, status: 'unverified', verifiedAt: null, summary: summaryOf(m), error: null });
    } catch (err) {
      items.push({ name: e.key, createdAt: e.modifiedAt.toISOString(), bytes: e.size, status: 'unreadable', verifiedAt: null, summary: null, error: (err as Error).message });
    }
  }
  for (const run of byName.values()) {
    if (run.status === 'done') continue; // its file was pruned or removed
    items.push({
      name: run.name,
      createdAt: run.startedAt.toISOString(),
      bytes: null,
      status: run.status === 'running' ? 'running' : 'failed',
      verifiedAt: null,
      summary: null,
      error: run.error,
    });
  }
  return items.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}
