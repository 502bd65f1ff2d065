import type ExcelJS from 'exceljs';
import type { Bilingual } from '../../core/errors';
import { SPREADSHEET_LIMITS } from '../../core/schemas/limits';
import { restoreText } from './formula-text';
import { parseInWorker } from './parse-pool';
import { inspectXlsx, limitError } from './xlsx-inspect';
import type { SheetData, SheetValue } from './xlsx-worker';

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
function cellValue(v: SheetValue): Cell {
  if (v == null) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : restoreText(v.normalize('NFC').trim());
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return restoreText(v.richText.map((t) => t.text).join('').normalize('NFC').trim()) || null;
    if ('text' in v) return cellValue(v.text);
    if ('result' in v) return cellValue(v.result);
    if ('error' in v) return null;
  }
  return String(v);
}

/** A row of an imported sheet, read like an ExcelJS row: `getCell(c).value`, `eachCell`. */
export class SheetRow {
  constructor(private readonly values: readonly SheetValue[]) {}

  get cellCount(): number {
    return this.values.length;
  }

  getCell(col: number): { value: SheetValue } {
    return { value: this.values[col - 1] ?? null };
  }

  /** Calls `fn` for each cell holding a value (every cell up to the last with `includeEmpty`), as ExcelJS does. */
  eachCell(fn: (cell: { value: SheetValue }, col: number) => void): void;
  eachCell(opts: { includeEmpty: boolean }, fn: (cell: { value: SheetValue }, col: number) => void): void;
  eachCell(
    a: { includeEmpty: boolean } | ((cell: { value: SheetValue }, col: number) => void),
    b?: (cell: { value: SheetValue }, col: number) => void,
  ): void {
    const includeEmpty = typeof a === 'object' && a.includeEmpty;
    const fn = typeof a === 'function' ? a : b!;
    for (let c = 1; c <= this.values.length; c++) {
      const value = this.values[c - 1] ?? null;
      if (value !== null || includeEmpty) fn({ value }, c);
    }
  }

  get hasValues(): boolean {
    return this.values.some((v) => v !== null);
  }
}

const EMPTY_ROW = new SheetRow([]);

/** A sheet of an imported workbook, as parsed in the worker: plain values, read like an ExcelJS worksheet. */
export class Sheet {
  readonly name: string;
  readonly rowCount: number;
  private readonly rows: (SheetRow | null)[];

  constructor(data: SheetData) {
    this.name = data.name;
    this.rowCount = data.rowCount;
    this.rows = data.rows.map((r) => (r ? new SheetRow(r) : null));
  }

  getRow(r: number): SheetRow {
    return this.rows[r - 1] ?? EMPTY_ROW;
  }

  /** Rows holding at least one value. */
  get actualRowCount(): number {
    return this.rows.filter((r) => r?.hasValues).length;
  }

  /** Calls `fn` for each row holding a value, as ExcelJS does. */
  eachRow(fn: (row: SheetRow, rowNumber: number) => void): void {
    this.rows.forEach((r, i) => {
      if (r?.hasValues) fn(r, i + 1);
    });
  }
}

/** An imported workbook: its sheets in file order. */
export class ImportedWorkbook {
  readonly worksheets: Sheet[];

  constructor(sheets: SheetData[]) {
    this.worksheets = sheets.map((s) => new Sheet(s));
  }

  getWorksheet(name: string): Sheet | undefined {
    return this.worksheets.find((s) => s.name === name);
  }
}

const MAX_ROWS = SPREADSHEET_LIMITS.rows;

/**
 * Reads an uploaded .xlsx: first the inspection (xlsx-inspect.ts: zip directory, inflated size, rows, columns,
 * cells, shared strings, XML depth, each against SPREADSHEET_LIMITS), then the ExcelJS parse in a worker thread
 * with a bounded heap and time (parse-pool.ts). A file that is not a workbook gets `unsupported_media_type`, one
 * over a limit `spreadsheet_too_large` naming it; the request thread never builds the workbook.
 */
export async function loadWorkbook(buffer: Buffer): Promise<ImportedWorkbook> {
  await inspectXlsx(buffer);
  return new ImportedWorkbook(await parseInWorker(buffer));
}

/**
 * Reads the first table of a worksheet: finds the header row among the first 10 rows, maps columns by header
 * text, and returns non-empty rows keyed by column; missing required columns are reported as problems.
 */
export function readTable<K extends string>(
  sheet: Sheet,
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
  if (last > MAX_ROWS) throw limitError('rows', MAX_ROWS, last);
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
