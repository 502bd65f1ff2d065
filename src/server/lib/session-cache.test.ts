import { describe, expect, it } from 'vitest';
import { SessionCache } from './session-cache';

const now = new Date('2026-03-02T02:00:00Z');
const later = new Date('2026-03-02T14:00:00Z');

describe('session cache', () => {
  it('keeps a lookup for a short while and drops a user’s entries when told', () => {
    const c = new SessionCache();
    c.set('s1', { who: 'a' }, 1, later, c.begin());
    c.set('s2', { who: 'b' }, 2, later, c.begin());
    expect(c.get('s1', now)).toEqual({ who: 'a' });
    c.forgetUser(1);
    expect(c.get('s1', now)).toBeNull();
    expect(c.get('s2', now)).toEqual({ who: 'b' });
    expect(c.get('s2', later)).toBeNull();
  });

  it('never caches a lookup that started before the user’s sessions changed (a request in flight)', () => {
    const c = new SessionCache();
    const started = c.begin();
    // The change commits and is announced while the old row is on its way back.
    c.heard(7);
    c.set('s', { role: 'old' }, 7, later, started);
    expect(c.get('s', now)).toBeNull();
    // A lookup started after the change is cached.
    c.set('s', { role: 'new' }, 7, later, c.begin());
    expect(c.get('s', now)).toEqual({ role: 'new' });
    // "Everyone" counts for every user.
    const before = c.begin();
    c.heard(null);
    c.set('t', { role: 'old' }, 8, later, before);
    expect(c.get('t', now)).toBeNull();
  });

  it('caches nothing while announcements cannot be heard, and starts empty when they can again', () => {
    const c = new SessionCache();
    c.set('s', 1, 1, later, c.begin());
    c.setLive(false);
    expect(c.get('s', now)).toBeNull();
    c.set('s', 1, 1, later, c.begin());
    expect(c.size).toBe(0);
    c.setLive(true);
    c.set('s', 1, 1, later, c.begin());
    expect(c.get('s', now)).toBe(1);
  });

  it('waits for its own announcement only while a listener feeds it', async () => {
    const c = new SessionCache();
    const t0 = Date.now();
    await c.afterChange(3);
    expect(Date.now() - t0).toBeLessThan(50);
    c.setListening(true);
    const waiting = c.afterChange(3, 5_000);
    setTimeout(() => c.heard(3), 20);
    await waiting;
    expect(Date.now() - t0).toBeLessThan(2_000);
  });
});
