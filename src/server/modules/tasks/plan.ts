import { TASK_KIND_LABELS, TASK_STATUS_LABELS, type TaskKind, vietnamDate } from '../../../core/domain/tasks';
import type { Bilingual } from '../../../core/errors';
import { code as codeSchema, LIMITS, optionalText, text, year as yearSchema } from '../../../core/schemas/common';
import { dueDate, type TaskListQuery } from '../../../core/schemas/tasks';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { parseRowFields } from '../../lib/import-rows';
import { writeXlsx, type XlsxBytes } from '../../lib/safe-export';
import { excel, type Cell, cellText, type ImportProblem, loadWorkbook, normalizeHeader, readTable } from '../../lib/xlsx';
import { authorize, requireActor } from '../../policies';
import { importFailed } from '../org/service';
import { compiledFramework } from '../results/compute';
import * as q from './queries';
import { allTasks, loadAgency } from './service';

const msg = (vi: string, en: string): Bilingual => ({ vi, en });

/** The columns of the plan import (.xlsx); headers match without accents or case, in Vietnamese or English. */
const PLAN_COLUMNS = [
  { key: 'planRef', headers: ['Số thứ tự', 'STT', 'Số hiệu', 'No.', 'Plan ref'] },
  { key: 'kind', headers: ['Loại kế hoạch', 'Loại', 'Plan', 'Kind'], required: true },
  { key: 'year', headers: ['Năm kế hoạch', 'Năm', 'Year'] },
  { key: 'title', headers: ['Nhiệm vụ', 'Tên nhiệm vụ', 'Task', 'Title'], required: true },
  { key: 'description', headers: ['Nội dung, yêu cầu', 'Nội dung', 'Mô tả', 'Description'] },
  { key: 'nodeCode', headers: ['Mã tiêu chí', 'Tiêu chí', 'Leaf code', 'Criterion'] },
  { key: 'lead', headers: ['Phòng chủ trì', 'Đơn vị chủ trì', 'Lead division'] },
  { key: 'supports', headers: ['Phòng phối hợp', 'Đơn vị phối hợp', 'Supporting divisions'] },
  { key: 'dueOn', headers: ['Hạn hoàn thành', 'Thời hạn', 'Due date', 'Deadline'] },
] as const;
type PlanColumn = (typeof PLAN_COLUMNS)[number]['key'];

const KIND_WORDS: Record<string, TaskKind> = {
  'par plan': 'par_plan',
  'ke hoach cchc': 'par_plan',
  'ke hoach cchc nam': 'par_plan',
  'ke hoach cai cach hanh chinh': 'par_plan',
  'ke hoach cai cach hanh chinh nam': 'par_plan',
  cchc: 'par_plan',
  'annual par plan': 'par_plan',
  'procedure control': 'procedure_control',
  'kiem soat tthc': 'procedure_control',
  'ke hoach kiem soat tthc': 'procedure_control',
  'kiem soat thu tuc hanh chinh': 'procedure_control',
  'ke hoach kiem soat thu tuc hanh chinh': 'procedure_control',
  'procedure control plan': 'procedure_control',
};

const rowShape = {
  planRef: optionalText(LIMITS.code),
  title: text(LIMITS.name),
  description: optionalText(LIMITS.longText),
  year: yearSchema.optional(),
  nodeCode: codeSchema.optional(),
};

const MAX_PLAN_ROWS = 1000;

/** A due date cell: a date, an Excel serial day number, "dd/mm/yyyy" or "yyyy-mm-dd". */
export function parseDueCell(v: Cell): string | null | 'invalid' {
  if (v === null || v === '') return null;
  let iso: string | null = null;
  if (v instanceof Date) iso = Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  else if (typeof v === 'number') iso = Number.isInteger(v) && v > 0 && v < 80_000 ? new Date(Date.UTC(1899, 11, 30) + v * 86_400_000).toISOString().slice(0, 10) : null;
  else {
    const s = String(v).trim();
    const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (dmy) iso = `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}`;
    else if (/^\d{4}-\d{2}-\d{2}$/.test(s)) iso = s;
  }
  return iso && dueDate.safeParse(iso).success ? iso : 'invalid';
}

