import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TestClient, type TestContext } from '../../testing/app';

// Near-production password hashing cost for this file (the other server tests lower it much further): the
// fixture's hashes and the dummy hash checked for unknown users cost the same, so a path that skipped the hash
// would show.
process.env.PARINDEX_SCRYPT_LOG_N = '14';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  const admin = await t.as('admin');
  const head = (await admin.get(`/api/users/${t.fixture.users.headStp}`)).body;
  await admin.patch(`/api/users/${head.id}`, { isActive: false, version: head.version });
}, 120_000);
afterAll(async () => t.close());

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('login timing', () => {
  // The issue asks for the same timing: the margin is generous (the machine is shared and noisy).
  it('takes as long for an unknown user and a deactivated account as for a wrong password', async () => {
    const cases = { unknown: ['nobody.at.all', 'some-password-1'], wrong: ['focal.bdt', 'some-password-1'], inactive: ['head.stp', 'some-password-1'] } as const;
    const times: Record<keyof typeof cases, number[]> = { unknown: [], wrong: [], inactive: [] };
    for (let i = 0; i < 7; i++) {
      for (const [name, [username, password]] of Object.entries(cases) as [keyof typeof cases, readonly [string, string]][]) {
        // A new client address each time: no throttling in the way.
        const c = new TestClient(t.app);
        c.remoteAddress = `10.${i}.${name.length}.1`;
        c.csrf = (await c.get('/api/auth/csrf')).body.csrfToken;
        const started = performance.now();
        const res = await c.post('/api/auth/login', { username, password });
        times[name].push(performance.now() - started);
        expect(res.body.error.code).toBe('invalid_credentials');
      }
    }
    const m = { unknown: median(times.unknown), wrong: median(times.wrong), inactive: median(times.inactive) };
    // A memory-hard hash at production cost dominates each answer (tens of ms).
    expect(m.wrong).toBeGreaterThan(10);
    expect(m.unknown / m.wrong).toBeGreaterThan(0.5);
    expect(m.unknown / m.wrong).toBeLessThan(2);
    expect(m.inactive / m.wrong).toBeGreaterThan(0.5);
    expect(m.inactive / m.wrong).toBeLessThan(2);
  }, 120_000);
});
