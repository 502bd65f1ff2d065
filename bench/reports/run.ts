/**
 * bench/reports: a synthetic province of 300 agencies × 120 leaves with a sociological survey (25 respondents per
 * agency, 10 survey leaves, tally applied) and published results. Times, through the application's own services:
 * the province results annex (.xlsx, 300 agencies), one agency's analysis report (.docx) and one agency's analysis
 * with the Monte Carlo over every agency's survey confidence intervals (1000 draws). Each against a plain SQL query
 * of the same data measured in the same run:
 *   - annex: SUM of the stored leaf points per agency × field, total and RANK() (the table the annex shows);
 *   - analysis and report: every leaf point of the group (what the analysis reads) in one SELECT;
 *   - leaf matrix (JSON and the streamed .xlsx, 300 × 120 × 3 cells): the self / appraisal 1 / final / survey points
 *     of every leaf of the group in one SELECT.
 *
 *   npm run bench -- reports [--runs 7] [--only postgres|pglite]
 */
import { migrateDatabase, openDatabase, type Database } from '../../src/server/db/client';
import type { Ctx } from '../../src/server/lib/context';
import type { Actor } from '../../src/server/policies';
import { agencyAnalysis } from '../../src/server/modules/analysis/service';
import { publishPeriod } from '../../src/server/modules/publication/service';
import { agencyReportDocx, provinceAnnexXlsx } from '../../src/server/modules/reports/service';
import { applyTally } from '../../src/server/modules/surveys/tally';
import { openBenchPostgres } from '../lib/databases';
import { Writable } from 'node:stream';
import { matrixXlsx as matrixXlsxStream } from '../../src/server/modules/matrix/export';
import { leafMatrix } from '../../src/server/modules/matrix/service';
import { mib, ms, repeat, table } from '../lib/measure';
import { seedSyntheticProvince, type SyntheticProvince } from '../lib/synthetic';

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 7;
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const AGENCIES = 300;
const RESPONDENTS = 25;
const TARGETS = { annex: 500, docx: 1000, matrix: 1000 };

const ANNEX_SQL = `
  with f as (
    select a.agency_id, split_part(s.node_code, '.', 1) as field, sum(s.effective_units) as units
    from leaf_scores s join assessments a on a.id = s.assessment_id
    where a.period_id = $1 and not s.effective_na
    group by a.agency_id, split_part(s.node_code, '.', 1)
  )
  select g.name_vi, f.agency_id, jsonb_object_agg(f.field, f.units) as fields, sum(f.units) as total,
         rank() over (order by sum(f.units) desc) as rank
  from f join agencies g on g.id = f.agency_id
  group by g.name_vi, f.agency_id`;

const GROUP_SQL = `
  select a.agency_id, s.node_code, s.effective_units, s.effective_na
  from leaf_scores s join assessments a on a.id = s.assessment_id
  where a.period_id = $1`;

const MATRIX_SQL = `
  select a.agency_id, s.node_code, s.self_points, s.appraisal1_points, s.final_points, s.survey_points
  from leaf_scores s join assessments a on a.id = s.assessment_id
  where a.period_id = $1`;

interface Prepared {
  p: SyntheticProvince;
  ctx: Ctx;
  lastAgencyId: number;
  surveyResponses: number;
}

