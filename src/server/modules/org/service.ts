import { z } from 'zod';
import { foldText } from '../../../core/domain/text';
import { AppError, type Bilingual } from '../../../core/errors';
import { code as codeSchema, LIMITS, text, year } from '../../../core/schemas/common';
import type {
  Agency,
  agencyCreate,
  AgencyGroup,
  agencyGroupCreate,
  agencyGroupUpdate,
  agencyListQuery,
  agencyUpdate,
  Division,
  divisionCreate,
  divisionUpdate,
  Province,
} from '../../../core/schemas/org';
import { appendAudit, changedFields } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { parseRowFields } from '../../lib/import-rows';
import { writeTable, type XlsxBytes } from '../../lib/safe-export';
import { cellText, type ImportProblem, loadWorkbook, readTable } from '../../lib/xlsx';
import { abilitiesFor, authorize, requireActor } from '../../policies';
import { presentAgency, presentDivision, presentGroup, presentProvince } from './present';
import * as q from './queries';

const notFoundField = (path: string): { path: string; message: Bilingual } => ({
  path,
  message: { vi: 'Không tồn tại.', en: 'Does not exist.' },
});

function searchTextOf(a: { code: string; nameVi: string; nameEn: string; abbreviation?: string }): string {
  return foldText(`${a.code} ${a.abbreviation ?? ''} ${a.nameVi} ${a.nameEn}`);
}

/** The province of an agency (for other modules' tenant checks), or null. */
export async function findAgencyRef(db: Ctx['db'], id: number): Promise<{ id: number; provinceId: number; groupId: number; code: string; nameVi: string } | null> {
  const a = await q.findAgency(db, id);
  return a ? { id: a.id, provinceId: a.provinceId, groupId: a.groupId, code: a.code, nameVi: a.nameVi } : null;
}

/** An agency of the actor's province for read-only uses (analysis, reports); another province's agency is not found. */
export async function findAgencyForAnalysis(ctx: Ctx, id: number) {
  const actor = requireActor(ctx.actor);
  const a = await q.findAgency(ctx.db, id);
  if (!a || a.provinceId !== actor.provinceId) throw new AppError('not_found');
  return { id: a.id, provinceId: a.provinceId, groupId: a.groupId, code: a.code, nameVi: a.nameVi, nameEn: a.nameEn };
}

// ---------- province ----------

export async function getProvince(ctx: Ctx): Promise<Province> {
  const actor = requireActor(ctx.actor);
  const row = await q.findProvince(ctx.db, actor.provinceId);
  if (!row) throw new AppError('not_found');
  return presentProvince(row, actor);
}

export async function updateProvince(
  ctx: Ctx,
  input: { nameVi?: string | undefined; nameEn?: string | undefined; governingBodyVi?: string | undefined; version: number },
): Promise<Province> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'province.update', { provinceId: actor.provinceId });
  const before = await q.findProvince(ctx.db, actor.provinceId);
  if (!before) throw new AppError('not_found');
  const row = await ctx.db.transaction(async (tx) => {
    const { version, ...rest } = input;
    const values = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    const updated = await q.updateProvinceVersioned(tx, before.id, version, { ...values, updatedAt: ctx.now });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: before.version } });
    await appendAudit(tx, ctx, { action: 'province.update', entityType: 'province', entityId: before.id, ...changedFields(before, values) });
    return updated;
  });
  return presentProvince(row, actor);
}

// ---------- agency groups ----------

export async function listGroups(ctx: Ctx): Promise<{ items: AgencyGroup[]; abilities: Record<string, boolean> }> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'agencyGroup.read', { provinceId: actor.provinceId });
  const rows = await q.listGroups(ctx.db, actor.provinceId);
  return {
    items: rows.map((r) => presentGroup(r.group, r.agencyCount, actor)),
    abilities: abilitiesFor(actor, ['agencyGroup.create'], { provinceId: actor.provinceId }),
  };
}

