import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../testing/app';

let t: TestContext;
let sec: TestClient;
let qid = 0;
let token = '';
let version = 0;

const content = () => ({
  introVi: 'Ý kiến của Quý vị được giữ kín.',
  introEn: '',
  respondentGroups: [
    { code: 'DB', nameVi: 'Đại biểu HĐND tỉnh', nameEn: 'Provincial council deputies' },
    { code: 'DN', nameVi: 'Người dân, doanh nghiệp', nameEn: 'Citizens and businesses' },
  ],
  ratedAgencyIds: [t.fixture.agencies.bdt, t.fixture.agencies.stp],
  sections: [
    {
      code: 'S1',
      titleVi: 'Chỉ đạo điều hành',
      titleEn: 'Direction',
      questions: [
        {
          code: 'Q1',
          type: 'single',
          textVi: 'Lãnh đạo cơ quan quan tâm chỉ đạo CCHC ở mức nào?',
          textEn: 'How much attention does the leadership give to PAR?',
          required: true,
          perAgency: true,
          leafCodes: ['8.1.1'],
          options: [
            { code: 'A', labelVi: 'Rất quan tâm', labelEn: 'A lot', weight: '1' },
            { code: 'B', labelVi: 'Quan tâm', labelEn: 'Some', weight: '0.6' },
            { code: 'C', labelVi: 'Ít quan tâm', labelEn: 'Little', weight: '0.2' },
            { code: 'D', labelVi: 'Không quan tâm', labelEn: 'None', weight: '0' },
            { code: 'E', labelVi: 'Không biết', labelEn: "Don't know", weight: null },
          ],
        },
        { code: 'Q2', type: 'text', textVi: 'Góp ý khác', textEn: 'Other comments', required: false, perAgency: false, leafCodes: [], options: [] },
      ],
    },
  ],
});

beforeAll(async () => {
  t = await createTestContext();
  sec = await t.as('secretariat');
});
afterAll(async () => t.close());

const answers = (a: string, b: string) => [
  { questionCode: 'Q1', agencyId: t.fixture.agencies.bdt, optionCode: a },
  { questionCode: 'Q1', agencyId: t.fixture.agencies.stp, optionCode: b },
];
const key = (n: number) => `test-idempotency-key-${String(n).padStart(6, '0')}`;

describe('questionnaire builder', () => {
  it('creates a questionnaire mapped to survey leaves, refusing unknown leaves and agencies', async () => {
    const bad = await sec.post('/api/surveys', { periodId: t.fixture.periodId, code: 'P02', titleVi: 'Phiếu 02', content: { ...content(), ratedAgencyIds: [t.fixture.agencies.other], sections: [{ ...content().sections[0], questions: [{ ...content().sections[0]!.questions[0], leafCodes: ['1.1.1'] }] }] } });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['content.ratedAgencyIds.0', 'content.sections.0.questions.0.leafCodes.0']));
    const res = await sec.post('/api/surveys', { periodId: t.fixture.periodId, code: 'P02', titleVi: 'Phiếu 02: Đại biểu HĐND đánh giá sở, ban, ngành', content: content() });
    expect(res.status).toBe(201);
    expect(res.body.ratedAgencies.map((a: { code: string }) => a.code)).toEqual(['BDT', 'STP']);
    qid = res.body.id;
    token = res.body.publicToken;
    version = res.body.version;
    expect((await (await t.as('focalBdt')).get(`/api/surveys/${qid}`)).status).toBe(403);
  });

  it('publishes it; the public form shows it without weights or leaf mapping', async () => {
    const res = await sec.post(`/api/surveys/${qid}/status`, { status: 'published', version });
    expect(res.body.status).toBe('published');
    version = res.body.version;
    const batch = await sec.post(`/api/surveys/${qid}/batches`, { respondentGroup: 'DB', size: 5, label: 'Kỳ họp HĐND' });
    expect(batch.status).toBe(201);
    const codes = await t.database.query<{ code: string }>('select code from survey_codes where batch_id = $1 order by id', [batch.body.id]);
    expect(codes).toHaveLength(5);
    expect(codes[0]!.code).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
    const anon = await t.as();
    const form = await anon.get(`/api/public/surveys/${token}?code=${codes[0]!.code}`);
    expect(form.status).toBe(200);
    expect(form.body.respondentGroup).toBe('DB');
    expect(JSON.stringify(form.body)).not.toMatch(/weight|leafCodes/);
    expect((await anon.get(`/api/public/surveys/${token}?code=WRONGCODE1`)).status).toBe(404);
    expect((await anon.get(`/api/public/surveys/${token}`)).status).toBe(400);
    const sheet = await sec.get(`/api/surveys/${qid}/batches/${batch.body.id}/sheet`);
    expect(sheet.status).toBe(200);
    expect(String(sheet.raw)).toContain('<svg');
    expect(String(sheet.raw)).toContain('Mỗi mã chỉ dùng một lần');
  });

  it('accepts the public token and the code typed in any case (people type them from a printed sheet)', async () => {
    expect(token).toMatch(/^[a-hjkmnp-z2-9]{16}$/);
    const [row] = await t.database.query<{ code: string }>('select code from survey_codes where used_at is null order by id limit 1');
    const anon = await t.as();
    const typed = await anon.get(`/api/public/surveys/${token.toUpperCase()}?code=${row!.code.toLowerCase()}`);
    expect(typed.status).toBe(200);
    expect(typed.body.respondentGroup).toBe('DB');
  });
});

