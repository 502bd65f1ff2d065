import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreStageLeaf, STAGES } from '../../../core/domain/compute-index';
import { unitsToDecimalString } from '../../../core/domain/decimal';
import { leafNodes } from '../../../core/domain/framework-tree';
import { stageDifferences } from '../../../core/domain/matrix';
import type { LeafInput } from '../../../core/schemas/framework';
import type { LeafMatrix } from '../../../core/schemas/matrix';
import { agencies, agencyGroups, provinces, users } from '../../db/schema/index';
import { createDemoContext, type DemoContext } from '../../testing/app';
import { DEMO_PASSWORD } from '../../seed/demo';
import { documentById } from '../frameworks/service';
import { MATRIX_FIRST_ROW, MATRIX_FIXED_COLUMNS } from './export';

let t: DemoContext;
let otherGroupId = 0;
beforeAll(async () => {
  t = await createDemoContext();
  const [p] = await t.database.db.insert(provinces).values({ code: 'QNG', nameVi: 'Tỉnh Quảng Ngãi', nameEn: 'Quảng Ngãi Province' }).returning();
  const [g] = await t.database.db.insert(agencyGroups).values({ provinceId: p!.id, code: 'SO', nameVi: 'Sở', nameEn: 'Departments' }).returning();
  await t.database.db.insert(agencies).values({ provinceId: p!.id, groupId: g!.id, code: 'SNV', nameVi: 'Sở Nội vụ', nameEn: 'Home Affairs', activeFromYear: 2015 });
  otherGroupId = g!.id;
}, 180_000);
afterAll(async () => t?.close());

const so = () => t.org.groupIds.SO;

/** The engine's view of every cell: each stored leaf's inputs scored by the core engine at each stage. */
async function engineCells(year: number, groupId: number) {
  const rows = await t.database.query<{ agency_id: number; framework_id: number; node_code: string | null; self_input: LeafInput | null; appraisal1_input: LeafInput | null; final_input: LeafInput | null; survey_points: string | number | null }>(
    `select a.agency_id, a.framework_id, s.node_code, s.self_input, s.appraisal1_input, s.final_input, s.survey_points::text as survey_points
     from assessments a join periods p on p.id = a.period_id join agencies ag on ag.id = a.agency_id
     left join leaf_scores s on s.assessment_id = a.id
     where p.year = $1 and ag.group_id = $2 and p.province_id = $3`,
    [year, groupId, t.org.provinceId],
  );
  const frameworkId = rows[0]!.framework_id;
  const doc = (await documentById(t.database.db, frameworkId))!.document;
  const leaves = leafNodes(doc.nodes);
  const byAgency = new Map<number, Map<string, (typeof rows)[number]>>();
  for (const r of rows) {
    if (!byAgency.has(r.agency_id)) byAgency.set(r.agency_id, new Map());
    if (r.node_code) byAgency.get(r.agency_id)!.set(r.node_code, r);
  }
  const out = new Map<string, string | null>();
  for (const [agencyId, stored] of byAgency) {
    for (const leaf of leaves) {
      const r = stored.get(leaf.code);
      const entry = r ? { self: r.self_input, appraisal1: r.appraisal1_input, final: r.final_input, surveyPoints: r.survey_points } : undefined;
      for (const stage of STAGES) {
        const s = scoreStageLeaf(leaf, entry, stage);
        expect(s.status, `${agencyId} ${leaf.code} ${stage}`).not.toBe('invalid');
        out.set(`${agencyId}|${leaf.code}|${stage}`, s.status === 'not_applicable' ? 'na' : s.status === 'not_scored' ? null : unitsToDecimalString(s.units));
      }
    }
  }
  return { out, agencyCount: byAgency.size, leafCount: leaves.length };
}

async function loadXlsx(raw: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  return wb;
}

