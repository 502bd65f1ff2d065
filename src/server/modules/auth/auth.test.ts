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

describe('login throttling', () => {
  async function client(ip: string) {
    const c = new TestClient(t.app);
    c.remoteAddress = ip;
    c.csrf = (await c.get('/api/auth/csrf')).body.csrfToken;
    return c;
  }

  it('slows down an account from one client with growing delays, answered 429 with Retry-After, never a lock', async () => {
    const attacker = await client('203.0.113.7');
    for (let i = 1; i <= 5; i++) {
      const r = await attacker.post('/api/auth/login', { username: 'focal.bdt', password: `wrong-pass-${i}` });
      expect(r.body.error.code).toBe('invalid_credentials');
    }
    // The 6th failure starts a 1 s delay, the next ones 2 s, 4 s…
    expect((await attacker.post('/api/auth/login', { username: 'focal.bdt', password: 'wrong-pass-6' })).body.error.code).toBe('invalid_credentials');
    const blocked = await attacker.post('/api/auth/login', { username: 'focal.bdt', password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate_limited');
    expect(blocked.headers['retry-after']).toBe('1');
    t.clock.advance(1_100);
    expect((await attacker.post('/api/auth/login', { username: 'focal.bdt', password: 'wrong-pass-7' })).status).toBe(401);
    expect((await attacker.post('/api/auth/login', { username: 'focal.bdt', password: 'wrong-pass-8' })).headers['retry-after']).toBe('2');
    t.clock.advance(2_100);
    expect((await attacker.post('/api/auth/login', { username: 'focal.bdt', password: 'wrong-pass-9' })).status).toBe(401);
    expect((await attacker.post('/api/auth/login', { username: 'focal.bdt', password: 'wrong-pass-10' })).headers['retry-after']).toBe('4');
    // The owner, from their own computer, is not kept out.
    const owner = await client('198.51.100.20');
    expect((await owner.post('/api/auth/login', { username: 'focal.bdt', password: TEST_PASSWORD })).status).toBe(200);
    // The delay ends; a success from that client forgets its failures.
    t.clock.advance(4_100);
    const back = await attacker.post('/api/auth/login', { username: 'focal.bdt', password: TEST_PASSWORD });
    expect(back.status).toBe(200);
    attacker.csrf = back.body.csrfToken;
    // Counting starts afresh: the next failure is a plain 401 and the one after it is not blocked either.
    expect((await attacker.post('/api/auth/login', { username: 'focal.bdt', password: 'wrong-again-1' })).status).toBe(401);
    expect((await attacker.post('/api/auth/login', { username: 'focal.bdt', password: 'wrong-again-2' })).status).toBe(401);
  });

  it('gives unknown users, wrong passwords and deactivated accounts the same answer and the same throttling', async () => {
    const admin = await t.as('admin');
    const head = (await admin.get(`/api/users/${t.fixture.users.headStp}`)).body;
    expect((await admin.patch(`/api/users/${head.id}`, { isActive: false, version: head.version })).status).toBe(200);
    const answers: Record<string, unknown[]> = {};
    for (const [name, password] of [['nobody.here', 'whatever-pass-1'], ['focal.stp', 'wrong-pass-11'], ['head.stp', TEST_PASSWORD]] as const) {
      const c = await client(`192.0.2.${name.length}`);
      const seen: unknown[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await c.post('/api/auth/login', { username: name, password });
        seen.push([r.status, r.body.error.code, r.headers['retry-after'] ?? null]);
      }
      answers[name] = seen;
    }
    expect(answers['nobody.here']).toEqual(answers['focal.stp']);
    expect(answers['head.stp']).toEqual(answers['focal.stp']);
    expect(answers['focal.stp']!.slice(5)).toEqual([[401, 'invalid_credentials', null], [429, 'rate_limited', '1']]);
    const fresh = (await admin.get(`/api/users/${head.id}`)).body;
    await admin.patch(`/api/users/${head.id}`, { isActive: true, version: fresh.version });
  });

  it('slows down a client that tries many accounts (password spraying)', async () => {
    const sprayer = await client('203.0.113.99');
    for (let i = 0; i < 31; i++) {
      expect((await sprayer.post('/api/auth/login', { username: `user${i}.spray`, password: 'Summer-2026-pass' })).status).toBe(401);
    }
    const next = await sprayer.post('/api/auth/login', { username: 'secretariat', password: TEST_PASSWORD });
    expect(next.status).toBe(429);
    // Another client is not affected.
    expect((await (await client('198.51.100.21')).post('/api/auth/login', { username: 'secretariat', password: TEST_PASSWORD })).status).toBe(200);
  });

  it('an administrator sees the delay in the users screen and unlocks the account at once', async () => {
    const attacker = await client('203.0.113.50');
    for (let i = 0; i < 6; i++) await attacker.post('/api/auth/login', { username: 'divhead.bdt', password: `bad-pass-${i}` });
    expect((await attacker.post('/api/auth/login', { username: 'divhead.bdt', password: TEST_PASSWORD })).status).toBe(429);
    const admin = await t.as('admin');
    const id = t.fixture.users.divisionHeadBdt;
    const before = (await admin.get(`/api/users/${id}`)).body;
    expect(before).toMatchObject({ isLocked: true, failedLogins: 6, abilities: { unlock: true } });
    expect((await (await t.as('secretariat')).post(`/api/users/${id}/unlock`)).status).toBe(403);
    const unlocked = await admin.post(`/api/users/${id}/unlock`);
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ isLocked: false, lockedUntil: null, failedLogins: 0 });
    expect((await attacker.post('/api/auth/login', { username: 'divhead.bdt', password: TEST_PASSWORD })).status).toBe(200);
    const audit = await admin.get('/api/audit?entityType=user&action=user.unlock');
    expect(audit.body.total).toBe(1);
  });

  it('an admin password reset forgets the failures too, and the new session must change its password first', async () => {
    const attacker = await client('203.0.113.51');
    for (let i = 0; i < 6; i++) await attacker.post('/api/auth/login', { username: 'focal.stp', password: `bad-pass-${i}` });
    expect((await attacker.post('/api/auth/login', { username: 'focal.stp', password: TEST_PASSWORD })).status).toBe(429);
    const admin = await t.as('admin');
    const reset = await admin.post(`/api/users/${t.fixture.users.focalStp}/reset-password`, { password: 'New-pass-2026', mustChangePassword: true });
    expect(reset.status).toBe(200);
    expect(reset.body.isLocked).toBe(false);
    const ok = await attacker.post('/api/auth/login', { username: 'focal.stp', password: 'New-pass-2026' });
    expect(ok.status).toBe(200);
    expect(ok.body.user.mustChangePassword).toBe(true);
    attacker.csrf = ok.body.csrfToken;
    // Until the password is changed, the session can only read /me, change the password and log out.
    const refused = await attacker.get(`/api/agencies/${t.fixture.agencies.stp}/evidence`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('password_change_required');
    expect((await attacker.get('/api/periods')).body.error.code).toBe('password_change_required');
    expect((await attacker.get('/api/auth/me')).status).toBe(200);
    expect((await attacker.put('/api/auth/lang', { lang: 'en' })).status).toBe(200);
    const changed = await attacker.post('/api/auth/password', { currentPassword: 'New-pass-2026', newPassword: 'Quang-Nam-2027-ok' });
    expect(changed.status).toBe(200);
    expect((await attacker.get('/api/periods')).status).toBe(200);
    expect((await attacker.get('/api/auth/me')).body.user.mustChangePassword).toBe(false);
  });
});

describe('password rules', () => {
  it('refuses short passwords, ones containing the username, and common ones, everywhere a password is set', async () => {
    const a = await t.as('headBdt');
    const short = await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Short-pass1' });
    expect(short.status).toBe(400);
    const withName = await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'my-HEAD.BDT-2026' });
    expect(withName.status).toBe(400);
    expect(withName.body.error.fields).toEqual([{ path: 'newPassword', message: 'Mật khẩu không được chứa tên đăng nhập.' }]);
    const common = await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'password123456' });
    expect(common.status).toBe(400);
    expect(common.body.error.fields[0].message).toMatch(/quá phổ biến/);
    const decorated = await a.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: '2026!!Iloveyou!!' });
    expect(decorated.status).toBe(400);
    const admin = await t.as('admin');
    const created = await admin.post('/api/users', { username: 'new.person', fullName: 'Người mới', password: 'qwertyuiop123', roles: [{ role: 'secretariat' }] });
    expect(created.status).toBe(400);
    expect(created.body.error.fields[0].path).toBe('password');
    const reset = await admin.post(`/api/users/${t.fixture.users.headBdt}/reset-password`, { password: 'head.bdt.2026.x' });
    expect(reset.status).toBe(400);
  });

  it('accepts the demo password and a long passphrase', async () => {
    const { passwordProblem } = await import('../../lib/password-policy');
    const { DEMO_PASSWORD, DEMO_ACCOUNTS } = await import('../../seed/demo');
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(12);
    for (const a of DEMO_ACCOUNTS) expect([a.username, passwordProblem(DEMO_PASSWORD, a.username)]).toEqual([a.username, null]);
    expect(passwordProblem('song Thu Bon chay qua Hoi An 1975', 'focal.bdt')).toBeNull();
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
