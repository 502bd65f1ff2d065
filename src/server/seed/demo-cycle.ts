import { scoreLeaf } from '../../core/domain/scoring';
import { unitsToDecimalString } from '../../core/domain/decimal';
import { classify, DEFAULT_BANDS } from '../../core/domain/classification';
import { leafNodes } from '../../core/domain/framework';
import { scoreStageLeaf, type AgencyInputs } from '../../core/domain/compute-index';
import type { Framework, LeafInput } from '../../core/schemas/framework';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../db/client';
import { assessments, evidence, files, frameworkNodes, frameworks, historicalResults, leafEvidence, leafScores, periodFrameworks, periods } from '../db/schema/index';
import { type FileStorage, putBuffer, storageKeyFor } from '../lib/storage';
import { sha256 } from '../lib/tokens';
import { makeDemoPdf } from './demo-pdf';
import { demoFrameworks } from './demo-frameworks';
import { DEMO_DEPARTMENTS, DEMO_DISTRICTS } from './demo-org';
import { generateGroupYear, hashSeed, rng, type DemoAgencyRef, type Profile } from './demo-scores';
import type { DemoOrg } from './demo';

const WEAK_2019 = ['1', '3', '7', '8'];

function profileOf(code: string, year: number): Profile {
  const r = rng(hashSeed('profile', code));
  const base = 0.66 + r() * 0.24 + (year - 2018) * 0.01;
  const profile: Profile = { base, fields: {} };
  // Some agencies have no subordinate public service units (6.2.1) or plan no legal documents (2.1.1).
  if (['BDT', 'TTT', 'VPUBND', 'SNGV', 'STTTT'].includes(code)) profile.notApplicable = ['6.2.1'];
  if (['SNGV', 'BQLKKT'].includes(code)) profile.notApplicable = [...(profile.notApplicable ?? []), '2.1.1'];
  for (const f of ['1', '2', '3', '4', '5', '6', '7', '8']) profile.fields![f] = Math.min(0.99, base + (r() - 0.5) * 0.16);
  return profile;
}

function pointsOf(framework: Framework, code: string, input: LeafInput | null | undefined): string | null {
  if (!input) return null;
  const node = framework.nodes.find((n) => n.code === code)!;
  const res = scoreLeaf(node, input);
  return res.ok && res.units !== null ? unitsToDecimalString(res.units) : null;
}

/** Inserts a framework document as a published framework of a tenant's group (demo seeds). */
export async function insertFramework(tx: Tx, provinceId: number, groupId: number, f: Framework, now: Date): Promise<number> {
  const [row] = await tx
    .insert(frameworks)
    .values({
      provinceId,
      groupId,
      year: f.year,
      revision: 1,
      nameVi: f.nameVi,
      nameEn: f.nameEn,
      declaredTotal: f.declaredTotal,
      bonusCap: f.bonusCap,
      deductionCap: f.deductionCap,
      bands: f.bands,
      status: 'published',
      publishedAt: new Date(Date.UTC(f.year, 0, 15)),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: frameworks.id });
  await tx.insert(frameworkNodes).values(
    f.nodes.map((n) => ({
      frameworkId: row!.id,
      code: n.code,
      parentCode: n.parentCode,
      position: n.position,
      nameVi: n.nameVi,
      nameEn: n.nameEn,
      guidanceVi: n.guidanceVi ?? null,
      guidanceEn: n.guidanceEn ?? null,
      evidenceVi: n.evidenceVi ?? null,
      appraisingBody: n.appraisingBody ?? null,
      maxPoints: n.maxPoints,
      mayBeNotApplicable: n.mayBeNotApplicable,
      kind: n.kind,
      method: n.method,
    })),
  );
  return row!.id;
}