describe('GET /api/matrix', () => {
  it.each([2019, 2020])('gives the secretariat every agency × leaf × stage of %i exactly as the engine scores the stored inputs', async (year) => {
    const sec = await t.as('secretariat');
    const res = await sec.get<LeafMatrix>(`/api/matrix?year=${year}&groupId=${so()}`);
    expect(res.status).toBe(200);
    const m = res.body;
    const engine = await engineCells(year, so());
    expect(m.scope).toBe('all');
    expect(m.stages).toEqual(['self', 'appraisal1', 'final']);
    expect(m.rows).toHaveLength(engine.agencyCount);
    expect(m.leaves).toHaveLength(engine.leafCount);
    let compared = 0;
    for (const row of m.rows) {
      expect(row.visibleFields).toBeNull();
      expect(row.cells).toHaveLength(m.leaves.length * 3);
      m.leaves.forEach((leaf, i) => {
        STAGES.forEach((stage, k) => {
          expect(row.cells[i * 3 + k], `${row.code} ${leaf.code} ${stage}`).toBe(engine.out.get(`${row.agencyId}|${leaf.code}|${stage}`));
          compared++;
        });
      });
    }
    expect(compared).toBe(engine.agencyCount * engine.leafCount * 3);
    // Agencies come in code order; the fields are the framework's top-level nodes.
    expect(m.rows.map((r) => r.code)).toEqual([...m.rows.map((r) => r.code)].sort());
    expect(new Set(m.leaves.map((l) => l.fieldCode))).toEqual(new Set(m.fields.map((f) => f.code)));
  });

  it('holds scored, survey, not-applicable and appraisal-changed cells in the published 2019 group (the comparison above is not vacuous)', async () => {
    const sec = await t.as('secretariat');
    const m = (await sec.get<LeafMatrix>(`/api/matrix?year=2019&groupId=${so()}`)).body;
    const all = m.rows.flatMap((r) => r.cells);
    expect(all.filter((c) => c !== null && c !== 'na').length).toBeGreaterThan(m.rows.length * m.leaves.length);
    expect(m.leaves.some((l) => l.isSurvey)).toBe(true);
    expect(all.filter((c) => c === 'na').length).toBeGreaterThan(0);
    let changed = 0;
    for (const r of m.rows) for (let i = 0; i < m.leaves.length; i++) if (Object.values(stageDifferences(r.cells[i * 3]!, r.cells[i * 3 + 1]!, r.cells[i * 3 + 2]!)).some(Boolean)) changed++;
    expect(changed).toBeGreaterThan(0);
  });

  it("shows an agency only its own row: in the open 2020 period only its self-assessment, once published all three stages", async () => {
    const focal = await t.as('bdt.focal');
    const open = await focal.get<LeafMatrix>(`/api/matrix?year=2020&groupId=${so()}`);
    expect(open.status).toBe(200);
    expect(open.body.scope).toBe('own');
    expect(open.body.rows.map((r) => r.code)).toEqual(['BDT']);
    expect(open.body.stages).toEqual(['self']);
    expect(open.body.rows[0]!.cells.filter((_, i) => i % 3 !== 0).every((c) => c === null)).toBe(true);
    expect(open.body.rows[0]!.cells.some((c) => c !== null)).toBe(true);

    const published = await focal.get<LeafMatrix>(`/api/matrix?year=2019&groupId=${so()}`);
    expect(published.body.rows.map((r) => r.code)).toEqual(['BDT']);
    expect(published.body.stages).toEqual(['self', 'appraisal1', 'final']);
    const stp = await t.as('stp.focal');
    expect((await stp.get<LeafMatrix>(`/api/matrix?year=2020&groupId=${so()}`)).body.rows.map((r) => r.code)).toEqual(['STP']);
  });

  it("shows an appraiser the fields of their scope only (the demo appraiser appraises field 2)", async () => {
    const appraiser = await t.as('appraiser');
    const res = await appraiser.get<LeafMatrix>(`/api/matrix?year=2019&groupId=${so()}`);
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe('appraiser');
    expect(res.body.rows.length).toBeGreaterThan(1);
    for (const row of res.body.rows) {
      expect(row.visibleFields).toEqual(['2']);
      res.body.leaves.forEach((leaf, i) => {
        if (leaf.fieldCode !== '2') expect(row.cells.slice(i * 3, i * 3 + 3)).toEqual([null, null, null]);
      });
    }
    expect(res.body.rows.some((r) => res.body.leaves.some((l, i) => l.fieldCode === '2' && r.cells[i * 3] !== null))).toBe(true);
  });

  it('refuses anonymous callers (401), users with no role (403), bad input (400), and unknown or foreign groups or years (404)', async () => {
    expect((await (await t.as()).get(`/api/matrix?year=2019&groupId=${so()}`)).status).toBe(401);
    const [u] = await t.database.db
      .insert(users)
      .values({ provinceId: t.org.provinceId, username: 'no.role', fullName: 'Không vai trò', passwordHash: (await t.database.query<{ password_hash: string }>("select password_hash from users where username = 'secretariat'"))[0]!.password_hash })
      .returning();
    expect(u).toBeTruthy();
    const noRole = await t.as();
    await noRole.login('no.role', DEMO_PASSWORD);
    expect((await noRole.get(`/api/matrix?year=2019&groupId=${so()}`)).status).toBe(403);
    expect((await noRole.get(`/api/matrix.xlsx?year=2019&groupId=${so()}`)).status).toBe(403);
    const sec = await t.as('secretariat');
    expect((await sec.get(`/api/matrix?year=soon&groupId=${so()}`)).status).toBe(400);
    expect((await sec.get(`/api/matrix?year=2019`)).status).toBe(400);
    expect((await sec.get(`/api/matrix?year=2019&groupId=${otherGroupId}`)).status).toBe(404);
    expect((await sec.get(`/api/matrix?year=2011&groupId=${so()}`)).status).toBe(404);
    expect((await sec.get(`/api/matrix.xlsx?year=2011&groupId=${so()}`)).status).toBe(404);
  });
});

