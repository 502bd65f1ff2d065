import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CYCLE_ACTIONS, PHASES, ACTION_PHASES, type CycleAction, type Phase } from '../../../core/domain/workflow';
import { createTestContext, TestClient, type TestContext } from '../../testing/app';
import type { FixtureUser } from '../../testing/fixtures';

/**
 * The permission matrix of the assessment cycle: every role × every transition × every phase, against the real
 * HTTP API. Each call is classified as refused for the role (401/403), closed in this phase (409 phase_closed), or
 * let through the gate (whatever the record's state then says).
 */
type Outcome = 'unauthenticated' | 'forbidden' | 'phase_closed' | 'pass';

const ROLES: (FixtureUser | 'anonymous')[] = ['anonymous', 'admin', 'secretariat', 'appraiser', 'focalBdt', 'headBdt', 'divisionHeadBdt', 'focalStp'];

/** Who may do each action on Ban Dân tộc's assessment (appraisal on a field-2 leaf: the fixture appraiser's field). */
const ALLOWED: Record<CycleAction, FixtureUser[]> = {
  selfAssess: ['focalBdt', 'headBdt'],
  submit: ['headBdt'],
  withdraw: ['headBdt'],
  appraise1: ['secretariat', 'appraiser'],
  explain: ['focalBdt', 'headBdt'],
  appraise2: ['secretariat', 'appraiser'],
  enterSurvey: ['secretariat'],
  finalise: ['secretariat'],
  publish: ['secretariat'],
  correct: ['secretariat'],
};

function expected(role: FixtureUser | 'anonymous', action: CycleAction, phase: Phase): Outcome {
  if (role === 'anonymous') return 'unauthenticated';
  if (!ALLOWED[action].includes(role)) return 'forbidden';
  return ACTION_PHASES[action].includes(phase) ? 'pass' : 'phase_closed';
}

let t: TestContext;
const clients = new Map<string, TestClient>();

beforeAll(async () => {
  t = await createTestContext();
  for (const role of ROLES) {
    if (role === 'anonymous') {
      const c = new TestClient(t.app);
      c.csrf = (await c.get('/api/auth/csrf')).body.csrfToken;
      clients.set(role, c);
    } else clients.set(role, await t.as(role));
  }
});
afterAll(async () => t.close());

async function versions() {
  const [period] = await t.database.query<{ version: number }>('select version from periods where id = $1', [t.fixture.periodId]);
  const [assessment] = await t.database.query<{ version: number }>('select version from assessments where id = $1', [t.fixture.assessments.bdt]);
  const [leaf] = await t.database.query<{ version: number }>("select version from leaf_scores where assessment_id = $1 and node_code = '2.2.1'", [t.fixture.assessments.bdt]);
  return { period: period!.version, assessment: assessment!.version, leaf: leaf?.version ?? 0 };
}

async function call(client: TestClient, action: CycleAction) {
  const a = t.fixture.assessments.bdt;
  const p = t.fixture.periodId;
  const v = await versions();
  switch (action) {
    case 'selfAssess':
      return client.put(`/api/assessments/${a}/leaves/2.2.1/self`, { input: { value: true }, version: v.leaf });
    case 'submit':
      return client.post(`/api/assessments/${a}/submit`, { version: v.assessment });
    case 'withdraw':
      return client.post(`/api/assessments/${a}/withdraw`, { version: v.assessment });
    case 'appraise1':
    case 'appraise2':
      return client.put(`/api/assessments/${a}/leaves/2.2.1/appraisal`, {
        round: action === 'appraise1' ? 1 : 2,
        decision: 'adjust',
        input: { value: false },
        reasonCode: 'insufficient_evidence',
        version: v.leaf,
      });
    case 'explain':
      return client.post(`/api/assessments/${a}/leaves/2.2.1/explanations`, { kind: 'dispute', body: 'Đã có kế hoạch rà soát.', version: v.leaf });
    case 'enterSurvey':
      return client.put(`/api/periods/${p}/survey-points`, { entries: [{ agencyId: t.fixture.agencies.bdt, nodeCode: '8.1.1', points: '3' }] });
    case 'finalise':
      return client.post(`/api/periods/${p}/finalise`, { version: v.period, acknowledgeIncomplete: true });
    case 'publish':
      return client.post(`/api/periods/${p}/publish`, { version: v.period, decisionNumber: '1/QĐ-UBND', decisionDate: '2027-03-01' });
    case 'correct':
      return client.post(`/api/periods/${p}/corrections`, { reason: 'Sửa sai sót', changes: [{ agencyId: t.fixture.agencies.bdt, nodeCode: '2.2.1', input: { value: true } }] });
  }
}

function classify(res: { status: number; body: { error?: { code: string } } }): Outcome {
  if (res.status === 401) return 'unauthenticated';
  if (res.status === 403) return 'forbidden';
  if (res.body?.error?.code === 'phase_closed') return 'phase_closed';
  return 'pass';
}

describe('permission matrix: role × transition × phase', () => {
  it('refuses, closes or lets through exactly as the rules say (560 calls)', async () => {
    const mismatches: string[] = [];
    let calls = 0;
    for (const phase of PHASES) {
      for (const action of CYCLE_ACTIONS) {
        for (const role of ROLES) {
          // Each call starts from the phase under test and a submitted assessment with a round-1 adjustment.
          await t.database.query('update periods set phase = $1 where id = $2', [phase, t.fixture.periodId]);
          await t.database.query("update assessments set status = 'submitted' where id = $1", [t.fixture.assessments.bdt]);
          await t.database.query(
            `insert into leaf_scores (assessment_id, node_code, self_input, self_points, appraisal1_input, appraisal1_points, appraisal1_decision, effective_units)
             values ($1, '2.2.1', '{"value": true}', 0.5, '{"value": false}', 0, 'adjusted', 0) on conflict (assessment_id, node_code) do update set appraisal1_decision = 'adjusted'`,
            [t.fixture.assessments.bdt],
          );
          const res = await call(clients.get(role)!, action);
          calls++;
          const got = classify(res as never);
          const want = expected(role, action, phase);
          if (got !== want) mismatches.push(`${role} ${action} in ${phase}: expected ${want}, got ${got} (${res.status} ${JSON.stringify(res.body?.error?.code ?? '')})`);
          if (got === 'pass' && (res.status >= 500 || res.status === 400)) mismatches.push(`${role} ${action} in ${phase}: passed the gate but answered ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
    }
    expect(calls).toBe(PHASES.length * CYCLE_ACTIONS.length * ROLES.length);
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('scopes appraisers to their fields: the field-2 appraiser cannot appraise a field-1 leaf', async () => {
    await t.database.query("update periods set phase = 'appraisal1' where id = $1", [t.fixture.periodId]);
    await t.database.query("update assessments set status = 'submitted' where id = $1", [t.fixture.assessments.bdt]);
    const res = await clients.get('appraiser')!.put(`/api/assessments/${t.fixture.assessments.bdt}/leaves/1.1.1/appraisal`, {
      round: 1,
      decision: 'adjust',
      input: { levelCode: 'L2' },
      reasonCode: 'late',
      version: 0,
    });
    expect(res.status).toBe(403);
    const detail = await clients.get('appraiser')!.get(`/api/assessments/${t.fixture.assessments.bdt}`);
    expect(new Set(detail.body.leaves.map((l: { fieldCode: string }) => l.fieldCode))).toEqual(new Set(['2']));
  });
});
