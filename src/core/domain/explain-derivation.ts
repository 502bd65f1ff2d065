/**
 * Human sentences, in Vietnamese and English, for a leaf's derivation ("Tỷ lệ 45/50 = 90,00% ≥ 90% → 2 điểm") and
 * for a method's rule as a whole (shown as guidance next to the input).
 */
import type { Lang } from '../errors';
import type { LeafMethod } from '../schemas/framework';
import { formatPointsExact, tryParsePoints, type Units } from './decimal';
import type { Derivation } from './scoring';

/** "2 điểm" / "2 points" / "1 point" / "0,5 điểm". */
export function pointsPhrase(u: Units, lang: Lang): string {
  const n = formatPointsExact(u, lang);
  if (lang === 'vi') return `${n} điểm`;
  return `${n} ${u === 10_000 ? 'point' : 'points'}`;
}

const dec = (s: string, lang: Lang) => (lang === 'vi' ? s.replace('.', ',') : s);
const decPoints = (s: string, lang: Lang) => {
  const u = tryParsePoints(s);
  return u === null ? s : pointsPhrase(u, lang);
};
const pct = (s: string, lang: Lang) => {
  const u = tryParsePoints(s);
  return `${u === null ? s : formatPointsExact(u, lang)}%`;
};

/** One sentence explaining how a leaf's points were derived, e.g. "Tỷ lệ 45/50 = 90,00% ≥ 90% → 2 điểm" / "Ratio 45/50 = 90.00% ≥ 90% → 2 points". */
export function explainDerivation(d: Derivation, lang: Lang): string {
  const vi = lang === 'vi';
  switch (d.method) {
    case 'not_scored':
      return vi ? 'Chưa chấm điểm (tính 0 điểm)' : 'Not scored yet (counts as 0 points)';
    case 'not_applicable':
      if (d.reason === 'denominator_zero') {
        return vi
          ? `Mẫu số bằng 0 → không áp dụng; ${pointsPhrase(d.maxUnits, lang)} tối đa được loại khỏi mẫu số`
          : `Denominator is 0 → not applicable; its maximum of ${pointsPhrase(d.maxUnits, lang)} leaves the denominator`;
      }
      return vi
        ? `Không áp dụng; ${pointsPhrase(d.maxUnits, lang)} tối đa được loại khỏi mẫu số`
        : `Not applicable; its maximum of ${pointsPhrase(d.maxUnits, lang)} leaves the denominator`;
    case 'levels':
      return vi
        ? `Mức "${d.labelVi}" → ${pointsPhrase(d.units, lang)}`
        : `Level "${d.labelEn || d.labelVi}" → ${pointsPhrase(d.units, lang)}`;
    case 'ratio_ladder': {
      const head = `${vi ? 'Tỷ lệ' : 'Ratio'} ${dec(d.numerator, lang)}/${dec(d.denominator, lang)} = ${dec(d.percentShown, lang)}%`;
      if (d.matched) {
        return `${head} ${d.matched.inclusive ? '≥' : '>'} ${pct(d.matched.minPercent, lang)} → ${pointsPhrase(d.units, lang)}`;
      }
      return `${head} ${d.lowest.inclusive ? '<' : '≤'} ${pct(d.lowest.minPercent, lang)} → ${pointsPhrase(0, lang)}`;
    }
    case 'ratio_proportional': {
      const head = `${vi ? 'Tỷ lệ' : 'Ratio'} ${dec(d.numerator, lang)}/${dec(d.denominator, lang)} = ${dec(d.percentShown, lang)}%`;
      if (d.capped) {
        return vi
          ? `${head} ≥ ${pct(d.capPercent, lang)} (ngưỡng đủ điểm) → ${pointsPhrase(d.units, lang)}`
          : `${head} ≥ ${pct(d.capPercent, lang)} (full-points threshold) → ${pointsPhrase(d.units, lang)}`;
      }
      const formula = `${formatPointsExact(d.maxUnits, lang)} × ${dec(d.percentShown, lang)}% / ${pct(d.capPercent, lang)}`;
      const value = `${d.isExact ? '=' : '≈'} ${formatPointsExact(d.exactUnits, lang)}`;
      if (d.rounding === 'floor_to_step' && d.step !== undefined) {
        return vi
          ? `${head}; ${formula} ${value}, làm tròn xuống bội số của ${dec(d.step, lang)} → ${pointsPhrase(d.units, lang)}`
          : `${head}; ${formula} ${value}, rounded down to a multiple of ${dec(d.step, lang)} → ${pointsPhrase(d.units, lang)}`;
      }
      return `${head}; ${formula} ${value} → ${pointsPhrase(d.units, lang)}`;
    }
    case 'denominator_zero':
      return vi
        ? `Mẫu số bằng 0 → ${d.rule === 'full' ? 'đủ điểm: ' : ''}${pointsPhrase(d.units, lang)}`
        : `Denominator is 0 → ${d.rule === 'full' ? 'full points: ' : ''}${pointsPhrase(d.units, lang)}`;
    case 'yes_no':
      return vi
        ? `${d.value ? 'Có' : 'Không'} → ${pointsPhrase(d.units, lang)}`
        : `${d.value ? 'Yes' : 'No'} → ${pointsPhrase(d.units, lang)}`;
    case 'manual':
      return vi ? `Chấm trực tiếp: ${pointsPhrase(d.units, lang)}` : `Scored directly: ${pointsPhrase(d.units, lang)}`;
    case 'survey':
      return vi
        ? `Điểm từ kết quả điều tra xã hội học: ${pointsPhrase(d.units, lang)}`
        : `From the survey tally: ${pointsPhrase(d.units, lang)}`;
  }
}