export async function createGroup(ctx: Ctx, input: z.infer<typeof agencyGroupCreate>): Promise<AgencyGroup> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'agencyGroup.create', { provinceId: actor.provinceId });
  const row = await ctx.db.transaction(async (tx) => {
    const created = await q.insertGroup(tx, { ...input, provinceId: actor.provinceId, createdAt: ctx.now, updatedAt: ctx.now });
    await appendAudit(tx, ctx, { action: 'agency_group.create', entityType: 'agency_group', entityId: created.id, newValue: input });
    return created;
  });
  return presentGroup(row, 0, actor);
}

export async function updateGroup(ctx: Ctx, id: number, input: z.infer<typeof agencyGroupUpdate>): Promise<AgencyGroup> {
  const actor = requireActor(ctx.actor);
  const before = await q.findGroup(ctx.db, id);
  if (!before || before.provinceId !== actor.provinceId) throw new AppError('not_found');
  authorize(actor, 'agencyGroup.update', { provinceId: before.provinceId });
  const { version, ...values } = input;
  const row = await ctx.db.transaction(async (tx) => {
    const updated = await q.updateGroupVersioned(tx, id, version, { ...values, updatedAt: ctx.now });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: before.version } });
    await appendAudit(tx, ctx, { action: 'agency_group.update', entityType: 'agency_group', entityId: id, ...changedFields(before, values) });
    return updated;
  });
  const counts = await q.listGroups(ctx.db, actor.provinceId);
  return presentGroup(row, counts.find((c) => c.group.id === id)?.agencyCount ?? 0, actor);
}

// ---------- agencies ----------

export async function listAgencies(ctx: Ctx, query: z.infer<typeof agencyListQuery>) {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'agency.read', { provinceId: actor.provinceId });
  const { items, total } = await q.listAgencies(
    ctx.db,
    { provinceId: actor.provinceId, q: query.q ? foldText(query.q) : undefined, groupId: query.groupId, active: query.active },
    { page: query.page, pageSize: query.pageSize, sort: query.sort, order: query.order },
  );
  return {
    items: items.map((r) => presentAgency(r, actor)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    abilities: abilitiesFor(actor, ['agency.create', 'agency.import'], { provinceId: actor.provinceId }),
  };
}

async function loadAgencyView(ctx: Ctx, id: number): Promise<q.AgencyListRow> {
  const row = await q.findAgencyView(ctx.db, id);
  if (!row || row.agency.provinceId !== ctx.actor?.provinceId) throw new AppError('not_found');
  return row;
}

export async function getAgency(ctx: Ctx, id: number): Promise<Agency> {
  const actor = requireActor(ctx.actor);
  const row = await loadAgencyView(ctx, id);
  authorize(actor, 'agency.read', { provinceId: row.agency.provinceId, agencyId: id });
  return presentAgency(row, actor);
}

async function checkAgencyRefs(
  ctx: Ctx,
  provinceId: number,
  id: number | null,
  refs: { groupId?: number | undefined; parentId?: number | null | undefined },
): Promise<void> {
  const fields: { path: string; message: Bilingual }[] = [];
  if (refs.groupId !== undefined) {
    const g = await q.findGroup(ctx.db, refs.groupId);
    if (!g || g.provinceId !== provinceId) fields.push(notFoundField('groupId'));
  }
  if (refs.parentId != null) {
    const p = await q.findAgency(ctx.db, refs.parentId);
    if (!p || p.provinceId !== provinceId) fields.push(notFoundField('parentId'));
    else if (id != null && (refs.parentId === id || (await q.wouldCreateCycle(ctx.db, id, refs.parentId))))
      fields.push({ path: 'parentId', message: { vi: 'Đơn vị cha tạo thành vòng lặp.', en: 'This parent would create a cycle.' } });
  }
  if (fields.length) throw new AppError('validation_failed', undefined, { fields });
}

function duplicateCode(): AppError {
  return new AppError('duplicate', undefined, {
    fields: [{ path: 'code', message: { vi: 'Mã đã được dùng.', en: 'This code is already used.' } }],
  });
}

