import { tryParsePoints } from '../../../core/domain/decimal';
import { AppError, type Bilingual } from '../../../core/errors';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { cellText, columnLetter, loadWorkbook, normalizeHeader } from '../../lib/xlsx';
import { authorize, requireActor } from '../../policies';
import { importFailed } from '../org/service';
import * as q from './queries';

const HEADERS = {
  year: ['nam', 'year'],
  agency: ['ma co quan', 'agency code', 'ma'],
  total: ['chi so', 'chi so cchc', 'total index', 'index', 'tong'],
  rank: ['xep hang', 'rank', 'thu hang'],
};

/**
 * Imports results of years before the system from .xlsx (Năm | Mã cơ quan | Chỉ số | Xếp hạng | LV1 … LVn for
 * component indices), upserting per year and agency; every problem with row and column, nothing stored on error.
 */
export async function importHistory(ctx: Ctx, buffer: Buffer): Promise<{ rows: number }> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'history.import', { provinceId: actor.provinceId });
  const wb = await loadWorkbook(buffer);
  const sheet = wb.worksheets[0];
  if (!sheet) throw importFailed([], ctx);
  const header = sheet.getRow(1);
  const cols: { year?: number; agency?: number; total?: number; rank?: number; components: { col: number; code: string }[] } = { components: [] };
  header.eachCell((cell, col) => {
    const h = normalizeHeader(String(cell.value ?? ''));
    for (const [key, names] of Object.entries(HEADERS)) if (names.includes(h)) (cols as Record<string, unknown>)[key] = col;
    const m = /^(?:lv|linh vuc|field|cs)\s*([0-9a-z]+)$/.exec(h);
    if (m) cols.components.push({ col, code: m[1]!.toUpperCase() });
  });
  const problems: { row: number; column: string | null; message: Bilingual }[] = [];
  for (const k of ['year', 'agency', 'total'] as const) {
    if (!cols[k]) problems.push({ row: 1, column: null, message: { vi: `Thiếu cột "${{ year: 'Năm', agency: 'Mã cơ quan', total: 'Chỉ số' }[k]}".`, en: `Missing column "${{ year: 'Year', agency: 'Agency code', total: 'Index' }[k]}".` } });
  }
  if (problems.length) throw importFailed(problems, ctx);
  const agencies = new Map((await q.agenciesOfProvince(ctx.db, actor.provinceId)).map((a) => [a.code, a]));
  const rows: { year: number; agencyId: number; groupId: number; total: string; rank: number | null; components: { code: string; nameVi: string; index: string }[] }[] = [];
  const seen = new Set<string>();
  const pct = (v: string) => {
    const u = tryParsePoints(v.replace(',', '.').replace('%', '').trim());
    return u !== null && u >= 0 && u <= 1_000_000 ? u : null;
  };
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const get = (col?: number) => (col ? cellText(row.getCell(col).value as never) : '');
    const yearText = get(cols.year);
    const code = get(cols.agency);
    if (!yearText && !code) continue;
    const at = (col: number | undefined, message: Bilingual) => problems.push({ row: r, column: col ? columnLetter(col) : null, message });
    const year = Number(yearText);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) at(cols.year, { vi: 'Năm không hợp lệ.', en: 'Invalid year.' });
    const agency = agencies.get(code);
    if (!agency) at(cols.agency, { vi: `Không có cơ quan mã "${code}".`, en: `No agency with code "${code}".` });
    const total = pct(get(cols.total));
    if (total === null) at(cols.total, { vi: 'Chỉ số phải là số từ 0 đến 100.', en: 'The index must be a number from 0 to 100.' });
    const rankText = get(cols.rank);
    const rank = rankText ? Number(rankText) : null;
    if (rankText && (!Number.isInteger(rank) || rank! < 1)) at(cols.rank, { vi: 'Xếp hạng phải là số nguyên dương.', en: 'The rank must be a positive whole number.' });
    const components: { code: string; nameVi: string; index: string }[] = [];
    for (const c of cols.components) {
      const v = get(c.col);
      if (!v) continue;
      const u = pct(v);
      if (u === null) at(c.col, { vi: 'Chỉ số thành phần phải là số từ 0 đến 100.', en: 'A component index must be a number from 0 to 100.' });
      else components.push({ code: c.code, nameVi: `Lĩnh vực ${c.code}`, index: (u / 10_000).toFixed(2) });
    }
    const key = `${year}:${code}`;
    if (seen.has(key)) at(cols.agency, { vi: 'Trùng năm và cơ quan với dòng trước.', en: 'Same year and agency as an earlier row.' });
    seen.add(key);
    if (agency && total !== null) rows.push({ year, agencyId: agency.id, groupId: agency.groupId, total: (total / 10_000).toFixed(2), rank, components });
  }
  if (problems.length) throw importFailed(problems, ctx);
  if (!rows.length) throw new AppError('import_failed', undefined, { details: { problems: [{ row: 1, column: null, message: ctx.lang === 'vi' ? 'Tệp không có dòng dữ liệu nào.' : 'The file has no data rows.' }] } });
  await ctx.db.transaction(async (tx) => {
    for (const r of rows) {
      await q.upsertHistory(tx, { provinceId: actor.provinceId, year: r.year, groupId: r.groupId, agencyId: r.agencyId, totalIndex: r.total, rank: r.rank, components: r.components, source: 'import' });
    }
    await appendAudit(tx, ctx, { action: 'history.import', entityType: 'historical_results', newValue: { rows: rows.length, years: [...new Set(rows.map((r) => r.year))] } });
  });
  return { rows: rows.length };
}

/** An agency's imported results of years before the system, oldest first. */
export async function agencyHistory(ctx: Ctx, agencyId: number) {
  const actor = requireActor(ctx.actor);
  const rows = await q.historyOf(ctx.db, actor.provinceId, agencyId);
  return rows.map((r) => ({ year: r.year, totalIndex: r.totalIndex, rank: r.rank, components: r.components }));
}

/** Imported history rows (no authorization: published-equivalent data; callers authorize). */
export async function agencyHistoryRows(ctx: Ctx, provinceId: number, f: { year?: number; groupId?: number; agencyId?: number }) {
  return q.historyRows(ctx.db, provinceId, f);
}
