import { z } from 'zod';
import { abilities, id, LIMITS, optionalText, version, year } from './common';

/** The class of an imported year: from the file, or from that year's bands. */
export const historyClass = z.object({ code: z.string(), labelVi: z.string(), labelEn: z.string(), source: z.enum(['file', 'bands']) });

const component = z.object({ code: z.string(), nameVi: z.string(), index: z.string() });

/** One row of a history preview: what will be stored, and what it replaces. */
export const historyPreviewRow = z.object({
  row: z.number().int(),
  year: z.number().int(),
  agencyId: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  totalIndex: z.string().nullable(),
  rank: z.number().int().nullable(),
  rankedCount: z.number().int().nullable(),
  classification: historyClass.nullable(),
  components: z.array(component),
  replaces: z.object({ totalIndex: z.string().nullable(), rank: z.number().int().nullable(), rankedCount: z.number().int().nullable() }).nullable(),
});
export type HistoryPreviewRow = z.infer<typeof historyPreviewRow>;

/** A problem of an uploaded history workbook: row, column letter (null = the row or the sheet) and message in the reader's language. */
export const historyProblem = z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() });

/** What an upload would store, with every problem; nothing is stored by a preview. */
export const historyPreview = z.object({ rows: z.array(historyPreviewRow), problems: z.array(historyProblem), years: z.array(z.number().int()) });
export type HistoryPreview = z.infer<typeof historyPreview>;

/** One stored history row as the list shows it. */
export const historyItem = z.object({
  id: z.number().int(),
  year: z.number().int(),
  agencyId: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  groupId: z.number().int(),
  totalIndex: z.string().nullable(),
  rank: z.number().int().nullable(),
  rankedCount: z.number().int().nullable(),
  classification: historyClass.nullable(),
  components: z.array(component),
  source: z.string().nullable(),
  version: z.number().int(),
  abilities,
});
export type HistoryItem = z.infer<typeof historyItem>;

export const historyListQuery = z.object({ year: year.optional(), agencyId: id.optional(), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50) });

export const historyList = z.object({ items: z.array(historyItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), years: z.array(z.number().int()) });
export type HistoryList = z.infer<typeof historyList>;

const decimalText = z.string().trim().max(20);
/** A correction of one imported row: the published index as text (rounded half-up once), rank, "of N", class text (empty = from the bands). */
export const historyUpdate = z.object({
  version,
  totalIndex: decimalText.nullable().optional(),
  rank: z.number().int().min(1).max(100_000).nullable().optional(),
  rankedCount: z.number().int().min(1).max(100_000).nullable().optional(),
  classText: z.string().trim().max(LIMITS.shortText).optional(),
  reason: optionalText(LIMITS.shortText),
});
export type HistoryUpdate = z.infer<typeof historyUpdate>;

/** Deleting an imported row: its version and an optional reason (query string). */
export const historyDelete = z.object({ version: z.coerce.number().int().positive(), reason: optionalText(LIMITS.shortText) });

/** A lineage event as the screens show it, with the rule used for a merger. */
export const lineageEvent = z.object({
  id: z.number().int(),
  year: z.number().int(),
  kind: z.enum(['rename', 'merge', 'split']),
  comparison: z.enum(['predecessor', 'none']),
  predecessorId: z.number().int().nullable(),
  from: z.array(z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() })),
  to: z.array(z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() })),
  note: z.string(),
  version: z.number().int(),
  abilities,
});
export type LineageEventItem = z.infer<typeof lineageEvent>;

export const lineageCreate = z.object({
  year,
  kind: z.enum(['rename', 'merge', 'split']),
  comparison: z.enum(['predecessor', 'none']).default('predecessor'),
  predecessorId: id.nullable().default(null),
  from: z.array(id).min(1).max(50),
  to: z.array(id).min(1).max(50),
  note: optionalText(LIMITS.shortText),
});
export type LineageCreate = z.infer<typeof lineageCreate>;

export const lineageUpdate = z.object({ version, comparison: z.enum(['predecessor', 'none']), predecessorId: id.nullable().default(null), note: optionalText(LIMITS.shortText).optional() });
export type LineageUpdate = z.infer<typeof lineageUpdate>;

export const lineageList = z.object({ items: z.array(lineageEvent), abilities });

/** How an agency's trend reached back across a change: the event, the predecessor read and the rule. */
export const lineageNote = z.object({
  year: z.number().int(),
  kind: z.enum(['rename', 'merge', 'split']),
  rule: z.enum(['predecessor', 'none']),
  predecessor: z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() }).nullable(),
});
export type LineageNote = z.infer<typeof lineageNote>;
