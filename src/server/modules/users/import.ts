import { z } from 'zod';
import { ROLE_LABELS, ROLES, type Role } from '../../../core/domain/roles';
import { foldText } from '../../../core/domain/text';
import { AppError, type Bilingual } from '../../../core/errors';
import { code as codeSchema, LIMITS, text } from '../../../core/schemas/common';
import { password as passwordSchema, username as usernameSchema } from '../../../core/schemas/users';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { parseRowFields } from '../../lib/import-rows';
import { hashPassword } from '../../lib/passwords';
import { passwordProblem } from '../../lib/password-policy';
import { randomToken } from '../../lib/tokens';
import { writeTable, type XlsxBytes } from '../../lib/safe-export';
import { cellText, type ImportProblem, loadWorkbook, readTable } from '../../lib/xlsx';
import { authorize, requireActor } from '../../policies';
import { importFailed } from '../org/service';
import * as q from './queries';

const USER_COLUMNS = [
  { key: 'username', headers: ['Tên đăng nhập', 'Username'], required: true },
  { key: 'fullName', headers: ['Họ và tên', 'Họ tên', 'Full name'], required: true },
  { key: 'email', headers: ['Email', 'Thư điện tử'] },
  { key: 'roles', headers: ['Vai trò', 'Roles', 'Role'], required: true },
  { key: 'agency', headers: ['Mã cơ quan', 'Cơ quan', 'Agency code'] },
  { key: 'division', headers: ['Mã phòng', 'Phòng', 'Division code'] },
  { key: 'fields', headers: ['Lĩnh vực thẩm định', 'Lĩnh vực', 'Fields'] },
  { key: 'password', headers: ['Mật khẩu', 'Password'] },
] as const;
type UserColumn = (typeof USER_COLUMNS)[number]['key'];

const ROLE_BY_TEXT = new Map<string, Role>();
for (const r of ROLES) {
  ROLE_BY_TEXT.set(r, r);
  ROLE_BY_TEXT.set(foldText(ROLE_LABELS[r].vi), r);
  ROLE_BY_TEXT.set(foldText(ROLE_LABELS[r].en), r);
}

const rowShape = {
  username: usernameSchema,
  fullName: text(),
  email: z.string().trim().toLowerCase().max(LIMITS.email).pipe(z.email()).optional(),
  roles: z.string().min(1).max(500),
  agency: codeSchema.optional(),
  division: codeSchema.optional(),
  fields: z.string().max(500).optional(),
  password: passwordSchema.optional(),
};
type RowValues = { [K in keyof typeof rowShape]: z.infer<(typeof rowShape)[K]> };

export interface ImportedUser {
  username: string;
  initialPassword: string | null;
}

/**
 * Imports accounts from .xlsx; every problem is reported with row and column and nothing is imported on error.
 * New accounts without a password column get a generated one, returned once, and must change it at first login.
 * Existing usernames get their name, email and roles updated (never their password).
 */
