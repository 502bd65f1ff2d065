/**
 * Builds a Framework from the shape of `reference/framework-department.json` (fields → criteria → sub-criteria,
 * bonus, deductions, classification): each leaf's English `rule` text becomes a method where it is recognisable
 * (levels, percentage ladder, yes/no, survey), otherwise a manual score with a step; used for demo data and tests.
 */
import { z } from 'zod';
import { AppError } from '../errors';
import type { ClassificationBand, Framework, FrameworkNode, LeafMethod, LevelOption } from '../schemas/framework';
import { canonicalDecimal, parsePoints, tryParsePoints, unitsToDecimalString, type Units } from './decimal';
import { describeMethod } from './explain-derivation';
import { DEFAULT_RATIO_LABELS, defaultLevelCode } from './method-config';

interface RefNode {
  code: string;
  name_vi: string;
  name_en: string;
  max_points: number;
  scoring?: string | undefined;
  rule?: string | undefined;
  criteria?: RefNode[] | undefined;
  sub_criteria?: RefNode[] | undefined;
}

const refNode: z.ZodType<RefNode> = z.lazy(() =>
  z.object({
    code: z.string().min(1),
    name_vi: z.string().min(1),
    name_en: z.string(),
    max_points: z.number().nonnegative(),
    scoring: z.string().optional(),
    rule: z.string().optional(),
    criteria: z.array(refNode).optional(),
    sub_criteria: z.array(refNode).optional(),
  }),
);

const referenceSchema = z.object({
  max_total: z.number().positive(),
  fields: z.array(refNode).min(1),
  bonus: z.object({ max_points: z.number().nonnegative(), rule: z.string().optional() }).optional(),
  deductions: z
    .object({
      max_points: z.number().nonnegative(),
      items: z.array(
        z.object({ code: z.string(), name_vi: z.string(), name_en: z.string(), points: z.number().nonnegative(), rule: z.string().optional() }),
      ),
    })
    .optional(),
  classification: z.array(z.object({ label_vi: z.string(), label_en: z.string(), min_pct: z.number() })).optional(),
});

/** Vietnamese labels of the rubric phrases found in the reference rules (lower-case English → Vietnamese). */
const LEVEL_LABELS_VI: Record<string, string> = {
  'issued on time': 'Ban hành đúng hạn',
  'issued late': 'Ban hành trễ hạn',
  'not issued': 'Không ban hành',
  'on time': 'Đúng hạn',
  late: 'Trễ hạn',
  none: 'Không thực hiện',
  not: 'Không thực hiện',
  otherwise: 'Không đạt',
  fully: 'Đầy đủ',
  partly: 'Một phần',
  partial: 'Một phần',
  yes: 'Có',
  no: 'Không',
  'all issues handled or proposed for handling': 'Đã xử lý hoặc kiến nghị xử lý tất cả vấn đề',
  'all findings handled or proposed': 'Đã xử lý hoặc kiến nghị xử lý tất cả kết quả rà soát',
  '≥1 recognised initiative applied in the year': 'Có ít nhất 1 sáng kiến được công nhận, áp dụng trong năm',
  'registered but not recognised': 'Có đăng ký nhưng chưa được công nhận',
  'all on time': 'Tất cả đúng hạn',
  'some late': 'Một số trễ hạn',
  missing: 'Còn thiếu',
  'fully and on time': 'Đầy đủ, đúng hạn',
  'late or partial': 'Trễ hạn hoặc chưa đầy đủ',
  'approved and applied': 'Được phê duyệt và áp dụng',
  'submitted only': 'Mới trình, chưa được phê duyệt',
  'compliant and on time': 'Đúng quy định, đúng hạn',
  'applied incl. internal council linking division heads': 'Thực hiện đầy đủ, có hội đồng đánh giá nội bộ gắn trách nhiệm trưởng phòng',
  '100% of units': 'Tất cả đơn vị',
  some: 'Một số đơn vị',
  'issued and applied': 'Ban hành và thực hiện',
  'issued only': 'Chỉ ban hành',
  'all staff': 'Toàn bộ công chức',
  'meets provincial target': 'Đạt chỉ tiêu của tỉnh',
  '≥80% of target': 'Đạt từ 80% chỉ tiêu trở lên',
  '≥50% of target': 'Đạt từ 50% chỉ tiêu trở lên',
  '≥ provincial target': 'Đạt hoặc vượt chỉ tiêu của tỉnh',
  below: 'Thấp hơn',
  'applied to all procedures and maintained': 'Áp dụng cho tất cả TTHC và duy trì',
};

interface Clause {
  label: string;
  points: string;
}

/** A reference rule turned into a method; `recognised` is false when it fell back to manual scoring. */
export interface ParsedRule {
  method: LeafMethod;
  mayBeNotApplicable: boolean;
  recognised: boolean;
}