/** Seeds the province, a survey over its 10 survey leaves, applies the tally and publishes the period. */
async function prepare(database: Database): Promise<Prepared> {
  const p = await seedSyntheticProvince(database, 'REPORTS', AGENCIES);
  const [user] = await database.query<{ id: number }>(
    "insert into users (province_id, username, full_name, password_hash) values ($1, 'bench.reports', 'Thường trực (đo)', 'x') returning id",
    [p.provinceId],
  );
  await database.query("insert into user_roles (user_id, role) values ($1, 'secretariat')", [user!.id]);
  const actor: Actor = { userId: user!.id, provinceId: p.provinceId, username: 'bench.reports', fullName: 'Thường trực (đo)', grants: [{ role: 'secretariat', agencyId: null, divisionId: null, fieldCodes: [], agencyIds: [] }] };
  const ctx: Ctx = { db: database.db, actor, requestId: 'bench-reports', now: new Date(), lang: 'vi' };
  const agencies = (await database.query<{ id: number }>('select id from agencies where province_id = $1 order by id', [p.provinceId])).map((a) => a.id);

  // One questionnaire rating every agency; question i feeds survey leaf 8.c.s; 25 respondents per agency.
  const options = ['A', 'B', 'C', 'D'].map((code, k) => ({ code, labelVi: code, labelEn: code, weight: ['1', '0.6', '0.2', '0'][k] }));
  options.push({ code: 'E', labelVi: 'Không biết', labelEn: "Don't know", weight: null as unknown as string });
  const leaves = Array.from({ length: 10 }, (_, i) => `8.${Math.floor(i / 2) + 1}.${(i % 2) + 1}`);
  const content = {
    introVi: '',
    introEn: '',
    respondentGroups: [{ code: 'DN', nameVi: 'Doanh nghiệp', nameEn: 'Businesses' }],
    ratedAgencyIds: agencies,
    sections: [
      {
        code: 'S1',
        titleVi: 'Đánh giá',
        titleEn: 'Rating',
        questions: leaves.map((leaf, i) => ({ code: `Q${i + 1}`, type: 'single', textVi: `Câu ${i + 1}`, textEn: `Question ${i + 1}`, required: true, perAgency: true, leafCodes: [leaf], maxLength: 1000, options })),
      },
    ],
  };
  const [q] = await database.query<{ id: number }>(
    "insert into questionnaires (province_id, period_id, code, title_vi, title_en, status, open_link, public_token, content) values ($1, $2, 'P02', 'Phiếu doanh nghiệp', 'Businesses', 'closed', 'off', 'bench-reports-token', $3) returning id",
    [p.provinceId, p.periodId, JSON.stringify(content)],
  );
  await database.query('select setseed(0.17)');
  await database.query(
    `insert into survey_responses (questionnaire_id, respondent_group, channel, idempotency_key, answers, status)
     select $1, 'DN', 'code', 'bench-' || ag.id || '-' || r,
       (select jsonb_agg(jsonb_build_object('q', 'Q' || i, 'a', ag.id, 'o', (array['A','A','B','B','B','C','D','E'])[1 + floor(random() * 8)::int]))
          from generate_series(1, 10) i),
       'valid'
     from agencies ag cross join generate_series(1, $3::int) r where ag.province_id = $2`,
    [q!.id, p.provinceId, RESPONDENTS],
  );
  // The synthetic province holds final scores only: the agencies self-assessed the same inputs, 15 % a quarter
  // point higher, and appraisal round 1 kept them, so the leaf matrix has three stages and differences to mark.
  await database.query(
    `update leaf_scores s set self_input = s.final_input, appraisal1_input = s.final_input, appraisal1_points = s.final_points,
       self_points = case when s.final_points is not null and random() < 0.15 then s.final_points + 0.25 else s.final_points end
     from assessments a where a.id = s.assessment_id and a.period_id = $1`,
    [p.periodId],
  );
  // The secretariat applies the tally during appraisal, then the period is finalised and published.
  await database.query("update periods set phase = 'appraisal2' where id = $1", [p.periodId]);
  const applied = await applyTally(ctx, p.periodId);
  if (applied.updated + applied.unchanged !== AGENCIES * leaves.length) throw new Error(`tally gave ${applied.updated + applied.unchanged} cells, expected ${AGENCIES * leaves.length}`);
  const [period] = await database.query<{ version: number }>("update periods set phase = 'finalised', version = version + 1 where id = $1 returning version", [p.periodId]);
  await publishPeriod(ctx, p.periodId, { version: period!.version, decisionNumber: '123/QĐ-UBND', decisionDate: `${p.year + 1}-03-15` });
  const [last] = await database.query<{ agency_id: number }>(
    `select a.agency_id from assessments a join leaf_scores s on s.assessment_id = a.id where a.period_id = $1 group by a.agency_id order by sum(s.effective_units) asc, a.agency_id limit 1`,
    [p.periodId],
  );
  return { p, ctx, lastAgencyId: last!.agency_id, surveyResponses: AGENCIES * RESPONDENTS };
}

interface Row {
  what: string;
  database: string;
  'app (median)': string;
  'plain SQL (median)': string;
  ratio: string;
  target: string;
  output: string;
}

