import { and, asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommendationGenerateResult, CommendationView } from '../../../core/schemas/commendations';
import { auditLog } from '../../db/schema/index';
import { createDemoContext, type DemoContext, type TestClient } from '../../testing/app';

/** Commendation proposals from the published 2019 demo results and BDT's approved 2019 initiative. */
let t: DemoContext;
let sec: TestClient;
const rules = { topN: 3, minClassCode: null, minRise: 3 };

beforeAll(async () => {
  t = await createDemoContext();
  t.clock.set('2021-03-01T02:00:00Z');
  sec = await t.as('secretariat');
}, 180_000);
afterAll(async () => t.close());

const codes = (items: CommendationView[]) => items.map((c) => `${c.kind}:${c.agency.code}`);

describe('generation', () => {
  let firstRun: CommendationGenerateResult;

  it('proposes the top 3 of each group, the big risers and the approved initiatives, with the basis in both languages', async () => {
    const res = await sec.post<CommendationGenerateResult>('/api/commendations/generate', { year: 2019, rules });
    expect(res.status).toBe(200);
    firstRun = res.body;
    expect(firstRun.existing).toBe(0);
    expect(firstRun.created).toBe(firstRun.items.length);
    const so = firstRun.items.filter((c) => c.kind === 'agency' && c.agency.groupCode === 'SO').map((c) => c.agency.code);
    expect(so).toEqual(['SYT', 'STC', 'SLDTBXH', 'SCT']); // top 3, and SCT up 7 places
    expect(firstRun.items.filter((c) => c.agency.groupCode === 'HUYEN').length).toBeGreaterThanOrEqual(3);
    const sld = firstRun.items.find((c) => c.agency.code === 'SLDTBXH')!;
    expect(sld.basisVi).toBe('Xếp hạng 3/20 sở, ban, ngành; chỉ số 92,91%; xếp loại Tốt; tăng 3 bậc so với năm 2018');
    expect(sld.basisEn).toBe('Ranked 3/20 among provincial departments and boards; index 92.91%; class Good; up 3 places on 2018');
    const initiative = firstRun.items.find((c) => c.kind === 'initiative')!;
    expect(initiative).toMatchObject({ agency: { code: 'BDT' }, initiative: { title: 'Số hóa hồ sơ thực hiện chính sách dân tộc trên phần mềm quản lý văn bản' }, status: 'proposed' });
    expect(initiative.basisVi).toBe(
      'Sáng kiến “Số hóa hồ sơ thực hiện chính sách dân tộc trên phần mềm quản lý văn bản” (tác giả: Hồ Văn Tâm, Nguyễn Thị Mai); phục vụ tiêu chí 1.5.1, 7.1.2; được Ban Dân tộc phê duyệt ngày 20/11/2019',
    );
    expect(firstRun.items.filter((c) => c.kind === 'initiative')).toHaveLength(1); // the rejected and the 2020 ones are not proposed
  });

  it('is idempotent: the same rules again create nothing, wider rules add only the new ones', async () => {
    const again = await sec.post<CommendationGenerateResult>('/api/commendations/generate', { year: 2019, rules });
    expect([again.body.created, again.body.existing]).toEqual([0, firstRun.created]);
    expect(codes(again.body.items)).toEqual(codes(firstRun.items));
    const wider = await sec.post<CommendationGenerateResult>('/api/commendations/generate', { year: 2019, rules: { ...rules, minClassCode: 'good' }, groupCodes: ['SO'] });
    expect(wider.body.created).toBe(9); // the other 9 departments classed Tốt (13 in all)
    expect(wider.body.items.filter((c) => c.kind === 'agency' && c.agency.groupCode === 'SO')).toHaveLength(13);
    const concurrent = await Promise.all([0, 1, 2].map(() => sec.post<CommendationGenerateResult>('/api/commendations/generate', { year: 2019, rules: { topN: 20, minClassCode: null, minRise: null } })));
    expect(concurrent.every((r) => r.status === 200)).toBe(true);
    expect(concurrent.reduce((n, r) => n + r.body.created, 0)).toBe(7 + 18 - firstRun.items.filter((c) => c.agency.groupCode === 'HUYEN').length);
    const list = await sec.get('/api/commendations?year=2019&kind=agency');
    const keys = list.body.items.map((c: CommendationView) => c.agency.code);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(38);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'commendation.generate'));
    expect(audit).toHaveLength(6);
  });

  it('refuses an unpublished year, a year without a period, an unknown band or group, and out-of-range rules', async () => {
    const unpublished = await sec.post('/api/commendations/generate', { year: 2020, rules });
    expect([unpublished.status, unpublished.body.error.code]).toEqual([409, 'invalid_state']);
    expect((await sec.post('/api/commendations/generate', { year: 2031, rules })).status).toBe(404);
    const band = await sec.post('/api/commendations/generate', { year: 2019, rules: { ...rules, minClassCode: 'excellent' } });
    expect([band.status, band.body.error.fields[0].path]).toEqual([400, 'rules.minClassCode']);
    const group = await sec.post('/api/commendations/generate', { year: 2019, rules, groupCodes: ['SO', 'XA'] });
    expect([group.status, group.body.error.fields[0].path]).toEqual([400, 'groupCodes.1']);
    const range = await sec.post('/api/commendations/generate', { year: 2019, rules: { topN: 0, minRise: -1 } });
    expect(range.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['rules.minRise', 'rules.topN']);
  });

  it('is the secretariat’s: agency staff and administrators cannot generate', async () => {
    for (const who of ['bdt.head', 'bdt.focal', 'admin']) {
      expect([who, (await (await t.as(who)).post('/api/commendations/generate', { year: 2019, rules })).status]).toEqual([who, 403]);
    }
  });
});

