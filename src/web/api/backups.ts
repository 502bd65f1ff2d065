import { useQuery } from '@tanstack/react-query';
import { backupList, type BackupItem } from '../../core/schemas/backups';
import { request } from './client';
import { BACKUPS_KEY } from './keys';

export type { BackupItem };

/** The backups in BACKUP_DIR (administrators). */
export function useBackups() {
  return useQuery({ queryKey: BACKUPS_KEY, queryFn: () => request('GET', '/api/admin/backups', backupList) });
}
