import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDeadlineReminders } from '../../jobs/reminders';
import { makeDemoPdf } from '../../seed/demo-pdf';
import { createTestContext, type TestClient, type TestContext } from '../../testing/app';

let t: TestContext;
let focal: TestClient;
let head: TestClient;
let sec: TestClient;
let appraiser: TestClient;
const A = () => t.fixture.assessments.bdt;

const BOUNDARY = '----cycletest';
function upload(content: Buffer, filename: string, fields: Record<string, string> = { title: 'Kế hoạch CCHC 2026', docNumber: '12/KH-BDT', issuedOn: '2026-01-10', issuer: 'Ban Dân tộc' }) {
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`), content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

const pdf = makeDemoPdf(['Ke hoach cai cach hanh chinh nam 2026']);

beforeAll(async () => {
  t = await createTestContext();
  [focal, head, sec, appraiser] = await Promise.all([t.as('focalBdt'), t.as('headBdt'), t.as('secretariat'), t.as('appraiser')]);
});
afterAll(async () => t.close());

async function leaf(client: TestClient, code: string) {
  const d = await client.get(`/api/assessments/${A()}`);
  return d.body.leaves.find((l: { code: string }) => l.code === code);
}

describe('evidence uploads', () => {
  it('stores a PDF with its metadata, SHA-256 and a safe name, and serves it inline', async () => {
    // A NUL in the file name is refused at the edge (decision 0012); a path in it is dropped.
    const nul = await focal.request('POST', `/api/agencies/${t.fixture.agencies.bdt}/evidence`, undefined, upload(pdf, 'Kế hoạch\u0000 2026.pdf'));
    expect([nul.status, nul.body.error.code]).toEqual([400, 'invalid_text']);
    const res = await focal.request('POST', `/api/agencies/${t.fixture.agencies.bdt}/evidence`, undefined, upload(pdf, '../../etc/Kế hoạch 2026.pdf'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: 'Kế hoạch CCHC 2026', docNumber: '12/KH-BDT', issuedOn: '2026-01-10', mime: 'application/pdf', inline: true });
    expect(res.body.originalName).toBe('Kế hoạch 2026.pdf');
    expect(res.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    const file = await focal.get(`/api/evidence/${res.body.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(String(file.headers['content-disposition'])).toMatch(/^inline;/);
    expect(file.raw.equals(pdf)).toBe(true);
    // It can be previewed in a frame of the app, not of another site, and cannot run scripts.
    expect(file.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(file.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
    expect(String(file.headers['content-security-policy'])).toContain('sandbox');
  });

  it('stores identical contents once', async () => {
    const again = await focal.request('POST', `/api/agencies/${t.fixture.agencies.bdt}/evidence`, undefined, upload(pdf, 'copy.pdf'));
    expect(again.status).toBe(201);
    const rows = await t.database.query<{ n: number }>('select count(*)::int as n from files where sha256 = $1', [again.body.sha256]);
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses a file too large, an executable disguised as a PDF, a wrong extension, and an empty file', async () => {
    const big = await focal.request('POST', `/api/agencies/${t.fixture.agencies.bdt}/evidence`, undefined, upload(Buffer.concat([pdf, Buffer.alloc(21 * 1024 * 1024)]), 'big.pdf'));
    expect(big.status).toBe(413);
    const exe = await focal.request('POST', `/api/agencies/${t.fixture.agencies.bdt}/evidence`, undefined, upload(Buffer.from('MZ\u0090\u0000 this is a program'), 'bao-cao.pdf'));
    expect(exe.status).toBe(415);
    expect(exe.body.error.code).toBe('unsupported_media_type');
    const mismatch = await focal.request('POST', `/api/agencies/${t.fixture.agencies.bdt}/evidence`, undefined, upload(pdf, 'bao-cao.docx'));
    expect(mismatch.status).toBe(415);
    const empty = await focal.request('POST', `/api/agencies/${t.fixture.agencies.bdt}/evidence`, undefined, upload(Buffer.alloc(0), 'x.pdf'));
    expect(empty.status).toBe(400);
    const noTitle = await focal.request('POST', `/api/agencies/${t.fixture.agencies.bdt}/evidence`, undefined, upload(pdf, 'x.pdf', { title: '' }));
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.fields[0].path).toBe('title');
  });

  it("keeps an agency's library from other agencies", async () => {
    const stp = await t.as('focalStp');
    expect((await stp.get(`/api/agencies/${t.fixture.agencies.bdt}/evidence`)).status).toBe(403);
    const res = await stp.request('POST', `/api/agencies/${t.fixture.agencies.bdt}/evidence`, undefined, upload(pdf, 'x.pdf'));
    expect(res.status).toBe(403);
  });
});

