import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historicalResults } from '../../db/schema/index';
import { createTestContext, type TestContext } from '../../testing/app';
import { seedPublishedPeriod } from '../../testing/fixtures';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
}, 60_000);
afterAll(async () => t?.close());

describe('GET /api/years: the years the top bar offers', () => {
  it('lists the open period and opens on it', async () => {
    const res = await (await t.as('focalBdt')).get('/api/years');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [{ year: 2026, phase: 'self_assessment', hasHistory: false }], defaultYear: 2026 });
  });

  it('adds published periods and history years, newest first, and still opens on the period in progress', async () => {
    await seedPublishedPeriod(t.database.db, t.fixture, 2025);
    await t.database.db.insert(historicalResults).values({ provinceId: t.fixture.provinceId, year: 2013, groupId: t.fixture.groups.departments, agencyId: t.fixture.agencies.bdt, totalIndex: '71.50', rank: 3 });
    const res = await (await t.as('secretariat')).get('/api/years');
    expect(res.body.items).toEqual([
      { year: 2026, phase: 'self_assessment', hasHistory: false },
      { year: 2025, phase: 'published', hasHistory: false },
      { year: 2013, phase: null, hasHistory: true },
    ]);
    expect(res.body.defaultYear).toBe(2026);
  });

  it('refuses an anonymous caller', async () => {
    expect((await (await t.as()).get('/api/years')).status).toBe(401);
  });
});

describe('PUT /api/auth/year: the year a user chose is remembered', () => {
  it('stores the choice on the user, returns it with /me and forgets it on null', async () => {
    const focal = await t.as('focalBdt');
    expect((await focal.get('/api/auth/me')).body.user.preferredYear).toBeNull();
    expect((await focal.put('/api/auth/year', { year: 2025 })).status).toBe(200);
    expect((await focal.get('/api/auth/me')).body.user.preferredYear).toBe(2025);
    // A new session (another device) opens on the same year; another user is untouched.
    expect((await (await t.as('focalBdt')).get('/api/auth/me')).body.user.preferredYear).toBe(2025);
    expect((await (await t.as('headBdt')).get('/api/auth/me')).body.user.preferredYear).toBeNull();
    expect((await focal.put('/api/auth/year', { year: null })).status).toBe(200);
    expect((await focal.get('/api/auth/me')).body.user.preferredYear).toBeNull();
  });

  it('refuses a year out of range, a missing year and an anonymous caller', async () => {
    const focal = await t.as('focalBdt');
    expect((await focal.put('/api/auth/year', { year: 1800 })).body.error.code).toBe('validation_failed');
    expect((await focal.put('/api/auth/year', {})).status).toBe(400);
    expect((await (await t.as()).put('/api/auth/year', { year: 2025 })).status).toBe(401);
  });
});
