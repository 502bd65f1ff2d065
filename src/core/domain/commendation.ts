/**
 * Commendation proposals (đề xuất khen thưởng) for the yearly review, derived from published results and approved
 * initiatives. Pure: the rules pick agencies of one group's published ranking and write the basis (căn cứ) in
 * Vietnamese and English, e.g. "Xếp hạng 1/20 sở, ban, ngành; chỉ số 92,15%; xếp loại Tốt; tăng 3 bậc so với năm
 * 2018". See docs/council-initiatives.md.
 */
import type { GroupResults } from '../schemas/results';
import { tryParsePoints } from './decimal';

/** Which agencies of a published ranking are proposed: any enabled rule is enough (null disables a rule). */
export interface CommendationRules {
  /** Ranked in the top N of its group (ties at N included: competition ranks). */
  topN: number | null;
  /** Classified in this band or a higher one (bands compared by their lower bound in the group's framework). */
  minClassCode: string | null;
  /** Climbed at least this many places against the previous year. */
  minRise: number | null;
}

export type CommendationReason = 'top' | 'class' | 'rise';

export interface AgencyProposal {
  agencyId: number;
  code: string;
  reasons: CommendationReason[];
  basisVi: string;
  basisEn: string;
}

/** "Sở, ban, ngành" → "sở, ban, ngành", but "UBND cấp huyện" stays: only a capitalised ordinary word is lowered. */
export function lowerFirstWord(s: string): string {
  const [first, second] = [...s];
  if (!first || !second) return s;
  return first !== first.toLowerCase() && second === second.toLowerCase() ? first.toLowerCase() + s.slice(first.length) : s;
}

const viNumber = (s: string) => s.replace('.', ',');

/** The basis text of an agency's published result row, in Vietnamese and English. */
export function agencyBasis(group: Pick<GroupResults, 'year' | 'group' | 'agencies'>, row: GroupResults['agencies'][number]): { vi: string; en: string } {
  const n = group.agencies.length;
  const vi: string[] = [`Xếp hạng ${row.rank}/${n} ${lowerFirstWord(group.group.nameVi)}${row.tied ? ' (đồng hạng)' : ''}`];
  const en: string[] = [`Ranked ${row.rank}/${n} among ${lowerFirstWord(group.group.nameEn || group.group.nameVi)}${row.tied ? ' (tied)' : ''}`];
  if (row.totalIndex !== null) {
    vi.push(`chỉ số ${viNumber(row.totalIndex)}%`);
    en.push(`index ${row.totalIndex}%`);
  }
  if (row.classification) {
    vi.push(`xếp loại ${row.classification.labelVi}`);
    en.push(`class ${row.classification.labelEn || row.classification.labelVi}`);
  }
  if (row.rankChange !== null && row.rankChange > 0) {
    vi.push(`tăng ${row.rankChange} bậc so với năm ${group.year - 1}`);
    en.push(`up ${row.rankChange} ${row.rankChange === 1 ? 'place' : 'places'} on ${group.year - 1}`);
  }
  return { vi: vi.join('; '), en: en.join('; ') };
}

/**
 * The agencies of one group's published ranking that the rules propose, best rank first, each with its reasons
 * and basis. A class rule whose band the group's framework does not define proposes nobody of that group.
 */
export function proposeAgencies(group: Pick<GroupResults, 'year' | 'group' | 'agencies' | 'framework'>, rules: CommendationRules): AgencyProposal[] {
  const bands = group.framework.bands;
  const minBand = rules.minClassCode === null ? undefined : bands.find((b) => b.code === rules.minClassCode);
  const threshold = minBand ? tryParsePoints(minBand.minPercent) : null;
  const bandMin = new Map(bands.map((b) => [b.code, tryParsePoints(b.minPercent)]));
  const out: AgencyProposal[] = [];
  for (const row of [...group.agencies].sort((a, b) => a.rank - b.rank)) {
    const reasons: CommendationReason[] = [];
    if (rules.topN !== null && row.rank <= rules.topN) reasons.push('top');
    if (threshold !== null && row.classification) {
      const min = bandMin.get(row.classification.code);
      if (min !== undefined && min !== null && min >= threshold) reasons.push('class');
    }
    if (rules.minRise !== null && row.rankChange !== null && row.rankChange >= rules.minRise) reasons.push('rise');
    if (!reasons.length) continue;
    const basis = agencyBasis(group, row);
    out.push({ agencyId: row.agencyId, code: row.code, reasons, basisVi: basis.vi, basisEn: basis.en });
  }
  return out;
}

/** dd/mm/yyyy of a YYYY-MM-DD date. */
export function viDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** The basis text of an approved initiative, in Vietnamese and English. */
export function initiativeBasis(i: { title: string; authors: string; nodeCodes: readonly string[]; agencyNameVi: string; agencyNameEn: string; approvedOn: string | null }): {
  vi: string;
  en: string;
} {
  const vi = [`Sáng kiến “${i.title}” (tác giả: ${i.authors})`];
  const en = [`Initiative “${i.title}” (authors: ${i.authors})`];
  if (i.nodeCodes.length) {
    vi.push(`phục vụ tiêu chí ${i.nodeCodes.join(', ')}`);
    en.push(`serving criteria ${i.nodeCodes.join(', ')}`);
  }
  if (i.approvedOn) {
    vi.push(`được ${i.agencyNameVi} phê duyệt ngày ${viDate(i.approvedOn)}`);
    en.push(`approved by ${i.agencyNameEn || i.agencyNameVi} on ${i.approvedOn.slice(0, 10)}`);
  }
  return { vi: vi.join('; '), en: en.join('; ') };
}
