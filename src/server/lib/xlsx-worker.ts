// The worker thread that parses an .xlsx (already inspected, see xlsx-inspect.ts) with ExcelJS and posts back its
// sheets as plain values. It runs with a bounded heap and is terminated on a timeout (parse-pool.ts), so a file
// that still manages to be costly takes down this thread, never the server, and never blocks its event loop.
//
// Self-contained on purpose (node builtins and exceljs only, erasable TypeScript): Node loads it directly from
// src/ under tsx and vitest, and esbuild bundles it beside the server as dist/server/xlsx-worker.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import type ExcelJS from 'exceljs';

export type SheetValue =
  | string
  | number
  | boolean
  | Date
  | null
  | { richText: { text: string }[] }
  | { text: SheetValue; hyperlink: string }
  | { formula: string; result: SheetValue }
  | { error: string };

export interface SheetData {
  name: string;
  rowCount: number;
  /** rows[r - 1]: the values of row r (index c - 1 for column c), null for a row the file does not hold. */
  rows: (SheetValue[] | null)[];
}

export interface WorkerInput {
  bytes: Uint8Array;
  maxRows: number;
  maxColumns: number;
}

export type WorkerOutput =
  | { ok: true; sheets: SheetData[] }
  | { ok: false; reason: 'damaged' }
  | { ok: false; reason: 'limit'; limit: 'rows' | 'columns'; max: number; found: number };

function plain(v: unknown): SheetValue {
  if (v == null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return { richText: o.richText.map((t: { text?: unknown }) => ({ text: String(t?.text ?? '') })) };
    if ('formula' in o || 'sharedFormula' in o) return { formula: String(o.formula ?? o.sharedFormula ?? ''), result: plain(o.result) };
    if ('error' in o) return { error: String(o.error) };
    if ('text' in o) return { text: plain(o.text), hyperlink: String(o.hyperlink ?? '') };
  }
  return String(v);
}

async function parse(input: WorkerInput): Promise<WorkerOutput> {
  const Excel = (await import('exceljs')).default;
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  try {
    await wb.xlsx.load(input.bytes.buffer as ArrayBuffer);
  } catch {
    return { ok: false, reason: 'damaged' };
  }
  const sheets: SheetData[] = [];
  for (const ws of wb.worksheets) {
    // The inspection counted these already; checked again on what the parser built.
    if (ws.rowCount > input.maxRows) return { ok: false, reason: 'limit', limit: 'rows', max: input.maxRows, found: ws.rowCount };
    const rows: (SheetValue[] | null)[] = new Array<SheetValue[] | null>(ws.rowCount).fill(null);
    let tooWide = 0;
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      if (row.cellCount > input.maxColumns) tooWide = row.cellCount;
      if (tooWide) return;
      const values: SheetValue[] = new Array<SheetValue>(row.cellCount).fill(null);
      row.eachCell((cell, c) => {
        values[c - 1] = plain(cell.value);
      });
      rows[r - 1] = values;
    });
    if (tooWide) return { ok: false, reason: 'limit', limit: 'columns', max: input.maxColumns, found: tooWide };
    sheets.push({ name: ws.name, rowCount: ws.rowCount, rows });
  }
  return { ok: true, sheets };
}

if (parentPort) {
  const port = parentPort;
  void parse(workerData as WorkerInput).then(
    (out) => port.postMessage(out),
    () => port.postMessage({ ok: false, reason: 'damaged' } satisfies WorkerOutput),
  );
}