async function insertScores(tx: Tx, assessmentId: number, framework: Framework, inputs: AgencyInputs, now: Date): Promise<void> {
  const rows = leafNodes(framework.nodes).map((leaf) => {
    const e = inputs[leaf.code] ?? {};
    const survey = leaf.method?.type === 'survey';
    const effective = scoreStageLeaf(leaf, e, 'effective');
    return {
      assessmentId,
      nodeCode: leaf.code,
      selfInput: survey ? null : (e.self ?? null),
      selfPoints: survey ? null : pointsOf(framework, leaf.code, e.self),
      appraisal1Input: survey ? null : (e.appraisal1 ?? null),
      appraisal1Points: survey ? null : pointsOf(framework, leaf.code, e.appraisal1),
      appraisal1ReasonCode: !survey && JSON.stringify(e.self) !== JSON.stringify(e.appraisal1) ? 'insufficient_evidence' : null,
      finalInput: survey ? null : (e.final ?? null),
      finalPoints: survey ? null : pointsOf(framework, leaf.code, e.final),
      surveyPoints: survey ? String(e.surveyPoints ?? '0') : null,
      effectiveUnits: effective.units,
      effectiveNa: effective.notApplicable,
      updatedAt: now,
    };
  });
  if (rows.length) await tx.insert(leafScores).values(rows);
}

const BDT_LIBRARY = [
  { title: 'Kế hoạch cải cách hành chính năm 2020 của Ban Dân tộc', docNumber: '12/KH-BDT', issuedOn: '2020-01-15', issuer: 'Ban Dân tộc tỉnh Quảng Nam' },
  { title: 'Báo cáo kết quả thực hiện công tác CCHC 6 tháng đầu năm 2020', docNumber: '87/BC-BDT', issuedOn: '2020-06-20', issuer: 'Ban Dân tộc tỉnh Quảng Nam' },
  { title: 'Quyết định thành lập Hội đồng đánh giá kết quả CCHC nội bộ', docNumber: '45/QĐ-BDT', issuedOn: '2020-08-20', issuer: 'Ban Dân tộc tỉnh Quảng Nam' },
];

/**
 * Ban Dân tộc's evidence library (real PDF files in storage) attached to its pre-scored 2020 leaves; without a
 * storage (e.g. a bare CLI seed into another folder) the leaves carry an explanation instead.
 */
async function seedBdtEvidence(tx: Tx, org: DemoOrg, storage: FileStorage | undefined, now: Date): Promise<void> {
  const bdt = org.agencyIds.get('BDT')!;
  const [assessment] = await tx
    .select({ id: assessments.id })
    .from(assessments)
    .innerJoin(periods, eq(periods.id, assessments.periodId))
    .where(and(eq(assessments.agencyId, bdt), eq(periods.year, 2020)));
  const leaves = await tx.select({ code: leafScores.nodeCode, survey: leafScores.surveyPoints }).from(leafScores).where(eq(leafScores.assessmentId, assessment!.id));
  const scored = leaves.filter((l) => l.survey === null).map((l) => l.code);
  if (!storage) {
    await tx.update(leafScores).set({ selfExplanation: 'Hồ sơ giấy đã gửi Sở Nội vụ.' }).where(and(eq(leafScores.assessmentId, assessment!.id), isNull(leafScores.surveyPoints)));
    return;
  }
  const ids: number[] = [];
  for (const doc of BDT_LIBRARY) {
    const content = makeDemoPdf([doc.title, `So: ${doc.docNumber}`, `Ngay ban hanh: ${doc.issuedOn}`, doc.issuer, 'Tai lieu mau cua ParIndex (demo).']);
    const digest = sha256(content);
    const key = storageKeyFor(digest);
    if (!(await storage.exists(key))) await putBuffer(storage, key, content, { sha256: digest });
    const [file] = await tx.insert(files).values({ sha256: digest, sizeBytes: content.length, mime: 'application/pdf', storageKey: key, createdAt: now }).onConflictDoNothing().returning();
    const fileId = file?.id ?? (await tx.select({ id: files.id }).from(files).where(eq(files.sha256, digest)))[0]!.id;
    const [ev] = await tx
      .insert(evidence)
      .values({ agencyId: bdt, fileId, title: doc.title, docNumber: doc.docNumber, issuedOn: doc.issuedOn, issuer: doc.issuer, originalName: `${doc.docNumber.replace(/\//g, '-')}.pdf`, createdAt: now })
      .returning({ id: evidence.id });
    ids.push(ev!.id);
  }
  if (scored.length) {
    await tx.insert(leafEvidence).values(scored.map((code, i) => ({ assessmentId: assessment!.id, nodeCode: code, evidenceId: ids[i % ids.length]!, createdAt: now })));
  }
}

