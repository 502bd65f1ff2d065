import { eq, sql } from 'drizzle-orm';
import { DEFAULT_BANDS } from '../../src/core/domain/classification';
import { canonicalizeFramework } from '../../src/core/domain/framework';
import { leafNodes } from '../../src/core/domain/framework';
import { parsePoints } from '../../src/core/domain/decimal';
import type { Framework, FrameworkNode } from '../../src/core/schemas/framework';
import type { Database } from '../../src/server/db/client';
import { agencyGroups, frameworkNodes, frameworks, periodFrameworks, periods, provinces } from '../../src/server/db/schema/index';

/**
 * A synthetic framework of exactly 120 leaves (7 appraised fields × 5 criteria × 3 sub-criteria, a survey field of
 * 10 leaves, 1 bonus and 4 deduction items) totalling 100 points, and a province of N agencies scored on it.
 */
export function syntheticFramework(year: number): Framework {
  const nodes: FrameworkNode[] = [];
  const node = (code: string, parentCode: string | null, position: number, maxPoints: string, method: FrameworkNode['method'], extra: Partial<FrameworkNode> = {}): void => {
    nodes.push({ code, parentCode, position, nameVi: `Tiêu chí ${code}`, nameEn: `Criterion ${code}`, maxPoints, mayBeNotApplicable: false, method, kind: 'regular', ...extra });
  };
  for (let f = 1; f <= 7; f++) {
    node(String(f), null, f, '10', null, { nameVi: `Lĩnh vực ${f}` });
    for (let c = 1; c <= 5; c++) {
      node(`${f}.${c}`, String(f), c, '2', null);
      const maxima = ['0.5', '0.5', '1'];
      for (let s = 1; s <= 3; s++) {
        node(`${f}.${c}.${s}`, `${f}.${c}`, s, maxima[s - 1]!, { type: 'manual', step: '0.25' }, { mayBeNotApplicable: f === 6 && s === 3 });
      }
    }
  }
  node('8', null, 8, '30', null, { nameVi: 'Tác động (điều tra xã hội học)' });
  for (let c = 1; c <= 5; c++) {
    node(`8.${c}`, '8', c, '6', null);
    for (let s = 1; s <= 2; s++) node(`8.${c}.${s}`, `8.${c}`, s, '3', { type: 'survey' });
  }
  node('B', null, 9, '2', null, { kind: 'bonus', nameVi: 'Điểm thưởng' });
  node('B.1', 'B', 1, '2', { type: 'manual', step: '0.25' }, { kind: 'bonus' });
  node('D', null, 10, '4', null, { kind: 'deduction', nameVi: 'Điểm trừ' });
  for (let d = 1; d <= 4; d++) node(`D.${d}`, 'D', d, '1', { type: 'manual', step: '1' }, { kind: 'deduction' });
  return canonicalizeFramework({
    year,
    groupCode: 'BENCH',
    nameVi: `Bộ tiêu chí tổng hợp ${year}`,
    nameEn: `Synthetic framework ${year}`,
    declaredTotal: '100',
    bonusCap: '2',
    deductionCap: '3',
    bands: [...DEFAULT_BANDS],
    nodes,
  });
}

export interface SyntheticProvince {
  provinceId: number;
  groupId: number;
  periodId: number;
  frameworkId: number;
  year: number;
  agencies: number;
  leaves: number;
}

