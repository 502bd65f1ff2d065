/**
 * The one way to write an exported spreadsheet (.xlsx or .csv), so no export can hand a spreadsheet a formula or a
 * link taken from user text (CSV/formula injection, issue 9 part 7, decision 0013).
 *
 * Every text cell goes through {@link neutraliseText}: where the text, or a part of it after a field separator
 * (`,` `;` tab), starts with a character a spreadsheet reads as the start of a formula (`= + - @`, tab, CR, LF, NUL,
 * and their full-width forms), a single quote is put in front of it (OWASP CSV Injection, ASVS 1.2.10). Numbers,
 * dates and booleans stay what they are: a negative number is a number cell, never text. The quote is a visible
 * character of the text, so it survives when the workbook is saved again as CSV and reopened; the importers remove
 * it again ({@link restoreText}), so an exported workbook imports back unchanged.
 *
 * Workbooks are serialised only by {@link writeXlsx} and {@link streamXlsx} (a lint rule forbids `writeBuffer` and
 * the streaming writer elsewhere), and `sendFile` takes an .xlsx or .csv body only in the branded types they return.
 */
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { isFormulaLike, neutraliseText } from './formula-text';
import { excel } from './xlsx';

export { isFormulaLike, neutraliseText, restoreText } from './formula-text';

/**
 * A cell value safe to write: text neutralised; rich text, links and formulas become plain neutralised text (an
 * export never writes a formula or a hyperlink, so one that appears came from data); numbers, dates, booleans and
 * errors unchanged.
 */
export function safeCellValue(value: ExcelJS.CellValue): ExcelJS.CellValue {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return neutraliseText(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) {
    const text = value.richText.map((r) => r.text).join('');
    return isFormulaLike(text) ? neutraliseText(text) : value;
  }
  if ('hyperlink' in value) return neutraliseText(typeof value.text === 'string' ? value.text : String(value.hyperlink));
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (typeof result === 'number' || typeof result === 'boolean' || result instanceof Date) return result;
    return typeof result === 'string' ? neutraliseText(result) : null;
  }
  if ('error' in value) return value;
  return neutraliseText(String(value));
}

const MERGE = 1; // ExcelJS.ValueType.Merge: a cell covered by a merge shows its master's value.

function neutraliseRow(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    if (cell.type === MERGE) return;
    const value = cell.value;
    const safe = safeCellValue(value);
    if (safe !== value) cell.value = safe;
  });
}

/** .xlsx bytes written by {@link writeXlsx} or {@link streamXlsx}: every text cell neutralised. */
export type XlsxBytes = Buffer & { readonly __safeXlsx: true };
/** A CSV document written by {@link toCsv}. */
export type CsvText = string & { readonly __safeCsv: true };

/** Serialises a workbook after neutralising every cell of every sheet; the only place a workbook is written. */
export async function writeXlsx(wb: ExcelJS.Workbook): Promise<XlsxBytes> {
  wb.eachSheet((ws) => ws.eachRow((row) => neutraliseRow(row)));
  // eslint-disable-next-line no-restricted-syntax -- the one place a workbook is serialised
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer) as XlsxBytes;
}

type StreamingWorkbook = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>;
type StreamingSheet = ReturnType<StreamingWorkbook['addWorksheet']>;

/**
 * Writes a large workbook with exceljs's streaming writer (rows flushed as they are committed, bounded memory):
 * `build` adds sheets and rows; every row is neutralised as it is written to the stream, whether committed by
 * `row.commit()` or by the sheet's commit. Returns the bytes once the workbook is complete.
 */
export async function streamXlsx(build: (wb: StreamingWorkbook) => Promise<void>): Promise<XlsxBytes> {
  const out = xlsxStream(build);
  const chunks: Buffer[] = [];
  for await (const c of out) chunks.push(c as Buffer);
  return Buffer.concat(chunks) as XlsxBytes;
}

/** An .xlsx being written by {@link xlsxStream}: every text cell neutralised as its row is serialised. */
export type XlsxStream = PassThrough & { readonly __safeXlsx: true };

/**
 * Like {@link streamXlsx}, but hands back the byte stream at once so a large export goes to the response while it is
 * written (bounded memory); a failure while writing destroys the stream with the error.
 */
export function xlsxStream(build: (wb: StreamingWorkbook) => Promise<void>): XlsxStream {
  const out = new PassThrough() as XlsxStream;
  void (async () => {
    // eslint-disable-next-line no-restricted-syntax -- the one place the streaming writer is created
    const wb = new (await excel()).stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    wb.creator = 'ParIndex';
    const addWorksheet = wb.addWorksheet.bind(wb);
    wb.addWorksheet = (...args: Parameters<StreamingWorkbook['addWorksheet']>): StreamingSheet => {
      // Every row, however it is committed, reaches the file through the sheet writer's `_writeRow` (exceljs 4.4):
      // neutralise it there, once, just before it is serialised.
      const ws = addWorksheet(...args) as StreamingSheet & { _writeRow?: (row: ExcelJS.Row) => void };
      const writeRow = ws._writeRow;
      if (typeof writeRow !== 'function') throw new Error('exceljs streaming writer changed: no _writeRow to neutralise rows in');
      ws._writeRow = (row: ExcelJS.Row) => {
        neutraliseRow(row);
        writeRow.call(ws, row);
      };
      return ws;
    };
    await build(wb);
    await wb.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/** The one field separator of every CSV export (RFC 4180), whatever the reader's locale. */
export const CSV_SEPARATOR = ',';

function csvField(v: string | number | boolean | Date | null | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const text = v instanceof Date ? v.toISOString() : neutraliseText(v);
  // Every text is quoted, so a reader that splits on another separator (`;` in a Vietnamese locale) still keeps it whole.
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * A CSV document (RFC 4180): a UTF-8 byte order mark (so Excel reads Vietnamese text as UTF-8), the header line,
 * one line per row, CRLF line ends, `,` between fields, every text quoted and neutralised, numbers as numbers.
 */
export function toCsv<K extends string>(columns: readonly { key: K; header: string }[], rows: readonly Partial<Record<K, string | number | boolean | Date | null>>[]): CsvText {
  const lines = [columns.map((c) => csvField(c.header)).join(CSV_SEPARATOR)];
  for (const r of rows) lines.push(columns.map((c) => csvField(r[c.key])).join(CSV_SEPARATOR));
  return `\ufeff${lines.join('\r\n')}\r\n` as CsvText;
}

/** Writes a simple one-sheet workbook with a bold, frozen header row; returns the .xlsx bytes. */
export async function writeTable(
  sheetName: string,
  headers: { header: string; key: string; width?: number }[],
  rows: Record<string, string | number | boolean | Date | null>[],
): Promise<XlsxBytes> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'ParIndex';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map((h) => ({ header: h.header, key: h.key, width: h.width ?? 18 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  return writeXlsx(wb);
}
