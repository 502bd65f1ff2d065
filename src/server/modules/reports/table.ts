/**
 * The generic export of an on-screen table (.xlsx) so the browser never ships a spreadsheet library: the client sends
 * the rows it already shows, the server writes them with exceljs's streaming writer (rows are flushed as they are
 * written, so 50 000 rows stay within a bounded memory). Text is always a text cell with the Text format, never a
 * formula, and formula-like text gets a leading `'` (`streamXlsx`, decision 0013), so a value such as `=HYPERLINK(...)`
 * or `+1` stays inert even after a round trip through CSV; numbers are numbers with their format.
 */
import type ExcelJS from 'exceljs';
import type { Lang } from '../../../core/errors';
import type { ExportCell, ExportColumn } from '../../../core/schemas/reports';
import { streamXlsx, type XlsxBytes } from '../../lib/safe-export';
import { columnLetter } from '../../lib/xlsx';
import { sheetNameOf } from './annex';
import { vnDate } from './format';

export interface TableInput {
  title: string;
  sheetName?: string | undefined;
  subtitle?: string | undefined;
  columns: ExportColumn[];
  rows: Record<string, ExportCell>[];
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** Rows written between two turns of the event loop. */
const YIELD_EVERY = 500;

function numberFormat(c: ExportColumn): string {
  const d = c.decimals ?? (c.type === 'integer' ? 0 : 2);
  const frac = d > 0 ? `.${'0'.repeat(d)}` : '';
  if (c.type === 'integer') return '#,##0';
  if (c.type === 'percent') return `0${frac}%`;
  return `#,##0${frac}`;
}

/** A cell as written: a number for numeric columns (numeric text is converted), else text; booleans in words. */
export function cellFor(c: ExportColumn, v: ExportCell | undefined, lang: Lang): { value: string | number | null; text: boolean } {
  if (v === undefined || v === null || v === '') return { value: null, text: false };
  if (typeof v === 'boolean') return { value: v ? (lang === 'vi' ? 'Có' : 'Yes') : lang === 'vi' ? 'Không' : 'No', text: true };
  if (c.type === 'text') return { value: typeof v === 'number' ? String(v) : v, text: true };
  const n = typeof v === 'number' ? v : NUMERIC.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isFinite(n)) return { value: String(v), text: true };
  if (c.type === 'percent') return { value: Number((n / 100).toPrecision(15)), text: false };
  return { value: n, text: false };
}

const FONT = { name: 'Calibri', size: 11 };
const BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin', color: { argb: 'FFBFBFBF' } }, left: { style: 'thin', color: { argb: 'FFBFBFBF' } }, bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } }, right: { style: 'thin', color: { argb: 'FFBFBFBF' } } };

/** Column width in characters: the given width, else from the title and the first 500 values (8..60). */
function widthOf(c: ExportColumn, rows: Record<string, ExportCell>[]): number {
  if (c.width) return c.width;
  let w = Math.min(40, c.title.length + 2);
  for (let i = 0; i < Math.min(rows.length, 500); i++) {
    const v = rows[i]![c.key];
    if (v !== null && v !== undefined) w = Math.max(w, String(v).length + 2);
  }
  return Math.max(8, Math.min(60, w));
}

/** The .xlsx bytes of a table: title, optional subtitle, export time, a bold header row (frozen, filtered, repeated when printed), the rows. */
export function buildTableXlsx(input: TableInput, lang: Lang, generatedAt: Date): Promise<XlsxBytes> {
  return streamXlsx(async (wb) => {
    const cols = input.columns;
    const headerRow = input.subtitle ? 5 : 4;
    const last = columnLetter(cols.length);
    const ws = wb.addWorksheet(sheetNameOf(input.sheetName || input.title, new Set()), {
      views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
      pageSetup: {
        paperSize: 9,
        orientation: cols.length > 6 ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
        printTitlesRow: `${headerRow}:${headerRow}`,
      },
      headerFooter: { oddFooter: lang === 'vi' ? '&CTrang &P/&N' : '&CPage &P of &N' },
    });
    ws.columns = cols.map((c) => ({ key: c.key, width: widthOf(c, input.rows) }));
    ws.autoFilter = `A${headerRow}:${last}${headerRow}`;

    const when = vnDate(generatedAt);
    const hm = new Date(generatedAt.getTime() + 7 * 3600 * 1000).toISOString().slice(11, 16);
    const stamp =
      lang === 'vi'
        ? `Xuất từ ParIndex lúc ${hm} ngày ${String(when.d).padStart(2, '0')}/${String(when.m).padStart(2, '0')}/${when.y}; ${input.rows.length.toLocaleString('vi-VN')} dòng.`
        : `Exported from ParIndex at ${hm} on ${when.y}-${String(when.m).padStart(2, '0')}-${String(when.d).padStart(2, '0')} (UTC+7); ${input.rows.length.toLocaleString('en-US')} rows.`;
    const textRow = (text: string, font: Partial<ExcelJS.Font>) => {
      const row = ws.addRow([]);
      const cell = row.getCell(1);
      cell.value = text;
      cell.font = font;
      cell.numFmt = '@';
      row.commit();
    };
    textRow(input.title, { ...FONT, size: 14, bold: true });
    if (input.subtitle) textRow(input.subtitle, { ...FONT, italic: true });
    textRow(stamp, { ...FONT, size: 9, italic: true, color: { argb: 'FF595959' } });
    ws.addRow([]).commit();

    const header = ws.addRow(cols.map((c) => c.title));
    header.height = 30;
    cols.forEach((_, i) => {
      const cell = header.getCell(i + 1);
      cell.font = { ...FONT, bold: true };
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
      cell.border = BORDER;
      cell.numFmt = '@';
    });
    header.commit();

    const formats = cols.map((c) => (c.type === 'text' ? '@' : numberFormat(c)));
    let n = 0;
    for (const r of input.rows) {
      // A large table takes seconds to write: let other requests (and the zip stream) run between chunks of rows.
      if (++n % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const row = ws.addRow([]);
      cols.forEach((c, i) => {
        const { value, text } = cellFor(c, r[c.key], lang);
        const cell = row.getCell(i + 1);
        cell.value = value;
        cell.border = BORDER;
        cell.numFmt = text ? '@' : formats[i]!;
        if (text && c.type !== 'text') cell.alignment = { horizontal: 'left' };
      });
      row.commit();
    }
    ws.commit();
  });
}