/**
 * Imports the agency's annual PAR plan and administrative-procedure control plan lines from .xlsx: every row is
 * checked and every problem reported with its row and column; on any problem nothing is imported. A line whose
 * plan, year and number already exist is refused (re-importing a plan does not duplicate it).
 */
export async function importPlan(ctx: Ctx, agencyId: number, buffer: Buffer): Promise<{ created: number; rows: number }> {
  const actor = requireActor(ctx.actor);
  const agency = await loadAgency(ctx, agencyId);
  authorize(actor, 'task.manage', { provinceId: agency.provinceId, agencyId });
  const wb = await loadWorkbook(buffer);
  const sheet = wb.worksheets[0];
  if (!sheet) throw importFailed([{ row: 1, column: null, message: msg('Tệp không có trang tính nào.', 'The workbook has no sheet.') }], ctx);
  const { rows, problems, letters } = readTable<PlanColumn>(sheet, PLAN_COLUMNS.map((c) => ({ ...c, headers: [...c.headers] })));
  const problem = (row: number, column: PlanColumn | null, message: Bilingual) => problems.push({ row, column: column ? `${letters[column] ?? ''} (${column})` : null, message });
  if (rows.length > MAX_PLAN_ROWS) {
    throw importFailed([{ row: 1, column: null, message: msg(`Tệp có quá nhiều dòng (tối đa ${MAX_PLAN_ROWS}).`, `Too many rows (at most ${MAX_PLAN_ROWS}).`) }], ctx);
  }
  const divisions = await q.listDivisions(ctx.db, agencyId);
  const divisionByCode = new Map(divisions.map((d) => [d.code.toUpperCase(), d]));
  const codesHint = divisions.filter((d) => d.isActive).map((d) => d.code).join(', ');
  const periodByYear = new Map<number, q.PeriodRow | null>();
  const namesByPeriod = new Map<number, Set<string>>();
  const existing = await q.planRefs(ctx.db, agencyId);
  const seen = new Map<string, number>();
  const parsed: { rowNumber: number; values: Omit<Parameters<typeof q.insertTask>[1], 'provinceId' | 'agencyId'> }[] = [];

  const divisionOf = (raw: string, row: number, column: PlanColumn) => {
    const d = divisionByCode.get(raw.trim().toUpperCase());
    if (!d) {
      problem(row, column, msg(`Không có phòng mã "${raw}" trong cơ quan (các mã: ${codesHint || 'chưa có phòng'}).`, `No division with code "${raw}" in the agency (codes: ${codesHint || 'none'}).`));
      return null;
    }
    if (!d.isActive) {
      problem(row, column, msg(`Phòng "${raw}" đã ngừng hoạt động.`, `Division "${raw}" is no longer active.`));
      return null;
    }
    return d.id;
  };

  for (const r of rows) {
    const raw = Object.fromEntries(
      (['planRef', 'title', 'description', 'year', 'nodeCode'] as const).map((k) => {
        const v = r.cells[k];
        return [k, k === 'year' ? (v === null ? undefined : typeof v === 'number' ? v : cellText(v)) : cellText(v) || undefined];
      }),
    );
    const { values: v, problems: cellProblems } = parseRowFields(rowShape, raw);
    for (const p of cellProblems) problem(r.rowNumber, p.column as PlanColumn, p.message);

    const kindText = cellText(r.cells.kind);
    const kind = KIND_WORDS[normalizeHeader(kindText)] ?? (kindText === 'par_plan' || kindText === 'procedure_control' ? kindText : undefined);
    if (!kindText) problem(r.rowNumber, 'kind', msg('Bắt buộc nhập loại kế hoạch.', 'The plan kind is required.'));
    else if (!kind) {
      problem(r.rowNumber, 'kind', msg(`Loại kế hoạch "${kindText}" không hợp lệ: dùng "Kế hoạch CCHC" hoặc "Kiểm soát TTHC".`, `Unknown plan kind "${kindText}": use "Kế hoạch CCHC" or "Kiểm soát TTHC".`));
    }

    let period: q.PeriodRow | null = null;
    if (v.year !== undefined) {
      if (!periodByYear.has(v.year)) periodByYear.set(v.year, await q.findPeriodByYear(ctx.db, agency.provinceId, v.year));
      period = periodByYear.get(v.year) ?? null;
      if (!period) problem(r.rowNumber, 'year', msg(`Chưa có kỳ đánh giá năm ${v.year}; để trống năm nếu kỳ chưa được mở.`, `There is no ${v.year} evaluation period; leave the year empty until it is opened.`));
    }
    if (v.nodeCode) {
      if (v.year === undefined) problem(r.rowNumber, 'nodeCode', msg('Ghi năm kế hoạch để gắn với tiêu chí.', 'Give the plan year to tie the line to a leaf.'));
      else if (period) {
        if (!namesByPeriod.has(period.id)) {
          const fw = await q.frameworkIdFor(ctx.db, period.id, agencyId);
          namesByPeriod.set(period.id, new Set(fw ? await leafCodes(ctx, fw) : []));
        }
        if (!namesByPeriod.get(period.id)!.has(v.nodeCode)) {
          problem(r.rowNumber, 'nodeCode', msg(`Không có tiêu chí thành phần ${v.nodeCode} trong bộ tiêu chí năm ${v.year}.`, `There is no leaf ${v.nodeCode} in the ${v.year} framework.`));
        }
      }
    }

    const leadText = cellText(r.cells.lead);
    const lead = leadText ? divisionOf(leadText, r.rowNumber, 'lead') : null;
    const supports: number[] = [];
    for (const part of cellText(r.cells.supports).split(/[;,\n]/).map((s) => s.trim()).filter(Boolean)) {
      const id = divisionOf(part, r.rowNumber, 'supports');
      if (id === null) continue;
      if (id === lead) problem(r.rowNumber, 'supports', msg(`Phòng "${part}" đã là phòng chủ trì.`, `Division "${part}" is already the lead.`));
      else if (!supports.includes(id)) supports.push(id);
    }

    const due = parseDueCell(r.cells.dueOn);
    if (due === 'invalid') problem(r.rowNumber, 'dueOn', msg('Hạn hoàn thành không hợp lệ (dd/mm/yyyy).', 'Invalid due date (dd/mm/yyyy).'));

    if (kind && v.planRef) {
      const key = `${kind}|${v.year ?? ''}|${v.planRef.toUpperCase()}`;
      const dup = seen.get(key);
      if (dup) problem(r.rowNumber, 'planRef', msg(`Số thứ tự trùng với dòng ${dup}.`, `Same number as row ${dup}.`));
      seen.set(key, r.rowNumber);
      const old = existing.find((e) => e.kind === kind && e.planRef.toUpperCase() === v.planRef!.toUpperCase() && e.sourcePeriodId === (period?.id ?? null));
      if (old) problem(r.rowNumber, 'planRef', msg(`Dòng kế hoạch số ${v.planRef} đã được nhập (nhiệm vụ #${old.id}).`, `Plan line ${v.planRef} was already imported (task #${old.id}).`));
    }

    parsed.push({
      rowNumber: r.rowNumber,
      values: {
        kind: kind ?? 'par_plan',
        sourcePeriodId: period?.id ?? null,
        nodeCode: v.nodeCode ?? null,
        planRef: v.planRef ?? '',
        title: v.title ?? '',
        description: v.description ?? '',
        leadDivisionId: lead,
        supportDivisionIds: supports,
        dueOn: due === 'invalid' ? null : due,
      },
    });
  }
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 1, column: null, message: msg('Tệp không có dòng dữ liệu nào.', 'The file has no data rows.') });
  if (problems.length) throw importFailed(problems as ImportProblem[], ctx);

  await ctx.db.transaction(async (tx) => {
    for (const p of parsed) {
      const row = await q.insertTask(tx, { ...p.values, provinceId: agency.provinceId, agencyId, createdBy: actor.userId, createdAt: ctx.now, updatedAt: ctx.now });
      const data = { kind: row.kind, planRef: row.planRef, sourcePeriodId: row.sourcePeriodId, nodeCode: row.nodeCode, leadDivisionId: row.leadDivisionId, supportDivisionIds: row.supportDivisionIds, dueOn: row.dueOn, via: 'import', row: p.rowNumber };
      await q.insertEvent(tx, { taskId: row.id, at: ctx.now, userId: actor.userId, kind: 'created', note: '', data });
      await appendAudit(tx, ctx, { action: 'task.create', entityType: 'task', entityId: row.id, reason: 'import', newValue: { agencyId, title: row.title, ...data } });
    }
  });
  return { created: parsed.length, rows: parsed.length };
}