function clausesOf(rule: string): { clauses: Clause[] | null; numerator?: string; denominator?: string } {
  let text = rule.trim();
  let numerator: string | undefined;
  let denominator: string | undefined;
  // A formula preamble: "completion% = tasks done on time / tasks planned × 100. >90%: 2; …"
  const formula = /^[^:;]*?=\s*(.+?)\s*\/\s*(.+?)\s*×\s*100\.\s*/.exec(text);
  if (formula) {
    numerator = (formula[1] ?? '').replace(/^\((.*)\)$/, '$1').trim();
    denominator = (formula[2] ?? '').trim();
    text = text.slice(formula[0].length);
  }
  const out: Clause[] = [];
  for (const raw of text.split(';')) {
    const part = raw.trim();
    if (part === '') continue;
    const m = /^(.+?)\s*:\s*(\d+(?:\.\d+)?)(?=\s*(?:[.(]|$))/.exec(part) ?? /^(otherwise)\s+(\d+(?:\.\d+)?)/i.exec(part);
    if (!m) return { clauses: null };
    out.push({ label: (m[1] ?? '').trim(), points: m[2] ?? '' });
  }
  return { clauses: out, ...(numerator ? { numerator } : {}), ...(denominator ? { denominator } : {}) };
}

const NUM = '(\\d+(?:\\.\\d+)?)';
const STEP_PATTERNS: { re: RegExp; build: (m: RegExpExecArray) => { min: string; inclusive: boolean; full?: boolean } | 'below' }[] = [
  { re: new RegExp(`^(≥|>)\\s*${NUM}%$`), build: (m) => ({ min: m[2] ?? '', inclusive: m[1] === '≥' }) },
  { re: new RegExp(`^${NUM}%(\\s+of\\s+.+|\\s*\\(or none[^)]*\\))?$`), build: (m) => ({ min: m[1] ?? '', inclusive: true, full: /or none/.test(m[2] ?? '') }) },
  { re: new RegExp(`^${NUM}\\s*[–-]\\s*<?\\s*${NUM}%$`), build: (m) => ({ min: m[1] ?? '', inclusive: true }) },
  { re: new RegExp(`^<\\s*${NUM}%$`), build: () => 'below' },
];

function ladderFrom(clauses: Clause[]): { steps: { minPercent: string; inclusive: boolean; points: string }[]; zeroFull: boolean } | null {
  const steps: { minPercent: string; inclusive: boolean; points: string }[] = [];
  let zeroFull = false;
  for (const [i, clause] of clauses.entries()) {
    let matched = false;
    for (const pattern of STEP_PATTERNS) {
      const m = pattern.re.exec(clause.label);
      if (!m) continue;
      const built = pattern.build(m);
      if (built === 'below') {
        if (i !== clauses.length - 1) return null;
        if (tryParsePoints(clause.points) !== 0) steps.push({ minPercent: '0', inclusive: true, points: canonicalDecimal(clause.points) });
      } else {
        steps.push({ minPercent: canonicalDecimal(built.min), inclusive: built.inclusive, points: canonicalDecimal(clause.points) });
        if (built.full) zeroFull = true;
      }
      matched = true;
      break;
    }
    if (!matched) return null;
  }
  return steps.length > 0 ? { steps, zeroFull } : null;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function ratioLabels(nameVi: string, numerator?: string, denominator?: string) {
  const lower = nameVi.toLowerCase();
  const vi = lower.includes('kế hoạch')
    ? { numeratorLabelVi: 'Số nhiệm vụ đã hoàn thành', denominatorLabelVi: 'Số nhiệm vụ theo kế hoạch' }
    : lower.startsWith('tỷ lệ ')
      ? { numeratorLabelVi: `Số ${nameVi.slice('Tỷ lệ '.length)}`, denominatorLabelVi: 'Tổng số' }
      : { numeratorLabelVi: 'Số đạt yêu cầu', denominatorLabelVi: 'Tổng số' };
  return {
    ...vi,
    numeratorLabelEn: numerator ? capitalise(numerator) : lower.includes('kế hoạch') ? 'Tasks completed' : DEFAULT_RATIO_LABELS.numeratorLabelEn,
    denominatorLabelEn: denominator ? capitalise(denominator) : lower.includes('kế hoạch') ? 'Tasks planned' : DEFAULT_RATIO_LABELS.denominatorLabelEn,
  };
}

/** The coarsest step among 0.25, 0.05, 0.01, 0.0001 point that divides the maximum, for a manual fallback. */
function manualStep(maxUnits: Units): string {
  for (const step of [2500, 500, 100, 1]) if (maxUnits % step === 0) return unitsToDecimalString(step);
  return '0.0001';
}

/** Turns a reference leaf's rule text into a method (exported for tests); unrecognised rules give a manual method. */
export function methodFromRule(rule: string, maxPoints: string, nameVi: string, scoring?: string): ParsedRule {
  const maxUnits = parsePoints(maxPoints);
  const mayBeNotApplicable = /\bN\/A\b|not applicable/i.test(rule);
  if (scoring === 'survey') return { method: { type: 'survey' }, mayBeNotApplicable, recognised: true };
  const manual: ParsedRule = { method: { type: 'manual', step: manualStep(maxUnits) }, mayBeNotApplicable, recognised: false };
  const { clauses, numerator, denominator } = clausesOf(rule);
  if (!clauses || clauses.length < 2) return manual;
  const points = clauses.map((c) => tryParsePoints(c.points));
  if (points.some((p) => p === null || p > maxUnits)) return manual;

  const ladder = ladderFrom(clauses);
  if (ladder) {
    return {
      method: {
        type: 'ratio_ladder',
        ...ratioLabels(nameVi, numerator, denominator),
        steps: ladder.steps,
        whenDenominatorZero: mayBeNotApplicable ? 'not_applicable' : ladder.zeroFull ? 'full' : 'zero',
      },
      mayBeNotApplicable,
      recognised: true,
    };
  }
  if (clauses.length === 2 && points[0] === maxUnits && points[1] === 0) {
    return { method: { type: 'yes_no' }, mayBeNotApplicable, recognised: true };
  }
  const levels: LevelOption[] = [];
  for (const [i, clause] of clauses.entries()) {
    const labelVi = LEVEL_LABELS_VI[clause.label.toLowerCase()];
    if (!labelVi) return manual;
    levels.push({ code: defaultLevelCode(i), labelVi, labelEn: capitalise(clause.label), points: canonicalDecimal(clause.points) });
  }
  if (!points.some((p) => p === maxUnits)) return manual;
  return { method: { type: 'levels', levels }, mayBeNotApplicable, recognised: true };
}

/** Band codes of the glossary for the sourced band names. */
const BAND_CODES: Record<string, string> = { 'Xuất sắc': 'excellent', 'Tốt': 'good', 'Khá': 'fair', 'Trung bình': 'average', 'Yếu': 'weak' };

const APPRAISING_BODIES: [RegExp, string][] = [
  [/thể chế|văn bản qppl/i, 'Sở Tư pháp'],
  [/tài chính/i, 'Sở Tài chính'],
  [/hiện đại hóa/i, 'Sở Thông tin và Truyền thông'],
  [/điều tra|tác động/i, ''],
  [/.*/, 'Sở Nội vụ'],
];

function appraisingBodyOf(nameVi: string): string {
  return APPRAISING_BODIES.find(([re]) => re.test(nameVi))?.[1] ?? '';
}

/** Converts the reference framework JSON into a Framework for `year` (bonus under "B", deductions under "D"); throws AppError('validation_failed') when the shape is not the reference's. */
export function frameworkFromReference(json: unknown, year: number, options: { groupCode?: string } = {}): Framework {
  const parsed = referenceSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('validation_failed', {
      vi: 'Tệp không có cấu trúc của bộ tiêu chí tham chiếu.',
      en: 'The file does not have the shape of the reference framework.',
    });
  }
  const ref = parsed.data;
  const nodes: FrameworkNode[] = [];
  const leaf = (node: FrameworkNode, rule: string, scoring?: string): FrameworkNode => {
    const parsedRule = methodFromRule(rule, node.maxPoints, node.nameVi, scoring);
    const method = parsedRule.method;
    const na = parsedRule.mayBeNotApplicable
      ? ' Có thể đánh giá không áp dụng nếu cơ quan không có đối tượng của tiêu chí này (điểm tối đa được loại khỏi mẫu số).'
      : '';
    return {
      ...node,
      mayBeNotApplicable: parsedRule.mayBeNotApplicable,
      method,
      guidanceVi: `${describeMethod(method, node.maxPoints, 'vi')}.${na}`.replace(/\.\./g, '.'),
      guidanceEn: rule,
      ...(method.type !== 'survey'
        ? {
            evidenceVi:
              method.type === 'ratio_ladder' || method.type === 'ratio_proportional'
                ? 'Báo cáo số liệu (tử số, mẫu số) kèm danh mục văn bản chứng minh.'
                : 'Văn bản, báo cáo chứng minh kết quả thực hiện.',
          }
        : {}),
    };
  };
  const walk = (list: RefNode[], parentCode: string | null) => {
    list.forEach((r, position) => {
      const children = [...(r.criteria ?? []), ...(r.sub_criteria ?? [])];
      const appraisingBody = parentCode === null ? appraisingBodyOf(r.name_vi) : '';
      const base: FrameworkNode = {
        code: r.code,
        parentCode,
        position,
        nameVi: r.name_vi.trim(),
        nameEn: r.name_en.trim(),
        maxPoints: canonicalDecimal(r.max_points),
        mayBeNotApplicable: false,
        method: null,
        kind: 'regular',
        ...(parentCode === null && appraisingBody !== '' ? { appraisingBody } : {}),
      };
      if (children.length === 0) nodes.push(leaf(base, r.rule ?? '', r.scoring));
      else {
        nodes.push(base);
        walk(children, r.code);
      }
    });
  };
  walk(ref.fields, null);
  let fieldPosition = ref.fields.length;

  if (ref.bonus && ref.bonus.max_points > 0) {
    const max = canonicalDecimal(ref.bonus.max_points);
    nodes.push({
      code: 'B',
      parentCode: null,
      position: fieldPosition++,
      nameVi: 'Điểm thưởng',
      nameEn: 'Bonus points',
      maxPoints: max,
      mayBeNotApplicable: false,
      method: null,
      kind: 'bonus',
    });
    nodes.push({
      ...leaf(
        {
          code: 'B.1',
          parentCode: 'B',
          position: 0,
          nameVi: 'Sáng kiến, mô hình được cấp tỉnh trở lên công nhận; kết quả cao trong các bảng xếp hạng',
          nameEn: 'Initiatives or models recognised at provincial level or above; top results in rankings',
          maxPoints: max,
          mayBeNotApplicable: false,
          method: null,
          kind: 'bonus',
        },
        ref.bonus.rule ?? '',
      ),
      method: { type: 'manual', step: manualStep(parsePoints(max)) },
      guidanceVi: `Hội đồng thẩm định chấm từ 0 đến ${max.replace('.', ',')} điểm, bước ${manualStep(parsePoints(max)).replace('.', ',')}, theo đề xuất có tài liệu kiểm chứng của cơ quan.`,
    });
  }
  if (ref.deductions && ref.deductions.items.length > 0) {
    const items = ref.deductions.items;
    const total = items.reduce((a, item) => a + parsePoints(item.points), 0);
    nodes.push({
      code: 'D',
      parentCode: null,
      position: fieldPosition++,
      nameVi: 'Điểm trừ',
      nameEn: 'Deductions',
      maxPoints: unitsToDecimalString(total),
      mayBeNotApplicable: false,
      method: null,
      kind: 'deduction',
    });
    items.forEach((item, i) => {
      const max = canonicalDecimal(item.points);
      const per = /[−-]\s*(\d+(?:\.\d+)?)\s+(?:per|if)\b/.exec(item.rule ?? '');
      const perUnits = per ? parsePoints(per[1] ?? '') : 0;
      const step = perUnits > 0 && parsePoints(max) % perUnits === 0 ? unitsToDecimalString(perUnits) : manualStep(parsePoints(max));
      const numbered = /^D(\d+)$/.exec(item.code);
      nodes.push({
        code: `D.${numbered ? numbered[1] : i + 1}`,
        parentCode: 'D',
        position: i,
        nameVi: item.name_vi.trim(),
        nameEn: item.name_en.trim(),
        maxPoints: max,
        mayBeNotApplicable: false,
        method: { type: 'manual', step },
        kind: 'deduction',
        guidanceVi: `Trừ từ 0 đến ${max.replace('.', ',')} điểm, bước ${step.replace('.', ',')}.`,
        ...(item.rule ? { guidanceEn: item.rule } : {}),
        evidenceVi: 'Văn bản của cấp có thẩm quyền ghi nhận vi phạm.',
      });
    });
  }
  const bands: ClassificationBand[] = (ref.classification ?? [])
    .map((c) => ({
      code: BAND_CODES[c.label_vi.trim()] ?? c.label_en.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_'),
      labelVi: c.label_vi.trim(),
      labelEn: c.label_en.trim(),
      minPercent: canonicalDecimal(c.min_pct),
    }))
    .sort((a, b) => parsePoints(b.minPercent) - parsePoints(a.minPercent));
  return {
    year,
    ...(options.groupCode !== undefined ? { groupCode: options.groupCode } : {}),
    nameVi: `Bộ tiêu chí xác định Chỉ số cải cách hành chính của các sở, ban, ngành năm ${year}`,
    nameEn: `Administrative reform (PAR) index framework for provincial departments, ${year}`,
    declaredTotal: canonicalDecimal(ref.max_total),
    bonusCap: canonicalDecimal(ref.bonus?.max_points ?? 0),
    deductionCap: canonicalDecimal(ref.deductions?.max_points ?? 0),
    bands,
    nodes,
  };
}
