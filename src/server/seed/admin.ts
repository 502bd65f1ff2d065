import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { localizeIssue } from '../../core/schemas/issues';
import { password as passwordSchema, username as usernameSchema } from '../../core/schemas/users';
import type { Database } from '../db/client';
import { auditLog, provinces, userRoles, users } from '../db/schema/index';
import { hashPassword } from '../lib/passwords';
import { passwordProblem } from '../lib/password-policy';

/**
 * Creates an administrator account (CLI `create-admin`), creating the province first on an empty database.
 */
export async function createAdmin(
  database: Database,
  input: { username: string; password: string; fullName: string; provinceCode?: string | undefined; provinceName?: string | undefined },
): Promise<{ ok: true; username: string; provinceCode: string } | { ok: false; problems: string[] }> {
  const parsed = z.object({ username: usernameSchema, password: passwordSchema }).safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${localizeIssue(i, 'en')}`) };
  const weak = passwordProblem(parsed.data.password, parsed.data.username);
  if (weak) return { ok: false, problems: [`password: ${weak.en}`] };
  const db = database.db;
  const existing = await db.select().from(users).where(eq(users.username, parsed.data.username)).limit(1);
  if (existing.length) return { ok: false, problems: [`username: "${parsed.data.username}" already exists`] };
  let province = (await db.select().from(provinces).limit(2))[0];
  if (input.provinceCode) {
    province = (await db.select().from(provinces).where(eq(provinces.code, input.provinceCode)).limit(1))[0];
  }
  const hash = await hashPassword(parsed.data.password);
  return db.transaction(async (tx) => {
    if (!province) {
      const code = input.provinceCode ?? 'TINH';
      const name = input.provinceName ?? 'Tỉnh';
      [province] = await tx.insert(provinces).values({ code, nameVi: name, nameEn: name, governingBodyVi: `UBND ${name.toUpperCase()}` }).returning();
    }
    const [u] = await tx
      .insert(users)
      .values({ provinceId: province!.id, username: parsed.data.username, fullName: input.fullName, passwordHash: hash, mustChangePassword: false })
      .returning();
    await tx.insert(userRoles).values({ userId: u!.id, role: 'admin', fieldCodes: [], agencyIds: [] });
    await tx.insert(auditLog).values({
      provinceId: province!.id,
      action: 'user.create',
      entityType: 'user',
      entityId: String(u!.id),
      newValue: { username: u!.username, roles: ['admin'], via: 'cli create-admin' },
    });
    return { ok: true as const, username: u!.username, provinceCode: province!.code };
  });
}
