/**
 * Checking an imported history workbook (docs/scoring.md, "Imported history"): results of years before the
 * system, as published. Every number is read as exact decimal text and rounded half-up once to 2 decimals; the
 * published rank and "of N" are kept as the authority for that year; a row may give a rank without a total; the
 * class comes from the file or from that year's bands. Pure: the server passes the agencies and the bands.
 */
import type { Bilingual } from '../errors';
import type { ClassificationBand } from '../schemas/framework';
import { classify, DEFAULT_BANDS } from './classification';
import { parsePoints, roundDecimalText } from './decimal';
import { foldText } from './text';

/** The columns of the history template, in order (LV1…LVn follow). */
export const HISTORY_COLUMNS = ['year', 'agency', 'total', 'rank', 'rankedCount', 'class'] as const;
/** A column of the history template, or a component column "LV<code>". */
export type HistoryColumn = (typeof HISTORY_COLUMNS)[number] | `LV${string}`;

/** The template's header of each column, in Vietnamese (the workbook's language) and English. */
export const HISTORY_HEADERS: Record<(typeof HISTORY_COLUMNS)[number], Bilingual> = {
  year: { vi: 'Năm', en: 'Year' },
  agency: { vi: 'Mã cơ quan', en: 'Agency code' },
  total: { vi: 'Chỉ số', en: 'Index' },
  rank: { vi: 'Xếp hạng', en: 'Rank' },
  rankedCount: { vi: 'Số đơn vị xếp hạng', en: 'Units ranked' },
  class: { vi: 'Xếp loại', en: 'Class' },
};

/** One data row of the workbook as cell texts (empty string = empty cell). */
export interface HistoryCells {
  row: number;
  year: string;
  agency: string;
  total: string;
  rank: string;
  rankedCount: string;
  class: string;
  components: readonly { code: string; text: string }[];
}

/** An agency the workbook may name. */
export interface HistoryAgencyRef {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  groupId: number;
}

/** A class of an imported year: a band's code and labels, and whether the file gave it or the bands derived it. */
export interface HistoryClass {
  code: string;
  labelVi: string;
  labelEn: string;
  source: 'file' | 'bands';
}

/** One checked row, ready to store: totals as canonical 2-decimal text, rank and "of N" as published. */
export interface HistoryRow {
  row: number;
  year: number;
  agencyId: number;
  code: string;
  nameVi: string;
  nameEn: string;
  groupId: number;
  totalIndex: string | null;
  rank: number | null;
  rankedCount: number | null;
  classification: HistoryClass | null;
  components: { code: string; nameVi: string; index: string }[];
}

/** A problem of one cell (column = template column) or of the row (column = null). */
export interface HistoryProblem {
  row: number;
  column: HistoryColumn | null;
  message: Bilingual;
}

/** An index as published, rounded half-up once to 2 decimals and checked to lie in [0, 100]; null when not a number in range. */
export function parsePublishedIndex(text: string): string | null {
  const rounded = roundDecimalText(text.replace('%', '').trim());
  if (rounded === null) return null;
  const u = parsePoints(rounded);
  return u >= 0 && u <= 100 * 10_000 ? rounded : null;
}

function positiveInt(text: string): number | null | undefined {
  if (!text) return undefined;
  return /^\d{1,6}$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : null;
}

/** The band a published class names (matched on code or either label, ignoring case and diacritics), or the text kept as published. */
export function matchClass(text: string, bands: readonly ClassificationBand[]): HistoryClass {
  const key = foldText(text);
  const band = bands.find((b) => [b.code, b.labelVi, b.labelEn].some((x) => foldText(x) === key));
  return band ? { code: band.code, labelVi: band.labelVi, labelEn: band.labelEn, source: 'file' } : { code: key.replace(/\s+/g, '_'), labelVi: text.trim(), labelEn: text.trim(), source: 'file' };
}

/**
 * Checks every row of a history workbook and reports every problem with its row and column; `bandsOf` gives the
 * bands of a year and group (null: the default bands). Rows with problems are not returned.
 */
