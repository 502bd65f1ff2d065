import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/app';
import { seedPublishedPeriod } from '../../testing/fixtures';
import { docxText, entryText, readZip } from '../reports/zip.test-support';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await seedPublishedPeriod(t.database.db, t.fixture, 2025);
}, 120_000);
afterAll(async () => t.close());

const HEADER = ['Năm', 'Mã cơ quan', 'Chỉ số', 'Xếp hạng', 'Số đơn vị xếp hạng', 'Xếp loại', 'LV1', 'LV2'];
async function book(rows: (string | number | null)[][], header = HEADER) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Lich su');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
const BOUNDARY = '----history';
const form = (buf: Buffer) => ({
  payload: Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="h.xlsx"\r\n\r\n`), buf, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
  headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
});
async function upload(path: '/api/history/preview' | '/api/history/import', rows: (string | number | null)[][], as: Parameters<TestContext['as']>[0] = 'secretariat') {
  return (await t.as(as)).request('POST', path, undefined, form(await book(rows)));
}
const stored = (code: string, year: number) =>
  t.database.query<{ id: number; total_index: string | null; rank: number | null; ranked_count: number | null; classification: unknown; version: number }>(
    'select h.id, h.total_index, h.rank, h.ranked_count, h.classification, h.version from historical_results h join agencies a on a.id = h.agency_id where a.code = $1 and h.year = $2',
    [code, year],
  );
const groupResults = async (year: number) => (await (await t.as('secretariat')).get(`/api/results?year=${year}&groupId=${t.fixture.groups.departments}`)).body;
const rowOf = (results: { agencies: { agencyId: number; previousRank: number | null; rankChange: number | null; rank: number }[] }, agencyId: number) => results.agencies.find((a) => a.agencyId === agencyId)!;

describe('history template and preview', () => {
  it('the template has the published columns, LV1…LVn and a sheet of agency codes', async () => {
    const res = await (await t.as('secretariat')).get('/api/history/template.xlsx');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 7)).toEqual(['Năm', 'Mã cơ quan', 'Chỉ số', 'Xếp hạng', 'Số đơn vị xếp hạng', 'Xếp loại', 'LV1']);
    expect(header.length).toBeGreaterThan(7);
    const codes = wb.getWorksheet('Co quan')!.getColumn(1).values.slice(2);
    expect(codes).toEqual(expect.arrayContaining(['BDT', 'SNV', 'STP']));
    expect((await (await t.as('focalBdt')).get('/api/history/template.xlsx')).status).toBe(403);
  });

  it('previews every row and every problem and stores nothing', async () => {
    const res = await upload('/api/history/preview', [
      [2024, 'BDT', '84.645', 19, 63, null, '70.005', null],
      [2024, 'NOPE', 80, 1, 63, null, null, null],
      [2024, 'SNV', 'cao', 'x', 63, null, 120, null],
    ]);
    expect(res.status).toBe(200);
    expect(res.body.rows).toHaveLength(1);
    expect(res.body.rows[0]).toMatchObject({ code: 'BDT', totalIndex: '84.65', rank: 19, rankedCount: 63, components: [{ code: '1', index: '70.01' }], classification: { code: 'good', source: 'bands' }, replaces: null });
    expect(res.body.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`)).toEqual(expect.arrayContaining(['3:B', '4:C', '4:D', '4:G']));
    expect(await stored('BDT', 2024)).toEqual([]);
  });

  it('refuses the import with every problem and stores nothing; a user without the right gets 403', async () => {
    const bad = await upload('/api/history/import', [[2024, 'BDT', 80, 1, 63, null, null, null], [2024, 'NOPE', 80, 2, 63, null, null, null]]);
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.problems).toEqual([expect.objectContaining({ row: 3, column: 'B' })]);
    expect(await stored('BDT', 2024)).toEqual([]);
    expect((await upload('/api/history/import', [[2024, 'BDT', 80, 1, 63, null, null, null]], 'focalBdt')).status).toBe(403);
  });
});

