/**
 * The server process as it runs in production (the bundle `npm start` runs, dist/server/main.mjs): several
 * instances starting together on an empty PostgreSQL database, waiting for a database that is not up yet, and
 * draining on SIGTERM (not ready any more, requests in flight finished within SHUTDOWN_GRACE_MS, exit 0).
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { APP_SERVER, type ServerProcess, startServer } from '../../bench/lib/server-process';
import { openDatabase } from './db/client';
import { createEmptyPostgresDatabase } from './testing/database';

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-main-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
  fs.rmSync(tmp, { recursive: true, force: true });
});

const BASE_ENV = { HOST: '127.0.0.1', PORT: '0', WEB_DIR: '.tmp/no-web', LOG_LEVEL: 'info', NODE_ENV: 'production' };

/** A database for one server: a fresh empty PostgreSQL database, or a fresh PGlite folder. */
async function freshDatabaseEnv(): Promise<Record<string, string>> {
  const empty = await createEmptyPostgresDatabase();
  if (empty) {
    cleanups.push(empty.drop);
    return { DATABASE_URL: empty.url };
  }
  // PGlite: the folder starts as a copy of the migrated template (initdb and the migrations take long here).
  const dir = fs.mkdtempSync(path.join(tmp, 'data-'));
  const db = await openDatabase({ dataDir: dir, loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
  await db.close();
  return { DATA_DIR: dir };
}

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServer(APP_SERVER, { ...BASE_ENV, ...env });
  cleanups.push(() => server.stop());
  return server;
}

const exited = (server: ServerProcess) =>
  server.child.exitCode !== null ? Promise.resolve(server.child.exitCode) : new Promise<number | null>((r) => server.child.once('exit', (code) => r(code)));

async function ready(port: number): Promise<{ status: number; body: { status: string } }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/ready`);
  return { status: res.status, body: (await res.json()) as { status: string } };
}

/**
 * Starts a login whose body arrives slowly (a phone on a bad network): the headers and half the body now,
 * the rest when `finish()` is called. Resolves `response` with the status, or 0 when the connection was cut.
 */
async function slowLogin(port: number): Promise<{ finish(): void; response: Promise<number> }> {
  const csrf = await fetch(`http://127.0.0.1:${port}/api/auth/csrf`);
  const token = ((await csrf.json()) as { csrfToken: string }).csrfToken;
  const cookie = (csrf.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
  const body = JSON.stringify({ username: 'nobody', password: 'not-the-password' });
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/auth/login',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-csrf-token': token, cookie, origin: `http://127.0.0.1:${port}` },
  });
  const response = new Promise<number>((resolve) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
  });
  req.write(body.slice(0, 10));
  await new Promise((r) => setTimeout(r, 200));
  return { finish: () => req.end(body.slice(10)), response };
}

describe('shutdown on SIGTERM', () => {
  it('stops being ready, finishes the request in flight, then exits 0', async () => {
    const server = await start({ ...(await freshDatabaseEnv()), SHUTDOWN_DELAY_MS: '1500', SHUTDOWN_GRACE_MS: '8000' });
    expect((await ready(server.port)).status).toBe(200);
    const login = await slowLogin(server.port);
    const exit = exited(server);
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    // Draining: still listening (SHUTDOWN_DELAY_MS) but not ready, so a load balancer moves away.
    const draining = await ready(server.port);
    expect(draining).toEqual({ status: 503, body: { status: 'draining', database: 'ok', storage: 'ok' } });
    // The slow request is still being received after the listener closed; it gets its answer.
    await new Promise((r) => setTimeout(r, 2000));
    expect(server.child.exitCode).toBeNull();
    login.finish();
    expect(await login.response).toBe(401);
    expect(await exit).toBe(0);
    expect(server.output()).toMatch(/shutting down: draining/);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  }, 120_000);

  it('cuts a request that outlives SHUTDOWN_GRACE_MS and still exits', async () => {
    const server = await start({ ...(await freshDatabaseEnv()), SHUTDOWN_GRACE_MS: '1000' });
    const login = await slowLogin(server.port);
    const exit = exited(server);
    const t0 = Date.now();
    server.child.kill('SIGTERM');
    expect(await login.response).toBe(0);
    expect(await exit).toBe(0);
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(server.output()).toMatch(/grace period over/);
  }, 120_000);
});

describe.skipIf(!onPostgres)('starting on PostgreSQL', () => {
  it('three instances started together on an empty database all come up, and the demo is seeded once', async () => {
    const env: Record<string, string> = { ...(await freshDatabaseEnv()), SEED_DEMO: 'true', UPLOAD_DIR: path.join(tmp, 'uploads-shared') };
    const servers = await Promise.all([0, 1, 2].map(() => start(env)));
    for (const s of servers) expect((await ready(s.port)).status).toBe(200);
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      const provinces = await client.query<{ n: number }>("select count(*)::int as n from provinces where kind = 'province'");
      expect(provinces.rows[0]!.n).toBe(1);
      const admins = await client.query<{ n: number }>("select count(*)::int as n from users where username = 'admin'");
      expect(admins.rows[0]!.n).toBe(1);
    } finally {
      await client.end();
    }
    expect(servers.filter((s) => /demo data seeded/.test(s.output()))).toHaveLength(1);
  }, 180_000);

  it('waits for a database that is not reachable yet, with a log line per attempt', async () => {
    const target = new URL((await freshDatabaseEnv()).DATABASE_URL!);
    const real = new URL(process.env.TEST_DATABASE_URL!);
    // A stand-in for a database that is still starting: it drops the first three connections, then forwards
    // to the real server.
    let refused = 0;
    const forwarder = net.createServer((socket) => {
      if (refused < 3) {
        refused++;
        socket.destroy();
        return;
      }
      const upstream = net.connect(Number(real.port || 5432), real.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => forwarder.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => forwarder.close(() => resolve())));
    const url = new URL(target);
    url.host = `127.0.0.1:${(forwarder.address() as net.AddressInfo).port}`;
    const server = await start({ DATABASE_URL: url.toString(), DATABASE_CONNECT_RETRY_MS: '60000' });
    expect((await ready(server.port)).status).toBe(200);
    expect(refused).toBe(3);
    const retries = server.output().match(/database unreachable; retrying/g) ?? [];
    expect(retries).toHaveLength(3);
    await server.stop();
  }, 120_000);

  it('gives up with exit code 1 after DATABASE_CONNECT_RETRY_MS', async () => {
    const t0 = Date.now();
    const failure = await start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', DATABASE_CONNECT_RETRY_MS: '2000' }).then(
      () => null,
      (err: Error) => err.message,
    );
    expect(failure).toMatch(/server exited \(1\)/);
    expect(failure).toMatch(/database unreachable; giving up/);
    expect(Date.now() - t0).toBeLessThan(30_000);
  }, 60_000);
});
