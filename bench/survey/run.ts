/**
 * bench/survey: survey submission throughput and latency (autocannon, 50 connections, a realistic 20-answer
 * payload: 10 matrix questions × 2 rated agencies, each with a fresh one-time code and idempotency key) on
 * PostgreSQL and on PGlite, against a bare Fastify route doing one plain INSERT of the same payload, measured in the
 * same run. Afterwards it checks that every 201 was stored exactly once and every code used once.
 *
 *   npm run bench -- survey [--seconds 10] [--rounds 4] [--only postgres|pglite]
 *
 * The load alternates between baseline and app in slices (--rounds) so both meet the same background load.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { migrateDatabase, openDatabase, type Database } from '../../src/server/db/client';
import { benchDatabaseName, openBenchPostgres, PG_ADMIN_URL } from '../lib/databases';
import { interleave, type LoadFigures, table } from '../lib/measure';
import { APP_SERVER, type ServerProcess, startServer } from '../lib/server-process';
import { seedSyntheticProvince } from '../lib/synthetic';

const args = process.argv.slice(2);
const SECONDS = Number(args[args.indexOf('--seconds') + 1]) || 10;
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const CONNECTIONS = 50;
/** Slices per side: the load alternates baseline and app this many times (SECONDS split between them). */
const ROUNDS = Number(args[args.indexOf('--rounds') + 1]) || 4;
const CODES = 200_000;

interface Prepared {
  questionnaireId: number;
  /** The questionnaire the baseline's rows go to (so the app's rows can be counted on their own). */
  baselineQuestionnaireId: number;
  token: string;
  agencies: number[];
}

async function prepare(database: Database): Promise<Prepared> {
  const p = await seedSyntheticProvince(database, 'SURVEYB', 20);
  const agencies = (await database.query<{ id: number }>('select id from agencies where province_id = $1 order by id limit 2', [p.provinceId])).map((a) => a.id);
  const token = crypto.randomBytes(12).toString('base64url');
  const options = ['A', 'B', 'C', 'D'].map((code, k) => ({ code, labelVi: code, labelEn: code, weight: ['1', '0.6', '0.2', '0'][k] }));
  options.push({ code: 'E', labelVi: 'Không biết', labelEn: "Don't know", weight: null as unknown as string });
  const content = {
    introVi: '',
    introEn: '',
    respondentGroups: [{ code: 'DB', nameVi: 'Đại biểu HĐND tỉnh', nameEn: 'Provincial council deputies' }],
    ratedAgencyIds: agencies,
    sections: [
      {
        code: 'S1',
        titleVi: 'Đánh giá',
        titleEn: 'Rating',
        questions: Array.from({ length: 10 }, (_, i) => ({
          code: `Q${i + 1}`,
          type: 'single',
          textVi: `Câu hỏi số ${i + 1} về kết quả cải cách hành chính của cơ quan?`,
          textEn: `Question ${i + 1}`,
          required: true,
          perAgency: true,
          leafCodes: [`8.${(i % 5) + 1}.${(i % 2) + 1}`],
          maxLength: 1000,
          options,
        })),
      },
    ],
  };
  const [q] = await database.query<{ id: number }>(
    "insert into questionnaires (province_id, period_id, code, title_vi, title_en, status, open_link, public_token, content) values ($1, $2, 'BENCH', 'Phiếu đo tải', 'Bench', 'published', 'off', $3, $4) returning id",
    [p.provinceId, p.periodId, token, JSON.stringify(content)],
  );
  const [qb] = await database.query<{ id: number }>(
    "insert into questionnaires (province_id, period_id, code, title_vi, title_en, status, open_link, public_token, content) values ($1, $2, 'BENCHB', 'Phiếu đo tải (gốc)', 'Bench baseline', 'published', 'off', $3, $4) returning id",
    [p.provinceId, p.periodId, `${token}b`, JSON.stringify(content)],
  );
  await database.query(
    "insert into survey_codes (questionnaire_id, code, respondent_group) select $1, 'BN' || lpad(i::text, 8, '0'), 'DB' from generate_series(1, $2::int) i",
    [q!.id, CODES],
  );
  return { questionnaireId: q!.id, baselineQuestionnaireId: qb!.id, token, agencies };
}

const payload = (key: string, code: string | null, agencies: number[], n: number) =>
  JSON.stringify({
    ...(code ? { code } : {}),
    idempotencyKey: key,
    answers: agencies.flatMap((agencyId, k) => Array.from({ length: 10 }, (_, i) => ({ questionCode: `Q${i + 1}`, agencyId, optionCode: 'ABCDE'[(n + i + k) % 5] }))),
  });

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