describe('self-assessment', () => {
  it('scores a leaf by its method, recomputes points with the engine, and refuses bad input with field errors', async () => {
    const ok = await focal.put(`/api/assessments/${A()}/leaves/1.1.1/self`, { input: { levelCode: 'L2' }, comment: 'Ban hành trễ 5 ngày', version: 0 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ code: '1.1.1', version: 1, self: { points: '0.5' }, effectivePoints: '0.5' });
    const badLevel = await focal.put(`/api/assessments/${A()}/leaves/1.1.1/self`, { input: { levelCode: 'L9' }, version: 1 });
    expect(badLevel.status).toBe(400);
    expect(badLevel.body.error.fields[0].path).toMatch(/^input/);
    const ratio = await focal.put(`/api/assessments/${A()}/leaves/1.1.4/self`, { input: { numerator: '45', denominator: '40' }, version: 0 });
    expect(ratio.status).toBe(400);
    const survey = await focal.put(`/api/assessments/${A()}/leaves/8.1.1/self`, { input: { surveyPoints: '4' }, version: 0 });
    expect(survey.status).toBe(400);
    const unknown = await focal.put(`/api/assessments/${A()}/leaves/9.9.9/self`, { input: { value: true }, version: 0 });
    expect(unknown.status).toBe(404);
  });

  it('gives a stale write `conflict` and keeps the first value', async () => {
    const first = await focal.put(`/api/assessments/${A()}/leaves/1.2.1/self`, { input: { value: true }, version: 0 });
    expect(first.status).toBe(200);
    const second = await head.put(`/api/assessments/${A()}/leaves/1.2.1/self`, { input: { value: false }, version: 0 });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('conflict');
    expect((await leaf(focal, '1.2.1')).self.input).toEqual({ value: true });
  });

  it('records every change of a leaf in its history (who, when, old → new)', async () => {
    await focal.put(`/api/assessments/${A()}/leaves/1.2.1/self`, { input: { value: false }, version: 1 });
    const history = await focal.get(`/api/assessments/${A()}/leaves/1.2.1/history`);
    expect(history.status).toBe(200);
    expect(history.body).toHaveLength(2);
    expect(history.body[1]).toMatchObject({ action: 'leaf.self_assess', oldValue: { selfInput: { value: true } }, newValue: { selfInput: { value: false } } });
    expect(history.body[1].actorName).toContain('focal.bdt');
  });

  it('does not drop a comment silently when a score is cleared', async () => {
    const scored = await focal.put(`/api/assessments/${A()}/leaves/1.2.2/self`, { input: { value: true }, comment: 'Đã ban hành kế hoạch', version: 0 });
    expect(scored.status).toBe(200);
    const cleared = await focal.put(`/api/assessments/${A()}/leaves/1.2.2/self`, { input: null, version: 1 });
    expect(cleared.status).toBe(400);
    expect(cleared.body.error.fields[0].path).toBe('input');
    expect((await leaf(focal, '1.2.2')).self.comment).toBe('Đã ban hành kế hoạch');
    const both = await focal.put(`/api/assessments/${A()}/leaves/1.2.2/self`, { input: null, comment: '', explanation: '', version: 1 });
    expect(both.status).toBe(200);
    expect((await leaf(focal, '1.2.2'))?.self ?? null).toBeNull();
  });

  it('refuses to submit while leaves are missing, listing them; only the head may submit', async () => {
    const d = (await head.get(`/api/assessments/${A()}`)).body;
    const byFocal = await focal.post(`/api/assessments/${A()}/submit`, { version: d.version });
    expect(byFocal.status).toBe(403);
    const res = await head.post(`/api/assessments/${A()}/submit`, { version: d.version });
    expect(res.status).toBe(409);
    expect(res.body.error.details.notScored.length).toBeGreaterThan(0);
    expect(res.body.error.details.noEvidence).toEqual(expect.arrayContaining(['1.1.1']));
  });

  it('closes self-assessment after the deadline, and reopens it for one agency with an extension', async () => {
    t.clock.set('2026-05-01T00:00:00Z');
    // Two months later yesterday's sessions have expired: log in again.
    [focal, sec] = await Promise.all([t.as('focalBdt'), t.as('secretariat')]);
    const late = await focal.put(`/api/assessments/${A()}/leaves/1.2.2/self`, { input: { value: true }, version: 0 });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('deadline_passed');
    expect(late.body.error.message).toMatch(/Đã quá hạn/);
    const ext = await sec.post(`/api/periods/${t.fixture.periodId}/extensions`, { agencyId: t.fixture.agencies.bdt, phase: 'self_assessment', dueAt: '2026-05-10T10:00:00Z', reason: 'Ban tổ chức hội nghị tổng kết 10 năm' });
    expect(ext.status).toBe(201);
    const allowed = await focal.put(`/api/assessments/${A()}/leaves/1.2.2/self`, { input: { value: true }, version: (await leaf(focal, '1.2.2')).version });
    expect(allowed.status).toBe(200);
    const stp = await t.as('focalStp');
    const other = await stp.put(`/api/assessments/${t.fixture.assessments.stp}/leaves/1.2.2/self`, { input: { value: true }, version: 0 });
    expect(other.body.error.code).toBe('deadline_passed');
    const notes = await focal.get('/api/notifications');
    expect(notes.body.items.some((n: { kind: string }) => n.kind === 'deadline.extended')).toBe(true);
    t.clock.set('2026-03-02T02:00:00Z');
  });
});

