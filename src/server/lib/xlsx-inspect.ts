import zlib from 'node:zlib';
import { AppError, type Bilingual } from '../../core/errors';
import { SPREADSHEET_LIMITS, type SpreadsheetLimit } from '../../core/schemas/limits';

/**
 * The pre-parse inspection of an .xlsx: reads the zip's central directory (entry count, declared sizes, ratio),
 * then inflates every entry as a stream, counting the inflated bytes (declared sizes are not trusted) and running
 * a byte-level XML scanner over the XML parts: nesting depth, rows, columns and cells of the sheets (merged and
 * validated ranges count their area, because the parser expands them cell by cell), shared strings. It stops at
 * the first limit crossed and throws `spreadsheet_too_large` naming it; nothing is built in memory, so a bomb
 * costs at most the bytes inflated up to its limit, in small chunks that leave the event loop free.
 */

export type Limits = { readonly [K in SpreadsheetLimit]: number };

export interface XlsxStats {
  entries: number;
  uncompressedBytes: number;
  sheets: { name: string; rows: number; columns: number }[];
  cells: number;
  sharedStrings: number;
  maxDepth: number;
}

const MiB = 1024 * 1024;
const RATIO_FLOOR = MiB;
const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_COLUMNS = 16_384;

function fmt(n: number, lang: 'vi' | 'en'): string {
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');
}

const LIMIT_TEXT: Record<SpreadsheetLimit, (max: string) => string[]> = {
  zipEntries: (m) => [`Tệp .xlsx có quá nhiều thành phần (tối đa ${m}).`, `The .xlsx file holds too many parts (at most ${m}).`],
  uncompressedBytes: (m) => [`Bảng tính sau khi giải nén quá lớn (tối đa ${m} MiB).`, `The spreadsheet is too large once uncompressed (at most ${m} MiB).`],
  compressionRatio: (m) => [
    `Tệp bị nén bất thường (tỉ lệ nén vượt ${m} lần), có dấu hiệu là tệp độc hại.`,
    `The file is compressed abnormally (a ratio above ${m} to 1), as a zip bomb is.`,
  ],
  rows: (m) => [`Trang tính có quá nhiều dòng (tối đa ${m} dòng).`, `A sheet has too many rows (at most ${m}).`],
  columns: (m) => [`Trang tính có quá nhiều cột (tối đa ${m} cột).`, `A sheet has too many columns (at most ${m}).`],
  cells: (m) => [
    `Bảng tính có quá nhiều ô, kể cả ô gộp và vùng kiểm tra dữ liệu (tối đa ${m} ô).`,
    `The spreadsheet has too many cells, merged and validated ranges included (at most ${m}).`,
  ],
  sharedStrings: (m) => [`Bảng tính có quá nhiều chuỗi văn bản dùng chung (tối đa ${m}).`, `The spreadsheet has too many shared strings (at most ${m}).`],
  xmlDepth: (m) => [`Cấu trúc XML của bảng tính lồng quá sâu (tối đa ${m} cấp).`, `The spreadsheet's XML is nested too deeply (at most ${m} levels).`],
};

/** `spreadsheet_too_large` naming the limit crossed, its value and what the file holds (when known). */
export function limitError(limit: SpreadsheetLimit, max: number, found?: number): AppError {
  const shown = limit === 'uncompressedBytes' ? Math.round(max / MiB) : max;
  const [vi, en] = [LIMIT_TEXT[limit](fmt(shown, 'vi'))[0]!, LIMIT_TEXT[limit](fmt(shown, 'en'))[1]!];
  return new AppError('spreadsheet_too_large', { vi, en }, { details: { limit, max, ...(found !== undefined ? { found } : {}) } });
}

function damaged(reason: Bilingual): AppError {
  return new AppError('unsupported_media_type', {
    vi: `Không đọc được tệp Excel (.xlsx): ${reason.vi}`,
    en: `The Excel file (.xlsx) could not be read: ${reason.en}`,
  });
}

