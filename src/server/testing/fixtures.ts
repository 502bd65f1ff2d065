import type { Role } from '../../core/domain/roles';
import { foldText } from '../../core/domain/text';
import type { Db } from '../db/client';
import { agencies, agencyGroups, assessments, divisions, evidence, files, frameworkNodes, frameworks, periodFrameworks, periods, provinces, userRoles, users } from '../db/schema/index';
import { demoFrameworks } from '../seed/demo-frameworks';
import { hashPassword } from '../lib/passwords';
import { scoreStageLeaf } from '../../core/domain/compute-index';
import { unitsToDecimalString } from '../../core/domain/decimal';
import { leafNodes } from '../../core/domain/framework';
import { scoreLeaf } from '../../core/domain/scoring';
import type { LeafInput } from '../../core/schemas/framework';
import { leafScores, resultSnapshots } from '../db/schema/index';
import { buildSnapshot } from '../modules/publication/snapshot';

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

/** A published period of the fixture province (see {@link seedPublishedPeriod}). */
export interface PublishedFixture {
  periodId: number;
  frameworkId: number;
  assessments: { snv: number; bdt: number; stp: number };
  /** A leaf of this year's framework that later frameworks dropped. */
  droppedLeaf: string;
}

/**
 * Adds a published period (default 2025, the year before the fixture's open 2026 period) with the department
 * framework (one leaf, 1.2.9, that later years dropped), final scores for SNV, BDT and STP, and its frozen results.
 * Ban Dân tộc loses points on 8.1.1 (survey, 2 of 4), 1.1.2, 1.2.9 and D.1 (1 each) and 1.1.1 (0.5); everything
 * else is at full points. Remediation tests propose tasks from it and use their outputs in 2026.
 */
export async function seedPublishedPeriod(db: Db, f: Fixture, year = 2025): Promise<PublishedFixture> {
  const droppedLeaf = '1.2.9';
  const base = demoFrameworks().find((x) => x.groupCode === 'SO' && x.year === 2019)!.framework;
  // That year's framework had 1.2.9 where later ones have 1.2.2 (same parent and maximum, so the sums hold).
  const nodes = base.nodes.map((n) =>
    n.code === '1.2.2' ? { ...n, code: droppedLeaf, nameVi: 'Tổ chức hội nghị sơ kết công tác CCHC', nameEn: 'PAR mid-year review conference held' } : n,
  );
  const doc = { ...base, year, nodes };
  const [fw] = await db
    .insert(frameworks)
    .values({ provinceId: f.provinceId, groupId: f.groups.departments, year, nameVi: `Bộ tiêu chí sở năm ${year}`, declaredTotal: doc.declaredTotal, bonusCap: doc.bonusCap, deductionCap: doc.deductionCap, bands: doc.bands, status: 'published', publishedAt: new Date(`${year}-01-05T00:00:00Z`) })
    .returning();
  await db.insert(frameworkNodes).values(
    nodes.map((n) => ({ frameworkId: fw!.id, code: n.code, parentCode: n.parentCode, position: n.position, nameVi: n.nameVi, nameEn: n.nameEn, maxPoints: n.maxPoints, mayBeNotApplicable: n.mayBeNotApplicable, kind: n.kind, method: n.method, guidanceVi: n.guidanceVi ?? null, evidenceVi: n.evidenceVi ?? null })),
  );
  const [period] = await db
    .insert(periods)
    .values({ provinceId: f.provinceId, year, nameVi: `Kỳ đánh giá năm ${year}`, nameEn: `Evaluation ${year}`, phase: 'published', selfAssessmentDueAt: new Date(`${year}-04-30T10:00:00Z`), appraisal1DueAt: new Date(`${year}-05-31T10:00:00Z`), explanationDueAt: new Date(`${year}-06-15T10:00:00Z`), appraisal2DueAt: new Date(`${year}-06-30T10:00:00Z`) })
    .returning();
  await db.insert(periodFrameworks).values({ periodId: period!.id, groupId: f.groups.departments, frameworkId: fw!.id });
  const agencyIds = [f.agencies.snv, f.agencies.bdt, f.agencies.stp];
  const ass = await db
    .insert(assessments)
    .values(agencyIds.map((agencyId) => ({ periodId: period!.id, agencyId, frameworkId: fw!.id, status: 'finalised', submittedAt: new Date(`${year}-04-20T00:00:00Z`) })))
    .returning();
  const full = (n: (typeof nodes)[number]): LeafInput => {
    const m = n.method!;
    if (m.type === 'levels') return { levelCode: m.levels[0]!.code };
    if (m.type === 'yes_no') return { value: true };
    if (m.type === 'ratio_ladder' || m.type === 'ratio_proportional') return { numerator: '10', denominator: '10' };
    return { value: n.kind === 'regular' ? n.maxPoints : '0' };
  };
  const bdtLosses: Record<string, LeafInput> = { '1.1.1': { levelCode: 'L2' }, '1.1.2': { value: false }, [droppedLeaf]: { value: false }, 'D.1': { value: '1' } };
  for (const [i, agencyId] of agencyIds.entries()) {
    const rows = leafNodes(nodes).map((leaf) => {
      const survey = leaf.method?.type === 'survey';
      const surveyPoints = survey ? (agencyId === f.agencies.bdt && leaf.code === '8.1.1' ? '2' : leaf.maxPoints) : null;
      const input = survey ? null : agencyId === f.agencies.bdt ? (bdtLosses[leaf.code] ?? full(leaf)) : full(leaf);
      const scored = input ? scoreLeaf(leaf, input) : null;
      const points = scored && scored.ok && scored.units !== null ? unitsToDecimalString(scored.units) : null;
      const effective = scoreStageLeaf(leaf, survey ? { surveyPoints } : { final: input }, 'effective');
      return {
        assessmentId: ass[i]!.id,
        nodeCode: leaf.code,
        selfInput: input,
        selfPoints: points,
        finalInput: input,
        finalPoints: points,
        surveyPoints,
        effectiveUnits: effective.units,
        effectiveNa: effective.notApplicable,
      };
    });
    await db.insert(leafScores).values(rows);
  }
  const { content, hash } = await buildSnapshot(db, f.provinceId, period!.id, { revision: 1, decisionNumber: `12/QĐ-UBND-${year}`, decisionDate: `${year + 1}-03-15`, reason: null });
  await db.insert(resultSnapshots).values({ periodId: period!.id, revision: 1, content, contentHash: hash, decisionNumber: `12/QĐ-UBND-${year}`, decisionDate: `${year + 1}-03-15`, publishedAt: new Date(`${year + 1}-03-15T03:00:00Z`) });
  return { periodId: period!.id, frameworkId: fw!.id, assessments: { snv: ass[0]!.id, bdt: ass[1]!.id, stp: ass[2]!.id }, droppedLeaf };
}
