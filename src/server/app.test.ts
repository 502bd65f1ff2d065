import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TestClient, type TestContext } from './testing/app';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

describe('operations', () => {
  it('GET /api/health reports ok and the database kind', async () => {
    const res = await new TestClient(t.app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite' });
  });

  it('serves OpenAPI docs generated from the route schemas', async () => {
    const c = new TestClient(t.app);
    const html = await c.get('/api/docs');
    expect([200, 302]).toContain(html.status);
    const spec = await c.get('/api/docs/json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/api/agencies', '/api/users/{id}', '/api/health']));
    expect(spec.body.paths['/api/agencies'].post.requestBody).toBeTruthy();
  });

  it('echoes a request id and sets security headers', async () => {
    const res = await new TestClient(t.app).get('/api/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    const generated = await new TestClient(t.app).get('/api/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers['x-request-id']).not.toBe('bad id with spaces');
  });
});

describe('errors never leak and never 500 on bad input', () => {
  it('unknown API route → 404 JSON not_found', async () => {
    const c = await t.as('admin');
    const res = await c.get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('malformed JSON → 400 malformed_body', async () => {
    const c = await t.as('admin');
    const res = await c.request('POST', '/api/agency-groups', undefined, { payload: '{"code": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed_body');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|stack/i);
  });

  it('unsupported content type → 415', async () => {
    const c = await t.as('admin');
    const res = await c.request('POST', '/api/agency-groups', undefined, { payload: '<xml/>', headers: { 'content-type': 'application/xml' } });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('an oversized body → 413', async () => {
    const c = await t.as('admin');
    const res = await c.request('POST', '/api/agency-groups', undefined, {
      payload: JSON.stringify({ code: 'X', nameVi: 'x'.repeat(3 * 1024 * 1024), nameEn: 'x' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('wrong types and unknown enum values get field errors in both languages', async () => {
    const c = await t.as('admin');
    const vi = await c.get('/api/agencies?groupId=abc&active=maybe');
    expect(vi.status).toBe(400);
    expect(vi.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['active', 'groupId']);
    expect(vi.body.error.message).toBe('Dữ liệu không hợp lệ.');
    c.lang = 'en';
    const en = await c.get('/api/agencies?groupId=abc');
    expect(en.body.error.message).toBe('The data is not valid.');
    expect(en.body.error.fields[0].message).toBe('Must be a number.');
  });

  it('a huge integer id is a 400, not a database error', async () => {
    const c = await t.as('admin');
    const res = await c.get('/api/agencies/99999999999999999999');
    expect(res.status).toBe(400);
  });
});
