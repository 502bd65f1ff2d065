/**
 * bench/engine: indices and ranks for (a) a province of 300 agencies × 120 leaves and (b) a nation of 20,000
 * agencies × 120 leaves, computed by the application's own path (computeGroupResults: framework load, SQL
 * aggregation per top-level field, exact engine, ranking, rank change), against a plain SQL
 * `SUM … GROUP BY` + `RANK()` over the same stored scores, measured in the same run.
 *
 *   npm run bench -- engine              # province on PGlite and PostgreSQL, nation on PostgreSQL
 *   npm run bench -- engine --quick      # province only
 */
import { compileFramework, computeIndexFast } from '../../src/core/domain/compute-index';
import { rankAgencies } from '../../src/core/domain/ranking';
import type { Database } from '../../src/server/db/client';
import { computeGroupResults } from '../../src/server/modules/results/compute';
import { openBenchPglite, openBenchPostgres } from '../lib/databases';
import { mib, ms, repeat, table } from '../lib/measure';
import { seedSyntheticProvince, syntheticFramework } from '../lib/synthetic';

const BASELINE_SQL = `
  select a.agency_id, sum(s.effective_units) as total, rank() over (order by sum(s.effective_units) desc) as rank
  from leaf_scores s join assessments a on a.id = s.assessment_id
  where a.period_id = $1
  group by a.agency_id`;

interface Row {
  scale: string;
  database: string;
  'engine (median)': string;
  'SQL baseline (median)': string;
  ratio: string;
  target: string;
  'heap Δ': string;
  rss: string;
}

async function measure(database: Database, label: string, code: string, agencies: number, runs: number, target: number): Promise<Row> {
  const p = await seedSyntheticProvince(database, code, agencies);
  const baseline = await repeat(() => database.query(BASELINE_SQL, [p.periodId]), runs, 2);
  if (global.gc) global.gc();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const engine = await repeat(async () => {
    const res = await computeGroupResults(database.db, p.provinceId, p.year, p.groupId);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    if (!res || res.agencies.length !== agencies) throw new Error(`expected ${agencies} agencies, got ${res?.agencies.length}`);
    return res;
  }, runs, 2);
  // Cross-check: the engine's ranking order matches the SQL's on totals where no bonus/deduction/N/A intervenes is not
  // guaranteed (the engine applies caps and N/A), so we only check both rank every agency.
  const sqlRows = await database.query<{ agency_id: number }>(BASELINE_SQL, [p.periodId]);
  if (sqlRows.length !== agencies) throw new Error('baseline row count mismatch');
  const ratio = engine.median / baseline.median;
  return {
    scale: `${label}: ${agencies.toLocaleString('en')} × ${p.leaves}`,
    database: database.kind,
    'engine (median)': ms(engine.median),
    'SQL baseline (median)': ms(baseline.median),
    ratio: `${ratio.toFixed(2)}×`,
    target: `< ${target} ms, ≤ 1.5× → ${engine.median < target && ratio <= 1.5 ? 'met' : 'NOT met'}`,
    'heap Δ': mib(peakHeap - heapBefore),
    rss: mib(process.memoryUsage().rss),
  };
}

/** The pure engine alone (no database): computeIndexFast + ranking over in-memory leaf units. */
function pureEngine(agencies: number): { ms: number; perAgencyUs: number } {
  const compiled = compileFramework(syntheticFramework(2025));
  const n = compiled.leafCodes.length;
  const units = Array.from({ length: agencies }, (_, a) => Float64Array.from({ length: n }, (_, i) => Math.floor(((a * 31 + i * 17) % 100) / 100 * (compiled.leafMax[i] ?? 0))));
  const start = process.hrtime.bigint();
  const entries = units.map((u, a) => ({ agencyId: String(a), code: `A${a}`, nameVi: '', indexHundredths: computeIndexFast(compiled, u).totalIndex ?? 0 }));
  rankAgencies(entries);
  const t = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms: t, perAgencyUs: (t * 1000) / agencies };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const rows: Row[] = [];
  console.log('bench/engine — indices and ranks vs plain SQL SUM/GROUP BY/RANK over the same stored scores\n');
  console.log('Seeding (reused across runs on PostgreSQL: database parindex_bench_engine)…');
  const pg = await openBenchPostgres('parindex_bench_engine');
  try {
    rows.push(await measure(pg, 'province', 'BENCHP', 300, 15, 50));
    if (!quick) rows.push(await measure(pg, 'nation', 'BENCHN', 20_000, 5, 2000));
  } finally {
    await pg.close();
  }
  const lite = await openBenchPglite();
  try {
    rows.push(await measure(lite, 'province', 'BENCHP', 300, 15, 50));
  } finally {
    await lite.close();
  }
  console.log('');
  table(rows as unknown as Record<string, string>[]);
  const pure300 = pureEngine(300);
  const pure20k = pureEngine(20_000);
  console.log(`\nPure engine (no database): 300 agencies ${ms(pure300.ms)}, 20,000 agencies ${ms(pure20k.ms)} (${pure20k.perAgencyUs.toFixed(1)} µs per agency of 120 leaves).`);
  console.log('Ratios compare medians measured in this run; absolute times vary with the machine’s load.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
