import { and, asc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePoints } from '../../../core/domain/decimal';
import type { CouncilSheet } from '../../../core/schemas/council';
import { auditLog, divisions, tasks } from '../../db/schema/index';
import { createDemoContext, type DemoContext, type TestClient } from '../../testing/app';

/**
 * The internal council on the demo province: Ban Dân tộc's recorded 2019 council (seeded), and a 2018 council
 * built here from scratch — responsibilities, scores with ties, recording, immutability — with hostile input.
 */
let t: DemoContext;
let head: TestClient;
let focal: TestClient;
let bdt = 0;
let stp = 0;
const period: Record<number, number> = {};
const div = (code: string) => t.org.divisionIds.get(`BDT/${code}`)!;
const base = () => `/api/agencies/${bdt}/council`;

beforeAll(async () => {
  t = await createDemoContext();
  t.clock.set('2021-03-01T02:00:00Z');
  head = await t.as('bdt.head');
  focal = await t.as('bdt.focal');
  bdt = t.org.agencyIds.get('BDT')!;
  stp = t.org.agencyIds.get('STP')!;
  for (const p of (await head.get('/api/periods')).body.items as { id: number; year: number }[]) period[p.year] = p.id;
}, 180_000);
afterAll(async () => t.close());

const sum = (values: (string | null)[]) => values.reduce((a, v) => a + (v === null ? 0 : parsePoints(v)), 0);

describe('the recorded 2019 council (demo)', () => {
  it('shows every division with its leaves, lost points that add up to the agency’s, and the recorded ranks', async () => {
    const res = await head.get<CouncilSheet>(`${base()}?periodId=${period[2019]}`);
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.result).toMatchObject({ rank: 20, groupSize: 20, totalIndex: '63.09', rankChange: -9, totalLost: '36.17' });
    expect(s.evaluation).toMatchObject({ status: 'recorded', decisionNumber: '45/QĐ-BDT', decidedOn: '2020-08-13', recordedBy: 'A Lăng Mai' });
    expect(s.factsAsOf).toBe('2020-08-13T04:00:00.000Z');
    expect(s.abilities).toMatchObject({ manage: true, score: false, record: false, assign: false });
    expect(s.divisions.map((d) => [d.division.code, d.score, d.rank])).toEqual([
      ['CSDT', '64.00', 4],
      ['KHTH', '81.25', 2],
      ['TTR', '85.00', 1],
      ['VP', '72.50', 3],
    ]);
    // Every leaf has a division, and the divisions' losses add up exactly to the agency's points lost.
    expect(s.unassigned).toMatchObject({ leafCount: 0, lostPoints: '0' });
    expect(s.divisions.reduce((n, d) => n + d.leaves.length, 0)).toBe(s.leafCount);
    expect(sum(s.divisions.map((d) => d.lostPoints))).toBe(parsePoints(s.result!.totalLost));
    for (const d of s.divisions) expect(sum(d.leaves.map((l) => l.lost))).toBe(parsePoints(d.lostPoints!));
    // A deduction that was not applied and a bonus not earned are not losses; a not-applicable leaf loses nothing.
    const leaves = s.divisions.flatMap((d) => d.leaves);
    expect(leaves.find((l) => l.code === 'D.1')).toMatchObject({ kind: 'deduction', points: '0', lost: '0' });
    expect(leaves.find((l) => l.code === 'B.1')).toMatchObject({ kind: 'bonus', lost: '0' });
    expect(leaves.find((l) => l.code === '6.2.1')!.lost).toBe('0');
    expect(leaves.find((l) => l.code === '3.4.1')).toMatchObject({ max: '3', points: '0', lost: '3' });
  });

  it('lets the division head, the secretariat and administrators read it, not another agency nor an appraiser', async () => {
    for (const who of ['bdt.division', 'secretariat', 'admin', 'bdt.focal']) {
      expect([who, (await (await t.as(who)).get(`${base()}?periodId=${period[2019]}`)).status]).toEqual([who, 200]);
    }
    for (const who of ['stp.focal', 'appraiser']) {
      const res = await (await t.as(who)).get(`${base()}?periodId=${period[2019]}`);
      expect([who, res.status, res.body.error.code]).toEqual([who, 403, 'forbidden']);
    }
    expect((await head.get(`/api/agencies/${stp}/council?periodId=${period[2019]}`)).status).toBe(403);
    expect((await head.get(`${base()}?periodId=999999`)).status).toBe(404);
    expect((await head.get(`/api/agencies/999999/council?periodId=${period[2019]}`)).status).toBe(404);
  });

  it('refuses every change once recorded (409 invalid_state)', async () => {
    const sheet = (await head.get<CouncilSheet>(`${base()}?periodId=${period[2019]}`)).body;
    const v = sheet.evaluation!.version;
    const scores = await head.put(`${base()}/scores`, { periodId: period[2019], version: v, scores: [{ divisionId: div('VP'), score: '99', comment: '' }] });
    expect([scores.status, scores.body.error.code]).toEqual([409, 'invalid_state']);
    expect(scores.body.error.message).toContain('45/QĐ-BDT');
    const again = await head.post(`${base()}/record`, { periodId: period[2019], version: v, decisionNumber: '46/QĐ-BDT', decidedOn: '2020-09-01' });
    expect([again.status, again.body.error.code]).toEqual([409, 'invalid_state']);
    const assign = await focal.put(`${base()}/responsibilities`, { periodId: period[2019], assignments: [{ nodeCode: '1.1.1', divisionId: div('TTR') }] });
    expect([assign.status, assign.body.error.code]).toEqual([409, 'invalid_state']);
    const resp = await head.get(`${base()}/responsibilities?periodId=${period[2019]}`);
    expect(resp.body).toMatchObject({ locked: true, published: true, abilities: { assign: false } });
    expect(resp.body.leaves.find((l: { code: string }) => l.code === '1.1.1').divisionId).toBe(div('VP'));
  });
});

