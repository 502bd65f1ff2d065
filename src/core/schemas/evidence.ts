import { z } from 'zod';
import { abilities, id, LIMITS } from './common';

export const evidenceView = z.object({
  id: z.number().int(),
  agencyId: z.number().int(),
  title: z.string(),
  docNumber: z.string(),
  issuedOn: z.string().nullable(),
  issuer: z.string(),
  originalName: z.string(),
  mime: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  inline: z.boolean(),
  createdAt: z.string(),
  /** How many leaves (in any period) this document is attached to. */
  usedBy: z.number().int(),
  abilities,
});
export type EvidenceView = z.infer<typeof evidenceView>;

// A real calendar day: Date.parse accepts 2026-02-30 (rolling it into March), PostgreSQL does not.
const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((s) => {
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}, {
  params: { vi: 'Ngày không hợp lệ (YYYY-MM-DD).', en: 'Invalid date (YYYY-MM-DD).' },
});

/** Metadata of an uploaded evidence document (multipart fields next to `file`). */
export const evidenceFields = z.object({
  title: z.string().normalize('NFC').trim().min(1).max(LIMITS.name),
  docNumber: z.string().normalize('NFC').trim().max(LIMITS.shortText).default(''),
  issuedOn: z.union([dateText, z.literal('')]).optional(),
  issuer: z.string().normalize('NFC').trim().max(LIMITS.name).default(''),
});

export const evidenceUpdate = z.object({
  title: z.string().normalize('NFC').trim().min(1).max(LIMITS.name).optional(),
  docNumber: z.string().normalize('NFC').trim().max(LIMITS.shortText).optional(),
  issuedOn: dateText.nullable().optional(),
  issuer: z.string().normalize('NFC').trim().max(LIMITS.name).optional(),
});

export const evidenceListQuery = z.object({
  q: z.string().trim().max(LIMITS.shortText).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const agencyParams = z.object({ agencyId: id });
