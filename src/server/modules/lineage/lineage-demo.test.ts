import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trends } from '../../../core/domain/analysis';
import type { Ctx } from '../../lib/context';
import { createDemoContext, type DemoContext } from '../../testing/app';
import { agencyTrendPoints } from '../analysis/load';
import { lineageNotesOf } from './service';

let t: DemoContext;
beforeAll(async () => {
  t = await createDemoContext();
}, 120_000);
afterAll(async () => t.close());

const ctx = (): Ctx => ({ db: t.database.db, actor: null, requestId: 'test', now: new Date(), lang: 'vi' });
const id = (code: string) => t.org.agencyIds.get(code)!;

describe('the demo 2025 step: Ban Dân tộc merged into Sở Dân tộc và Tôn giáo', () => {
  it('records the merger with the rule "compare with Ban Dân tộc", shown to every user', async () => {
    const res = await (await t.as('bdt.focal')).get('/api/lineage');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const e = res.body.items[0];
    expect(e).toMatchObject({ year: 2025, kind: 'merge', comparison: 'predecessor', predecessorId: id('BDT'), abilities: { update: false, delete: false } });
    expect(e.from.map((a: { code: string }) => a.code)).toEqual(['BDT', 'BTG']);
    expect(e.to.map((a: { code: string }) => a.code)).toEqual(['SDTTG']);
  });

  it("the new department's trend still reads Ban Dân tộc's years from 2013, and its 2025 rank change is against Ban Dân tộc's 2019 rank", async () => {
    const points = await agencyTrendPoints(ctx(), t.org.provinceId, id('SDTTG'), [2019, 2018]);
    const trend = trends(points);
    expect(trend.from).toBe(2013);
    expect(points.map((p) => p.year)).toEqual([2013, 2014, 2015, 2016, 2017, 2018, 2019, 2025]);
    const last = trend.points.at(-1)!;
    expect(last).toMatchObject({ year: 2025, previousYear: 2019, totalIndex: 8712, of: 20 });
    expect(trend.points.find((p) => p.year === 2019)).toMatchObject({ rank: 20, of: 20 });
    expect(last.rankChange).toBe(20 - last.rank!);
    expect(trend.missingYears).toEqual([2020, 2021, 2022, 2023, 2024]);
    expect(await lineageNotesOf(ctx(), t.org.provinceId, id('SDTTG'))).toEqual([{ year: 2025, kind: 'merge', rule: 'predecessor', predecessor: expect.objectContaining({ code: 'BDT' }) }]);
  });

  it("Ban Dân tộc's own trend is unchanged (2013–2019); district units end with 2024 and the commune group begins in 2025", async () => {
    const bdt = await (await t.as('bdt.focal')).get(`/api/analysis/agencies/${id('BDT')}?year=2019`);
    expect([bdt.body.trend.from, bdt.body.trend.to]).toEqual([2013, 2019]);
    expect(bdt.body.lineage).toEqual([]);
    const admin = await t.as('admin');
    const tamKy = await admin.get(`/api/agencies/${id('TAMKY')}`);
    expect(tamKy.body.activeToYear).toBe(2024);
    const communes = await admin.get(`/api/agencies?groupId=${t.org.groupIds.XA}`);
    expect(communes.body.items.length).toBe(4);
    expect(communes.body.items.every((a: { activeFromYear: number }) => a.activeFromYear === 2025)).toBe(true);
  });
});