describe('responsibilities (2018)', () => {
  it('lists the leaves of the period’s framework with their field and points lost', async () => {
    const res = await focal.get(`${base()}/responsibilities?periodId=${period[2018]}`);
    expect(res.status).toBe(200);
    expect(res.body.locked).toBe(false);
    expect(res.body.abilities).toMatchObject({ manage: true, assign: true });
    const codes = res.body.leaves.map((l: { code: string }) => l.code);
    expect(codes).toContain('1.4.2');
    expect(codes).not.toContain('1.6.1'); // the 2018 framework has no criterion 1.6
    expect(codes).not.toContain('1.1'); // criteria are not leaves
    expect(res.body.leaves.every((l: { divisionId: number | null }) => l.divisionId === null)).toBe(true);
    expect(res.body.leaves.find((l: { code: string }) => l.code === '2.1.1')).toMatchObject({ fieldCode: '2', fieldNameVi: expect.stringContaining('thể chế') });
    expect(res.body.divisions.map((d: { code: string }) => d.code)).toEqual(['CSDT', 'KHTH', 'TTR', 'VP']);
  });

  it('refuses another agency’s division, an inactive one, a non-leaf, a leaf of another year and duplicates', async () => {
    const [inactive] = await t.database.db.insert(divisions).values({ agencyId: bdt, code: 'CU', nameVi: 'Phòng đã giải thể', nameEn: 'Dissolved', isActive: false }).returning();
    const res = await focal.put(`${base()}/responsibilities`, {
      periodId: period[2018],
      assignments: [
        { nodeCode: '1.1.1', divisionId: t.org.divisionIds.get('STP/VP')! },
        { nodeCode: '1.1.2', divisionId: inactive!.id },
        { nodeCode: '1.1', divisionId: div('VP') },
        { nodeCode: '1.6.1', divisionId: div('VP') },
        { nodeCode: '2.1.1', divisionId: div('TTR') },
        { nodeCode: '2.1.1', divisionId: div('VP') },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['assignments.0.divisionId', 'assignments.1.divisionId', 'assignments.2.nodeCode', 'assignments.3.nodeCode', 'assignments.5.nodeCode']);
    const after = await focal.get(`${base()}/responsibilities?periodId=${period[2018]}`);
    expect(after.body.leaves.every((l: { divisionId: number | null }) => l.divisionId === null)).toBe(true);
  });

  it('is the agency’s managers’ to set: the division head, another agency and the secretariat are refused', async () => {
    const body = { periodId: period[2018], assignments: [{ nodeCode: '1.1.1', divisionId: div('VP') }] };
    for (const who of ['bdt.division', 'stp.focal', 'secretariat']) {
      expect([who, (await (await t.as(who)).put(`${base()}/responsibilities`, body)).status]).toEqual([who, 403]);
    }
  });

  it('assigns leaves in bulk, clears with null, and audits the changes only', async () => {
    const leaves = (await focal.get(`${base()}/responsibilities?periodId=${period[2018]}`)).body.leaves as { code: string; fieldCode: string }[];
    const byField: Record<string, string> = { '1': 'VP', '2': 'TTR', '3': 'CSDT', '4': 'VP', '5': 'VP', '6': 'KHTH', '7': 'VP', '8': 'CSDT', B: 'KHTH', D: 'VP' };
    const res = await focal.put(`${base()}/responsibilities`, { periodId: period[2018], assignments: leaves.map((l) => ({ nodeCode: l.code, divisionId: div(byField[l.fieldCode]!) })) });
    expect(res.status).toBe(200);
    expect(res.body.leaves.every((l: { divisionId: number | null }) => l.divisionId !== null)).toBe(true);
    const cleared = await focal.put(`${base()}/responsibilities`, { periodId: period[2018], assignments: [{ nodeCode: 'B.1', divisionId: null }, { nodeCode: '1.1.1', divisionId: div('VP') }] });
    expect(cleared.body.leaves.find((l: { code: string }) => l.code === 'B.1').divisionId).toBeNull();
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'council.responsibilities'), eq(auditLog.entityId, String(bdt)))).orderBy(asc(auditLog.id));
    expect(audit.length).toBe(3); // the demo's 2019 assignment, the bulk one, and the clearing (1.1.1 did not change)
    expect(audit.at(-1)!.newValue).toEqual({ periodId: period[2018], leaves: { 'B.1': null } });
  });
});

