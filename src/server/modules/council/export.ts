import { writeXlsx, type XlsxBytes } from '../../lib/safe-export';
import { excel } from '../../lib/xlsx';
import { lowerFirstWord, viDate } from '../../../core/domain/commendation';
import type { CouncilSheet } from '../../../core/schemas/council';
import type { Ctx } from '../../lib/context';
import { getSheet } from './service';

const T = {
  vi: {
    sheet: 'Hội đồng',
    leavesSheet: 'Tiêu chí phụ trách',
    title: (name: string) => `HỘI ĐỒNG ĐÁNH GIÁ CẢI CÁCH HÀNH CHÍNH NỘI BỘ — ${name.toUpperCase()}`,
    subtitle: (year: number) => `Kết quả đánh giá công tác CCHC của các phòng, bộ phận năm ${year}`,
    result: (r: NonNullable<CouncilSheet['result']>, year: number) =>
      `Chỉ số CCHC năm ${year}: ${r.totalIndex === null ? '—' : `${r.totalIndex.replace('.', ',')}%`}; xếp hạng ${r.rank}/${r.groupSize} ${lowerFirstWord(r.groupNameVi)}` +
      `${r.rankChange ? (r.rankChange > 0 ? `, tăng ${r.rankChange} bậc` : `, giảm ${-r.rankChange} bậc`) : ''}; tổng số điểm bị mất: ${r.totalLost.replace('.', ',')}`,
    noResult: (year: number) => `Kết quả Chỉ số CCHC năm ${year} chưa được công bố.`,
    recorded: (n: string, d: string | null) => `Đã ghi nhận theo quyết định/biên bản số ${n}${d ? ` ngày ${viDate(d)}` : ''}.`,
    draft: 'Bản dự thảo — hội đồng chưa ghi nhận kết quả.',
    asOf: (d: string) => `Số liệu chốt tại thời điểm ghi nhận (${viDate(d)}).`,
    cols: ['STT', 'Mã', 'Phòng, bộ phận', 'Tiêu chí phụ trách', 'Điểm bị mất', 'Tỷ lệ điểm mất (%)', 'Nhiệm vụ hoàn thành', 'Tỷ lệ hoàn thành (%)', 'Trễ hạn', 'Quá hạn', 'Điểm hội đồng', 'Xếp hạng', 'Nhận xét'],
    unassigned: 'Chưa phân công phòng phụ trách',
    leafCols: ['Mã phòng', 'Phòng, bộ phận', 'Mã tiêu chí', 'Tiêu chí thành phần', 'Điểm tối đa', 'Điểm đạt', 'Điểm bị mất'],
    inactive: ' (ngừng hoạt động)',
  },
  en: {
    sheet: 'Council',
    leavesSheet: 'Leaves',
    title: (name: string) => `INTERNAL PAR COUNCIL — ${name.toUpperCase()}`,
    subtitle: (year: number) => `Evaluation of the divisions' PAR work, ${year}`,
    result: (r: NonNullable<CouncilSheet['result']>, year: number) =>
      `PAR Index ${year}: ${r.totalIndex === null ? '—' : `${r.totalIndex}%`}; ranked ${r.rank}/${r.groupSize} ${r.groupNameEn || r.groupNameVi}` +
      `${r.rankChange ? (r.rankChange > 0 ? `, up ${r.rankChange}` : `, down ${-r.rankChange}`) : ''}; points lost: ${r.totalLost}`,
    noResult: (year: number) => `The ${year} PAR Index results are not published yet.`,
    recorded: (n: string, d: string | null) => `Recorded by decision/minutes no. ${n}${d ? ` of ${d}` : ''}.`,
    draft: 'Draft — the council has not recorded its result.',
    asOf: (d: string) => `Facts as frozen at recording (${d.slice(0, 10)}).`,
    cols: ['No.', 'Code', 'Division', 'Leaves answered for', 'Points lost', 'Share of points lost (%)', 'Tasks done', 'Completion (%)', 'Late', 'Overdue', 'Council score', 'Rank', 'Comment'],
    unassigned: 'No division assigned',
    leafCols: ['Division code', 'Division', 'Leaf code', 'Leaf', 'Maximum', 'Points', 'Points lost'],
    inactive: ' (inactive)',
  },
} as const;

const num = (s: string | null) => (s === null ? null : Number(s));

/** The council sheet as .xlsx (A4 landscape): one row per division, ranked, then the leaves each answers for. */
export async function councilXlsx(ctx: Ctx, agencyId: number, periodId: number): Promise<{ buffer: XlsxBytes; filename: string }> {
  const sheet = await getSheet(ctx, agencyId, periodId);
  const t = T[ctx.lang];
  const name = (x: { nameVi: string; nameEn: string }) => (ctx.lang === 'en' ? x.nameEn || x.nameVi : x.nameVi);
  const wb = new (await excel()).Workbook();
  wb.creator = 'ParIndex';
  const ws = wb.addWorksheet(t.sheet, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const widths = [6, 8, 32, 30, 11, 12, 12, 12, 8, 8, 11, 9, 40];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const year = sheet.period.year;
  const lines = [
    t.title(name(sheet.agency)),
    t.subtitle(year),
    sheet.result ? t.result(sheet.result, year) : t.noResult(year),
    sheet.evaluation?.status === 'recorded' ? t.recorded(sheet.evaluation.decisionNumber, sheet.evaluation.decidedOn) : t.draft,
    ...(sheet.factsAsOf ? [t.asOf(sheet.factsAsOf)] : []),
  ];
  lines.forEach((line, i) => {
    const row = ws.addRow([line]);
    ws.mergeCells(row.number, 1, row.number, widths.length);
    row.font = { bold: i < 2, size: i === 0 ? 13 : 11 };
    row.alignment = { horizontal: i < 2 ? 'center' : 'left', wrapText: true };
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
  const ordered = [...sheet.divisions].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.division.code.localeCompare(b.division.code));
  ordered.forEach((r, i) => {
    const row = ws.addRow([
      i + 1,
      r.division.code,
      name(r.division) + (r.division.isActive ? '' : t.inactive),
      r.leaves.map((l) => l.code).join(', '),
      num(r.lostPoints),
      num(r.lossShare),
      `${r.tasks.done}/${r.tasks.total}`,
      num(r.tasks.completionRate),
      r.tasks.late,
      r.tasks.overdue,
      num(r.score),
      r.rank,
      r.comment,
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
  });
  if (sheet.unassigned.leafCount > 0) {
    const row = ws.addRow(['', '', t.unassigned, sheet.unassigned.leaves.map((l) => l.code).join(', '), num(sheet.unassigned.lostPoints)]);
    row.font = { italic: true };
    row.alignment = { vertical: 'top', wrapText: true };
  }
  for (const col of [5, 6, 8, 11]) ws.getColumn(col).numFmt = '0.00##';

  const leavesWs = wb.addWorksheet(t.leavesSheet, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  leavesWs.columns = t.leafCols.map((h, i) => ({ header: h, key: String(i), width: [12, 32, 10, 60, 10, 10, 10][i] }));
  leavesWs.getRow(1).font = { bold: true };
  for (const r of ordered) {
    for (const l of r.leaves) leavesWs.addRow([r.division.code, name(r.division), l.code, name(l), num(l.max), num(l.points), num(l.lost)]);
  }
  for (const l of sheet.unassigned.leaves) leavesWs.addRow(['', t.unassigned, l.code, name(l), num(l.max), num(l.points), num(l.lost)]);
  return { buffer: await writeXlsx(wb), filename: `hoi-dong-cchc-${sheet.agency.code}-${year}.xlsx` };
}
