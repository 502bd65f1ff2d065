import { checkHistoryRows, HISTORY_HEADERS, matchClass, parsePublishedIndex, type HistoryCells, type HistoryColumn, type HistoryProblem, type HistoryRow } from '../../../core/domain/history-import';
import { classify, DEFAULT_BANDS } from '../../../core/domain/classification';
import { parsePoints } from '../../../core/domain/decimal';
import { AppError, type Bilingual } from '../../../core/errors';
import type { ClassificationBand } from '../../../core/schemas/framework';
import type { HistoryItem, HistoryList, HistoryPreview, HistoryUpdate } from '../../../core/schemas/history';
import { appendAudit, changedFields } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { columnLetter, excel, loadWorkbook, normalizeHeader } from '../../lib/xlsx';
import { writeXlsx, type XlsxBytes } from '../../lib/safe-export';
import { authorize, can, requireActor } from '../../policies';
import * as q from './queries';

const HEADERS: Record<(typeof HISTORY_COLUMNS_READ)[number], string[]> = {
  year: ['nam', 'year'],
  agency: ['ma co quan', 'agency code', 'ma'],
  total: ['chi so', 'chi so cchc', 'total index', 'index', 'tong'],
  rank: ['xep hang', 'rank', 'thu hang'],
  rankedCount: ['so don vi xep hang', 'units ranked', 'so don vi', 'tong so don vi', 'of'],
  class: ['xep loai', 'class', 'classification'],
};
const HISTORY_COLUMNS_READ = ['year', 'agency', 'total', 'rank', 'rankedCount', 'class'] as const;

/** A cell as text, exactly as written: numbers keep their shortest decimal form, formulas give their result. */
function cellText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown };
    if ('result' in o) return cellText(o.result);
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('').trim();
    if (typeof o.text === 'string') return o.text.trim();
    return '';
  }
  return String(v as string | number | boolean).trim();
}

interface Read {
  rows: HistoryRow[];
  problems: { row: number; column: string | null; message: Bilingual }[];
}

/** Reads and checks a history workbook: every row and every problem (with the column letter), nothing stored. */
async function readWorkbook(ctx: Ctx, provinceId: number, buffer: Buffer): Promise<Read> {
  let wb;
  try {
    wb = await loadWorkbook(buffer);
  } catch (e) {
    if (e instanceof AppError) throw e;
    return { rows: [], problems: [{ row: 1, column: null, message: { vi: 'Không đọc được tệp .xlsx.', en: 'The .xlsx file cannot be read.' } }] };
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return { rows: [], problems: [{ row: 1, column: null, message: { vi: 'Tệp không có trang tính nào.', en: 'The workbook has no sheet.' } }] };
  const cols: Partial<Record<(typeof HISTORY_COLUMNS_READ)[number], number>> = {};
  const components: { col: number; code: string }[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    const h = normalizeHeader(cellText(cell.value));
    for (const key of HISTORY_COLUMNS_READ) if (HEADERS[key].includes(h) && cols[key] === undefined) cols[key] = col;
    const m = /^(?:lv|linh vuc|field|cs)\s*([0-9a-z]+)$/.exec(h);
    if (m) components.push({ col, code: m[1]!.toUpperCase() });
  });
  const problems: Read['problems'] = [];
  for (const k of ['year', 'agency'] as const) {
    if (!cols[k]) problems.push({ row: 1, column: null, message: { vi: `Thiếu cột "${HISTORY_HEADERS[k].vi}".`, en: `Missing column "${HISTORY_HEADERS[k].en}".` } });
  }
  if (!cols.total && !cols.rank) problems.push({ row: 1, column: null, message: { vi: 'Cần cột "Chỉ số" hoặc "Xếp hạng".', en: 'A column "Index" or "Rank" is needed.' } });
  if (problems.length) return { rows: [], problems };
  const cells: HistoryCells[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (col?: number) => (col ? cellText(row.getCell(col).value) : '');
    const c: HistoryCells = {
      row: r,
      year: get(cols.year),
      agency: get(cols.agency),
      total: get(cols.total),
      rank: get(cols.rank),
      rankedCount: get(cols.rankedCount),
      class: get(cols.class),
      components: components.map((x) => ({ code: x.code, text: get(x.col) })),
    };
    if (!c.year && !c.agency && !c.total && !c.rank) continue;
    cells.push(c);
  }
  if (!cells.length) return { rows: [], problems: [{ row: 1, column: null, message: { vi: 'Tệp không có dòng dữ liệu nào.', en: 'The file has no data rows.' } }] };
  const agencies = new Map((await q.agenciesOfProvince(ctx.db, provinceId)).map((a) => [a.code, a]));
  const bandsOf = bandsLookup(await q.bandsOfProvince(ctx.db, provinceId));
  const checked = checkHistoryRows(cells, agencies, bandsOf);
  const letter = (column: HistoryColumn | null): string | null => {
    if (column === null) return null;
    if (column.startsWith('LV')) {
      const c = components.find((x) => `LV${x.code}` === column);
      return c ? columnLetter(c.col) : null;
    }
    const col = cols[column as (typeof HISTORY_COLUMNS_READ)[number]];
    return col ? columnLetter(col) : null;
  };
  return { rows: checked.rows, problems: checked.problems.map((p: HistoryProblem) => ({ row: p.row, column: letter(p.column), message: p.message })) };
}