export async function createAgency(ctx: Ctx, input: z.infer<typeof agencyCreate>): Promise<Agency> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'agency.create', { provinceId: actor.provinceId });
  await checkAgencyRefs(ctx, actor.provinceId, null, input);
  if ((await q.findAgenciesByCodes(ctx.db, actor.provinceId, [input.code])).length) throw duplicateCode();
  const created = await ctx.db.transaction(async (tx) => {
    const row = await q.insertAgency(tx, {
      ...input,
      provinceId: actor.provinceId,
      searchText: searchTextOf(input),
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    await appendAudit(tx, ctx, { action: 'agency.create', entityType: 'agency', entityId: row.id, newValue: input });
    return row;
  });
  return presentAgency((await q.findAgencyView(ctx.db, created.id))!, actor);
}

export async function updateAgency(ctx: Ctx, id: number, input: z.infer<typeof agencyUpdate>): Promise<Agency> {
  const actor = requireActor(ctx.actor);
  const before = (await loadAgencyView(ctx, id)).agency;
  const resource = { provinceId: before.provinceId, agencyId: id };
  authorize(actor, 'agency.update', resource);
  if (input.isActive !== undefined && input.isActive !== before.isActive) authorize(actor, 'agency.deactivate', resource);
  await checkAgencyRefs(ctx, actor.provinceId, id, input);
  const { version, ...values } = input;
  const merged = { ...before, ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) };
  if (merged.activeToYear != null && merged.activeToYear < merged.activeFromYear) {
    throw new AppError('validation_failed', undefined, {
      fields: [{ path: 'activeToYear', message: { vi: 'Năm kết thúc phải ≥ năm bắt đầu.', en: 'The end year must be ≥ the start year.' } }],
    });
  }
  if (values.code && values.code !== before.code && (await q.findAgenciesByCodes(ctx.db, actor.provinceId, [values.code])).length) {
    throw duplicateCode();
  }
  await ctx.db.transaction(async (tx) => {
    const updated = await q.updateAgencyVersioned(tx, id, version, {
      ...values,
      searchText: searchTextOf(merged),
      updatedAt: ctx.now,
    });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: before.version } });
    const activeChanged = values.isActive !== undefined && values.isActive !== before.isActive;
    await appendAudit(tx, ctx, {
      action: activeChanged ? (values.isActive ? 'agency.reactivate' : 'agency.deactivate') : 'agency.update',
      entityType: 'agency',
      entityId: id,
      ...changedFields(before, values),
    });
  });
  return presentAgency((await q.findAgencyView(ctx.db, id))!, actor);
}

// ---------- agency import / export (.xlsx) ----------

const AGENCY_COLUMNS = [
  { key: 'code', headers: ['Mã cơ quan', 'Mã', 'Code'], required: true },
  { key: 'nameVi', headers: ['Tên cơ quan', 'Tên', 'Tên tiếng Việt', 'Name (Vietnamese)'], required: true },
  { key: 'nameEn', headers: ['Tên tiếng Anh', 'Name (English)', 'English name'] },
  { key: 'abbreviation', headers: ['Viết tắt', 'Abbreviation'] },
  { key: 'group', headers: ['Mã nhóm', 'Nhóm', 'Group code', 'Group'], required: true },
  { key: 'parent', headers: ['Mã đơn vị cấp trên', 'Đơn vị cấp trên', 'Parent code', 'Parent'] },
  { key: 'fromYear', headers: ['Từ năm', 'Active from', 'From year'], required: true },
  { key: 'toYear', headers: ['Đến năm', 'Active to', 'To year'] },
  { key: 'divisions', headers: ['Các phòng', 'Phòng', 'Divisions'] },
] as const;

type AgencyColumn = (typeof AGENCY_COLUMNS)[number]['key'];

const importShape = {
  code: codeSchema,
  nameVi: text(),
  nameEn: z.string().trim().max(LIMITS.name).optional(),
  abbreviation: z.string().trim().max(LIMITS.code).optional(),
  group: codeSchema,
  parent: z.string().trim().max(LIMITS.code).optional(),
  fromYear: year,
  toYear: year.optional(),
  divisions: z.string().max(LIMITS.longText).optional(),
};
type ImportValues = { [K in keyof typeof importShape]: z.infer<(typeof importShape)[K]> };

