import { z } from 'zod';

export const backupSummary = z.object({
  createdAt: z.string(),
  source: z.enum(['pglite', 'postgres']),
  migrations: z.number().int(),
  tables: z.number().int(),
  rows: z.number().int(),
  files: z.number().int(),
  fileBytes: z.number().int(),
});

export const backupItem = z.object({
  name: z.string(),
  createdAt: z.string().nullable(),
  bytes: z.number().int().nullable(),
  status: z.enum(['verified', 'unverified', 'running', 'failed', 'unreadable']),
  verifiedAt: z.string().nullable(),
  summary: backupSummary.nullable(),
  error: z.string().nullable(),
});
export type BackupItem = z.infer<typeof backupItem>;

/** The admin screen's list: where scheduled backups go (null when BACKUP_DIR is unset) and the backups there. */
export const backupList = z.object({
  location: z.string().nullable(),
  keep: z.number().int().nullable(),
  items: z.array(backupItem),
});
export type BackupList = z.infer<typeof backupList>;
