import { describe, expect, it } from 'vitest';
import { password } from '../../../core/schemas/users';
import { generatePassword } from './generate-password';

describe('generatePassword', () => {
  it('always satisfies the server password rule', () => {
    for (let i = 0; i < 200; i++) expect(password.safeParse(generatePassword()).success).toBe(true);
  });
  it('avoids look-alike characters', () => {
    expect(generatePassword(200)).not.toMatch(/[0O1lI]/);
  });
});