/** Parses "VP=Văn phòng; TCHC=Phòng Tổ chức hành chính" into divisions. */
export function parseDivisionList(s: string): { code: string; nameVi: string }[] | null {
  if (!s.trim()) return [];
  const out: { code: string; nameVi: string }[] = [];
  for (const part of s.split(/[;\n]/)) {
    const p = part.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    if (eq <= 0) return null;
    const code = p.slice(0, eq).trim();
    const nameVi = p.slice(eq + 1).trim();
    if (!codeSchema.safeParse(code).success || !nameVi) return null;
    out.push({ code, nameVi });
  }
  return out;
}

/**
 * Imports agencies from .xlsx: every row is validated and every problem is reported with its row and column; on
 * any problem nothing is imported. Existing codes are updated, new codes created, listed divisions added.
 */
export async function importAgencies(ctx: Ctx, buffer: Buffer): Promise<{ created: number; updated: number; rows: number }> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'agency.import', { provinceId: actor.provinceId });
  const wb = await loadWorkbook(buffer);
  const sheet = wb.worksheets[0];
  if (!sheet) throw new AppError('import_failed', undefined, { details: { problems: [] } });
  const { rows, problems, letters } = readTable<AgencyColumn>(sheet, [...AGENCY_COLUMNS]);
  const groups = new Map((await q.listGroupsByCode(ctx.db, actor.provinceId)).map((g) => [g.code, g]));
  const existing = new Map(
    (await q.findAgenciesByCodes(ctx.db, actor.provinceId, rows.map((r) => cellText(r.cells.code)))).map((a) => [a.code, a]),
  );
  const seen = new Map<string, number>();
  const parsed: { rowNumber: number; data: ImportValues; divisions: { code: string; nameVi: string }[] }[] = [];
  const problem = (row: number, column: AgencyColumn | null, message: Bilingual) =>
    problems.push({ row, column: column ? `${letters[column] ?? ''} (${column})` : null, message });
  for (const r of rows) {
    const raw = Object.fromEntries(
      Object.entries(r.cells).map(([k, v]) => [k, k === 'fromYear' || k === 'toYear' ? (v ?? undefined) : cellText(v) || undefined]),
    );
    const { values: d, problems: cellProblems } = parseRowFields(importShape, raw);
    for (const p of cellProblems) problem(r.rowNumber, p.column, p.message);
    if (d.code) {
      const dup = seen.get(d.code);
      if (dup) problem(r.rowNumber, 'code', { vi: `Mã trùng với dòng ${dup}.`, en: `Duplicate code (also on row ${dup}).` });
      seen.set(d.code, r.rowNumber);
    }
    if (d.group && !groups.has(d.group)) problem(r.rowNumber, 'group', { vi: `Không có nhóm mã "${d.group}".`, en: `No group with code "${d.group}".` });
    if (d.toYear !== undefined && d.fromYear !== undefined && d.toYear < d.fromYear)
      problem(r.rowNumber, 'toYear', { vi: 'Năm kết thúc phải ≥ năm bắt đầu.', en: 'The end year must be ≥ the start year.' });
    const divs = parseDivisionList(d.divisions ?? '');
    if (divs === null)
      problem(r.rowNumber, 'divisions', {
        vi: 'Danh sách phòng phải có dạng "MÃ=Tên; MÃ=Tên".',
        en: 'Divisions must look like "CODE=Name; CODE=Name".',
      });
    if (cellProblems.length === 0) parsed.push({ rowNumber: r.rowNumber, data: d as ImportValues, divisions: divs ?? [] });
    else if (d.code) parsed.push({ rowNumber: r.rowNumber, data: { ...(d as ImportValues) }, divisions: [] });
  }
  const codesInFile = new Set(parsed.map((p) => p.data.code));
  const parentCodes = parsed.map((p) => p.data.parent).filter((c): c is string => !!c && !codesInFile.has(c));
  const parentsInDb = new Set((await q.findAgenciesByCodes(ctx.db, actor.provinceId, parentCodes)).map((a) => a.code));
  for (const p of parsed) {
    const pc = p.data.parent;
    if (pc && !codesInFile.has(pc) && !parentsInDb.has(pc) && !existing.has(pc))
      problem(p.rowNumber, 'parent', { vi: `Không có đơn vị mã "${pc}".`, en: `No agency with code "${pc}".` });
    if (pc && pc === p.data.code) problem(p.rowNumber, 'parent', { vi: 'Đơn vị không thể là cấp trên của chính nó.', en: 'An agency cannot be its own parent.' });
  }
  if (rows.length === 0 && problems.length === 0)
    problems.push({ row: 1, column: null, message: { vi: 'Tệp không có dòng dữ liệu nào.', en: 'The file has no data rows.' } });
  if (problems.length) throw importFailed(problems, ctx);

  let created = 0;
  let updated = 0;
  await ctx.db.transaction(async (tx) => {
    const idByCode = new Map<string, number>();
    for (const a of existing.values()) idByCode.set(a.code, a.id);
    for (const p of parsed) {
      const d = p.data;
      const values = {
        code: d.code,
        nameVi: d.nameVi,
        nameEn: d.nameEn || d.nameVi,
        abbreviation: d.abbreviation ?? '',
        groupId: groups.get(d.group)!.id,
        activeFromYear: d.fromYear,
        activeToYear: d.toYear ?? null,
      };
      const before = existing.get(d.code);
      if (before) {
        const row = await q.updateAgencyVersioned(tx, before.id, before.version, { ...values, searchText: searchTextOf(values), updatedAt: ctx.now });
        if (!row) throw new AppError('conflict');
        await appendAudit(tx, ctx, { action: 'agency.update', entityType: 'agency', entityId: before.id, reason: 'import', ...changedFields(before, values) });
        updated++;
      } else {
        const row = await q.insertAgency(tx, { ...values, provinceId: actor.provinceId, searchText: searchTextOf(values), createdAt: ctx.now, updatedAt: ctx.now });
        idByCode.set(d.code, row.id);
        await appendAudit(tx, ctx, { action: 'agency.create', entityType: 'agency', entityId: row.id, reason: 'import', newValue: values });
        created++;
      }
    }
    // Parents after every row exists, so rows may reference agencies further down the sheet.
    const parentIds = new Map((await q.findAgenciesByCodes(tx, actor.provinceId, parentCodes)).map((a) => [a.code, a.id]));
    for (const p of parsed) {
      const id = idByCode.get(p.data.code)!;
      const parentId = p.data.parent ? (idByCode.get(p.data.parent) ?? parentIds.get(p.data.parent) ?? null) : null;
      const current = (await q.findAgency(tx, id))!;
      if (current.parentId !== parentId) {
        if (parentId != null && (await q.wouldCreateCycle(tx, id, parentId))) {
          throw importFailed([{ row: p.rowNumber, column: `${letters.parent ?? ''} (parent)`, message: { vi: 'Đơn vị cấp trên tạo thành vòng lặp.', en: 'This parent would create a cycle.' } }], ctx);
        }
        await q.updateAgencyVersioned(tx, id, current.version, { parentId });
      }
      if (p.divisions.length) {
        const have = new Set((await q.listDivisions(tx, id)).map((d) => d.code));
        for (const dv of p.divisions) {
          if (have.has(dv.code)) continue;
          const row = await q.insertDivision(tx, { agencyId: id, code: dv.code, nameVi: dv.nameVi, nameEn: dv.nameVi, createdAt: ctx.now, updatedAt: ctx.now });
          await appendAudit(tx, ctx, { action: 'division.create', entityType: 'division', entityId: row.id, reason: 'import', newValue: dv });
        }
      }
    }
  });
  return { created, updated, rows: parsed.length };
}

