import { Writable } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import type { Database } from '../../db/client';
import { LocalStorage } from '../../lib/storage';
import { redactUrl } from '../../lib/log-redact';
import { TestClient } from '../../testing/app';
import { createTestDatabase } from '../../testing/database';
import { type Fixture, FIXTURE_USERNAMES, seedFixture } from '../../testing/fixtures';

/**
 * Survey anonymity as promised: no respondent code or survey token reaches a log line, and no table but the code's
 * own row and the questionnaire's holds them; a stored response cannot be tied to its code by time.
 */
let database: Database;
let app: FastifyInstance;
let fixture: Fixture;
const lines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await seedFixture(database.db);
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'trace', DATA_DIR: '.tmp/test-data', WEB_DIR: '.tmp/no-web' });
  const storage = new LocalStorage(fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-uploads-')));
  app = await buildApp({ config, database, storage, logStream });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('survey anonymity', () => {
  it('redacts the token and the code from respondents’ URLs', () => {
    expect(redactUrl('/api/public/surveys/AbCdEf123456?code=K7M2P9Q4RT')).toBe('/api/public/surveys/[redacted]');
    expect(redactUrl('/api/public/surveys/AbCdEf123456/responses')).toBe('/api/public/surveys/[redacted]/responses');
    expect(redactUrl('/khao-sat/AbCdEf123456?ma=K7M2P9Q4RT')).toBe('/khao-sat/[redacted]');
    expect(redactUrl('/api/surveys/12/batches?x=1')).toBe('/api/surveys/12/batches?x=1');
  });

  it('a submission leaves its code and token in no log line and in no other table, and no exact time on the code', async () => {
    const sec = await new TestClient(app).login(FIXTURE_USERNAMES.secretariat);
    const created = await sec.post('/api/surveys', {
      periodId: fixture.periodId,
      code: 'P05',
      titleVi: 'Phiếu 05',
      content: {
        respondentGroups: [{ code: 'DB', nameVi: 'Đại biểu' }],
        ratedAgencyIds: [fixture.agencies.bdt],
        sections: [{ code: 'S1', titleVi: 'Phần 1', questions: [{ code: 'Q1', type: 'single', textVi: 'Câu 1', leafCodes: ['8.1.1'], options: [{ code: 'A', labelVi: 'Tốt', weight: '1' }, { code: 'B', labelVi: 'Kém', weight: '0' }] }] }],
      },
    });
    expect(created.status).toBe(201);
    const token: string = created.body.publicToken;
    const published = await sec.post(`/api/surveys/${created.body.id}/status`, { status: 'published', version: created.body.version });
    expect(published.status).toBe(200);
    const batch = await sec.post(`/api/surveys/${created.body.id}/batches`, { respondentGroup: 'DB', size: 3 });
    expect(batch.status).toBe(201);
    const codes = await sec.get(`/api/surveys/${created.body.id}/batches/${batch.body.id}/codes`);
    expect(codes.status).toBe(200);
    const [code] = (await database.query<{ code: string }>('select code from survey_codes where batch_id = $1 order by id', [batch.body.id])).map((r) => r.code);

    const anon = new TestClient(app);
    expect((await anon.get(`/api/public/surveys/${token}?code=${code}`)).status).toBe(200);
    expect((await anon.get(`/khao-sat/${token}?ma=${code}`)).status).toBe(404);
    // A broken body quotes itself in the parser's error message: it must not reach the log either.
    const broken = await anon.request('POST', `/api/public/surveys/${token}/responses`, undefined, { payload: `{"code":"${code}","idempotencyKey":`, headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    const answers = [{ questionCode: 'Q1', agencyId: fixture.agencies.bdt, optionCode: 'A' }];
    const bad = await anon.post(`/api/public/surveys/${token}/responses`, { code, idempotencyKey: 'anonymity-test-key-0000001', answers: [{ questionCode: 'Q9', optionCode: 'A' }] }, { csrf: false });
    expect(bad.status).toBe(400);
    const ok = await anon.post(`/api/public/surveys/${token}/responses`, { code, idempotencyKey: 'anonymity-test-key-0000002', answers }, { csrf: false });
    expect(ok.status).toBe(201);
    const again = await anon.post(`/api/public/surveys/${token}/responses`, { code, idempotencyKey: 'anonymity-test-key-0000003', answers }, { csrf: false });
    expect(again.status).toBe(409);

    // The logs: requests were logged (the test would prove nothing otherwise), never with the code or the token.
    const log = lines.join('');
    expect(log).toContain('/api/public/surveys/[redacted]/responses');
    expect(log).toContain('/khao-sat/[redacted]');
    expect(log).not.toContain(code);
    expect(log).not.toContain(token);

    // The database: the code only in its own row, the token only in the questionnaire's.
    const tables = await database.query<{ table_name: string }>("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1");
    expect(tables.length).toBeGreaterThan(30);
    const holding: Record<string, string[]> = { code: [], token: [] };
    for (const { table_name } of tables) {
      const rows = await database.query<{ row: string }>(`select t::text as row from "${table_name}" t`);
      if (rows.some((r) => r.row.includes(code!))) holding.code!.push(table_name);
      if (rows.some((r) => r.row.includes(token))) holding.token!.push(table_name);
    }
    expect(holding).toEqual({ code: ['survey_codes'], token: ['questionnaires'] });

    // Time: the response keeps when it arrived; its code keeps only the day it was used, and nothing points back.
    const [response] = await database.query<{ code_id: number | null; channel: string }>("select code_id, channel from survey_responses where idempotency_key = 'anonymity-test-key-0000002'");
    expect(response).toEqual({ code_id: null, channel: 'code' });
    const [used] = await database.query<{ used_at: Date }>('select used_at from survey_codes where code = $1', [code]);
    expect(new Date(used!.used_at).toISOString().slice(11)).toBe('00:00:00.000Z');
  });
});
