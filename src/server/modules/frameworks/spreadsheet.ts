import { DEFAULT_BANDS } from '../../../core/domain/classification';
import {
  FRAMEWORK_COLUMNS,
  type CellValue,
  type FrameworkColumn,
  type FrameworkMeta,
  type FrameworkRow,
  frameworkMeta,
  frameworkToRows,
  matchHeaderRow,
  parseFrameworkJson,
  rowsToFramework,
} from '../../../core/domain/framework-rows';
import { AppError, type Lang } from '../../../core/errors';
import type { ClassificationBand, Framework } from '../../../core/schemas/framework';
import { restoreText, writeXlsx, type XlsxBytes } from '../../lib/safe-export';
import { excel, columnLetter, type ImportedWorkbook, loadWorkbook } from '../../lib/xlsx';
import type { SheetValue } from '../../lib/xlsx-worker';
import { uploadTooLarge } from '../../lib/uploads';
import { UPLOAD_LIMITS } from '../../../core/schemas/limits';

const SHEET_NODES = 'Bộ tiêu chí';
const SHEET_META = 'Thông tin';
const WIDTHS: Partial<Record<FrameworkColumn, number>> = { code: 9, nameVi: 60, nameEn: 40, maxPoints: 10, method: 16, methodConfig: 34, guidanceVi: 50, guidanceEn: 30, evidenceVi: 40, appraisingBody: 20 };

/** The framework as .xlsx in the layout provinces circulate, plus a "Thông tin" sheet so it imports back unchanged. */
export async function frameworkToXlsx(doc: Framework, lang: Lang): Promise<XlsxBytes> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'ParIndex';
  const ws = wb.addWorksheet(SHEET_NODES, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  ws.columns = FRAMEWORK_COLUMNS.map((c) => ({ header: c.header[lang], key: c.key, width: WIDTHS[c.key] ?? 14 }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  for (const row of frameworkToRows(doc)) {
    const values = Object.fromEntries(FRAMEWORK_COLUMNS.map((c) => [c.key, row.cells[c.key] ?? null]));
    const maxText = values.maxPoints;
    const added = ws.addRow({ ...values, maxPoints: typeof maxText === 'string' && maxText !== '' ? Number(maxText) : maxText });
    const depth = String(values.code ?? '').split('.').length;
    added.alignment = { vertical: 'top', wrapText: true };
    if (depth === 1) added.font = { bold: true };
    added.getCell('nameVi').alignment = { vertical: 'top', wrapText: true, indent: depth - 1 };
    added.getCell('maxPoints').numFmt = '0.####';
  }
  const meta = wb.addWorksheet(SHEET_META);
  meta.columns = [
    { header: 'Khóa / key', key: 'k', width: 22 },
    { header: 'Giá trị / value', key: 'v', width: 70 },
  ];
  meta.getRow(1).font = { bold: true };
  const m = frameworkMeta(doc);
  meta.addRow({ k: 'year', v: m.year });
  meta.addRow({ k: 'groupCode', v: m.groupCode ?? '' });
  meta.addRow({ k: 'nameVi', v: m.nameVi });
  meta.addRow({ k: 'nameEn', v: m.nameEn });
  meta.addRow({ k: 'declaredTotal', v: m.declaredTotal ?? '' });
  meta.addRow({ k: 'bonusCap', v: m.bonusCap });
  meta.addRow({ k: 'deductionCap', v: m.deductionCap });
  meta.addRow({ k: 'bands', v: JSON.stringify(m.bands) });
  return writeXlsx(wb);
}

/** A cell as text or number; the quote an export puts before formula-like text (safe-export.ts) is taken off again. */
function cellOf(v: SheetValue): CellValue {
  if (v == null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return typeof v === 'string' ? restoreText(v.normalize('NFC')) : v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return restoreText(v.richText.map((t) => t.text).join(''));
    if ('result' in v) return cellOf(v.result);
    if ('text' in v) return cellOf(v.text);
    if ('error' in v) return null;
  }
  return String(v);
}

export interface ImportDefaults {
  year: number;
  groupCode: string;
  nameVi: string;
}

export interface SheetProblem {
  row: number | null;
  column: string | null;
  severity: 'error' | 'warning';
  message: string;
}

/** Reads a framework from an .xlsx (any sheet holding the header row), every problem with row and column letter. */
export async function frameworkFromXlsx(
  buffer: Buffer,
  defaults: ImportDefaults,
  lang: Lang,
): Promise<{ ok: true; framework: Framework; warnings: SheetProblem[] } | { ok: false; problems: SheetProblem[] }> {
  const wb = await loadWorkbook(buffer);
  const sheet = wb.getWorksheet(SHEET_NODES) ?? wb.worksheets.find((s) => s.name !== SHEET_META);
  if (!sheet) return { ok: false, problems: [{ row: null, column: null, severity: 'error', message: lang === 'vi' ? 'Tệp không có trang tính nào.' : 'The workbook has no sheet.' }] };
  let headerRow = -1;
  let columns = new Map<number, FrameworkColumn>();
  let missing: FrameworkColumn[] = ['code', 'nameVi', 'maxPoints'];
  for (let r = 1; r <= Math.min(15, sheet.rowCount); r++) {
    const cells: CellValue[] = [];
    sheet.getRow(r).eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellOf(cell.value);
    });
    const match = matchHeaderRow(cells);
    if (match.columns.size > columns.size) {
      columns = match.columns;
      missing = match.missing;
      headerRow = r;
    }
  }
  const letterOf = new Map<FrameworkColumn, string>([...columns].map(([i, k]) => [k, columnLetter(i + 1)]));
  if (headerRow < 0 || missing.length) {
    const names = (missing.length ? missing : (['code', 'nameVi', 'maxPoints'] as FrameworkColumn[])).map((k) => FRAMEWORK_COLUMNS.find((c) => c.key === k)!.header[lang]);
    return {
      ok: false,
      problems: [{ row: headerRow > 0 ? headerRow : null, column: null, severity: 'error', message: lang === 'vi' ? `Thiếu cột: ${names.join(', ')}.` : `Missing columns: ${names.join(', ')}.` }],
    };
  }
  const rows: FrameworkRow[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: Partial<Record<FrameworkColumn, CellValue>> = {};
    let any = false;
    for (const [i, key] of columns) {
      const v = cellOf(row.getCell(i + 1).value);
      cells[key] = v;
      if (v !== null && v !== '') any = true;
    }
    if (any) rows.push({ rowNumber: r, cells });
  }
  const meta = readMeta(wb, defaults);
  const res = rowsToFramework(rows, meta);
  const view = (p: { row: number | null; column: FrameworkColumn | null; severity: 'error' | 'warning'; message: { vi: string; en: string } }): SheetProblem => ({
    row: p.row,
    column: p.column ? `${letterOf.get(p.column) ?? ''} (${FRAMEWORK_COLUMNS.find((c) => c.key === p.column)!.header[lang]})` : null,
    severity: p.severity,
    message: p.message[lang],
  });
  if (!res.ok) return { ok: false, problems: res.problems.map(view) };
  return { ok: true, framework: res.framework, warnings: res.warnings.map(view) };
}

