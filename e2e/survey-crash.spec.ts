/**
 * Crash test (issue 5, "Reliability"): under a load of survey submissions the server is killed with SIGKILL and
 * restarted on the same database; every submission that got a success reply must be stored exactly once, and
 * re-sending the unanswered ones after the restart (same idempotency keys) must not create duplicates. Runs on
 * PostgreSQL (when TEST_DATABASE_URL or the local server is reachable) and on PGlite.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_SERVER, startServer, type ServerProcess } from '../bench/lib/server-process';
import { migrateDatabase, openDatabase, type Database } from '../src/server/db/client';
import { questionnaires } from '../src/server/db/schema/index';
import { seedFixture } from '../src/server/testing/fixtures';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function prepare(database: Database): Promise<{ token: string; agencies: number[] }> {
  await migrateDatabase(database);
  const f = await seedFixture(database.db);
  const token = crypto.randomBytes(12).toString('base64url');
  await database.db.insert(questionnaires).values({
    provinceId: f.provinceId,
    periodId: f.periodId,
    code: 'CRASH',
    titleVi: 'Phiếu thử tải',
    status: 'published',
    openLink: 'on',
    publicToken: token,
    content: {
      introVi: '',
      introEn: '',
      respondentGroups: [{ code: 'DN', nameVi: 'Người dân, doanh nghiệp', nameEn: '' }],
      ratedAgencyIds: [f.agencies.bdt, f.agencies.stp],
      sections: [
        {
          code: 'S1',
          titleVi: 'Phần 1',
          titleEn: '',
          questions: Array.from({ length: 10 }, (_, i) => ({
            code: `Q${i + 1}`,
            type: 'single' as const,
            textVi: `Câu ${i + 1}`,
            textEn: '',
            required: true,
            perAgency: true,
            leafCodes: ['8.1.1'],
            maxLength: 1000,
            options: ['A', 'B', 'C', 'D'].map((code, k) => ({ code, labelVi: code, labelEn: code, weight: ['1', '0.6', '0.2', '0'][k]! })),
          })),
        },
      ],
    },
  });
  return { token, agencies: [f.agencies.bdt, f.agencies.stp] };
}

function body(key: string, agencies: number[]) {
  return JSON.stringify({
    idempotencyKey: key,
    answers: agencies.flatMap((agencyId) => Array.from({ length: 10 }, (_, i) => ({ questionCode: `Q${i + 1}`, agencyId, optionCode: 'ABCD'[i % 4] }))),
  });
}

async function send(port: number, token: string, key: string, agencies: number[]): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/public/surveys/${token}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(key, agencies),
      signal: AbortSignal.timeout(5000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/**
 * Loads the server with submissions, kills it with SIGKILL mid-load, restarts it on the same database and re-sends
 * the submissions that got no reply (same idempotency keys). Returns the keys that were acknowledged; the server is
 * stopped when it returns, so the caller can check the database (PGlite needs the folder to itself).
 */
async function crashRun(env: Record<string, string>, token: string, agencies: number[]): Promise<{ acknowledged: string[]; retried: number }> {
  const serverEnv = { ...env, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'fatal', SURVEY_RATE_PER_IP: '1000000', WEB_DIR: '.tmp/no-web' };
  let server: ServerProcess = await startServer(APP_SERVER, serverEnv);
  const acknowledged = new Set<string>();
  const unanswered = new Set<string>();
  let n = 0;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const key = `crash-${process.pid}-${n++}-${crypto.randomBytes(6).toString('hex')}`;
      const status = await send(server.port, token, key, agencies);
      if (status === 201) acknowledged.add(key);
      else unanswered.add(key);
    }
  };
  const workers = Array.from({ length: 20 }, worker);
  await new Promise((r) => setTimeout(r, 2500));
  server.child.kill('SIGKILL');
  stop = true;
  await Promise.all(workers);
  server = await startServer(APP_SERVER, serverEnv);
  try {
    // Respondents whose phone saw no reply retry with the same key; some of these were stored before the crash.
    for (const key of unanswered) {
      const status = await send(server.port, token, key, agencies);
      if (status === 201 || status === 200) acknowledged.add(key);
    }
  } finally {
    await server.stop();
  }
  return { acknowledged: [...acknowledged], retried: unanswered.size };
}

async function verify(database: Database, acknowledged: string[]) {
  const rows = await database.query<{ key: string; n: number }>(
    'select idempotency_key as key, count(*)::int as n from survey_responses group by idempotency_key',
  );
  const stored = new Map(rows.map((r) => [r.key, r.n]));
  const missing = acknowledged.filter((k) => stored.get(k) !== 1);
  expect(missing).toEqual([]);
  expect(rows.every((r) => r.n === 1)).toBe(true);
  expect(rows.length).toBe(acknowledged.length);
}

describe('survey submissions survive kill -9', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it('on PostgreSQL: every acknowledged submission is stored exactly once', async () => {
    const name = `parindex_crash_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    await admin.end();
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    cleanups.push(async () => {
      const a = new pg.Client({ connectionString: PG_URL });
      await a.connect();
      await a.query(`drop database if exists "${name}" with (force)`);
      await a.end();
    });
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    const { token, agencies } = await prepare(database);
    try {
      const res = await crashRun({ DATABASE_URL: url.toString() }, token, agencies);
      console.info(`PostgreSQL crash run: ${res.acknowledged.length} acknowledged, ${res.retried} re-sent after restart`);
      expect(res.acknowledged.length).toBeGreaterThan(20);
      await verify(database, res.acknowledged);
    } finally {
      await database.close();
    }
  }, 180_000);

  it('on PGlite: every acknowledged submission is stored exactly once after the folder is reopened', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-crash-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    let database = await openDatabase({ dataDir: dir });
    const { token, agencies } = await prepare(database);
    await database.close();
    const res = await crashRun({ DATA_DIR: dir }, token, agencies);
    database = await openDatabase({ dataDir: dir });
    try {
      console.info(`PGlite crash run: ${res.acknowledged.length} acknowledged, ${res.retried} re-sent after restart`);
      expect(res.acknowledged.length).toBeGreaterThan(10);
      await verify(database, res.acknowledged);
    } finally {
      await database.close();
    }
  }, 180_000);
});
