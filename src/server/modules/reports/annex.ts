/**
 * The province's results annex (.xlsx), laid out like the annex of the provincial decision that publishes the
 * PAR Index: a title block citing the decision, then one row per agency in rank order (STT, agency, component index
 * of every field, total points, index, rank, class, rank change ▲/▼), numbers stored as numbers with their formats;
 * A4 landscape, fit to the page width, header rows repeated on every page, frozen header, page numbers in the footer.
 * One sheet per agency group.
 */
import type ExcelJS from 'exceljs';
import type { Lang } from '../../../core/errors';
import type { GroupResults } from '../../../core/schemas/results';
import { writeXlsx, type XlsxBytes } from '../../lib/safe-export';
import { excel, columnLetter } from '../../lib/xlsx';
import { committeeName, lowerFirst, shortDate } from './format';

export interface AnnexInput {
  year: number;
  province: { nameVi: string; nameEn: string };
  decisionNumber: string;
  decisionDate: string | null;
  revision: number;
  contentHash: string;
  groups: GroupResults[];
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];

const L = {
  vi: {
    annex: (n: string) => (n ? `Phụ lục ${n}` : 'Phụ lục'),
    title: (year: number, group: string) => `KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${year} CỦA CÁC ${group.toUpperCase()}`,
    attached: (n: string, date: string | null, committee: string) => `(Kèm theo Quyết định số ${n}${date ? ` ngày ${date}` : ''} của ${committee})`,
    published: (date: string | null, committee: string) => `(Kết quả do ${committee} công bố${date ? ` ngày ${date}` : ''})`,
    no: 'STT',
    agency: 'Cơ quan, đơn vị',
    components: 'Chỉ số thành phần (%)',
    field: (code: string, name: string) => `${code}. ${name}`,
    points: 'Tổng điểm đạt',
    index: 'Chỉ số CCHC (%)',
    rank: 'Xếp hạng',
    cls: 'Xếp loại',
    change: (prev: number) => `Tăng (▲)/giảm (▼) bậc so với năm ${prev}`,
    tied: 'đồng hạng',
    note: (rev: number, hash: string) =>
      `Ghi chú: chỉ số tính bằng %, làm tròn 2 chữ số thập phân; cơ quan có chỉ số bằng nhau được xếp đồng hạng. Kết quả công bố phiên bản ${rev}, mã kiểm tra SHA-256: ${hash}.`,
    page: 'Trang &P/&N',
    header: (year: number, group: string) => `Chỉ số CCHC năm ${year} — ${group}`,
  },
  en: {
    annex: (n: string) => (n ? `Annex ${n}` : 'Annex'),
    title: (year: number, group: string) => `${year} PAR INDEX RESULTS OF ${group.toUpperCase()}`,
    attached: (n: string, date: string | null, committee: string) => `(Attached to Decision No. ${n}${date ? ` of ${date}` : ''} of ${committee})`,
    published: (date: string | null, committee: string) => `(Results published by ${committee}${date ? ` on ${date}` : ''})`,
    no: 'No.',
    agency: 'Agency',
    components: 'Component indices (%)',
    field: (code: string, name: string) => `${code}. ${name}`,
    points: 'Total points',
    index: 'PAR Index (%)',
    rank: 'Rank',
    cls: 'Class',
    change: (prev: number) => `Rank change (▲ up / ▼ down) since ${prev}`,
    tied: 'tied',
    note: (rev: number, hash: string) => `Note: indices in %, rounded to 2 decimals; equal indices share a rank. Published revision ${rev}, SHA-256: ${hash}.`,
    page: 'Page &P of &N',
    header: (year: number, group: string) => `PAR Index ${year} — ${group}`,
  },
} as const;

const FONT = 'Times New Roman';
const THIN: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
/** Rank change as a number: ▲3 (climbed, blue), ▼9 (fell, red), – (unchanged); the cell keeps the signed number. Blue and red render alike in Excel and LibreOffice. */
export const CHANGE_FORMAT = '[Blue]"▲"0;[Red]"▼"0;"–"';

/** A valid, unique worksheet name (≤ 31 characters, none of : \ / ? * [ ] '). */
export function sheetNameOf(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]']/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Rows of text a header cell needs at this column width (for an explicit row height). */
const linesFor = (text: string, width: number) => Math.max(1, Math.ceil((text.length * 1.1) / Math.max(4, width - 1)));

/** Lines a wrapped cell takes when words move whole to the next line (a character is ~1.1 width units in 11 pt). */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(4, (width - 1) / 1.1);
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const need = used === 0 ? word.length : used + 1 + word.length;
    if (need <= room) used = need;
    else {
      lines += used === 0 ? 0 : 1;
      used = word.length;
      while (used > room) {
        lines++;
        used -= room;
      }
    }
  }
  return lines;
}

