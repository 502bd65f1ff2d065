import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../../testing/app';

/**
 * No silent lost update: every route that writes a leaf checks the version the caller read and bumps it, so two
 * writes made from the same version never both succeed, and a refused write changes nothing.
 */
let t: TestContext;
let focal: TestClient;
let head: TestClient;
let sec: TestClient;
let appraiser: TestClient;
const A = () => t.fixture.assessments.bdt;

beforeAll(async () => {
  t = await createTestContext();
  [focal, head, sec, appraiser] = await Promise.all([t.as('focalBdt'), t.as('headBdt'), t.as('secretariat'), t.as('appraiser')]);
});
afterAll(async () => t.close());

interface Leaf {
  code: string;
  version: number;
  survey: boolean;
  self: { input: unknown } | null;
  appraisal1: { decision: string } | null;
  evidence: { id: number }[];
  thread: unknown[];
  surveyPoints: string | null;
}

async function leaf(client: TestClient, code: string): Promise<Leaf> {
  const d = await client.get(`/api/assessments/${A()}`);
  return d.body.leaves.find((l: Leaf) => l.code === code);
}

async function advance(to: string) {
  const p = (await sec.get(`/api/periods/${t.fixture.periodId}`)).body;
  const res = await sec.post(`/api/periods/${p.id}/advance`, { to, version: p.version });
  expect(res.status).toBe(200);
}

