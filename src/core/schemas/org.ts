import { z } from 'zod';
import { abilities, code, id, LIMITS, optionalText, text, version, year } from './common';

export const agencyGroup = z.object({
  id: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  position: z.number().int(),
  isActive: z.boolean(),
  agencyCount: z.number().int(),
  version: z.number().int(),
  abilities,
});
export type AgencyGroup = z.infer<typeof agencyGroup>;

export const agencyGroupCreate = z.object({
  code,
  nameVi: text(),
  nameEn: text(),
  position: z.number().int().min(0).max(10_000).default(0),
});
export const agencyGroupUpdate = agencyGroupCreate.partial().extend({ isActive: z.boolean().optional(), version });

export const agency = z.object({
  id: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  abbreviation: z.string(),
  groupId: z.number().int(),
  groupCode: z.string(),
  groupNameVi: z.string(),
  groupNameEn: z.string(),
  parentId: z.number().int().nullable(),
  parentNameVi: z.string().nullable(),
  activeFromYear: z.number().int(),
  activeToYear: z.number().int().nullable(),
  isActive: z.boolean(),
  divisionCount: z.number().int(),
  version: z.number().int(),
  abilities,
});
export type Agency = z.infer<typeof agency>;

const agencyFields = {
  code,
  nameVi: text(),
  nameEn: text(),
  abbreviation: optionalText(LIMITS.code),
  groupId: id,
  parentId: id.nullable().default(null),
  activeFromYear: year,
  activeToYear: year.nullable().default(null),
};

const yearsOrdered = {
  check: (v: { activeFromYear?: number; activeToYear?: number | null }) =>
    v.activeToYear == null || v.activeFromYear == null || v.activeToYear >= v.activeFromYear,
  message: {
    path: ['activeToYear'],
    params: { vi: 'Năm kết thúc phải ≥ năm bắt đầu.', en: 'The end year must be ≥ the start year.' },
  },
};

export const agencyCreate = z.object(agencyFields).refine(yearsOrdered.check, yearsOrdered.message);
export const agencyUpdate = z
  .object({
    code: agencyFields.code.optional(),
    nameVi: agencyFields.nameVi.optional(),
    nameEn: agencyFields.nameEn.optional(),
    abbreviation: z.string().normalize('NFC').trim().max(LIMITS.code).optional(),
    groupId: id.optional(),
    parentId: id.nullable().optional(),
    activeFromYear: year.optional(),
    activeToYear: year.nullable().optional(),
    isActive: z.boolean().optional(),
    version,
  })
  .refine(yearsOrdered.check, yearsOrdered.message);

export const agencyListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
  q: z.string().trim().max(LIMITS.shortText).optional(),
  groupId: id.optional(),
  active: z.enum(['true', 'false', 'all']).default('all'),
  sort: z.enum(['code', 'nameVi', 'nameEn', 'group', 'activeFromYear']).default('code'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const division = z.object({
  id: z.number().int(),
  agencyId: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  isActive: z.boolean(),
  version: z.number().int(),
  abilities,
});
export type Division = z.infer<typeof division>;

export const divisionCreate = z.object({ code, nameVi: text(), nameEn: text() });
export const divisionUpdate = divisionCreate.partial().extend({ isActive: z.boolean().optional(), version });

export const province = z.object({
  id: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  governingBodyVi: z.string(),
  version: z.number().int(),
  abilities,
});
export type Province = z.infer<typeof province>;

/** One row-precise problem of an .xlsx import. */
export const importProblem = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  message: z.string(),
});
export const importResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  rows: z.number().int(),
});