describe('scores, ranking and recording (2018)', () => {
  let version = 0;

  it('refuses scores out of range, with three decimals, or of another agency’s division', async () => {
    for (const score of ['100.01', '85.555', '-1', 'abc', 101]) {
      const res = await head.put(`${base()}/scores`, { periodId: period[2018], version: null, scores: [{ divisionId: div('VP'), score, comment: '' }] });
      expect([score, res.status, res.body.error.fields[0].path]).toEqual([score, 400, 'scores.0.score']);
    }
    const other = await head.put(`${base()}/scores`, { periodId: period[2018], version: null, scores: [{ divisionId: t.org.divisionIds.get('STP/VP')!, score: '80', comment: '' }] });
    expect([other.status, other.body.error.fields[0].path]).toEqual([400, 'scores.0.divisionId']);
    const dup = await head.put(`${base()}/scores`, { periodId: period[2018], version: null, scores: [{ divisionId: div('VP'), score: '80', comment: '' }, { divisionId: div('VP'), score: '81', comment: '' }] });
    expect([dup.status, dup.body.error.fields[0].path]).toEqual([400, 'scores.1.divisionId']);
  });

  it('is scored by the agency head or focal point only', async () => {
    const body = { periodId: period[2018], version: null, scores: [{ divisionId: div('VP'), score: '80', comment: '' }] };
    for (const who of ['bdt.division', 'secretariat', 'admin', 'stp.focal']) {
      expect([who, (await (await t.as(who)).put(`${base()}/scores`, body)).status]).toEqual([who, 403]);
    }
  });

  it('creates the draft on the first save (version null) and then needs its version', async () => {
    const wrongFirst = await head.put(`${base()}/scores`, { periodId: period[2018], version: 3, scores: [] });
    expect([wrongFirst.status, wrongFirst.body.error.code]).toEqual([409, 'conflict']);
    const first = await head.put<CouncilSheet>(`${base()}/scores`, { periodId: period[2018], version: null, note: 'Phiên họp 1', scores: [{ divisionId: div('VP'), score: 80, comment: 'Khá' }] });
    expect(first.status).toBe(200);
    expect(first.body.evaluation).toMatchObject({ status: 'draft', note: 'Phiên họp 1', version: 1 });
    expect(first.body.divisions.find((d) => d.division.code === 'VP')).toMatchObject({ score: '80.00', comment: 'Khá', rank: 1 });
    version = first.body.evaluation!.version;
    const again = await head.put(`${base()}/scores`, { periodId: period[2018], version: null, scores: [] });
    expect([again.status, again.body.error.code]).toEqual([409, 'conflict']);
    const stale = await focal.put(`${base()}/scores`, { periodId: period[2018], version: version + 5, scores: [] });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'conflict']);
  });

  it('ranks divisions by score, ties sharing a rank (1, 2, 2, 4)', async () => {
    const res = await head.put<CouncilSheet>(`${base()}/scores`, {
      periodId: period[2018],
      version,
      scores: [
        { divisionId: div('VP'), score: '80.5', comment: '' },
        { divisionId: div('CSDT'), score: '80.50', comment: 'Ngang điểm Văn phòng' },
        { divisionId: div('KHTH'), score: '90', comment: '' },
      ],
    });
    expect(res.status).toBe(200);
    version = res.body.evaluation!.version;
    const ranks = Object.fromEntries(res.body.divisions.map((d) => [d.division.code, [d.score, d.rank, d.tied]]));
    expect(ranks).toEqual({ KHTH: ['90.00', 1, false], CSDT: ['80.50', 2, true], VP: ['80.50', 2, true], TTR: [null, null, false] });
  });

  it('refuses to record while an active division has no score, or with a future date', async () => {
    const missing = await head.post(`${base()}/record`, { periodId: period[2018], version, decisionNumber: '07/QĐ-BDT', decidedOn: '2021-02-20' });
    expect([missing.status, missing.body.error.code, missing.body.error.details.missing]).toEqual([409, 'invalid_state', ['TTR']]);
    const future = await head.post(`${base()}/record`, { periodId: period[2018], version, decisionNumber: '07/QĐ-BDT', decidedOn: '2021-03-02' });
    expect([future.status, future.body.error.fields[0].path]).toEqual([400, 'decidedOn']);
    const early = await head.post(`${base()}/record`, { periodId: period[2018], version, decisionNumber: '07/QĐ-BDT', decidedOn: '2017-12-31' });
    expect([early.status, early.body.error.fields[0].path]).toEqual([400, 'decidedOn']);
  });

  it('counts each division’s tasks of the year: done, late, overdue, completion rate', async () => {
    const base2018 = { provinceId: t.org.provinceId, agencyId: bdt, kind: 'par_plan', title: 'Nhiệm vụ', createdAt: new Date('2018-01-10T02:00:00Z') };
    await t.database.db.insert(tasks).values([
      { ...base2018, title: 'Kế hoạch CCHC', leadDivisionId: div('TTR'), dueOn: '2018-03-31', status: 'done', completedAt: new Date('2018-03-30T03:00:00Z') },
      { ...base2018, title: 'Báo cáo quý', leadDivisionId: div('TTR'), dueOn: '2018-06-30', status: 'done', completedAt: new Date('2018-07-05T03:00:00Z') },
      { ...base2018, title: 'Rà soát TTHC', leadDivisionId: div('TTR'), dueOn: '2018-09-30', status: 'in_progress' },
      { ...base2018, title: 'Đã hủy', leadDivisionId: div('TTR'), dueOn: '2018-10-30', status: 'cancelled' },
      { ...base2018, title: 'Không hạn', leadDivisionId: div('TTR'), dueOn: null, status: 'open' },
      { ...base2018, title: 'Năm sau', leadDivisionId: div('TTR'), dueOn: '2019-02-01', status: 'open' },
      { ...base2018, title: 'Không giao phòng', leadDivisionId: null, dueOn: '2018-05-01', status: 'open' },
    ]);
    const s = (await head.get<CouncilSheet>(`${base()}?periodId=${period[2018]}`)).body;
    expect(s.today).toBe('2021-03-01');
    expect(s.divisions.find((d) => d.division.code === 'TTR')!.tasks).toEqual({ total: 4, done: 2, late: 1, overdue: 1, open: 1, completionRate: '50.00' });
    expect(s.divisions.find((d) => d.division.code === 'VP')!.tasks.total).toBe(0);
  });

  it('records with every active division scored, fixes the ranks and freezes the facts', async () => {
    const scored = await head.put<CouncilSheet>(`${base()}/scores`, { periodId: period[2018], version, scores: [{ divisionId: div('TTR'), score: '70', comment: 'Chậm báo cáo' }] });
    version = scored.body.evaluation!.version;
    expect((await (await t.as('bdt.division')).post(`${base()}/record`, { periodId: period[2018], version, decisionNumber: '07/QĐ-BDT', decidedOn: '2021-02-20' })).status).toBe(403);
    const stale = await head.post(`${base()}/record`, { periodId: period[2018], version: version - 1, decisionNumber: '07/QĐ-BDT', decidedOn: '2021-02-20' });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'conflict']);
    const res = await head.post<CouncilSheet>(`${base()}/record`, { periodId: period[2018], version, decisionNumber: '07/QĐ-BDT', decidedOn: '2021-02-20' });
    expect(res.status).toBe(200);
    expect(res.body.evaluation).toMatchObject({ status: 'recorded', decisionNumber: '07/QĐ-BDT', decidedOn: '2021-02-20', recordedBy: 'A Lăng Mai' });
    expect(res.body.factsAsOf).toBe('2021-03-01T02:00:00.000Z');
    expect(Object.fromEntries(res.body.divisions.map((d) => [d.division.code, d.rank]))).toEqual({ KHTH: 1, CSDT: 2, VP: 2, TTR: 4 });

    // Later, a task is completed and the clock moves on: the recorded sheet keeps the facts the council decided on;
    // the accountability view is live.
    await t.database.db.update(tasks).set({ status: 'done', completedAt: new Date('2021-03-05T02:00:00Z') }).where(eq(tasks.title, 'Rà soát TTHC'));
    t.clock.set('2021-03-10T02:00:00Z');
    head = await t.as('bdt.head'); // the sessions of 1 March have expired
    const frozen = (await head.get<CouncilSheet>(`${base()}?periodId=${period[2018]}`)).body;
    expect(frozen.divisions.find((d) => d.division.code === 'TTR')!.tasks).toMatchObject({ done: 2, overdue: 1 });
    expect(frozen.today).toBe('2021-03-01');
    const live = (await head.get(`${base()}/accountability?periodId=${period[2018]}`)).body;
    expect(live.divisions.find((d: { division: { code: string } }) => d.division.code === 'TTR').tasks).toMatchObject({ done: 3, late: 2, overdue: 0 });
    const changed = await head.put(`${base()}/scores`, { periodId: period[2018], version: res.body.evaluation!.version, scores: [] });
    expect([changed.status, changed.body.error.code]).toEqual([409, 'invalid_state']);
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'council.record'), eq(auditLog.entityId, String(res.body.evaluation!.id))));
    expect(audit).toHaveLength(1);
    expect((audit[0]!.newValue as { ranking: unknown[] }).ranking).toHaveLength(4);
  });
});

