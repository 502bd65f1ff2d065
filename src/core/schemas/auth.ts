import { z } from 'zod';
import { abilities, LIMITS } from './common';
import { password, roleGrantView } from './users';

export const loginBody = z.object({
  username: z.string().trim().toLowerCase().min(1).max(LIMITS.username),
  password: z.string().min(1).max(LIMITS.passwordMax),
});

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(LIMITS.passwordMax),
  newPassword: password,
});

export const me = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    fullName: z.string(),
    email: z.string().nullable(),
    lang: z.enum(['vi', 'en']),
    /** The year last chosen in the top bar; null when the user never chose one. */
    preferredYear: z.number().int().nullable(),
    mustChangePassword: z.boolean(),
    roles: z.array(roleGrantView),
  }),
  province: z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  csrfToken: z.string(),
  abilities,
});
export type Me = z.infer<typeof me>;

/** An assessment year as the top bar offers it (years of periods and imported history). */
export const assessmentYear = z.number().int().min(2000).max(2100);
export const preferredYearBody = z.object({ year: assessmentYear.nullable() });

export const csrfReply = z.object({ csrfToken: z.string() });