describe('every write to a leaf checks and bumps its version', () => {
  it('self score: the second write made from the same version is refused', async () => {
    const first = await focal.put(`/api/assessments/${A()}/leaves/1.1.2/self`, { input: { value: true }, version: 0 });
    expect(first.status).toBe(200);
    const second = await head.put(`/api/assessments/${A()}/leaves/1.1.2/self`, { input: { value: false }, version: 0 });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('conflict');
    expect((await leaf(focal, '1.1.2')).self?.input).toEqual({ value: true });
  });

  it('evidence links: two writes with the same version do not both succeed, and they bump the version', async () => {
    const ev = t.fixture.evidenceId;
    const first = await focal.put(`/api/assessments/${A()}/leaves/1.1.1/evidence`, { evidenceIds: [ev], version: 0 });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ code: '1.1.1', evidenceIds: [ev], version: 1 });
    const second = await head.put(`/api/assessments/${A()}/leaves/1.1.1/evidence`, { evidenceIds: [], version: 0 });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('conflict');
    expect((await leaf(focal, '1.1.1')).evidence.map((e) => e.id)).toEqual([ev]);
    // A score saved from the version read before the evidence change is stale too.
    expect((await focal.put(`/api/assessments/${A()}/leaves/1.1.1/self`, { input: { levelCode: 'L1' }, version: 0 })).status).toBe(409);
    const scored = await focal.put(`/api/assessments/${A()}/leaves/1.1.1/self`, { input: { levelCode: 'L1' }, version: 1 });
    expect(scored.status).toBe(200);
    expect(scored.body.version).toBe(2);
    // An evidence-only leaf is not a scored leaf.
    await focal.put(`/api/assessments/${A()}/leaves/1.2.3/evidence`, { evidenceIds: [ev], version: 0 });
    const list = (await focal.get(`/api/assessments?periodId=${t.fixture.periodId}`)).body.items.find((a: { id: number }) => a.id === A());
    expect(list.progress.scored).toBe(2);
    const history = (await focal.get(`/api/assessments/${A()}/leaves/1.1.1/history`)).body;
    expect(history[0]).toMatchObject({ action: 'leaf.evidence', oldValue: { evidenceIds: [], version: 0 }, newValue: { evidenceIds: [ev], version: 1 } });
  });

  it('clearing a score keeps the leaf row, so the version read before the score never matches again', async () => {
    const set = await focal.put(`/api/assessments/${A()}/leaves/1.2.1/self`, { input: { value: true }, version: 0 });
    expect(set.body.version).toBe(1);
    const cleared = await focal.put(`/api/assessments/${A()}/leaves/1.2.1/self`, { input: null, version: 1 });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ version: 2, self: { input: null } });
    const stale = await head.put(`/api/assessments/${A()}/leaves/1.2.1/self`, { input: { value: false }, version: 0 });
    expect(stale.status).toBe(409);
    const rows = await t.database.query<{ n: number }>('select scored::int as n from assessment_field_totals where assessment_id = $1 and top_code = $2', [A(), '1']);
    // 1.1.1 and 1.1.2 hold scores; the cleared 1.2.1 and the evidence-only 1.2.3 do not count.
    expect(rows[0]!.n).toBe(2);
  });

  it('survey points: an entry made from a stale version is refused and nothing of the batch is written', async () => {
    const bdt = t.fixture.agencies.bdt;
    const first = await sec.put(`/api/periods/${t.fixture.periodId}/survey-points`, { entries: [{ agencyId: bdt, nodeCode: '8.1.1', points: '3', version: 0 }] });
    expect(first.status).toBe(200);
    const second = await sec.put(`/api/periods/${t.fixture.periodId}/survey-points`, {
      entries: [
        { agencyId: t.fixture.agencies.stp, nodeCode: '8.1.1', points: '2' },
        { agencyId: bdt, nodeCode: '8.1.1', points: '1', version: 0 },
      ],
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('conflict');
    expect((await leaf(sec, '8.1.1')).surveyPoints).toBe('3');
    const stp = await t.database.query('select 1 from leaf_scores where assessment_id = $1 and node_code = $2', [t.fixture.assessments.stp, '8.1.1']);
    expect(stp).toEqual([]);
    // Without a version, the entry is written at the version read in its transaction, and bumps it.
    const again = await sec.put(`/api/periods/${t.fixture.periodId}/survey-points`, { entries: [{ agencyId: bdt, nodeCode: '8.1.1', points: '4' }] });
    expect(again.status).toBe(200);
    expect((await leaf(sec, '8.1.1')).version).toBe(2);
  });

  it('appraisal and bulk accept: a leaf changed since it was read makes the write a conflict', async () => {
    // Complete the self-assessment and submit it.
    const d = (await focal.get(`/api/assessments/${A()}`)).body;
    for (const l of d.leaves as Leaf[]) {
      if (l.survey) continue;
      let version = l.version;
      if (!l.self) {
        const node = d.framework.nodes.find((n: { code: string }) => n.code === l.code);
        const m = node.method;
        const input = m.type === 'levels' ? { levelCode: m.levels[0].code } : m.type === 'yes_no' ? { value: true } : m.type === 'manual' ? { value: '0' } : { numerator: '9', denominator: '10' };
        const res = await focal.put(`/api/assessments/${A()}/leaves/${l.code}/self`, { input, version });
        expect([l.code, res.status]).toEqual([l.code, 200]);
        version = res.body.version;
      }
      if (!l.evidence.length) await focal.put(`/api/assessments/${A()}/leaves/${l.code}/evidence`, { evidenceIds: [t.fixture.evidenceId], version });
    }
    const submitted = await head.post(`/api/assessments/${A()}/submit`, { version: (await head.get(`/api/assessments/${A()}`)).body.version });
    expect(submitted.status).toBe(200);
    await advance('appraisal1');

    const l = await leaf(appraiser, '2.2.1');
    const adjusted = await appraiser.put(`/api/assessments/${A()}/leaves/2.2.1/appraisal`, { round: 1, decision: 'adjust', input: { value: false }, reasonCode: 'evidence_mismatch', version: l.version });
    expect(adjusted.status).toBe(200);
    const stale = await sec.put(`/api/assessments/${A()}/leaves/2.2.1/appraisal`, { round: 1, decision: 'accept', version: l.version });
    expect(stale.status).toBe(409);
    expect((await leaf(sec, '2.2.1')).appraisal1?.decision).toBe('adjusted');

    // Bulk accept with the versions the appraiser read. During round 1 a leaf left to accept can only change by
    // being appraised (then it is skipped as done), so the stale read is simulated by sending an older version.
    const before = (await appraiser.get(`/api/assessments/${A()}`)).body.leaves as Leaf[];
    const count = async () => (await t.database.query<{ n: number }>('select count(*)::int as n from leaf_scores where assessment_id = $1 and appraisal1_input is not null', [A()]))[0]!.n;
    const appraisedBefore = await count();
    const target = before.find((x) => x.code.startsWith('2.') && !x.appraisal1 && x.version > 1)!;
    const versions = Object.fromEntries(before.map((x) => [x.code, x.version]));
    const bulkStale = await appraiser.post(`/api/assessments/${A()}/appraisal/bulk-accept`, { round: 1, versions: { ...versions, [target.code]: target.version - 1 } });
    expect(bulkStale.status).toBe(409);
    expect(bulkStale.body.error.details).toMatchObject({ code: target.code });
    expect(await count()).toBe(appraisedBefore);
    const bulk = await appraiser.post(`/api/assessments/${A()}/appraisal/bulk-accept`, { round: 1, versions });
    expect(bulk.status).toBe(200);
    expect(bulk.body.accepted).toBeGreaterThan(0);
    expect(await count()).toBe(appraisedBefore + bulk.body.accepted);
    // The same versions again: every leaf accepted is done now, so nothing is written twice.
    expect((await appraiser.post(`/api/assessments/${A()}/appraisal/bulk-accept`, { round: 1, versions })).body.accepted).toBe(0);
  });

  it('explanations: a message posted from a stale version is refused and not stored', async () => {
    await advance('explanation');
    const l = await leaf(focal, '2.2.1');
    expect(l.appraisal1?.decision).toBe('adjusted');
    const first = await focal.post(`/api/assessments/${A()}/leaves/2.2.1/explanations`, { kind: 'dispute', body: 'Kế hoạch có nội dung rà soát.', version: l.version });
    expect(first.status).toBe(201);
    expect(first.body.version).toBe(l.version + 1);
    const second = await head.post(`/api/assessments/${A()}/leaves/2.2.1/explanations`, { kind: 'accept', body: '', version: l.version });
    expect(second.status).toBe(409);
    expect((await leaf(focal, '2.2.1')).thread).toHaveLength(1);
  });

  it('corrections after publication: a change made from a stale version is refused, no new revision', async () => {
    await advance('appraisal2');
    const p = (await sec.get(`/api/periods/${t.fixture.periodId}`)).body;
    const fin = await sec.post(`/api/periods/${p.id}/finalise`, { version: p.version, acknowledgeIncomplete: true });
    expect(fin.status).toBe(200);
    expect((await sec.post(`/api/periods/${p.id}/publish`, { version: fin.body.version, decisionNumber: '9/QĐ-UBND', decisionDate: '2027-03-01' })).status).toBe(200);
    const l = await leaf(sec, '1.1.1');
    const change = { agencyId: t.fixture.agencies.bdt, nodeCode: '1.1.1', input: { levelCode: 'L2' } };
    const stale = await sec.post(`/api/periods/${p.id}/corrections`, { reason: 'Sai sót', changes: [{ ...change, version: l.version - 1 }] });
    expect(stale.status).toBe(409);
    expect((await sec.get(`/api/periods/${p.id}/snapshots`)).body).toHaveLength(1);
    const ok = await sec.post(`/api/periods/${p.id}/corrections`, { reason: 'Sai sót', changes: [{ ...change, version: l.version }] });
    expect(ok.status).toBe(201);
    expect((await leaf(sec, '1.1.1')).version).toBe(l.version + 1);
  });
});