async function fillAll(client: TestClient, evidenceId: number) {
  const d = (await client.get(`/api/assessments/${A()}`)).body;
  for (const l of d.leaves) {
    if (l.survey || l.self) continue;
    const node = d.framework.nodes.find((n: { code: string }) => n.code === l.code);
    const m = node.method;
    const input =
      m.type === 'levels' ? { levelCode: m.levels[0].code } : m.type === 'yes_no' ? { value: true } : m.type === 'manual' ? { value: '0' } : { numerator: '9', denominator: '10' };
    const res = await client.put(`/api/assessments/${A()}/leaves/${l.code}/self`, { input, version: l.version });
    expect([l.code, res.status]).toEqual([l.code, 200]);
    await client.put(`/api/assessments/${A()}/leaves/${l.code}/evidence`, { evidenceIds: [evidenceId], version: res.body.version });
  }
  await client.put(`/api/assessments/${A()}/leaves/1.1.1/evidence`, { evidenceIds: [evidenceId], version: (await leaf(client, '1.1.1')).version });
  await client.put(`/api/assessments/${A()}/leaves/1.2.1/evidence`, { evidenceIds: [evidenceId], version: (await leaf(client, '1.2.1')).version });
  await client.put(`/api/assessments/${A()}/leaves/1.2.2/evidence`, { evidenceIds: [evidenceId], version: (await leaf(client, '1.2.2')).version });
}

