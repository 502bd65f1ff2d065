import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type DemoContext } from '../../testing/app';

let t: DemoContext;
beforeAll(async () => {
  t = await createDemoContext();
}, 120_000);
afterAll(async () => t.close());

describe('group results from stored scores (the demo tells the article’s story)', () => {
  it('ranks Ban Dân tộc 11th of 20 in 2018 and 20th of 20 in 2019, down 9', async () => {
    const sec = await t.as('secretariat');
    const r2018 = await sec.get(`/api/results?year=2018&groupId=${t.org.groupIds.SO}`);
    expect(r2018.status).toBe(200);
    expect(r2018.body.agencies).toHaveLength(20);
    const bdt2018 = r2018.body.agencies.find((a: { code: string }) => a.code === 'BDT');
    expect(bdt2018.rank).toBe(11);
    const r2019 = await sec.get(`/api/results?year=2019&groupId=${t.org.groupIds.SO}`);
    const bdt2019 = r2019.body.agencies.find((a: { code: string }) => a.code === 'BDT');
    expect(bdt2019).toMatchObject({ rank: 20, previousRank: 11, rankChange: -9 });
    expect(r2019.body.previousSource).toBe('scores');
    // Its weakest components are direction and management (1), procedures (3), modernisation (7) and the survey (8).
    const weakest = [...bdt2019.components].sort((a: { index: string }, b: { index: string }) => Number(a.index) - Number(b.index)).slice(0, 4);
    expect(weakest.map((c: { code: string }) => c.code).sort()).toEqual(['1', '3', '7', '8']);
    // And those are where it lost the most against 2018.
    const drop = (code: string) => Number(bdt2018.components.find((c: { code: string }) => c.code === code).index) - Number(bdt2019.components.find((c: { code: string }) => c.code === code).index);
    for (const code of ['1', '3', '7', '8']) for (const other of ['2', '4', '5', '6']) expect(drop(code)).toBeGreaterThan(drop(other));
  });

  it('ranks are competition ranks, sorted by index, with classification from the framework bands', async () => {
    const sec = await t.as('secretariat');
    const res = (await sec.get(`/api/results?year=2019&groupId=${t.org.groupIds.HUYEN}`)).body;
    expect(res.agencies).toHaveLength(18);
    const indices = res.agencies.map((a: { totalIndex: string }) => Number(a.totalIndex));
    expect(indices).toEqual([...indices].sort((a, b) => b - a));
    res.agencies.forEach((a: { rank: number; totalIndex: string }, i: number) => {
      const firstSame = res.agencies.findIndex((b: { totalIndex: string }) => b.totalIndex === a.totalIndex);
      expect(a.rank).toBe(firstSame + 1);
      expect(i + 1).toBeGreaterThanOrEqual(a.rank);
    });
    for (const a of res.agencies) {
      const v = Number(a.totalIndex);
      const expected = v >= 80 ? 'good' : v >= 70 ? 'fair' : v >= 50 ? 'average' : 'weak';
      expect(a.classification.code).toBe(expected);
    }
  });

  it('takes the rank change of the first system year from imported history', async () => {
    const sec = await t.as('secretariat');
    const res = (await sec.get(`/api/results?year=2018&groupId=${t.org.groupIds.SO}`)).body;
    expect(res.previousSource).toBe('history');
    expect(res.agencies.every((a: { previousRank: number | null }) => a.previousRank !== null)).toBe(true);
  });

  it('keeps unpublished group results from agency users', async () => {
    const focal = await t.as('bdt.focal');
    const res = await focal.get(`/api/results?year=2019&groupId=${t.org.groupIds.SO}`);
    expect(res.status).toBe(403);
  });
});

describe('the database aggregation agrees with the explainable engine', () => {
  it('gives every agency the same index and components as its scorecard recomputed from the leaf inputs', async () => {
    const sec = await t.as('secretariat');
    for (const groupId of [t.org.groupIds.SO, t.org.groupIds.HUYEN]) {
      const group = (await sec.get(`/api/results?year=2019&groupId=${groupId}`)).body;
      for (const a of group.agencies) {
        const card = (await sec.get(`/api/results/agencies/${a.agencyId}?year=2019`)).body;
        const eff = card.stages.find((s: { stage: string }) => s.stage === 'effective');
        expect([a.code, eff.totalIndex, eff.totalPoints]).toEqual([a.code, a.totalIndex, a.totalPoints]);
        expect(card.components).toEqual(a.components);
      }
    }
  });
});

describe('scorecard: every number explained', () => {
  it('explains the agency’s tree down to each leaf, and sums roll up', async () => {
    const focal = await t.as('bdt.focal');
    const bdt = t.org.agencyIds.get('BDT')!;
    const res = await focal.get(`/api/results/agencies/${bdt}?year=2019`);
    expect(res.status).toBe(200);
    expect(res.body.stages.map((s: { stage: string }) => s.stage)).toEqual(['self', 'appraisal1', 'final', 'effective']);
    const effective = res.body.stages.find((s: { stage: string }) => s.stage === 'effective');
    expect(effective.totalIndex).toBe('63.09');
    expect(res.body.summary).toMatch(/^Chỉ số 63,09%/);
    const field1 = res.body.tree.find((n: { code: string }) => n.code === '1');
    const sum = (nodes: { points: string; children: unknown[] }[]): number => nodes.reduce((s, n) => s + Number(n.points), 0);
    expect(Number(field1.points)).toBeCloseTo(sum(field1.children), 6);
    const leaf = field1.children[0].children[0];
    expect(leaf.leaf.explanation).toBeTruthy();
    const na = res.body.tree.find((n: { code: string }) => n.code === '6').children.find((c: { code: string }) => c.code === '6.2');
    expect(na.notApplicable).toBe(true);
    expect(na.applicableMax).toBe('0');
  });

  it('tells the agency its published place, and nothing about an unpublished year', async () => {
    const focal = await t.as('bdt.focal');
    const bdt = t.org.agencyIds.get('BDT')!;
    const y2019 = (await focal.get(`/api/results/agencies/${bdt}?year=2019`)).body;
    expect(y2019.ranking).toMatchObject({ source: 'published', rank: 20, of: 20, previousRank: 11, rankChange: -9, totalIndex: '63.09' });
    expect(y2019.group.code).toBe('SO');
    const y2020 = await focal.get(`/api/results/agencies/${bdt}?year=2020`);
    expect(y2020.status).toBe(200);
    expect(y2020.body.ranking).toBeNull();
    const sec = await t.as('secretariat');
    const live = (await sec.get(`/api/results/agencies/${bdt}?year=2020`)).body;
    expect(live.ranking.source).toBe('live');
    expect(live.ranking.of).toBe(20);
  });

  it('answers in English and by stage', async () => {
    const sec = await t.as('secretariat');
    sec.lang = 'en';
    const res = await sec.get(`/api/results/agencies/${t.org.agencyIds.get('BDT')}?year=2019&stage=self`);
    expect(res.body.summary).toMatch(/^Index /);
    const self = res.body.stages.find((s: { stage: string }) => s.stage === 'self');
    const eff = res.body.stages.find((s: { stage: string }) => s.stage === 'effective');
    expect(Number(self.totalIndex)).toBeGreaterThan(Number(eff.totalIndex));
  });

  it("refuses another agency's scorecard to an agency user", async () => {
    const focal = await t.as('stp.focal');
    const res = await focal.get(`/api/results/agencies/${t.org.agencyIds.get('BDT')}?year=2019`);
    expect(res.status).toBe(403);
  });
});