async function bench(database: Database): Promise<Row[]> {
  const t0 = Date.now();
  const { p, ctx, lastAgencyId } = await prepare(database);
  console.log(`  ${database.kind}: seeded, surveyed (${AGENCIES * RESPONDENTS} responses), tally applied and published in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const rows: Row[] = [];
  const sqlAnnex = await repeat(() => database.query(ANNEX_SQL, [p.periodId]), RUNS, 2);
  const sqlGroup = await repeat(() => database.query(GROUP_SQL, [p.periodId]), RUNS, 2);
  const check = await database.query(ANNEX_SQL, [p.periodId]);
  if (check.length !== AGENCIES) throw new Error(`annex SQL returned ${check.length} rows`);

  let annexBytes = 0;
  const annex = await repeat(async () => {
    const f = await provinceAnnexXlsx(ctx, { year: p.year, groupId: p.groupId });
    annexBytes = f.buffer.length;
  }, RUNS, 1);
  rows.push({
    what: `province annex .xlsx (${AGENCIES} agencies × 8 fields)`,
    database: database.kind,
    'app (median)': ms(annex.median),
    'plain SQL (median)': `${ms(sqlAnnex.median)} (agency × field SUM + RANK)`,
    ratio: `${(annex.median / sqlAnnex.median).toFixed(1)}×`,
    target: `< ${TARGETS.annex} ms → ${annex.median < TARGETS.annex ? 'met' : 'NOT met'}`,
    output: `${(annexBytes / 1024).toFixed(0)} KiB`,
  });

  let docxBytes = 0;
  const docx = await repeat(async () => {
    const f = await agencyReportDocx(ctx, lastAgencyId, { year: p.year });
    docxBytes = f.buffer.length;
  }, RUNS, 1);
  rows.push({
    what: 'one agency report .docx (incl. analysis, 2 charts)',
    database: database.kind,
    'app (median)': ms(docx.median),
    'plain SQL (median)': `${ms(sqlGroup.median)} (the group's ${AGENCIES * 120} leaf points)`,
    ratio: `${(docx.median / sqlGroup.median).toFixed(1)}×`,
    target: `< ${TARGETS.docx} ms → ${docx.median < TARGETS.docx ? 'met' : 'NOT met'}`,
    output: `${(docxBytes / 1024).toFixed(0)} KiB`,
  });

  let drawn = 0;
  let interval = '';
  const analysis = await repeat(async () => {
    const a = await agencyAnalysis(ctx, lastAgencyId, { year: p.year, draws: 1000 });
    drawn = a.robustness.surveyLeavesDrawn;
    const r = a.robustness.agency!;
    interval = `rank ${r.currentRank}, 5–95%: ${r.ranks.p5}–${r.ranks.p95}`;
  }, RUNS, 1);
  rows.push({
    what: `one agency analysis, Monte Carlo 1000 draws × ${drawn} survey leaves`,
    database: database.kind,
    'app (median)': ms(analysis.median),
    'plain SQL (median)': `${ms(sqlGroup.median)} (same)`,
    ratio: `${(analysis.median / sqlGroup.median).toFixed(1)}×`,
    target: '—',
    output: interval,
  });
  const sqlMatrix = await repeat(() => database.query(MATRIX_SQL, [p.periodId]), RUNS, 2);
  let cells = 0;
  const matrixJson = await repeat(async () => {
    const m = await leafMatrix(ctx, { year: p.year, groupId: p.groupId });
    cells = m.rows.length * m.leaves.length * m.stages.length;
  }, RUNS, 1);
  rows.push({
    what: `leaf matrix (JSON, ${cells} cells)`,
    database: database.kind,
    'app (median)': ms(matrixJson.median),
    'plain SQL (median)': `${ms(sqlMatrix.median)} (the group's leaf rows, 4 stages' points)`,
    ratio: `${(matrixJson.median / sqlMatrix.median).toFixed(1)}×`,
    target: '—',
    output: '',
  });
  let matrixBytes = 0;
  const matrixXlsx = await repeat(async () => {
    const m = await leafMatrix(ctx, { year: p.year, groupId: p.groupId });
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        cb();
      },
    });
    const finished = new Promise<void>((resolve, reject) => {
      sink.on('finish', resolve);
      sink.on('error', reject);
    });
    matrixXlsxStream(m, 'vi', new Date()).pipe(sink);
    await finished;
    matrixBytes = bytes;
  }, RUNS, 1);
  rows.push({
    what: `leaf matrix .xlsx, streamed (${AGENCIES} × 120 × 3)`,
    database: database.kind,
    'app (median)': ms(matrixXlsx.median),
    'plain SQL (median)': `${ms(sqlMatrix.median)} (same)`,
    ratio: `${(matrixXlsx.median / sqlMatrix.median).toFixed(1)}×`,
    target: `< ${TARGETS.matrix} ms → ${matrixXlsx.median < TARGETS.matrix ? 'met' : 'NOT met'}`,
    output: `${(matrixBytes / 1024).toFixed(0)} KiB`,
  });
  rows.push({ what: 'process RSS after the runs', database: database.kind, 'app (median)': mib(process.memoryUsage().rss), 'plain SQL (median)': '', ratio: '', target: '', output: '' });
  return rows;
}

async function main() {
  console.log(`bench/reports — ${AGENCIES} agencies × 120 leaves, ${RESPONDENTS} survey respondents per agency, published; median of ${RUNS} runs after a warm-up, in process\n`);
  const rows: Row[] = [];
  if (ONLY !== 'pglite') {
    const db = await openBenchPostgres('parindex_bench_reports', { fresh: true });
    try {
      rows.push(...(await bench(db)));
    } finally {
      await db.close();
    }
  }
  if (ONLY !== 'postgres') {
    const db = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(db);
    try {
      rows.push(...(await bench(db)));
    } finally {
      await db.close();
    }
  }
  console.log('');
  table(rows as unknown as Record<string, string>[]);
  console.log(`\nTargets (shared/design/targets.md): province results annex .xlsx (300 agencies) < 0.5 s; one agency's analysis report .docx < 1 s; leaf matrix .xlsx (300 × 120 × 3, issue 12) < 1 s on PostgreSQL.`);
  console.log('The report and the analysis include loading the published snapshots (current year, previous year, trend years) and the survey tally for the confidence intervals.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
