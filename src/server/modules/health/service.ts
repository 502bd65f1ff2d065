import { AppError } from '../../../core/errors';
import type { Database } from '../../db/client';

/** Pings the database; `unavailable` when it does not answer. */
export async function checkHealth(database: Database): Promise<{ status: 'ok'; database: 'pglite' | 'postgres' }> {
  try {
    await database.query('select 1');
  } catch {
    throw new AppError('unavailable');
  }
  return { status: 'ok', database: database.kind };
}
