import type { Role } from '../../core/domain/roles';
import { foldText } from '../../core/domain/text';
import type { Db } from '../db/client';
import { agencies, agencyGroups, divisions, provinces, userRoles, users } from '../db/schema/index';
import { hashPassword } from '../lib/passwords';

export const TEST_PASSWORD = 'Test-pass-2026';

export interface Fixture {
  provinceId: number;
  otherProvinceId: number;
  groups: { departments: number; districts: number };
  agencies: { snv: number; bdt: number; stp: number; tamKy: number; other: number };
  divisions: { bdtOffice: number; bdtPolicy: number; stpOffice: number };
  users: Record<FixtureUser, number>;
}

export type FixtureUser =
  | 'admin'
  | 'secretariat'
  | 'appraiser'
  | 'focalBdt'
  | 'headBdt'
  | 'divisionHeadBdt'
  | 'focalStp'
  | 'headStp'
  | 'otherAdmin';

export const FIXTURE_USERNAMES: Record<FixtureUser, string> = {
  admin: 'admin',
  secretariat: 'secretariat',
  appraiser: 'appraiser',
  focalBdt: 'focal.bdt',
  headBdt: 'head.bdt',
  divisionHeadBdt: 'divhead.bdt',
  focalStp: 'focal.stp',
  headStp: 'head.stp',
  otherAdmin: 'other.admin',
};

/** A small organisation for server tests: two provinces, two groups, a few agencies, one user per role. */
export async function seedFixture(db: Db): Promise<Fixture> {
  const [p] = await db.insert(provinces).values({ code: 'QNA', nameVi: 'Tỉnh Quảng Nam', nameEn: 'Quảng Nam Province', governingBodyVi: 'UBND TỈNH QUẢNG NAM' }).returning();
  const [p2] = await db.insert(provinces).values({ code: 'QNG', nameVi: 'Tỉnh Quảng Ngãi', nameEn: 'Quảng Ngãi Province' }).returning();
  const provinceId = p!.id;
  const [g1, g2] = await db
    .insert(agencyGroups)
    .values([
      { provinceId, code: 'SO', nameVi: 'Sở, ban, ngành', nameEn: 'Departments and boards', position: 1 },
      { provinceId, code: 'HUYEN', nameVi: 'UBND cấp huyện', nameEn: 'District level', position: 2 },
    ])
    .returning();
  const [gOther] = await db.insert(agencyGroups).values({ provinceId: p2!.id, code: 'SO', nameVi: 'Sở', nameEn: 'Departments' }).returning();
  const mk = (code: string, nameVi: string, nameEn: string, groupId: number, prov = provinceId) => ({
    provinceId: prov,
    groupId,
    code,
    nameVi,
    nameEn,
    abbreviation: code,
    activeFromYear: 2015,
    searchText: foldText(`${code} ${code} ${nameVi} ${nameEn}`),
  });
  const rows = await db
    .insert(agencies)
    .values([
      mk('SNV', 'Sở Nội vụ', 'Department of Home Affairs', g1!.id),
      mk('BDT', 'Ban Dân tộc', 'Ethnic Minorities Committee', g1!.id),
      mk('STP', 'Sở Tư pháp', 'Department of Justice', g1!.id),
      mk('TAMKY', 'UBND thành phố Tam Kỳ', 'Tam Kỳ City', g2!.id),
      mk('SNV', 'Sở Nội vụ Quảng Ngãi', 'Quảng Ngãi Home Affairs', gOther!.id, p2!.id),
    ])
    .returning();
  const [snv, bdt, stp, tamKy, other] = rows as [typeof rows[0], typeof rows[0], typeof rows[0], typeof rows[0], typeof rows[0]];
  const divRows = await db
    .insert(divisions)
    .values([
      { agencyId: bdt!.id, code: 'VP', nameVi: 'Văn phòng', nameEn: 'Office' },
      { agencyId: bdt!.id, code: 'CS', nameVi: 'Phòng Chính sách', nameEn: 'Policy Division' },
      { agencyId: stp!.id, code: 'VP', nameVi: 'Văn phòng', nameEn: 'Office' },
    ])
    .returning();
  const hash = await hashPassword(TEST_PASSWORD);
  const userIds = {} as Record<FixtureUser, number>;
  const grants: Record<FixtureUser, { role: Role; agencyId?: number; divisionId?: number; fieldCodes?: string[] }[]> = {
    admin: [{ role: 'admin' }],
    secretariat: [{ role: 'secretariat' }],
    appraiser: [{ role: 'appraiser', agencyId: stp!.id, fieldCodes: ['2'] }],
    focalBdt: [{ role: 'agency_focal', agencyId: bdt!.id }],
    headBdt: [{ role: 'agency_head', agencyId: bdt!.id }],
    divisionHeadBdt: [{ role: 'division_head', agencyId: bdt!.id, divisionId: divRows[0]!.id }],
    focalStp: [{ role: 'agency_focal', agencyId: stp!.id }],
    headStp: [{ role: 'agency_head', agencyId: stp!.id }],
    otherAdmin: [{ role: 'admin' }],
  };
  for (const key of Object.keys(FIXTURE_USERNAMES) as FixtureUser[]) {
    const [u] = await db
      .insert(users)
      .values({
        provinceId: key === 'otherAdmin' ? p2!.id : provinceId,
        username: FIXTURE_USERNAMES[key],
        fullName: `Người dùng ${FIXTURE_USERNAMES[key]}`,
        passwordHash: hash,
      })
      .returning();
    userIds[key] = u!.id;
    for (const g of grants[key]) {
      await db.insert(userRoles).values({
        userId: u!.id,
        role: g.role,
        agencyId: g.agencyId ?? null,
        divisionId: g.divisionId ?? null,
        fieldCodes: g.fieldCodes ?? [],
        agencyIds: [],
      });
    }
  }
  return {
    provinceId,
    otherProvinceId: p2!.id,
    groups: { departments: g1!.id, districts: g2!.id },
    agencies: { snv: snv.id, bdt: bdt.id, stp: stp.id, tamKy: tamKy.id, other: other.id },
    divisions: { bdtOffice: divRows[0]!.id, bdtPolicy: divRows[1]!.id, stpOffice: divRows[2]!.id },
    users: userIds,
  };
}
