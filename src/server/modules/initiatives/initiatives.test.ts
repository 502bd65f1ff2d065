import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InitiativeView } from '../../../core/schemas/initiatives';
import { auditLog } from '../../db/schema/index';
import { createTestContext, type TestClient, type TestContext } from '../../testing/app';

/** Initiatives (sáng kiến) on the fixture: BDT's staff register, BDT's head reviews, the secretariat reads all. */
let t: TestContext;
let focal: TestClient;
let head: TestClient;
let divisionHead: TestClient;
let first: InitiativeView;

const body = (over: Record<string, unknown> = {}) => ({
  agencyId: t.fixture.agencies.bdt,
  year: 2026,
  title: 'Số hóa hồ sơ chính sách',
  summary: 'Tiếp nhận và lưu trữ điện tử.',
  authors: 'Hồ Văn Tâm, Nguyễn Thị Mai',
  divisionId: t.fixture.divisions.bdtPolicy,
  nodeCodes: ['1.5.1', '7.1'],
  ...over,
});

beforeAll(async () => {
  t = await createTestContext();
  focal = await t.as('focalBdt');
  head = await t.as('headBdt');
  divisionHead = await t.as('divisionHeadBdt');
});
afterAll(async () => t.close());

describe('registering', () => {
  it('registers an initiative linked to criteria of the year’s framework, audited', async () => {
    const res = await focal.post<InitiativeView>('/api/initiatives', body());
    expect(res.status).toBe(201);
    first = res.body;
    expect(first).toMatchObject({
      status: 'submitted',
      year: 2026,
      agency: { code: 'BDT' },
      division: { code: 'CS' },
      createdBy: 'Người dùng focal.bdt',
      commendation: null,
      version: 1,
      abilities: { review: false, edit: true },
    });
    expect(first.nodes.map((n) => n.code)).toEqual(['1.5.1', '7.1']);
    expect(first.nodes[0]!.nameVi).not.toBe('');
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'initiative.create'), eq(auditLog.entityId, String(first.id))));
    expect(audit).toHaveLength(1);
  });

  it('refuses another agency’s division, criteria the framework lacks, duplicates and a year without a period', async () => {
    const res = await focal.post('/api/initiatives', body({ divisionId: t.fixture.divisions.stpOffice, nodeCodes: ['1.5.1', '9.9.9', '1.5.1'] }));
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['divisionId', 'nodeCodes.1', 'nodeCodes.2']);
    const noYear = await focal.post('/api/initiatives', body({ year: 2019 }));
    expect([noYear.status, noYear.body.error.fields[0].path]).toEqual([400, 'year']);
    const empty = await focal.post('/api/initiatives', body({ title: '  ', authors: '' }));
    expect(empty.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['authors', 'title']);
    const foreign = await focal.post('/api/initiatives', body({ agencyId: t.fixture.agencies.other }));
    expect([foreign.status, foreign.body.error.fields[0].path]).toEqual([400, 'agencyId']);
  });

  it('is for the agency’s own staff: another agency and the secretariat cannot register for BDT', async () => {
    expect((await (await t.as('focalStp')).post('/api/initiatives', body({ divisionId: null }))).status).toBe(403);
    expect((await (await t.as('secretariat')).post('/api/initiatives', body({ divisionId: null }))).status).toBe(403);
    const own = await divisionHead.post<InitiativeView>('/api/initiatives', body({ title: 'Quy trình nội bộ liên thông', nodeCodes: ['3.3.2'], divisionId: t.fixture.divisions.bdtOffice }));
    expect(own.status).toBe(201);
  });
});

describe('criteria to link', () => {
  it('lists the nodes of the year’s framework in tree order, for the agency’s staff and the secretariat', async () => {
    const res = await focal.get(`/api/initiatives/criteria?agencyId=${t.fixture.agencies.bdt}&year=2026`);
    expect(res.status).toBe(200);
    const items = res.body.items as { code: string; depth: number; leaf: boolean }[];
    expect(items.slice(0, 3).map((n) => [n.code, n.depth, n.leaf])).toEqual([
      ['1', 0, false],
      ['1.1', 1, false],
      ['1.1.1', 2, true],
    ]);
    expect((await (await t.as('secretariat')).get(`/api/initiatives/criteria?agencyId=${t.fixture.agencies.bdt}&year=2026`)).status).toBe(200);
    expect((await (await t.as('focalStp')).get(`/api/initiatives/criteria?agencyId=${t.fixture.agencies.bdt}&year=2026`)).status).toBe(403);
    expect((await focal.get(`/api/initiatives/criteria?agencyId=${t.fixture.agencies.bdt}&year=2019`)).status).toBe(404);
  });
});

describe('editing', () => {
  it('lets the author and the agency’s managers edit a submitted initiative, with optimistic locking', async () => {
    const res = await focal.patch<InitiativeView>(`/api/initiatives/${first.id}`, { version: first.version, title: 'Số hóa hồ sơ thực hiện chính sách dân tộc', nodeCodes: ['1.5.1'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'Số hóa hồ sơ thực hiện chính sách dân tộc', version: 2 });
    expect(res.body.nodes.map((n) => n.code)).toEqual(['1.5.1']);
    const stale = await head.patch(`/api/initiatives/${first.id}`, { version: 1, summary: 'x' });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'conflict']);
    first = res.body;
  });

  it('refuses another division head’s edit of the focal point’s initiative, and another agency', async () => {
    expect((await divisionHead.patch(`/api/initiatives/${first.id}`, { version: first.version, title: 'Đổi tên' })).status).toBe(403);
    expect((await (await t.as('focalStp')).patch(`/api/initiatives/${first.id}`, { version: first.version, title: 'Đổi tên' })).status).toBe(403);
    const bad = await focal.patch(`/api/initiatives/${first.id}`, { version: first.version, divisionId: t.fixture.divisions.stpOffice });
    expect([bad.status, bad.body.error.fields[0].path]).toEqual([400, 'divisionId']);
  });
});

