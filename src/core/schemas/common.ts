import { z } from 'zod';

/** Field limits, in one place (architecture.md). */
export const LIMITS = {
  code: 32,
  name: 300,
  shortText: 200,
  longText: 5000,
  username: 64,
  passwordMin: 12,
  passwordMax: 128,
  email: 254,
  pageSizeMax: 200,
  yearMin: 2000,
  yearMax: 2100,
} as const;

// Control characters other than tab/newline never belong in user text (the edge sanitiser refuses them first:
// decision 0012); tab and line breaks belong only in multi-line texts.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
const noControl = (s: string) => !CONTROL_CHARS.test(s);
const singleLine = (s: string) => !LINE_BREAK_OR_TAB.test(s);
const controlMessage = { params: { vi: 'Chứa ký tự điều khiển không hợp lệ.', en: 'Contains invalid control characters.' } };
const lineMessage = { params: { vi: 'Không được chứa dấu xuống dòng hoặc tab.', en: 'May not contain a line break or a tab.' } };

/** A required single-line text (names, titles), NFC-normalised and trimmed: no line break, no tab. */
export const text = (max: number = LIMITS.name) =>
  z.string().normalize('NFC').trim().min(1).max(max).refine(noControl, controlMessage).refine(singleLine, lineMessage);

/** An optional single-line text: empty string becomes ''. */
export const optionalText = (max: number = LIMITS.longText) =>
  z.string().normalize('NFC').trim().max(max).refine(noControl, controlMessage).refine(singleLine, lineMessage).default('');

/** A required multi-line text (notes, descriptions, reasons): line breaks and tabs are kept. */
export const multilineText = (max: number = LIMITS.longText) =>
  z.string().normalize('NFC').trim().min(1).max(max).refine(noControl, controlMessage);

/** An optional multi-line text: empty string becomes ''. */
export const optionalMultilineText = (max: number = LIMITS.longText) =>
  z.string().normalize('NFC').trim().max(max).refine(noControl, controlMessage).default('');

/** A code such as an agency code "SNV" or a node code "1.2.3". */
export const code = z
  .string()
  .trim()
  .min(1)
  .max(LIMITS.code)
  .refine((s) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s), {
    params: {
      vi: 'Mã chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.',
      en: 'A code uses unaccented letters, digits, dots, dashes or underscores.',
    },
  });

export const id = z.coerce.number().int().positive().max(2_147_483_647);
export const idParams = z.object({ id });
export const year = z.coerce.number().int().min(LIMITS.yearMin).max(LIMITS.yearMax);
export const version = z.number().int().positive();

/** Abilities: what the current actor may do with a record or collection (computed by server policies). */
export const abilities = z.record(z.string(), z.boolean());
export type Abilities = z.infer<typeof abilities>;

const booleanQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();
export { booleanQuery };

/** Common list query: page (1-based), page size, free-text search, sort key and direction. */
export const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
  q: z.string().trim().max(LIMITS.shortText).optional(),
  sort: z.string().max(40).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});

/** A page of items with the collection's abilities (e.g. `create`). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    abilities,
  });

export const okReply = z.object({ ok: z.literal(true) });

export const errorReply = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string().optional(),
  }),
});
