import type { z } from 'zod';
import type { Bilingual, Lang } from '../errors';

type Issue = z.core.$ZodIssue & { input?: unknown };

function sizeWord(origin: string | undefined, n: number | bigint, lang: Lang): string {
  if (origin === 'string') return lang === 'vi' ? `${n} ký tự` : `${n} characters`;
  if (origin === 'array' || origin === 'set') return lang === 'vi' ? `${n} mục` : `${n} items`;
  if (origin === 'file') return lang === 'vi' ? `${n} byte` : `${n} bytes`;
  return String(n);
}

/**
 * A user-facing message for one Zod issue, in Vietnamese or English. Schemas may attach their own bilingual
 * message with `{ params: { vi, en } }` on refinements.
 */
export function localizeIssue(issue: Issue, lang: Lang): string {
  const vi = lang === 'vi';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return vi ? 'Bắt buộc nhập.' : 'Required.';
      if (issue.expected === 'number' || issue.expected === 'int')
        return vi ? 'Phải là một số.' : 'Must be a number.';
      if (issue.expected === 'string') return vi ? 'Phải là chuỗi ký tự.' : 'Must be text.';
      if (issue.expected === 'boolean') return vi ? 'Phải là đúng/sai.' : 'Must be true or false.';
      if (issue.expected === 'array') return vi ? 'Phải là một danh sách.' : 'Must be a list.';
      if (issue.expected === 'object') return vi ? 'Phải là một đối tượng.' : 'Must be an object.';
      return vi ? `Sai kiểu dữ liệu (cần ${issue.expected}).` : `Wrong type (expected ${issue.expected}).`;
    case 'too_small': {
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return vi ? 'Bắt buộc nhập.' : 'Required.';
      const op = issue.inclusive === false ? '>' : '≥';
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return vi ? `Phải ${op} ${issue.minimum}.` : `Must be ${op} ${issue.minimum}.`;
      const size = sizeWord(issue.origin, issue.minimum, lang);
      return vi ? `Cần ít nhất ${size}.` : `Needs at least ${size}.`;
    }
    case 'too_big': {
      const op = issue.inclusive === false ? '<' : '≤';
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return vi ? `Phải ${op} ${issue.maximum}.` : `Must be ${op} ${issue.maximum}.`;
      const size = sizeWord(issue.origin, issue.maximum, lang);
      return vi ? `Tối đa ${size}.` : `At most ${size}.`;
    }
    case 'invalid_format':
      if (issue.format === 'email') return vi ? 'Địa chỉ email không hợp lệ.' : 'Not a valid email address.';
      if (issue.format === 'url') return vi ? 'Địa chỉ URL không hợp lệ.' : 'Not a valid URL.';
      if (issue.format === 'date' || issue.format === 'datetime')
        return vi ? 'Ngày giờ không hợp lệ.' : 'Not a valid date.';
      return vi ? 'Sai định dạng.' : 'Wrong format.';
    case 'not_multiple_of':
      return vi ? `Phải là bội số của ${issue.divisor}.` : `Must be a multiple of ${issue.divisor}.`;
    case 'invalid_value':
      return vi
        ? `Giá trị không hợp lệ; chọn một trong: ${issue.values.map(String).join(', ')}.`
        : `Invalid value; choose one of: ${issue.values.map(String).join(', ')}.`;
    case 'unrecognized_keys':
      return vi ? `Trường không được phép: ${issue.keys.join(', ')}.` : `Unknown field(s): ${issue.keys.join(', ')}.`;
    case 'custom': {
      const params = (issue as { params?: Partial<Bilingual> }).params;
      const text = params?.[lang];
      if (text) return text;
      return issue.message || (vi ? 'Giá trị không hợp lệ.' : 'Invalid value.');
    }
    default:
      return vi ? 'Giá trị không hợp lệ.' : 'Invalid value.';
  }
}

/** Dotted path of an issue (`levels.0.points`), or `_root` for the whole value. */
export function issuePath(issue: { path: PropertyKey[] }): string {
  return issue.path.length ? issue.path.map(String).join('.') : '_root';
}

/** Converts Zod issues to bilingual field errors. */
export function issuesToFields(issues: readonly Issue[]): { path: string; message: Bilingual }[] {
  return issues.map((i) => ({ path: issuePath(i), message: { vi: localizeIssue(i, 'vi'), en: localizeIssue(i, 'en') } }));
}
