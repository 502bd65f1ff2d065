/**
 * The first sentence of an agency's analysis (rank, change against last year, and the fields that hold most of the
 * points it lost) and the comparison of its component indices with last year, the group average, the best agency
 * and the agencies just above it (docs/analysis.md §1–2; product.md "Analysis and remediation").
 */
import type { Bilingual, Lang } from '../../errors';
import { formatPoints, roundHalfUpDiv, type IndexHundredths, type Units } from '../decimal';
import { compareCodes } from '../framework-tree';
import { joinList, nameIn, ordinalEn } from './format';
import { findAgency, rankedAgencies, rankGroup, type FieldInfo, type GroupYear, type RankInfo } from './types';

/** Points lost in one regular field: applicable max − points (units). */
export interface FieldLoss extends FieldInfo {
  points: Units;
  applicableMax: Units;
  lost: Units;
}

/** The facts behind the first sentence, and the sentence in both languages. */
export interface AgencySummary {
  agencyId: string;
  year: number;
  totalIndex: IndexHundredths | null;
  rank: RankInfo;
  previousRank: number | null;
  /** previousRank − rank: positive = climbed, negative = fell (docs/scoring.md §6); null without a previous rank. */
  change: number | null;
  /** Points lost in the regular fields = applicable max − regular points, before bonus and deductions; null when field points are unknown. */
  lostTotal: Units | null;
  /** Fields that lost points, largest loss first (ties by code). */
  lostByField: FieldLoss[];
  /** The fewest largest-loss fields that together hold a strict majority of lostTotal, and their sum. */
  majority: { codes: string[]; lost: Units } | null;
  sentence: Bilingual;
}

const fieldName = (fields: readonly FieldInfo[], code: string): FieldInfo => fields.find((f) => f.code === code) ?? { code, nameVi: code, nameEn: code };

/** Fields of an agency with their lost points (regular fields with known points and applicable max > 0), largest loss first. */
export function fieldLosses(group: GroupYear, agencyId: string): { losses: FieldLoss[]; total: Units } | null {
  const a = findAgency(group, agencyId);
  const losses: FieldLoss[] = [];
  let total = 0;
  for (const f of a.fields) {
    if (f.points === null || f.applicableMax === null) return null;
    if (f.applicableMax <= 0) continue;
    const lost = f.applicableMax - f.points;
    total += lost;
    losses.push({ ...fieldName(group.fields, f.code), points: f.points, applicableMax: f.applicableMax, lost });
  }
  losses.sort((x, y) => y.lost - x.lost || compareCodes(x.code, y.code));
  return { losses, total };
}

/** The plain first sentence of an agency's analysis with the facts behind it (rank, change, where the points were lost). */
export function summarizeAgency(current: GroupYear, previous: GroupYear | null, agencyId: string): AgencySummary {
  const a = findAgency(current, agencyId);
  const rank = rankGroup(current).get(agencyId)!;
  const prevRank = previous && previous.agencies.some((x) => x.agencyId === agencyId) ? (rankGroup(previous).get(agencyId)?.rank ?? null) : null;
  const change = prevRank === null ? null : prevRank - rank.rank;
  const fl = fieldLosses(current, agencyId);
  const lostByField = fl ? fl.losses.filter((f) => f.lost > 0) : [];
  let majority: AgencySummary['majority'] = null;
  if (fl && fl.total > 0) {
    let sum = 0;
    const codes: string[] = [];
    for (const f of lostByField) {
      sum += f.lost;
      codes.push(f.code);
      if (2 * sum > fl.total) break;
    }
    majority = { codes, lost: sum };
  }
  const sentence = (lang: Lang): string => {
    if (a.totalIndex === null) {
      return lang === 'vi' ? `Chưa có chỉ số CCHC năm ${current.year} (không có tiêu chí nào áp dụng).` : `No PAR index for ${current.year} (no criterion applies).`;
    }
    const group = current.groupLabel[lang];
    const pts = (u: Units) => formatPoints(u, lang, 2);
    const fields = majority ? joinList(majority.codes.map((c) => nameIn(fieldName(current.fields, c), lang)), lang) : '';
    if (lang === 'vi') {
      let s = `Xếp hạng ${rank.rank}/${rank.of} ${group} năm ${current.year}${rank.tied ? ' (đồng hạng)' : ''}`;
      if (change !== null) s += change > 0 ? `, tăng ${change} bậc` : change < 0 ? `, giảm ${-change} bậc` : ', giữ nguyên thứ hạng';
      if (fl && fl.total === 0) s += '; không bị mất điểm nào';
      else if (fl && majority) {
        s += majority.lost === fl.total ? `; toàn bộ ${pts(fl.total)} điểm bị mất thuộc ${fields}` : `; ${pts(majority.lost)} trong ${pts(fl.total)} điểm bị mất thuộc ${fields}`;
      }
      return `${s}.`;
    }
    const places = (n: number) => `${n} place${n === 1 ? '' : 's'}`;
    let s = `Ranked ${ordinalEn(rank.rank)}${rank.tied ? ' (tied)' : ''} of ${rank.of} ${group} in ${current.year}`;
    if (change !== null) s += change > 0 ? `, up ${places(change)}` : change < 0 ? `, down ${places(-change)}` : ', unchanged';
    if (fl && fl.total === 0) s += '; no points lost';
    else if (fl && majority) {
      s += majority.lost === fl.total ? `; all ${pts(fl.total)} points lost are in ${fields}` : `; ${pts(majority.lost)} of the ${pts(fl.total)} points lost are in ${fields}`;
    }
    return `${s}.`;
  };
  return {
    agencyId,
    year: current.year,
    totalIndex: a.totalIndex,
    rank,
    previousRank: prevRank,
    change,
    lostTotal: fl ? fl.total : null,
    lostByField,
    majority,
    sentence: { vi: sentence('vi'), en: sentence('en') },
  };
}

