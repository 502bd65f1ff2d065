import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TestClient, type TestContext } from './testing/app';
import type { FixtureUser } from './testing/fixtures';

/**
 * Every API route must appear here with: who is forbidden (403), and an invalid input (400). Unauthenticated
 * calls must get 401 on every non-public route. The test fails when a route is added without an entry.
 */
interface RouteCase {
  public?: boolean;
  /** A fixture user who is authenticated but not allowed (403), or null when every authenticated user may call it. */
  forbiddenAs: FixtureUser | null;
  /** The path for the 403 check when the sample path is not enough (query strings). */
  forbiddenPath?: string;
  /** Path and body that must give 400 validation_failed for an allowed user, or null when the route takes no input. */
  invalid: { as: FixtureUser; path?: string; body?: unknown } | null;
  body?: unknown;
}

let t: TestContext;
const ids = () => t.fixture;

const CASES: Record<string, (f: TestContext['fixture']) => RouteCase> = {
  'GET /api/health': () => ({ public: true, forbiddenAs: null, invalid: null }),
  'GET /api/ready': () => ({ public: true, forbiddenAs: null, invalid: null }),
  'GET /api/auth/csrf': () => ({ public: true, forbiddenAs: null, invalid: null }),
  'POST /api/auth/login': () => ({ public: true, forbiddenAs: null, invalid: { as: 'admin', body: { username: '' } } }),
  'POST /api/auth/logout': () => ({ public: true, forbiddenAs: null, invalid: null }),
  'GET /api/auth/me': () => ({ forbiddenAs: null, invalid: null }),
  'POST /api/auth/password': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', body: { currentPassword: 'x', newPassword: 'short' } } }),
  'PUT /api/auth/lang': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', body: { lang: 'fr' } } }),
  'PUT /api/auth/year': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', body: { year: 1800 } } }),
  'GET /api/years': () => ({ forbiddenAs: null, invalid: null }),
  'GET /api/province': () => ({ forbiddenAs: null, invalid: null }),
  'PATCH /api/province': () => ({ forbiddenAs: 'secretariat', invalid: { as: 'admin', body: { nameVi: '' } } }),
  'GET /api/agency-groups': () => ({ forbiddenAs: null, invalid: null }),
  'POST /api/agency-groups': () => ({ forbiddenAs: 'secretariat', invalid: { as: 'admin', body: { code: 'bad code!', nameVi: 'x', nameEn: 'x' } } }),
  'PATCH /api/agency-groups/:id': (f) => ({
    forbiddenAs: 'focalBdt',
    invalid: { as: 'admin', path: `/api/agency-groups/${f.groups.districts}`, body: { nameVi: 'x' } },
  }),
  'GET /api/agencies': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/agencies?pageSize=5000' } }),
  'GET /api/agencies/export.xlsx': () => ({ forbiddenAs: null, invalid: null }),
  'POST /api/agencies/import': () => ({ forbiddenAs: 'secretariat', invalid: null }),
  'GET /api/agencies/:id': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/agencies/abc' } }),
  'POST /api/agencies': () => ({ forbiddenAs: 'secretariat', invalid: { as: 'admin', body: { code: 'X1', nameVi: 'X', nameEn: 'X', groupId: 1, activeFromYear: 1800 } } }),
  'PATCH /api/agencies/:id': (f) => ({
    forbiddenAs: 'headBdt',
    invalid: { as: 'admin', path: `/api/agencies/${f.agencies.bdt}`, body: { version: 1, activeFromYear: 'soon' } },
  }),
  'GET /api/agencies/:id/divisions': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/agencies/-1/divisions' } }),
  'POST /api/agencies/:id/divisions': (f) => ({
    forbiddenAs: 'headStp',
    invalid: { as: 'headBdt', path: `/api/agencies/${f.agencies.bdt}/divisions`, body: { code: '', nameVi: 'P', nameEn: 'P' } },
  }),
  'PATCH /api/divisions/:id': (f) => ({
    forbiddenAs: 'focalBdt',
    invalid: { as: 'admin', path: `/api/divisions/${f.divisions.bdtOffice}`, body: { version: 'one' } },
  }),
  'GET /api/users': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'admin', path: '/api/users?role=king' } }),
  'GET /api/users/:id': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'admin', path: '/api/users/0' } }),
  'POST /api/users': () => ({
    forbiddenAs: 'secretariat',
    invalid: { as: 'admin', body: { username: 'new.user', fullName: 'A', password: 'Valid-pass-123', roles: [{ role: 'agency_head' }] } },
  }),
  'PATCH /api/users/:id': (f) => ({ forbiddenAs: 'secretariat', invalid: { as: 'admin', path: `/api/users/${f.users.focalStp}`, body: { email: 'not-an-email', version: 1 } } }),
  'POST /api/users/:id/reset-password': (f) => ({
    forbiddenAs: 'secretariat',
    invalid: { as: 'admin', path: `/api/users/${f.users.focalStp}/reset-password`, body: { password: '123' } },
  }),
  'POST /api/users/:id/unlock': () => ({ forbiddenAs: 'secretariat', invalid: { as: 'admin', path: '/api/users/zero/unlock' } }),
  'POST /api/users/import': () => ({ forbiddenAs: 'secretariat', invalid: null }),
  'GET /api/admin/backups': () => ({ forbiddenAs: 'secretariat', invalid: null }),
  'GET /api/audit': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'admin', path: '/api/audit?from=yesterday' } }),
  'GET /api/frameworks': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/frameworks?year=abc' } }),
  'POST /api/frameworks': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', body: { year: 2019, groupId: 1, nameVi: '', declaredTotal: 'lots' } } }),
  'POST /api/frameworks/import': () => ({ forbiddenAs: 'focalBdt', invalid: null }),
  'GET /api/frameworks/:id': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/frameworks/x' } }),
  'PUT /api/frameworks/:id': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/frameworks/${draftId}`, body: { version: 'one' } } }),
  'DELETE /api/frameworks/:id': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/frameworks/0' } }),
  'POST /api/frameworks/:id/publish': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/frameworks/${draftId}/publish`, body: {} } }),
  'POST /api/frameworks/:id/clone': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/frameworks/${draftId}/clone`, body: { year: 1990 } } }),
  'POST /api/frameworks/:id/revisions': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/frameworks/abc/revisions' } }),
  'GET /api/frameworks/:id/diff': () => ({ forbiddenAs: 'focalBdt', forbiddenPath: `/api/frameworks/${draftId}/diff?against=${draftId}`, invalid: { as: 'secretariat', path: `/api/frameworks/${draftId}/diff?against=zz` } }),
  'GET /api/frameworks/:id/export.xlsx': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/frameworks/-5/export.xlsx' } }),
  'GET /api/frameworks/:id/export.json': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/frameworks/-5/export.json' } }),
  'GET /api/results': (f) => ({
    forbiddenAs: 'focalBdt',
    forbiddenPath: `/api/results?year=2019&groupId=${f.groups.departments}`,
    invalid: { as: 'secretariat', path: '/api/results?year=soon&groupId=1' },
  }),
  'GET /api/results/agencies/:agencyId': (f) => ({
    forbiddenAs: 'focalStp',
    forbiddenPath: `/api/results/agencies/${f.agencies.bdt}?year=2019`,
    invalid: { as: 'secretariat', path: `/api/results/agencies/${f.agencies.bdt}?year=19` },
  }),
  // Every role may read its part of the leaf matrix (matrix.test.ts: a user with no role gets 403).
  'GET /api/matrix': (f) => ({ forbiddenAs: null, invalid: { as: 'secretariat', path: `/api/matrix?year=2019&groupId=${f.groups.departments}x` } }),
  'GET /api/matrix.xlsx': () => ({ forbiddenAs: null, invalid: { as: 'secretariat', path: '/api/matrix.xlsx?year=2019&groupId=1&lang=fr' } }),
  'GET /api/national/results': () => ({ forbiddenAs: null, invalid: null }),
  'GET /api/public/:province/national-results': () => ({ public: true, forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/public/bad%20code!/national-results' } }),
  'GET /api/users/template.xlsx': () => ({ forbiddenAs: 'secretariat', invalid: null }),
  'GET /api/periods': () => ({ forbiddenAs: null, invalid: null }),
  'POST /api/periods': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', body: { year: 'next', nameVi: '' } } }),
  'GET /api/periods/:id': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/periods/abc' } }),
  'PATCH /api/periods/:id': (f) => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/periods/${f.periodId}`, body: { selfAssessmentDueAt: 'tomorrow', version: 1 } } }),
  'POST /api/periods/:id/advance': (f) => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/periods/${f.periodId}/advance`, body: { to: 'nowhere', version: 1 } } }),
  'GET /api/periods/:id/extensions': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/periods/x/extensions' } }),
  'POST /api/periods/:id/extensions': (f) => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/periods/${f.periodId}/extensions`, body: { agencyId: 'x' } } }),
  'DELETE /api/periods/:id/extensions/:extensionId': (f) => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/periods/${f.periodId}/extensions/abc` } }),
  'GET /api/periods/:id/assignments': () => ({ forbiddenAs: null, invalid: { as: 'secretariat', path: '/api/periods/x/assignments' } }),
  'PUT /api/periods/:id/assignments': (f) => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/periods/${f.periodId}/assignments`, body: { assignments: 'all' } } }),
  'GET /api/assessments': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/assessments?periodId=x' } }),
  'GET /api/assessments/:id': () => ({ forbiddenAs: 'focalStp', invalid: { as: 'focalBdt', path: '/api/assessments/x' } }),
  'PUT /api/assessments/:id/leaves/:code/self': (f) => ({ forbiddenAs: 'focalStp', invalid: { as: 'focalBdt', path: `/api/assessments/${f.assessments.bdt}/leaves/1.1.1/self`, body: { input: null, version: -1 } } }),
  'PUT /api/assessments/:id/leaves/:code/evidence': (f) => ({ forbiddenAs: 'focalStp', invalid: { as: 'focalBdt', path: `/api/assessments/${f.assessments.bdt}/leaves/1.1.1/evidence`, body: { evidenceIds: 'x', version: 0 } } }),
  'GET /api/assessments/:id/checklist': () => ({ forbiddenAs: 'focalStp', invalid: { as: 'focalBdt', path: '/api/assessments/zz/checklist' } }),
  'POST /api/assessments/:id/submit': (f) => ({ forbiddenAs: 'focalBdt', invalid: { as: 'headBdt', path: `/api/assessments/${f.assessments.bdt}/submit`, body: {} } }),
  'POST /api/assessments/:id/withdraw': (f) => ({ forbiddenAs: 'focalBdt', invalid: { as: 'headBdt', path: `/api/assessments/${f.assessments.bdt}/withdraw`, body: { version: 'v' } } }),
  'PUT /api/assessments/:id/leaves/:code/appraisal': (f) => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/assessments/${f.assessments.bdt}/leaves/1.1.1/appraisal`, body: { round: 3, decision: 'accept', version: 0 } } }),
  'POST /api/assessments/:id/appraisal/bulk-accept': (f) => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/assessments/${f.assessments.bdt}/appraisal/bulk-accept`, body: { round: 9 } } }),
  'POST /api/assessments/:id/leaves/:code/explanations': (f) => ({ forbiddenAs: 'focalStp', invalid: { as: 'focalBdt', path: `/api/assessments/${f.assessments.bdt}/leaves/1.1.1/explanations`, body: { kind: 'shout' } } }),
  'GET /api/assessments/:id/leaves/:code/history': (f) => ({ forbiddenAs: 'focalStp', invalid: { as: 'focalBdt', path: `/api/assessments/${f.assessments.bdt}/leaves/bad%20code/history` } }),
  'PUT /api/periods/:id/survey-points': (f) => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/periods/${f.periodId}/survey-points`, body: { entries: [] } } }),
  'POST /api/periods/:id/survey-points/import': () => ({ forbiddenAs: 'focalBdt', invalid: null }),
  'GET /api/agencies/:agencyId/evidence': (f) => ({ forbiddenAs: 'focalStp', invalid: { as: 'focalBdt', path: `/api/agencies/${f.agencies.bdt}/evidence?pageSize=0` } }),
  'POST /api/agencies/:agencyId/evidence': () => ({ forbiddenAs: 'focalStp', invalid: null }),
  'GET /api/evidence/:id': () => ({ forbiddenAs: 'focalStp', invalid: { as: 'focalBdt', path: '/api/evidence/x' } }),
  'PATCH /api/evidence/:id': (f) => ({ forbiddenAs: 'focalStp', invalid: { as: 'focalBdt', path: `/api/evidence/${f.evidenceId}`, body: { title: '' } } }),
  'GET /api/evidence/:id/file': (f) => ({ forbiddenAs: 'focalStp', invalid: { as: 'focalBdt', path: `/api/evidence/${f.evidenceId}/file?download=2` } }),
  'GET /api/periods/:id/completeness': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/periods/x/completeness' } }),
  'POST /api/periods/:id/finalise': (f) => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/periods/${f.periodId}/finalise`, body: {} } }),
  'POST /api/periods/:id/publish': (f) => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/periods/${f.periodId}/publish`, body: { version: 1, decisionDate: '30/01/2027' } } }),
  'POST /api/periods/:id/corrections': (f) => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/periods/${f.periodId}/corrections`, body: { reason: '', changes: [] } } }),
  'GET /api/periods/:id/snapshots': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/periods/x/snapshots' } }),
  'GET /api/periods/:id/snapshots/:revision': (f) => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/periods/${f.periodId}/snapshots/first` } }),
  'GET /api/public/provinces': () => ({ public: true, forbiddenAs: null, invalid: null }),
  'GET /api/public/:province/results': () => ({ public: true, forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/public/bad%20code!/results' } }),
  'GET /api/public/:province/results/:year': () => ({ public: true, forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/public/QNA/results/2019' } }),
  'GET /api/public/:province/results/:year/agencies/:agency': () => ({ public: true, forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/public/QNA/results/1850/agencies/BDT' } }),
  'GET /api/public/:province/results/:year/snapshot.json': () => ({ public: true, forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/public/QNA/results/year/snapshot.json' } }),
  'GET /api/dashboard': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/dashboard?periodId=x' } }),
  'POST /api/history/import': () => ({ forbiddenAs: 'focalBdt', invalid: null }),
  'POST /api/history/preview': () => ({ forbiddenAs: 'focalBdt', invalid: null }),
  'GET /api/history/template.xlsx': () => ({ forbiddenAs: 'focalBdt', invalid: null }),
  'GET /api/history': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/history?year=19' } }),
  'PATCH /api/history/:id': () => ({ forbiddenAs: 'focalBdt', forbiddenPath: '/api/history/1', invalid: { as: 'secretariat', path: '/api/history/1', body: { version: 1, rank: 0 } } }),
  'DELETE /api/history/:id': () => ({ forbiddenAs: 'focalBdt', forbiddenPath: '/api/history/1?version=1', invalid: { as: 'secretariat', path: '/api/history/1?version=none' } }),
  'GET /api/lineage': () => ({ forbiddenAs: null, invalid: null }),
  'POST /api/lineage': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', body: { year: 2025, kind: 'absorb', from: [], to: [] } } }),
  'PATCH /api/lineage/:id': () => ({ forbiddenAs: 'focalBdt', forbiddenPath: '/api/lineage/1', invalid: { as: 'secretariat', path: '/api/lineage/1', body: { version: 1, comparison: 'maybe' } } }),
  'DELETE /api/lineage/:id': () => ({ forbiddenAs: 'focalBdt', forbiddenPath: '/api/lineage/1?version=1', invalid: { as: 'secretariat', path: '/api/lineage/1?version=x' } }),
  'GET /api/surveys': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/surveys?periodId=x' } }),
  'POST /api/surveys': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', body: { periodId: 1, code: '', titleVi: '' } } }),
  'GET /api/surveys/:id': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/surveys/x' } }),
  'PUT /api/surveys/:id': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/surveys/${surveyId}`, body: { code: 'P1' } } }),
  'POST /api/surveys/:id/status': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/surveys/${surveyId}/status`, body: { status: 'open', version: 1 } } }),
  'PUT /api/surveys/:id/quotas': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/surveys/${surveyId}/quotas`, body: { quotas: [{ agencyId: 1, respondentGroup: 'DB', target: -1 }] } } }),
  'GET /api/surveys/:id/batches': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/surveys/x/batches' } }),
  'POST /api/surveys/:id/batches': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/surveys/${surveyId}/batches`, body: { respondentGroup: 'DB', size: 0 } } }),
  'GET /api/surveys/:id/batches/:batchId/sheet': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/surveys/${surveyId}/batches/x/sheet` } }),
  'POST /api/surveys/:id/paper': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/surveys/${surveyId}/paper`, body: { respondentGroup: 'DB', paperRef: '', idempotencyKey: 'x', answers: [] } } }),
  'POST /api/surveys/:id/paper/import': () => ({ forbiddenAs: 'focalBdt', invalid: null }),
  'GET /api/surveys/:id/paper/mismatches': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/surveys/x/paper/mismatches' } }),
  'POST /api/surveys/:id/paper/resolve': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/surveys/${surveyId}/paper/resolve`, body: { paperRef: 'P', keep: 3 } } }),
  'POST /api/surveys/:id/verification/sample': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/surveys/${surveyId}/verification/sample`, body: { percent: 500, seed: 1 } } }),
  'PUT /api/surveys/responses/:id/verification': () => ({ forbiddenAs: null, invalid: { as: 'secretariat', path: '/api/surveys/responses/1/verification', body: { outcome: 'maybe' } } }),
  'GET /api/surveys/:id/responses.xlsx': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/surveys/x/responses.xlsx' } }),
  'GET /api/surveys/:id/responses.csv': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/surveys/x/responses.csv' } }),
  'GET /api/surveys/:id/batches/:batchId/codes': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: `/api/surveys/${surveyId}/batches/x/codes` } }),
  'GET /api/surveys/:id/paper/template.xlsx': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/surveys/x/paper/template.xlsx' } }),
  'GET /api/surveys/:id/verification': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/surveys/x/verification' } }),
  'GET /api/surveys/:id/tally.xlsx': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/surveys/x/tally.xlsx' } }),
  'GET /api/surveys/:id/dashboard': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/surveys/x/dashboard' } }),
  'GET /api/surveys/:id/tally': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/surveys/x/tally' } }),
  'GET /api/periods/:id/survey-tally': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/periods/x/survey-tally' } }),
  'GET /api/periods/:id/survey-tally.xlsx': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/periods/0/survey-tally.xlsx' } }),
  'POST /api/periods/:id/survey-tally/apply': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', path: '/api/periods/x/survey-tally/apply' } }),
  'GET /api/analysis/agencies/:agencyId': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/analysis/agencies/1?mode=all' } }),
  'GET /api/analysis/province': () => ({ forbiddenAs: 'focalBdt', forbiddenPath: '/api/analysis/province?year=2019&groupId=1', invalid: { as: 'secretariat', path: '/api/analysis/province?year=abc&groupId=1' } }),
  'GET /api/reports/agencies/:agencyId/analysis.docx': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/reports/agencies/x/analysis.docx?year=2019' } }),
  'GET /api/reports/province/annex.xlsx': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/reports/province/annex.xlsx?year=abc' } }),
  'POST /api/exports/table.xlsx': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', body: { title: '', columns: [], rows: 'all' } } }),
  'GET /api/public/surveys/:token': () => ({ public: true, forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/public/surveys/bad!' } }),
  'POST /api/public/surveys/:token/responses': () => ({ public: true, forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/public/surveys/abcdefghijk/responses', body: { idempotencyKey: 'x', answers: [] } } }),
  'GET /api/notifications': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/notifications?limit=0' } }),
  'POST /api/notifications/read': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', body: { ids: 'some' } } }),
  'GET /api/agencies/:agencyId/council': (f) => ({ forbiddenAs: 'focalStp', forbiddenPath: `/api/agencies/${f.agencies.bdt}/council?periodId=${f.periodId}`, invalid: { as: 'headBdt', path: `/api/agencies/${f.agencies.bdt}/council?periodId=x` } }),
  'GET /api/agencies/:agencyId/council/responsibilities': (f) => ({ forbiddenAs: 'headStp', forbiddenPath: `/api/agencies/${f.agencies.bdt}/council/responsibilities?periodId=${f.periodId}`, invalid: { as: 'focalBdt', path: `/api/agencies/${f.agencies.bdt}/council/responsibilities` } }),
  'PUT /api/agencies/:agencyId/council/responsibilities': (f) => ({ forbiddenAs: 'divisionHeadBdt', invalid: { as: 'focalBdt', body: { periodId: f.periodId, assignments: [] } } }),
  'PUT /api/agencies/:agencyId/council/scores': (f) => ({ forbiddenAs: 'divisionHeadBdt', invalid: { as: 'headBdt', body: { periodId: f.periodId, version: null, scores: [{ divisionId: f.divisions.bdtOffice, score: '85.555', comment: '' }] } } }),
  'POST /api/agencies/:agencyId/council/record': (f) => ({ forbiddenAs: 'secretariat', invalid: { as: 'headBdt', body: { periodId: f.periodId, version: 1, decisionNumber: '', decidedOn: '2026-02-30' } } }),
  'GET /api/agencies/:agencyId/council/accountability': (f) => ({ forbiddenAs: 'focalStp', forbiddenPath: `/api/agencies/${f.agencies.bdt}/council/accountability?periodId=${f.periodId}`, invalid: { as: 'headBdt', path: `/api/agencies/${f.agencies.bdt}/council/accountability?periodId=0` } }),
  'GET /api/agencies/:agencyId/council/export.xlsx': (f) => ({ forbiddenAs: 'appraiser', forbiddenPath: `/api/agencies/${f.agencies.bdt}/council/export.xlsx?periodId=${f.periodId}`, invalid: { as: 'headBdt', path: `/api/agencies/${f.agencies.bdt}/council/export.xlsx?periodId=-1` } }),
  'GET /api/initiatives': () => ({ forbiddenAs: null, invalid: { as: 'focalBdt', path: '/api/initiatives?status=maybe' } }),
  'GET /api/initiatives/criteria': (f) => ({ forbiddenAs: 'focalStp', forbiddenPath: `/api/initiatives/criteria?agencyId=${f.agencies.bdt}&year=2026`, invalid: { as: 'focalBdt', path: `/api/initiatives/criteria?agencyId=${f.agencies.bdt}` } }),
  'POST /api/initiatives': (f) => ({ forbiddenAs: 'secretariat', invalid: { as: 'focalBdt', body: { agencyId: f.agencies.bdt, year: 2026, title: '', authors: '' } } }),
  'GET /api/initiatives/:id': () => ({ forbiddenAs: 'focalStp', forbiddenPath: `/api/initiatives/${initiativeId}`, invalid: { as: 'focalBdt', path: '/api/initiatives/x' } }),
  'PATCH /api/initiatives/:id': () => ({ forbiddenAs: 'focalStp', forbiddenPath: `/api/initiatives/${initiativeId}`, invalid: { as: 'focalBdt', path: `/api/initiatives/${initiativeId}`, body: { version: 'one' } } }),
  'POST /api/initiatives/:id/review': () => ({ forbiddenAs: 'focalBdt', forbiddenPath: `/api/initiatives/${initiativeId}/review`, invalid: { as: 'headBdt', path: `/api/initiatives/${initiativeId}/review`, body: { version: 1, decision: 'reject', note: '' } } }),
  'GET /api/commendations': () => ({ forbiddenAs: null, invalid: { as: 'secretariat', path: '/api/commendations?year=abc' } }),
  'POST /api/commendations/generate': () => ({ forbiddenAs: 'focalBdt', invalid: { as: 'secretariat', body: { year: 2019, rules: { topN: 0 } } } }),
  'PATCH /api/commendations/:id': () => ({ forbiddenAs: 'focalBdt', forbiddenPath: '/api/commendations/1', invalid: { as: 'secretariat', path: '/api/commendations/1', body: { version: 1, basisVi: '' } } }),
  'POST /api/commendations/:id/decision': () => ({ forbiddenAs: 'headBdt', forbiddenPath: '/api/commendations/1/decision', invalid: { as: 'secretariat', path: '/api/commendations/1/decision', body: { version: 1, decision: 'maybe' } } }),
  'GET /api/commendations/export.xlsx': () => ({ forbiddenAs: 'focalBdt', forbiddenPath: '/api/commendations/export.xlsx?year=2026', invalid: { as: 'secretariat', path: '/api/commendations/export.xlsx?year=x' } }),
  'GET /api/agencies/:agencyId/tasks': (f) => ({ forbiddenAs: 'focalStp', invalid: { as: 'focalBdt', path: `/api/agencies/${f.agencies.bdt}/tasks?status=bogus` } }),
  'POST /api/agencies/:agencyId/tasks': () => ({ forbiddenAs: 'divisionHeadBdt', invalid: { as: 'focalBdt', body: { title: '' } } }),
  'GET /api/agencies/:agencyId/tasks/proposals': (f) => ({ forbiddenAs: 'focalStp', invalid: { as: 'focalBdt', path: `/api/agencies/${f.agencies.bdt}/tasks/proposals?year=abc` } }),
  'POST /api/agencies/:agencyId/tasks/proposals': () => ({ forbiddenAs: 'divisionHeadBdt', invalid: { as: 'focalBdt', body: { year: 2025, items: [] } } }),
  'GET /api/agencies/:agencyId/tasks/export.xlsx': (f) => ({ forbiddenAs: 'focalStp', invalid: { as: 'focalBdt', path: `/api/agencies/${f.agencies.bdt}/tasks/export.xlsx?sort=nope` } }),
  'GET /api/agencies/:agencyId/tasks/template.xlsx': () => ({ forbiddenAs: 'divisionHeadBdt', invalid: { as: 'focalBdt', path: '/api/agencies/x/tasks/template.xlsx' } }),
  'POST /api/agencies/:agencyId/tasks/import': () => ({ forbiddenAs: 'divisionHeadBdt', invalid: null }),
  'GET /api/tasks/:id': () => ({ forbiddenAs: 'focalStp', forbiddenPath: `/api/tasks/${taskId}`, invalid: { as: 'focalBdt', path: '/api/tasks/x' } }),
  'PATCH /api/tasks/:id': () => ({ forbiddenAs: 'focalStp', forbiddenPath: `/api/tasks/${taskId}`, invalid: { as: 'focalBdt', path: `/api/tasks/${taskId}`, body: { version: 'one' } } }),
  'POST /api/tasks/:id/notes': () => ({ forbiddenAs: 'focalStp', forbiddenPath: `/api/tasks/${taskId}/notes`, invalid: { as: 'focalBdt', path: `/api/tasks/${taskId}/notes`, body: { note: '' } } }),
  'POST /api/tasks/:id/outputs': () => ({ forbiddenAs: 'focalStp', forbiddenPath: `/api/tasks/${taskId}/outputs`, invalid: { as: 'focalBdt', path: '/api/tasks/x/outputs' } }),
  'POST /api/tasks/:id/outputs/link': () => ({ forbiddenAs: 'focalStp', forbiddenPath: `/api/tasks/${taskId}/outputs/link`, invalid: { as: 'focalBdt', path: `/api/tasks/${taskId}/outputs/link`, body: { evidenceIds: [] } } }),
  'DELETE /api/tasks/:id/outputs/:evidenceId': (f) => ({ forbiddenAs: 'focalStp', forbiddenPath: `/api/tasks/${taskId}/outputs/${f.evidenceId}`, invalid: { as: 'focalBdt', path: `/api/tasks/${taskId}/outputs/x` } }),
  'POST /api/tasks/:id/next-year-evidence': () => ({ forbiddenAs: 'divisionHeadBdt', forbiddenPath: `/api/tasks/${taskId}/next-year-evidence`, invalid: { as: 'focalBdt', path: `/api/tasks/${taskId}/next-year-evidence`, body: { evidenceIds: 'x' } } }),
};

let draftId = 0;
let surveyId = 0;
let taskId = 0;
let initiativeId = 0;

function samplePath(url: string, f: TestContext['fixture']): string {
  return url
    .replace('/api/agency-groups/:id', `/api/agency-groups/${f.groups.departments}`)
    .replace('/api/agencies/:id', `/api/agencies/${f.agencies.bdt}`)
    .replace('/api/divisions/:id', `/api/divisions/${f.divisions.bdtOffice}`)
    .replace('/api/users/:id', `/api/users/${f.users.headStp}`)
    .replace('/api/frameworks/:id', `/api/frameworks/${draftId}`)
    .replace('/api/periods/:id', `/api/periods/${f.periodId}`)
    .replace(':extensionId', '1')
    .replace('/api/assessments/:id', `/api/assessments/${f.assessments.bdt}`)
    .replace(':code', '1.1.1')
    .replace('/api/agencies/:agencyId', `/api/agencies/${f.agencies.bdt}`)
    .replace('/api/evidence/:id', `/api/evidence/${f.evidenceId}`)
    .replace(':revision', '1')
    .replace('/api/surveys/responses/:id', '/api/surveys/responses/1')
    .replace('/api/surveys/:id', `/api/surveys/${surveyId}`)
    .replace(':batchId', '1')
    .replace(':token', 'abcdefghijkl')
    .replace(':province', 'QNA')
    .replace(':year', '2019')
    .replace(':agency', 'BDT')
    .replace('/api/results/agencies/:agencyId', `/api/results/agencies/${f.agencies.bdt}`);
}

beforeAll(async () => {
  t = await createTestContext();
  const sec = await t.as('secretariat');
  const draft = await sec.post('/api/frameworks', { year: 2019, groupId: t.fixture.groups.departments, nameVi: 'Bộ tiêu chí nháp' });
  draftId = draft.body.id;
  const survey = await sec.post('/api/surveys', {
    periodId: t.fixture.periodId,
    code: 'P01',
    titleVi: 'Phiếu 01',
    content: {
      respondentGroups: [{ code: 'DB', nameVi: 'Đại biểu' }],
      ratedAgencyIds: [t.fixture.agencies.bdt],
      sections: [{ code: 'S1', titleVi: 'Phần 1', questions: [{ code: 'Q1', type: 'single', textVi: 'Câu 1', leafCodes: ['8.1.1'], options: [{ code: 'A', labelVi: 'Tốt', weight: '1' }, { code: 'B', labelVi: 'Kém', weight: '0' }] }] }],
    },
  });
  surveyId = survey.body.id;
  const task = await (await t.as('focalBdt')).post(`/api/agencies/${t.fixture.agencies.bdt}/tasks`, { title: 'Nhiệm vụ mẫu', leadDivisionId: t.fixture.divisions.bdtPolicy });
  taskId = task.body.id;
  const initiative = await (await t.as('focalBdt')).post('/api/initiatives', { agencyId: t.fixture.agencies.bdt, year: 2026, title: 'Sáng kiến mẫu', authors: 'Người dùng focal.bdt' });
  initiativeId = initiative.body.id;
});
afterAll(async () => t.close());

function apiRoutes() {
  return t.app.routeList.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
}

describe('route matrix', () => {
  it('every API route has a matrix entry', () => {
    const missing = apiRoutes()
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !CASES[k]);
    expect(missing).toEqual([]);
  });

  it('non-public routes answer 401 without a session', async () => {
    for (const r of apiRoutes()) {
      const c = CASES[`${r.method} ${r.url}`]!(ids());
      if (c.public) continue;
      const client = new TestClient(t.app);
      client.csrf = (await client.get('/api/auth/csrf')).body.csrfToken;
      const res = await client.request(r.method as never, samplePath(r.url, ids()), ['GET', 'DELETE'].includes(r.method) ? undefined : {});
      expect([r.method, r.url, res.status]).toEqual([r.method, r.url, 401]);
      expect(res.body.error.code).toBe('unauthenticated');
    }
  });

  it('answers 403 to an authenticated user without the permission', async () => {
    for (const r of apiRoutes()) {
      const c = CASES[`${r.method} ${r.url}`]!(ids());
      if (!c.forbiddenAs) continue;
      const client = await t.as(c.forbiddenAs);
      let res;
      if (r.url.endsWith('/import') || r.url === '/api/agencies/:agencyId/evidence' && r.method === 'POST') {
        res = await client.request('POST', samplePath(r.url, ids()), undefined, {
          payload: multipartBody(Buffer.from('PK\u0003\u0004')),
          headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        });
      } else {
        res = await client.request(r.method as never, c.forbiddenPath ?? samplePath(r.url, ids()), ['GET', 'DELETE'].includes(r.method) ? undefined : validBody(`${r.method} ${r.url}`));
      }
      expect([r.method, r.url, res.status]).toEqual([r.method, r.url, 403]);
      expect(res.body.error.code).toBe('forbidden');
    }
  });

  it('answers 400 with field errors to invalid input', async () => {
    for (const r of apiRoutes()) {
      const c = CASES[`${r.method} ${r.url}`]!(ids());
      if (!c.invalid) continue;
      const client = c.invalid.as && r.url !== '/api/auth/login' ? await t.as(c.invalid.as) : new TestClient(t.app);
      if (!client.csrf) client.csrf = (await client.get('/api/auth/csrf')).body.csrfToken;
      const res = await client.request(r.method as never, c.invalid.path ?? samplePath(r.url, ids()), ['GET', 'DELETE'].includes(r.method) ? undefined : (c.invalid.body ?? {}));
      expect([r.method, r.url, res.status]).toEqual([r.method, r.url, 400]);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.fields?.length ?? 0).toBeGreaterThan(0);
    }
  });
});

describe('role scope: an appraiser is not a member of the agency named in their grant', () => {
  // The fixture appraiser works for Sở Tư pháp (grant: appraiser, agency STP, field 2).
  it('cannot read or create its tasks and proposals', async () => {
    const stp = ids().agencies.stp;
    const ownTask = await (await t.as('focalStp')).post(`/api/agencies/${stp}/tasks`, { title: 'Nhiệm vụ của STP' });
    expect(ownTask.status).toBe(201);
    const c = await t.as('appraiser');
    const attempts = [
      await c.get(`/api/agencies/${stp}/tasks`),
      await c.post(`/api/agencies/${stp}/tasks`, { title: 'Nhiệm vụ' }),
      await c.get(`/api/agencies/${stp}/tasks/proposals?year=2019`),
      await c.post(`/api/agencies/${stp}/tasks/proposals`, { year: 2019, items: [{ nodeCode: '1.1.1' }] }),
      await c.get(`/api/agencies/${stp}/tasks/export.xlsx`),
      await c.get(`/api/tasks/${ownTask.body.id}`),
      await c.patch(`/api/tasks/${ownTask.body.id}`, { version: 1, progress: 10 }),
      await c.post(`/api/tasks/${ownTask.body.id}/notes`, { note: 'Ghi chú' }),
    ];
    expect(attempts.map((r) => r.status)).toEqual(attempts.map(() => 403));
    // The agency's own focal point still can.
    expect((await (await t.as('focalStp')).get(`/api/agencies/${stp}/tasks`)).status).toBe(200);
  });

  it('cannot read, list or create its initiatives', async () => {
    const stp = ids().agencies.stp;
    const own = await (await t.as('focalStp')).post('/api/initiatives', { agencyId: stp, year: 2026, title: 'Sáng kiến STP', authors: 'Tác giả' });
    expect(own.status).toBe(201);
    const c = await t.as('appraiser');
    expect((await c.post('/api/initiatives', { agencyId: stp, year: 2026, title: 'Sáng kiến', authors: 'Tác giả' })).status).toBe(403);
    expect((await c.get(`/api/initiatives/${own.body.id}`)).status).toBe(403);
    expect((await c.patch(`/api/initiatives/${own.body.id}`, { version: 1, title: 'Đổi tên' })).status).toBe(403);
    expect((await c.get(`/api/initiatives/criteria?agencyId=${stp}&year=2026`)).status).toBe(403);
    // Not a member of any agency: the list is refused like for any other non-member.
    const list = await c.get('/api/initiatives');
    expect(list.status).toBe(403);
  });

  it('cannot read its commendation proposals', async () => {
    const c = await t.as('appraiser');
    const list = await c.get('/api/commendations?year=2026');
    expect(list.status).toBe(403);
    expect(list.body.error.code).toBe('forbidden');
  });
});

const BOUNDARY = '----parindexboundary';
function multipartBody(content: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
}

function validBody(key: string): unknown {
  const f = ids();
  switch (key) {
    case 'POST /api/agency-groups':
      return { code: 'XA', nameVi: 'Cấp xã', nameEn: 'Communes' };
    case 'PATCH /api/history/:id':
      return { version: 1, rank: 3 };
    case 'POST /api/lineage':
      return { year: 2025, kind: 'rename', from: [f.agencies.bdt], to: [f.agencies.stp] };
    case 'PATCH /api/lineage/:id':
      return { version: 1, comparison: 'none' };
    case 'PATCH /api/agency-groups/:id':
      return { nameVi: 'Sở', version: 1 };
    case 'POST /api/agencies':
      return { code: 'SYT', nameVi: 'Sở Y tế', nameEn: 'Health', groupId: f.groups.departments, activeFromYear: 2020 };
    case 'PATCH /api/agencies/:id':
      return { nameVi: 'Ban Dân tộc tỉnh', version: 1 };
    case 'POST /api/agencies/:id/divisions':
      return { code: 'KH', nameVi: 'Phòng Kế hoạch', nameEn: 'Planning' };
    case 'PATCH /api/divisions/:id':
      return { nameVi: 'Văn phòng Ban', version: 1 };
    case 'POST /api/users':
      return { username: 'new.user', fullName: 'Người mới', password: 'Valid-pass-123', roles: [{ role: 'secretariat' }] };
    case 'PATCH /api/users/:id':
      return { fullName: 'Tên mới', version: 1 };
    case 'POST /api/users/:id/reset-password':
      return { password: 'Valid-pass-123' };
    case 'PUT /api/frameworks/:id':
      return { version: 1, nameVi: 'Bộ tiêu chí', nameEn: '', declaredTotal: '100', bonusCap: '0', deductionCap: '0', bands: [], nodes: [] };
    case 'POST /api/frameworks/:id/publish':
      return { version: 1 };
    case 'POST /api/frameworks/:id/clone':
      return { year: 2030, groupId: f.groups.departments };
    case 'POST /api/periods':
      return { year: 2031, nameVi: 'Kỳ 2031' };
    case 'PATCH /api/periods/:id':
      return { nameVi: 'Kỳ', version: 1 };
    case 'POST /api/periods/:id/advance':
      return { to: 'appraisal1', version: 1 };
    case 'POST /api/periods/:id/extensions':
      return { agencyId: f.agencies.bdt, phase: 'self_assessment', dueAt: '2026-05-10T00:00:00Z', reason: 'Lý do' };
    case 'PUT /api/periods/:id/assignments':
      return { assignments: [] };
    case 'PUT /api/assessments/:id/leaves/:code/self':
      return { input: { levelCode: 'L1' }, version: 0 };
    case 'PUT /api/assessments/:id/leaves/:code/evidence':
      return { evidenceIds: [], version: 0 };
    case 'POST /api/assessments/:id/submit':
    case 'POST /api/assessments/:id/withdraw':
      return { version: 1 };
    case 'PUT /api/assessments/:id/leaves/:code/appraisal':
      return { round: 1, decision: 'accept', version: 0 };
    case 'POST /api/assessments/:id/appraisal/bulk-accept':
      return { round: 1 };
    case 'POST /api/assessments/:id/leaves/:code/explanations':
      return { kind: 'dispute', body: 'Không đồng ý', version: 0 };
    case 'PUT /api/periods/:id/survey-points':
      return { entries: [{ agencyId: f.agencies.bdt, nodeCode: '8.1.1', points: '3' }] };
    case 'PATCH /api/evidence/:id':
      return { title: 'Kế hoạch' };
    case 'POST /api/periods/:id/finalise':
      return { version: 1 };
    case 'POST /api/periods/:id/publish':
      return { version: 1 };
    case 'POST /api/periods/:id/corrections':
      return { reason: 'Sửa', changes: [{ agencyId: f.agencies.bdt, nodeCode: '1.1.1', input: { levelCode: 'L1' } }] };
    case 'PUT /api/surveys/:id':
      return { code: 'P01', titleVi: 'Phiếu', titleEn: '', content: { respondentGroups: [{ code: 'DB', nameVi: 'Đại biểu' }], ratedAgencyIds: [f.agencies.bdt], sections: [{ code: 'S1', titleVi: 'P', questions: [] }] }, openLink: 'off', version: 1 };
    case 'POST /api/surveys/:id/status':
      return { status: 'published', version: 1 };
    case 'PUT /api/surveys/:id/quotas':
      return { quotas: [] };
    case 'POST /api/surveys/:id/batches':
      return { respondentGroup: 'DB', size: 1 };
    case 'POST /api/surveys/:id/paper':
      return { respondentGroup: 'DB', paperRef: 'P', idempotencyKey: 'matrix-key-000000001', answers: [{ questionCode: 'Q1', agencyId: f.agencies.bdt, optionCode: 'A' }] };
    case 'POST /api/surveys/:id/paper/resolve':
      return { paperRef: 'P', keep: 1 };
    case 'POST /api/surveys/:id/verification/sample':
      return { percent: 10, seed: 1 };
    case 'POST /api/surveys':
      return { periodId: f.periodId, code: 'P9', titleVi: 'P9', content: { respondentGroups: [{ code: 'DB', nameVi: 'Đại biểu' }], ratedAgencyIds: [f.agencies.bdt], sections: [{ code: 'S1', titleVi: 'P', questions: [] }] } };
    case 'PATCH /api/province':
      return { nameVi: 'Tỉnh Quảng Nam', version: 1 };
    case 'POST /api/frameworks':
      return { year: 2030, groupId: f.groups.departments, nameVi: 'Bộ tiêu chí' };
    case 'PUT /api/agencies/:agencyId/council/responsibilities':
      return { periodId: f.periodId, assignments: [{ nodeCode: '1.1.1', divisionId: null }] };
    case 'PUT /api/agencies/:agencyId/council/scores':
      return { periodId: f.periodId, version: null, scores: [] };
    case 'POST /api/agencies/:agencyId/council/record':
      return { periodId: f.periodId, version: 1, decisionNumber: '1/QĐ-BDT', decidedOn: '2026-03-01' };
    case 'POST /api/initiatives':
      return { agencyId: f.agencies.bdt, year: 2026, title: 'Sáng kiến', authors: 'Tác giả' };
    case 'PATCH /api/initiatives/:id':
      return { version: 1, title: 'Sáng kiến' };
    case 'POST /api/initiatives/:id/review':
      return { version: 1, decision: 'approve', note: '' };
    case 'POST /api/commendations/generate':
      return { year: 2026, rules: {} };
    case 'PATCH /api/commendations/:id':
      return { version: 1, basisVi: 'Căn cứ' };
    case 'POST /api/commendations/:id/decision':
      return { version: 1, decision: 'approve' };
    case 'POST /api/agencies/:agencyId/tasks':
      return { title: 'Nhiệm vụ' };
    case 'POST /api/agencies/:agencyId/tasks/proposals':
      return { year: 2025, items: [{ nodeCode: '1.1.1' }] };
    case 'PATCH /api/tasks/:id':
      return { version: 1, progress: 10 };
    case 'POST /api/tasks/:id/notes':
      return { note: 'Ghi chú' };
    case 'POST /api/tasks/:id/outputs/link':
    case 'POST /api/tasks/:id/next-year-evidence':
      return { evidenceIds: [f.evidenceId] };
    default:
      return {};
  }
}
