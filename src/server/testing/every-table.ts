import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { is } from 'drizzle-orm';
import type { Database } from '../db/client';
import * as schema from '../db/schema/index';

/** The names of every table the drizzle schema declares. */
export function schemaTables(): string[] {
  return (Object.values(schema) as unknown[])
    .filter((v): v is PgTable => is(v, PgTable))
    .map((t) => getTableConfig(t).name)
    .sort();
}

/** Text that is hard to carry: quotes, backslashes, braces, commas, a literal NULL, newlines, tabs, emoji, Vietnamese. */
export const AWKWARD = 'Kế hoạch "số 1", \\ dấu {ngoặc}; NULL\nxuống dòng\ttab 🎉 ư ơ đ';

/**
 * Adds rows to the tables the demo seed leaves empty, with awkward values (arrays with quotes, commas and NULL
 * strings, nested jsonb, numerics at their scale, timestamps with microseconds). Run after seedDemo.
 */
export async function fillRemainingTables(database: Database): Promise<void> {
  const one = async <T = number>(sql: string, params: unknown[] = []): Promise<T> => {
    const rows = await database.query<{ v: T }>(sql, params);
    if (!rows[0]) throw new Error(`fixture: no row for ${sql}`);
    return rows[0].v;
  };
  const province = await one('select id as v from provinces order by id limit 1');
  // The demo province's latest period (the demo also holds a national tenant, whose periods run to 2025).
  const period = await one('select id as v from periods where province_id = $1 order by year desc limit 1', [province]);
  const agency = await one("select id as v from agencies where code = 'BDT'");
  const user = await one("select id as v from users where username = 'bdt.focal'");
  const assessment = await one('select id as v from assessments where period_id = $1 and agency_id = $2', [period, agency]);
  const divisions = await database.query<{ id: number }>('select id from divisions where agency_id = $1 order by id', [agency]);
  const evidenceId = await one('select id as v from evidence where agency_id = $1 order by id limit 1', [agency]);
  const initiative = await one('select id as v from initiatives order by id limit 1');
  const q = (sql: string, params: unknown[] = []) => database.query(sql, params);

  await q(
    "insert into sessions (id, user_id, csrf_token, expires_at, ip, user_agent) values ('fixture-session', $1, 'csrf', '2099-01-01T00:00:00Z', '127.0.0.1', $2)",
    [user, AWKWARD],
  );
  await q("insert into deadline_extensions (period_id, agency_id, phase, due_at, reason, created_by) values ($1, $2, 'self_assessment', '2020-05-10T16:59:59.123456Z', $3, $4)", [
    period,
    agency,
    AWKWARD,
    user,
  ]);
  await q("insert into appraiser_assignments (period_id, user_id, field_code, agency_id) values ($1, $2, '1', $3), ($1, $2, '2', null)", [period, user, agency]);
  await q(
    "insert into explanation_messages (assessment_id, node_code, author_id, side, kind, body, evidence_ids) values ($1, '1.1.1', $2, 'agency', 'dispute', $3, $4::jsonb)",
    [assessment, user, AWKWARD, JSON.stringify([evidenceId])],
  );
  await q("insert into notifications (user_id, kind, title_vi, title_en, body_vi, link, read_at) values ($1, 'fixture', $2, 'Title', '', '/tasks', '2020-01-02T03:04:05.000001Z')", [user, AWKWARD]);
  await q("insert into email_outbox (to_address, subject, body_text, status, attempts, last_error) values ('a@example.vn', $1, $1, 'failed', 3, 'timeout')", [AWKWARD]);
  await q("insert into reminders_sent (period_id, agency_id, phase, days_before) values ($1, $2, 'self_assessment', 7)", [period, agency]);
  const other = await one("select id as v from agencies where code = 'SNV'");
  const lineage = await one("insert into agency_lineage_events (province_id, year, kind, comparison, predecessor_id, note) values ($1, 2031, 'merge', 'predecessor', $2, $3) returning id as v", [province, agency, AWKWARD]);
  await q("insert into agency_lineage_parts (event_id, agency_id, side) values ($1, $2, 'from'), ($1, $3, 'from'), ($1, $3, 'to')", [lineage, agency, other]);
  const content = {
    respondentGroups: [{ code: 'DB', nameVi: 'Đại biểu' }],
    ratedAgencyIds: [agency],
    sections: [{ code: 'S1', titleVi: AWKWARD, questions: [{ code: 'Q1', type: 'single', textVi: 'Câu "1"', leafCodes: ['8.1.1'], options: [{ code: 'A', labelVi: 'Tốt', weight: '1' }] }] }],
    big: 1234567890123.5,
    nested: { empty: {}, list: [null, true, 1.5, 'ư'] },
  };
  const questionnaire = await one(
    "insert into questionnaires (province_id, period_id, code, title_vi, content, status, public_token) values ($1, $2, 'FX1', $3, $4::jsonb, 'published', 'fixture-token-0001') returning id as v",
    [province, period, AWKWARD, JSON.stringify(content)],
  );
  await q("insert into survey_quotas (questionnaire_id, agency_id, respondent_group, target) values ($1, $2, 'DB', 30)", [questionnaire, agency]);
  const batch = await one("insert into survey_batches (questionnaire_id, respondent_group, label, size, created_by) values ($1, 'DB', $2, 2, $3) returning id as v", [questionnaire, AWKWARD, user]);
  const code = await one(
    "insert into survey_codes (questionnaire_id, batch_id, code, respondent_group, used_at) values ($1, $2, 'FXCODE0001', 'DB', '2020-03-01T00:00:00Z'), ($1, $2, 'FXCODE0002', 'DB', null) returning id as v",
    [questionnaire, batch],
  );
  await q(
    "insert into survey_responses (questionnaire_id, code_id, respondent_group, channel, idempotency_key, answers, paper_ref) values ($1, $2, 'DB', 'code', 'fixture-idem-0001', $3::jsonb, $4)",
    [questionnaire, code, JSON.stringify([{ q: 'Q1', a: 3, o: 'A', t: AWKWARD, m: ['x', 'y'] }]), AWKWARD],
  );
  const task = await one(
    `insert into tasks (province_id, agency_id, kind, source_period_id, node_code, points_lost, title, description, lead_division_id, support_division_ids, due_on, status, progress, created_by)
     values ($1, $2, 'remediation', $3, '1.1.1', 0.2500, $4, $4, $5, $6::integer[], '2021-06-30', 'in_progress', 40, $7) returning id as v`,
    [province, agency, period, AWKWARD, divisions[0]!.id, `{${divisions.map((d) => d.id).join(',')}}`, user],
  );
  await q("insert into task_events (task_id, user_id, kind, note, data) values ($1, $2, 'progress', $3, $4::jsonb)", [task, user, AWKWARD, JSON.stringify({ from: 0, to: 40, 'khóa "lạ"': ['a,b', '{c}'] })]);
  await q('insert into task_outputs (task_id, evidence_id) values ($1, $2)', [task, evidenceId]);
  await q("insert into task_reminders_sent (task_id, kind) values ($1, 'due_7')", [task]);
  await q("insert into commendations (province_id, period_id, agency_id, kind, initiative_id, basis_vi, status) values ($1, $2, $3, 'initiative', $4, $5, 'proposed')", [
    province,
    period,
    agency,
    initiative,
    AWKWARD,
  ]);
  // An initiative whose leaf codes carry array-hostile text.
  await q('update initiatives set node_codes = $1::text[] where id = $2', [['1.5.1', '7.1.2', 'a,b', 'NULL', '"q"', '{x}', ''], initiative]);
}

/** The number of rows of every table of the drizzle schema. */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of schemaTables()) {
    const [r] = await database.query<{ n: number }>(`select count(*)::int as n from "${t}"`);
    out[t] = r?.n ?? 0;
  }
  return out;
}