/** The rule of a scoring method in one line, e.g. "≥ 90%: 2 điểm; ≥ 70%: 1 điểm; < 70%: 0 điểm" (maxPoints as declared on the leaf). */
export function describeMethod(method: LeafMethod, maxPoints: string, lang: Lang): string {
  const vi = lang === 'vi';
  const max = tryParsePoints(maxPoints) ?? 0;
  const zeroRule = (rule: 'full' | 'zero' | 'not_applicable') => {
    if (rule === 'full') return vi ? 'mẫu số bằng 0: đủ điểm' : 'denominator 0: full points';
    if (rule === 'zero') return vi ? 'mẫu số bằng 0: 0 điểm' : 'denominator 0: 0 points';
    return vi ? 'mẫu số bằng 0: không áp dụng' : 'denominator 0: not applicable';
  };
  switch (method.type) {
    case 'levels':
      return method.levels.map((l) => `${vi ? l.labelVi : l.labelEn || l.labelVi}: ${decPoints(l.points, lang)}`).join('; ');
    case 'ratio_ladder': {
      const ratio = vi
        ? `Tỷ lệ = ${method.numeratorLabelVi} / ${method.denominatorLabelVi}`
        : `Ratio = ${method.numeratorLabelEn || method.numeratorLabelVi} / ${method.denominatorLabelEn || method.denominatorLabelVi}`;
      const parts = method.steps.map((s) => `${s.inclusive ? '≥' : '>'} ${pct(s.minPercent, lang)}: ${decPoints(s.points, lang)}`);
      const last = method.steps[method.steps.length - 1];
      if (last && !(last.inclusive && tryParsePoints(last.minPercent) === 0)) {
        parts.push(`${last.inclusive ? '<' : '≤'} ${pct(last.minPercent, lang)}: ${pointsPhrase(0, lang)}`);
      }
      parts.push(zeroRule(method.whenDenominatorZero));
      return `${ratio}. ${parts.join('; ')}.`;
    }
    case 'ratio_proportional': {
      const cap = method.capPercent ?? '100';
      const ratio = vi
        ? `Tỷ lệ = ${method.numeratorLabelVi} / ${method.denominatorLabelVi}`
        : `Ratio = ${method.numeratorLabelEn || method.numeratorLabelVi} / ${method.denominatorLabelEn || method.denominatorLabelVi}`;
      const rule = vi
        ? `Điểm = ${formatPointsExact(max, lang)} × tỷ lệ / ${pct(cap, lang)}, tối đa ${pointsPhrase(max, lang)}`
        : `Points = ${formatPointsExact(max, lang)} × ratio / ${pct(cap, lang)}, at most ${pointsPhrase(max, lang)}`;
      const rounding =
        method.rounding === 'floor_to_step' && method.step !== undefined
          ? vi
            ? `, làm tròn xuống bội số của ${dec(method.step, lang)}`
            : `, rounded down to a multiple of ${dec(method.step, lang)}`
          : '';
      return `${ratio}. ${rule}${rounding}; ${zeroRule(method.whenDenominatorZero)}.`;
    }
    case 'yes_no':
      return vi ? `Có: ${pointsPhrase(max, lang)}; Không: ${pointsPhrase(0, lang)}` : `Yes: ${pointsPhrase(max, lang)}; No: ${pointsPhrase(0, lang)}`;
    case 'manual':
      return vi
        ? `Chấm trực tiếp từ 0 đến ${pointsPhrase(max, lang)}, bước ${dec(method.step, lang)}`
        : `Scored directly from 0 to ${pointsPhrase(max, lang)} in steps of ${dec(method.step, lang)}`;
    case 'survey':
      return vi
        ? `Điểm lấy từ kết quả điều tra xã hội học (tối đa ${pointsPhrase(max, lang)}), không tự chấm`
        : `Points come from the survey tally (at most ${pointsPhrase(max, lang)}); not self-scored`;
  }
}
