import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { loadConfig } from './config';
import { type Database, openDatabase } from './db/client';
import { LocalStorage } from './lib/storage';
import { TestClient, TestClock } from './testing/app';
import { createTestDatabase } from './testing/database';
import { type Fixture, FIXTURE_USERNAMES, seedFixture, TEST_PASSWORD } from './testing/fixtures';

/**
 * Several server instances on one database (the way a province runs ParIndex behind a load balancer): sessions have
 * one truth (a deactivation, a role change, a logout reach every instance at once), and the request limits are
 * shared through Redis with client addresses that a client cannot forge.
 */
let database: Database;
let second: Database;
let fixture: Fixture;
const clock = new TestClock();
const apps: FastifyInstance[] = [];

async function instance(db: Database, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '.tmp/test-data', WEB_DIR: '.tmp/no-web', LOGIN_RATE_PER_IP: '100000', ...env });
  const storage = new LocalStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-uploads-')));
  const app = await buildApp({ config, database: db, clock, storage, logger: false });
  await app.ready();
  apps.push(app);
  return app;
}

beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await seedFixture(database.db);
  // On PostgreSQL the second instance has its own connections, as a second machine would; PGlite is one process.
  second = database.pool ? await openDatabase({ databaseUrl: database.pool.options.connectionString!, poolSize: 3 }) : database;
});
afterAll(async () => {
  for (const app of apps) await app.close();
  if (second !== database) await second.close();
  await database.close();
});

/** A client logged in through `app`, whose cookie then goes to whichever instance a request is sent to. */
async function loginThrough(app: FastifyInstance, username: string) {
  return new TestClient(app).login(username);
}

function via(app: FastifyInstance, c: TestClient): TestClient {
  const other = new TestClient(app);
  other.cookies = c.cookies;
  other.csrf = c.csrf;
  return other;
}