describe('history as published', () => {
  it('rounds half-up once on the digits: 84.645 → 84.65, 80.005 → 80.01 (numbers typed in the sheet too)', async () => {
    const res = await upload('/api/history/import', [[2023, 'BDT', '84.645', null, null, null, null, null], [2023, 'SNV', 80.005, null, null, null, null, null], [2023, 'STP', '72,415', null, null, null, null, null]]);
    expect(res.status).toBe(200);
    expect((await stored('BDT', 2023))[0]!.total_index).toMatch(/^84\.650*$/);
    expect((await stored('SNV', 2023))[0]!.total_index).toMatch(/^80\.010*$/);
    expect((await stored('STP', 2023))[0]!.total_index).toMatch(/^72\.420*$/);
  });

  it('a partial import keeps its published ranks: rank 19 of 63 is what the year shows and what the next rank change uses', async () => {
    // Two of the 63 departments of a national ranking; recomputing among them would say "1 of 2" and "2 of 2".
    const res = await upload('/api/history/import', [[2024, 'BDT', '81.2', 19, 63, 'Tốt', null, null], [2024, 'SNV', '', 7, 63, null, null, null]]);
    expect(res.status).toBe(200);
    expect((await stored('BDT', 2024))[0]).toMatchObject({ rank: 19, ranked_count: 63, classification: { code: 'good', source: 'file' } });
    expect((await stored('SNV', 2024))[0]).toMatchObject({ total_index: null, rank: 7, ranked_count: 63, classification: null });
    const results = await groupResults(2025);
    expect(rowOf(results, t.fixture.agencies.bdt).previousRank).toBe(19);
    expect(rowOf(results, t.fixture.agencies.snv).previousRank).toBe(7);
    const analysis = await (await t.as('secretariat')).get(`/api/analysis/agencies/${t.fixture.agencies.bdt}?year=2025`);
    expect(analysis.status).toBe(200);
    expect(analysis.body.trend.points.find((p: { year: number }) => p.year === 2024)).toMatchObject({ rank: 19, of: 63, totalIndex: 8120 });
    expect(analysis.body.summary.previousRank).toBe(19);
  });

  it('lists, corrects and deletes imported rows, audited and version-checked', async () => {
    const sec = await t.as('secretariat');
    const list = await sec.get('/api/history?year=2024');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { code: string }) => i.code)).toEqual(['SNV', 'BDT']);
    const bdt = list.body.items.find((i: { code: string }) => i.code === 'BDT');
    expect(bdt.abilities).toEqual({ update: true, delete: true });
    const fixed = await sec.patch(`/api/history/${bdt.id}`, { version: bdt.version, totalIndex: '81.245', rank: 18, reason: 'Theo Quyết định 12' });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ totalIndex: expect.stringMatching(/^81\.25/), rank: 18, rankedCount: 63 });
    expect((await sec.patch(`/api/history/${bdt.id}`, { version: bdt.version, rank: 17 })).status).toBe(409);
    expect((await sec.patch(`/api/history/${bdt.id}`, { version: fixed.body.version, rank: 64 })).status).toBe(400);
    const audit = await t.database.query<{ action: string; old_value: { rank?: number }; new_value: { rank?: number }; reason: string }>("select action, old_value, new_value, reason from audit_log where action = 'history.update'");
    expect(audit.at(-1)).toMatchObject({ old_value: { rank: 19 }, new_value: { rank: 18 }, reason: 'Theo Quyết định 12' });
    const snv = list.body.items.find((i: { code: string }) => i.code === 'SNV');
    expect((await (await t.as('focalBdt')).delete(`/api/history/${snv.id}?version=${snv.version}`)).status).toBe(403);
    expect((await sec.delete(`/api/history/${snv.id}?version=${snv.version}`)).status).toBe(200);
    expect(await stored('SNV', 2024)).toEqual([]);
    expect((await t.database.query("select 1 from audit_log where action = 'history.delete'")).length).toBe(1);
    expect(rowOf(await groupResults(2025), t.fixture.agencies.snv).previousRank).toBeNull();
  });
});