async function leafCodes(ctx: Ctx, frameworkId: number): Promise<string[]> {
  const entry = await compiledFramework(ctx.db, frameworkId);
  return (entry?.document.nodes ?? []).filter((n) => n.method).map((n) => n.code);
}

/** The plan import template: the columns, two example lines with the agency's own division codes, and a how-to sheet. */
export async function planTemplate(ctx: Ctx, agencyId: number): Promise<{ buffer: XlsxBytes; filename: string }> {
  const actor = requireActor(ctx.actor);
  const agency = await loadAgency(ctx, agencyId);
  authorize(actor, 'task.manage', { provinceId: agency.provinceId, agencyId });
  const divisions = (await q.listDivisions(ctx.db, agencyId)).filter((d) => d.isActive);
  const year = Number(vietnamDate(ctx.now).slice(0, 4));
  const wb = new (await excel()).Workbook();
  wb.creator = 'ParIndex';
  const ws = wb.addWorksheet('Ke hoach', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = PLAN_COLUMNS.map((c) => ({ header: c.headers[0], key: c.key, width: c.key === 'title' || c.key === 'description' ? 48 : c.key === 'supports' ? 22 : 16 }));
  ws.getRow(1).font = { bold: true };
  const d0 = divisions[0]?.code ?? 'VP';
  const d1 = divisions[1]?.code ?? '';
  ws.addRow({ planRef: 'I.1', kind: 'Kế hoạch CCHC', year, title: 'Ban hành kế hoạch cải cách hành chính năm', description: 'Trình thủ trưởng ký ban hành trước ngày 31/12', nodeCode: '1.1.1', lead: d0, supports: d1, dueOn: `31/01/${year}` });
  ws.addRow({ planRef: 'II.1', kind: 'Kiểm soát TTHC', year, title: 'Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền', description: '', nodeCode: '', lead: d1 || d0, supports: '', dueOn: `30/06/${year}` });
  ws.getColumn('dueOn').numFmt = '@';
  const help = wb.addWorksheet('Huong dan');
  help.columns = [{ header: 'Cột', key: 'c', width: 24 }, { header: 'Cách ghi', key: 'h', width: 100 }];
  help.getRow(1).font = { bold: true };
  const lines: [string, string][] = [
    ['Số thứ tự', 'Số hiệu của dòng trong kế hoạch (ví dụ I.1, II.3). Không được trùng trong cùng kế hoạch và năm.'],
    ['Loại kế hoạch (*)', '"Kế hoạch CCHC" (kế hoạch cải cách hành chính năm) hoặc "Kiểm soát TTHC" (kế hoạch kiểm soát thủ tục hành chính).'],
    ['Năm kế hoạch', 'Năm của kế hoạch; kỳ đánh giá năm đó phải đã được mở. Để trống nếu chưa có kỳ.'],
    ['Nhiệm vụ (*)', 'Tên nhiệm vụ, tối đa 300 ký tự.'],
    ['Nội dung, yêu cầu', 'Mô tả, sản phẩm cần đạt.'],
    ['Mã tiêu chí', 'Tiêu chí thành phần mà nhiệm vụ phục vụ (ví dụ 1.1.1); cần có năm kế hoạch.'],
    ['Phòng chủ trì', `Mã phòng của cơ quan: ${divisions.map((d) => `${d.code} (${d.nameVi})`).join('; ') || 'cơ quan chưa khai báo phòng'}.`],
    ['Phòng phối hợp', 'Một hoặc nhiều mã phòng, cách nhau bằng dấu chấm phẩy.'],
    ['Hạn hoàn thành', 'Ngày dạng dd/mm/yyyy.'],
    ['', 'Tệp được kiểm tra toàn bộ trước khi nhập: nếu có lỗi, không dòng nào được nhập và mọi lỗi được liệt kê theo dòng, cột.'],
  ];
  for (const [c, h] of lines) help.addRow({ c, h });
  return { buffer: await writeXlsx(wb), filename: `mau-nhap-ke-hoach-${agency.code}.xlsx` };
}

/** The task table of an agency (with the list's filters) as .xlsx, in the reader's language. */
export async function exportTasks(ctx: Ctx, agencyId: number, query: Omit<TaskListQuery, 'page' | 'pageSize'>): Promise<{ buffer: XlsxBytes; filename: string }> {
  const actor = requireActor(ctx.actor);
  const agency = await loadAgency(ctx, agencyId);
  authorize(actor, 'task.read', { provinceId: agency.provinceId, agencyId });
  const items = await allTasks(ctx, agency, query);
  const en = ctx.lang === 'en';
  const name = (d: { nameVi: string; nameEn: string }) => (en ? d.nameEn || d.nameVi : d.nameVi);
  const headers = [
    { key: 'no', header: en ? 'No.' : 'STT', width: 6 },
    { key: 'kind', header: en ? 'Kind' : 'Loại', width: 22 },
    { key: 'year', header: en ? 'Year' : 'Năm', width: 8 },
    { key: 'planRef', header: en ? 'Plan ref' : 'Số hiệu', width: 10 },
    { key: 'nodeCode', header: en ? 'Leaf' : 'Mã tiêu chí', width: 11 },
    { key: 'nodeName', header: en ? 'Leaf name' : 'Tên tiêu chí', width: 36 },
    { key: 'pointsLost', header: en ? 'Points lost' : 'Điểm bị mất', width: 11 },
    { key: 'title', header: en ? 'Task' : 'Nhiệm vụ', width: 48 },
    { key: 'lead', header: en ? 'Lead division' : 'Phòng chủ trì', width: 26 },
    { key: 'supports', header: en ? 'Supporting divisions' : 'Phòng phối hợp', width: 30 },
    { key: 'dueOn', header: en ? 'Due date' : 'Hạn hoàn thành', width: 14 },
    { key: 'status', header: en ? 'Status' : 'Trạng thái', width: 16 },
    { key: 'progress', header: en ? 'Progress (%)' : 'Tiến độ (%)', width: 11 },
    { key: 'deadline', header: en ? 'Deadline' : 'Tình trạng hạn', width: 16 },
    { key: 'outputs', header: en ? 'Outputs' : 'Tài liệu đầu ra', width: 12 },
  ];
  const deadlineText = (s: string, days: number | null) =>
    s === 'overdue' ? (en ? `Overdue ${-(days ?? 0)} d` : `Quá hạn ${-(days ?? 0)} ngày`) : s === 'due_soon' ? (en ? `Due in ${days} d` : `Còn ${days} ngày`) : '';
  const wb = new (await excel()).Workbook();
  wb.creator = 'ParIndex';
  const ws = wb.addWorksheet(en ? 'Tasks' : 'Nhiem vu', { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value = en ? `Remediation plan of ${agency.nameEn || agency.nameVi}` : `Kế hoạch khắc phục của ${agency.nameVi}`;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.getRow(2).values = headers.map((h) => h.header);
  ws.getRow(2).font = { bold: true };
  headers.forEach((h, i) => (ws.getColumn(i + 1).width = h.width));
  items.forEach((t, i) => {
    ws.addRow([
      i + 1,
      TASK_KIND_LABELS[t.kind][ctx.lang],
      t.sourceYear,
      t.planRef || null,
      t.nodeCode,
      t.nodeNameVi ? (en ? t.nodeNameEn || t.nodeNameVi : t.nodeNameVi) : null,
      t.pointsLost !== null ? Number(t.pointsLost) : null,
      t.title,
      t.leadDivision ? name(t.leadDivision) : null,
      t.supportDivisions.map(name).join('; ') || null,
      t.dueOn ? new Date(`${t.dueOn}T00:00:00Z`) : null,
      TASK_STATUS_LABELS[t.status][ctx.lang],
      t.progress,
      deadlineText(t.deadline, t.daysLeft) || null,
      t.outputCount,
    ]);
  });
  ws.getColumn(11).numFmt = en ? 'yyyy-mm-dd' : 'dd/mm/yyyy';
  ws.getColumn(7).numFmt = '0.00';
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: headers.length } };
  return { buffer: await writeXlsx(wb), filename: `ke-hoach-khac-phuc-${agency.code}-${vietnamDate(ctx.now)}.xlsx` };
}
