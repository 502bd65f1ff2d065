import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, onUnauthenticated, request, setRequestLang, withQuery } from './client';

type FetchArgs = [string, RequestInit];
let calls: FetchArgs[];

function reply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

beforeEach(() => {
  calls = [];
  vi.stubGlobal('document', { cookie: 'other=1; pi_csrf=tok%2Fen' });
  setRequestLang('vi');
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubFetch(...replies: Response[]) {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push([url, init]);
    const next = replies.shift();
    if (!next) throw new Error('no more replies');
    return next;
  });
}

describe('withQuery', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(withQuery('/api/agencies', { page: 1, q: 'sở nội vụ', groupId: undefined, active: '' })).toBe(
      '/api/agencies?page=1&q=s%E1%BB%9F+n%E1%BB%99i+v%E1%BB%A5',
    );
    expect(withQuery('/api/x', {})).toBe('/api/x');
  });
});

describe('request', () => {
  it('sends x-lang and parses the reply with the schema', async () => {
    stubFetch(reply(200, { ok: true, extra: 'dropped' }));
    setRequestLang('en');
    const body = await request('GET', '/api/x', z.object({ ok: z.boolean() }));
    expect(body).toEqual({ ok: true });
    expect((calls[0]![1].headers as Record<string, string>)['x-lang']).toBe('en');
  });

  it('sends the CSRF cookie as a header on state-changing requests', async () => {
    stubFetch(reply(200, { ok: true }));
    await request('POST', '/api/x', z.object({ ok: z.boolean() }), { body: { a: 1 } });
    const headers = calls[0]![1].headers as Record<string, string>;
    expect(headers['x-csrf-token']).toBe('tok/en');
    expect(headers['content-type']).toBe('application/json');
  });

  it('turns an error body into an ApiError with code, message, fields and details', async () => {
    stubFetch(
      reply(400, {
        error: { code: 'validation_failed', message: 'Dữ liệu không hợp lệ.', fields: [{ path: 'code', message: 'Bắt buộc nhập.' }], details: { x: 1 } },
      }),
    );
    const err = await request('POST', '/api/x', z.unknown(), { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'validation_failed', message: 'Dữ liệu không hợp lệ.', fields: [{ path: 'code', message: 'Bắt buộc nhập.' }], details: { x: 1 } });
  });

  it('retries once with a fresh token when the server refuses the CSRF token', async () => {
    // No cookie: the client asks for a token, the server refuses it, the client asks again and retries once.
    vi.stubGlobal('document', { cookie: '' });
    stubFetch(reply(200, { csrfToken: 'first' }), reply(403, { error: { code: 'csrf_invalid', message: 'x' } }), reply(200, { csrfToken: 'fresh' }), reply(200, { ok: true }));
    const body = await request('POST', '/api/x', z.object({ ok: z.boolean() }), { body: {} });
    expect(body).toEqual({ ok: true });
    expect(calls.map((c) => c[0])).toEqual(['/api/auth/csrf', '/api/x', '/api/auth/csrf', '/api/x']);
    expect((calls[3]![1].headers as Record<string, string>)['x-csrf-token']).toBe('fresh');
  });

  it('tells the app when the session has ended', async () => {
    stubFetch(reply(401, { error: { code: 'unauthenticated', message: 'Bạn cần đăng nhập.' } }));
    const seen = vi.fn();
    const off = onUnauthenticated(seen);
    await request('GET', '/api/x', z.unknown()).catch(() => undefined);
    off();
    expect(seen).toHaveBeenCalledOnce();
  });

  it('reports a network failure in the interface language', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const err = await request('GET', '/api/x', z.unknown()).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 0, code: 'network' });
    expect((err as Error).message).toContain('Không kết nối được máy chủ');
  });

  it('reads a non-JSON 413 from a proxy as "too large"', async () => {
    stubFetch(new Response('<html>413</html>', { status: 413 }));
    const err = await request('GET', '/api/x', z.unknown()).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 413, code: 'payload_too_large' });
  });
});
