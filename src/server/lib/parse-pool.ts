import { Worker } from 'node:worker_threads';
import { AppError } from '../../core/errors';
import { PARSE_LIMITS, SPREADSHEET_LIMITS } from '../../core/schemas/limits';
import { limitError } from './xlsx-inspect';
import type { SheetData, WorkerInput, WorkerOutput } from './xlsx-worker';

/**
 * Runs the ExcelJS parse of an inspected .xlsx in a worker thread: a bounded heap (PARSE_LIMITS.heapMb), a wall
 * time (PARSE_LIMITS.seconds, then the thread is terminated), and at most PARSE_LIMITS.concurrent parses at once
 * with a short line behind them. One thread per parse: its whole heap is returned when it ends.
 *
 * The worker's file: next to this one under tsx/vitest (src/server/lib/xlsx-worker.ts, loaded by Node's type
 * stripping), next to the bundle in a build (dist/server/xlsx-worker.mjs, a second esbuild entry).
 */
export function workerFile(moduleUrl: string = import.meta.url): URL {
  return moduleUrl.endsWith('.ts') ? new URL('./xlsx-worker.ts', moduleUrl) : new URL('./xlsx-worker.mjs', moduleUrl);
}

let running = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<void> {
  if (running < PARSE_LIMITS.concurrent) {
    running++;
    return;
  }
  if (waiting.length >= PARSE_LIMITS.queued) {
    throw new AppError('unavailable', {
      vi: 'Máy chủ đang đọc nhiều tệp nhập cùng lúc. Vui lòng thử lại sau ít phút.',
      en: 'The server is reading many import files at once. Please try again in a few minutes.',
    });
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
}

function release(): void {
  running--;
  waiting.shift()?.();
}

const damaged = () =>
  new AppError('unsupported_media_type', {
    vi: 'Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng.',
    en: 'The Excel file (.xlsx) could not be read: it is damaged or in another format.',
  });

/** Parses the workbook off the request thread; the sheets come back as plain values. */
export async function parseInWorker(buffer: Buffer): Promise<SheetData[]> {
  await acquire();
  try {
    return await runWorker(buffer);
  } finally {
    release();
  }
}

function runWorker(buffer: Buffer): Promise<SheetData[]> {
  const bytes = new Uint8Array(buffer); // a copy the worker owns (an upload's buffer may be a slice of a pool)
  const input: WorkerInput = { bytes, maxRows: SPREADSHEET_LIMITS.rows, maxColumns: SPREADSHEET_LIMITS.columns };
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = new Worker(workerFile(), {
      workerData: input,
      transferList: [bytes.buffer],
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: PARSE_LIMITS.heapMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
    });
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new AppError(
              'spreadsheet_too_large',
              {
                vi: `Đọc bảng tính mất quá ${PARSE_LIMITS.seconds} giây; hãy chia tệp thành nhiều tệp nhỏ hơn.`,
                en: `Reading the spreadsheet took more than ${PARSE_LIMITS.seconds} seconds; split it into smaller files.`,
              },
              { details: { limit: 'parseSeconds', max: PARSE_LIMITS.seconds } },
            ),
          ),
        ),
      PARSE_LIMITS.seconds * 1000,
    );
    const sheets: SheetData[] = [];
    worker.on('message', (out: WorkerOutput) => {
      if (out.kind === 'sheet') sheets.push({ name: out.name, rowCount: out.rowCount, rows: [] });
      else if (out.kind === 'rows') {
        const rows = sheets.at(-1)!.rows;
        for (let k = 0; k < out.rows.length; k++) rows[out.start - 1 + k] = out.rows[k]!;
      } else if (out.kind === 'done') settle(() => resolve(sheets));
      else if (out.kind === 'limit') settle(() => reject(limitError(out.limit, out.max, out.found)));
      else settle(() => reject(damaged()));
    });
    worker.on('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError(
                'spreadsheet_too_large',
                {
                  vi: `Đọc bảng tính cần quá ${PARSE_LIMITS.heapMb} MB bộ nhớ; hãy chia tệp thành nhiều tệp nhỏ hơn.`,
                  en: `Reading the spreadsheet needs more than ${PARSE_LIMITS.heapMb} MB of memory; split it into smaller files.`,
                },
                { details: { limit: 'parseHeapMb', max: PARSE_LIMITS.heapMb } },
              )
            : err,
        ),
      ),
    );
    worker.on('exit', (code) => settle(() => reject(new Error(`xlsx worker exited with code ${code} before answering`))));
  });
}
