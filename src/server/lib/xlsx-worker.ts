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

/**
 * Messages from the worker: the sheets' rows in batches (each one deserialised in its own turn of the server's
 * event loop, so a large sheet never arrives as one long structured clone), then the end.
 */
export type WorkerOutput =
  | { kind: 'sheet'; name: string; rowCount: number }
  | { kind: 'rows'; start: number; rows: (SheetValue[] | null)[] }
  | { kind: 'done' }
  | { kind: 'damaged' }
  | { kind: 'limit'; limit: 'rows' | 'columns'; max: number; found: number };

/** Rows per message. */
const BATCH = 1000;

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

async function parse(input: WorkerInput, post: (m: WorkerOutput) => void): Promise<void> {
  const Excel = (await import('exceljs')).default;
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  try {
    await wb.xlsx.load(input.bytes.buffer as ArrayBuffer);
  } catch {
    return post({ kind: 'damaged' });
  }
  for (const ws of wb.worksheets) {
    // The inspection counted these already; checked again on what the parser built.
    if (ws.rowCount > input.maxRows) return post({ kind: 'limit', limit: 'rows', max: input.maxRows, found: ws.rowCount });
    let tooWide = 0;
    ws.eachRow({ includeEmpty: true }, (row) => {
      if (row.cellCount > input.maxColumns) tooWide = Math.max(tooWide, row.cellCount);
    });
    if (tooWide) return post({ kind: 'limit', limit: 'columns', max: input.maxColumns, found: tooWide });
  }
  for (const ws of wb.worksheets) {
    post({ kind: 'sheet', name: ws.name, rowCount: ws.rowCount });
    for (let start = 1; start <= ws.rowCount; start += BATCH) {
      const rows: (SheetValue[] | null)[] = [];
      for (let r = start; r < start + BATCH && r <= ws.rowCount; r++) {
        const row = ws.findRow(r);
        if (!row) {
          rows.push(null);
          continue;
        }
        const values: SheetValue[] = new Array<SheetValue>(row.cellCount).fill(null);
        row.eachCell((cell, c) => {
          values[c - 1] = plain(cell.value);
        });
        rows.push(values);
      }
      post({ kind: 'rows', start, rows });
    }
  }
  post({ kind: 'done' });
}

if (parentPort) {
  const port = parentPort;
  const post = (m: WorkerOutput) => port.postMessage(m);
  void parse(workerData as WorkerInput, post).catch(() => post({ kind: 'damaged' }));
}