/** Creates a province with `agencies` agencies, the synthetic framework and a period whose every leaf is scored. */
export async function seedSyntheticProvince(database: Database, code: string, agencyCount: number, year = 2025): Promise<SyntheticProvince> {
  const db = database.db;
  const existing = (await db.select().from(provinces).where(eq(provinces.code, code)).limit(1))[0];
  if (existing) {
    const group = (await db.select().from(agencyGroups).where(eq(agencyGroups.provinceId, existing.id)).limit(1))[0]!;
    const period = (await db.select().from(periods).where(eq(periods.provinceId, existing.id)).limit(1))[0]!;
    const fw = (await db.select().from(periodFrameworks).where(eq(periodFrameworks.periodId, period.id)).limit(1))[0]!;
    const [n] = await database.query<{ n: number }>('select count(*)::int as n from agencies where province_id = $1', [existing.id]);
    if (n?.n === agencyCount) {
      return { provinceId: existing.id, groupId: group.id, periodId: period.id, frameworkId: fw.frameworkId, year: period.year, agencies: agencyCount, leaves: 120 };
    }
    throw new Error(`Province ${code} exists with ${n?.n} agencies; drop the benchmark database to regenerate.`);
  }
  const f = syntheticFramework(year);
  const [p] = await db.insert(provinces).values({ code, nameVi: `Tỉnh ${code}`, nameEn: code }).returning();
  const [g] = await db.insert(agencyGroups).values({ provinceId: p!.id, code: 'BENCH', nameVi: 'Nhóm đo', nameEn: 'Benchmark group' }).returning();
  await database.query(
    `insert into agencies (province_id, group_id, code, name_vi, name_en, active_from_year, search_text)
     select $1, $2, 'A' || lpad(i::text, 5, '0'), 'Cơ quan ' || i, 'Agency ' || i, 2015, 'a' || i from generate_series(1, $3::int) i`,
    [p!.id, g!.id, agencyCount],
  );
  const [fw] = await db
    .insert(frameworks)
    .values({ provinceId: p!.id, groupId: g!.id, year, nameVi: f.nameVi, nameEn: f.nameEn, declaredTotal: f.declaredTotal, bonusCap: f.bonusCap, deductionCap: f.deductionCap, bands: f.bands, status: 'published' })
    .returning();
  await db.insert(frameworkNodes).values(
    f.nodes.map((n) => ({ frameworkId: fw!.id, code: n.code, parentCode: n.parentCode, position: n.position, nameVi: n.nameVi, nameEn: n.nameEn, maxPoints: n.maxPoints, mayBeNotApplicable: n.mayBeNotApplicable, kind: n.kind, method: n.method })),
  );
  const [period] = await db.insert(periods).values({ provinceId: p!.id, year, nameVi: `Kỳ ${year}`, phase: 'finalised' }).returning();
  await db.insert(periodFrameworks).values({ periodId: period!.id, groupId: g!.id, frameworkId: fw!.id });
  await database.query(
    `insert into assessments (period_id, agency_id, framework_id, status) select $1, id, $2, 'finalised' from agencies where group_id = $3 order by id`,
    [period!.id, fw!.id, g!.id],
  );
  const leaves = leafNodes(f.nodes);
  const values = leaves
    .map((l) => `('${l.code}', ${parsePoints(l.maxPoints)}, ${l.method?.type === 'survey'}, ${l.mayBeNotApplicable}, '${l.kind}')`)
    .join(',\n');
  await database.query('select setseed(0.42)');
  const [range] = await database.query<{ lo: number; hi: number }>('select min(id)::int as lo, max(id)::int as hi from assessments where period_id = $1', [period!.id]);
  const chunk = 1000;
  for (let lo = range!.lo; lo <= range!.hi; lo += chunk) {
    await database.query(
      `insert into leaf_scores (assessment_id, node_code, final_input, final_points, survey_points, effective_units, effective_na, updated_at)
       select a.id, l.code,
         case when l.survey then null when r.na then '{"notApplicable": true}'::jsonb
              else jsonb_build_object('value', trim_scale(r.u / 10000.0)::text) end,
         case when l.survey or r.na then null else r.u / 10000.0 end,
         case when l.survey then r.u / 10000.0 else null end,
         case when r.na then 0 else r.u end,
         r.na,
         now()
       from assessments a
       cross join (values ${values}) as l(code, max_units, survey, na_ok, kind)
       cross join lateral (
         select l.na_ok and random() < 0.05 as na,
                case when l.kind = 'deduction' then (case when random() < 0.1 then l.max_units else 0 end)
                     when l.kind = 'bonus' then (case when random() < 0.2 then (floor(random() * 9) * 2500)::int else 0 end)
                     when l.survey then (floor(random() * (l.max_units / 100 + 1)) * 100)::int
                     else (floor((0.45 + random() * 0.55) * (l.max_units / 2500 + 1)) * 2500)::int end as u
       ) r
       where a.period_id = $1 and a.id between $2 and $3`,
      [period!.id, lo, Math.min(range!.hi, lo + chunk - 1)],
    );
  }
  await database.query('analyze');
  void sql;
  return { provinceId: p!.id, groupId: g!.id, periodId: period!.id, frameworkId: fw!.id, year, agencies: agencyCount, leaves: leaves.length };
}
