import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError, type Bilingual } from '../../core/errors';

/**
 * Passwords people choose first: the 49,233 most common passwords of the zxcvbn-ts project's common dictionary
 * (@zxcvbn-ts/language-common, MIT, maintained), lower-cased. Loaded once, on the first password set.
 */
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

const fold = (s: string) => s.normalize('NFC').toLowerCase();

/**
 * Why a password may not be used, or null when it may: it contains the username, or it is a common password — as
 * typed, or once the digits and symbols around it are taken away ("Password2026!" is "password"). Length and the
 * letters-and-digits rule are checked by the shared schema (core/schemas/users.ts).
 */
export function passwordProblem(password: string, username: string | null | undefined): Bilingual | null {
  const p = fold(password);
  const user = username ? fold(username) : '';
  if (user.length >= 3 && p.includes(user)) {
    return { vi: 'Mật khẩu không được chứa tên đăng nhập.', en: 'The password must not contain the username.' };
  }
  const core = p.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (commonPasswords().has(p) || (core.length >= 4 && commonPasswords().has(core))) {
    return {
      vi: 'Mật khẩu này quá phổ biến (nằm trong danh sách mật khẩu hay bị dò); hãy chọn mật khẩu khác.',
      en: 'This password is too common (it is on the list of passwords attackers try first); choose another.',
    };
  }
  return null;
}

/** Throws `validation_failed` on `path` when the password may not be used (see {@link passwordProblem}). */
export function assertPasswordAcceptable(password: string, username: string | null | undefined, path: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError('validation_failed', undefined, { fields: [{ path, message: problem }] });
}
