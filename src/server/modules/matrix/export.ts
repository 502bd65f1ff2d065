/**
 * The leaf matrix as .xlsx (docs/reports.md, "Leaf matrix"): one sheet, agencies down, leaves across with one
 * sub-column per visible stage (self, appraisal 1, final), headers and the agency columns frozen, appraisal cells
 * that change the value before them filled amber, N/A as text. Written with exceljs's streaming WorkbookWriter:
 * rows are flushed to the response as they are written, so a nation-sized group never sits in memory as a workbook.
 * The generic table export stops at 100 columns; 120 leaves × 3 stages need this one.
 */
import type ExcelJS from 'exceljs';
import { stageDifferences } from '../../../core/domain/matrix';
import type { Lang } from '../../../core/errors';
import { type LeafMatrix, MATRIX_STAGES, type MatrixStage } from '../../../core/schemas/matrix';
import { type XlsxStream, xlsxStream } from '../../lib/safe-export';
import { vnDate } from '../reports/format';

const FONT = { name: 'Calibri', size: 10 };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const DIFF_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE699' } };
const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const TEXT_STYLE: Partial<ExcelJS.Style> = { font: FONT, border: BORDER };
const POINTS_STYLE: Partial<ExcelJS.Style> = { font: FONT, border: BORDER, numFmt: '0.00##' };
const DIFF_STYLE: Partial<ExcelJS.Style> = { ...POINTS_STYLE, fill: DIFF_FILL };
/** Rows written between two turns of the event loop. */
const YIELD_EVERY = 50;
/** The first data row (after title, subtitle, blank, two header rows). */
export const MATRIX_FIRST_ROW = 6;
/** Columns before the leaves: number, agency code, agency name. */
export const MATRIX_FIXED_COLUMNS = 3;

const STAGE_LABEL: Record<Lang, Record<MatrixStage, string>> = {
  vi: { self: 'Tự chấm', appraisal1: 'TĐ lần 1', final: 'Cuối cùng' },
  en: { self: 'Self', appraisal1: 'Appraisal 1', final: 'Final' },
};
export const NA_TEXT: Record<Lang, string> = { vi: 'KAD', en: 'N/A' };

/** The file name of a group's matrix, e.g. "Ma-tran-diem-SO-2019.xlsx". */
export function matrixFilename(m: LeafMatrix, lang: Lang): string {
  return `${lang === 'vi' ? 'Ma-tran-diem' : 'Leaf-matrix'}-${m.group.code}-${m.year}.xlsx`;
}

/** The matrix as an .xlsx stream (through safe-export's streaming writer: every text cell neutralised). */
export function matrixXlsx(m: LeafMatrix, lang: Lang, generatedAt: Date): XlsxStream {
  return xlsxStream(async (wb) => writeMatrixSheet(wb, m, lang, generatedAt));
}

