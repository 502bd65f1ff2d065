import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import type { Database } from '../../db/client';
import { LocalStorage } from '../../lib/storage';
import { createTestDatabase } from '../../testing/database';
import { startDraining } from './service';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-health-'));
const apps: { app: FastifyInstance; database: Database }[] = [];

async function appOn(database: Database, uploads: string): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: tmp, WEB_DIR: '.tmp/no-web' });
  const app = await buildApp({ config, database, storage: new LocalStorage(uploads), logger: false });
  await app.ready();
  apps.push({ app, database });
  return app;
}

afterAll(async () => {
  for (const { app, database } of apps) {
    await app.close();
    await database.close().catch(() => undefined);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('liveness and readiness', () => {
  it('is ready when the database and the storage answer, and not ready once draining', async () => {
    const app = await appOn(await createTestDatabase(), path.join(tmp, 'uploads'));
    const ready = await app.inject('/api/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', database: 'ok', storage: 'ok' });
    startDraining(app);
    const draining = await app.inject('/api/ready');
    expect(draining.statusCode).toBe(503);
    expect(draining.json()).toEqual({ status: 'draining', database: 'ok', storage: 'ok' });
    // Liveness is unaffected: the process still answers.
    expect((await app.inject('/api/health')).statusCode).toBe(200);
  });

  it('is not ready when the database does not answer, while /api/health stays cheap and 200', async () => {
    const database = await createTestDatabase();
    const app = await appOn(database, path.join(tmp, 'uploads'));
    await database.close();
    const ready = await app.inject('/api/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', database: 'error', storage: 'ok' });
    const health = await app.inject('/api/health');
    expect(health.statusCode).toBe(200);
    expect(health.json().status).toBe('ok');
  });

  it('is not ready when the upload folder cannot be written', async () => {
    const file = path.join(tmp, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const app = await appOn(await createTestDatabase(), path.join(file, 'uploads'));
    const ready = await app.inject('/api/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', database: 'ok', storage: 'error' });
  });
});
