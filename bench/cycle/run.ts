/**
 * bench/cycle: 300 agencies × 120 leaves. Time to open a self-assessment form, to save a leaf (p50/p99 at 10
 * connections, as in targets.md, and under 50 concurrent users, autocannon), to finalise and to publish the period; on PostgreSQL and on PGlite. Each figure
 * has a baseline measured in the same run: a bare Fastify server doing only the plain SELECT / UPDATE, and the
 * plain SQL aggregate + rank for publication.
 *
 *   npm run bench -- cycle [--seconds 10] [--rounds 4] [--only postgres|pglite]
 *
 * Each load alternates between the baseline and the app in slices (--rounds, 4 by default), so both meet the same
 * background load on a shared machine; on PostgreSQL both servers run side by side, on PGlite (one process per
 * database) they take turns.
 *
 * BENCH_SKIP_OPEN=1 shortens the open-form load to 1 s (to profile saving alone, with
 * BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { migrateDatabase, openDatabase, type Database } from '../../src/server/db/client';
import { hashPassword } from '../../src/server/lib/passwords';
import { benchDatabaseName, openBenchPostgres, PG_ADMIN_URL } from '../lib/databases';
import { interleave, type LoadFigures, ms, table, time } from '../lib/measure';
import { APP_SERVER, startServer } from '../lib/server-process';
import { seedSyntheticProvince } from '../lib/synthetic';

const args = process.argv.slice(2);
const SECONDS = Number(args[args.indexOf('--seconds') + 1]) || 10;
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const USERS = 50;
/** Slices per side: each load alternates baseline and app this many times (SECONDS split between them). */
const ROUNDS = Number(args[args.indexOf('--rounds') + 1]) || 4;

interface Session {
  cookie: string;
  csrf: string;
  assessmentId: number;
  leaves: { code: string; id: number; max: number }[];
}

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

async function prepare(database: Database) {
  const p = await seedSyntheticProvince(database, 'CYCLE', 300);
  await database.query("update periods set phase = 'self_assessment', self_assessment_due_at = now() + interval '30 days', appraisal1_due_at = now() + interval '40 days', explanation_due_at = now() + interval '50 days', appraisal2_due_at = now() + interval '60 days' where id = $1", [p.periodId]);
  await database.query("update assessments set status = 'draft' where period_id = $1", [p.periodId]);
  const hash = await hashPassword('Bench-pass-2026', 10);
  const assessments = await database.query<{ id: number; agency_id: number }>('select id, agency_id from assessments where period_id = $1 order by id limit $2', [p.periodId, USERS]);
  const sessions: Session[] = [];
  for (const [i, a] of assessments.entries()) {
    const [u] = await database.query<{ id: number }>('insert into users (province_id, username, full_name, password_hash) values ($1, $2, $3, $4) returning id', [p.provinceId, `bench.focal.${i}`, `Đầu mối ${i}`, hash]);
    await database.query("insert into user_roles (user_id, role, agency_id) values ($1, 'agency_focal', $2)", [u!.id, a.agency_id]);
    const token = crypto.randomBytes(24).toString('base64url');
    const csrf = crypto.randomBytes(16).toString('base64url');
    await database.query("insert into sessions (id, user_id, csrf_token, expires_at) values ($1, $2, $3, now() + interval '1 day')", [sha(token), u!.id, csrf]);
    const leaves = await database.query<{ node_code: string; id: number; max: string }>(
      `select s.node_code, s.id, n.max_points as max from leaf_scores s join framework_nodes n on n.framework_id = $2 and n.code = s.node_code
       where s.assessment_id = $1 and s.survey_points is null and n.kind = 'regular' order by s.node_code`,
      [a.id, p.frameworkId],
    );
    sessions.push({ cookie: `pi_sid=${token}; pi_csrf=${csrf}`, csrf, assessmentId: a.id, leaves: leaves.map((l) => ({ code: l.node_code, id: l.id, max: Number(l.max) })) });
  }
  const [sec] = await database.query<{ id: number }>("insert into users (province_id, username, full_name, password_hash) values ($1, 'bench.sec', 'Thường trực', $2) returning id", [p.provinceId, hash]);
  await database.query("insert into user_roles (user_id, role) values ($1, 'secretariat')", [sec!.id]);
  const token = crypto.randomBytes(24).toString('base64url');
  await database.query("insert into sessions (id, user_id, csrf_token, expires_at) values ($1, $2, 'sec-csrf', now() + interval '1 day')", [sha(token), sec!.id]);
  const baselinePublish = await time(() =>
    database.query(
      `select a.agency_id, sum(t.units) as total, rank() over (order by sum(t.units) desc) from assessment_field_totals t join assessments a on a.id = t.assessment_id where a.period_id = $1 group by a.agency_id`,
      [p.periodId],
    ),
  );
  return { p, sessions, secretariat: { cookie: `pi_sid=${token}; pi_csrf=sec-csrf`, csrf: 'sec-csrf' }, baselinePublishMs: baselinePublish.ms };
}