async function writeMatrixSheet(wb: Parameters<Parameters<typeof xlsxStream>[0]>[0], m: LeafMatrix, lang: Lang, generatedAt: Date): Promise<void> {
  const stages = MATRIX_STAGES.filter((s) => m.stages.includes(s));
  const per = stages.length;
  const width = MATRIX_FIXED_COLUMNS + m.leaves.length * per;
  const ws = wb.addWorksheet(`${m.group.code} ${m.year}`, {
    views: [{ state: 'frozen', xSplit: MATRIX_FIXED_COLUMNS, ySplit: MATRIX_FIRST_ROW - 1, topLeftCell: `D${MATRIX_FIRST_ROW}`, activeCell: `D${MATRIX_FIRST_ROW}` }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 0, fitToHeight: 0, printTitlesRow: `4:5` },
  });
  ws.columns = [{ width: 5 }, { width: 10 }, { width: 36 }, ...Array.from({ length: width - MATRIX_FIXED_COLUMNS }, () => ({ width: 8 }))];

  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'vi' ? x.nameVi : x.nameEn || x.nameVi);
  const when = vnDate(generatedAt);
  const title =
    lang === 'vi' ? `MA TRẬN ĐIỂM TIÊU CHÍ THÀNH PHẦN: ${name(m.group).toUpperCase()} NĂM ${m.year}` : `LEAF MATRIX: ${name(m.group).toUpperCase()}, ${m.year}`;
  const status = m.periodPhase === 'published' ? (lang === 'vi' ? 'đã công bố' : 'published') : lang === 'vi' ? 'chưa công bố (tạm tính)' : 'not published (provisional)';
  const subtitle =
    lang === 'vi'
      ? `${name(m.framework)}; ${status}; ${m.rows.length} cơ quan × ${m.leaves.length} tiêu chí thành phần. KAD: không áp dụng; ô tô vàng: điểm thẩm định khác điểm trước đó. Xuất ngày ${String(when.d).padStart(2, '0')}/${String(when.m).padStart(2, '0')}/${when.y}.`
      : `${name(m.framework)}; ${status}; ${m.rows.length} agencies × ${m.leaves.length} leaves. N/A: not applicable; amber: the appraisal changed the value before it. Exported ${when.y}-${String(when.m).padStart(2, '0')}-${String(when.d).padStart(2, '0')}.`;
  const textRow = (text: string, font: Partial<ExcelJS.Font>) => {
    const row = ws.addRow([text]);
    row.getCell(1).font = font;
    row.commit();
  };
  textRow(title, { ...FONT, size: 13, bold: true });
  textRow(subtitle, { ...FONT, italic: true });
  ws.addRow([]).commit();

  // Two header rows: the leaf (merged over its stages) and the stage.
  const head1: (string | null)[] = [lang === 'vi' ? 'STT' : 'No.', lang === 'vi' ? 'Mã' : 'Code', lang === 'vi' ? 'Cơ quan, đơn vị' : 'Agency'];
  const head2: (string | null)[] = [null, null, null];
  for (const leaf of m.leaves) {
    head1.push(`${leaf.code} (${lang === 'vi' ? 'tối đa' : 'max'} ${leaf.maxPoints})`);
    for (let s = 1; s < per; s++) head1.push(null);
    for (const s of stages) head2.push(STAGE_LABEL[lang][s]);
  }
  const heads = [head1, head2].map((values) => {
    const row = ws.addRow(values);
    row.height = 28;
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cell.font = { ...FONT, bold: true };
      cell.fill = HEAD_FILL;
      cell.border = BORDER;
      cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    }
    return row;
  });
  // The streaming writer merges only rows not yet committed.
  for (let c = 1; c <= MATRIX_FIXED_COLUMNS; c++) ws.mergeCells(4, c, 5, c);
  if (per > 1) m.leaves.forEach((_, i) => ws.mergeCells(4, MATRIX_FIXED_COLUMNS + 1 + i * per, 4, MATRIX_FIXED_COLUMNS + (i + 1) * per));
  for (const row of heads) row.commit();

  const stageAt = stages.map((s) => MATRIX_STAGES.indexOf(s));
  const na = NA_TEXT[lang];
  let n = 0;
  for (const r of m.rows) {
    if (++n % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const values: (string | number | null)[] = [n, r.code, name(r)];
    const diff: boolean[] = [];
    for (let i = 0; i < m.leaves.length; i++) {
      const base = i * 3;
      const self = r.cells[base]!;
      const a1 = r.cells[base + 1]!;
      const fin = r.cells[base + 2]!;
      const d = stageDifferences(self, a1, fin);
      for (const k of stageAt) {
        const v = r.cells[base + k]!;
        values.push(v === null ? null : v === 'na' ? na : Number(v));
        diff.push(k === 1 ? d.appraisal1 : k === 2 ? d.final : false);
      }
    }
    const row = ws.addRow(values);
    // One shared style object per kind of cell: exceljs caches a style's id by object, so 100 000 cells cost three
    // style look-ups instead of 100 000 (a fresh object per cell made the export four times slower).
    for (let c = 1; c <= width; c++) row.getCell(c).style = c <= MATRIX_FIXED_COLUMNS ? TEXT_STYLE : diff[c - MATRIX_FIXED_COLUMNS - 1] ? DIFF_STYLE : POINTS_STYLE;
    row.commit();
  }
  ws.commit();
}
