import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type DemoContext } from '../../testing/app';

let t: DemoContext;
beforeAll(async () => {
  t = await createDemoContext();
}, 120_000);
afterAll(async () => t.close());

describe('dashboard by role (demo 2020 period)', () => {
  it("shows the agency its period card, to-dos and last year's rank", async () => {
    const res = await (await t.as('bdt.focal')).get('/api/dashboard');
    expect(res.status).toBe(200);
    expect(res.body.period.year).toBe(2020);
    expect(res.body.agency).toHaveLength(1);
    const card = res.body.agency[0];
    expect(card.assessment).toMatchObject({ agencyCode: 'BDT', status: 'draft' });
    expect(card.todo.notScored).toBe(2);
    expect(card.lastYear).toMatchObject({ year: 2019, rank: 20, of: 20, change: -9 });
    expect(res.body.secretariat).toBeNull();
  });

  it('shows the secretariat every agency × status and last year’s province figures', async () => {
    const res = await (await t.as('secretariat')).get('/api/dashboard');
    expect(res.body.secretariat.matrix).toHaveLength(38);
    expect(res.body.secretariat.counts).toMatchObject({ submitted: 37, draft: 1 });
    expect(res.body.lastResults.groups.map((g: { groupCode: string }) => g.groupCode)).toEqual(['SO', 'HUYEN']);
    expect(res.body.agency).toBeNull();
  });

  it('gives the appraiser one queue row per submitted assessment × assigned field, counted as the assessment detail counts', async () => {
    const appraiser = await t.as('appraiser');
    const res = await appraiser.get('/api/dashboard');
    const { rows, submitted, total } = res.body.appraiser as { rows: { assessmentId: number; agencyCode: string; fieldCode: string; toReview: number; total: number }[]; submitted: number; total: number };
    expect({ submitted, total }).toEqual({ submitted: 37, total: 38 });
    expect(rows.every((r) => r.agencyCode !== 'BDT')).toBe(true);
    expect(new Set(rows.map((r) => r.assessmentId)).size).toBe(37);
    const first = rows[0]!;
    const detail = (await appraiser.get(`/api/assessments/${first.assessmentId}`)).body as { appraiserFields: string[]; leaves: { fieldCode: string; survey: boolean; self: unknown; appraisal1: unknown }[] };
    expect(rows.filter((r) => r.assessmentId === first.assessmentId).map((r) => r.fieldCode).sort()).toEqual([...detail.appraiserFields].sort());
    for (const r of rows.filter((x) => x.assessmentId === first.assessmentId)) {
      const leaves = detail.leaves.filter((l) => l.fieldCode === r.fieldCode && !l.survey);
      expect(r.total).toBe(leaves.length);
      expect(r.toReview).toBe(leaves.filter((l) => l.self && !l.appraisal1).length);
    }
  });

  it('has no queue for someone who appraises nothing, and no late agencies in a published year', async () => {
    expect((await (await t.as('bdt.focal')).get('/api/dashboard')).body.appraiser).toBeNull();
    const sec = await t.as('secretariat');
    const periods = (await sec.get('/api/periods')).body.items as { id: number; year: number }[];
    const res = await sec.get(`/api/dashboard?periodId=${periods.find((p) => p.year === 2019)!.id}`);
    expect(res.body.period.phase).toBe('published');
    expect(res.body.secretariat.late).toEqual([]);
    expect(res.body.secretariat.matrix.some((m: { late: boolean }) => m.late)).toBe(false);
  });
});

describe('history import', () => {
  async function book(rows: (string | number | null)[][]) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Lich su');
    ws.addRow(['Năm', 'Mã cơ quan', 'Chỉ số', 'Xếp hạng', 'LV1', 'LV2']);
    for (const r of rows) ws.addRow(r);
    return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  }
  const BOUNDARY = '----history';
  const form = (buf: Buffer) => ({
    payload: Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="h.xlsx"\r\n\r\n`), buf, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });

  it('reports every bad cell with row and column and stores nothing', async () => {
    const sec = await t.as('secretariat');
    const res = await sec.request('POST', '/api/history/import', undefined, form(await book([[2012, 'NOPE', 80, 1, 70, 90], [2012, 'BDT', 'cao', 'x', 120, null]])));
    expect(res.status).toBe(422);
    const where = res.body.error.details.problems.map((p: { row: number; column: string }) => `${p.row}:${p.column}`);
    expect(where).toEqual(expect.arrayContaining(['2:B', '3:C', '3:D', '3:E']));
  });

  it('imports totals and component indices, upserting per year and agency', async () => {
    const sec = await t.as('secretariat');
    const res = await sec.request('POST', '/api/history/import', undefined, form(await book([[2012, 'BDT', '70,50', 12, 65, 80.25], [2012, 'SNV', 88, 2, null, null]])));
    expect(res.status).toBe(200);
    expect(res.body.rows).toBe(2);
    const rows = await t.database.query<{ total_index: string; components: unknown }>("select h.total_index, h.components from historical_results h join agencies a on a.id = h.agency_id where a.code = 'BDT' and h.year = 2012");
    expect(rows[0]!.total_index).toMatch(/^70\.50*$/);
    expect(rows[0]!.components).toEqual([
      { code: '1', nameVi: 'Lĩnh vực 1', index: '65.00' },
      { code: '2', nameVi: 'Lĩnh vực 2', index: '80.25' },
    ]);
    expect((await (await t.as('bdt.focal')).request('POST', '/api/history/import', undefined, form(await book([[2012, 'BDT', 70, 1, null, null]])))).status).toBe(403);
  });
});