describe('the cycle, end to end through the API', () => {
  let evidenceId = 0;

  it('submits a complete self-assessment, withdraws and resubmits it; the secretariat is notified', async () => {
    evidenceId = (await focal.request('POST', `/api/agencies/${t.fixture.agencies.bdt}/evidence`, undefined, upload(pdf, 'kh.pdf'))).body.id;
    await fillAll(focal, evidenceId);
    expect((await focal.get(`/api/assessments/${A()}/checklist`)).body).toEqual({ notScored: [], noEvidence: [] });
    let d = (await head.get(`/api/assessments/${A()}`)).body;
    const submitted = await head.post(`/api/assessments/${A()}/submit`, { version: d.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    expect(submitted.body.abilities).toMatchObject({ selfAssess: false, withdraw: true });
    const locked = await focal.put(`/api/assessments/${A()}/leaves/1.1.1/self`, { input: { levelCode: 'L1' }, version: (await leaf(focal, '1.1.1')).version });
    expect(locked.body.error.code).toBe('invalid_state');
    const withdrawn = await head.post(`/api/assessments/${A()}/withdraw`, { version: submitted.body.version });
    expect(withdrawn.body.status).toBe('draft');
    d = (await head.get(`/api/assessments/${A()}`)).body;
    expect((await head.post(`/api/assessments/${A()}/submit`, { version: d.version })).status).toBe(200);
    const notes = await sec.get('/api/notifications');
    expect(notes.body.unread).toBeGreaterThan(0);
    expect(notes.body.items[0].kind).toBe('assessment.submitted');
  });

  it('round 1: the appraiser adjusts a leaf of field 2 with a reason; the agency does not see it before the explanation round', async () => {
    const p = (await sec.get(`/api/periods/${t.fixture.periodId}`)).body;
    const adv = await sec.post(`/api/periods/${p.id}/advance`, { to: 'appraisal1', version: p.version });
    expect(adv.status).toBe(200);
    const withdrawLate = await head.post(`/api/assessments/${A()}/withdraw`, { version: (await head.get(`/api/assessments/${A()}`)).body.version });
    expect(withdrawLate.body.error.code).toBe('phase_closed');
    const l = await leaf(appraiser, '2.2.1');
    expect(l.self.input).toEqual({ value: true });
    expect(l.canAppraise).toBe(true);
    const res = await appraiser.put(`/api/assessments/${A()}/leaves/2.2.1/appraisal`, { round: 1, decision: 'adjust', input: { value: false }, reasonCode: 'evidence_mismatch', comment: 'Kế hoạch không có nội dung rà soát.', version: l.version });
    expect(res.status).toBe(200);
    expect(res.body.appraisal1).toMatchObject({ points: '0', decision: 'adjusted' });
    const bulk = await appraiser.post(`/api/assessments/${A()}/appraisal/bulk-accept`, { round: 1 });
    expect(bulk.status).toBe(200);
    expect(bulk.body.accepted).toBeGreaterThan(3);
    const agencyView = await leaf(focal, '2.2.1');
    expect(agencyView.appraisal1).toBeNull();
  });

  it('explanation: the agency sees the adjustment and disputes it with new evidence; appraisers are notified', async () => {
    const p = (await sec.get(`/api/periods/${t.fixture.periodId}`)).body;
    await sec.post(`/api/periods/${p.id}/advance`, { to: 'explanation', version: p.version });
    const l = await leaf(focal, '2.2.1');
    expect(l.appraisal1).toMatchObject({ decision: 'adjusted', reasonCode: 'evidence_mismatch', comment: 'Kế hoạch không có nội dung rà soát.' });
    const notAdjusted = await focal.post(`/api/assessments/${A()}/leaves/1.1.1/explanations`, { kind: 'dispute', body: 'x', version: (await leaf(focal, '1.1.1')).version });
    expect(notAdjusted.body.error.code).toBe('invalid_state');
    const newEvidence = (await focal.request('POST', `/api/agencies/${t.fixture.agencies.bdt}/evidence`, undefined, upload(makeDemoPdf(['Bao cao ra soat']), 'bc.pdf', { title: 'Báo cáo rà soát VBQPPL' }))).body.id;
    const dispute = await focal.post(`/api/assessments/${A()}/leaves/2.2.1/explanations`, { kind: 'dispute', body: 'Kế hoạch số 12/KH-BDT mục II có nội dung rà soát; gửi kèm báo cáo.', evidenceIds: [newEvidence], version: l.version });
    expect(dispute.status).toBe(201);
    const after = await leaf(focal, '2.2.1');
    expect(after.thread).toHaveLength(1);
    expect(after.thread[0]).toMatchObject({ side: 'agency', kind: 'dispute' });
    expect(after.evidence.map((e: { id: number }) => e.id)).toContain(newEvidence);
    expect((await appraiser.get('/api/notifications')).body.items.some((n: { kind: string }) => n.kind === 'leaf.disputed')).toBe(true);
  });

  it('round 2: the appraiser accepts the agency’s claim; the secretariat finalises and publishes a frozen snapshot', async () => {
    let p = (await sec.get(`/api/periods/${t.fixture.periodId}`)).body;
    await sec.post(`/api/periods/${p.id}/advance`, { to: 'appraisal2', version: p.version });
    const l = await leaf(appraiser, '2.2.1');
    const reply = await appraiser.post(`/api/assessments/${A()}/leaves/2.2.1/explanations`, { kind: 'reply', body: 'Chấp nhận giải trình.', version: l.version });
    expect(reply.status).toBe(201);
    expect(reply.body.version).toBe(l.version + 1);
    const fin = await appraiser.put(`/api/assessments/${A()}/leaves/2.2.1/appraisal`, { round: 2, decision: 'accept', comment: 'Đủ căn cứ.', version: reply.body.version });
    expect(fin.status).toBe(200);
    expect(fin.body).toMatchObject({ final: { decision: 'accepted', points: '0.5' }, effectivePoints: '0.5' });
    p = (await sec.get(`/api/periods/${t.fixture.periodId}`)).body;
    const incomplete = await sec.post(`/api/periods/${p.id}/finalise`, { version: p.version });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.error.details.incomplete.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['SNV', 'STP']));
    const finalised = await sec.post(`/api/periods/${p.id}/finalise`, { version: p.version, acknowledgeIncomplete: true });
    expect(finalised.status).toBe(200);
    expect(finalised.body.phase).toBe('finalised');
    const published = await sec.post(`/api/periods/${p.id}/publish`, { version: finalised.body.version, decisionNumber: '123/QĐ-UBND', decisionDate: '2027-03-15' });
    expect(published.status).toBe(200);
    expect(published.body.snapshot).toMatchObject({ revision: 1, decisionNumber: '123/QĐ-UBND' });
    expect(published.body.snapshot.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows the published ranking and scorecards publicly, without login, with the hash', async () => {
    const anon = await t.as();
    const provinces = await anon.get('/api/public/provinces');
    expect(provinces.status).toBe(200);
    expect(provinces.body).toContainEqual(expect.objectContaining({ code: 'QNA', latestYear: 2026 }));
    const index = await anon.get('/api/public/QNA/results');
    expect(index.status).toBe(200);
    expect(index.body.years[0]).toMatchObject({ year: 2026, decisionNumber: '123/QĐ-UBND' });
    const group = await anon.get('/api/public/QNA/results/2026?group=SO');
    expect(group.status).toBe(200);
    const bdt = group.body.results.agencies.find((a: { code: string }) => a.code === 'BDT');
    expect(bdt.rank).toBe(1);
    const card = await anon.get('/api/public/QNA/results/2026/agencies/BDT');
    expect(card.status).toBe(200);
    expect(card.body.scorecard.summaryVi).toMatch(/^Chỉ số/);
    const json = await anon.get('/api/public/QNA/results/2026/snapshot.json');
    const crypto = await import('node:crypto');
    expect(crypto.createHash('sha256').update(json.raw).digest('hex')).toBe(group.body.contentHash);
    expect((await anon.get('/api/public/QNA/results/2025?group=SO')).status).toBe(404);
  });

  it('answers a conditional GET of published results with 304 and no body while the revision is unchanged', async () => {
    const anon = await t.as();
    const url = '/api/public/QNA/results/2026?group=SO';
    const first = await anon.get(url);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const again = await anon.get(url, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.raw.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect((await anon.get(url, { headers: { 'if-none-match': '"something-else"' } })).status).toBe(200);
    // Each representation has its own tag: another group, an agency's scorecard, the canonical JSON, the index.
    const others = ['/api/public/QNA/results/2026/agencies/BDT', '/api/public/QNA/results/2026/snapshot.json', '/api/public/QNA/results'];
    const tags = new Set([etag]);
    for (const other of others) {
      const res = await anon.get(other, { headers: { 'if-none-match': etag } });
      expect(res.status).toBe(200);
      tags.add(String(res.headers.etag));
      const revalidated = await anon.get(other, { headers: { 'if-none-match': `W/"x", ${String(res.headers.etag)}` } });
      expect(revalidated.status).toBe(304);
    }
    expect(tags.size).toBe(others.length + 1);
    // A revision read by the secretariat: private, revalidated.
    const snap = await sec.get(`/api/periods/${t.fixture.periodId}/snapshots/1`);
    expect(snap.headers['cache-control']).toBe('private, no-cache');
    expect((await sec.get(`/api/periods/${t.fixture.periodId}/snapshots/1`, { headers: { 'if-none-match': String(snap.headers.etag) } })).status).toBe(304);
    // Authorization comes before the tag: another user's tag does not open it.
    expect((await focal.get(`/api/periods/${t.fixture.periodId}/snapshots/1`, { headers: { 'if-none-match': String(snap.headers.etag) } })).status).toBe(403);
  });

  it('compresses JSON of 1 KB and more as the client asks (brotli or gzip), not small replies nor .xlsx downloads', async () => {
    const url = '/api/public/QNA/results/2026/snapshot.json';
    const plain = await t.app.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const etag = String(plain.headers.etag);
    for (const [coding, decode] of [['br', zlib.brotliDecompressSync], ['gzip', zlib.gunzipSync]] as const) {
      const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': coding } });
      expect(res.headers['content-encoding']).toBe(coding);
      expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      expect(JSON.parse(decode(res.rawPayload).toString('utf8'))).toEqual(JSON.parse(plain.payload));
      // The compressed body is another representation: its strong tag says so, and revalidating with it answers 304.
      expect(res.headers.etag).toBe(`${etag.slice(0, -1)}-${coding}"`);
      const revalidated = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': coding, 'if-none-match': String(res.headers.etag) } });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.rawPayload.length).toBe(0);
      expect(revalidated.headers.etag).toBe(res.headers.etag);
    }
    const small = await t.app.inject({ method: 'GET', url: '/api/public/provinces', headers: { 'accept-encoding': 'gzip, br' } });
    expect(small.statusCode).toBe(200);
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    const annex = await sec.get('/api/reports/province/annex.xlsx?year=2026', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(annex.status).toBe(200);
    expect(annex.headers['content-encoding']).toBeUndefined();
    expect(annex.raw.subarray(0, 2).toString()).toBe('PK');
  });

  it('keeps the snapshot immutable: scores no longer change through the cycle, the database row cannot drift unnoticed', async () => {
    const change = await appraiser.put(`/api/assessments/${A()}/leaves/2.2.1/appraisal`, { round: 2, decision: 'confirm', version: (await leaf(appraiser, '2.2.1')).version });
    expect(change.body.error.code).toBe('phase_closed');
    const self = await focal.put(`/api/assessments/${A()}/leaves/1.1.1/self`, { input: { levelCode: 'L1' }, version: (await leaf(focal, '1.1.1')).version });
    expect(self.body.error.code).toBe('phase_closed');
    const snap = await sec.get(`/api/periods/${t.fixture.periodId}/snapshots/1`);
    expect(snap.body.verified).toBe(true);
    const anon = await t.as();
    expect((await anon.get('/api/public/QNA/results/2026?group=SO')).body.verified).toBe(true);
    // The database refuses to change or delete a published snapshot, as it does for the audit log.
    const forge = "update result_snapshots set content = jsonb_set(content, '{decision,number}', '\"forged\"') where period_id = $1";
    await expect(t.database.query(forge, [t.fixture.periodId])).rejects.toThrow(/immutable/);
    await expect(t.database.query('delete from result_snapshots where period_id = $1', [t.fixture.periodId])).rejects.toThrow(/immutable/);
    await expect(t.database.query('truncate result_snapshots cascade')).rejects.toThrow(/immutable/);
    // Only the tables' owner can switch the triggers off (the server does not connect as the owner): then the
    // edit is seen at once, by the secretariat and on the public API.
    await t.database.rawTransaction(async (query) => {
      await query('alter table result_snapshots disable trigger result_snapshots_no_update_delete');
      await query(forge, [t.fixture.periodId]);
      await query('alter table result_snapshots enable trigger result_snapshots_no_update_delete');
    });
    expect((await sec.get(`/api/periods/${t.fixture.periodId}/snapshots/1`)).body.verified).toBe(false);
    const group = await anon.get('/api/public/QNA/results/2026?group=SO');
    expect(group.status).toBe(200);
    expect(group.body.verified).toBe(false);
    expect((await anon.get('/api/public/QNA/results/2026/agencies/BDT')).body.verified).toBe(false);
    expect((await anon.get('/api/public/QNA/results')).body.years[0].verified).toBe(false);
    expect((await anon.get('/api/public/QNA/results/2026/snapshot.json')).headers['x-content-verified']).toBe('false');
    // Content failing its hash is never cached nor revalidated.
    expect(group.headers.etag).toBeUndefined();
    expect(group.headers['cache-control']).toBe('no-store');
    expect((await anon.get('/api/public/QNA/results')).headers.etag).toBeUndefined();
  });

  it('a correction needs a reason and makes a new revision; both stay visible to the secretariat, the public sees the latest', async () => {
    const noReason = await sec.post(`/api/periods/${t.fixture.periodId}/corrections`, { reason: '', changes: [{ agencyId: t.fixture.agencies.bdt, nodeCode: '1.1.1', input: { levelCode: 'L3' } }] });
    expect(noReason.status).toBe(400);
    const res = await sec.post(`/api/periods/${t.fixture.periodId}/corrections`, { reason: 'Sai sót khi nhập điểm tiêu chí 1.1.1', changes: [{ agencyId: t.fixture.agencies.bdt, nodeCode: '1.1.1', input: { levelCode: 'L3' } }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ revision: 2, reason: 'Sai sót khi nhập điểm tiêu chí 1.1.1' });
    const list = await sec.get(`/api/periods/${t.fixture.periodId}/snapshots`);
    expect(list.body.map((s: { revision: number; isLatest: boolean }) => [s.revision, s.isLatest])).toEqual([
      [2, true],
      [1, false],
    ]);
    const anon = await t.as();
    const pub = await anon.get('/api/public/QNA/results/2026?group=SO');
    expect(pub.body.revision).toBe(2);
    // The new revision is verified again, so it is tagged and revalidates; its tag names revision 2.
    expect(String(pub.headers.etag)).toContain('.2.');
    expect((await anon.get('/api/public/QNA/results/2026?group=SO', { headers: { 'if-none-match': String(pub.headers.etag) } })).status).toBe(304);
    const focalList = await focal.get(`/api/periods/${t.fixture.periodId}/snapshots`);
    expect(focalList.status).toBe(403);
  });
});

describe('deadline reminders (emails: jobs/jobs.test.ts)', () => {
  it('sends 7/3/1-day reminders once each to agencies that have not submitted', async () => {
    const other = await createTestContext();
    try {
      const count = (await other.database.query<{ n: number }>('select count(*)::int as n from notifications'))[0]!.n;
      const three = new Date('2026-04-28T00:00:00Z');
      // BDT and STP have people to remind; SNV has no account in the fixture.
      expect(await sendDeadlineReminders(other.database, three)).toBe(2);
      expect(await sendDeadlineReminders(other.database, three)).toBe(0);
      const notes = await other.database.query<{ kind: string }>('select kind from notifications where id > 0 order by id desc limit 1');
      expect(notes[0]!.kind).toBe('deadline.reminder.3');
      expect((await other.database.query<{ n: number }>('select count(*)::int as n from notifications'))[0]!.n).toBeGreaterThan(count);
    } finally {
      await other.close();
    }
  });
});

