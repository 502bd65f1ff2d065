import { z } from 'zod';
import { abilities, id, LIMITS, text, version, year, multilineText, optionalMultilineText } from './common';

/** Reform initiatives (sáng kiến): registered by an agency's staff, linked to criteria, reviewed by the agency head. */

export const INITIATIVE_STATUSES = ['submitted', 'approved', 'rejected'] as const;
export const initiativeStatus = z.enum(INITIATIVE_STATUSES);
export type InitiativeStatus = z.infer<typeof initiativeStatus>;

const nodeCodes = z.array(z.string().trim().min(1).max(LIMITS.code)).max(30);

export const initiativeCreate = z.object({
  agencyId: id,
  /** The year of the period whose framework the linked criteria belong to. */
  year,
  title: text(LIMITS.name),
  summary: optionalMultilineText(LIMITS.longText),
  /** Authors as written ("Hồ Văn Tâm, Lê Thị Hồng"). */
  authors: multilineText(1000),
  divisionId: id.nullable().default(null),
  nodeCodes: nodeCodes.default([]),
});

export const initiativeUpdate = z.object({
  version,
  title: text(LIMITS.name).optional(),
  summary: optionalMultilineText(LIMITS.longText).optional(),
  authors: multilineText(1000).optional(),
  divisionId: id.nullable().optional(),
  nodeCodes: nodeCodes.optional(),
});

export const initiativeReview = z
  .object({ version, decision: z.enum(['approve', 'reject']), note: optionalMultilineText(LIMITS.longText) })
  .refine((v) => v.decision !== 'reject' || v.note.length > 0, {
    path: ['note'],
    params: { vi: 'Cần ghi lý do không phê duyệt.', en: 'Give the reason for the rejection.' },
  });

export const initiativeListQuery = z.object({
  agencyId: id.optional(),
  year: year.optional(),
  status: initiativeStatus.optional(),
  q: z.string().trim().max(LIMITS.shortText).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
});

const nodeRef = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() });

export const initiativeView = z.object({
  id: z.number().int(),
  agency: z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  year: z.number().int(),
  title: z.string(),
  summary: z.string(),
  authors: z.string(),
  division: z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() }).nullable(),
  /** The linked criteria with their names (a code the framework no longer has keeps an empty name). */
  nodes: z.array(nodeRef),
  status: initiativeStatus,
  reviewNote: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The commendation proposal made from it, if any. */
  commendation: z.object({ id: z.number().int(), status: z.string() }).nullable(),
  version: z.number().int(),
  abilities,
});
export type InitiativeView = z.infer<typeof initiativeView>;

export const initiativePage = z.object({
  items: z.array(initiativeView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  counts: z.object({ submitted: z.number().int(), approved: z.number().int(), rejected: z.number().int() }),
  abilities,
});
export type InitiativePage = z.infer<typeof initiativePage>;

export const criteriaQuery = z.object({ agencyId: id, year });

/** The nodes of the framework an initiative can link to (fields, criteria and leaves), in tree order. */
export const criteriaList = z.object({
  items: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), depth: z.number().int(), leaf: z.boolean() })),
});
export type CriteriaList = z.infer<typeof criteriaList>;