const NOT_ZIP = damaged({ vi: 'tệp hỏng hoặc sai định dạng.', en: 'it is damaged or in another format.' });

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The entries of the zip's central directory, checked against the count, declared size and ratio limits. */
function readCentralDirectory(buf: Buffer, limits: Limits): Entry[] {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw NOT_ZIP;
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    // ZIP64: only needed past 65,535 entries or 4 GiB, both far beyond what an import may hold.
    throw limitError('zipEntries', limits.zipEntries);
  }
  if (count > limits.zipEntries) throw limitError('zipEntries', limits.zipEntries, count);
  if (cdOffset + cdSize > buf.length) throw NOT_ZIP;
  const entries: Entry[] = [];
  let declared = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw NOT_ZIP;
    const nameLen = buf.readUInt16LE(p + 28);
    const e: Entry = {
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, Math.min(buf.length, p + 46 + nameLen)),
    };
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    declared += e.size;
    if (declared > limits.uncompressedBytes) throw limitError('uncompressedBytes', limits.uncompressedBytes, declared);
    if (e.size > RATIO_FLOOR && e.size > limits.compressionRatio * Math.max(1, e.compressedSize)) {
      throw limitError('compressionRatio', limits.compressionRatio, Math.floor(e.size / Math.max(1, e.compressedSize)));
    }
    entries.push(e);
  }
  return entries;
}

/** The area of a cell reference or range ("B2", "A1:C10", "A:A", "3:5"), in cells. */
export function rangeArea(ref: string): number {
  let total = 0;
  for (const part of ref.trim().split(/\s+/)) {
    if (!part) continue;
    const [a, b = a] = part.split(':') as [string, string?];
    const pa = parseRef(a);
    const pb = parseRef(b);
    if (!pa || !pb) continue;
    const rows = pa.row && pb.row ? Math.abs(pb.row - pa.row) + 1 : EXCEL_MAX_ROWS;
    const cols = pa.col && pb.col ? Math.abs(pb.col - pa.col) + 1 : EXCEL_MAX_COLUMNS;
    total += rows * cols;
  }
  return total;
}

function parseRef(s: string): { col: number; row: number } | null {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d{0,7})$/.exec(s);
  if (!m) return null;
  return { col: columnNumber(m[1]!), row: m[2] ? Number(m[2]) : 0 };
}

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 0x20) - 96);
  return n;
}

// Scanner states.
const TEXT = 0;
const LT = 1;
const OPEN_NAME = 2;
const ATTRS = 3;
const QUOTE = 4;
const CLOSE = 5;
const PI = 6;
const BANG = 7;
const COMMENT = 8;
const CDATA = 9;

type PartKind = 'sheet' | 'sharedStrings' | 'other';

/** Which attribute to capture per element of interest (local names). */
const CAPTURE: Record<string, string> = { row: 'r', c: 'r', mergeCell: 'ref', dataValidation: 'sqref' };

/**
 * A byte-level XML tokenizer keeping just enough state across chunks to count elements, their depth and the one
 * attribute of interest. UTF-8 multibyte sequences never contain the ASCII bytes it looks at.
 */
class XmlScanner {
  private state = TEXT;
  private depth = 0;
  /** The captured attribute value: text from earlier chunks, and where it starts in this one. */
  private name = '';
  private attr = '';
  private inAttr = false;
  private value = '';
  private valueStart = -1;
  private selfClose = false;
  private quote = 0;
  private capturing = false;
  private captured: string | null = null;
  private bang = '';
  private p1 = 0;
  private p2 = 0;
  private lastRow = 0;
  private col = 0;
  rows = 0;
  maxRow = 0;
  maxCol = 0;

  constructor(
    private readonly kind: PartKind,
    private readonly limits: Limits,
    private readonly totals: { cells: number; sharedStrings: number; maxDepth: number },
  ) {}

