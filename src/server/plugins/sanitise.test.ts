import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/app';
import { rowCounts } from '../testing/every-table';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

const BOUNDARY = '----sanitiseboundary';
function multipart(parts: { name: string; filename?: string; content: string | Buffer }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename !== undefined ? 'Content-Type: application/octet-stream\r\n' : '';
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

describe('the sanitiser at the edge', () => {
  it('answers 400 invalid_text to a NUL in the search of users, agencies, audit, evidence and tasks', async () => {
    const f = t.fixture;
    const cases: [string, string][] = [
      ['admin', '/api/users?q=a%00b'],
      ['focalBdt', '/api/agencies?q=a%00b'],
      ['admin', '/api/audit?q=a%00b'],
      ['focalBdt', `/api/agencies/${f.agencies.bdt}/evidence?q=a%00b`],
      ['focalBdt', `/api/agencies/${f.agencies.bdt}/tasks?q=a%00b`],
    ];
    for (const [user, url] of cases) {
      const res = await (await t.as(user as never)).get(url);
      expect([url, res.status, res.body.error.code]).toEqual([url, 400, 'invalid_text']);
      expect(res.body.error.details).toMatchObject({ part: 'query', path: 'q', reason: 'nul' });
      expect(res.body.error.fields).toEqual([{ path: 'q', message: expect.stringContaining('NUL') }]);
    }
  });

  it('refuses a NUL in a comment and writes nothing', async () => {
    const c = await t.as('focalBdt');
    const before = await rowCounts(t.database);
    const res = await c.put(`/api/assessments/${t.fixture.assessments.bdt}/leaves/1.1.1/self`, { input: null, comment: 'Ghi chú\u0000 ẩn', version: 0 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_text');
    expect(res.body.error.details).toMatchObject({ part: 'body', path: 'comment', reason: 'nul' });
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it('refuses a lone surrogate in an export title, and in a nested cell', async () => {
    const c = await t.as('focalBdt');
    const title = await c.post('/api/exports/table.xlsx', { title: 'Bảng \uD800', columns: [{ key: 'a', title: 'A' }], rows: [] });
    expect([title.status, title.body.error.code, title.body.error.details.reason]).toEqual([400, 'invalid_text', 'lone_surrogate']);
    const cell = await c.post('/api/exports/table.xlsx', { title: 'Bảng', columns: [{ key: 'a', title: 'A' }], rows: [{ a: 'x' }, { a: '\uDC00y' }] });
    expect([cell.status, cell.body.error.details.path]).toEqual([400, 'rows.1.a']);
  });

  it('keeps tab and line breaks in multi-line texts of a body, refuses them in single-line texts, a query or a path', async () => {
    const c = await t.as('focalBdt');
    const note = await c.post(`/api/agencies/${t.fixture.agencies.bdt}/tasks`, { title: 'Nhiệm vụ', description: 'Dòng 1\nDòng 2\tcột' });
    expect(note.status).toBe(201);
    expect(note.body.description).toBe('Dòng 1\nDòng 2\tcột');
    const title = await c.post(`/api/agencies/${t.fixture.agencies.bdt}/tasks`, { title: 'Nhiệm vụ\nhai dòng' });
    expect([title.status, title.body.error.code, title.body.error.fields[0].path]).toEqual([400, 'validation_failed', 'title']);
    const q = await c.get('/api/agencies?q=a%0Ab');
    expect([q.status, q.body.error.details.reason]).toEqual([400, 'line_break']);
    const p = await c.get('/api/evidence/1%09');
    expect([p.status, p.body.error.details.part]).toEqual([400, 'params']);
  });

  it('refuses other control characters anywhere, and in keys of a body', async () => {
    const c = await t.as('focalBdt');
    const bell = await c.post(`/api/agencies/${t.fixture.agencies.bdt}/tasks`, { title: 'Nhiệm vụ \u0007' });
    expect([bell.status, bell.body.error.details.reason]).toEqual([400, 'control']);
    const c1 = await c.post(`/api/agencies/${t.fixture.agencies.bdt}/tasks`, { title: 'Nhiệm vụ \u0085' });
    expect(c1.status).toBe(400);
    const key = await c.post(`/api/agencies/${t.fixture.agencies.bdt}/tasks`, { title: 'Nhiệm vụ', 'bad\nkey': 1 });
    expect([key.status, key.body.error.details.reason]).toEqual([400, 'line_break']);
  });

  it('refuses a control character in a header the server keeps (the user agent of a session)', async () => {
    const before = await rowCounts(t.database);
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { 'user-agent': 'Mozilla\u0001' } });
    expect(res.statusCode).toBe(400);
    expect(JSON.parse(res.body).error).toMatchObject({ code: 'invalid_text', details: { part: 'header', path: 'user-agent' } });
    expect(await rowCounts(t.database)).toEqual(before);
    // A user agent naming a device in UTF-8 (bytes Node reads as latin1) is ordinary text.
    const utf8 = Buffer.from('Mozilla/5.0 (Linux; Android 14; Điện thoại Ư)', 'utf8').toString('latin1');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/csrf', headers: { 'user-agent': utf8 } })).statusCode).toBe(200);
  });

  it('answers in English when asked', async () => {
    const c = await t.as('admin');
    c.lang = 'en';
    const res = await c.get('/api/users?q=%00');
    expect(res.body.error.message).toMatch(/not allowed/);
  });
});

describe('multipart and JSON that cannot be read', () => {
  const importUrl = '/api/agencies/import';

  it('answers 400 malformed_body to multipart without a boundary, and writes nothing', async () => {
    const c = await t.as('admin');
    const before = await rowCounts(t.database);
    const res = await c.request('POST', importUrl, undefined, { payload: multipart([{ name: 'file', filename: 'a.xlsx', content: 'PK' }]), headers: { 'content-type': 'multipart/form-data' } });
    expect([res.status, res.body.error.code]).toEqual([400, 'malformed_body']);
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it('answers 400 malformed_body to multipart cut short, on every upload reader', async () => {
    const c = await t.as('focalBdt');
    const whole = multipart([
      { name: 'title', content: 'Văn bản' },
      { name: 'file', filename: 'a.pdf', content: Buffer.from('%PDF-1.4\n'.repeat(200)) },
    ]);
    const before = await rowCounts(t.database);
    for (const url of [`/api/agencies/${t.fixture.agencies.bdt}/evidence`, `/api/agencies/${t.fixture.agencies.bdt}/tasks/import`]) {
      for (const cut of [20, 120, whole.length - 30]) {
        const res = await c.request('POST', url, undefined, {
          payload: whole.subarray(0, cut),
          headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        });
        expect([url, cut, res.status, res.body.error.code]).toEqual([url, cut, 400, 'malformed_body']);
      }
    }
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it('refuses a NUL in a multipart field or file name', async () => {
    const c = await t.as('focalBdt');
    const url = `/api/agencies/${t.fixture.agencies.bdt}/evidence`;
    const before = await rowCounts(t.database);
    const field = await c.request('POST', url, undefined, {
      payload: multipart([{ name: 'title', content: 'Văn\u0000bản' }, { name: 'file', filename: 'a.pdf', content: '%PDF-1.4\n' }]),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    expect([field.status, field.body.error.code, field.body.error.details]).toEqual([400, 'invalid_text', { part: 'field', path: 'title', reason: 'nul' }]);
    const name = await c.request('POST', url, undefined, {
      payload: multipart([{ name: 'title', content: 'Văn bản' }, { name: 'file', filename: 'a\u0001.pdf', content: '%PDF-1.4\n' }]),
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    });
    expect([name.status, name.body.error.code, name.body.error.details.part]).toEqual([400, 'invalid_text', 'filename']);
    expect(await rowCounts(t.database)).toEqual(before);
  });

  it('answers 400 malformed_body to JSON that does not parse', async () => {
    const c = await t.as('focalBdt');
    const res = await c.request('POST', `/api/agencies/${t.fixture.agencies.bdt}/tasks`, undefined, { payload: '{"title": "a', headers: { 'content-type': 'application/json' } });
    expect([res.status, res.body.error.code]).toEqual([400, 'malformed_body']);
  });
});

describe('defects the fuzz test found', () => {
  it('an evidence edit with nothing to change answers 200 and writes nothing; a day that does not exist is a 400', async () => {
    const c = await t.as('focalBdt');
    const before = await rowCounts(t.database);
    const empty = await c.patch(`/api/evidence/${t.fixture.evidenceId}`, {});
    expect(empty.status).toBe(200);
    expect(await rowCounts(t.database)).toEqual(before);
    const day = await c.patch(`/api/evidence/${t.fixture.evidenceId}`, { issuedOn: '2026-02-30' });
    expect([day.status, day.body.error.code, day.body.error.fields[0].path]).toEqual([400, 'validation_failed', 'issuedOn']);
  });
});
