import { z } from 'zod';
import { PHASES } from '../domain/workflow';
import { abilities, code, id, LIMITS, optionalText, text, version, year, multilineText } from './common';

export const phase = z.enum(PHASES);

const instant = z.iso.datetime({ offset: true });

export const periodFrameworkView = z.object({
  groupId: z.number().int(),
  groupCode: z.string(),
  groupNameVi: z.string(),
  frameworkId: z.number().int(),
  frameworkNameVi: z.string(),
  frameworkRevision: z.number().int(),
});

export const periodView = z.object({
  id: z.number().int(),
  year: z.number().int(),
  nameVi: z.string(),
  nameEn: z.string(),
  phase,
  selfAssessmentDueAt: z.string().nullable(),
  appraisal1DueAt: z.string().nullable(),
  explanationDueAt: z.string().nullable(),
  appraisal2DueAt: z.string().nullable(),
  frameworks: z.array(periodFrameworkView),
  assessmentCount: z.number().int(),
  version: z.number().int(),
  abilities,
});
export type PeriodView = z.infer<typeof periodView>;

/** The years the top bar offers (periods and imported history, newest first) and the one to open on by default. */
export const yearsView = z.object({
  items: z.array(z.object({ year: z.number().int(), phase: phase.nullable(), hasHistory: z.boolean() })),
  defaultYear: z.number().int().nullable(),
});
export type YearsView = z.infer<typeof yearsView>;

const deadlines = {
  selfAssessmentDueAt: instant.nullable().optional(),
  appraisal1DueAt: instant.nullable().optional(),
  explanationDueAt: instant.nullable().optional(),
  appraisal2DueAt: instant.nullable().optional(),
};

export const periodCreate = z.object({
  year,
  nameVi: text(),
  nameEn: optionalText(LIMITS.name),
  ...deadlines,
  frameworks: z.array(z.object({ groupId: id, frameworkId: id })).max(50).default([]),
});

export const periodUpdate = z.object({
  nameVi: text().optional(),
  nameEn: optionalText(LIMITS.name).optional(),
  ...deadlines,
  frameworks: z.array(z.object({ groupId: id, frameworkId: id })).max(50).optional(),
  version,
});

export const phaseAdvance = z.object({ to: phase, version });

export const extensionCreate = z.object({
  agencyId: id,
  phase: z.enum(['self_assessment', 'appraisal1', 'explanation', 'appraisal2']),
  dueAt: instant,
  reason: multilineText(LIMITS.longText),
});

export const extensionView = z.object({
  id: z.number().int(),
  agencyId: z.number().int(),
  agencyCode: z.string(),
  agencyNameVi: z.string(),
  /** The agency's English name ('' when it has none; the UI then falls back to Vietnamese). */
  agencyNameEn: z.string(),
  phase: z.string(),
  dueAt: z.string(),
  reason: z.string(),
  createdAt: z.string(),
});

export const assignmentInput = z.object({ userId: id, fieldCode: code, agencyId: id.nullable().default(null) });
export const assignmentsBody = z.object({ assignments: z.array(assignmentInput).max(5000) });
export const assignmentView = z.object({
  userId: z.number().int(),
  fullName: z.string(),
  username: z.string(),
  fieldCode: z.string(),
  agencyId: z.number().int().nullable(),
  agencyNameVi: z.string().nullable(),
  agencyNameEn: z.string().nullable(),
});