  write(chunk: Buffer): void {
    const n = chunk.length;
    let state = this.state;
    if (this.valueStart >= 0) this.valueStart = 0;
    let i = 0;
    while (i < n) {
      const c = chunk[i]!;
      switch (state) {
        case TEXT: {
          // Text between tags is skipped wholesale.
          const lt = chunk.indexOf(0x3c, i);
          if (lt < 0) {
            i = n;
            continue;
          }
          i = lt;
          state = LT;
          break;
        }
        case LT:
          if (c === 0x2f) state = CLOSE;
          else if (c === 0x3f) state = PI;
          else if (c === 0x21) {
            state = BANG;
            this.bang = '';
          } else {
            state = OPEN_NAME;
            this.name = String.fromCharCode(c);
            this.selfClose = false;
            this.captured = null;
          }
          break;
        case OPEN_NAME:
          if (c === 0x3e || c === 0x2f || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
            if (c === 0x3e) {
              this.openTag();
              state = TEXT;
            } else {
              if (c === 0x2f) this.selfClose = true;
              state = ATTRS;
            }
          } else if (this.name.length < 40) this.name += String.fromCharCode(c);
          break;
        case ATTRS:
          if (c === 0x3d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x2f || c === 0x3e) this.inAttr = false;
          if (c === 0x3e) {
            this.openTag();
            state = TEXT;
          } else if (c === 0x22 || c === 0x27) {
            this.quote = c;
            this.capturing = CAPTURE[localName(this.name)] === localName(this.attr);
            this.value = '';
            this.valueStart = i + 1;
            this.inAttr = false;
            state = QUOTE;
          } else if (c === 0x2f) this.selfClose = true;
          else if (c !== 0x3d && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
            this.selfClose = false;
            if (!this.inAttr) {
              this.attr = String.fromCharCode(c);
              this.inAttr = true;
            } else if (this.attr.length < 40) this.attr += String.fromCharCode(c);
          }
          break;
        case QUOTE: {
          const end = chunk.indexOf(this.quote, i);
          if (end < 0) {
            i = n;
            continue;
          }
          if (this.capturing) this.captured = this.value + chunk.toString('latin1', this.valueStart, Math.min(end, this.valueStart + 200));
          this.valueStart = -1;
          this.attr = '';
          i = end;
          state = ATTRS;
          break;
        }
        case CLOSE: {
          const gt = chunk.indexOf(0x3e, i);
          if (gt < 0) {
            i = n;
            continue;
          }
          i = gt;
          this.depth--;
          state = TEXT;
          break;
        }
        case PI:
          if (c === 0x3e && this.p1 === 0x3f) state = TEXT;
          break;
        case BANG:
          this.bang += String.fromCharCode(c);
          if (this.bang === '--') state = COMMENT;
          else if (this.bang === '[CDATA[') state = CDATA;
          else if (!'--'.startsWith(this.bang) && !'[CDATA['.startsWith(this.bang)) {
            // A document type declaration: entities are how XML bombs grow, and no workbook part needs one.
            throw damaged({ vi: 'tệp chứa khai báo DOCTYPE.', en: 'it holds a DOCTYPE declaration.' });
          }
          break;
        case COMMENT:
          if (c === 0x3e && this.p1 === 0x2d && this.p2 === 0x2d) state = TEXT;
          break;
        case CDATA:
          if (c === 0x3e && this.p1 === 0x5d && this.p2 === 0x5d) state = TEXT;
          break;
      }
      this.p2 = this.p1;
      this.p1 = chunk[i]!;
      i++;
    }
    // Carry what is being read over to the next chunk.
    if (this.valueStart >= 0 && this.capturing && this.value.length < 200) this.value += chunk.toString('latin1', this.valueStart, Math.min(n, this.valueStart + 200));
    this.state = state;
  }

  private openTag(): void {
    const depth = this.depth + 1;
    if (depth > this.totals.maxDepth) this.totals.maxDepth = depth;
    if (depth > this.limits.xmlDepth) throw limitError('xmlDepth', this.limits.xmlDepth, depth);
    if (!this.selfClose) this.depth = depth;
    const name = localName(this.name);
    if (this.kind === 'sheet') {
      if (name === 'row') {
        const r = this.captured ? Number.parseInt(this.captured, 10) : this.lastRow + 1;
        this.lastRow = Number.isFinite(r) && r > 0 ? r : this.lastRow + 1;
        this.col = 0;
        this.rows++;
        if (this.lastRow > this.maxRow) this.maxRow = this.lastRow;
        if (this.maxRow > this.limits.rows || this.rows > this.limits.rows) {
          throw limitError('rows', this.limits.rows, Math.max(this.maxRow, this.rows));
        }
      } else if (name === 'c') {
        const ref = this.captured ? parseRef(this.captured.replace(/\d+$/, '')) : null;
        this.col = ref && ref.col > 0 ? ref.col : this.col + 1;
        if (this.col > this.maxCol) this.maxCol = this.col;
        if (this.col > this.limits.columns) throw limitError('columns', this.limits.columns, this.col);
        this.addCells(1);
      } else if ((name === 'mergeCell' || name === 'dataValidation') && this.captured) {
        this.addCells(rangeArea(this.captured));
      }
    } else if (this.kind === 'sharedStrings' && name === 'si') {
      if (++this.totals.sharedStrings > this.limits.sharedStrings) {
        throw limitError('sharedStrings', this.limits.sharedStrings, this.totals.sharedStrings);
      }
    }
  }

