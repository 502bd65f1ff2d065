import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../testing/app';

let t: TestContext;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.as('admin');
});
afterAll(async () => t.close());

const BOUNDARY = '----orgtest';
function multipart(content: Buffer, filename = 'agencies.xlsx') {
  return {
    payload: Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Co quan');
  for (const r of rows) ws.addRow(r);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('agencies', () => {
  it('lists agencies of my province only, with group names and abilities', async () => {
    const res = await admin.get('/api/agencies?pageSize=50');
    expect(res.status).toBe(200);
    const codes = res.body.items.map((a: { code: string }) => a.code);
    expect(codes).toEqual(['BDT', 'SNV', 'STP', 'TAMKY']);
    expect(res.body.total).toBe(4);
    expect(res.body.abilities).toEqual({ create: true, import: true });
    expect(res.body.items[0]).toMatchObject({ groupCode: 'SO', groupNameVi: 'Sở, ban, ngành', divisionCount: 2 });
    expect(res.body.items[0].abilities.update).toBe(true);
  });

  it('searches without accents and paginates on the server', async () => {
    const focal = await t.as('focalBdt');
    const res = await focal.get('/api/agencies?q=ban%20dan%20toc');
    expect(res.body.items.map((a: { code: string }) => a.code)).toEqual(['BDT']);
    expect(res.body.abilities).toEqual({ create: false, import: false });
    expect(res.body.items[0].abilities.update).toBe(false);
    const page = await focal.get('/api/agencies?pageSize=2&page=2&sort=code');
    expect(page.body.items.map((a: { code: string }) => a.code)).toEqual(['STP', 'TAMKY']);
  });

  it("hides another province's agency (404, not 403)", async () => {
    const res = await admin.get(`/api/agencies/${t.fixture.agencies.other}`);
    expect(res.status).toBe(404);
  });

  it('creates an agency, refuses a duplicate code and an unknown group, and audits the creation', async () => {
    const body = { code: 'SYT', nameVi: 'Sở Y tế', nameEn: 'Department of Health', groupId: t.fixture.groups.departments, activeFromYear: 2018 };
    const res = await admin.post('/api/agencies', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ code: 'SYT', version: 1, isActive: true, parentId: null });
    const dup = await admin.post('/api/agencies', body);
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('duplicate');
    expect(dup.body.error.fields[0].path).toBe('code');
    const badGroup = await admin.post('/api/agencies', { ...body, code: 'SYT2', groupId: 99999 });
    expect(badGroup.status).toBe(400);
    expect(badGroup.body.error.fields[0].path).toBe('groupId');
    const audit = await admin.get(`/api/audit?entityType=agency&entityId=${res.body.id}`);
    expect(audit.body.items[0]).toMatchObject({ action: 'agency.create', actorName: expect.stringContaining('admin') });
    expect(audit.body.items[0].newValue.code).toBe('SYT');
    expect(audit.body.items[0].requestId).toBeTruthy();
  });

  it('normalises Vietnamese text to NFC and rejects control characters', async () => {
    const decomposed = 'Sở Xây dựng'.normalize('NFD');
    const res = await admin.post('/api/agencies', { code: 'SXD', nameVi: decomposed, nameEn: 'Construction', groupId: t.fixture.groups.departments, activeFromYear: 2018 });
    expect(res.body.nameVi).toBe('Sở Xây dựng'.normalize('NFC'));
    const bad = await admin.post('/api/agencies', { code: 'SXD2', nameVi: 'Sở\u0000', nameEn: 'x', groupId: t.fixture.groups.departments, activeFromYear: 2018 });
    expect(bad.status).toBe(400);
  });

  it('updates with optimistic concurrency: a stale version gets conflict and changes nothing', async () => {
    const id = t.fixture.agencies.tamKy;
    const a = (await admin.get(`/api/agencies/${id}`)).body;
    const ok = await admin.patch(`/api/agencies/${id}`, { nameVi: 'UBND TP Tam Kỳ', version: a.version });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(a.version + 1);
    const stale = await admin.patch(`/api/agencies/${id}`, { nameVi: 'Overwritten', version: a.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await admin.get(`/api/agencies/${id}`)).body.nameVi).toBe('UBND TP Tam Kỳ');
  });

  it('refuses a parent that creates a cycle and an end year before the start year', async () => {
    const snv = (await admin.get(`/api/agencies/${t.fixture.agencies.snv}`)).body;
    const child = await admin.patch(`/api/agencies/${t.fixture.agencies.stp}`, { parentId: snv.id, version: 1 });
    expect(child.status).toBe(200);
    const cycle = await admin.patch(`/api/agencies/${snv.id}`, { parentId: t.fixture.agencies.stp, version: snv.version });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.fields[0].path).toBe('parentId');
    const years = await admin.patch(`/api/agencies/${snv.id}`, { activeToYear: 2000, version: snv.version });
    expect(years.status).toBe(400);
    expect(years.body.error.fields[0].path).toBe('activeToYear');
  });

  it('deactivates and reactivates an agency, and records both in the audit log', async () => {
    const id = t.fixture.agencies.snv;
    const a = (await admin.get(`/api/agencies/${id}`)).body;
    const off = await admin.patch(`/api/agencies/${id}`, { isActive: false, version: a.version });
    expect(off.body.isActive).toBe(false);
    const onlyActive = await admin.get('/api/agencies?active=true&pageSize=100');
    expect(onlyActive.body.items.map((x: { id: number }) => x.id)).not.toContain(id);
    const on = await admin.patch(`/api/agencies/${id}`, { isActive: true, version: off.body.version });
    expect(on.body.isActive).toBe(true);
    const audit = await admin.get(`/api/audit?entityType=agency&entityId=${id}`);
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toContain('agency.deactivate');
    expect(actions).toContain('agency.reactivate');
  });
});