/** The bands of a year and group: that year's framework (published first), else null (the default bands). */
function bandsLookup(rows: { year: number; groupId: number; bands: ClassificationBand[]; status: string }[]) {
  const map = new Map<string, ClassificationBand[]>();
  for (const r of [...rows].sort((a, b) => (a.status === 'published' ? 1 : 0) - (b.status === 'published' ? 1 : 0))) map.set(`${r.year}:${r.groupId}`, r.bands);
  return (year: number, groupId: number) => map.get(`${year}:${groupId}`) ?? null;
}

/** The downloadable template: the header row of the import, one example row, and a sheet of the province's agency codes. */
export async function historyTemplate(ctx: Ctx): Promise<XlsxBytes> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'history.import', { provinceId: actor.provinceId });
  const [agencies, fieldCount] = await Promise.all([q.agenciesOfProvince(ctx.db, actor.provinceId), q.maxFieldCount(ctx.db, actor.provinceId)]);
  const n = Math.max(fieldCount, 1);
  const wb = new (await excel()).Workbook();
  wb.creator = 'ParIndex';
  const ws = wb.addWorksheet('Lich su', { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = [...Object.values(HISTORY_HEADERS).map((h) => h.vi), ...Array.from({ length: n }, (_, i) => `LV${i + 1}`)];
  ws.addRow(headers);
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = i < 6 ? [8, 14, 10, 10, 20, 12][i]! : 8));
  // The index and components as text, so a published "84.645" keeps its digits until the import rounds it.
  for (const col of [3, ...Array.from({ length: n }, (_, i) => 7 + i)]) ws.getColumn(col).numFmt = '@';
  const notes = wb.addWorksheet('Huong dan');
  notes.addRows([
    ['Năm: năm của kết quả đã công bố (2000–2100).'],
    ['Mã cơ quan: mã trong danh sách cơ quan (trang "Co quan").'],
    ['Chỉ số: chỉ số CCHC đã công bố (0–100); được làm tròn nửa lên một lần, còn 2 chữ số thập phân (84,645 → 84,65). Có thể để trống nếu chỉ có xếp hạng.'],
    ['Xếp hạng và Số đơn vị xếp hạng: như đã công bố ("hạng 19 trên 63"); được giữ nguyên, không tính lại.'],
    ['Xếp loại: như đã công bố; để trống thì lấy theo các mức xếp loại của năm đó.'],
    ['LV1…LVn: chỉ số thành phần theo lĩnh vực (0–100), có thể để trống.'],
  ]);
  notes.getColumn(1).width = 120;
  const list = wb.addWorksheet('Co quan');
  list.addRow(['Mã cơ quan', 'Tên cơ quan']);
  list.getRow(1).font = { bold: true };
  for (const a of [...agencies].sort((x, y) => x.code.localeCompare(y.code))) list.addRow([a.code, a.nameVi]);
  list.getColumn(2).width = 50;
  return writeXlsx(wb);
}