describe('one truth for sessions across instances', () => {
  it('a deactivation through one instance is refused by the other on the very next request', async () => {
    const a = await instance(database);
    const b = await instance(second);
    const user = await loginThrough(b, FIXTURE_USERNAMES.focalBdt);
    // B has the session in its cache now.
    expect((await user.get('/api/auth/me')).status).toBe(200);
    expect((await user.get('/api/auth/me')).status).toBe(200);
    const admin = await loginThrough(a, FIXTURE_USERNAMES.admin);
    const u = (await admin.get(`/api/users/${fixture.users.focalBdt}`)).body;
    expect((await admin.patch(`/api/users/${u.id}`, { isActive: false, version: u.version })).status).toBe(200);
    const next = await user.get('/api/auth/me');
    expect(next.status).toBe(401);
    // And through A as well.
    expect((await via(a, user).get('/api/auth/me')).status).toBe(401);
  });

  it('a role change and a logout made through one instance show on the other at once', async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const user = await loginThrough(b, FIXTURE_USERNAMES.focalStp);
    expect((await user.get('/api/auth/me')).body.user.roles.map((r: { role: string }) => r.role)).toEqual(['agency_focal']);
    const admin = await loginThrough(a, FIXTURE_USERNAMES.admin);
    const u = (await admin.get(`/api/users/${fixture.users.focalStp}`)).body;
    const roles = [{ role: 'agency_head', agencyId: fixture.agencies.stp }];
    expect((await admin.patch(`/api/users/${u.id}`, { roles, version: u.version })).status).toBe(200);
    expect((await user.get('/api/auth/me')).body.user.roles.map((r: { role: string }) => r.role)).toEqual(['agency_head']);
    expect((await via(a, user).post('/api/auth/logout')).status).toBe(200);
    expect((await user.get('/api/auth/me')).status).toBe(401);
  });

  it('a password changed through one instance ends the other sessions of the user everywhere', async () => {
    const [a, b] = apps as [FastifyInstance, FastifyInstance];
    const onB = await loginThrough(b, FIXTURE_USERNAMES.headBdt);
    expect((await onB.get('/api/auth/me')).status).toBe(200);
    const onA = await loginThrough(a, FIXTURE_USERNAMES.headBdt);
    expect((await onA.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Ban-Dan-toc-2027' })).status).toBe(200);
    expect((await onB.get('/api/auth/me')).status).toBe(401);
    expect((await via(b, onA).get('/api/auth/me')).status).toBe(200);
  });
});

describe('login delays across instances', () => {
  it('failures counted by different instances add up (the counters live in the database)', async () => {
    const servers = [await instance(database), await instance(second), await instance(database)];
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const c = new TestClient(servers[i % 3]!);
      c.remoteAddress = '203.0.113.77';
      c.csrf = 'x';
      c.cookies.set('pi_csrf', 'x');
      const res = await c.post('/api/auth/login', { username: FIXTURE_USERNAMES.secretariat, password: `wrong-pass-${i}` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429]);
  });
});

async function redisReachable(url: string): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const hasRedis = await redisReachable(REDIS_URL);
if (!hasRedis && process.env.CI) throw new Error(`CI needs Redis at ${REDIS_URL} for the shared rate limits test`);

describe.skipIf(!hasRedis)('request limits shared through Redis', () => {
  const prefix = () => `parindex-test:${crypto.randomBytes(6).toString('hex')}:`;

  async function three(env: Record<string, string>) {
    return [await instance(second, env), await instance(database, env), await instance(second, env)];
  }

  let clients = 0;
  async function attempts(servers: FastifyInstance[], n: number, headers: (i: number) => Record<string, string> = () => ({})) {
    const statuses: number[] = [];
    // Each run from its own address (the per-client login delays in the database must not get in the way).
    const address = `198.51.100.${++clients}`;
    for (let i = 0; i < n; i++) {
      const c = new TestClient(servers[i % servers.length]!);
      c.remoteAddress = address;
      c.csrf = 'x';
      c.cookies.set('pi_csrf', 'x');
      statuses.push((await c.post('/api/auth/login', { username: `nobody${i}`, password: 'whatever-pass-1' }, { headers: headers(i) })).status);
    }
    return statuses;
  }

  it("one client's login allowance does not triple with three instances", async () => {
    const servers = await three({ REDIS_URL, REDIS_KEY_PREFIX: prefix(), LOGIN_RATE_PER_IP: '6' });
    expect(await attempts(servers, 8)).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    // Counted in each process instead, the same client would get three times the allowance.
    const alone = await three({ LOGIN_RATE_PER_IP: '6' });
    expect((await attempts(alone, 8)).filter((s) => s === 429)).toEqual([]);
  });

  it('survey submissions per client address are shared too', async () => {
    const servers = await three({ REDIS_URL, REDIS_KEY_PREFIX: prefix(), SURVEY_RATE_PER_IP: '4' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const c = new TestClient(servers[i % 3]!);
      c.remoteAddress = '198.51.100.200';
      const body = { idempotencyKey: `shared-limit-key-${String(i).padStart(6, '0')}`, answers: [{ questionCode: 'Q1', optionCode: 'A' }] };
      statuses.push((await c.post('/api/public/surveys/nosuchtoken123/responses', body, { csrf: false })).status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
  });

  it('with TRUST_PROXY=1 a forged X-Forwarded-For does not change the client key', async () => {
    const servers = await three({ REDIS_URL, REDIS_KEY_PREFIX: prefix(), LOGIN_RATE_PER_IP: '6', TRUST_PROXY: '1' });
    // The proxy (the socket's address) appends the address it saw; the client wrote the rest.
    const forged = (i: number) => ({ 'x-forwarded-for': `10.0.0.${i}, 203.0.113.${i}, 192.0.2.${40 + clients}` });
    expect(await attempts(servers, 8, forged)).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
    // Believing any forwarder (TRUST_PROXY=true) lets each forged address be a new client: why `true` is unsafe.
    const gullible = await three({ REDIS_URL, REDIS_KEY_PREFIX: prefix(), LOGIN_RATE_PER_IP: '6', TRUST_PROXY: 'true' });
    expect((await attempts(gullible, 8, forged)).filter((s) => s === 429)).toEqual([]);
  });
});