describe('divisions', () => {
  it('an agency head manages the divisions of their own agency only', async () => {
    const head = await t.as('headBdt');
    const created = await head.post(`/api/agencies/${t.fixture.agencies.bdt}/divisions`, { code: 'KHTH', nameVi: 'Phòng Kế hoạch - Tổng hợp', nameEn: 'Planning' });
    expect(created.status).toBe(201);
    const list = await head.get(`/api/agencies/${t.fixture.agencies.bdt}/divisions`);
    expect(list.body.items.map((d: { code: string }) => d.code)).toEqual(['CS', 'KHTH', 'VP']);
    expect(list.body.abilities.create).toBe(true);
    const other = await head.post(`/api/agencies/${t.fixture.agencies.stp}/divisions`, { code: 'X', nameVi: 'X', nameEn: 'X' });
    expect(other.status).toBe(403);
    const edit = await head.patch(`/api/divisions/${created.body.id}`, { isActive: false, version: 1 });
    expect(edit.body.isActive).toBe(false);
  });
});

describe('agency groups', () => {
  it('creates and renames a group; the province defines its groups', async () => {
    const created = await admin.post('/api/agency-groups', { code: 'XA', nameVi: 'UBND cấp xã', nameEn: 'Communes', position: 3 });
    expect(created.status).toBe(201);
    const list = await admin.get('/api/agency-groups');
    expect(list.body.items.map((g: { code: string }) => g.code)).toEqual(['SO', 'HUYEN', 'XA']);
    expect(list.body.items[0].agencyCount).toBeGreaterThan(0);
    const renamed = await admin.patch(`/api/agency-groups/${created.body.id}`, { nameVi: 'Cấp xã', version: 1 });
    expect(renamed.body.nameVi).toBe('Cấp xã');
  });
});

