import type { Role } from '../../core/domain/roles';
import { foldText } from '../../core/domain/text';
import type { Db } from '../db/client';
import { agencies, agencyGroups, assessments, divisions, evidence, files, frameworkNodes, frameworks, periodFrameworks, periods, provinces, userRoles, users } from '../db/schema/index';
import { demoFrameworks } from '../seed/demo-frameworks';
import { hashPassword } from '../lib/passwords';

export const TEST_PASSWORD = 'Test-pass-2026';

export interface Fixture {
  provinceId: number;
  otherProvinceId: number;
  groups: { departments: number; districts: number };
  agencies: { snv: number; bdt: number; stp: number; tamKy: number; other: number };
  divisions: { bdtOffice: number; bdtPolicy: number; stpOffice: number };
  users: Record<FixtureUser, number>;
  /** A published department framework, a 2026 period in self-assessment with assessments for SNV, BDT, STP. */
  frameworkId: number;
  periodId: number;
  assessments: { snv: number; bdt: number; stp: number };
  /** One evidence document of BDT's library (its file is not in storage). */
  evidenceId: number;
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
  const doc = demoFrameworks().find((f) => f.groupCode === 'SO' && f.year === 2019)!.framework;
  const [fw] = await db
    .insert(frameworks)
    .values({ provinceId, groupId: g1!.id, year: 2026, nameVi: 'Bộ tiêu chí sở năm 2026', declaredTotal: doc.declaredTotal, bonusCap: doc.bonusCap, deductionCap: doc.deductionCap, bands: doc.bands, status: 'published', publishedAt: new Date('2026-01-05T00:00:00Z') })
    .returning();
  await db.insert(frameworkNodes).values(
    doc.nodes.map((n) => ({ frameworkId: fw!.id, code: n.code, parentCode: n.parentCode, position: n.position, nameVi: n.nameVi, nameEn: n.nameEn, maxPoints: n.maxPoints, mayBeNotApplicable: n.mayBeNotApplicable, kind: n.kind, method: n.method, guidanceVi: n.guidanceVi ?? null, evidenceVi: n.evidenceVi ?? null })),
  );
  const [period] = await db
    .insert(periods)
    .values({
      provinceId,
      year: 2026,
      nameVi: 'Kỳ đánh giá năm 2026',
      nameEn: 'Evaluation 2026',
      phase: 'self_assessment',
      selfAssessmentDueAt: new Date('2026-04-30T10:00:00Z'),
      appraisal1DueAt: new Date('2026-05-31T10:00:00Z'),
      explanationDueAt: new Date('2026-06-15T10:00:00Z'),
      appraisal2DueAt: new Date('2026-06-30T10:00:00Z'),
    })
    .returning();
  await db.insert(periodFrameworks).values({ periodId: period!.id, groupId: g1!.id, frameworkId: fw!.id });
  const ass = await db
    .insert(assessments)
    .values([snv.id, bdt.id, stp.id].map((agencyId) => ({ periodId: period!.id, agencyId, frameworkId: fw!.id, status: 'draft' })))
    .returning();
  const [file] = await db.insert(files).values({ sha256: 'f'.repeat(64), sizeBytes: 10, mime: 'application/pdf', storageKey: `ff/${'f'.repeat(64)}` }).returning();
  const [ev] = await db.insert(evidence).values({ agencyId: bdt.id, fileId: file!.id, title: 'Kế hoạch CCHC năm 2026', docNumber: '12/KH-BDT', issuer: 'Ban Dân tộc', originalName: 'ke-hoach.pdf' }).returning();
  return {
    frameworkId: fw!.id,
    periodId: period!.id,
    assessments: { snv: ass[0]!.id, bdt: ass[1]!.id, stp: ass[2]!.id },
    evidenceId: ev!.id,
    provinceId,
    otherProvinceId: p2!.id,
    groups: { departments: g1!.id, districts: g2!.id },
    agencies: { snv: snv.id, bdt: bdt.id, stp: stp.id, tamKy: tamKy.id, other: other.id },
    divisions: { bdtOffice: divRows[0]!.id, bdtPolicy: divRows[1]!.id, stpOffice: divRows[2]!.id },
    users: userIds,
  };
}
