/**
 * The demo's 2025 step (issue 12): agencies change. Ban Dân tộc and the religious-affairs board become the new
 * Sở Dân tộc và Tôn giáo (a merger compared with Ban Dân tộc), the district level ends (its units active to
 * 2024) and a commune-level group begins (communes active from 2025). The 2025 results are imported history,
 * labelled synthetic (`source: 'demo-2025'`); 2025 has no period, so the open 2020 period stays the current one.
 */
import { inArray } from 'drizzle-orm';
import { classify, DEFAULT_BANDS } from '../../core/domain/classification';
import { foldText } from '../../core/domain/text';
import type { Database } from '../db/client';
import { agencies, agencyLineageEvents, agencyLineageParts, divisions, historicalResults } from '../db/schema/index';
import type { DemoOrg } from './demo';
import { DEMO_DEPARTMENTS, DEMO_DISTRICTS } from './demo-org';
import { hashSeed, rng } from './demo-scores';

/** The new department of 2025 and the board merged into it with Ban Dân tộc. */
export const DEMO_2025 = {
  successor: { code: 'SDTTG', abbreviation: 'SDTTG', nameVi: 'Sở Dân tộc và Tôn giáo', nameEn: 'Department of Ethnic and Religious Affairs' },
  merged: { code: 'BTG', abbreviation: 'BTG', nameVi: 'Ban Tôn giáo (thuộc Sở Nội vụ)', nameEn: 'Religious Affairs Board (Department of Home Affairs)' },
  communes: [
    ['XTAMXUAN', 'UBND xã Tam Xuân', 'Tam Xuân Commune'],
    ['PBANTHACH', 'UBND phường Bàn Thạch', 'Bàn Thạch Ward'],
    ['XTRAMY', 'UBND xã Trà My', 'Trà My Commune'],
    ['XNUITHANH', 'UBND xã Núi Thành', 'Núi Thành Commune'],
  ] as const,
};

const classOf = (hundredths: number) => {
  const band = classify(hundredths, DEFAULT_BANDS);
  return band ? { code: band.code, labelVi: band.labelVi, labelEn: band.labelEn, source: 'bands' as const } : null;
};

/** Seeds the 2025 step on top of the demo organisation and its history (run after the cycle). */
export async function seedDemo2025(database: Database, org: DemoOrg): Promise<void> {
  await database.db.transaction(async (tx) => {
    const row = (a: { code: string; abbreviation: string; nameVi: string; nameEn: string }, groupId: number, from: number, to: number | null, isActive = true) => ({
      provinceId: org.provinceId,
      groupId,
      code: a.code,
      abbreviation: a.abbreviation,
      nameVi: a.nameVi,
      nameEn: a.nameEn,
      activeFromYear: from,
      activeToYear: to,
      isActive,
      searchText: foldText(`${a.code} ${a.abbreviation} ${a.nameVi} ${a.nameEn}`),
    });
    const inserted = await tx
      .insert(agencies)
      .values([
        row(DEMO_2025.successor, org.groupIds.SO, 2025, null),
        // Never assessed on its own (a board of a department): inactive, so no period ever includes it.
        row(DEMO_2025.merged, org.groupIds.SO, 2011, 2024, false),
        ...DEMO_2025.communes.map(([code, nameVi, nameEn]) => row({ code, abbreviation: code, nameVi, nameEn }, org.groupIds.XA, 2025, null)),
      ])
      .returning({ id: agencies.id, code: agencies.code });
    for (const a of inserted) org.agencyIds.set(a.code, a.id);
    await tx.insert(divisions).values([
      { agencyId: org.agencyIds.get('SDTTG')!, code: 'VP', nameVi: 'Văn phòng Sở', nameEn: 'Office' },
      { agencyId: org.agencyIds.get('SDTTG')!, code: 'CSDT', nameVi: 'Phòng Chính sách dân tộc', nameEn: 'Ethnic Policy Division' },
      { agencyId: org.agencyIds.get('SDTTG')!, code: 'TG', nameVi: 'Phòng Tôn giáo', nameEn: 'Religious Affairs Division' },
    ]);
    // Ban Dân tộc and the district level end with 2024 (they stay active for the open 2020 period).
    await tx
      .update(agencies)
      .set({ activeToYear: 2024 })
      .where(inArray(agencies.id, [org.agencyIds.get('BDT')!, ...DEMO_DISTRICTS.map((d) => org.agencyIds.get(d.code)!)]));
    const [event] = await tx
      .insert(agencyLineageEvents)
      .values({
        provinceId: org.provinceId,
        year: 2025,
        kind: 'merge',
        comparison: 'predecessor',
        predecessorId: org.agencyIds.get('BDT')!,
        note: 'Hợp nhất Ban Dân tộc và Ban Tôn giáo thành Sở Dân tộc và Tôn giáo (dữ liệu minh họa).',
      })
      .returning({ id: agencyLineageEvents.id });
    await tx.insert(agencyLineageParts).values([
      { eventId: event!.id, agencyId: org.agencyIds.get('BDT')!, side: 'from' },
      { eventId: event!.id, agencyId: org.agencyIds.get('BTG')!, side: 'from' },
      { eventId: event!.id, agencyId: org.agencyIds.get('SDTTG')!, side: 'to' },
    ]);
    // 2025 as published (synthetic): the departments of 2025 and the new commune group, ranks of N as published.
    const departments = [...DEMO_DEPARTMENTS.filter((d) => d.code !== 'BDT').map((d) => d.code), 'SDTTG'];
    const communes = DEMO_2025.communes.map(([code]) => code as string);
    const rows: (typeof historicalResults.$inferInsert)[] = [];
    for (const [groupId, codes] of [
      [org.groupIds.SO, departments],
      [org.groupIds.XA, communes],
    ] as const) {
      const r = rng(hashSeed('history-2025', String(groupId)));
      const totals = codes.map((code) => ({ code, hundredths: code === 'SDTTG' ? 8712 : Math.round((78 + r() * 17) * 100) }));
      const sorted = [...totals].sort((x, y) => y.hundredths - x.hundredths);
      for (const t of totals) {
        rows.push({
          provinceId: org.provinceId,
          year: 2025,
          groupId,
          agencyId: org.agencyIds.get(t.code)!,
          totalIndex: (t.hundredths / 100).toFixed(2),
          rank: sorted.findIndex((s) => s.hundredths === t.hundredths) + 1,
          rankedCount: codes.length,
          classification: classOf(t.hundredths),
          components: [],
          source: 'demo-2025',
        });
      }
    }
    await tx.insert(historicalResults).values(rows);
  });
}
