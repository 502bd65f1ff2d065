import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { type FileStorage, LocalStorage } from '../lib/storage';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import type { Database } from '../db/client';
import { DEMO_PASSWORD, type DemoOrg, seedDemo } from '../seed/demo';
import { createTestDatabase } from './database';
import { FIXTURE_USERNAMES, type Fixture, type FixtureUser, seedFixture, TEST_PASSWORD } from './fixtures';

/** A clock tests can move. */
export class TestClock {
  constructor(public current = new Date('2026-03-02T02:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
  raw: Buffer;
}

/** An HTTP client over app.inject that keeps cookies and sends the CSRF header like the browser does. */
export class TestClient {
  cookies = new Map<string, string>();
  csrf = '';
  lang: 'vi' | 'en' | undefined;
  /** The client's address as the server sees it (the socket's), 127.0.0.1 unless set. */
  remoteAddress: string | undefined;

  constructor(readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request<T = any>(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    options: { headers?: Record<string, string>; csrf?: boolean; payload?: InjectOptions['payload'] } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (options.csrf !== false && this.csrf && !['GET', 'HEAD'].includes(String(method))) headers['x-csrf-token'] = this.csrf;
    if (this.lang) headers['x-lang'] = this.lang;
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
      ...(options.payload !== undefined ? { payload: options.payload } : body !== undefined ? { payload: body as object } : {}),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    let parsed: unknown = res.body;
    if (String(res.headers['content-type'] ?? '').includes('json')) parsed = res.body ? JSON.parse(res.body) : null;
    return { status: res.statusCode, body: parsed as T, headers: res.headers, raw: res.rawPayload };
  }

  get<T = any>(url: string, options?: { headers?: Record<string, string> }) {
    return this.request<T>('GET', url, undefined, options);
  }
  post<T = any>(url: string, body?: unknown, options?: { headers?: Record<string, string>; csrf?: boolean }) {
    return this.request<T>('POST', url, body ?? {}, options);
  }
  patch<T = any>(url: string, body?: unknown, options?: { headers?: Record<string, string>; csrf?: boolean }) {
    return this.request<T>('PATCH', url, body ?? {}, options);
  }
  put<T = any>(url: string, body?: unknown, options?: { headers?: Record<string, string>; csrf?: boolean }) {
    return this.request<T>('PUT', url, body ?? {}, options);
  }
  delete<T = any>(url: string, options?: { headers?: Record<string, string>; csrf?: boolean }) {
    return this.request<T>('DELETE', url, undefined, options);
  }

  /** Gets a CSRF token, logs in and keeps the session cookie; throws unless the login succeeds. */
  async login(username: string, password = TEST_PASSWORD): Promise<this> {
    const c = await this.get<{ csrfToken: string }>('/api/auth/csrf');
    this.csrf = c.body.csrfToken;
    const res = await this.post<{ csrfToken: string }>('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.csrf = res.body.csrfToken;
    return this;
  }
}

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  clock: TestClock;
  fixture: Fixture;
  storage: FileStorage;
  /** A client logged in as a fixture user (or anonymous when no user is given). */
  as(user?: FixtureUser): Promise<TestClient>;
  close(): Promise<void>;
}

/** A fresh database with the fixture organisation and an app on it. */
export async function createTestContext(options: { webDir?: string; storage?: FileStorage; env?: Record<string, string> } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const fixture = await seedFixture(database.db);
  const clock = new TestClock();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '.tmp/test-data', WEB_DIR: options.webDir ?? '.tmp/no-web', LOGIN_RATE_PER_IP: '100000', ...options.env });
  const storage = options.storage ?? new LocalStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-uploads-')));
  const app = await buildApp({ config, database, clock, storage, logger: false });
  await app.ready();
  return {
    app,
    database,
    clock,
    fixture,
    storage,
    async as(user?: FixtureUser) {
      const client = new TestClient(app);
      if (user) await client.login(FIXTURE_USERNAMES[user]);
      return client;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface DemoContext {
  app: FastifyInstance;
  database: Database;
  clock: TestClock;
  org: DemoOrg;
  /** A client logged in as a demo account (see DEMO_ACCOUNTS), or anonymous. */
  as(username?: string): Promise<TestClient>;
  close(): Promise<void>;
}

/** A fresh database seeded with the whole demo province (frameworks, periods, scores) and an app on it. */
export async function createDemoContext(): Promise<DemoContext> {
  const database = await createTestDatabase();
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-uploads-'));
  const storage = new LocalStorage(uploads);
  const org = await seedDemo(database, { storage });
  const clock = new TestClock(new Date());
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '.tmp/test-data', WEB_DIR: '.tmp/no-web', LOGIN_RATE_PER_IP: '100000' });
  const app = await buildApp({ config, database, clock, storage, logger: false });
  await app.ready();
  return {
    app,
    database,
    clock,
    org,
    async as(username?: string) {
      const client = new TestClient(app);
      if (username) await client.login(username, DEMO_PASSWORD);
      return client;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