export function checkHistoryRows(
  cells: readonly HistoryCells[],
  agencies: ReadonlyMap<string, HistoryAgencyRef>,
  bandsOf: (year: number, groupId: number) => readonly ClassificationBand[] | null,
): { rows: HistoryRow[]; problems: HistoryProblem[] } {
  const rows: HistoryRow[] = [];
  const problems: HistoryProblem[] = [];
  const seen = new Map<string, number>();
  for (const c of cells) {
    const before = problems.length;
    const at = (column: HistoryColumn | null, message: Bilingual) => problems.push({ row: c.row, column, message });
    const year = /^\d{4}$/.test(c.year.trim()) ? Number(c.year) : NaN;
    if (!(year >= 2000 && year <= 2100)) at('year', { vi: 'Năm không hợp lệ (2000–2100).', en: 'Invalid year (2000–2100).' });
    const agency = agencies.get(c.agency.trim());
    if (!agency) at('agency', c.agency ? { vi: `Không có cơ quan mã "${c.agency}".`, en: `No agency with code "${c.agency}".` } : { vi: 'Thiếu mã cơ quan.', en: 'The agency code is missing.' });
    const total = c.total ? parsePublishedIndex(c.total) : null;
    if (c.total && total === null) at('total', { vi: 'Chỉ số phải là số từ 0 đến 100.', en: 'The index must be a number from 0 to 100.' });
    const rank = positiveInt(c.rank);
    if (rank === null) at('rank', { vi: 'Xếp hạng phải là số nguyên dương.', en: 'The rank must be a positive whole number.' });
    const rankedCount = positiveInt(c.rankedCount);
    if (rankedCount === null) at('rankedCount', { vi: 'Số đơn vị xếp hạng phải là số nguyên dương.', en: 'The number of units ranked must be a positive whole number.' });
    if (typeof rank === 'number' && typeof rankedCount === 'number' && rank > rankedCount) {
      at('rank', { vi: `Xếp hạng ${rank} lớn hơn số đơn vị xếp hạng (${rankedCount}).`, en: `Rank ${rank} is greater than the number of units ranked (${rankedCount}).` });
    }
    if (!c.total && !c.rank) at('total', { vi: 'Cần ít nhất chỉ số hoặc xếp hạng.', en: 'Give at least the index or the rank.' });
    const components: HistoryRow['components'] = [];
    for (const comp of c.components) {
      if (!comp.text) continue;
      const index = parsePublishedIndex(comp.text);
      if (index === null) at(`LV${comp.code}`, { vi: 'Chỉ số thành phần phải là số từ 0 đến 100.', en: 'A component index must be a number from 0 to 100.' });
      else components.push({ code: comp.code, nameVi: `Lĩnh vực ${comp.code}`, index });
    }
    if (agency && Number.isInteger(year)) {
      const key = `${year}:${agency.id}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) at('agency', { vi: `Trùng năm và cơ quan với dòng ${earlier}.`, en: `Same year and agency as row ${earlier}.` });
      else seen.set(key, c.row);
    }
    if (problems.length > before || !agency) continue;
    const bands = bandsOf(year, agency.groupId) ?? DEFAULT_BANDS;
    let classification: HistoryClass | null = null;
    if (c.class.trim()) classification = matchClass(c.class, bands);
    else if (total !== null) {
      const band = classify(Math.round(parsePoints(total) / 100), bands);
      if (band) classification = { code: band.code, labelVi: band.labelVi, labelEn: band.labelEn, source: 'bands' };
    }
    rows.push({
      row: c.row,
      year,
      agencyId: agency.id,
      code: agency.code,
      nameVi: agency.nameVi,
      nameEn: agency.nameEn,
      groupId: agency.groupId,
      totalIndex: total,
      rank: rank ?? null,
      rankedCount: rankedCount ?? null,
      classification,
      components,
    });
  }
  // "Of N" is one number per year and group: the rows must agree, and not name more units than it.
  const byGroupYear = new Map<string, HistoryRow[]>();
  for (const r of rows) byGroupYear.set(`${r.year}:${r.groupId}`, [...(byGroupYear.get(`${r.year}:${r.groupId}`) ?? []), r]);
  for (const group of byGroupYear.values()) {
    const counts = [...new Set(group.map((r) => r.rankedCount).filter((n): n is number => n !== null))];
    if (counts.length > 1) {
      for (const r of group) if (r.rankedCount !== null) problems.push({ row: r.row, column: 'rankedCount', message: { vi: `Cùng năm và nhóm nhưng số đơn vị xếp hạng khác nhau (${counts.join(', ')}).`, en: `The same year and group give different numbers of units ranked (${counts.join(', ')}).` } });
    } else if (counts.length === 1 && group.length > counts[0]!) {
      for (const r of group) problems.push({ row: r.row, column: 'rankedCount', message: { vi: `Tệp có ${group.length} dòng của năm và nhóm này nhưng chỉ ${counts[0]} đơn vị được xếp hạng.`, en: `The file has ${group.length} rows of this year and group but only ${counts[0]} units ranked.` } });
    }
  }
  const bad = new Set(problems.map((p) => p.row));
  return { rows: rows.filter((r) => !bad.has(r.row)), problems: problems.sort((a, b) => a.row - b.row) };
}