describe('accountability and export', () => {
  it('shows which division lost what and who is behind on tasks, most lost points first', async () => {
    const res = await head.get(`${base()}/accountability?periodId=${period[2019]}`);
    expect(res.status).toBe(200);
    const rows = res.body.divisions as { division: { code: string }; lostPoints: string; lossShare: string; topLeaves: { code: string; lost: string }[] }[];
    const losses = rows.map((r) => parsePoints(r.lostPoints));
    expect([...losses].sort((a, b) => b - a)).toEqual(losses);
    expect(sum(rows.map((r) => r.lossShare)) / 10_000).toBeCloseTo(100, 1);
    const csdt = rows.find((r) => r.division.code === 'CSDT')!;
    expect(csdt.topLeaves[0]).toMatchObject({ code: '3.4.1', lost: '3' });
    expect(res.body.totalLost).toBe('36.17');

    const overdue = (await head.get(`${base()}/accountability?periodId=${period[2018]}`)).body;
    expect(overdue.today).toBe('2021-03-10');
    expect(overdue.unassignedLeafCount).toBe(1); // B.1 was cleared
  });

  it('lists overdue tasks with their days overdue', async () => {
    await t.database.db.insert(tasks).values({ provinceId: t.org.provinceId, agencyId: bdt, kind: 'remediation', title: 'Khắc phục 3.4.1', nodeCode: '3.4.1', leadDivisionId: div('CSDT'), dueOn: '2019-12-31', status: 'open', createdAt: new Date('2019-05-01T02:00:00Z') });
    const res = await head.get(`${base()}/accountability?periodId=${period[2019]}`);
    const csdt = res.body.divisions.find((d: { division: { code: string } }) => d.division.code === 'CSDT');
    expect(csdt.overdueTasks).toEqual([{ id: expect.any(Number), title: 'Khắc phục 3.4.1', nodeCode: '3.4.1', dueOn: '2019-12-31', daysOverdue: 435, status: 'open' }]);
    expect(csdt.tasks).toMatchObject({ total: 1, overdue: 1, completionRate: '0.00' });
  });

  it('exports the council sheet as .xlsx with the decision and the ranked divisions', async () => {
    const res = await head.get(`${base()}/export.xlsx?periodId=${period[2019]}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('hoi-dong-cchc-BDT-2019.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const texts: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => (texts[n] = Array.from({ length: 13 }, (_, i) => (row.getCell(i + 1).value == null ? '' : String(row.getCell(i + 1).value)))));
    expect(texts[1]![0]).toBe('HỘI ĐỒNG ĐÁNH GIÁ CẢI CÁCH HÀNH CHÍNH NỘI BỘ — BAN DÂN TỘC');
    expect(texts[3]![0]).toContain('63,09%; xếp hạng 20/20 sở, ban, ngành, giảm 9 bậc');
    expect(texts[4]![0]).toContain('45/QĐ-BDT ngày 13/08/2020');
    const first = texts.find((r) => r?.[1] === 'TTR')!;
    expect([first[0], first[10], first[11]]).toEqual(['1', '85', '1']);
    const sheet = (await head.get<CouncilSheet>(`${base()}?periodId=${period[2019]}`)).body;
    expect(wb.worksheets[1]!.rowCount).toBe(1 + sheet.leafCount);
    const en = await head.get(`${base()}/export.xlsx?periodId=${period[2019]}`, { headers: { 'x-lang': 'en' } });
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.raw as unknown as ArrayBuffer);
    expect(String(wbEn.worksheets[0]!.getCell('A1').value)).toBe('INTERNAL PAR COUNCIL — ETHNIC MINORITIES COMMITTEE');
  });

  it('works before publication: the 2020 council has no result and no points lost yet', async () => {
    const res = await head.get<CouncilSheet>(`${base()}?periodId=${period[2020]}`);
    expect(res.status).toBe(200);
    expect(res.body.result).toBeNull();
    expect(res.body.evaluation).toBeNull();
    expect(res.body.divisions.every((d) => d.lostPoints === null && d.leaves.length === 0)).toBe(true);
    expect(res.body.abilities).toMatchObject({ score: true, record: false });
  });
});
