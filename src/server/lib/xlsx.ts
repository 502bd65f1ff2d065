import type ExcelJS from 'exceljs';
import { AppError, type Bilingual } from '../../core/errors';
import { restoreText } from './formula-text';

let excelModule: Promise<typeof ExcelJS> | null = null;
/**
 * ExcelJS, loaded on first use: it weighs ~30 MiB of heap that a server answering scores and survey submissions
 * never needs until someone imports or exports a workbook.
 */
export function excel(): Promise<typeof ExcelJS> {
  excelModule ??= import('exceljs').then((m) => m.default);
  return excelModule;
}

/** A column of an imported table: its key and the header texts that name it (matched without accents/case). */
export interface ColumnSpec<K extends string = string> {
  key: K;
  headers: readonly string[];
  required?: boolean;
}

export type Cell = string | number | boolean | Date | null;

export interface TableRow<K extends string> {
  rowNumber: number;
  cells: Record<K, Cell>;
}

export interface ImportProblem {
  row: number;
  column: string | null;
  message: Bilingual;
}

/** Lower-case, accent-free, single-spaced: "Tên đơn vị (*)" → "ten don vi". */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\(.*?\)|\*/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The column letter of a 1-based column index (1 → A, 28 → AB). */
export function columnLetter(index: number): string {
  let s = '';
  let n = index;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A cell as read for an import; the quote an export puts before formula-like text (safe-export.ts) is taken off again. */
function cellValue(v: ExcelJS.CellValue): Cell {
  if (v == null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : restoreText(v.normalize('NFC').trim());
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return restoreText(v.richText.map((t) => t.text).join('').normalize('NFC').trim()) || null;
    if ('text' in v && typeof v.text === 'string') return restoreText(v.text.normalize('NFC').trim()) || null;
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('error' in v) return null;
  }
  return String(v);
}

const MAX_ROWS = 50_000;

/** Loads an .xlsx buffer; a file that is not a workbook gets `unsupported_media_type`. */
export async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  // .xlsx is a zip: check the signature before handing it to the parser.
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50) {
    throw new AppError('unsupported_media_type', {
      vi: 'Tệp không phải là bảng tính Excel (.xlsx).',
      en: 'The file is not an Excel workbook (.xlsx).',
    });
  }
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('unsupported_media_type', {
      vi: 'Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng.',
      en: 'The Excel file (.xlsx) could not be read: it is damaged or in another format.',
    });
  }
  return wb;
}

/**
 * Reads the first table of a worksheet: finds the header row among the first 10 rows, maps columns by header
 * text, and returns non-empty rows keyed by column; missing required columns are reported as problems.
 */
export function readTable<K extends string>(
  sheet: ExcelJS.Worksheet,
  columns: ColumnSpec<K>[],
): { rows: TableRow<K>[]; problems: ImportProblem[]; letters: Record<K, string> } {
  const problems: ImportProblem[] = [];
  const wanted = new Map<string, K>();
  for (const c of columns) for (const h of c.headers) wanted.set(normalizeHeader(h), c.key);
  let headerRow = -1;
  let mapping = new Map<number, K>();
  for (let r = 1; r <= Math.min(10, sheet.rowCount); r++) {
    const m = new Map<number, K>();
    sheet.getRow(r).eachCell((cell, col) => {
      const key = wanted.get(normalizeHeader(String(cellValue(cell.value) ?? '')));
      if (key && ![...m.values()].includes(key)) m.set(col, key);
    });
    if (m.size >= Math.min(2, columns.length) && m.size > mapping.size) {
      mapping = m;
      headerRow = r;
    }
  }
  const letters = {} as Record<K, string>;
  for (const [col, key] of mapping) letters[key] = columnLetter(col);
  if (headerRow < 0) {
    problems.push({
      row: 1,
      column: null,
      message: {
        vi: `Không tìm thấy dòng tiêu đề. Cần các cột: ${columns.map((c) => c.headers[0]).join(', ')}.`,
        en: `No header row found. Expected columns: ${columns.map((c) => c.headers[0]).join(', ')}.`,
      },
    });
    return { rows: [], problems, letters };
  }
  for (const c of columns) {
    if (c.required && !(c.key in letters)) {
      problems.push({
        row: headerRow,
        column: null,
        message: { vi: `Thiếu cột bắt buộc "${c.headers[0]}".`, en: `Missing required column "${c.headers[0]}".` },
      });
    }
  }
  const rows: TableRow<K>[] = [];
  const last = sheet.actualRowCount > 0 ? sheet.rowCount : 0;
  if (last - headerRow > MAX_ROWS) {
    throw new AppError('payload_too_large', {
      vi: `Tệp có quá nhiều dòng (tối đa ${MAX_ROWS}).`,
      en: `The file has too many rows (at most ${MAX_ROWS}).`,
    });
  }
  for (let r = headerRow + 1; r <= last; r++) {
    const row = sheet.getRow(r);
    const cells = {} as Record<K, Cell>;
    let any = false;
    for (const c of columns) cells[c.key] = null;
    for (const [col, key] of mapping) {
      const v = cellValue(row.getCell(col).value);
      cells[key] = v;
      if (v !== null) any = true;
    }
    if (any) rows.push({ rowNumber: r, cells });
  }
  return { rows, problems, letters };
}

/** A cell as trimmed text ('' when empty); numbers keep their decimal form. */
export function cellText(v: Cell): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}