describe('GET /api/matrix.xlsx', () => {
  it('holds the same values as the matrix, every agency and leaf, stage sub-columns, frozen headers and highlighted differences', async () => {
    const sec = await t.as('secretariat');
    const m = (await sec.get<LeafMatrix>(`/api/matrix?year=2019&groupId=${so()}`)).body;
    const res = await sec.get(`/api/matrix.xlsx?year=2019&groupId=${so()}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(res.headers['content-disposition'])).toContain('Ma-tran-diem-SO-2019.xlsx');
    const ws = (await loadXlsx(res.raw)).worksheets[0]!;
    expect(ws.columnCount).toBe(MATRIX_FIXED_COLUMNS + m.leaves.length * 3);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: MATRIX_FIXED_COLUMNS, ySplit: MATRIX_FIRST_ROW - 1 });
    expect(String(ws.getCell(MATRIX_FIRST_ROW - 2, MATRIX_FIXED_COLUMNS + 1).value)).toContain(m.leaves[0]!.code);
    expect(ws.getCell(MATRIX_FIRST_ROW - 1, MATRIX_FIXED_COLUMNS + 2).value).toBe('TĐ lần 1');
    let highlighted = 0;
    m.rows.forEach((row, r) => {
      const x = ws.getRow(MATRIX_FIRST_ROW + r);
      expect(x.getCell(2).value).toBe(row.code);
      expect(x.getCell(3).value).toBe(row.nameVi);
      row.cells.forEach((c, k) => {
        const cell = x.getCell(MATRIX_FIXED_COLUMNS + 1 + k);
        expect(cell.value, `${row.code} column ${k}`).toBe(c === null ? null : c === 'na' ? 'KAD' : Number(c));
        const i = Math.floor(k / 3);
        const d = stageDifferences(row.cells[i * 3]!, row.cells[i * 3 + 1]!, row.cells[i * 3 + 2]!);
        const expectFill = (k % 3 === 1 && d.appraisal1) || (k % 3 === 2 && d.final);
        expect((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === 'FFFFE699', `${row.code} column ${k} fill`).toBe(expectFill);
        if (expectFill) highlighted++;
      });
    });
    expect(ws.getRow(MATRIX_FIRST_ROW + m.rows.length).getCell(2).value).toBeNull();
    expect(highlighted).toBeGreaterThan(0);
  });

  it("exports for an agency only its own row and visible stages, in English with lang=en", async () => {
    const focal = await t.as('bdt.focal');
    const res = await focal.get(`/api/matrix.xlsx?year=2020&groupId=${so()}&lang=en`);
    expect(res.status).toBe(200);
    const ws = (await loadXlsx(res.raw)).worksheets[0]!;
    const m = (await focal.get<LeafMatrix>(`/api/matrix?year=2020&groupId=${so()}`)).body;
    expect(ws.columnCount).toBe(MATRIX_FIXED_COLUMNS + m.leaves.length);
    expect(ws.getCell(MATRIX_FIRST_ROW - 1, MATRIX_FIXED_COLUMNS + 1).value).toBe('Self');
    expect(ws.getRow(MATRIX_FIRST_ROW).getCell(2).value).toBe('BDT');
    expect(ws.getRow(MATRIX_FIRST_ROW + 1).getCell(2).value).toBeNull();
  });
});