/** Leaves Ban Dân tộc still has to score in the open 2020 period (the cycle journey scores them). */
export const BDT_OPEN_LEAVES = ['1.1.1', '2.2.1'];

/**
 * The open 2020 period: every agency but Ban Dân tộc has submitted a complete self-assessment (scores without
 * uploaded evidence are explained as "paper dossier sent"), survey points are in; Ban Dân tộc is a draft with every
 * leaf scored except {@link BDT_OPEN_LEAVES}.
 */
async function insertOpenScores(tx: Tx, assessmentId: number, framework: Framework, inputs: AgencyInputs, code: string, now: Date): Promise<void> {
  const isBdt = code === 'BDT';
  const rows = leafNodes(framework.nodes)
    .filter((leaf) => !(isBdt && BDT_OPEN_LEAVES.includes(leaf.code)))
    .map((leaf) => {
      const e = inputs[leaf.code] ?? {};
      const survey = leaf.method?.type === 'survey';
      const entry = survey ? { surveyPoints: e.surveyPoints ?? '0' } : { self: e.self ?? null };
      const effective = scoreStageLeaf(leaf, entry, 'effective');
      return {
        assessmentId,
        nodeCode: leaf.code,
        selfInput: survey ? null : (e.self ?? null),
        selfPoints: survey ? null : pointsOf(framework, leaf.code, e.self),
        selfExplanation: survey || isBdt ? null : 'Hồ sơ giấy đã gửi Sở Nội vụ.',
        surveyPoints: survey ? String(e.surveyPoints ?? '0') : null,
        effectiveUnits: effective.units,
        effectiveNa: effective.notApplicable,
        updatedAt: now,
      };
    });
  if (rows.length) await tx.insert(leafScores).values(rows);
  if (!isBdt) await tx.update(assessments).set({ status: 'submitted', submittedAt: now }).where(eq(assessments.id, assessmentId));
}

/**
 * Seeds frameworks for 2018–2020 (departments and districts), published periods 2018 and 2019 with scores for every
 * agency, the 2020 period open for self-assessment, and historical results 2013–2017 for ten-year trends.
 */