/** The import failure error: every problem with row and column, localised. */
export function importFailed(problems: ImportProblem[], ctx: Ctx): AppError {
  return new AppError('import_failed', undefined, {
    details: {
      problems: problems.map((p) => ({ row: p.row, column: p.column, message: p.message[ctx.lang] })),
    },
  });
}

/** The agencies of the province as .xlsx, in the import layout (so an export can be edited and imported back). */
export async function exportAgencies(ctx: Ctx): Promise<XlsxBytes> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'agency.read', { provinceId: actor.provinceId });
  const { items } = await q.listAgencies(
    ctx.db,
    { provinceId: actor.provinceId, active: 'all' },
    { page: 1, pageSize: 100_000, sort: 'group', order: 'asc' },
  );
  const divs = await q.listDivisionsOfAgencies(ctx.db, items.map((i) => i.agency.id));
  const byId = new Map(items.map((i) => [i.agency.id, i.agency.code]));
  return writeTable(
    'Co quan',
    AGENCY_COLUMNS.map((c) => ({ header: c.headers[0], key: c.key, width: c.key === 'nameVi' || c.key === 'divisions' ? 45 : 16 })),
    items.map((i) => ({
      code: i.agency.code,
      nameVi: i.agency.nameVi,
      nameEn: i.agency.nameEn,
      abbreviation: i.agency.abbreviation,
      group: i.groupCode,
      parent: i.agency.parentId ? (byId.get(i.agency.parentId) ?? null) : null,
      fromYear: i.agency.activeFromYear,
      toYear: i.agency.activeToYear,
      divisions: divs
        .filter((d) => d.agencyId === i.agency.id)
        .map((d) => `${d.code}=${d.nameVi}`)
        .join('; '),
    })),
  );
}

