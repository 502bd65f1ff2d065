import { writeXlsx, type XlsxBytes } from '../../lib/safe-export';
import { excel } from '../../lib/xlsx';
import type { Ctx } from '../../lib/context';
import { exportRows } from './service';

const T = {
  vi: {
    sheet: 'Đề xuất khen thưởng',
    title: (year: number) => `DANH SÁCH ĐỀ XUẤT KHEN THƯỞNG CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM ${year}`,
    subtitle: 'Căn cứ kết quả Chỉ số CCHC đã công bố và các sáng kiến được phê duyệt',
    cols: ['STT', 'Hình thức', 'Cơ quan, đơn vị', 'Nhóm', 'Sáng kiến', 'Tác giả', 'Căn cứ đề xuất', 'Trạng thái'],
    kind: { agency: 'Tập thể (kết quả Chỉ số)', initiative: 'Sáng kiến' },
    status: { proposed: 'Đề xuất', approved: 'Đồng ý', rejected: 'Không đồng ý' },
  },
  en: {
    sheet: 'Commendation proposals',
    title: (year: number) => `COMMENDATION PROPOSALS FOR PAR WORK, ${year}`,
    subtitle: 'From the published PAR Index results and the approved initiatives',
    cols: ['No.', 'Kind', 'Agency', 'Group', 'Initiative', 'Authors', 'Basis', 'Status'],
    kind: { agency: 'Agency (index result)', initiative: 'Initiative' },
    status: { proposed: 'Proposed', approved: 'Approved', rejected: 'Rejected' },
  },
} as const;

/** The year's commendation proposals as .xlsx (A4 landscape) for the yearly review. */
export async function commendationsXlsx(ctx: Ctx, year: number): Promise<{ buffer: XlsxBytes; filename: string }> {
  const items = await exportRows(ctx, year);
  const t = T[ctx.lang];
  const wb = new (await excel()).Workbook();
  wb.creator = 'ParIndex';
  const ws = wb.addWorksheet(t.sheet, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const widths = [6, 20, 34, 10, 34, 24, 60, 14];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  [t.title(year), t.subtitle].forEach((line, i) => {
    const row = ws.addRow([line]);
    ws.mergeCells(row.number, 1, row.number, widths.length);
    row.font = { bold: i === 0, size: i === 0 ? 13 : 11, italic: i === 1 };
    row.alignment = { horizontal: 'center', wrapText: true };
  });
  ws.addRow([]);
  const header = ws.addRow([...t.cols]);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });
  ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  items.forEach((c, i) => {
    const row = ws.addRow([
      i + 1,
      t.kind[c.kind],
      ctx.lang === 'en' ? c.agency.nameEn || c.agency.nameVi : c.agency.nameVi,
      c.agency.groupCode,
      c.initiative?.title ?? '',
      c.initiative?.authors ?? '',
      ctx.lang === 'en' ? c.basisEn || c.basisVi : c.basisVi,
      t.status[c.status],
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  });
  return { buffer: await writeXlsx(wb), filename: `de-xuat-khen-thuong-${year}.xlsx` };
}
