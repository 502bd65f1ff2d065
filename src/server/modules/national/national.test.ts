import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupResults } from '../../../core/schemas/results';
import type { NationalResults } from '../../../core/schemas/national';
import { provinces } from '../../db/schema/index';
import type { LineageEventItem } from '../../../core/schemas/history';
import { MERGED_2025, NATIONAL_DEMO_SECRETARIAT, namedPredecessor, PROVINCES_63, UNCHANGED_2025 } from '../../seed/demo-national';
import { createDemoContext, type DemoContext } from '../../testing/app';

let t: DemoContext;
let tinh = 0;
beforeAll(async () => {
  t = await createDemoContext();
  await t.database.db.insert(provinces).values({ code: 'QNG', nameVi: 'Tỉnh Quảng Ngãi', nameEn: 'Quảng Ngãi Province' });
  tinh = (await t.database.query<{ id: number }>("select g.id from agency_groups g join provinces p on p.id = g.province_id where p.code = 'BNV' and g.code = 'TINH'"))[0]!.id;
}, 180_000);
afterAll(async () => t?.close());

async function nationalRanking(year: number): Promise<GroupResults> {
  const ministry = await t.as(NATIONAL_DEMO_SECRETARIAT);
  const res = await ministry.get<GroupResults>(`/api/results?year=${year}&groupId=${tinh}`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('the national tenant (Ministry of Home Affairs, synthetic demo)', () => {
  it('ranks the 63 provinces up to 2024 with the same engine, Quảng Nam among them, each rank once unless tied', async () => {
    for (const year of [2022, 2023, 2024]) {
      const r = await nationalRanking(year);
      expect(r.agencies).toHaveLength(63);
      expect(new Set(r.agencies.map((a) => a.code))).toEqual(new Set(PROVINCES_63.map(([c]) => c)));
      expect(r.agencies.find((a) => a.code === 'QUANGNAM')).toBeTruthy();
      const sorted = [...r.agencies].sort((a, b) => a.rank - b.rank);
      sorted.forEach((a, i) => {
        if (i > 0) expect(Number(a.totalIndex)).toBeLessThanOrEqual(Number(sorted[i - 1]!.totalIndex));
        if (!a.tied) expect(a.rank).toBe(1 + sorted.filter((b) => Number(b.totalIndex) > Number(a.totalIndex)).length);
      });
      expect(r.agencies.every((a) => a.components.length === 8 && a.classification !== null)).toBe(true);
      expect(r.framework.nameVi).toContain('minh họa');
    }
    // 2023 onwards: every province has a rank change against the year before (same agency rows).
    expect((await nationalRanking(2023)).agencies.every((a) => a.previousRank !== null)).toBe(true);
  });

  it('ranks the 34 provinces after the 2025 merger: the 11 unchanged against themselves, the 23 merged against the predecessor whose name they keep', async () => {
    const r = await nationalRanking(2025);
    const r2024 = await nationalRanking(2024);
    expect(r.agencies).toHaveLength(34);
    expect(r.agencies.some((a) => a.code === 'QUANGNAM')).toBe(false);
    const danang = r.agencies.find((a) => a.code === 'DANANG25')!;
    expect(danang.nameVi).toBe('Thành phố Đà Nẵng');
    expect(namedPredecessor('Thành phố Đà Nẵng', ['DANANG', 'QUANGNAM'])).toBe('DANANG');
    for (const code of UNCHANGED_2025) expect(r.agencies.find((a) => a.code === code)!.previousRank).toBe(r2024.agencies.find((a) => a.code === code)!.rank);
    for (const [code, nameVi, from] of MERGED_2025) {
      const row = r.agencies.find((a) => a.code === code)!;
      const predecessor = r2024.agencies.find((a) => a.code === namedPredecessor(nameVi, from))!;
      expect(row.previousRank).toBe(predecessor.rank);
      expect(row.rankChange).toBe(predecessor.rank - row.rank);
    }
  });

  it("records the merger as the national tenant's lineage: one merger per merged province, compared with the province whose name it keeps", async () => {
    const ministry = await t.as(NATIONAL_DEMO_SECRETARIAT);
    const list = await ministry.get<{ items: LineageEventItem[] }>('/api/lineage');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(MERGED_2025.length);
    const danang = list.body.items.find((e) => e.to.some((a) => a.code === 'DANANG25'))!;
    expect(danang).toMatchObject({ year: 2025, kind: 'merge', comparison: 'predecessor' });
    expect(danang.from.map((a) => a.code).sort()).toEqual(['DANANG', 'QUANGNAM']);
    expect(danang.from.find((a) => a.id === danang.predecessorId)!.code).toBe('DANANG');
    // The province tenant's lineage is its own: the Ministry's events are not Quảng Nam's.
    const own = await (await t.as('secretariat')).get<{ items: LineageEventItem[] }>('/api/lineage');
    expect(own.body.items.some((e) => e.to.some((a) => a.code === 'DANANG25'))).toBe(false);
  });

  it("publishes the rankings on the national tenant's public pages, labelled as synthetic", async () => {
    const anon = await t.as();
    const index = await anon.get<{ province: { nameVi: string }; years: { year: number; decisionNumber: string }[] }>('/api/public/BNV/results');
    expect(index.status).toBe(200);
    expect(index.body.province.nameVi).toContain('dữ liệu minh họa');
    expect(index.body.years.map((y) => y.year)).toEqual([2025, 2024, 2023, 2022]);
    expect(index.body.years[0]!.decisionNumber).toContain('minh họa');
  });

  it("keeps the tenants apart: the Ministry's secretariat sees nothing of Quảng Nam's agencies", async () => {
    const ministry = await t.as(NATIONAL_DEMO_SECRETARIAT);
    expect((await ministry.get(`/api/results?year=2019&groupId=${t.org.groupIds.SO}`)).status).toBe(404);
    expect((await ministry.get(`/api/matrix?year=2019&groupId=${t.org.groupIds.SO}`)).status).toBe(404);
  });
});

describe("a province's view of its national result", () => {
  it('gives Quảng Nam its rank of 63 up to 2024 and, as part of Đà Nẵng, its rank of 34 in 2025, as the Ministry published them', async () => {
    const focal = await t.as('bdt.focal');
    const res = await focal.get<NationalResults>('/api/national/results');
    expect(res.status).toBe(200);
    expect(res.body.national).toMatchObject({ code: 'BNV', isSynthetic: true });
    expect(res.body.years.map((y) => [y.year, y.agency.code, y.of])).toEqual([
      [2025, 'DANANG25', 34],
      [2024, 'QUANGNAM', 63],
      [2023, 'QUANGNAM', 63],
      [2022, 'QUANGNAM', 63],
    ]);
    for (const y of res.body.years) {
      const row = (await nationalRanking(y.year)).agencies.find((a) => a.code === y.agency.code)!;
      expect(y).toMatchObject({ rank: row.rank, totalIndex: row.totalIndex, rankChange: row.rankChange, previousRank: row.previousRank, tied: row.tied });
      expect(y.components.map((c) => c.index)).toEqual(row.components.map((c) => c.index));
    }
    const [y2025, y2024, y2023, y2022] = res.body.years;
    expect(y2024!.agency.nameVi).toBe('Tỉnh Quảng Nam');
    expect(y2025!.agency.nameVi).toBe('Thành phố Đà Nẵng');
    expect(y2024!.rankChange).toBe(y2023!.rank - y2024!.rank);
    expect(Number(y2024!.indexChange)).toBeCloseTo(Number(y2024!.totalIndex) - Number(y2023!.totalIndex), 2);
    expect(y2024!.lineage).toBeNull();
    expect(y2022!.rankChange).toBeNull();
    // Đà Nẵng 2025 continues the predecessor the Ministry named (Đà Nẵng, whose name it keeps), not Quảng Nam.
    const danang2024 = (await nationalRanking(2024)).agencies.find((a) => a.code === 'DANANG')!;
    expect(danang2024.rank).not.toBe(y2024!.rank);
    expect(y2025!.previousRank).toBe(danang2024.rank);
    expect(y2025!.rankChange).toBe(danang2024.rank - y2025!.rank);
    expect(y2025!.indexChange).not.toBeNull();
    expect(Number(y2025!.indexChange)).toBeCloseTo(Number(y2025!.totalIndex) - Number(danang2024.totalIndex), 2);
    expect(y2025!.lineage).toMatchObject({ year: 2025, kind: 'merge', rule: 'predecessor', predecessor: { code: 'DANANG', nameVi: 'Thành phố Đà Nẵng' } });
  });

  it("follows the Ministry's rule when it changes: a merger compared with none has no rank or index change", async () => {
    const ministry = await t.as(NATIONAL_DEMO_SECRETARIAT);
    const event = (await ministry.get<{ items: LineageEventItem[] }>('/api/lineage')).body.items.find((e) => e.to.some((a) => a.code === 'DANANG25'))!;
    const none = await ministry.patch<LineageEventItem>(`/api/lineage/${event.id}`, { version: event.version, comparison: 'none', predecessorId: null });
    expect(none.status).toBe(200);
    try {
      const y2025 = (await (await t.as('bdt.focal')).get<NationalResults>('/api/national/results')).body.years.find((y) => y.year === 2025)!;
      expect(y2025).toMatchObject({ agency: { code: 'DANANG25' }, previousRank: null, rankChange: null, indexChange: null, lineage: { kind: 'merge', rule: 'none', predecessor: null } });
      // Compared with Quảng Nam instead: the changes read Quảng Nam's 2024 row.
      const quangnam = event.from.find((a) => a.code === 'QUANGNAM')!;
      const qn = await ministry.patch<LineageEventItem>(`/api/lineage/${event.id}`, { version: none.body.version, comparison: 'predecessor', predecessorId: quangnam.id });
      expect(qn.status).toBe(200);
      const years = (await (await t.as('bdt.focal')).get<NationalResults>('/api/national/results')).body.years;
      const [a2025, a2024] = years;
      expect(a2025!.rankChange).toBe(a2024!.rank - a2025!.rank);
      expect(Number(a2025!.indexChange)).toBeCloseTo(Number(a2025!.totalIndex) - Number(a2024!.totalIndex), 2);
      expect(a2025!.lineage?.predecessor?.code).toBe('QUANGNAM');
    } finally {
      const back = await ministry.patch<LineageEventItem>(`/api/lineage/${event.id}`, { version: (await ministry.get<{ items: LineageEventItem[] }>('/api/lineage')).body.items.find((e) => e.id === event.id)!.version, comparison: 'predecessor', predecessorId: event.predecessorId });
      expect(back.status).toBe(200);
    }
  });

  it('shows the same on the public pages without login; a province linked to nothing has no national results', async () => {
    const anon = await t.as();
    const pub = await anon.get<NationalResults>('/api/public/QNAM/national-results');
    expect(pub.status).toBe(200);
    const own = await (await t.as('secretariat')).get<NationalResults>('/api/national/results');
    expect(pub.body).toEqual(own.body);
    const none = await anon.get<NationalResults>('/api/public/QNG/national-results');
    expect(none.body).toEqual({ national: null, years: [] });
  });

  it('refuses anonymous callers (401), unknown provinces (404) and malformed codes (400)', async () => {
    const anon = await t.as();
    expect((await anon.get('/api/national/results')).status).toBe(401);
    expect((await anon.get('/api/public/NOPE/national-results')).status).toBe(404);
    expect((await anon.get('/api/public/bad%20code!/national-results')).status).toBe(400);
  });
});
