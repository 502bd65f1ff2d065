import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/app';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
}, 60_000);
afterAll(async () => t?.close());

/** The period page's panels name agencies in the interface language, so their replies carry the English name. */
describe('agency names on the period page replies', () => {
  it('extensions carry the English name of the agency', async () => {
    const sec = await t.as('secretariat');
    const created = await sec.post(`/api/periods/${t.fixture.periodId}/extensions`, { agencyId: t.fixture.agencies.bdt, phase: 'self_assessment', dueAt: '2026-05-10T10:00:00Z', reason: 'Ban tổ chức hội nghị tổng kết' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ agencyCode: 'BDT', agencyNameVi: 'Ban Dân tộc', agencyNameEn: 'Ethnic Minorities Committee' });
    const list = await sec.get(`/api/periods/${t.fixture.periodId}/extensions`);
    expect(list.body).toEqual([expect.objectContaining({ agencyNameVi: 'Ban Dân tộc', agencyNameEn: 'Ethnic Minorities Committee' })]);
  });

  it('assignments carry the English name of the agency, and null for all agencies', async () => {
    const sec = await t.as('secretariat');
    const appraiserId = t.fixture.users.appraiser;
    const saved = await sec.put(`/api/periods/${t.fixture.periodId}/assignments`, {
      assignments: [
        { userId: appraiserId, fieldCode: '1', agencyId: t.fixture.agencies.stp },
        { userId: appraiserId, fieldCode: '2', agencyId: null },
      ],
    });
    expect(saved.status).toBe(200);
    const list = await sec.get(`/api/periods/${t.fixture.periodId}/assignments`);
    expect(list.body.map((a: { fieldCode: string; agencyNameVi: string | null; agencyNameEn: string | null }) => [a.fieldCode, a.agencyNameVi, a.agencyNameEn])).toEqual([
      ['1', 'Sở Tư pháp', 'Department of Justice'],
      ['2', null, null],
    ]);
  });

  it('the completeness report carries the English name of each incomplete agency', async () => {
    const res = await (await t.as('secretariat')).get(`/api/periods/${t.fixture.periodId}/completeness`);
    expect(res.status).toBe(200);
    expect(res.body.map((r: { code: string; nameVi: string; nameEn: string }) => [r.code, r.nameVi, r.nameEn])).toEqual([
      ['BDT', 'Ban Dân tộc', 'Ethnic Minorities Committee'],
      ['SNV', 'Sở Nội vụ', 'Department of Home Affairs'],
      ['STP', 'Sở Tư pháp', 'Department of Justice'],
    ]);
  });
});
