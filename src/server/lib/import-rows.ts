import type { z } from 'zod';
import type { Bilingual } from '../../core/errors';
import { localizeIssue } from '../../core/schemas/issues';

/**
 * Validates one imported row field by field, so every bad cell of the row is reported (not only the first);
 * returns the values that parsed and the problems of the rest.
 */
export function parseRowFields<S extends z.ZodRawShape>(
  shape: S,
  raw: Record<string, unknown>,
): { values: Partial<{ [K in keyof S]: z.infer<S[K]> }>; problems: { column: keyof S & string; message: Bilingual }[] } {
  const values: Record<string, unknown> = {};
  const problems: { column: keyof S & string; message: Bilingual }[] = [];
  for (const key of Object.keys(shape) as (keyof S & string)[]) {
    const res = (shape[key] as z.ZodType).safeParse(raw[key], { reportInput: true });
    if (res.success) values[key] = res.data;
    else {
      const issue = res.error.issues[0]!;
      problems.push({ column: key, message: { vi: localizeIssue(issue, 'vi'), en: localizeIssue(issue, 'en') } });
    }
  }
  return { values: values as Partial<{ [K in keyof S]: z.infer<S[K]> }>, problems };
}