function addGroupSheet(wb: ExcelJS.Workbook, input: AnnexInput, g: GroupResults, annexNo: string, lang: Lang, taken: Set<string>) {
  const t = L[lang];
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'en' ? x.nameEn || x.nameVi : x.nameVi);
  const groupName = name(g.group);
  const fields = g.fields;
  const nCols = 2 + fields.length + 5;
  const col = { no: 1, agency: 2, field0: 3, points: 3 + fields.length, index: 4 + fields.length, rank: 5 + fields.length, cls: 6 + fields.length, change: 7 + fields.length };
  const ws = wb.addWorksheet(sheetNameOf(groupName, taken), {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '5:6',
    },
    headerFooter: {
      oddHeader: `&R&"${FONT},Italic"&9${t.header(input.year, groupName).replace(/&/g, '&&')}`,
      oddFooter: `&C&"${FONT},Regular"&10${t.page}`,
    },
    views: [{ state: 'frozen', xSplit: 2, ySplit: 6, topLeftCell: 'C7', activeCell: 'C7' }],
    properties: { defaultRowHeight: 16 },
  });
  // The agency column fits the longest name on at most two lines; names still wrap (never spill into the next cell).
  const longestName = Math.max(0, ...g.agencies.map((a) => name(a).length));
  const agencyWidth = Math.min(56, Math.max(36, Math.ceil((longestName * 1.1) / 2) + 2));
  const widths = [6, agencyWidth, ...fields.map(() => 11), 10, 10, 8, 12, 12];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const last = columnLetter(nCols);

  // Title block.
  const committee = committeeName(input.province, lang);
  const date = shortDate(input.decisionDate, lang);
  const titles: [string, Partial<ExcelJS.Font>, number][] = [
    [t.annex(annexNo), { name: FONT, size: 13, bold: true }, 20],
    [t.title(input.year, lang === 'vi' ? lowerFirst(groupName) : groupName), { name: FONT, size: 14, bold: true }, 22],
    [input.decisionNumber ? t.attached(input.decisionNumber, date, committee) : t.published(date, committee), { name: FONT, size: 13, italic: true }, 20],
  ];
  titles.forEach(([text, font, height], i) => {
    const r = i + 1;
    ws.mergeCells(`A${r}:${last}${r}`);
    const cell = ws.getCell(`A${r}`);
    cell.value = text;
    cell.font = font;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    ws.getRow(r).height = height;
  });
  ws.getRow(4).height = 8;

  // Two header rows: the field columns under "Component indices", the others merged vertically.
  const head = (c: number, text: string, merge: boolean) => {
    const cell = ws.getCell(5, c);
    cell.value = text;
    if (merge) ws.mergeCells(5, c, 6, c);
  };
  head(col.no, t.no, true);
  head(col.agency, t.agency, true);
  if (fields.length) {
    ws.getCell(5, col.field0).value = t.components;
    if (fields.length > 1) ws.mergeCells(5, col.field0, 5, col.field0 + fields.length - 1);
    fields.forEach((f, i) => (ws.getCell(6, col.field0 + i).value = t.field(f.code, name(f))));
  }
  head(col.points, t.points, true);
  head(col.index, t.index, true);
  head(col.rank, t.rank, true);
  head(col.cls, t.cls, true);
  head(col.change, t.change(input.year - 1), true);
  const fieldLines = Math.max(1, ...fields.map((f, i) => linesFor(t.field(f.code, name(f)), widths[col.field0 - 1 + i]!)));
  const otherLines = Math.max(...[t.points, t.index, t.change(input.year - 1)].map((s) => linesFor(s, 10)));
  ws.getRow(5).height = 18;
  ws.getRow(6).height = Math.max(15 * fieldLines, 15 * otherLines - 18, 18);
  for (const r of [5, 6]) {
    for (let c = 1; c <= nCols; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { name: FONT, size: 11, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = THIN;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    }
  }

  // One row per agency in rank order.
  const rows = [...g.agencies].sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
  const num = (s: string | null) => (s === null || s === '' ? null : Number(s));
  const bodyFont = { name: FONT, size: 11 };
  rows.forEach((a, i) => {
    const values: ExcelJS.CellValue[] = [i + 1, name(a)];
    for (const f of fields) values.push(num(a.components.find((c) => c.code === f.code)?.index ?? null));
    values.push(num(a.totalPoints), num(a.totalIndex), a.rank, a.classification ? (lang === 'en' ? a.classification.labelEn || a.classification.labelVi : a.classification.labelVi) : null, a.rankChange);
    const row = ws.addRow(values);
    for (let c = 1; c <= nCols; c++) {
      const cell = row.getCell(c);
      cell.border = THIN;
      cell.font = c === col.index ? { ...bodyFont, bold: true } : bodyFont;
      if (c === col.no || c === col.rank) {
        cell.numFmt = '0';
        cell.alignment = { horizontal: 'center', vertical: 'middle' };
      } else if (c === col.agency) {
        cell.alignment = { vertical: 'middle', wrapText: true };
      } else if (c === col.cls) {
        cell.alignment = { horizontal: 'center', vertical: 'middle' };
      } else if (c === col.change) {
        cell.numFmt = CHANGE_FORMAT;
        cell.alignment = { horizontal: 'center', vertical: 'middle' };
      } else {
        cell.numFmt = c === col.points ? '0.00##' : '0.00';
        cell.alignment = { horizontal: 'right', vertical: 'middle' };
      }
    }
    // Wrapped names need a row as tall as their lines: Excel and LibreOffice keep the default height of a written row.
    row.height = Math.max(16, wrappedLines(name(a), agencyWidth) * 15);
    if (a.tied) ws.getCell(row.number, col.rank).note = t.tied;
  });

  const noteRow = ws.addRow([]);
  ws.mergeCells(noteRow.number + 1, 1, noteRow.number + 1, nCols);
  const note = ws.getCell(noteRow.number + 1, 1);
  note.value = t.note(input.revision, input.contentHash);
  note.font = { name: FONT, size: 10, italic: true };
  note.alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(noteRow.number + 1).height = Math.max(30, linesFor(String(note.value), widths.reduce((x, w) => x + w, 0)) * 14);
}

/** The .xlsx bytes of the annex for the given groups (one sheet each). */
export async function buildAnnex(input: AnnexInput, lang: Lang): Promise<XlsxBytes> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'ParIndex';
  const taken = new Set<string>();
  input.groups.forEach((g, i) => addGroupSheet(wb, input, g, input.groups.length > 1 ? (ROMAN[i] ?? String(i + 1)) : '', lang, taken));
  return writeXlsx(wb);
}
