import { foldText } from '../../core/domain/text';
import type { Role } from '../../core/domain/roles';
import type { Database } from '../db/client';
import { agencies, agencyGroups, divisions, provinces, userRoles, users } from '../db/schema/index';
import { hashPassword } from '../lib/passwords';
import { and, eq } from 'drizzle-orm';
import { periods, resultSnapshots } from '../db/schema/index';
import type { FileStorage } from '../lib/storage';
import { buildSnapshot } from '../modules/publication/snapshot';
import { seedDemoCycle } from './demo-cycle';
import { seedDemoCouncil } from './demo-council';
import { seedDemo2025 } from './demo-lineage';
import { seedDemoNational } from './demo-national';
import { DEMO_DEPARTMENTS, DEMO_DISTRICTS, DEMO_VERTICAL, demoDivisions } from './demo-org';

/** The printed password of every demo account. */
export const DEMO_PASSWORD = 'ParIndex-2026';

interface DemoAccount {
  username: string;
  fullName: string;
  label: string;
  grants: { role: Role; agencyCode?: string; divisionCode?: string; fieldCodes?: string[] }[];
}

/** One demo account per role, printed at start. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', label: 'Quản trị / administrator', grants: [{ role: 'admin' }] },
  {
    username: 'secretariat',
    fullName: 'Nguyễn Thị Thu Hà',
    label: 'Thường trực, Sở Nội vụ / secretariat',
    grants: [{ role: 'secretariat' }],
  },
  {
    username: 'appraiser',
    fullName: 'Trần Văn Minh',
    label: 'Thẩm định viên, Sở Tư pháp (lĩnh vực 2) / appraiser',
    grants: [{ role: 'appraiser', agencyCode: 'STP', fieldCodes: ['2'] }],
  },
  {
    username: 'appraiser.it',
    fullName: 'Lê Quang Huy',
    label: 'Thẩm định viên, Sở TT&TT (lĩnh vực 7) / appraiser',
    grants: [{ role: 'appraiser', agencyCode: 'STTTT', fieldCodes: ['7'] }],
  },
  {
    username: 'bdt.focal',
    fullName: 'Phạm Thị Lan',
    label: 'Đầu mối CCHC, Ban Dân tộc / agency focal point',
    grants: [{ role: 'agency_focal', agencyCode: 'BDT' }],
  },
  {
    username: 'bdt.head',
    fullName: 'A Lăng Mai',
    label: 'Trưởng Ban Dân tộc / agency head',
    grants: [{ role: 'agency_head', agencyCode: 'BDT' }],
  },
  {
    username: 'bdt.division',
    fullName: 'Hồ Văn Tâm',
    label: 'Trưởng phòng CSDT, Ban Dân tộc / division head',
    grants: [{ role: 'division_head', agencyCode: 'BDT', divisionCode: 'CSDT' }],
  },
  {
    username: 'stp.focal',
    fullName: 'Võ Thị Hoa',
    label: 'Đầu mối CCHC, Sở Tư pháp / agency focal point',
    grants: [{ role: 'agency_focal', agencyCode: 'STP' }],
  },
];

export interface DemoOrg {
  provinceId: number;
  groupIds: { SO: number; HUYEN: number; NGANHDOC: number; XA: number };
  agencyIds: Map<string, number>;
  divisionIds: Map<string, number>;
  userIds: Map<string, number>;
}

/** Seeds the demo organisation and accounts (idempotence is the caller's job: run it on an empty database). */
export async function seedDemoOrganisation(database: Database): Promise<DemoOrg> {
  const db = database.db;
  const passwordHashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
  return db.transaction(async (tx) => {
    const [p] = await tx
      .insert(provinces)
      .values({ code: 'QNAM', nameVi: 'Tỉnh Quảng Nam', nameEn: 'Quảng Nam Province', governingBodyVi: 'UBND TỈNH QUẢNG NAM' })
      .returning();
    const provinceId = p!.id;
    const groups = await tx
      .insert(agencyGroups)
      .values([
        { provinceId, code: 'SO', nameVi: 'Sở, ban, ngành', nameEn: 'Provincial departments and boards', position: 1 },
        { provinceId, code: 'HUYEN', nameVi: 'UBND cấp huyện', nameEn: 'District-level people\'s committees', position: 2 },
        { provinceId, code: 'NGANHDOC', nameVi: 'Cơ quan ngành dọc', nameEn: 'Vertical agencies', position: 3 },
        { provinceId, code: 'XA', nameVi: 'UBND cấp xã', nameEn: 'Commune-level people\'s committees', position: 4 },
      ])
      .returning();
    const groupIds = Object.fromEntries(groups.map((g) => [g.code, g.id])) as DemoOrg['groupIds'];
    const rows = [
      ...DEMO_DEPARTMENTS.map((a) => ({ ...a, groupId: groupIds.SO })),
      ...DEMO_DISTRICTS.map((a) => ({ ...a, groupId: groupIds.HUYEN })),
      ...DEMO_VERTICAL.map((a) => ({ ...a, groupId: groupIds.NGANHDOC })),
    ].map((a) => ({
      provinceId,
      groupId: a.groupId,
      code: a.code,
      nameVi: a.nameVi,
      nameEn: a.nameEn,
      abbreviation: a.abbreviation,
      activeFromYear: 2011,
      searchText: foldText(`${a.code} ${a.abbreviation} ${a.nameVi} ${a.nameEn}`),
    }));
    const inserted = await tx.insert(agencies).values(rows).returning({ id: agencies.id, code: agencies.code, groupId: agencies.groupId });
    const agencyIds = new Map(inserted.map((a) => [a.code, a.id]));
    const divisionRows = inserted.flatMap((a) =>
      demoDivisions(a.code, a.groupId === groupIds.HUYEN).map((d) => ({ agencyId: a.id, ...d })),
    );
    const insertedDivisions = await tx.insert(divisions).values(divisionRows).returning({ id: divisions.id, code: divisions.code, agencyId: divisions.agencyId });
    const codeOfAgency = new Map(inserted.map((a) => [a.id, a.code]));
    const divisionIds = new Map(insertedDivisions.map((d) => [`${codeOfAgency.get(d.agencyId)}/${d.code}`, d.id]));
    const userIds = new Map<string, number>();
    for (const [i, account] of DEMO_ACCOUNTS.entries()) {
      const [u] = await tx
        .insert(users)
        .values({ provinceId, username: account.username, fullName: account.fullName, passwordHash: passwordHashes[i]!, email: `${account.username}@demo.parindex.vn` })
        .returning();
      userIds.set(account.username, u!.id);
      for (const g of account.grants) {
        await tx.insert(userRoles).values({
          userId: u!.id,
          role: g.role,
          agencyId: g.agencyCode ? (agencyIds.get(g.agencyCode) ?? null) : null,
          divisionId: g.divisionCode ? (divisionIds.get(`${g.agencyCode}/${g.divisionCode}`) ?? null) : null,
          fieldCodes: g.fieldCodes ?? [],
          agencyIds: [],
        });
      }
    }
    return { provinceId, groupIds, agencyIds, divisionIds, userIds };
  });
}