/** What an uploaded workbook (read only after authorization) would store (each row with what it replaces) and every problem; stores nothing. */
export async function previewHistory(ctx: Ctx, upload: () => Promise<Buffer>): Promise<HistoryPreview> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'history.import', { provinceId: actor.provinceId });
  const buffer = await upload();
  const read = await readWorkbook(ctx, actor.provinceId, buffer);
  const years = [...new Set(read.rows.map((r) => r.year))].sort((a, b) => a - b);
  const existing = new Map((await q.existingRows(ctx.db, actor.provinceId, years)).map((e) => [`${e.year}:${e.agencyId}`, e]));
  return {
    rows: read.rows.map((r) => {
      const e = existing.get(`${r.year}:${r.agencyId}`);
      return { ...r, replaces: e ? { totalIndex: e.totalIndex, rank: e.rank, rankedCount: e.rankedCount } : null };
    }),
    problems: read.problems.map((p) => ({ row: p.row, column: p.column, message: p.message[ctx.lang] })),
    years,
  };
}

/**
 * Stores an uploaded workbook after the same checks as the preview: upserts per year and agency in one
 * transaction, audited; with any problem nothing is stored (422 with every problem).
 */
export async function importHistory(ctx: Ctx, upload: () => Promise<Buffer>): Promise<{ rows: number }> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'history.import', { provinceId: actor.provinceId });
  const buffer = await upload();
  const read = await readWorkbook(ctx, actor.provinceId, buffer);
  if (read.problems.length) {
    throw new AppError('import_failed', undefined, { details: { problems: read.problems.map((p) => ({ row: p.row, column: p.column, message: p.message[ctx.lang] })) } });
  }
  await ctx.db.transaction(async (tx) => {
    for (const r of read.rows) {
      await q.upsertHistory(tx, {
        provinceId: actor.provinceId,
        year: r.year,
        groupId: r.groupId,
        agencyId: r.agencyId,
        totalIndex: r.totalIndex,
        rank: r.rank,
        rankedCount: r.rankedCount,
        classification: r.classification,
        components: r.components,
        source: 'import',
      });
    }
    await appendAudit(tx, ctx, { action: 'history.import', entityType: 'historical_results', newValue: { rows: read.rows.length, years: [...new Set(read.rows.map((r) => r.year))] } });
  });
  return { rows: read.rows.length };
}

const itemOf = (ctx: Ctx, r: NonNullable<Awaited<ReturnType<typeof q.findHistoryRow>>>): HistoryItem => {
  const actor = requireActor(ctx.actor);
  const may = can(actor, 'history.manage', { provinceId: actor.provinceId });
  return { ...r, components: r.components ?? [], abilities: { update: may, delete: may } };
};

/** The stored history rows of the province (secretariat), newest year first, with the years present. */
export async function listHistory(ctx: Ctx, f: { year?: number | undefined; agencyId?: number | undefined; page: number; pageSize: number }): Promise<HistoryList> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'history.import', { provinceId: actor.provinceId });
  const { items, total, years } = await q.listHistory(ctx.db, actor.provinceId, f, f.page, f.pageSize);
  return { items: items.map((r) => itemOf(ctx, r)), total, page: f.page, pageSize: f.pageSize, years };
}

async function findOwnRow(ctx: Ctx, id: number) {
  const actor = requireActor(ctx.actor);
  const row = await q.findHistoryRow(ctx.db, actor.provinceId, id);
  if (!row) throw new AppError('not_found');
  return row;
}

