import type { BackupList } from '../../../core/schemas/backups';
import type { Config } from '../../config';
import { listBackups, openBackupTarget } from '../../jobs/backup';
import type { Ctx } from '../../lib/context';
import { authorize, requireActor } from '../../policies';

/** The scheduled backups and any other backup file in BACKUP_DIR (or the bucket's backups/), for administrators. */
export async function listBackupFiles(ctx: Ctx, config: Pick<Config, 'backup' | 's3'>): Promise<BackupList> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'backup.list', { provinceId: actor.provinceId });
  const target = await openBackupTarget(config);
  if (!target || !config.backup) return { location: null, keep: null, items: [] };
  return { location: target.location, keep: config.backup.keep, items: await listBackups(ctx.db, target) };
}