describe('review', () => {
  it('is the agency head’s: the focal point, a division head and another agency’s head are refused', async () => {
    const review = { version: first.version, decision: 'approve', note: '' };
    for (const [who, client] of [['focal', focal], ['division head', divisionHead], ['STP head', await t.as('headStp')]] as const) {
      expect([who, (await client.post(`/api/initiatives/${first.id}/review`, review)).status]).toEqual([who, 403]);
    }
    expect((await head.get<InitiativeView>(`/api/initiatives/${first.id}`)).body.abilities).toEqual({ review: true, edit: true });
  });

  it('needs a note to reject', async () => {
    const res = await head.post(`/api/initiatives/${first.id}/review`, { version: first.version, decision: 'reject', note: ' ' });
    expect([res.status, res.body.error.fields[0].path]).toEqual([400, 'note']);
  });

  it('approves once, audited; then the initiative can neither change nor be reviewed again', async () => {
    const stale = await head.post(`/api/initiatives/${first.id}/review`, { version: first.version - 1, decision: 'approve', note: '' });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'conflict']);
    const res = await head.post<InitiativeView>(`/api/initiatives/${first.id}/review`, { version: first.version, decision: 'approve', note: 'Đồng ý nhân rộng.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', reviewNote: 'Đồng ý nhân rộng.', reviewedBy: 'Người dùng head.bdt', abilities: { review: false, edit: false } });
    expect(res.body.reviewedAt).toBe(t.clock.now().toISOString());
    const again = await head.post(`/api/initiatives/${first.id}/review`, { version: res.body.version, decision: 'reject', note: 'Đổi ý' });
    expect([again.status, again.body.error.code]).toEqual([409, 'invalid_state']);
    const edit = await focal.patch(`/api/initiatives/${first.id}`, { version: res.body.version, title: 'Sửa sau duyệt' });
    expect([edit.status, edit.body.error.code]).toEqual([409, 'invalid_state']);
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'initiative.approve'), eq(auditLog.entityId, String(first.id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.newValue).toEqual({ status: 'approved', note: 'Đồng ý nhân rộng.' });
  });

  it('rejects with the reason', async () => {
    const created = await focal.post<InitiativeView>('/api/initiatives', body({ title: 'Hộp thư góp ý', nodeCodes: [] }));
    const res = await head.post<InitiativeView>(`/api/initiatives/${created.body.id}/review`, { version: 1, decision: 'reject', note: 'Chưa phải giải pháp mới.' });
    expect(res.body).toMatchObject({ status: 'rejected', reviewNote: 'Chưa phải giải pháp mới.' });
  });
});

describe('lists', () => {
  it('shows an agency its own initiatives with counts per status, and filters them', async () => {
    const res = await focal.get('/api/initiatives');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.counts).toEqual({ submitted: 1, approved: 1, rejected: 1 });
    expect(res.body.abilities).toEqual({ create: true });
    const approved = await focal.get('/api/initiatives?status=approved');
    expect(approved.body.items.map((i: InitiativeView) => i.id)).toEqual([first.id]);
    expect(approved.body.counts).toEqual({ submitted: 1, approved: 1, rejected: 1 });
    const search = await focal.get(`/api/initiatives?q=${encodeURIComponent('liên thông')}`);
    expect(search.body.items.map((i: InitiativeView) => i.title)).toEqual(['Quy trình nội bộ liên thông']);
    const byAuthor = await focal.get(`/api/initiatives?q=${encodeURIComponent('nguyễn thị mai')}`);
    expect(byAuthor.body.total).toBe(3);
    const wildcard = await focal.get(`/api/initiatives?q=${encodeURIComponent('%')}`);
    expect(wildcard.body.total).toBe(0);
    const paged = await focal.get('/api/initiatives?pageSize=2&page=2');
    expect([paged.body.items.length, paged.body.total]).toEqual([1, 3]);
  });

  it('shows the secretariat every agency, another agency nothing of BDT’s, another province nothing', async () => {
    const sec = await (await t.as('secretariat')).get(`/api/initiatives?agencyId=${t.fixture.agencies.bdt}&year=2026`);
    expect([sec.status, sec.body.total, sec.body.abilities.create]).toEqual([200, 3, false]);
    const stp = await t.as('focalStp');
    expect((await stp.get('/api/initiatives')).body.total).toBe(0);
    expect((await stp.get(`/api/initiatives?agencyId=${t.fixture.agencies.bdt}`)).status).toBe(403);
    expect((await stp.get(`/api/initiatives/${first.id}`)).status).toBe(403);
    const other = await t.as('otherAdmin');
    expect((await other.get('/api/initiatives')).body.total).toBe(0);
    expect((await other.get(`/api/initiatives/${first.id}`)).status).toBe(404);
    expect((await other.get(`/api/initiatives?agencyId=${t.fixture.agencies.bdt}`)).status).toBe(404);
    expect((await (await t.as('admin')).get(`/api/initiatives/${first.id}`)).status).toBe(200);
    expect((await divisionHead.get(`/api/initiatives/${first.id}`)).status).toBe(200);
  });
});
