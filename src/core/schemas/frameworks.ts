import { z } from 'zod';
import { abilities, id, optionalText, text, version, year } from './common';
import { classificationBand, decimalText, framework, frameworkNode } from './framework';

/** API shapes of the frameworks resource (the document itself is `framework` in ./framework). */

export const frameworkStatus = z.enum(['draft', 'published']);

export const frameworkProblemView = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  nodeCode: z.string().optional(),
  path: z.string().optional(),
  message: z.string(),
});

export const frameworkTotalsView = z.object({
  declaredTotal: z.string(),
  regularMax: z.string(),
  bonusMax: z.string(),
  deductionMax: z.string(),
  nodeCount: z.number().int(),
  leafCount: z.number().int(),
  fieldCount: z.number().int(),
});

export const frameworkSummary = z.object({
  id: z.number().int(),
  year: z.number().int(),
  revision: z.number().int(),
  groupId: z.number().int(),
  groupCode: z.string(),
  groupNameVi: z.string(),
  groupNameEn: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  status: frameworkStatus,
  publishedAt: z.string().nullable(),
  nodeCount: z.number().int(),
  usedByPeriods: z.number().int(),
  clonedFromId: z.number().int().nullable(),
  version: z.number().int(),
  abilities,
});
export type FrameworkSummary = z.infer<typeof frameworkSummary>;

export const frameworkDetail = frameworkSummary.extend({
  document: framework,
  problems: z.array(frameworkProblemView),
  totals: frameworkTotalsView,
});
export type FrameworkDetail = z.infer<typeof frameworkDetail>;

export const frameworkListQuery = z.object({
  year: year.optional(),
  groupId: id.optional(),
  status: frameworkStatus.optional(),
});

export const frameworkCreate = z.object({
  year,
  groupId: id,
  nameVi: text(500),
  nameEn: optionalText(500),
  declaredTotal: decimalText.default('100'),
  bonusCap: decimalText.default('0'),
  deductionCap: decimalText.default('0'),
  bands: z.array(classificationBand).max(20).optional(),
  nodes: z.array(frameworkNode).max(2000).default([]),
});

export const frameworkSave = z.object({
  version,
  nameVi: text(500),
  nameEn: optionalText(500),
  declaredTotal: decimalText,
  bonusCap: decimalText,
  deductionCap: decimalText,
  bands: z.array(classificationBand).max(20),
  nodes: z.array(frameworkNode).max(2000),
});

export const frameworkClone = z.object({
  year,
  groupId: id,
  nameVi: text(500).optional(),
  nameEn: optionalText(500).optional(),
});

export const frameworkPublish = z.object({ version });

export const diffQuery = z.object({ against: id });

const nodeName = z.object({ vi: z.string(), en: z.string() });
export const frameworkDiffView = z.object({
  from: frameworkSummary,
  to: frameworkSummary,
  added: z.array(frameworkNode),
  removed: z.array(frameworkNode),
  moved: z.array(z.object({ code: z.string(), fromCode: z.string(), fromParent: z.string().nullable(), toParent: z.string().nullable() })),
  renamed: z.array(z.object({ code: z.string(), fromCode: z.string(), fromName: nodeName, toName: nodeName })),
  changed: z.array(
    z.object({ code: z.string(), fromCode: z.string(), changes: z.array(z.string()), before: frameworkNode, after: frameworkNode }),
  ),
  meta: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  unchangedCount: z.number().int(),
});
export type FrameworkDiffView = z.infer<typeof frameworkDiffView>;
