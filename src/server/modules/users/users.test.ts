import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TestClient, type TestContext } from '../../testing/app';

let t: TestContext;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.as('admin');
});
afterAll(async () => t.close());

const BOUNDARY = '----userstest';
function multipart(content: Buffer) {
  return {
    payload: Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="users.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

describe('users', () => {
  it('lists users of my province without password hashes', async () => {
    const res = await admin.get('/api/users?pageSize=100');
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: { username: string }) => u.username)).not.toContain('other.admin');
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|passwordHash/);
    const heads = await admin.get(`/api/users?role=agency_head&agencyId=${t.fixture.agencies.bdt}`);
    expect(heads.body.items.map((u: { username: string }) => u.username)).toEqual(['head.bdt']);
  });

  it('creates a user with scoped roles, who can then log in', async () => {
    const res = await admin.post('/api/users', {
      username: 'Focal2.BDT',
      fullName: 'Nguyễn Văn Hai',
      email: 'hai@example.vn',
      password: 'First-pass-2026',
      mustChangePassword: true,
      roles: [{ role: 'agency_focal', agencyId: t.fixture.agencies.bdt }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ username: 'focal2.bdt', mustChangePassword: true, roles: [{ role: 'agency_focal', agencyNameVi: 'Ban Dân tộc' }] });
    const c = await new TestClient(t.app).login('focal2.bdt', 'First-pass-2026');
    const me = await c.get('/api/auth/me');
    expect(me.body.user.mustChangePassword).toBe(true);
    expect(me.body.abilities['user.list']).toBe(false);
  });

  it('applies a role change to the user’s very next request (the session cache is dropped)', async () => {
    const created = await admin.post('/api/users', { username: 'cache.check', fullName: 'Kiểm tra', password: 'First-pass-2026', roles: [{ role: 'agency_focal', agencyId: t.fixture.agencies.bdt }] });
    const c = await new TestClient(t.app).login('cache.check', 'First-pass-2026');
    expect((await c.get('/api/auth/me')).body.abilities['user.list']).toBe(false);
    const changed = await admin.patch(`/api/users/${created.body.id}`, { roles: [{ role: 'admin' }], version: created.body.version });
    expect(changed.status).toBe(200);
    expect((await c.get('/api/auth/me')).body.abilities['user.list']).toBe(true);
    await admin.patch(`/api/users/${created.body.id}`, { roles: [{ role: 'agency_focal', agencyId: t.fixture.agencies.bdt }], version: changed.body.version });
    expect((await c.get('/api/users?pageSize=5')).status).toBe(403);
  });

  it('fills a division head’s agency from the division and refuses a division of another agency', async () => {
    const ok = await admin.post('/api/users', {
      username: 'divhead2',
      fullName: 'Trưởng phòng',
      password: 'First-pass-2026',
      roles: [{ role: 'division_head', divisionId: t.fixture.divisions.bdtPolicy }],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.roles[0]).toMatchObject({ agencyId: t.fixture.agencies.bdt, divisionNameVi: 'Phòng Chính sách' });
    const bad = await admin.post('/api/users', {
      username: 'divhead3',
      fullName: 'Trưởng phòng',
      password: 'First-pass-2026',
      roles: [{ role: 'division_head', agencyId: t.fixture.agencies.stp, divisionId: t.fixture.divisions.bdtPolicy }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('roles.0.divisionId');
  });

  it('refuses an agency of another province in a role', async () => {
    const res = await admin.post('/api/users', {
      username: 'sneaky',
      fullName: 'X',
      password: 'First-pass-2026',
      roles: [{ role: 'agency_head', agencyId: t.fixture.agencies.other }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].path).toBe('roles.0.agencyId');
  });

  it('refuses a taken username with a field error', async () => {
    const res = await admin.post('/api/users', { username: 'admin', fullName: 'X', password: 'First-pass-2026', roles: [{ role: 'secretariat' }] });
    expect(res.status).toBe(409);
    expect(res.body.error.fields[0].path).toBe('username');
  });

  it('deactivating a user ends their sessions and blocks login', async () => {
    const victim = await t.as('focalStp');
    const u = (await admin.get(`/api/users/${t.fixture.users.focalStp}`)).body;
    const res = await admin.patch(`/api/users/${u.id}`, { isActive: false, version: u.version });
    expect(res.status).toBe(200);
    expect((await victim.get('/api/auth/me')).status).toBe(401);
    const again = new TestClient(t.app);
    again.csrf = (await again.get('/api/auth/csrf')).body.csrfToken;
    const login = await again.post('/api/auth/login', { username: 'focal.stp', password: 'Test-pass-2026' });
    // The same answer as a wrong password: a deactivated account is not told apart.
    expect(login.status).toBe(401);
    expect(login.body.error.code).toBe('invalid_credentials');
  });

  it('an admin cannot deactivate themself or drop their own admin role', async () => {
    const me = (await admin.get(`/api/users/${t.fixture.users.admin}`)).body;
    expect(me.abilities.deactivate).toBe(false);
    const off = await admin.patch(`/api/users/${me.id}`, { isActive: false, version: me.version });
    expect(off.status).toBe(403);
    const drop = await admin.patch(`/api/users/${me.id}`, { roles: [{ role: 'secretariat' }], version: me.version });
    expect(drop.status).toBe(400);
  });

  it('a user reads their own account but not others', async () => {
    const focal = await t.as('focalBdt');
    expect((await focal.get(`/api/users/${t.fixture.users.focalBdt}`)).status).toBe(200);
    expect((await focal.get(`/api/users/${t.fixture.users.headBdt}`)).status).toBe(403);
  });

  it('a stale version gets conflict', async () => {
    const u = (await admin.get(`/api/users/${t.fixture.users.headBdt}`)).body;
    await admin.patch(`/api/users/${u.id}`, { fullName: 'Lần 1', version: u.version });
    const stale = await admin.patch(`/api/users/${u.id}`, { fullName: 'Lần 2', version: u.version });
    expect(stale.status).toBe(409);
  });
});

describe('user import (.xlsx)', () => {
  async function file(rows: (string | null)[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Users');
    ws.addRow(['Tên đăng nhập', 'Họ và tên', 'Email', 'Vai trò', 'Mã cơ quan', 'Mã phòng', 'Lĩnh vực thẩm định', 'Mật khẩu']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }

  it('reports every bad cell with row and column and imports nothing', async () => {
    const res = await admin.request(
      'POST',
      '/api/users/import',
      undefined,
      multipart(
        await file([
          ['x', 'A', 'bad-email', 'agency_focal', 'NOPE', null, null, null],
          ['ok.user', 'B', null, 'emperor', null, null, null, null],
          ['ok.user', 'C', null, 'Thường trực (Sở Nội vụ)', null, null, null, 'short'],
        ]),
      ),
    );
    expect(res.status).toBe(422);
    const where = res.body.error.details.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column.split(' ')[0]}`);
    expect(where).toEqual(expect.arrayContaining(['2:A', '2:C', '2:E', '3:D', '4:A', '4:H']));
    expect((await admin.get('/api/users?q=ok.user')).body.total).toBe(0);
  });

  it('creates accounts, generating initial passwords that must be changed', async () => {
    const res = await admin.request(
      'POST',
      '/api/users/import',
      undefined,
      multipart(
        await file([
          ['tp.appraiser', 'Thẩm định Tư pháp', 'tp@example.vn', 'appraiser', 'STP', null, '2, 3', null],
          ['bdt.vp', 'Trưởng VP Ban', null, 'Trưởng phòng', 'BDT', 'VP', null, 'Given-pass-2026'],
        ]),
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(2);
    const generated = res.body.users.find((u: { username: string }) => u.username === 'tp.appraiser').initialPassword;
    expect(generated).toMatch(/^Pi-/);
    const c = await new TestClient(t.app).login('tp.appraiser', generated);
    const me = (await c.get('/api/auth/me')).body;
    expect(me.user.roles[0]).toMatchObject({ role: 'appraiser', fieldCodes: ['2', '3'] });
    expect(me.user.mustChangePassword).toBe(true);
    await new TestClient(t.app).login('bdt.vp', 'Given-pass-2026');
  });

  it('refuses a password that contains the username or is a common one, naming the row', async () => {
    const res = await admin.request(
      'POST',
      '/api/users/import',
      undefined,
      multipart(
        await file([
          ['weak.one', 'Một', null, 'Thường trực (Sở Nội vụ)', null, null, null, 'weak.one-2026-x'],
          ['weak.two', 'Hai', null, 'Thường trực (Sở Nội vụ)', null, null, null, 'qwertyuiop123'],
        ]),
      ),
    );
    expect(res.status).toBe(422);
    const where = res.body.error.details.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column.split(' ')[0]}`);
    expect(where).toEqual(['2:H', '3:H']);
    expect((await admin.get('/api/users?q=weak')).body.total).toBe(0);
  });
});

describe('create-admin (CLI)', () => {
  it('applies the same password rules', async () => {
    const { createAdmin } = await import('../../seed/admin');
    const common = await createAdmin(t.database, { username: 'root.admin', password: 'password1234', fullName: 'Quản trị' });
    expect(common).toMatchObject({ ok: false, problems: [expect.stringMatching(/^password: This password is too common/)] });
    const named = await createAdmin(t.database, { username: 'root.admin', password: 'Root.Admin-2026', fullName: 'Quản trị' });
    expect(named).toMatchObject({ ok: false, problems: ['password: The password must not contain the username.'] });
    const short = await createAdmin(t.database, { username: 'root.admin', password: 'Short-2026', fullName: 'Quản trị' });
    expect(short.ok).toBe(false);
    const ok = await createAdmin(t.database, { username: 'root.admin', password: 'Hoi-An-pho-co-1999', fullName: 'Quản trị', provinceCode: 'QNA' });
    expect(ok).toMatchObject({ ok: true, username: 'root.admin' });
  });
});