/** An agency named in a comparison, with its rank and total index. */
export interface ComparedAgency {
  agencyId: string;
  code: string;
  nameVi: string;
  nameEn: string;
  rank: number;
  totalIndex: IndexHundredths | null;
}

/** One row of the comparison (a field, or the total with code null): indices in hundredths of a percent. */
export interface IndexComparison {
  code: string | null;
  nameVi: string;
  nameEn: string;
  index: IndexHundredths | null;
  previousIndex: IndexHundredths | null;
  /** index − previousIndex in hundredths, null when either is missing. */
  change: number | null;
  /** Exact mean of the group's non-null indices, rounded once half-up to hundredths; null when none. */
  groupAverage: IndexHundredths | null;
  /** The highest index in the group and every agency holding it. */
  best: { index: IndexHundredths; agencyIds: string[] } | null;
  /** The same index of each agency in `above`, in the same order. */
  above: { agencyId: string; index: IndexHundredths | null }[];
}

/** The comparison of an agency's indices with last year, the group average, the best agency and the agencies just above it. */
export interface ComponentComparison {
  agencyId: string;
  rank: RankInfo;
  /** Up to `aboveCount` agencies ranked better, nearest first (in ranked display order). */
  above: ComparedAgency[];
  total: IndexComparison;
  fields: IndexComparison[];
}

/** The exact mean of integer indices rounded once, half-up, to hundredths; null for an empty list. */
export function meanIndex(values: readonly IndexHundredths[]): IndexHundredths | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return roundHalfUpDiv(sum, values.length);
}

function bestOf(entries: readonly { agencyId: string; index: IndexHundredths | null }[]): IndexComparison['best'] {
  let best: IndexHundredths | null = null;
  for (const e of entries) if (e.index !== null && (best === null || e.index > best)) best = e.index;
  if (best === null) return null;
  return { index: best, agencyIds: entries.filter((e) => e.index === best).map((e) => e.agencyId) };
}

/** Compares an agency's component and total indices with last year, the group average, the best agency and the (up to 3) agencies just above. */
export function componentComparison(current: GroupYear, previous: GroupYear | null, agencyId: string, aboveCount = 3): ComponentComparison {
  const ranked = rankedAgencies(current);
  const pos = ranked.findIndex((r) => r.agencyId === agencyId);
  if (pos < 0) throw new RangeError(`Agency ${agencyId} is not in the group`);
  const me = ranked[pos]!;
  const above = ranked
    .slice(0, pos)
    .filter((r) => r.rank < me.rank)
    .slice(-aboveCount)
    .reverse();
  const prev = previous?.agencies.find((x) => x.agencyId === agencyId) ?? null;
  const fieldIndex = (a: { fields: readonly { code: string; index: IndexHundredths | null }[] } | null, code: string) =>
    a?.fields.find((f) => f.code === code)?.index ?? null;
  const row = (info: FieldInfo | null, pick: (a: (typeof ranked)[number] | GroupYear['agencies'][number] | null) => IndexHundredths | null): IndexComparison => {
    const index = pick(me);
    const previousIndex = pick(prev);
    const all = ranked.map((r) => ({ agencyId: r.agencyId, index: pick(r) }));
    return {
      code: info?.code ?? null,
      nameVi: info?.nameVi ?? 'Chỉ số CCHC',
      nameEn: info?.nameEn ?? 'PAR Index',
      index,
      previousIndex,
      change: index !== null && previousIndex !== null ? index - previousIndex : null,
      groupAverage: meanIndex(all.map((e) => e.index).filter((v): v is number => v !== null)),
      best: bestOf(all),
      above: above.map((r) => ({ agencyId: r.agencyId, index: pick(r) })),
    };
  };
  return {
    agencyId,
    rank: { rank: me.rank, tied: me.tied, of: me.of },
    above: above.map((r) => ({ agencyId: r.agencyId, code: r.code, nameVi: r.nameVi, nameEn: r.nameEn, rank: r.rank, totalIndex: r.totalIndex })),
    total: row(null, (a) => a?.totalIndex ?? null),
    fields: current.fields.map((f) => row(f, (a) => fieldIndex(a, f.code))),
  };
}