// ---------- divisions ----------

export async function listDivisions(ctx: Ctx, agencyId: number): Promise<{ items: Division[]; abilities: Record<string, boolean> }> {
  const actor = requireActor(ctx.actor);
  const agency = (await loadAgencyView(ctx, agencyId)).agency;
  const resource = { provinceId: agency.provinceId, agencyId };
  authorize(actor, 'division.read', resource);
  const rows = await q.listDivisions(ctx.db, agencyId);
  return {
    items: rows.map((r) => presentDivision(r, agency.provinceId, actor)),
    abilities: abilitiesFor(actor, ['division.create'], resource),
  };
}

export async function createDivision(ctx: Ctx, agencyId: number, input: z.infer<typeof divisionCreate>): Promise<Division> {
  const actor = requireActor(ctx.actor);
  const agency = (await loadAgencyView(ctx, agencyId)).agency;
  authorize(actor, 'division.create', { provinceId: agency.provinceId, agencyId });
  const row = await ctx.db.transaction(async (tx) => {
    const created = await q.insertDivision(tx, { ...input, agencyId, createdAt: ctx.now, updatedAt: ctx.now });
    await appendAudit(tx, ctx, { action: 'division.create', entityType: 'division', entityId: created.id, newValue: { agencyId, ...input } });
    return created;
  });
  return presentDivision(row, agency.provinceId, actor);
}

export async function updateDivision(ctx: Ctx, id: number, input: z.infer<typeof divisionUpdate>): Promise<Division> {
  const actor = requireActor(ctx.actor);
  const found = await q.findDivision(ctx.db, id);
  if (!found || found.provinceId !== actor.provinceId) throw new AppError('not_found');
  const before = found.division;
  authorize(actor, 'division.update', { provinceId: found.provinceId, agencyId: before.agencyId });
  const { version, ...values } = input;
  const row = await ctx.db.transaction(async (tx) => {
    const updated = await q.updateDivisionVersioned(tx, id, version, { ...values, updatedAt: ctx.now });
    if (!updated) throw new AppError('conflict', undefined, { details: { currentVersion: before.version } });
    await appendAudit(tx, ctx, { action: 'division.update', entityType: 'division', entityId: id, ...changedFields(before, values) });
    return updated;
  });
  return presentDivision(row, found.provinceId, actor);
}