function readMeta(wb: ImportedWorkbook, defaults: ImportDefaults): FrameworkMeta {
  const meta: FrameworkMeta = {
    year: defaults.year,
    groupCode: defaults.groupCode,
    nameVi: defaults.nameVi,
    nameEn: '',
    bonusCap: '0',
    deductionCap: '0',
    bands: [...DEFAULT_BANDS] as ClassificationBand[],
  };
  const sheet = wb.getWorksheet(SHEET_META);
  if (!sheet) return meta;
  const values = new Map<string, string>();
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const k = String(cellOf(row.getCell(1).value) ?? '').trim();
    const v = cellOf(row.getCell(2).value);
    if (k) values.set(k, v == null ? '' : String(v));
  });
  // The year and group come from the request (the import target); names, totals, caps and bands from the file.
  if (values.get('nameVi')) meta.nameVi = values.get('nameVi')!;
  if (values.has('nameEn')) meta.nameEn = values.get('nameEn')!;
  if (values.get('declaredTotal')) meta.declaredTotal = values.get('declaredTotal')!;
  if (values.get('bonusCap')) meta.bonusCap = values.get('bonusCap')!;
  if (values.get('deductionCap')) meta.deductionCap = values.get('deductionCap')!;
  const bands = values.get('bands');
  if (bands) {
    try {
      meta.bands = JSON.parse(bands) as ClassificationBand[];
    } catch {
      /* keep defaults; validation reports the bands if they are wrong */
    }
  }
  return meta;
}

/** Reads a framework from JSON bytes (the export format), with every problem. */
export function frameworkFromJson(
  buffer: Buffer,
  defaults: ImportDefaults,
  lang: Lang,
): { ok: true; framework: Framework; warnings: SheetProblem[] } | { ok: false; problems: SheetProblem[] } {
  // Parsed on the request thread: small enough to take a few milliseconds (a whole framework is well under 1 MiB).
  if (buffer.length > UPLOAD_LIMITS.frameworkJson) throw uploadTooLarge(UPLOAD_LIMITS.frameworkJson);
  let value: unknown;
  try {
    value = JSON.parse(buffer.toString('utf8'));
  } catch {
    throw new AppError('unsupported_media_type', { vi: 'Tệp JSON không hợp lệ.', en: 'The JSON file is not valid.' });
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    value = { ...(value as object), year: defaults.year, groupCode: defaults.groupCode };
  }
  const res = parseFrameworkJson(value);
  const view = (p: { path: string; severity: 'error' | 'warning'; message: { vi: string; en: string } }): SheetProblem => ({
    row: null,
    column: p.path,
    severity: p.severity,
    message: p.message[lang],
  });
  if (!res.ok) return { ok: false, problems: res.problems.map(view) };
  return { ok: true, framework: res.framework, warnings: res.warnings.map(view) };
}
