import fsp from 'node:fs/promises';
import { type FileStorage, LocalStorage } from '../../lib/storage';
import type { Database } from '../../db/client';

/** HTTP servers whose process is shutting down (keyed by the server, so each app has its own state). */
const draining = new WeakSet<object>();

/** From now on the app is draining: `/api/ready` answers 503 so load balancers stop sending it requests. */
export function startDraining(app: { server: object }): void {
  draining.add(app.server);
}

/** Liveness: the process answers. Touches neither the database nor the storage, so it stays cheap under load. */
export function checkHealth(database: Database): { status: 'ok'; database: 'pglite' | 'postgres' } {
  return { status: 'ok', database: database.kind };
}

export type CheckResult = 'ok' | 'error';
export interface Readiness {
  status: 'ready' | 'draining' | 'unavailable';
  database: CheckResult;
  storage: CheckResult;
}

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout(work: Promise<unknown>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve('error'), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work.then((): CheckResult => 'ok', (): CheckResult => 'error'), timeout]).finally(() => clearTimeout(timer));
}

/** The storage answers: a local folder exists (created if missing) and is writable; another store answers a lookup. */
async function pingStorage(storage: FileStorage): Promise<void> {
  if (storage instanceof LocalStorage) {
    await fsp.mkdir(storage.root, { recursive: true });
    await fsp.access(storage.root, fsp.constants.W_OK);
    return;
  }
  await storage.exists('ready-probe');
}

/** Readiness: not draining, the database answers `select 1` and the file storage answers, each within 2 s. */
export async function checkReady(server: object, database: Database, storage: FileStorage): Promise<Readiness> {
  const [db, files] = await Promise.all([withTimeout(database.query('select 1')), withTimeout(pingStorage(storage))]);
  const status = draining.has(server) ? 'draining' : db === 'ok' && files === 'ok' ? 'ready' : 'unavailable';
  return { status, database: db, storage: files };
}