describe('the detail of an assessment (read with its context in one statement)', () => {
  it("shows last year's effective points of the same agency beside each leaf (N/A as null, unscored rows left out)", async () => {
    const [current] = await t.database.query<{ province_id: number; year: number; agency_id: number; framework_id: number }>(
      'select p.province_id, p.year, a.agency_id, a.framework_id from assessments a join periods p on p.id = a.period_id where a.id = $1',
      [A()],
    );
    const [prev] = await t.database.query<{ id: number }>("insert into periods (province_id, year, name_vi, phase) values ($1, $2, 'Năm trước', 'published') returning id", [current!.province_id, current!.year - 1]);
    const [pa] = await t.database.query<{ id: number }>("insert into assessments (period_id, agency_id, framework_id, status) values ($1, $2, $3, 'finalised') returning id", [prev!.id, current!.agency_id, current!.framework_id]);
    const codes = (await focal.get(`/api/assessments/${A()}`)).body.leaves.filter((l: Leaf) => !l.survey).map((l: Leaf) => l.code) as string[];
    const [scored, na, kept] = codes;
    await t.database.query(
      `insert into leaf_scores (assessment_id, node_code, final_input, effective_units, effective_na) values
         ($1, $2, '{"value":"0.5"}', 5000, false), ($1, $3, '{"notApplicable":true}', 0, true), ($1, $4, null, 5000, false)`,
      [pa!.id, scored, na, kept],
    );
    const leaves = (await focal.get(`/api/assessments/${A()}`)).body.leaves as (Leaf & { lastYearPoints: string | null })[];
    const byCode = new Map(leaves.map((l) => [l.code, l.lastYearPoints]));
    expect(byCode.get(scored!)).toBe('0.5');
    expect(byCode.get(na!)).toBeNull();
    expect(byCode.get(kept!)).toBeNull();
    // Another agency's last year is not shown.
    const other = (await sec.get(`/api/assessments/${t.fixture.assessments.stp}`)).body.leaves as { lastYearPoints: string | null }[];
    expect(other.every((l) => l.lastYearPoints === null)).toBe(true);
  });
});