describe('public submissions', () => {
  async function codes() {
    return (await t.database.query<{ code: string }>('select code from survey_codes where used_at is null order by id')).map((c) => c.code);
  }

  it('stores a submission once per code; a retry with the same key gets the same receipt', async () => {
    const anon = await t.as();
    const [code] = await codes();
    const first = await anon.post(`/api/public/surveys/${token}/responses`, { code, idempotencyKey: key(1), answers: answers('A', 'E') }, { csrf: false });
    expect(first.status).toBe(201);
    expect(first.body.duplicate).toBe(false);
    const retry = await anon.post(`/api/public/surveys/${token}/responses`, { code, idempotencyKey: key(1), answers: answers('A', 'E') }, { csrf: false });
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ receipt: first.body.receipt, duplicate: true });
    const replay = await anon.post(`/api/public/surveys/${token}/responses`, { code, idempotencyKey: key(2), answers: answers('B', 'B') }, { csrf: false });
    expect(replay.status).toBe(409);
    expect(replay.body.error.message).toBe('Mã phiếu này đã được sử dụng.');
    expect((await t.database.query<{ n: number }>('select count(*)::int as n from survey_responses'))[0]!.n).toBe(1);
    // Anonymity: the response does not point to its code; the code keeps only the day it was used.
    const [stored] = await t.database.query<{ code_id: number | null; submitted_at: Date }>('select code_id, submitted_at from survey_responses');
    expect(stored!.code_id).toBeNull();
    const [used] = await t.database.query<{ used_at: Date }>('select used_at from survey_codes where code = $1', [code]);
    expect(new Date(used!.used_at).toISOString().slice(11)).toBe('00:00:00.000Z');
  });

  it('rejects hostile submissions with clear errors and changes nothing', async () => {
    const anon = await t.as();
    const [code] = await codes();
    const before = (await t.database.query<{ n: number }>('select count(*)::int as n from survey_responses'))[0]!.n;
    const cases = [
      { code, idempotencyKey: key(10), answers: [{ questionCode: 'Q99', optionCode: 'A' }] },
      { code, idempotencyKey: key(11), answers: [{ questionCode: 'Q1', agencyId: t.fixture.agencies.other, optionCode: 'A' }] },
      { code, idempotencyKey: key(12), answers: [...answers('A', 'A'), { questionCode: 'Q2', text: 'x'.repeat(5000) }] },
      { code, idempotencyKey: 'short', answers: answers('A', 'A') },
      { code: 'NOTACODE99', idempotencyKey: key(13), answers: answers('A', 'A') },
      { idempotencyKey: key(14), answers: answers('A', 'A') },
    ];
    for (const body of cases) {
      const res = await anon.post(`/api/public/surveys/${token}/responses`, body, { csrf: false });
      expect([JSON.stringify(body).slice(0, 60), res.status]).toEqual([JSON.stringify(body).slice(0, 60), 400]);
    }
    const script = await anon.post(`/api/public/surveys/${token}/responses`, { code, idempotencyKey: key(15), answers: [...answers('A', 'A'), { questionCode: 'Q2', text: '<script>alert(1)</script>' }] }, { csrf: false });
    expect(script.status).toBe(201);
    const stored = await t.database.query<{ answers: { t?: string }[] }>("select answers from survey_responses where idempotency_key = $1", [key(15)]);
    expect(stored[0]!.answers.find((a) => a.t)!.t).toBe('<script>alert(1)</script>');
    expect((await t.database.query<{ n: number }>('select count(*)::int as n from survey_responses'))[0]!.n).toBe(before + 1);
    const closed = await anon.post('/api/public/surveys/nosuchtoken123/responses', { idempotencyKey: key(16), answers: answers('A', 'A') }, { csrf: false });
    expect(closed.status).toBe(404);
  });

  it('rate-limits submissions per code', async () => {
    const anon = await t.as();
    const [code] = await codes();
    const statuses = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await anon.post(`/api/public/surveys/${token}/responses`, { code, idempotencyKey: key(100 + i), answers: [{ questionCode: 'Q99' }] }, { csrf: false })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});