/** Corrects one imported row (index rounded half-up once, rank, "of N", class), audited old → new; version-checked. */
export async function updateHistory(ctx: Ctx, id: number, body: HistoryUpdate): Promise<HistoryItem> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'history.manage', { provinceId: actor.provinceId });
  const row = await findOwnRow(ctx, id);
  const fields: { path: string; message: Bilingual }[] = [];
  let totalIndex = row.totalIndex;
  if (body.totalIndex !== undefined) {
    totalIndex = body.totalIndex === null || body.totalIndex === '' ? null : parsePublishedIndex(body.totalIndex);
    if (body.totalIndex && totalIndex === null) fields.push({ path: 'totalIndex', message: { vi: 'Chỉ số phải là số từ 0 đến 100.', en: 'The index must be a number from 0 to 100.' } });
  }
  const rank = body.rank !== undefined ? body.rank : row.rank;
  const rankedCount = body.rankedCount !== undefined ? body.rankedCount : row.rankedCount;
  if (rank !== null && rankedCount !== null && rank > rankedCount) fields.push({ path: 'rank', message: { vi: 'Xếp hạng lớn hơn số đơn vị xếp hạng.', en: 'The rank is greater than the number of units ranked.' } });
  if (totalIndex === null && rank === null) fields.push({ path: 'totalIndex', message: { vi: 'Cần ít nhất chỉ số hoặc xếp hạng.', en: 'Give at least the index or the rank.' } });
  if (fields.length) throw new AppError('validation_failed', undefined, { fields });
  let classification = row.classification;
  const bands = bandsLookup(await q.bandsOfProvince(ctx.db, actor.provinceId))(row.year, row.groupId) ?? DEFAULT_BANDS;
  if (body.classText !== undefined && body.classText !== '') classification = matchClass(body.classText, bands);
  else if (body.classText === '' || classification?.source === 'bands' || classification === null) {
    const band = totalIndex !== null ? classify(Math.round(parsePoints(totalIndex) / 100), bands) : null;
    classification = band ? { code: band.code, labelVi: band.labelVi, labelEn: band.labelEn, source: 'bands' } : null;
  }
  const after = { totalIndex, rank, rankedCount, classification };
  await ctx.db.transaction(async (tx) => {
    const version = await q.updateHistoryRow(tx, id, body.version, after);
    if (version === null) throw new AppError('conflict');
    const diff = changedFields({ totalIndex: row.totalIndex, rank: row.rank, rankedCount: row.rankedCount, classification: row.classification }, after);
    await appendAudit(tx, ctx, { action: 'history.update', entityType: 'historical_results', entityId: id, oldValue: { year: row.year, code: row.code, ...diff.oldValue }, newValue: diff.newValue, reason: body.reason || null });
  });
  return itemOf(ctx, (await q.findHistoryRow(ctx.db, actor.provinceId, id))!);
}

/** Deletes one imported row, audited with what it held; version-checked. */
export async function deleteHistory(ctx: Ctx, id: number, body: { version: number; reason: string }): Promise<{ ok: true }> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'history.manage', { provinceId: actor.provinceId });
  const row = await findOwnRow(ctx, id);
  await ctx.db.transaction(async (tx) => {
    if (!(await q.deleteHistoryRow(tx, id, body.version))) throw new AppError('conflict');
    await appendAudit(tx, ctx, {
      action: 'history.delete',
      entityType: 'historical_results',
      entityId: id,
      oldValue: { year: row.year, code: row.code, totalIndex: row.totalIndex, rank: row.rank, rankedCount: row.rankedCount, classification: row.classification, components: row.components },
      reason: body.reason || null,
    });
  });
  return { ok: true };
}

/** Imported history rows (no authorization: published-equivalent data; callers authorize). */
export async function agencyHistoryRows(ctx: Ctx, provinceId: number, f: { year?: number; groupId?: number; agencyId?: number; agencyIds?: number[] }) {
  return q.historyRows(ctx.db, provinceId, f);
}