export async function importUsers(ctx: Ctx, buffer: Buffer) {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'user.import', { provinceId: actor.provinceId });
  const wb = await loadWorkbook(buffer);
  const sheet = wb.worksheets[0];
  if (!sheet) throw importFailed([], ctx);
  const { rows, problems, letters } = readTable<UserColumn>(sheet, [...USER_COLUMNS]);
  const problem = (row: number, column: UserColumn | null, message: Bilingual) =>
    problems.push({ row, column: column ? `${letters[column] ?? ''} (${column})` : null, message });

  const agencyCodes = [...new Set(rows.map((r) => cellText(r.cells.agency)).filter(Boolean))];
  const agencyRows = await q.findAgenciesByCode(ctx.db, actor.provinceId, agencyCodes);
  const agencyByCode = new Map(agencyRows.map((a) => [a.code, a.id]));
  const divisionRows = await q.findDivisionsByCode(ctx.db, agencyRows.map((a) => a.id));
  const seen = new Map<string, number>();
  const parsed: { row: number; data: RowValues; grants: q.GrantInsert[] }[] = [];

  for (const r of rows) {
    const raw = Object.fromEntries(Object.entries(r.cells).map(([k, v]) => [k, cellText(v) || undefined]));
    const { values: d, problems: cellProblems } = parseRowFields(rowShape, raw);
    for (const p of cellProblems) problem(r.rowNumber, p.column, p.message);
    if (d.username) {
      const dup = seen.get(d.username);
      if (dup) problem(r.rowNumber, 'username', { vi: `Trùng với dòng ${dup}.`, en: `Duplicate of row ${dup}.` });
      seen.set(d.username, r.rowNumber);
    }
    const weak = d.password ? passwordProblem(d.password, d.username) : null;
    if (weak) problem(r.rowNumber, 'password', weak);
    const agencyId = d.agency ? agencyByCode.get(d.agency) : undefined;
    if (d.agency && agencyId === undefined)
      problem(r.rowNumber, 'agency', { vi: `Không có cơ quan mã "${d.agency}".`, en: `No agency with code "${d.agency}".` });
    const divisionId = d.division ? divisionRows.find((x) => x.code === d.division && x.agencyId === agencyId)?.id : undefined;
    if (d.division && divisionId === undefined)
      problem(r.rowNumber, 'division', { vi: `Cơ quan không có phòng mã "${d.division}".`, en: `The agency has no division "${d.division}".` });
    const grants: q.GrantInsert[] = [];
    for (const part of (d.roles ?? '').split(/[,;]/).map((s) => s.trim()).filter(Boolean)) {
      const role = ROLE_BY_TEXT.get(foldText(part)) ?? ROLE_BY_TEXT.get(part);
      if (!role) {
        problem(r.rowNumber, 'roles', { vi: `Vai trò không hợp lệ: "${part}".`, en: `Unknown role: "${part}".` });
        continue;
      }
      if ((role === 'agency_focal' || role === 'agency_head') && !d.agency)
        problem(r.rowNumber, 'agency', { vi: 'Vai trò này cần mã cơ quan.', en: 'This role needs an agency code.' });
      if (role === 'division_head' && !d.division)
        problem(r.rowNumber, 'division', { vi: 'Trưởng phòng cần mã phòng.', en: 'A division head needs a division code.' });
      const fieldCodes = role === 'appraiser' && d.fields ? d.fields.split(/[,;]/).map((s) => s.trim()).filter(Boolean) : [];
      grants.push({
        role,
        agencyId: role === 'admin' || role === 'secretariat' ? null : (agencyId ?? null),
        divisionId: role === 'division_head' ? (divisionId ?? null) : null,
        fieldCodes,
        agencyIds: [],
      });
    }
    if (cellProblems.length === 0) parsed.push({ row: r.rowNumber, data: d as RowValues, grants });
  }
  if (rows.length === 0 && problems.length === 0)
    problems.push({ row: 1, column: null, message: { vi: 'Tệp không có dòng dữ liệu nào.', en: 'The file has no data rows.' } });
  if (problems.length) throw importFailed(problems as ImportProblem[], ctx);

  const existing = new Map<string, q.UserRow>();
  for (const p of parsed) {
    const u = await q.findUserByUsername(ctx.db, p.data.username);
    if (u) {
      if (u.provinceId !== actor.provinceId) {
        throw importFailed([{ row: p.row, column: `${letters.username} (username)`, message: { vi: 'Tên đăng nhập đã được dùng.', en: 'This username is taken.' } }], ctx);
      }
      existing.set(u.username, u);
    }
  }
  // Hash outside the transaction (slow by design), then write everything at once.
  const hashed = new Map<string, { hash: string; initial: string | null }>();
  for (const p of parsed) {
    if (existing.has(p.data.username)) continue;
    const initial = p.data.password ? null : `Pi-${randomToken(9)}7`;
    hashed.set(p.data.username, { hash: await hashPassword(p.data.password ?? initial!), initial });
  }
  const out: ImportedUser[] = [];
  const changed: number[] = [];
  let created = 0;
  let updated = 0;
  await ctx.db.transaction(async (tx) => {
    for (const p of parsed) {
      const before = existing.get(p.data.username);
      if (before) {
        const row = await q.updateUserVersioned(tx, before.id, before.version, {
          fullName: p.data.fullName,
          email: p.data.email ?? before.email,
          updatedAt: ctx.now,
        });
        if (!row) throw new AppError('conflict');
        await q.replaceGrants(tx, before.id, p.grants);
        changed.push(before.id);
        await appendAudit(tx, ctx, { action: 'user.update', entityType: 'user', entityId: before.id, reason: 'import', newValue: { fullName: p.data.fullName, roles: p.grants } });
        updated++;
        out.push({ username: p.data.username, initialPassword: null });
      } else {
        const h = hashed.get(p.data.username)!;
        const row = await q.insertUser(tx, {
          provinceId: actor.provinceId,
          username: p.data.username,
          fullName: p.data.fullName,
          email: p.data.email ?? null,
          passwordHash: h.hash,
          mustChangePassword: true,
          passwordChangedAt: ctx.now,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
        await q.replaceGrants(tx, row.id, p.grants);
        await appendAudit(tx, ctx, { action: 'user.create', entityType: 'user', entityId: row.id, reason: 'import', newValue: { username: row.username, fullName: row.fullName, roles: p.grants } });
        created++;
        out.push({ username: p.data.username, initialPassword: h.initial });
      }
    }
  });
  for (const id of changed) await ctx.sessions?.afterChange(id);
  return { created, updated, rows: parsed.length, users: out };
}

/** An .xlsx template of the user import, with one example row per kind of account. */
export async function userTemplate(ctx: Ctx): Promise<XlsxBytes> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'user.import', { provinceId: actor.provinceId });
  return writeTable(
    'Nguoi dung',
    USER_COLUMNS.map((c) => ({ header: c.headers[0], key: c.key, width: c.key === 'fullName' || c.key === 'roles' ? 30 : 18 })),
    [
      { username: 'nguyenvana', fullName: 'Nguyễn Văn A', email: 'a@example.gov.vn', roles: 'agency_focal', agency: 'BDT', division: null, fields: null, password: null },
      { username: 'tranthib', fullName: 'Trần Thị B', email: null, roles: 'Trưởng phòng', agency: 'BDT', division: 'VP', fields: null, password: null },
      { username: 'thamdinh.stp', fullName: 'Lê Văn C', email: null, roles: 'appraiser', agency: 'STP', division: null, fields: '2', password: null },
    ],
  );
}