/**
 * Seeds the whole demo: organisation and accounts, frameworks 2018–2020, published periods 2018 and 2019 (with
 * their frozen results), the open 2020 period, history 2013–2017, the 2025 step (Ban Dân tộc merged into a new
 * department, districts ended, communes begun; docs/analysis.md §7a) and the synthetic national tier
 * (demo-national.ts). With a storage, Ban Dân tộc gets real evidence files.
 */
export async function seedDemo(database: Database, options: { storage?: FileStorage; now?: Date } = {}): Promise<DemoOrg> {
  const org = await seedDemoOrganisation(database);
  const now = options.now ?? new Date();
  await seedDemoCycle(database, org, options.storage, now);
  await database.db.transaction(async (tx) => {
    const published = await tx.select().from(periods).where(and(eq(periods.provinceId, org.provinceId), eq(periods.phase, 'published')));
    for (const p of published.sort((a, b) => a.year - b.year)) {
      const decision = DEMO_DECISIONS[p.year] ?? { number: '', date: null };
      const { content, hash } = await buildSnapshot(tx, org.provinceId, p.id, { revision: 1, decisionNumber: decision.number, decisionDate: decision.date, reason: null });
      await tx.insert(resultSnapshots).values({ periodId: p.id, revision: 1, content, contentHash: hash, decisionNumber: decision.number, decisionDate: decision.date, publishedAt: new Date(`${decision.date ?? `${p.year + 1}-04-01`}T03:00:00Z`) });
    }
  });
  await seedDemoCouncil(database, org);
  await seedDemo2025(database, org);
  await seedDemoNational(database, org.provinceId, DEMO_PASSWORD, now);
  return org;
}

/** Demo publication decisions (numbers are illustrative). */
const DEMO_DECISIONS: Record<number, { number: string; date: string }> = {
  2018: { number: '1021/QĐ-UBND', date: '2019-04-05' },
  2019: { number: '978/QĐ-UBND', date: '2020-04-07' },
};
