/**
 * Limits of uploaded files and imports, in one place: the server checks every file against them before it is
 * parsed (src/server/lib/xlsx-inspect.ts), the browser may show them next to an upload button, and
 * docs/operations.md lists them. A refused file gets a 4xx whose `details` name the limit (`limit`), its value
 * (`max`) and, where known, what the file holds (`found`).
 */

const MiB = 1024 * 1024;

/** Largest upload per kind of import, in bytes (evidence documents use UPLOAD_MAX_BYTES, 20 MiB by default). */
export const UPLOAD_LIMITS = {
  /** Agencies, users, task plans, survey points, historical results (.xlsx). */
  import: 5 * MiB,
  /** Paper survey results and framework workbooks (.xlsx). */
  largeImport: 10 * MiB,
  /** A framework as JSON (the export format: a whole framework is well under 1 MiB). */
  frameworkJson: 2 * MiB,
} as const;

/** What a workbook (.xlsx: a zip of XML parts) may hold; checked on the zip and on the inflated XML. */
export const SPREADSHEET_LIMITS = {
  /** Entries in the zip (a workbook from Excel or LibreOffice holds a few dozen). */
  zipEntries: 1000,
  /** All entries inflated, counted while inflating (declared sizes are not trusted). */
  uncompressedBytes: 128 * MiB,
  /** Inflated size over compressed size of one entry above 1 MiB; real sheets stay below ~50. */
  compressionRatio: 200,
  /** Rows of one sheet (the highest row number). */
  rows: 50_000,
  /** Columns of one sheet (the highest column number; 256 = column IV). */
  columns: 256,
  /** Cells in the whole workbook. */
  cells: 1_000_000,
  /** Entries of the shared string table (distinct texts: 50,000 rows of 4 distinct text columns fit; counting them stays well under a second). */
  sharedStrings: 200_000,
  /** Nesting depth of any XML part (Excel's deepest parts nest about a dozen levels). */
  xmlDepth: 64,
} as const;

/** The parse of an accepted workbook runs in a worker thread with these bounds. */
export const PARSE_LIMITS = {
  /** Heap of the parsing worker. */
  heapMb: 1024,
  /** Wall time of one parse. */
  seconds: 30,
  /** Parses at once per server process; more wait in line. */
  concurrent: 2,
  /** Imports waiting for a parse slot before the server answers 503. */
  queued: 8,
} as const;

export type SpreadsheetLimit = keyof typeof SPREADSHEET_LIMITS;
