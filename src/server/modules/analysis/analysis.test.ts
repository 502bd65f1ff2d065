import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoContext, type DemoContext } from '../../testing/app';
import { loadStats } from './load';

let t: DemoContext;
beforeAll(async () => {
  t = await createDemoContext();
}, 120_000);
afterAll(async () => t.close());

const bdtId = () => t.org.agencyIds.get('BDT')!;

describe('agency analysis from the published results', () => {
  it('explains Ban Dân tộc 2019 in one sentence, naming its weakest fields', async () => {
    const focal = await t.as('bdt.focal');
    const res = await focal.get(`/api/analysis/agencies/${bdtId()}?year=2019`);
    expect(res.status).toBe(200);
    const a = res.body;
    expect(a.year).toBe(2019);
    expect(a.previousYear).toBe(2018);
    expect(a.summary.rank).toMatchObject({ rank: 20, of: 20 });
    expect(a.summary.previousRank).toBe(11);
    expect(a.summary.change).toBe(-9);
    expect(a.summary.sentence.vi).toMatch(/^Xếp hạng 20\/20 sở, ban, ngành năm 2019, giảm 9 bậc; /);
    expect(a.summary.sentence.en).toMatch(/^Ranked 20th of 20 .* in 2019, down 9 places; /);
    // The fields that hold most of the lost points are among the weakest components of the story (1, 3, 7, 8).
    expect(a.summary.majority.codes.length).toBeGreaterThan(0);
    for (const code of a.summary.majority.codes) expect(['1', '3', '7', '8']).toContain(code);
  });

  it('agrees with the published ranking: same index, rank and points lost', async () => {
    const sec = await t.as('secretariat');
    const [analysis, pub] = await Promise.all([
      sec.get(`/api/analysis/agencies/${bdtId()}?year=2019`),
      (await t.as()).get('/api/public/QNAM/results/2019/agencies/BDT'),
    ]);
    expect(pub.status).toBe(200);
    const row = pub.body.row;
    expect((analysis.body.summary.totalIndex / 100).toFixed(2)).toBe(Number(row.totalIndex).toFixed(2));
    // Waterfall: the bars add up to applicable max − total points, exactly.
    const w = analysis.body.waterfall;
    const sum = w.bars.reduce((s: number, b: { amount: number }) => s + b.amount, 0);
    expect(sum).toBe(w.netLost);
    expect(w.netLost).toBe(w.applicableMax - w.totalPoints);
    expect(((w.totalPoints as number) / 10000).toFixed(4)).toBe(Number(row.totalPoints).toFixed(4));
    // Top lost leaves: sorted, each with its loss.
    const lost = analysis.body.topLost.map((l: { lost: number }) => l.lost);
    expect(lost).toEqual([...lost].sort((x: number, y: number) => y - x));
    expect(lost.length).toBe(10);
    // The leaf points came from the stored scores, which agreed with the published snapshot.
    expect(loadStats.snapshotFallbacks).toBe(0);
  });

  it('says what it takes to climb: every better rank with the points needed and a set of leaves delivering them', async () => {
    const head = await t.as('bdt.head');
    const a = (await head.get(`/api/analysis/agencies/${bdtId()}?year=2019`)).body;
    expect(a.whatItTakes.targets).toHaveLength(19);
    const to19 = a.whatItTakes.targets.find((x: { rank: number }) => x.rank === 19);
    expect(to19.pointsNeeded).toBeGreaterThan(0);
    expect(to19.reachable).toBe(true);
    expect(to19.gain).toBeGreaterThanOrEqual(to19.pointsNeeded);
    expect(to19.resultRank).toBeLessThanOrEqual(19);
    const to1 = a.whatItTakes.targets.find((x: { rank: number }) => x.rank === 1);
    expect(to1.pointsNeeded).toBeGreaterThan(to19.pointsNeeded);
  });

  it('gives the rank interval under one step of appraisal judgement, reproducibly for a seed', async () => {
    const sec = await t.as('secretariat');
    const one = (await sec.get(`/api/analysis/agencies/${bdtId()}?year=2019&seed=7&draws=200`)).body;
    const two = (await sec.get(`/api/analysis/agencies/${bdtId()}?year=2019&seed=7&draws=200`)).body;
    expect(one.robustness).toEqual(two.robustness);
    expect(one.robustness.draws).toBe(200);
    const r = one.robustness.agency;
    expect(r.currentRank).toBe(20);
    expect(r.appraisal.best.rank).toBeLessThan(20);
    expect(r.appraisal.worst.rank).toBe(20);
  });

  it('shows the trend over the imported and published years', async () => {
    const focal = await t.as('bdt.focal');
    const a = (await focal.get(`/api/analysis/agencies/${bdtId()}?year=2019`)).body;
    const years = a.trend.points.map((p: { year: number }) => p.year);
    expect(years).toEqual(expect.arrayContaining([2017, 2018, 2019]));
    const p2019 = a.trend.points.find((p: { year: number }) => p.year === 2019);
    expect(p2019).toMatchObject({ rank: 20, of: 20, rankChange: -9 });
  });

  it('refuses unpublished years and other provinces\' agencies', async () => {
    const focal = await t.as('bdt.focal');
    const unpublished = await focal.get(`/api/analysis/agencies/${bdtId()}?year=2020`);
    expect(unpublished.status).toBe(404);
    expect(unpublished.body.error.message).toContain('2020');
    expect((await focal.get('/api/analysis/agencies/999999?year=2019')).status).toBe(404);
    expect((await focal.get(`/api/analysis/agencies/${bdtId()}?year=2019&draws=5`)).status).toBe(400);
  });
});

describe('province view', () => {
  it('gives the distribution, heat map, weakest fields and leaves, and movers for the secretariat only', async () => {
    const sec = await t.as('secretariat');
    const res = await sec.get(`/api/analysis/province?year=2019&groupId=${t.org.groupIds.SO}`);
    expect(res.status).toBe(200);
    const p = res.body;
    expect(p.distribution.bins.reduce((s: number, b: { count: number }) => s + b.count, 0) + p.distribution.missing).toBe(20);
    expect(p.heatmap.rows).toHaveLength(20);
    expect(p.heatmap.rows[19].code).toBe('BDT');
    expect(p.weakestFields.length).toBeGreaterThan(0);
    expect(p.weakestLeaves).toHaveLength(15);
    const fallers = p.movers.fallers.map((m: { code: string; change: number }) => [m.code, m.change]);
    expect(fallers).toContainEqual(['BDT', -9]);
    expect((await (await t.as('bdt.focal')).get(`/api/analysis/province?year=2019&groupId=${t.org.groupIds.SO}`)).status).toBe(403);
  });
});

describe('the published snapshot stays the truth', () => {
  it('falls back to the snapshot when stored scores drifted after publication', async () => {
    const sec = await t.as('secretariat');
    const before = (await sec.get(`/api/analysis/agencies/${bdtId()}?year=2019`)).body.summary.totalIndex;
    const fallbacks = loadStats.snapshotFallbacks;
    await t.database.query(
      `update leaf_scores set effective_units = effective_units + 1000 where id = (
         select s.id from leaf_scores s join assessments a on a.id = s.assessment_id join periods p on p.id = a.period_id
         where p.year = 2019 and a.agency_id = $1 and s.effective_na = false and s.node_code like '1.%' order by s.node_code limit 1)`,
      [bdtId()],
    );
    const after = (await sec.get(`/api/analysis/agencies/${bdtId()}?year=2019`)).body.summary.totalIndex;
    expect(after).toBe(before);
    expect(loadStats.snapshotFallbacks).toBeGreaterThan(fallbacks);
  });
});