  private addCells(n: number): void {
    this.totals.cells += n;
    if (this.totals.cells > this.limits.cells) throw limitError('cells', this.limits.cells, this.totals.cells);
  }
}

function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

/** Inflates one deflated entry as a stream, handing each chunk to `onChunk`; stops at the first throw. */
function inflateEntry(data: Buffer, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const z = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      if (err) {
        z.destroy();
        reject(err);
      } else resolve();
    };
    z.on('data', (chunk: Buffer) => {
      if (done) return;
      try {
        onChunk(chunk);
      } catch (e) {
        finish(e);
      }
    });
    z.on('end', () => finish());
    z.on('error', () => finish(NOT_ZIP));
    z.end(data);
  });
}

function partKind(name: string): PartKind | null {
  const lower = name.toLowerCase();
  if (!/\.(xml|rels|vml)$/.test(lower)) return null;
  if (/(^|\/)worksheets\/[^/]+\.xml$/.test(lower)) return 'sheet';
  if (/(^|\/)sharedstrings\.xml$/.test(lower)) return 'sharedStrings';
  return 'other';
}

/**
 * Checks an .xlsx against the limits without parsing it; throws `unsupported_media_type` for what is not a
 * readable zip and `spreadsheet_too_large` (details: limit, max, found) for the first limit crossed.
 */
export async function inspectXlsx(buf: Buffer, limits: Limits = SPREADSHEET_LIMITS): Promise<XlsxStats> {
  if (buf.length < 30 || buf.readUInt32LE(0) !== 0x04034b50) {
    throw new AppError('unsupported_media_type', {
      vi: 'Tệp không phải là bảng tính Excel (.xlsx).',
      en: 'The file is not an Excel workbook (.xlsx).',
    });
  }
  const entries = readCentralDirectory(buf, limits);
  const totals = { cells: 0, sharedStrings: 0, maxDepth: 0 };
  const sheets: XlsxStats['sheets'] = [];
  let inflated = 0;
  for (const e of entries) {
    if (e.flags & 1) throw damaged({ vi: 'tệp được mã hóa bằng mật khẩu.', en: 'it is protected by a password.' });
    const lh = e.localOffset;
    if (lh + 30 > buf.length || buf.readUInt32LE(lh) !== 0x04034b50) throw NOT_ZIP;
    const start = lh + 30 + buf.readUInt16LE(lh + 26) + buf.readUInt16LE(lh + 28);
    if (start + e.compressedSize > buf.length) throw NOT_ZIP;
    const data = buf.subarray(start, start + e.compressedSize);
    const kind = partKind(e.name);
    const scanner = kind ? new XmlScanner(kind, limits, totals) : null;
    let entryBytes = 0;
    const onChunk = (chunk: Buffer) => {
      entryBytes += chunk.length;
      inflated += chunk.length;
      if (inflated > limits.uncompressedBytes) throw limitError('uncompressedBytes', limits.uncompressedBytes);
      // More than the directory declared: the sizes lie (the declared ones passed the limits above).
      if (entryBytes > e.size) throw damaged({ vi: 'kích thước khai báo trong tệp nén không đúng.', en: 'the sizes declared in the zip are wrong.' });
      scanner?.write(chunk);
    };
    if (e.method === 0) onChunk(data);
    else if (e.method === 8) await inflateEntry(data, onChunk);
    else throw damaged({ vi: 'phương thức nén không được hỗ trợ.', en: 'it uses an unsupported compression method.' });
    if (scanner && kind === 'sheet') sheets.push({ name: e.name, rows: scanner.maxRow, columns: scanner.maxCol });
  }
  return { entries: entries.length, uncompressedBytes: inflated, sheets, cells: totals.cells, sharedStrings: totals.sharedStrings, maxDepth: totals.maxDepth };
}