function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

/** The baseline's loads: a form open is one SELECT of the assessment's leaves, a save one UPDATE by id. */
function baselineLoads(port: number, sessions: Session[]) {
  let n = 0;
  let m = 0;
  const open = (seconds: number) =>
    run({
      url: `http://127.0.0.1:${port}`,
      connections: 10,
      duration: seconds,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/open/${sessions[n++ % sessions.length]!.assessmentId}` }) }],
    });
  const save = (connections: number, seconds: number) =>
    run({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => {
            const s = sessions[m % sessions.length]!;
            const leaf = s.leaves[Math.floor(m++ / sessions.length) % s.leaves.length]!;
            return { ...req, path: `/save/${leaf.id}`, body: JSON.stringify({ points: String(leaf.max / 2) }) };
          },
        },
      ],
    });
  return { open, save };
}

/**
 * The app's loads. Users save the leaves of their own agency in turn, carrying each leaf's version; a leaf is never
 * written by two requests at once (as with real users), so every answer should be 200. `resync` re-reads every
 * leaf's version through the API (before each slice: a request cut off at the end of the previous one may have
 * been stored without its answer being read).
 */
function appLoads(portOf: () => number, sessions: Session[]) {
  let n = 0;
  const open = (seconds: number) =>
    run({
      url: `http://127.0.0.1:${portOf()}`,
      connections: 10,
      duration: seconds,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => {
            const s = sessions[n++ % sessions.length]!;
            return { ...req, path: `/api/assessments/${s.assessmentId}`, headers: { cookie: s.cookie } };
          },
        },
      ],
    });
  const slots = sessions.flatMap((s) => s.leaves.map((leaf) => ({ s, leaf })));
  const versions = new Map<string, number>();
  const busy = new Set<string>();
  let next = 0;
  let errors = 0;
  const resync = async () => {
    versions.clear();
    busy.clear();
    for (const s of sessions) {
      const res = await fetch(`http://127.0.0.1:${portOf()}/api/assessments/${s.assessmentId}`, { headers: { cookie: s.cookie } });
      const detail = (await res.json()) as { leaves: { code: string; version: number }[] };
      for (const l of detail.leaves) versions.set(`${s.assessmentId}:${l.code}`, l.version);
    }
  };
  const save = (connections: number, seconds: number) =>
    run({
      url: `http://127.0.0.1:${portOf()}`,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'PUT',
          setupRequest: (req) => {
            let slot = slots[next++ % slots.length]!;
            while (busy.has(`${slot.s.assessmentId}:${slot.leaf.code}`)) slot = slots[next++ % slots.length]!;
            const key = `${slot.s.assessmentId}:${slot.leaf.code}`;
            busy.add(key);
            const version = versions.get(key) ?? 0;
            const value = next % 2 ? String(slot.leaf.max / 2) : String(slot.leaf.max);
            return {
              ...req,
              path: `/api/assessments/${slot.s.assessmentId}/leaves/${slot.leaf.code}/self`,
              headers: { cookie: slot.s.cookie, 'x-csrf-token': slot.s.csrf, 'content-type': 'application/json' },
              body: JSON.stringify({ input: { value }, version }),
            };
          },
          onResponse: (status, body) => {
            const b = JSON.parse(body) as { assessmentId?: number; code?: string; version?: number };
            if (status === 200) {
              versions.set(`${b.assessmentId}:${b.code}`, b.version!);
              busy.delete(`${b.assessmentId}:${b.code}`);
            } else {
              errors++;
              if (errors <= 3) console.error(`save answered ${status}: ${body.slice(0, 300)}`);
              busy.clear();
            }
          },
        },
      ],
    });
  return { open, save, resync, errors: () => errors };
}

