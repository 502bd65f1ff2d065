import { z } from 'zod';
import { AGENCY_SCOPED_ROLES, ROLES } from '../domain/roles';
import { abilities, code, id, LIMITS, text, version } from './common';

export const role = z.enum(ROLES);

export const password = z
  .string()
  .min(LIMITS.passwordMin)
  .max(LIMITS.passwordMax)
  .refine((p) => /[A-Za-z\u00C0-\u1EF9]/.test(p) && /\d/.test(p), {
    params: {
      vi: 'Mật khẩu cần ít nhất 12 ký tự, gồm cả chữ và số.',
      en: 'A password needs at least 12 characters with letters and digits.',
    },
  });

export const username = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(LIMITS.username)
  .refine((s) => /^[a-z0-9][a-z0-9._-]*$/.test(s), {
    params: {
      vi: 'Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới.',
      en: 'A username uses lower-case unaccented letters, digits, dots, dashes, underscores.',
    },
  });

export const roleGrant = z
  .object({
    role,
    agencyId: id.nullable().default(null),
    divisionId: id.nullable().default(null),
    fieldCodes: z.array(code).max(50).default([]),
    agencyIds: z.array(id).max(2000).default([]),
  })
  .superRefine((g, ctx) => {
    if (AGENCY_SCOPED_ROLES.includes(g.role) && g.agencyId == null)
      ctx.addIssue({
        code: 'custom',
        path: ['agencyId'],
        params: { vi: 'Vai trò này cần chọn cơ quan.', en: 'This role needs an agency.' },
      });
    if (g.role === 'division_head' && g.divisionId == null)
      ctx.addIssue({
        code: 'custom',
        path: ['divisionId'],
        params: { vi: 'Trưởng phòng cần chọn phòng.', en: 'A division head needs a division.' },
      });
  });
export type RoleGrant = z.infer<typeof roleGrant>;

export const roleGrantView = z.object({
  role,
  agencyId: z.number().int().nullable(),
  agencyNameVi: z.string().nullable(),
  agencyNameEn: z.string().nullable(),
  divisionId: z.number().int().nullable(),
  divisionNameVi: z.string().nullable(),
  divisionNameEn: z.string().nullable(),
  fieldCodes: z.array(z.string()),
  agencyIds: z.array(z.number().int()),
});
export type RoleGrantView = z.infer<typeof roleGrantView>;

export const user = z.object({
  id: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Logins from some client are being delayed after failed attempts (an administrator may unlock). */
  isLocked: z.boolean(),
  lockedUntil: z.string().nullable(),
  /** Failed logins still counted (from any client), cleared by a success from that client or an unlock. */
  failedLogins: z.number().int(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(roleGrantView),
  version: z.number().int(),
  abilities,
});
export type User = z.infer<typeof user>;

const email = z.string().trim().toLowerCase().max(LIMITS.email).pipe(z.email()).nullable().default(null);

export const userCreate = z.object({
  username,
  fullName: text(),
  email,
  password,
  mustChangePassword: z.boolean().default(true),
  roles: z.array(roleGrant).min(1).max(20),
});

export const userUpdate = z.object({
  fullName: text().optional(),
  email: z.string().trim().toLowerCase().max(LIMITS.email).pipe(z.email()).nullable().optional(),
  isActive: z.boolean().optional(),
  roles: z.array(roleGrant).min(1).max(20).optional(),
  version,
});

export const passwordReset = z.object({ password, mustChangePassword: z.boolean().default(true) });

export const userListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
  q: z.string().trim().max(LIMITS.shortText).optional(),
  role: role.optional(),
  agencyId: id.optional(),
  active: z.enum(['true', 'false', 'all']).default('all'),
});