describe('agency import (.xlsx)', () => {
  const header = ['Mã cơ quan', 'Tên cơ quan', 'Tên tiếng Anh', 'Viết tắt', 'Mã nhóm', 'Mã đơn vị cấp trên', 'Từ năm', 'Đến năm', 'Các phòng'];

  it('reports every problem with its row and column and imports nothing', async () => {
    const file = await workbook([
      header,
      ['SCT', 'Sở Công Thương', 'Industry and Trade', 'SCT', 'SO', null, 2015, null, 'VP=Văn phòng'],
      ['SCT', 'Sở Công Thương (lặp)', null, null, 'SO', null, 2015, null, null],
      ['SGT', 'Sở Giao thông', null, null, 'NOPE', null, 'abc', null, null],
      ['SXX', '', null, null, 'SO', 'ZZZ', 2020, 2019, 'broken'],
    ]);
    const before = (await admin.get('/api/agencies?pageSize=1')).body.total;
    const res = await admin.request('POST', '/api/agencies/import', undefined, multipart(file));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('import_failed');
    const problems = res.body.error.details.problems as { row: number; column: string; message: string }[];
    const where = problems.map((p) => `${p.row}:${p.column?.split(' ')[0]}`);
    expect(where).toEqual(expect.arrayContaining(['3:A', '4:E', '4:G', '5:B']));
    expect(problems.length).toBeGreaterThanOrEqual(4);
    expect((await admin.get('/api/agencies?pageSize=1')).body.total).toBe(before);
  });

  it('imports new agencies with divisions and parents, and updates existing codes', async () => {
    const file = await workbook([
      ['DANH SÁCH CƠ QUAN'],
      header,
      ['SCT', 'Sở Công Thương', 'Department of Industry and Trade', 'SCT', 'SO', null, 2015, null, 'VP=Văn phòng Sở; QLCN=Phòng Quản lý công nghiệp'],
      ['BDT', 'Ban Dân tộc tỉnh Quảng Nam', 'Ethnic Minorities Committee', 'BDT', 'SO', null, 2011, null, null],
      ['HOIAN', 'UBND thành phố Hội An', 'Hội An City', 'HA', 'HUYEN', null, 2015, null, null],
      ['CAMHA', 'UBND phường Cẩm Hà', 'Cẩm Hà Ward', null, 'HUYEN', 'HOIAN', 2015, null, null],
    ]);
    const res = await admin.request('POST', '/api/agencies/import', undefined, multipart(file));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 3, updated: 1, rows: 4 });
    const sct = (await admin.get('/api/agencies?q=SCT')).body.items[0];
    expect(sct.divisionCount).toBe(2);
    const camha = (await admin.get('/api/agencies?q=cam%20ha')).body.items[0];
    expect(camha.parentNameVi).toBe('UBND thành phố Hội An');
    expect((await admin.get(`/api/agencies/${t.fixture.agencies.bdt}`)).body.nameVi).toBe('Ban Dân tộc tỉnh Quảng Nam');
  });

  it('rejects a file that is not a workbook, whatever its name', async () => {
    const res = await admin.request('POST', '/api/agencies/import', undefined, multipart(Buffer.from('%PDF-1.4 not excel'), 'agencies.xlsx'));
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
  });

  it('exports agencies in the import layout, which imports back unchanged, formula-like names included', async () => {
    const hostile = await admin.post('/api/agencies', { code: 'FX', nameVi: '=Sở "thử"; -1', nameEn: "'+Dept,@x", groupId: t.fixture.groups.departments, activeFromYear: 2018 });
    expect(hostile.status).toBe(201);
    const res = await admin.get('/api/agencies/export.xlsx');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Mã cơ quan');
    // In the file, a quote before each place a formula would start (decision 0013).
    const row = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === 'FX')!;
    expect([row.getCell(2).value, row.getCell(3).value]).toEqual(['\'=Sở "thử"; -1', "''+Dept,'@x"]);
    const again = await admin.request('POST', '/api/agencies/import', undefined, multipart(res.raw));
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(0);
    expect((await admin.get(`/api/agencies/${hostile.body.id}`)).body).toMatchObject({ nameVi: '=Sở "thử"; -1', nameEn: "'+Dept,@x" });
  });
});

describe('province', () => {
  it('admin renames the governing body line', async () => {
    const before = (await admin.get('/api/province')).body;
    const res = await admin.patch('/api/province', { governingBodyVi: 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM', version: before.version });
    const stale = await admin.patch('/api/province', { nameVi: 'Khác', version: before.version });
    expect(stale.status).toBe(409);
    expect(res.body.governingBodyVi).toBe('ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM');
    expect(res.body.abilities.update).toBe(true);
  });
});