describe('agency lineage: rank change and trends follow renames, mergers and splits', () => {
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const admin = await t.as('admin');
    for (const code of ['OLDA', 'OLDB', 'OLDC']) {
      const res = await admin.post('/api/agencies', { code, nameVi: `Cơ quan cũ ${code}`, nameEn: `Former ${code}`, groupId: t.fixture.groups.departments, activeFromYear: 2015, activeToYear: 2024 });
      expect(res.status).toBe(201);
      ids[code] = res.body.id;
    }
    const res = await upload('/api/history/import', [
      [2022, 'OLDA', '75', 9, 20, null, null, null],
      [2023, 'OLDA', '76', 6, 20, null, null, null],
      [2024, 'OLDA', '77', 5, 20, null, null, null],
      [2024, 'OLDB', '88', 2, 20, null, null, null],
      [2024, 'OLDC', '66', 15, 20, null, null, null],
    ]);
    expect(res.status).toBe(200);
  });
  const sec = () => t.as('secretariat');
  const record = async (body: object) => {
    const res = await (await sec()).post('/api/lineage', body);
    expect(res.status).toBe(201);
    return res.body as { id: number; version: number };
  };
  const remove = async (e: { id: number; version: number }) => expect((await (await sec()).delete(`/api/lineage/${e.id}?version=${e.version}`)).status).toBe(200);
  const trendOf = async (agencyId: number) => (await (await sec()).get(`/api/analysis/agencies/${agencyId}?year=2025`)).body;

  it('rename OLDA → STP: STP keeps OLDA\'s years and its rank change against OLDA', async () => {
    const e = await record({ year: 2025, kind: 'rename', from: [ids.OLDA], to: [t.fixture.agencies.stp], note: 'Đổi tên' });
    expect(rowOf(await groupResults(2025), t.fixture.agencies.stp).previousRank).toBe(5);
    const a = await trendOf(t.fixture.agencies.stp);
    expect(a.trend.points.map((p: { year: number }) => p.year)).toEqual([2022, 2023, 2024, 2025]);
    expect(a.trend.points[1]).toMatchObject({ rank: 6, rankChange: 3 });
    expect(a.summary.previousRank).toBe(5);
    expect(a.lineage).toEqual([{ year: 2025, kind: 'rename', rule: 'predecessor', predecessor: expect.objectContaining({ code: 'OLDA' }) }]);
    // The agency report says which agency the earlier years come from.
    const report = await (await sec()).get(`/api/reports/agencies/${t.fixture.agencies.stp}/analysis.docx?year=2025`);
    expect(report.status).toBe(200);
    expect(docxText(entryText(readZip(report.raw), 'word/document.xml'))).toContain('Từ năm 2025 đổi tên; các năm trước là số liệu của Cơ quan cũ OLDA.');
    await remove(e);
    expect(rowOf(await groupResults(2025), t.fixture.agencies.stp).previousRank).toBeNull();
  });

  it('merger OLDA + OLDB → STP: compared with the named predecessor, or with none as the secretariat chooses', async () => {
    const e = await record({ year: 2025, kind: 'merge', comparison: 'predecessor', predecessorId: ids.OLDB, from: [ids.OLDA, ids.OLDB], to: [t.fixture.agencies.stp] });
    expect(rowOf(await groupResults(2025), t.fixture.agencies.stp).previousRank).toBe(2);
    let a = await trendOf(t.fixture.agencies.stp);
    expect(a.trend.points.map((p: { year: number }) => p.year)).toEqual([2024, 2025]);
    expect(a.lineage[0]).toMatchObject({ kind: 'merge', rule: 'predecessor', predecessor: { code: 'OLDB' } });
    const changed = await (await sec()).patch(`/api/lineage/${e.id}`, { version: e.version, comparison: 'none' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ comparison: 'none', predecessorId: null });
    expect(rowOf(await groupResults(2025), t.fixture.agencies.stp).previousRank).toBeNull();
    a = await trendOf(t.fixture.agencies.stp);
    expect(a.trend.points.map((p: { year: number }) => p.year)).toEqual([2025]);
    expect(a.summary.previousRank).toBeNull();
    expect(a.lineage[0]).toMatchObject({ kind: 'merge', rule: 'none', predecessor: null });
    const report = await (await sec()).get(`/api/reports/agencies/${t.fixture.agencies.stp}/analysis.docx?year=2025`);
    expect(docxText(entryText(readZip(report.raw), 'word/document.xml'))).toContain('không so sánh với cơ quan cũ (bắt đầu chuỗi số liệu mới)');
    const audit = await t.database.query<{ old_value: { comparison: string }; new_value: { comparison: string } }>("select old_value, new_value from audit_log where action = 'lineage.update'");
    expect(audit.at(-1)).toMatchObject({ old_value: { comparison: 'predecessor' }, new_value: { comparison: 'none' } });
    await remove(changed.body);
  });

  it('split OLDC → STP + SNV: both successors compare with OLDC', async () => {
    const e = await record({ year: 2025, kind: 'split', from: [ids.OLDC], to: [t.fixture.agencies.stp, t.fixture.agencies.snv] });
    const results = await groupResults(2025);
    expect(rowOf(results, t.fixture.agencies.stp).previousRank).toBe(15);
    expect(rowOf(results, t.fixture.agencies.snv).previousRank).toBe(15);
    expect((await trendOf(t.fixture.agencies.snv)).trend.points.map((p: { year: number }) => p.year)).toEqual([2024, 2025]);
    await remove(e);
  });

  it('refuses malformed events and users without the right', async () => {
    const bad = await (await sec()).post('/api/lineage', { year: 2025, kind: 'merge', comparison: 'predecessor', predecessorId: t.fixture.agencies.bdt, from: [ids.OLDA, ids.OLDB], to: [t.fixture.agencies.stp] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('predecessorId');
    expect((await (await t.as('focalBdt')).post('/api/lineage', { year: 2025, kind: 'rename', from: [ids.OLDA], to: [t.fixture.agencies.stp] })).status).toBe(403);
    expect((await (await t.as('focalBdt')).get('/api/lineage')).status).toBe(200);
  });
});