export async function seedDemoCycle(database: Database, org: DemoOrg, storage?: FileStorage, now = new Date()): Promise<void> {
  const fws = demoFrameworks();
  const groups = { SO: org.groupIds.SO, HUYEN: org.groupIds.HUYEN };
  const members: Record<'SO' | 'HUYEN', DemoAgencyRef[]> = {
    SO: DEMO_DEPARTMENTS.map((a) => ({ id: org.agencyIds.get(a.code)!, code: a.code, nameVi: a.nameVi })),
    HUYEN: DEMO_DISTRICTS.map((a) => ({ id: org.agencyIds.get(a.code)!, code: a.code, nameVi: a.nameVi })),
  };
  // Generate outside the transaction: the rank search runs the engine many times.
  const generated = new Map<string, Map<string, AgencyInputs>>();
  for (const year of [2018, 2019]) {
    for (const groupCode of ['SO', 'HUYEN'] as const) {
      const f = fws.find((x) => x.groupCode === groupCode && x.year === year)!.framework;
      const target =
        groupCode !== 'SO'
          ? undefined
          : year === 2018
            ? { code: 'BDT', rank: 11, vary: (p: Profile, x: number): Profile => ({ ...p, base: 0.55 + 0.45 * x, fields: {} }) }
            : {
                code: 'BDT',
                rank: 20,
                vary: (p: Profile, x: number): Profile => ({
                  ...p,
                  base: 0.84,
                  fields: Object.fromEntries(WEAK_2019.map((c) => [c, 0.3 + 0.55 * x])),
                }),
              };
      generated.set(`${groupCode}:${year}`, generateGroupYear(f, members[groupCode], year, (code) => profileOf(code, year), target));
    }
  }

  for (const groupCode of ['SO', 'HUYEN'] as const) {
    const f = fws.find((x) => x.groupCode === groupCode && x.year === 2020)!.framework;
    // 2020 is open for self-assessment: BDT is recovering (the remedies of the article), others as usual.
    const profile = (code: string): Profile => (code === 'BDT' ? { ...profileOf(code, 2020), base: 0.86, fields: {} } : profileOf(code, 2020));
    generated.set(`${groupCode}:2020`, generateGroupYear(f, members[groupCode], 2020, profile));
  }

  await database.db.transaction(async (tx) => {
    const fwIds = new Map<string, number>();
    for (const f of fws) fwIds.set(`${f.groupCode}:${f.year}`, await insertFramework(tx, org.provinceId, groups[f.groupCode], f.framework, now));
    for (const year of [2018, 2019, 2020]) {
      const open = year === 2020;
      const day = 24 * 3600_000;
      const [period] = await tx
        .insert(periods)
        .values({
          provinceId: org.provinceId,
          year,
          nameVi: `Kỳ đánh giá Chỉ số CCHC năm ${year}`,
          nameEn: `PAR Index evaluation ${year}`,
          phase: open ? 'self_assessment' : 'published',
          selfAssessmentDueAt: open ? new Date(now.getTime() + 30 * day) : new Date(Date.UTC(year, 11, 15)),
          appraisal1DueAt: open ? new Date(now.getTime() + 45 * day) : new Date(Date.UTC(year + 1, 0, 20)),
          explanationDueAt: open ? new Date(now.getTime() + 52 * day) : new Date(Date.UTC(year + 1, 1, 5)),
          appraisal2DueAt: open ? new Date(now.getTime() + 60 * day) : new Date(Date.UTC(year + 1, 1, 25)),
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: periods.id });
      for (const groupCode of ['SO', 'HUYEN'] as const) {
        const frameworkId = fwIds.get(`${groupCode}:${year}`)!;
        const framework = fws.find((x) => x.groupCode === groupCode && x.year === year)!.framework;
        await tx.insert(periodFrameworks).values({ periodId: period!.id, groupId: groups[groupCode], frameworkId });
        for (const agency of members[groupCode]) {
          const [a] = await tx
            .insert(assessments)
            .values({
              periodId: period!.id,
              agencyId: agency.id,
              frameworkId,
              status: open ? 'draft' : 'finalised',
              submittedAt: open ? null : new Date(Date.UTC(year, 11, 10)),
              createdAt: now,
              updatedAt: now,
            })
            .returning({ id: assessments.id });
          const inputs = generated.get(`${groupCode}:${year}`)!.get(agency.code)!;
          if (!open) await insertScores(tx, a!.id, framework, inputs, now);
          else await insertOpenScores(tx, a!.id, framework, inputs, agency.code, now);
        }
      }
    }
    await seedBdtEvidence(tx, org, storage, now);
    // Results of 2013–2017, before the system: totals per agency (with a slow upward trend, as the article says).
    for (const groupCode of ['SO', 'HUYEN'] as const) {
      for (let year = 2013; year <= 2017; year++) {
        const r = rng(hashSeed('history', groupCode, year));
        const rows = members[groupCode].map((a) => {
          const p = profileOf(a.code, 2018);
          const bdtTrend = a.code === 'BDT' ? 72 + (year - 2013) * 3 : 0;
          const total = bdtTrend || Math.min(97, 60 + p.base * 25 + (year - 2013) * 1.6 + (r() - 0.5) * 6);
          return { agency: a, total: Math.round(total * 100) / 100 };
        });
        const sorted = [...rows].sort((x, y) => y.total - x.total);
        // Those years had no framework in the system: the class of the default bands (docs/scoring.md).
        const classOf = (total: number) => {
          const band = classify(Math.round(total * 100), DEFAULT_BANDS);
          return band ? { code: band.code, labelVi: band.labelVi, labelEn: band.labelEn, source: 'bands' as const } : null;
        };
        await tx.insert(historicalResults).values(
          rows.map((x) => ({
            provinceId: org.provinceId,
            year,
            groupId: groups[groupCode],
            agencyId: x.agency.id,
            totalIndex: x.total.toFixed(2),
            rank: sorted.findIndex((s) => s.total === x.total) + 1,
            rankedCount: rows.length,
            classification: classOf(x.total),
            components: [],
            source: 'demo',
          })),
        );
      }
    }
  });
}
