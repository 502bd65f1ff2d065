import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { backupList } from '../../../core/schemas/backups';
import { ctxOf } from '../../lib/context';
import * as service from './service';

/** The backups screen (administrators): scheduled backups with their verification. */
export async function backupRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/admin/backups',
    { schema: { tags: ['admin'], summary: 'Backups in BACKUP_DIR (or the S3 backups/ prefix): name, time, size, verification, manifest summary', response: { 200: backupList } } },
    async (req) => service.listBackupFiles(ctxOf(req), app.config),
  );
}
