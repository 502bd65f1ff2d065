import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TestClient, type TestContext } from '../../testing/app';
import { TEST_PASSWORD } from '../../testing/fixtures';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

describe('login', () => {
  it('logs in with the right password and returns the user, roles and a CSRF token', async () => {
    const c = new TestClient(t.app);
    const csrf = await c.get('/api/auth/csrf');
    expect(csrf.status).toBe(200);
    c.csrf = csrf.body.csrfToken;
    const res = await c.post('/api/auth/login', { username: 'head.bdt', password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user.username).toBe('head.bdt');
    expect(res.body.user.roles[0]).toMatchObject({ role: 'agency_head', agencyNameVi: 'Ban Dân tộc' });
    expect(res.body.csrfToken).toBeTruthy();
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/pi_sid=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('head.bdt');
  });

  it('treats usernames case-insensitively', async () => {
    const c = new TestClient(t.app);
    await c.login('SECRETARIAT');
    expect((await c.get('/api/auth/me')).body.user.username).toBe('secretariat');
  });

  it('refuses a wrong password and an unknown user with the same invalid_credentials error', async () => {
    const c = new TestClient(t.app);
    c.csrf = (await c.get('/api/auth/csrf')).body.csrfToken;
    const wrong = await c.post('/api/auth/login', { username: 'focal.stp', password: 'nope-nope-1' });
    const unknown = await c.post('/api/auth/login', { username: 'nobody', password: 'nope-nope-1' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    expect(unknown.body.error.code).toBe('invalid_credentials');
    expect(wrong.body.error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
  });

  it('answers in English when asked', async () => {
    const c = new TestClient(t.app);
    c.lang = 'en';
    c.csrf = (await c.get('/api/auth/csrf')).body.csrfToken;
    const res = await c.post('/api/auth/login', { username: 'nobody', password: 'x' });
    expect(res.body.error.message).toBe('Wrong username or password.');
  });

  it('returns 400 with field errors for a malformed body', async () => {
    const c = new TestClient(t.app);
    c.csrf = (await c.get('/api/auth/csrf')).body.csrfToken;
    const res = await c.post('/api/auth/login', { username: 42 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = res.body.error.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(['password', 'username']);
  });
});

describe('lockout', () => {
  it('locks the account after 5 failed attempts for 15 minutes, even for the right password', async () => {
    const c = new TestClient(t.app);
    c.csrf = (await c.get('/api/auth/csrf')).body.csrfToken;
    for (let i = 1; i <= 4; i++) {
      const r = await c.post('/api/auth/login', { username: 'focal.bdt', password: `wrong-pass-${i}` });
      expect(r.body.error.code).toBe('invalid_credentials');
    }
    const fifth = await c.post('/api/auth/login', { username: 'focal.bdt', password: 'wrong-pass-5' });
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('account_locked');
    const right = await c.post('/api/auth/login', { username: 'focal.bdt', password: TEST_PASSWORD });
    expect(right.body.error.code).toBe('account_locked');
    t.clock.advance(14 * 60_000);
    expect((await c.post('/api/auth/login', { username: 'focal.bdt', password: TEST_PASSWORD })).status).toBe(423);
    t.clock.advance(2 * 60_000);
    const after = await c.post('/api/auth/login', { username: 'focal.bdt', password: TEST_PASSWORD });
    expect(after.status).toBe(200);
  });

  it('an admin password reset clears the lock', async () => {
    const c = new TestClient(t.app);
    c.csrf = (await c.get('/api/auth/csrf')).body.csrfToken;
    for (let i = 0; i < 5; i++) await c.post('/api/auth/login', { username: 'focal.stp', password: `bad-pass-${i}` });
    expect((await c.post('/api/auth/login', { username: 'focal.stp', password: TEST_PASSWORD })).status).toBe(423);
    const admin = await t.as('admin');
    const reset = await admin.post(`/api/users/${t.fixture.users.focalStp}/reset-password`, { password: 'New-pass-2026', mustChangePassword: true });
    expect(reset.status).toBe(200);
    expect(reset.body.isLocked).toBe(false);
    const ok = await c.post('/api/auth/login', { username: 'focal.stp', password: 'New-pass-2026' });
    expect(ok.status).toBe(200);
    expect(ok.body.user.mustChangePassword).toBe(true);
  });
});

describe('CSRF', () => {
  it('refuses a state-changing request without the CSRF header', async () => {
    const c = await t.as('admin');
    const res = await c.post('/api/agency-groups', { code: 'XA', nameVi: 'Cấp xã', nameEn: 'Communes' }, { csrf: false });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_invalid');
  });

  it('refuses a wrong CSRF token and a cross-site origin', async () => {
    const c = await t.as('admin');
    const wrong = await c.post('/api/agency-groups', { code: 'XA', nameVi: 'Cấp xã', nameEn: 'Communes' }, { headers: { 'x-csrf-token': 'forged' }, csrf: false });
    expect(wrong.body.error.code).toBe('csrf_invalid');
    const cross = await c.post('/api/agency-groups', { code: 'XA', nameVi: 'Cấp xã', nameEn: 'Communes' }, { headers: { origin: 'https://evil.example' } });
    expect(cross.body.error.code).toBe('csrf_invalid');
  });

  it('refuses login without the double-submit token', async () => {
    const c = new TestClient(t.app);
    const res = await c.post('/api/auth/login', { username: 'admin', password: TEST_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_invalid');
  });
});

describe('sessions', () => {
  it('logout deletes the session on the server: the old cookie no longer works', async () => {
    const c = await t.as('secretariat');
    const stolen = c.cookies.get('pi_sid')!;
    expect((await c.post('/api/auth/logout')).status).toBe(200);
    const replay = new TestClient(t.app);
    replay.cookies.set('pi_sid', stolen);
    const me = await replay.get('/api/auth/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('unauthenticated');
  });

  it('expires an idle session after the TTL', async () => {
    const c = await t.as('secretariat');
    t.clock.advance(13 * 3600_000);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('returns 401 on /me without a session', async () => {
    const res = await new TestClient(t.app).get('/api/auth/me');
    expect(res.status).toBe(401);
  });
});

describe('change password', () => {
  it('changes my password after checking the current one and ends my other sessions', async () => {
    const a = await t.as('headStp');
    const b = await t.as('headStp');
    const bad = await a.post('/api/auth/password', { currentPassword: 'not-it-123', newPassword: 'Another-pass-1' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('currentPassword');
    const weak = await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(weak.status).toBe(400);
    const ok = await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Another-pass-1' });
    expect(ok.status).toBe(200);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    await new TestClient(t.app).login('head.stp', 'Another-pass-1');
  });

  it('requires a session', async () => {
    const c = new TestClient(t.app);
    c.csrf = (await c.get('/api/auth/csrf')).body.csrfToken;
    const res = await c.post('/api/auth/password', { currentPassword: 'x', newPassword: 'Another-pass-1' });
    expect(res.status).toBe(401);
  });
});

describe('audit of authentication', () => {
  it('records logins and failures in the append-only audit log', async () => {
    const admin = await t.as('admin');
    const res = await admin.get('/api/audit?entityType=user&action=auth.login_failed');
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    await expect(t.database.query('update audit_log set action = $1', ['x'])).rejects.toThrow(/append-only/);
    await expect(t.database.query('delete from audit_log')).rejects.toThrow(/append-only/);
  });
});
