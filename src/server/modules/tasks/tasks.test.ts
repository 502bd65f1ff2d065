import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periods } from '../../db/schema/index';
import { makeDemoPdf } from '../../seed/demo-pdf';
import { createTestContext, type TestClient, type TestContext } from '../../testing/app';
import { type PublishedFixture, seedPublishedPeriod } from '../../testing/fixtures';
import { sendTaskDeadlineWarnings } from './reminders';

let t: TestContext;
let pub: PublishedFixture;
let focal: TestClient;
let head: TestClient;
let divHead: TestClient;
let focalStp: TestClient;
let sec: TestClient;
let otherAdmin: TestClient;

const BOUNDARY = '----tasksboundary';
const pdf = makeDemoPdf(['Bao cao ket qua khac phuc']);

function upload(content: Buffer, filename: string, fields: Record<string, string> = { title: 'Báo cáo kết quả khắc phục', docNumber: '15/BC-BDT', issuedOn: '2026-03-01', issuer: 'Ban Dân tộc' }) {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

async function workbook(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Ke hoach');
  for (const r of rows) ws.addRow(r);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const A = () => t.fixture.agencies.bdt;
const D = () => t.fixture.divisions;

beforeAll(async () => {
  t = await createTestContext();
  pub = await seedPublishedPeriod(t.database.db, t.fixture);
  [focal, head, divHead, focalStp, sec, otherAdmin] = await Promise.all([
    t.as('focalBdt'),
    t.as('headBdt'),
    t.as('divisionHeadBdt'),
    t.as('focalStp'),
    t.as('secretariat'),
    t.as('otherAdmin'),
  ]);
});
afterAll(async () => t.close());

/** Task ids by leaf, created by the proposal test. */
const ids: Record<string, number> = {};

describe('proposals from lost leaves', () => {
  it('lists the leaves that lost points in the published year, most lost first', async () => {
    const res = await focal.get(`/api/agencies/${A()}/tasks/proposals`);
    expect(res.status).toBe(200);
    expect(res.body.year).toBe(2025);
    expect(res.body.publishedYears).toEqual([2025]);
    expect(res.body.items.map((i: { code: string; lost: string }) => [i.code, i.lost])).toEqual([
      ['8.1.1', '2'],
      ['1.1.2', '1'],
      [pub.droppedLeaf, '1'],
      ['D.1', '1'],
      ['1.1.1', '0.5'],
    ]);
    const leaf = res.body.items.find((i: { code: string }) => i.code === '1.1.1');
    expect(leaf).toMatchObject({ max: '1', points: '0.5', fieldCode: '1', nameVi: 'Ban hành kế hoạch CCHC năm' });
    expect(res.body.rank).toBe(3);
    expect(res.body.rankOf).toBe(3);
    expect(res.body.divisions.map((d: { code: string }) => d.code).sort()).toEqual(['CS', 'VP']);
    expect(res.body.abilities.manage).toBe(true);
  });

  it('lets the secretariat read them, refuses another agency (403) and another province (404), and unknown years', async () => {
    expect((await sec.get(`/api/agencies/${A()}/tasks/proposals?year=2025`)).body.abilities.manage).toBe(false);
    expect((await focalStp.get(`/api/agencies/${A()}/tasks/proposals`)).status).toBe(403);
    expect((await otherAdmin.get(`/api/agencies/${A()}/tasks/proposals`)).status).toBe(404);
    const none = await focal.get(`/api/agencies/${A()}/tasks/proposals?year=2024`);
    expect(none.status).toBe(404);
    expect(none.body.error.message).toContain('2024');
  });

  it('refuses bad proposals field by field: not lost, twice, another agency’s division, lead also supporting', async () => {
    const res = await focal.post(`/api/agencies/${A()}/tasks/proposals`, {
      year: 2025,
      items: [
        { nodeCode: '1.2.1' },
        { nodeCode: '1.1.2', leadDivisionId: D().stpOffice },
        { nodeCode: '1.1.2' },
        { nodeCode: '1.1.1', leadDivisionId: D().bdtOffice, supportDivisionIds: [D().bdtOffice] },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['items.0.nodeCode', 'items.1.leadDivisionId', 'items.2.nodeCode', 'items.3.supportDivisionIds.0']);
    expect((await focal.post(`/api/agencies/${A()}/tasks/proposals`, { year: 2024, items: [{ nodeCode: '1.1.1' }] })).status).toBe(400);
    expect((await focal.get(`/api/agencies/${A()}/tasks`)).body.total).toBe(0);
  });

  it('creates tasks from ticked leaves with divisions and deadlines; only managers may', async () => {
    const body = {
      year: 2025,
      items: [
        { nodeCode: '1.1.2', leadDivisionId: D().bdtOffice, supportDivisionIds: [D().bdtPolicy], dueOn: '2026-03-20' },
        { nodeCode: '1.1.1', leadDivisionId: D().bdtPolicy, dueOn: '2026-03-05' },
        { nodeCode: pub.droppedLeaf, leadDivisionId: D().bdtOffice, dueOn: '2026-06-30' },
        { nodeCode: '8.1.1', title: 'Nâng mức hài lòng về chỉ đạo CCHC' },
      ],
    };
    expect((await divHead.post(`/api/agencies/${A()}/tasks/proposals`, body)).status).toBe(403);
    expect((await sec.post(`/api/agencies/${A()}/tasks/proposals`, body)).status).toBe(403);
    const res = await focal.post(`/api/agencies/${A()}/tasks/proposals`, body);
    expect(res.status).toBe(201);
    for (const item of res.body.items) ids[item.nodeCode] = item.id;
    const first = res.body.items[0];
    expect(first).toMatchObject({
      kind: 'remediation',
      sourceYear: 2025,
      nodeCode: '1.1.2',
      pointsLost: '1',
      status: 'open',
      progress: 0,
      dueOn: '2026-03-20',
      version: 1,
      leadDivision: { id: D().bdtOffice, code: 'VP' },
      supportDivisions: [{ id: D().bdtPolicy, code: 'CS' }],
    });
    expect(first.title).toMatch(/^Khắc phục tiêu chí 1\.1\.2: /);
    expect(res.body.items[3].title).toBe('Nâng mức hài lòng về chỉ đạo CCHC');

    const again = await focal.get(`/api/agencies/${A()}/tasks/proposals`);
    expect(again.body.items.map((i: { code: string }) => i.code)).toEqual(['D.1']);
    expect(again.body.existing.map((i: { code: string; taskId: number }) => [i.code, i.taskId])).toContainEqual(['1.1.2', ids['1.1.2']]);
    const dup = await focal.post(`/api/agencies/${A()}/tasks/proposals`, { year: 2025, items: [{ nodeCode: '1.1.2' }] });
    expect(dup.status).toBe(400);
    expect(dup.body.error.fields[0].message).toContain(`#${ids['1.1.2']}`);
    // The leaf-and-year rule holds for a task entered by hand too.
    const byHand = await focal.post(`/api/agencies/${A()}/tasks`, { title: 'Lặp lại', sourceYear: 2025, nodeCode: '1.1.2' });
    expect(byHand.status).toBe(409);
    expect(byHand.body.error.code).toBe('duplicate');
  });

  it('records the creation in the history and the audit log, and tells the lead division', async () => {
    const detail = await focal.get(`/api/tasks/${ids['1.1.2']}`);
    expect(detail.body.events.map((e: { kind: string }) => e.kind)).toEqual(['created']);
    expect(detail.body.leaf).toMatchObject({ code: '1.1.2', max: '1', points: '0', lost: '1', fieldCode: '1' });
    const audit = await (await t.as('admin')).get(`/api/audit?entityType=task&entityId=${ids['1.1.2']}`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('task.create');
    const bell = await divHead.get('/api/notifications');
    expect(bell.body.items.some((n: { kind: string; link: string }) => n.kind === 'task.assigned' && n.link === `/remediation?task=${ids['1.1.2']}`)).toBe(true);
  });
});

describe('list, read and update', () => {
  it('filters by status, division, kind and due date, with counts', async () => {
    const all = await focal.get(`/api/agencies/${A()}/tasks`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(4);
    // Sorted by due date, tasks without one last.
    expect(all.body.items.map((i: { nodeCode: string }) => i.nodeCode)).toEqual(['1.1.1', '1.1.2', pub.droppedLeaf, '8.1.1']);
    expect(all.body.counts).toMatchObject({ total: 4, open: 4, overdue: 0, dueSoon: 1 });
    const soon = all.body.items[0];
    expect(soon).toMatchObject({ deadline: 'due_soon', daysLeft: 3 });
    const byDivision = await focal.get(`/api/agencies/${A()}/tasks?divisionId=${D().bdtPolicy}`);
    expect(byDivision.body.items.map((i: { nodeCode: string }) => i.nodeCode).sort()).toEqual(['1.1.1', '1.1.2']);
    expect((await focal.get(`/api/agencies/${A()}/tasks?due=soon`)).body.items.map((i: { id: number }) => i.id)).toEqual([ids['1.1.1']]);
    expect((await focal.get(`/api/agencies/${A()}/tasks?kind=par_plan`)).body.total).toBe(0);
    expect((await focal.get(`/api/agencies/${A()}/tasks?q=hài lòng`)).body.total).toBe(1);
    expect((await focal.get(`/api/agencies/${A()}/tasks?status=weird`)).status).toBe(400);
    expect((await focal.get(`/api/agencies/${A()}/tasks?sort=pointsLost&order=desc`)).body.items[0].nodeCode).toBe('8.1.1');
  });

  it('shows an agency’s tasks to its own people and the secretariat (read-only), to nobody else', async () => {
    const staff = await sec.get(`/api/agencies/${A()}/tasks`);
    expect(staff.status).toBe(200);
    expect(staff.body.abilities.manage).toBe(false);
    expect(staff.body.items[0].abilities).toMatchObject({ update: false, manage: false });
    expect((await sec.get(`/api/tasks/${ids['1.1.2']}`)).status).toBe(200);
    expect((await focalStp.get(`/api/agencies/${A()}/tasks`)).status).toBe(403);
    expect((await focalStp.get(`/api/tasks/${ids['1.1.2']}`)).status).toBe(403);
    expect((await otherAdmin.get(`/api/tasks/${ids['1.1.2']}`)).status).toBe(404);
    expect((await otherAdmin.get(`/api/agencies/${A()}/tasks`)).status).toBe(404);
    expect((await focal.get('/api/tasks/99999')).status).toBe(404);
    expect((await divHead.get(`/api/tasks/${ids['1.1.1']}`)).status).toBe(200);
  });

  it('updates with optimistic locking: a stale version is a 409 conflict', async () => {
    const id = ids['1.1.2'];
    const res = await focal.patch(`/api/tasks/${id}`, { version: 1, title: 'Xây dựng kế hoạch CCHC có đủ nhiệm vụ và kinh phí', description: 'Theo Kế hoạch của UBND tỉnh' });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(2);
    const stale = await head.patch(`/api/tasks/${id}`, { version: 1, title: 'Tên khác' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await focal.get(`/api/tasks/${id}`)).body.title).toBe('Xây dựng kế hoạch CCHC có đủ nhiệm vụ và kinh phí');
    expect((await focal.patch(`/api/tasks/${id}`, { version: 2 })).status).toBe(400);
    expect((await focal.patch(`/api/tasks/${id}`, { version: 2, progress: 101 })).status).toBe(400);
    expect((await focal.patch(`/api/tasks/${id}`, { version: 2, dueOn: '2026-02-30' })).status).toBe(400);
  });

  it('assigns divisions of this agency only', async () => {
    const id = ids['1.1.2'];
    const other = await focal.patch(`/api/tasks/${id}`, { version: 2, leadDivisionId: D().stpOffice });
    expect(other.status).toBe(400);
    expect(other.body.error.fields[0].path).toBe('leadDivisionId');
    const support = await focal.patch(`/api/tasks/${id}`, { version: 2, supportDivisionIds: [D().stpOffice] });
    expect(support.body.error.fields[0].path).toBe('supportDivisionIds.0');
    const none = await focal.patch(`/api/tasks/${id}`, { version: 2, leadDivisionId: 999999 });
    expect(none.status).toBe(400);
  });

  it('lets the lead division’s head update status, progress and notes, and nothing else', async () => {
    const id = ids['1.1.2'];
    const res = await divHead.patch(`/api/tasks/${id}`, { version: 2, status: 'in_progress', progress: 40, note: 'Đã dự thảo kế hoạch, đang lấy ý kiến các phòng.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'in_progress', progress: 40, version: 3 });
    expect(res.body.events[0]).toMatchObject({ kind: 'status', note: 'Đã dự thảo kế hoạch, đang lấy ý kiến các phòng.' });
    expect(res.body.events[0].data.changes).toMatchObject({ status: { from: 'open', to: 'in_progress' }, progress: { from: 0, to: 40 } });
    const due = await divHead.patch(`/api/tasks/${id}`, { version: 3, dueOn: '2026-12-31' });
    expect(due.status).toBe(403);
    expect(due.body.error.message).toContain('Trưởng phòng');
    expect((await divHead.patch(`/api/tasks/${id}`, { version: 3, status: 'cancelled' })).status).toBe(403);
    // Not a division of that task.
    expect((await divHead.patch(`/api/tasks/${ids['1.1.1']}`, { version: 1, progress: 10 })).status).toBe(403);
    expect((await focalStp.patch(`/api/tasks/${id}`, { version: 3, progress: 10 })).status).toBe(403);
    const note = await divHead.post(`/api/tasks/${id}/notes`, { note: 'Gửi dự thảo cho Văn phòng.' });
    expect(note.status).toBe(201);
    expect(note.body.events[0]).toMatchObject({ kind: 'note', note: 'Gửi dự thảo cho Văn phòng.' });
    expect((await divHead.post(`/api/tasks/${id}/notes`, { note: '   ' })).status).toBe(400);
    expect((await divHead.post(`/api/tasks/${ids['1.1.1']}/notes`, { note: 'x' })).status).toBe(403);
  });

  it('completes a task at 100 % and reopens it; a cancelled task only reopens', async () => {
    const id = ids['1.1.1'];
    const done = await focal.patch(`/api/tasks/${id}`, { version: 1, status: 'done' });
    expect(done.body).toMatchObject({ status: 'done', progress: 100, deadline: 'closed' });
    expect(done.body.completedAt).not.toBeNull();
    const reopened = await focal.patch(`/api/tasks/${id}`, { version: 2, status: 'in_progress', progress: 90 });
    expect(reopened.body).toMatchObject({ status: 'in_progress', progress: 90, completedAt: null });
    const cancelled = await focal.patch(`/api/tasks/${id}`, { version: 3, status: 'cancelled', note: 'Gộp vào nhiệm vụ khác' });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await focal.patch(`/api/tasks/${id}`, { version: 4, progress: 95 })).status).toBe(409);
    expect((await focal.get(`/api/agencies/${A()}/tasks`)).body.total).toBe(3);
    expect((await focal.get(`/api/agencies/${A()}/tasks?status=cancelled`)).body.total).toBe(1);
    // A cancelled leaf task frees the leaf for a new one.
    expect((await focal.get(`/api/agencies/${A()}/tasks/proposals`)).body.items.map((i: { code: string }) => i.code)).toContain('1.1.1');
    const back = await focal.patch(`/api/tasks/${id}`, { version: 4, status: 'open' });
    expect(back.status).toBe(200);
    const audit = await (await t.as('admin')).get(`/api/audit?entityType=task&entityId=${id}&action=task.update`);
    expect(audit.body.total).toBe(4);
  });

  it('moves the status with the progress when none is given: 40 % is in progress, never "not started"', async () => {
    const id = ids['1.1.1'];
    const current = (await focal.get(`/api/tasks/${id}`)).body;
    expect(current.status).toBe('open');
    const moving = await focal.patch(`/api/tasks/${id}`, { version: current.version, progress: 40 });
    expect(moving.body).toMatchObject({ status: 'in_progress', progress: 40 });
    const back = await focal.patch(`/api/tasks/${id}`, { version: moving.body.version, status: 'open', progress: 0 });
    expect(back.body).toMatchObject({ status: 'open', progress: 0 });
  });
});

describe('output documents', () => {
  let outputId = 0;

  it('uploads an output into the agency’s evidence library and links it', async () => {
    const res = await focal.request('POST', `/api/tasks/${ids['1.1.2']}/outputs`, undefined, upload(pdf, 'Kế hoạch CCHC 2026.pdf'));
    expect(res.status).toBe(201);
    expect(res.body.outputs).toHaveLength(1);
    outputId = res.body.outputs[0].id;
    expect(res.body.outputs[0]).toMatchObject({ title: 'Báo cáo kết quả khắc phục', mime: 'application/pdf', attachedToTarget: false });
    expect(res.body.outputCount).toBe(1);
    expect(res.body.events[0]).toMatchObject({ kind: 'output_added' });
    const library = await focal.get(`/api/agencies/${A()}/evidence`);
    expect(library.body.items.map((e: { id: number }) => e.id)).toContain(outputId);
  });

  it('refuses division heads (the library is the focal point’s), oversized and disguised files, other agencies', async () => {
    const byDivision = await divHead.request('POST', `/api/tasks/${ids['1.1.2']}/outputs`, undefined, upload(pdf, 'a.pdf'));
    expect(byDivision.status).toBe(403);
    expect(byDivision.body.error.message).toContain('thư viện');
    const big = await focal.request('POST', `/api/tasks/${ids['1.1.2']}/outputs`, undefined, upload(Buffer.concat([pdf, Buffer.alloc(21 * 1024 * 1024)]), 'big.pdf'));
    expect(big.status).toBe(413);
    const exe = await focal.request('POST', `/api/tasks/${ids['1.1.2']}/outputs`, undefined, upload(Buffer.from('MZ\u0090\u0000 a program'), 'bao-cao.pdf'));
    expect(exe.status).toBe(415);
    const noTitle = await focal.request('POST', `/api/tasks/${ids['1.1.2']}/outputs`, undefined, upload(pdf, 'x.pdf', { title: '' }));
    expect(noTitle.status).toBe(400);
    expect((await focalStp.request('POST', `/api/tasks/${ids['1.1.2']}/outputs`, undefined, upload(pdf, 'x.pdf'))).status).toBe(403);
    expect((await otherAdmin.request('POST', `/api/tasks/${ids['1.1.2']}/outputs`, undefined, upload(pdf, 'x.pdf'))).status).toBe(404);
    expect((await focal.get(`/api/tasks/${ids['1.1.2']}`)).body.outputs).toHaveLength(1);
  });

  it('links library documents of this agency only, and unlinks', async () => {
    const stpDoc = await focalStp.request('POST', `/api/agencies/${t.fixture.agencies.stp}/evidence`, undefined, upload(makeDemoPdf(['STP']), 'stp.pdf'));
    const bad = await focal.post(`/api/tasks/${ids['1.1.2']}/outputs/link`, { evidenceIds: [stpDoc.body.id] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('evidenceIds.0');
    const ok = await divHead.post(`/api/tasks/${ids['1.1.2']}/outputs/link`, { evidenceIds: [t.fixture.evidenceId] });
    expect(ok.status).toBe(200);
    expect(ok.body.outputs.map((o: { id: number }) => o.id).sort()).toEqual([outputId, t.fixture.evidenceId].sort());
    const removed = await focal.delete(`/api/tasks/${ids['1.1.2']}/outputs/${t.fixture.evidenceId}`);
    expect(removed.body.outputs.map((o: { id: number }) => o.id)).toEqual([outputId]);
    expect((await focal.delete(`/api/tasks/${ids['1.1.2']}/outputs/${t.fixture.evidenceId}`)).status).toBe(404);
    // The document itself stays in the library.
    expect((await focal.get(`/api/evidence/${t.fixture.evidenceId}`)).status).toBe(200);
  });

  it('uses an output as evidence of the same leaf in next year’s self-assessment, once', async () => {
    const id = ids['1.1.2'];
    const before = await focal.get(`/api/tasks/${id}`);
    expect(before.body.evidenceTarget).toMatchObject({ year: 2026, periodId: t.fixture.periodId, assessmentId: t.fixture.assessments.bdt, nodeCode: '1.1.2', canAttach: true, reason: null });
    const asDivision = await divHead.get(`/api/tasks/${id}`);
    expect(asDivision.body.evidenceTarget.canAttach).toBe(false);
    expect(asDivision.body.abilities.useAsEvidence).toBe(false);
    expect((await divHead.post(`/api/tasks/${id}/next-year-evidence`, { evidenceIds: [outputId] })).status).toBe(403);
    expect((await focal.post(`/api/tasks/${id}/next-year-evidence`, { evidenceIds: [t.fixture.evidenceId] })).status).toBe(400);

    const res = await focal.post(`/api/tasks/${id}/next-year-evidence`, { evidenceIds: [outputId] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ year: 2026, assessmentId: t.fixture.assessments.bdt, nodeCode: '1.1.2', attached: [outputId], evidenceIds: [outputId] });
    const assessment = await focal.get(`/api/assessments/${t.fixture.assessments.bdt}`);
    const leaf = assessment.body.leaves.find((l: { code: string }) => l.code === '1.1.2');
    expect(leaf.evidence.map((e: { id: number }) => e.id)).toEqual([outputId]);
    const after = await focal.get(`/api/tasks/${id}`);
    expect(after.body.outputs[0].attachedToTarget).toBe(true);
    expect(after.body.events[0]).toMatchObject({ kind: 'evidence_next_year', data: { year: 2026, evidenceIds: [outputId] } });
    const again = await focal.post(`/api/tasks/${id}/next-year-evidence`, { evidenceIds: [outputId] });
    expect(again.body.attached).toEqual([]);
    const audit = await (await t.as('admin')).get(`/api/audit?entityType=leaf_score&entityId=${t.fixture.assessments.bdt}:1.1.2`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('leaf.evidence');
  });

  it('refuses clearly when the leaf left the framework, when there is no next period, for survey leaves', async () => {
    const dropped = ids[pub.droppedLeaf]!;
    await focal.post(`/api/tasks/${dropped}/outputs/link`, { evidenceIds: [outputId] });
    const gone = await focal.post(`/api/tasks/${dropped}/next-year-evidence`, { evidenceIds: [outputId] });
    expect(gone.status).toBe(409);
    expect(gone.body.error.code).toBe('invalid_state');
    expect(gone.body.error.message).toBe(`Tiêu chí ${pub.droppedLeaf} không có trong bộ tiêu chí năm 2026.`);
    focal.lang = 'en';
    const goneEn = await focal.post(`/api/tasks/${dropped}/next-year-evidence`, { evidenceIds: [outputId] });
    expect(goneEn.body.error.message).toBe(`Leaf ${pub.droppedLeaf} is not in the 2026 framework.`);
    focal.lang = undefined;

    const free = await focal.post(`/api/agencies/${A()}/tasks`, { title: 'Chuẩn bị hồ sơ năm 2027', sourceYear: 2026, nodeCode: '1.2.1', leadDivisionId: D().bdtOffice });
    expect(free.status).toBe(201);
    expect(free.body).toMatchObject({ sourceYear: 2026, pointsLost: null, evidenceTarget: { year: 2027, periodId: null, canAttach: false } });
    await focal.post(`/api/tasks/${free.body.id}/outputs/link`, { evidenceIds: [outputId] });
    const noPeriod = await focal.post(`/api/tasks/${free.body.id}/next-year-evidence`, { evidenceIds: [outputId] });
    expect(noPeriod.status).toBe(409);
    expect(noPeriod.body.error.message).toContain('Chưa có kỳ đánh giá năm 2027');

    const survey = ids['8.1.1']!;
    await focal.post(`/api/tasks/${survey}/outputs/link`, { evidenceIds: [outputId] });
    const surveyRes = await focal.post(`/api/tasks/${survey}/next-year-evidence`, { evidenceIds: [outputId] });
    expect(surveyRes.status).toBe(409);
    expect(surveyRes.body.error.message).toContain('điều tra xã hội học');

    const noLeaf = await focal.post(`/api/agencies/${A()}/tasks`, { kind: 'par_plan', title: 'Tập huấn CCHC', nodeCode: '1.1.1' });
    expect(noLeaf.status).toBe(400);
    const badLeaf = await focal.post(`/api/agencies/${A()}/tasks`, { title: 'X', sourceYear: 2026, nodeCode: '9.9.9' });
    expect(badLeaf.body.error.fields[0].path).toBe('nodeCode');
    const badYear = await focal.post(`/api/agencies/${A()}/tasks`, { title: 'X', sourceYear: 2031 });
    expect(badYear.body.error.fields[0].path).toBe('sourceYear');
  });

  it('is gated like the self-assessment: refused once the phase no longer lets the agency change evidence', async () => {
    const id = ids['1.1.2'];
    const second = await focal.request('POST', `/api/tasks/${id}/outputs`, undefined, upload(makeDemoPdf(['Second']), 'bien-ban.pdf', { title: 'Biên bản họp' }));
    const secondId = second.body.outputs.find((o: { title: string }) => o.title === 'Biên bản họp').id;
    await t.database.db.update(periods).set({ phase: 'appraisal1' }).where(eq(periods.id, t.fixture.periodId));
    try {
      const detail = await focal.get(`/api/tasks/${id}`);
      expect(detail.body.evidenceTarget.canAttach).toBe(false);
      expect(detail.body.evidenceTarget.reason).toContain('Thẩm định lần 1');
      const res = await focal.post(`/api/tasks/${id}/next-year-evidence`, { evidenceIds: [secondId] });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('phase_closed');
      expect(res.body.error.message).toMatch(/^Không thể gắn vào bản đánh giá năm 2026: /);
      const leaf = (await focal.get(`/api/assessments/${t.fixture.assessments.bdt}`)).body.leaves.find((l: { code: string }) => l.code === '1.1.2');
      expect(leaf.evidence.map((e: { id: number }) => e.id)).toEqual([outputId]);
      expect((await focal.get(`/api/tasks/${id}`)).body.events[0].kind).not.toBe('evidence_next_year');
    } finally {
      await t.database.db.update(periods).set({ phase: 'self_assessment' }).where(eq(periods.id, t.fixture.periodId));
    }
    const plan = await focal.post(`/api/agencies/${A()}/tasks`, { kind: 'par_plan', title: 'Ban hành kế hoạch CCHC năm 2026', sourceYear: 2026, nodeCode: '1.1.1', planRef: 'I.1' });
    // A plan task's documents serve its own year.
    expect(plan.body.evidenceTarget).toMatchObject({ year: 2026, canAttach: true });
  });
});

describe('plan import (.xlsx)', () => {
  const header = ['Số thứ tự', 'Loại kế hoạch', 'Năm kế hoạch', 'Nhiệm vụ', 'Nội dung, yêu cầu', 'Mã tiêu chí', 'Phòng chủ trì', 'Phòng phối hợp', 'Hạn hoàn thành'];

  it('offers a template with the agency’s division codes', async () => {
    const res = await focal.get(`/api/agencies/${A()}/tasks/template.xlsx`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, ...header]);
    expect(JSON.stringify(wb.worksheets[1]!.getSheetValues())).toContain('VP (Văn phòng)');
    expect((await divHead.get(`/api/agencies/${A()}/tasks/template.xlsx`)).status).toBe(403);
  });

  it('reports every bad row and column and imports nothing', async () => {
    const before = (await focal.get(`/api/agencies/${A()}/tasks?includeCancelled=true`)).body.total;
    const file = await workbook([
      header,
      ['1', 'Kế hoạch CCHC', 2026, 'Ban hành kế hoạch tuyên truyền CCHC', '', '', 'VP', 'CS', '15/04/2026'],
      ['2', 'Kế hoạch năm', 2026, '', '', '', 'XX', '', '31/02/2026'],
      ['2', 'Kiểm soát TTHC', 2030, 'Rà soát TTHC', '', '1.1.1', 'VP', 'VP', ''],
      ['3', 'Kiểm soát TTHC', null, 'Công khai TTHC', '', '1.1.1', '', '', 'sớm'],
      ['4', 'Kế hoạch CCHC', 2026, 'Sơ kết CCHC', '', '7.7.7', '', 'VP; CS', ''],
    ]);
    const res = await focal.request('POST', `/api/agencies/${A()}/tasks/import`, undefined, upload(file, 'ke-hoach.xlsx', {}));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('import_failed');
    const problems = res.body.error.details.problems.map((p: { row: number; column: string }) => `${p.row} ${p.column}`);
    expect(problems).toEqual(
      expect.arrayContaining(['3 D (title)', '3 B (kind)', '3 G (lead)', '3 I (dueOn)', '4 C (year)', '4 H (supports)', '5 F (nodeCode)', '5 I (dueOn)', '6 F (nodeCode)']),
    );
    expect(problems).not.toContain('2 B (kind)');
    expect((await focal.get(`/api/agencies/${A()}/tasks?includeCancelled=true`)).body.total).toBe(before);
    const notXlsx = await focal.request('POST', `/api/agencies/${A()}/tasks/import`, undefined, upload(pdf, 'ke-hoach.xlsx', {}));
    expect(notXlsx.status).toBe(415);
    expect((await divHead.request('POST', `/api/agencies/${A()}/tasks/import`, undefined, upload(file, 'k.xlsx', {}))).status).toBe(403);
  });

  it('imports a good plan all at once and refuses to import it twice', async () => {
    const file = await workbook([
      ['KẾ HOẠCH CCHC NĂM 2026 CỦA BAN DÂN TỘC'],
      header,
      ['II.1', 'Kế hoạch CCHC', 2026, 'Tuyên truyền CCHC trên Cổng thông tin', 'Ít nhất 12 tin, bài', '', 'VP', 'CS', new Date(Date.UTC(2026, 5, 30))],
      ['III.2', 'Kiểm soát TTHC', 2026, 'Rà soát, đơn giản hóa TTHC', '', '', 'cs', '', '30/09/2026'],
      ['', 'procedure_control', '', 'Niêm yết công khai TTHC', '', '', '', '', ''],
    ]);
    const res = await focal.request('POST', `/api/agencies/${A()}/tasks/import`, undefined, upload(file, 'ke-hoach.xlsx', {}));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ created: 3, rows: 3 });
    const plans = await focal.get(`/api/agencies/${A()}/tasks?kind=procedure_control&sort=title`);
    expect(plans.body.items.map((i: { title: string; planRef: string; sourceYear: number | null; dueOn: string | null; leadDivision: { code: string } | null }) => [i.title, i.planRef, i.sourceYear, i.dueOn, i.leadDivision?.code ?? null])).toEqual([
      ['Niêm yết công khai TTHC', '', null, null, null],
      ['Rà soát, đơn giản hóa TTHC', 'III.2', 2026, '2026-09-30', 'CS'],
    ]);
    const par = await focal.get(`/api/agencies/${A()}/tasks?kind=par_plan&q=Tuyên truyền`);
    expect(par.body.items[0]).toMatchObject({ dueOn: '2026-06-30', supportDivisions: [{ code: 'CS' }], description: 'Ít nhất 12 tin, bài' });
    const again = await focal.request('POST', `/api/agencies/${A()}/tasks/import`, undefined, upload(file, 'ke-hoach.xlsx', {}));
    expect(again.status).toBe(422);
    expect(again.body.error.details.problems.map((p: { row: number; column: string }) => `${p.row} ${p.column}`)).toEqual(['3 A (planRef)', '4 A (planRef)']);
  });
});

describe('export', () => {
  it('exports the filtered task table in the reader’s language', async () => {
    const res = await focal.get(`/api/agencies/${A()}/tasks/export.xlsx?kind=remediation`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain('ke-hoach-khac-phuc-BDT');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell(1, 1).value).toBe('Kế hoạch khắc phục của Ban Dân tộc');
    expect(ws.getRow(2).getCell(8).value).toBe('Nhiệm vụ');
    const list = await focal.get(`/api/agencies/${A()}/tasks?kind=remediation&pageSize=200`);
    expect(ws.rowCount - 2).toBe(list.body.total);
    const titles = Array.from({ length: list.body.total }, (_, i) => ws.getRow(i + 3).getCell(8).value);
    expect(titles).toEqual(list.body.items.map((i: { title: string }) => i.title));
    expect((await focalStp.get(`/api/agencies/${A()}/tasks/export.xlsx`)).status).toBe(403);
  });
});

describe('deadline warnings', () => {
  it('warns the lead division’s head and the agency 7, 3 and 1 days before and once overdue, each once', async () => {
    const task = (await focal.post(`/api/agencies/${A()}/tasks`, { title: 'Báo cáo CCHC quý I', leadDivisionId: D().bdtOffice, dueOn: '2026-03-12' })).body;
    const kinds = async (client: TestClient) =>
      ((await client.get('/api/notifications?limit=100')).body.items as { kind: string; link: string }[]).filter((n) => n.link === `/remediation?task=${task.id}` && n.kind.startsWith('task.reminder')).map((n) => n.kind);
    const run = (iso: string) => sendTaskDeadlineWarnings(t.database.db, new Date(iso));
    // 2026-03-02 09:00 in Vietnam: 10 days left, nothing for this task.
    await run('2026-03-02T02:00:00Z');
    expect(await kinds(divHead)).toEqual([]);
    await run('2026-03-05T02:00:00Z'); // 7 days left
    await run('2026-03-05T08:00:00Z'); // again the same day: nothing new
    expect(await kinds(divHead)).toEqual(['task.reminder.due7']);
    expect(await kinds(focal)).toEqual(['task.reminder.due7']);
    expect(await kinds(head)).toEqual(['task.reminder.due7']);
    expect(await kinds(sec)).toEqual([]);
    await run('2026-03-10T02:00:00Z'); // 2 days left → the 3-day warning
    await run('2026-03-11T02:00:00Z'); // 1 day left
    await run('2026-03-11T20:00:00Z'); // 03:00 on the 12th in Vietnam: due today, the 1-day warning is already sent
    await run('2026-03-13T02:00:00Z'); // overdue
    expect(await run('2026-03-14T02:00:00Z')).toBe(0);
    expect(await kinds(divHead)).toEqual(['task.reminder.overdue', 'task.reminder.due1', 'task.reminder.due3', 'task.reminder.due7']);
    // The application's clock is still 2026-03-02: a task due on 25 February is overdue.
    const late = (await focal.post(`/api/agencies/${A()}/tasks`, { title: 'Báo cáo tháng 2', leadDivisionId: D().bdtOffice, dueOn: '2026-02-25' })).body;
    expect(late).toMatchObject({ deadline: 'overdue', daysLeft: -5 });
    const overdue = (await focal.get(`/api/agencies/${A()}/tasks?due=overdue`)).body;
    expect(overdue.items.map((i: { id: number }) => i.id)).toEqual([late.id]);
    expect(overdue.counts.overdue).toBe(1);

    // Moving the due date starts the warnings again; a done task gets none.
    const moved = await focal.patch(`/api/tasks/${task.id}`, { version: 1, dueOn: '2026-03-20' });
    expect(moved.status).toBe(200);
    await run('2026-03-14T02:00:00Z');
    expect((await kinds(divHead)).filter((k) => k === 'task.reminder.due7')).toHaveLength(2);
    await focal.patch(`/api/tasks/${task.id}`, { version: 2, status: 'done' });
    await run('2026-03-18T02:00:00Z');
    await run('2026-03-25T02:00:00Z');
    expect((await kinds(divHead)).filter((k) => k === 'task.reminder.due3' || k === 'task.reminder.overdue')).toHaveLength(2);
  });
});
