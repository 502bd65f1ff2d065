/**
 * The generic table export (POST /api/exports/table.xlsx): the browser sends the columns and rows it shows and the
 * server writes the workbook, so no spreadsheet library ships to the browser. Limits mirror the server's
 * (core/schemas/reports.ts) so an oversized table is refused before it is sent.
 */
import { type ExportCell, TABLE_EXPORT_LIMITS, type TableExportBody } from '../../core/schemas/reports';
import { downloadPost } from './client';

export type { ExportCell, ExportColumn } from '../../core/schemas/reports';

/** Why a table cannot be sent, before sending it. */
export type ExportRefusal = { reason: 'rows'; rows: number } | { reason: 'size'; bytes: number } | { reason: 'cells'; cells: number };

/** A cell value as the API takes it: numbers, text (clipped to the server's limit), booleans, null. */
export function toExportCell(v: unknown): ExportCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v;
  const s = String(v).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g, '');
  return s.length > TABLE_EXPORT_LIMITS.cellText ? `${s.slice(0, TABLE_EXPORT_LIMITS.cellText - 1)}…` : s;
}

/** Checks the limits of a table export; null when it may be sent. */
export function exportRefusal(body: TableExportBody, json: string): ExportRefusal | null {
  if (body.rows.length > TABLE_EXPORT_LIMITS.rows) return { reason: 'rows', rows: body.rows.length };
  const cells = body.rows.length * body.columns.length;
  if (cells > TABLE_EXPORT_LIMITS.cells) return { reason: 'cells', cells };
  const bytes = new Blob([json]).size;
  if (bytes > TABLE_EXPORT_LIMITS.bodyBytes) return { reason: 'size', bytes };
  return null;
}

/** Sends the table and saves the .xlsx; `onProgress` receives the phase and, while downloading, the share received (0..1). */
export async function exportTable(
  body: TableExportBody,
  options: { filename?: string | undefined; onProgress?: (phase: 'sending' | 'downloading', share: number | null) => void } = {},
): Promise<string> {
  options.onProgress?.('sending', null);
  const name = options.filename ? (/\.xlsx$/i.test(options.filename) ? options.filename : `${options.filename}.xlsx`) : undefined;
  return downloadPost('/api/exports/table.xlsx', body, {
    name,
    fallbackName: 'bang.xlsx',
    onProgress: (received, total) => options.onProgress?.('downloading', total ? Math.min(1, received / total) : null),
  });
}

export { TABLE_EXPORT_LIMITS };