async function call(port: number, auth: { cookie: string; csrf: string }, method: string, url: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function finaliseAndPublish(port: number, auth: { cookie: string; csrf: string }, periodId: number) {
  let period = await call(port, auth, 'GET', `/api/periods/${periodId}`);
  for (const to of ['appraisal1', 'explanation', 'appraisal2']) period = await call(port, auth, 'POST', `/api/periods/${periodId}/advance`, { to, version: period.version });
  const finalise = await time(() => call(port, auth, 'POST', `/api/periods/${periodId}/finalise`, { version: period.version, acknowledgeIncomplete: true }));
  const publish = await time(() => call(port, auth, 'POST', `/api/periods/${periodId}/publish`, { version: (finalise.value as { version: number }).version, decisionNumber: '1/QĐ-UBND' }));
  return { finaliseMs: finalise.ms, publishMs: publish.ms };
}

const lat = (r: LoadFigures) => `${r.p50} / ${r.p99} ms`;
const rps = (r: LoadFigures) => Math.round(r.rps);

async function bench(kind: 'postgres' | 'pglite') {
  let env: Record<string, string>;
  let prepared: Awaited<ReturnType<typeof prepare>>;
  if (kind === 'postgres') {
    const db = await openBenchPostgres(benchDatabaseName('cycle'), { fresh: true });
    prepared = await prepare(db);
    await db.close();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${benchDatabaseName('cycle')}`;
    env = { DATABASE_URL: url.toString() };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parindex-bench-cycle-'));
    const db = await openDatabase({ dataDir: dir });
    await migrateDatabase(db);
    prepared = await prepare(db);
    await db.close();
    env = { DATA_DIR: dir };
  }
  // Both servers run side by side (PGlite allows one process: there they take turns); the loads alternate between them.
  const together = kind === 'postgres';
  const slice = SECONDS / ROUNDS;
  const appEnv = { ...env, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', NODE_ENV: 'production', LOG_LEVEL: 'warn', WEB_DIR: '.tmp/no-web' };
  let baseline = await startServer('bench/cycle/baseline-server.ts', { ...env, PORT: '0' });
  let server = together ? await startServer(APP_SERVER, appEnv) : null;
  const turn = async (side: 'baseline' | 'app') => {
    if (together) return;
    if (side === 'app' && !server) {
      await baseline.stop();
      server = await startServer(APP_SERVER, appEnv);
    } else if (side === 'baseline' && server) {
      await server.stop();
      server = null;
      baseline = await startServer('bench/cycle/baseline-server.ts', { ...env, PORT: '0' });
    }
  };
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, server?.rssMiB() ?? 0)), 200);
  const base = () => baselineLoads(baseline.port, prepared.sessions);
  const app = () => appLoads(() => server!.port, prepared.sessions);
  const appState = { loads: null as ReturnType<typeof appLoads> | null };
  const appSide = async () => {
    await turn('app');
    appState.loads ??= app();
    return appState.loads;
  };
  const open = await interleave(
    ROUNDS,
    async () => (await turn('baseline'), base().open(slice)),
    async () => (await appSide()).open(process.env.BENCH_SKIP_OPEN ? 1 / ROUNDS : slice),
  );
  const saveAt = (connections: number) =>
    interleave(
      ROUNDS,
      async () => (await turn('baseline'), base().save(connections, slice)),
      async () => (await appSide()).save(connections, slice),
      async () => (await appSide()).resync(),
    );
  const save10 = await saveAt(10);
  const save = await saveAt(USERS);
  const errors = appState.loads?.errors() ?? 0;
  await baseline.stop();
  await turn('app');
  const loadRss = Math.max(peakRss, server!.rssMiB());
  const publish = await finaliseAndPublish(server!.port, prepared.secretariat, prepared.p.periodId);
  clearInterval(sampler);
  await server!.stop();
  const row = (what: string, r: Awaited<ReturnType<typeof interleave>>, extra = '') => ({
    what,
    database: kind,
    'app p50 / p99': lat(r.app),
    'app req/s': rps(r.app),
    'baseline p50 / p99': lat(r.baseline),
    'baseline req/s': rps(r.baseline),
    ratio: `${r.ratio.toFixed(2)}× slower${extra}`,
  });
  return [
    row('open a self-assessment form (10 conn.)', open),
    row('save a leaf (10 conn.)', save10),
    row(`save a leaf (${USERS} users)`, save, errors ? `, ${errors} non-200` : ''),
    { what: 'finalise the period', database: kind, 'app p50 / p99': ms(publish.finaliseMs), 'app req/s': '', 'baseline p50 / p99': '', 'baseline req/s': '', ratio: '' },
    { what: 'publish (snapshot of 300 scorecards)', database: kind, 'app p50 / p99': ms(publish.publishMs), 'app req/s': '', 'baseline p50 / p99': `SQL rank ${ms(prepared.baselinePublishMs)}`, 'baseline req/s': '', ratio: `${(publish.publishMs / prepared.baselinePublishMs).toFixed(0)}×` },
    { what: 'server RSS, peak under the loads above', database: kind, 'app p50 / p99': `${loadRss.toFixed(0)} MiB`, 'app req/s': '', 'baseline p50 / p99': '', 'baseline req/s': '', ratio: '' },
    { what: 'server RSS, peak including publication', database: kind, 'app p50 / p99': `${peakRss.toFixed(0)} MiB`, 'app req/s': '', 'baseline p50 / p99': '', 'baseline req/s': '', ratio: '' },
  ];
}

async function main() {
  console.log(`bench/cycle — 300 agencies × 120 leaves, ${SECONDS}s per load and side in ${ROUNDS} alternating slices, app and baseline in separate processes\n`);
  const rows = [];
  if (ONLY !== 'pglite') rows.push(...(await bench('postgres')));
  if (ONLY !== 'postgres') rows.push(...(await bench('pglite')));
  table(rows as unknown as Record<string, string>[]);
  console.log('\nBaseline = bare Fastify + the same SELECT/UPDATE without session, validation, rules, audit or triggers; measured in this run.');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
