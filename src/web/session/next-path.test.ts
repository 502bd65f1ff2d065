import { describe, expect, it } from 'vitest';
import { loginPath, safeNextPath } from './next-path';

describe('the return path after login', () => {
  it('keeps same-site paths with their query', () => {
    expect(safeNextPath('/admin/agencies?q=so')).toBe('/admin/agencies?q=so');
  });
  it('refuses other sites and odd paths', () => {
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '', null, undefined])
      expect(safeNextPath(bad)).toBe('/');
  });
  it('never loops back to the login page', () => {
    expect(safeNextPath('/login?next=/x')).toBe('/');
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('/admin/users')).toBe('/login?next=%2Fadmin%2Fusers');
  });
});