describe('editing and deciding', () => {
  let item: CommendationView;

  it('edits the basis while proposed, with optimistic locking', async () => {
    item = (await sec.get('/api/commendations?year=2019&kind=agency')).body.items.find((c: CommendationView) => c.agency.code === 'SYT');
    const res = await sec.patch<CommendationView>(`/api/commendations/${item.id}`, { version: item.version, basisVi: `${item.basisVi}; dẫn đầu 2 năm liền`, basisEn: item.basisEn });
    expect(res.status).toBe(200);
    expect(res.body.basisVi).toContain('dẫn đầu 2 năm liền');
    const stale = await sec.patch(`/api/commendations/${item.id}`, { version: item.version, basisVi: 'x' });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'conflict']);
    item = res.body;
  });

  it('approves, refuses edits and a second decision, reopens and rejects', async () => {
    const approved = await sec.post<CommendationView>(`/api/commendations/${item.id}/decision`, { version: item.version, decision: 'approve' });
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'Nguyễn Thị Thu Hà', abilities: { edit: false, decide: true } });
    const edit = await sec.patch(`/api/commendations/${item.id}`, { version: approved.body.version, basisVi: 'Sửa' });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'invalid_state']);
    const twice = await sec.post(`/api/commendations/${item.id}/decision`, { version: approved.body.version, decision: 'reject' });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'invalid_state']);
    const reopened = await sec.post<CommendationView>(`/api/commendations/${item.id}/decision`, { version: approved.body.version, decision: 'reopen' });
    expect(reopened.body).toMatchObject({ status: 'proposed', decidedBy: null, decidedAt: null });
    const rejected = await sec.post<CommendationView>(`/api/commendations/${item.id}/decision`, { version: reopened.body.version, decision: 'reject' });
    expect(rejected.body.status).toBe('rejected');
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'commendation'), eq(auditLog.entityId, String(item.id)))).orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(['commendation.update', 'commendation.approve', 'commendation.reopen', 'commendation.reject']);
  });

  it('is refused to agency staff, and a missing proposal is 404', async () => {
    expect((await (await t.as('bdt.head')).post(`/api/commendations/${item.id}/decision`, { version: 1, decision: 'approve' })).status).toBe(403);
    expect((await sec.post('/api/commendations/999999/decision', { version: 1, decision: 'approve' })).status).toBe(404);
  });

  it('shows the proposal on the initiative it came from', async () => {
    const p = (await sec.get('/api/commendations?year=2019&kind=initiative')).body.items[0] as CommendationView;
    const i = await (await t.as('bdt.head')).get(`/api/initiatives/${p.initiative!.id}`);
    expect(i.body.commendation).toEqual({ id: p.id, status: 'proposed' });
  });
});

describe('reading and export', () => {
  it('shows an agency only its own proposals; filters by status', async () => {
    const bdt = await (await t.as('bdt.focal')).get('/api/commendations?year=2019');
    expect(bdt.status).toBe(200);
    expect(codes(bdt.body.items).sort()).toEqual(['agency:BDT', 'initiative:BDT']);
    expect(bdt.body.abilities).toEqual({ manage: false });
    const stp = await (await t.as('stp.focal')).get('/api/commendations?year=2019');
    expect(codes(stp.body.items)).toEqual(['agency:STP']);
    const rejected = await sec.get('/api/commendations?year=2019&status=rejected');
    expect(codes(rejected.body.items)).toEqual(['agency:SYT']);
    expect((await sec.get('/api/commendations?year=2030')).body.items).toEqual([]);
  });

  it('exports the year’s proposals as .xlsx for the yearly review (secretariat)', async () => {
    const res = await sec.get('/api/commendations/export.xlsx?year=2019');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain('de-xuat-khen-thuong-2019.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toBe('DANH SÁCH ĐỀ XUẤT KHEN THƯỞNG CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM 2019');
    const rows: string[][] = [];
    ws.eachRow((row) => rows.push(Array.from({ length: 8 }, (_, i) => String(row.getCell(i + 1).value ?? ''))));
    const sld = rows.find((r) => r[2] === 'Sở Lao động - Thương binh và Xã hội')!;
    expect(sld.slice(1, 8)).toEqual(['Tập thể (kết quả Chỉ số)', 'Sở Lao động - Thương binh và Xã hội', 'SO', '', '', 'Xếp hạng 3/20 sở, ban, ngành; chỉ số 92,91%; xếp loại Tốt; tăng 3 bậc so với năm 2018', 'Đề xuất']);
    expect(rows.some((r) => r[1] === 'Sáng kiến' && r[5] === 'Hồ Văn Tâm, Nguyễn Thị Mai')).toBe(true);
    expect((await (await t.as('bdt.head')).get('/api/commendations/export.xlsx?year=2019')).status).toBe(403);
  });
});