describe('paper forms and re-verification', () => {
  it('double entry reports mismatches answer by answer and resolves them', async () => {
    const first = await sec.post(`/api/surveys/${qid}/paper`, { respondentGroup: 'DB', paperRef: 'P-001', slot: 1, idempotencyKey: key(200), answers: answers('A', 'B') });
    expect(first.status).toBe(201);
    const second = await sec.post(`/api/surveys/${qid}/paper`, { respondentGroup: 'DB', paperRef: 'P-001', slot: 2, idempotencyKey: key(201), answers: answers('A', 'C') });
    expect(second.body.status).toBe('pending_check');
    const again = await sec.post(`/api/surveys/${qid}/paper`, { respondentGroup: 'DB', paperRef: 'P-001', slot: 2, idempotencyKey: key(202), answers: answers('A', 'C') });
    expect(again.status).toBe(409);
    const mismatches = await sec.get(`/api/surveys/${qid}/paper/mismatches`);
    expect(mismatches.body).toHaveLength(1);
    expect(mismatches.body[0].differences).toHaveLength(1);
    expect(mismatches.body[0].differences[0].first.o).toBe('B');
    // While they differ, neither entry counts.
    const status = async (ref: string) => (await t.database.query<{ entry_slot: number; status: string }>('select entry_slot, status from survey_responses where paper_ref = $1 order by entry_slot', [ref])).map((r) => `${r.entry_slot}:${r.status}`);
    expect(await status('P-001')).toEqual(['1:pending_check', '2:pending_check']);
    const resolved = await sec.post(`/api/surveys/${qid}/paper/resolve`, { paperRef: 'P-001', keep: 2 });
    expect(resolved.status).toBe(200);
    expect(await status('P-001')).toEqual(['1:superseded', '2:valid']);
    expect((await sec.get(`/api/surveys/${qid}/paper/mismatches`)).body).toHaveLength(0);
    // Two entries that agree: the second confirms the first, which counts once.
    await sec.post(`/api/surveys/${qid}/paper`, { respondentGroup: 'DB', paperRef: 'P-002', slot: 1, idempotencyKey: key(203), answers: answers('B', 'B') });
    const confirm = await sec.post(`/api/surveys/${qid}/paper`, { respondentGroup: 'DB', paperRef: 'P-002', slot: 2, idempotencyKey: key(204), answers: answers('B', 'B') });
    expect(confirm.body.status).toBe('superseded');
    expect(await status('P-002')).toEqual(['1:valid', '2:superseded']);
  });

  it('gives a paper-import template that the importer reads back', async () => {
    const res = await sec.get(`/api/surveys/${qid}/paper/template.xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const header = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['Mã phiếu giấy', 'Nhóm đối tượng', 'Mã cơ quan', 'Q1', 'Q2']);
    expect(wb.worksheets[1]!.name).toBe('Huong dan');
  });

  it('imports paper forms from .xlsx with row-precise errors', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Phieu');
    ws.addRow(['Mã phiếu giấy', 'Nhóm đối tượng', 'Mã cơ quan', 'Q1']);
    ws.addRow(['G-1', 'DB', 'BDT', 'A']);
    ws.addRow(['G-1', 'DB', 'STP', 'Z']);
    ws.addRow(['G-2', 'XX', 'BDT', 'B']);
    const buf = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const BOUNDARY = '----paper';
    const form = (b: Buffer) => ({ payload: Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="p.xlsx"\r\n\r\n`), b, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } });
    const bad = await sec.request('POST', `/api/surveys/${qid}/paper/import`, undefined, form(buf));
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.problems.map((p: { row: number; column: string | null }) => `${p.row}:${p.column}`)).toEqual(expect.arrayContaining(['3:D', '4:B']));
    ws.getRow(3).getCell(4).value = 'C';
    ws.getRow(4).getCell(2).value = 'DB';
    ws.addRow(['G-2', 'DB', 'STP', 'D']);
    const ok = await sec.request('POST', `/api/surveys/${qid}/paper/import`, undefined, form(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)));
    expect(ok.status).toBe(200);
    expect(ok.body.created).toBe(2);
  });

  it('draws a reproducible re-verification sample and excludes invalid responses with a reason', async () => {
    const a = await sec.post(`/api/surveys/${qid}/verification/sample`, { percent: 50, seed: 42 });
    const b = await sec.post(`/api/surveys/${qid}/verification/sample`, { percent: 50, seed: 42 });
    expect(a.status).toBe(200);
    expect(a.body.map((r: { id: number }) => r.id)).toEqual(b.body.map((r: { id: number }) => r.id));
    expect(a.body.length).toBeGreaterThan(0);
    const id = a.body[0].id;
    const noReason = await sec.put(`/api/surveys/responses/${id}/verification`, { outcome: 'invalid' });
    expect(noReason.status).toBe(400);
    const res = await sec.put(`/api/surveys/responses/${id}/verification`, { outcome: 'invalid', reason: 'Người trả lời không xác nhận đã điền phiếu' });
    expect(res.status).toBe(200);
    expect((await t.database.query<{ status: string }>('select status from survey_responses where id = $1', [id]))[0]!.status).toBe('invalid');
    // The drawn sample is kept, with answers to re-check and outcomes.
    const list = await sec.get(`/api/surveys/${qid}/verification`);
    expect(list.status).toBe(200);
    expect(list.body.map((r: { id: number }) => r.id).sort()).toEqual(a.body.map((r: { id: number }) => r.id).sort());
    expect(list.body.find((r: { id: number }) => r.id === id)).toMatchObject({ seed: 42, verification: 'invalid', status: 'invalid' });
    expect(list.body[0].answers.length).toBeGreaterThan(0);
  });

  it('exports anonymised responses: no code, no identity', async () => {
    const csv = await sec.get(`/api/surveys/${qid}/responses.csv`);
    expect(csv.status).toBe(200);
    const text = String(csv.raw);
    expect(text.split('\r\n')[0]).toContain('Nhóm đối tượng');
    const codes = await t.database.query<{ code: string }>('select code from survey_codes');
    for (const c of codes) expect(text).not.toContain(c.code);
    const xlsx = await sec.get(`/api/surveys/${qid}/responses.xlsx`);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
  });

  it('refuses to change a questionnaire that has answers', async () => {
    const res = await sec.put(`/api/surveys/${qid}`, { code: 'P02', titleVi: 'Đổi', titleEn: '', content: content(), openLink: 'off', version });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('immutable');
  });
});

