import type { FormRule } from 'antd';
import type { z } from 'zod';
import { localizeIssue } from '../../core/schemas/issues';
import type { Lang } from '../i18n/translate';
import { translate } from '../i18n/translate';

/**
 * An antd form rule that checks a value with the same core Zod schema the server uses, so the browser shows the
 * server's own wording before the request is even sent. Empty values are "required" or skipped.
 */
export function zodRule(schema: z.ZodType, lang: Lang, options: { required?: boolean } = {}): FormRule {
  return {
    // `required` only drives the form's required mark: with a validator, antd runs the validator alone.
    required: options.required === true,
    validator: async (_rule, value: unknown) => {
      const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
      if (empty) {
        if (options.required) throw new Error(translate(lang, 'form.required'));
        return;
      }
      const res = schema.safeParse(value, { reportInput: true });
      if (!res.success) {
        const issue = res.error.issues[0];
        throw new Error(issue ? localizeIssue(issue, lang) : translate(lang, 'form.invalid'));
      }
    },
  };
}
