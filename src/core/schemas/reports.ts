import { z } from 'zod';
import { id, year } from './common';

/**
 * Wire contracts of the reports (issue 6, part 3, docs/reports.md): the agency analysis report (.docx), the
 * province results annex (.xlsx) and the generic export of an on-screen table (.xlsx). The downloads themselves are
 * files; only their inputs are described here.
 */

/** The language of a generated document; when absent, the request language (x-lang, cookie, Accept-Language). */
export const reportLang = z.enum(['vi', 'en']).optional();

export const agencyReportQuery = z.object({
  /** A published year; the latest published year when absent. */
  year: year.optional(),
  lang: reportLang,
});

export const provinceAnnexQuery = z.object({
  year,
  /** One group (one sheet); every published group, one sheet each, when absent. */
  groupId: id.optional(),
  lang: reportLang,
});

/** Limits of a table export: checked by the schema (400) and, for the body size and total cells, by the route (413). */
export const TABLE_EXPORT_LIMITS = {
  columns: 100,
  rows: 50_000,
  cellText: 2_000,
  title: 200,
  sheetName: 31,
  key: 100,
  /** rows × columns: beyond this the export is refused with 413 (memory of one request). */
  cells: 1_000_000,
  /** Request body bytes accepted by POST /api/exports/table.xlsx (the API's default limit is 2 MiB). */
  bodyBytes: 20 * 1024 * 1024,
  decimals: 6,
} as const;

// Control characters other than tab and newline are refused in cells (they are invalid in XML).
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/;
const controlMessage = { params: { vi: 'Chứa ký tự điều khiển không hợp lệ.', en: 'Contains invalid control characters.' } };

/** How a column's values are written: text (stored as text, never as a formula), number, percent (84.64 → 84.64%), integer. */
export const exportColumnType = z.enum(['text', 'number', 'percent', 'integer']);
export type ExportColumnType = z.infer<typeof exportColumnType>;

export const exportColumn = z.object({
  key: z.string().min(1).max(TABLE_EXPORT_LIMITS.key),
  title: z.string().normalize('NFC').trim().max(TABLE_EXPORT_LIMITS.title).refine((s) => !CONTROL_CHARS.test(s), controlMessage),
  type: exportColumnType.default('text'),
  /** Decimals shown for number and percent columns (default 2); the stored value keeps its precision. */
  decimals: z.number().int().min(0).max(TABLE_EXPORT_LIMITS.decimals).optional(),
  /** Column width in characters (default: from the title and the values). */
  width: z.number().int().min(3).max(120).optional(),
});
export type ExportColumn = z.infer<typeof exportColumn>;

/** One cell: text (≤ 2 000 characters), a finite number, a boolean or empty. Objects and arrays are refused, so no formula can be smuggled in. */
export const exportCell = z.union([
  z.string().max(TABLE_EXPORT_LIMITS.cellText).refine((s) => !CONTROL_CHARS.test(s), controlMessage),
  z.number().finite(),
  z.boolean(),
  z.null(),
]);
export type ExportCell = z.infer<typeof exportCell>;

export const tableExportBody = z
  .object({
    title: z.string().normalize('NFC').trim().min(1).max(TABLE_EXPORT_LIMITS.title).refine((s) => !CONTROL_CHARS.test(s), controlMessage),
    sheetName: z.string().normalize('NFC').trim().max(TABLE_EXPORT_LIMITS.sheetName).optional(),
    /** A subtitle line under the title (filters in force, for instance). */
    subtitle: z.string().normalize('NFC').trim().max(TABLE_EXPORT_LIMITS.cellText).refine((s) => !CONTROL_CHARS.test(s), controlMessage).optional(),
    columns: z.array(exportColumn).min(1).max(TABLE_EXPORT_LIMITS.columns),
    rows: z.array(z.record(z.string().max(TABLE_EXPORT_LIMITS.key), exportCell)).max(TABLE_EXPORT_LIMITS.rows),
  })
  .superRefine((body, ctx) => {
    const seen = new Set<string>();
    body.columns.forEach((c, i) => {
      if (seen.has(c.key)) ctx.addIssue({ code: 'custom', path: ['columns', i, 'key'], message: 'duplicate', params: { vi: 'Mã cột bị trùng.', en: 'Duplicate column key.' } });
      seen.add(c.key);
    });
  });
export type TableExportBody = z.input<typeof tableExportBody>;