let codeCounter = 0;
/** One slice of load on `pathOf`; acknowledged and refused submissions are added to `tally`. */
async function load(port: number, pathOf: string, prepared: Prepared, withCode: boolean, seconds: number, tally: { acknowledged: number; other: number }) {
  const run_ = `${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  let n = 0;
  return run({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: pathOf,
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const i = n++;
          const code = withCode ? `BN${String(++codeCounter).padStart(8, '0')}` : null;
          return { ...req, body: payload(`bench-${run_}-${String(i).padStart(8, '0')}`, code, prepared.agencies, i) };
        },
        onResponse: (status, body) => {
          if (status === 201) tally.acknowledged++;
          else {
            tally.other++;
            if (tally.other <= 3) console.error(`${pathOf} answered ${status}: ${body.slice(0, 200)}`);
          }
        },
      },
    ],
  });
}

const lat = (r: LoadFigures) => `${r.p50} / ${r.p99} ms`;
const rps = (r: LoadFigures) => Math.round(r.rps);

async function bench(kind: 'postgres' | 'pglite') {
  let env: Record<string, string>;
  let prepared: Prepared;
  let reopen: () => Promise<Database>;
  if (kind === 'postgres') {
    const db = await openBenchPostgres(benchDatabaseName('survey'), { fresh: true });
    prepared = await prepare(db);
    await db.close();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${benchDatabaseName('survey')}`;
    env = { DATABASE_URL: url.toString() };
    reopen = () => openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-bench-survey-'));
    const db = await openDatabase({ dataDir: dir });
    await migrateDatabase(db);
    prepared = await prepare(db);
    await db.close();
    env = { DATA_DIR: dir };
    reopen = () => openDatabase({ dataDir: dir });
  }
  codeCounter = 0;
  // Both servers run side by side on PostgreSQL (on PGlite, one process per database, they take turns) and the load
  // alternates between them, so both meet the same background load.
  const together = kind === 'postgres';
  const baselineEnv = { ...env, PORT: '0', QUESTIONNAIRE_ID: String(prepared.baselineQuestionnaireId) };
  const appEnv = { ...env, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', NODE_ENV: 'production', LOG_LEVEL: 'warn', WEB_DIR: '.tmp/no-web', SURVEY_RATE_PER_IP: '100000000' };
  let baseline: ServerProcess | null = await startServer('bench/survey/baseline-server.ts', baselineEnv);
  let server: ServerProcess | null = together ? await startServer(APP_SERVER, appEnv) : null;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, server?.rssMiB() ?? 0)), 200);
  const baseTally = { acknowledged: 0, other: 0 };
  const app = { acknowledged: 0, other: 0 };
  const slice = SECONDS / ROUNDS;
  const result = await interleave(
    ROUNDS,
    async () => {
      if (!together && server) {
        await server.stop();
        server = null;
      }
      baseline ??= await startServer('bench/survey/baseline-server.ts', baselineEnv);
      return load(baseline.port, '/submit', prepared, false, slice, baseTally);
    },
    async () => {
      if (!together && baseline) {
        await baseline.stop();
        baseline = null;
      }
      server ??= await startServer(APP_SERVER, appEnv);
      return load(server.port, `/api/public/surveys/${prepared.token}/responses`, prepared, true, slice, app);
    },
  );
  clearInterval(sampler);
  await baseline?.stop();
  await server?.stop();
  const db = await reopen();
  const [stored] = await db.query<{ n: number; keys: number }>('select count(*)::int as n, count(distinct idempotency_key)::int as keys from survey_responses where questionnaire_id = $1', [prepared.questionnaireId]);
  const [used] = await db.query<{ n: number }>('select count(*)::int as n from survey_codes where questionnaire_id = $1 and used_at is not null', [prepared.questionnaireId]);
  await db.close();
  // Requests still in flight when a slice stops may be stored without their 201 being counted: at most one per connection and slice.
  const intact = stored!.n >= app.acknowledged && stored!.n <= app.acknowledged + CONNECTIONS * ROUNDS && stored!.keys === stored!.n && used!.n === stored!.n;
  return {
    what: 'submit a 20-answer survey response',
    database: kind,
    'app p50 / p99': lat(result.app),
    'app req/s': rps(result.app),
    'baseline p50 / p99': lat(result.baseline),
    'baseline req/s': rps(result.baseline),
    'app / baseline': `${Math.round(100 / result.ratio)} %`,
    stored: `${stored!.n} stored, ${app.acknowledged} acknowledged${app.other ? `, ${app.other} non-201` : ''}${intact ? '' : ' — MISMATCH'}`,
    'peak RSS': `${peakRss.toFixed(0)} MiB`,
  };
}

async function main() {
  console.log(`bench/survey — ${CONNECTIONS} connections, ${SECONDS}s per side in ${ROUNDS} alternating slices, 20 answers per submission, app and baseline in separate processes\n`);
  const rows = [];
  if (ONLY !== 'pglite') rows.push(await bench('postgres'));
  if (ONLY !== 'postgres') rows.push(await bench('pglite'));
  table(rows as unknown as Record<string, string>[]);
  console.log('\nBaseline = bare Fastify + one plain INSERT of the same payload; measured in this run.');
  console.log('Target (docs/performance.md): PostgreSQL ≥ 2,000 submissions/s, p99 < 50 ms, ≥ 70 % of the baseline.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