describe('quota dashboard and tally', () => {
  const WEIGHTS: Record<string, number | null> = { A: 10000, B: 6000, C: 2000, D: 0, E: null };

  it('shows participation, code use and quota fill per agency × respondent group', async () => {
    const quotas = await sec.put(`/api/surveys/${qid}/quotas`, {
      quotas: [
        { agencyId: t.fixture.agencies.bdt, respondentGroup: 'DB', target: 4 },
        { agencyId: t.fixture.agencies.stp, respondentGroup: 'DB', target: 100 },
      ],
    });
    expect(quotas.status).toBeLessThan(300);
    const res = await sec.get(`/api/surveys/${qid}/dashboard`);
    expect(res.status).toBe(200);
    const valid = await t.database.query<{ id: number; answers: { q: string; a?: number; o?: string }[] }>("select id, answers from survey_responses where questionnaire_id = $1 and status = 'valid'", [qid]);
    expect(res.body.responses.valid).toBe(valid.length);
    const invalid = await t.database.query<{ n: number }>("select count(*)::int as n from survey_responses where questionnaire_id = $1 and status = 'invalid'", [qid]);
    expect(res.body.responses.invalid).toBe(invalid[0]!.n);
    expect(invalid[0]!.n).toBeGreaterThan(0);
    const ratedBdt = valid.filter((r) => r.answers.some((a) => a.a === t.fixture.agencies.bdt)).length;
    const bdt = res.body.quota.cells.find((c: { agencyCode: string }) => c.agencyCode === 'BDT');
    expect(bdt).toMatchObject({ respondentGroup: 'DB', target: 4, done: ratedBdt, complete: ratedBdt >= 4 });
    const stp = res.body.quota.cells.find((c: { agencyCode: string }) => c.agencyCode === 'STP');
    expect(stp.percent).toBe((Math.round((stp.done * 10000) / 100) / 100).toFixed(2));
    expect(res.body.codes.issued).toBe(5);
    expect(res.body.codes.used).toBeGreaterThan(0);
    expect(res.body.perDay.reduce((s: number, d: { n: number }) => s + d.n, 0)).toBeGreaterThanOrEqual(valid.length);
    expect((await (await t.as('focalBdt')).get(`/api/surveys/${qid}/dashboard`)).status).toBe(403);
  });

  it('tallies valid answers into points = max × mean weight ("don\'t know" and invalid responses excluded)', async () => {
    const res = await sec.get(`/api/periods/${t.fixture.periodId}/survey-tally`);
    expect(res.status).toBe(200);
    const valid = await t.database.query<{ answers: { q: string; a?: number; o?: string }[] }>("select answers from survey_responses where questionnaire_id = $1 and status = 'valid'", [qid]);
    for (const [code, agencyId] of [['BDT', t.fixture.agencies.bdt], ['STP', t.fixture.agencies.stp]] as const) {
      const cell = res.body.cells.find((c: { agencyCode: string; leafCode: string }) => c.agencyCode === code && c.leafCode === '8.1.1');
      expect(cell).toBeDefined();
      const weights = valid.flatMap((r) => r.answers.filter((a) => a.q === 'Q1' && a.a === agencyId).map((a) => WEIGHTS[a.o!]));
      const counted = weights.filter((w): w is number => w !== null);
      const maxUnits = Math.round(Number(cell.maxPoints) * 10000);
      const expected = counted.length ? Math.floor((2 * maxUnits * counted.reduce((s, w) => s + w, 0)) / (counted.length * 10000) + 1) >> 1 : null;
      expect([code, cell.count, cell.dontKnow]).toEqual([code, counted.length, weights.length - counted.length]);
      expect([code, cell.points]).toEqual([code, expected === null ? null : (expected / 10000).toFixed(4)]);
    }
    const preview = await sec.get(`/api/surveys/${qid}/tally`);
    // The preview covers the agencies this questionnaire rates.
    expect(preview.body.cells).toEqual(res.body.cells.filter((c: { agencyCode: string }) => ['BDT', 'STP'].includes(c.agencyCode)));
    const xlsx = await sec.get(`/api/periods/${t.fixture.periodId}/survey-tally.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(6).value).toBe('Điểm điều tra');
    expect(ws.rowCount).toBe(res.body.cells.length + 1);
  });

  it('applies the tally as the period\'s survey points, once, through the audited path', async () => {
    expect((await (await t.as('focalBdt')).post(`/api/periods/${t.fixture.periodId}/survey-tally/apply`, {})).status).toBe(403);
    const before = await sec.get(`/api/periods/${t.fixture.periodId}/survey-tally`);
    const res = await sec.post(`/api/periods/${t.fixture.periodId}/survey-tally/apply`, {});
    expect(res.status).toBe(200);
    expect(res.body.updated).toBe(before.body.changed);
    expect(res.body.updated).toBeGreaterThan(0);
    const stored = await t.database.query<{ survey_points: string }>("select survey_points from leaf_scores where assessment_id = $1 and node_code = '8.1.1'", [t.fixture.assessments.bdt]);
    const cell = before.body.cells.find((c: { agencyCode: string; leafCode: string }) => c.agencyCode === 'BDT' && c.leafCode === '8.1.1');
    expect(Number(stored[0]!.survey_points)).toBe(Number(cell.points));
    const after = await sec.get(`/api/periods/${t.fixture.periodId}/survey-tally`);
    expect(after.body.changed).toBe(0);
    const again = await sec.post(`/api/periods/${t.fixture.periodId}/survey-tally/apply`, {});
    expect(again.body.updated).toBe(0);
    const audit = await t.database.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'leaf.survey_points'");
    expect(audit[0]!.n).toBe(res.body.updated);
  });
});

describe('a published period', () => {
  it('takes no new questionnaire and no survey points, refused up front with period_published (and offered by no ability)', async () => {
    const before = await sec.get(`/api/surveys?periodId=${t.fixture.periodId}`);
    expect(before.body.abilities.create).toBe(true);
    await t.database.query(`update periods set phase = 'published' where id = $1`, [t.fixture.periodId]);
    const list = await sec.get(`/api/surveys?periodId=${t.fixture.periodId}`);
    expect(list.body.abilities).toMatchObject({ manage: true, create: false });
    const tally = await sec.get(`/api/periods/${t.fixture.periodId}/survey-tally`);
    expect(tally.body.abilities.enterSurvey).toBe(false);
    const created = await sec.post('/api/surveys', { periodId: t.fixture.periodId, code: 'P09', titleVi: 'Phiếu 09', content: content() });
    expect(created.status).toBe(409);
    expect(created.body.error.code).toBe('period_published');
    const applied = await sec.post(`/api/periods/${t.fixture.periodId}/survey-tally/apply`, {});
    expect(applied.status).toBe(409);
    expect(applied.body.error.code).toBe('period_published');
    const agency = await t.as('focalBdt');
    expect((await agency.post(`/api/periods/${t.fixture.periodId}/survey-tally/apply`, {})).status).toBe(403);
  });
});
