/**
 * The compact, human-editable text of a leaf's scoring method used in the spreadsheet layout of a framework
 * (docs/scoring.md, "Spreadsheet layout"). Clauses are separated by ";", a backslash escapes a special character:
 * - levels: `Đúng hạn | On time = 1; Trễ hạn | Late = 0.5; [none] Không thực hiện = 0` (`[code]` optional,
 *   default L1, L2…; `| English` optional, default = Vietnamese);
 * - ratio_ladder: `>=90:2; >=70:1; <70:0; num=Số việc đúng hạn | Tasks on time; den=Tổng số | Total; zero=full`
 *   (`>` exclusive, `>=`/`≥` inclusive; a final `<x:0` is the implicit "below every step gives 0");
 * - ratio_proportional: `cap=80; floor=0.25` plus the same num/den/zero options;
 * - manual: `step=0.25`; yes_no and survey: empty.
 */
import type { Bilingual } from '../errors';
import type { LadderStep, LeafMethod, LeafMethodType, LevelOption } from './framework';
import { canonicalDecimal, tryParsePoints } from './decimal';

/** Default Vietnamese/English labels of a ratio's numerator and denominator when the config text omits them. */
export const DEFAULT_RATIO_LABELS = {
  numeratorLabelVi: 'Tử số',
  numeratorLabelEn: 'Numerator',
  denominatorLabelVi: 'Mẫu số',
  denominatorLabelEn: 'Denominator',
} as const;

/** Default code of the level at a 0-based position ("L1", "L2", …), used when the config text gives none. */
export function defaultLevelCode(position: number): string {
  return `L${position + 1}`;
}

/** Result of parsing a method config text: the method, or every problem found. */
export type MethodConfigResult = { ok: true; method: LeafMethod } | { ok: false; problems: Bilingual[] };

interface Char {
  c: string;
  escaped: boolean;
}

function chars(text: string): Char[] {
  const out: Char[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      out.push({ c: text[i + 1] as string, escaped: true });
      i++;
    } else out.push({ c, escaped: false });
  }
  return out;
}

const str = (cs: Char[]) => cs.map((x) => x.c).join('').trim();

function splitAt(cs: Char[], sep: string, last = false): [Char[], Char[]] | null {
  let idx = -1;
  for (let i = 0; i < cs.length; i++) {
    if (!cs[i]?.escaped && cs[i]?.c === sep) {
      idx = i;
      if (!last) break;
    }
  }
  return idx < 0 ? null : [cs.slice(0, idx), cs.slice(idx + 1)];
}

function clauses(text: string): Char[][] {
  const out: Char[][] = [];
  let cur: Char[] = [];
  for (const ch of chars(text)) {
    if (!ch.escaped && ch.c === ';') {
      out.push(cur);
      cur = [];
    } else cur.push(ch);
  }
  out.push(cur);
  return out.filter((cl) => str(cl) !== '');
}

/** Escapes the characters that structure a config text (\ ; = |) inside a label. */
function esc(s: string): string {
  return s.replace(/[\\;=|]/g, (m) => `\\${m}`);
}

const bi = (vi: string, en: string): Bilingual => ({ vi, en });

function decimalOf(raw: string): string | null {
  const cleaned = raw.replace(/\s+/g, '').replace(/%$/, '');
  const normalised = /^-?\d+,\d+$/.test(cleaned) ? cleaned.replace(',', '.') : cleaned;
  try {
    return canonicalDecimal(normalised);
  } catch {
    return null;
  }
}

/** Formats a method as its compact config text (the inverse of {@link parseMethodConfig}). */
export function formatMethodConfig(method: LeafMethod): string {
  switch (method.type) {
    case 'levels':
      return method.levels
        .map((l, i) => {
          const code = l.code === defaultLevelCode(i) ? '' : `[${l.code.replace(/[\\\]]/g, (m) => `\\${m}`)}] `;
          const vi = esc(l.labelVi).replace(/^\[/, '\\[');
          const en = l.labelEn === l.labelVi ? '' : ` | ${esc(l.labelEn)}`;
          return `${code}${vi}${en} = ${l.points}`;
        })
        .join('; ');
    case 'ratio_ladder': {
      const parts = method.steps.map((s) => `${s.inclusive ? '>=' : '>'}${s.minPercent}:${s.points}`);
      const last = method.steps[method.steps.length - 1];
      if (last && !(last.inclusive && tryParsePoints(last.minPercent) === 0)) {
        parts.push(`${last.inclusive ? '<' : '<='}${last.minPercent}:0`);
      }
      return [...parts, ...ratioOptions(method)].join('; ');
    }
    case 'ratio_proportional': {
      const parts: string[] = [];
      if (method.capPercent !== undefined) parts.push(`cap=${method.capPercent}`);
      if (method.step !== undefined) parts.push(`${method.rounding === 'floor_to_step' ? 'floor' : 'step'}=${method.step}`);
      else if (method.rounding === 'floor_to_step') parts.push('floor=');
      return [...parts, ...ratioOptions(method)].join('; ');
    }
    case 'manual':
      return `step=${method.step}`;
    default:
      return '';
  }
}

function ratioOptions(m: Extract<LeafMethod, { type: 'ratio_ladder' | 'ratio_proportional' }>): string[] {
  const out: string[] = [];
  const label = (key: string, vi: string, en: string, dVi: string, dEn: string) => {
    if (vi === dVi && en === dEn) return;
    out.push(`${key}=${esc(vi)}${en === vi ? '' : ` | ${esc(en)}`}`);
  };
  label('num', m.numeratorLabelVi, m.numeratorLabelEn, DEFAULT_RATIO_LABELS.numeratorLabelVi, DEFAULT_RATIO_LABELS.numeratorLabelEn);
  label('den', m.denominatorLabelVi, m.denominatorLabelEn, DEFAULT_RATIO_LABELS.denominatorLabelVi, DEFAULT_RATIO_LABELS.denominatorLabelEn);
  if (m.whenDenominatorZero !== 'zero') out.push(`zero=${m.whenDenominatorZero === 'full' ? 'full' : 'na'}`);
  return out;
}

const ZERO_RULES: Record<string, 'full' | 'zero' | 'not_applicable'> = {
  full: 'full',
  'đủ': 'full',
  'đủ điểm': 'full',
  zero: 'zero',
  '0': 'zero',
  na: 'not_applicable',
  'n/a': 'not_applicable',
  not_applicable: 'not_applicable',
  'không áp dụng': 'not_applicable',
  ktd: 'not_applicable',
};

interface RatioOptions {
  labels: { numeratorLabelVi: string; numeratorLabelEn: string; denominatorLabelVi: string; denominatorLabelEn: string };
  zero: 'full' | 'zero' | 'not_applicable';
}

function parseLevels(cls: Char[][], problems: Bilingual[]): LeafMethod | null {
  const levels: LevelOption[] = [];
  cls.forEach((cl, i) => {
    const parts = splitAt(cl, '=', true);
    if (!parts) {
      problems.push(bi(`Mức "${str(cl)}" thiếu "= điểm".`, `Level "${str(cl)}" lacks "= points".`));
      return;
    }
    const points = decimalOf(str(parts[1]));
    if (points === null) problems.push(bi(`Điểm của mức "${str(parts[0])}" không hợp lệ: "${str(parts[1])}".`, `Invalid points for level "${str(parts[0])}": "${str(parts[1])}".`));
    let left = parts[0];
    while (left.length > 0 && left[0]?.c.trim() === '') left = left.slice(1);
    let code = defaultLevelCode(i);
    if (left[0] && !left[0].escaped && left[0].c === '[') {
      const close = splitAt(left.slice(1), ']');
      if (!close) {
        problems.push(bi(`Thiếu "]" sau mã mức trong "${str(cl)}".`, `Missing "]" after the level code in "${str(cl)}".`));
        return;
      }
      code = str(close[0]);
      left = close[1];
    }
    const names = splitAt(left, '|');
    const vi = str(names ? names[0] : left);
    const en = names ? str(names[1]) : vi;
    if (vi === '') problems.push(bi(`Mức thứ ${i + 1} chưa có tên.`, `Level ${i + 1} has no label.`));
    if (code === '') problems.push(bi(`Mức "${vi}" có mã rỗng.`, `Level "${vi}" has an empty code.`));
    if (points !== null) levels.push({ code, labelVi: vi, labelEn: en, points });
  });
  if (cls.length === 0) problems.push(bi('Chưa khai báo mức nào (ví dụ "Đúng hạn=1; Trễ hạn=0.5; Không thực hiện=0").', 'No levels declared (e.g. "On time=1; Late=0.5; Not done=0").'));
  return problems.length === 0 ? { type: 'levels', levels } : null;
}

function parseOption(cl: Char[], opts: RatioOptions, extra: Map<string, string>, problems: Bilingual[]): void {
  const kv = splitAt(cl, '=');
  if (!kv) {
    problems.push(bi(`Không hiểu "${str(cl)}".`, `Cannot understand "${str(cl)}".`));
    return;
  }
  const key = str(kv[0]).toLowerCase();
  if (key === 'num' || key === 'den') {
    const names = splitAt(kv[1], '|');
    const vi = str(names ? names[0] : kv[1]);
    const en = names ? str(names[1]) : vi;
    if (vi === '') problems.push(bi(`Nhãn "${key}" rỗng.`, `Label "${key}" is empty.`));
    if (key === 'num') Object.assign(opts.labels, { numeratorLabelVi: vi, numeratorLabelEn: en });
    else Object.assign(opts.labels, { denominatorLabelVi: vi, denominatorLabelEn: en });
  } else if (key === 'zero') {
    const rule = ZERO_RULES[str(kv[1]).toLowerCase()];
    if (!rule) problems.push(bi(`"zero" phải là full, zero hoặc na (đang là "${str(kv[1])}").`, `"zero" must be full, zero or na (got "${str(kv[1])}").`));
    else opts.zero = rule;
  } else {
    extra.set(key, str(kv[1]));
  }
}

const STEP_RE = /^(>=|≥|=>|>|<=|≤|=<|<)?\s*([0-9]+(?:[.,][0-9]+)?)\s*%?$/;

function parseRatio(type: 'ratio_ladder' | 'ratio_proportional', cls: Char[][], problems: Bilingual[]): LeafMethod | null {
  const opts: RatioOptions = { labels: { ...DEFAULT_RATIO_LABELS }, zero: 'zero' };
  const extra = new Map<string, string>();
  const steps: LadderStep[] = [];
  let below: { min: string; inclusiveBound: boolean; points: string; text: string } | null = null;
  for (const cl of cls) {
    const text = str(cl);
    const colon = splitAt(cl, ':');
    const head = colon ? str(colon[0]) : '';
    const m = colon ? STEP_RE.exec(head) : null;
    if (!colon || !m) {
      parseOption(cl, opts, extra, problems);
      continue;
    }
    if (type !== 'ratio_ladder') {
      problems.push(bi(`"${text}": bậc tỷ lệ chỉ dùng cho thang tỷ lệ.`, `"${text}": steps are only for a percentage ladder.`));
      continue;
    }
    const op = m[1] ?? '>=';
    const min = decimalOf(m[2] ?? '');
    const points = decimalOf(str(colon[1]));
    if (min === null || points === null) {
      problems.push(bi(`Bậc "${text}" không hợp lệ (ví dụ ">=90:2").`, `Invalid step "${text}" (e.g. ">=90:2").`));
      continue;
    }
    if (below) problems.push(bi(`Bậc "${below.text}" (dưới ngưỡng) phải đứng cuối.`, `The "below" step "${below.text}" must come last.`));
    if (op === '<' || op === '<=' || op === '≤' || op === '=<') {
      below = { min, inclusiveBound: op === '<', points, text };
    } else {
      steps.push({ minPercent: min, inclusive: op !== '>', points });
    }
  }
  if (type === 'ratio_ladder') {
    if (below) {
      const lowest = steps[steps.length - 1];
      if (!lowest || lowest.minPercent !== below.min || lowest.inclusive !== below.inclusiveBound) {
        problems.push(
          bi(
            `Bậc "${below.text}" phải bổ sung cho bậc thấp nhất (ví dụ ">=70:1; <70:0" hoặc ">70:1; <=70:0").`,
            `"${below.text}" must complement the lowest step (e.g. ">=70:1; <70:0" or ">70:1; <=70:0").`,
          ),
        );
      } else if (tryParsePoints(below.points) !== 0) {
        steps.push({ minPercent: '0', inclusive: true, points: below.points });
      }
    }
    if (steps.length === 0) problems.push(bi('Chưa khai báo bậc tỷ lệ nào (ví dụ ">=90:2; >=70:1; <70:0").', 'No steps declared (e.g. ">=90:2; >=70:1; <70:0").'));
  }
  let capPercent: string | undefined;
  let step: string | undefined;
  let rounding: 'exact' | 'floor_to_step' = 'exact';
  for (const [key, value] of extra) {
    if (type === 'ratio_proportional' && (key === 'cap' || key === 'floor' || key === 'step')) {
      if (key === 'floor') rounding = 'floor_to_step';
      if (key === 'floor' && value === '') continue;
      const d = decimalOf(value);
      if (d === null) problems.push(bi(`Giá trị "${key}" không hợp lệ: "${value}".`, `Invalid "${key}" value: "${value}".`));
      else if (key === 'cap') capPercent = d;
      else step = d;
    } else {
      problems.push(bi(`Tùy chọn "${key}" không dùng cho phương pháp này.`, `Option "${key}" does not apply to this method.`));
    }
  }
  if (problems.length > 0) return null;
  if (type === 'ratio_ladder') return { type, ...opts.labels, steps, whenDenominatorZero: opts.zero };
  return {
    type,
    ...opts.labels,
    rounding,
    ...(step !== undefined ? { step } : {}),
    ...(capPercent !== undefined ? { capPercent } : {}),
    whenDenominatorZero: opts.zero,
  };
}

/** Parses a method's compact config text (see the module comment) into a method, reporting every problem in both languages. */
export function parseMethodConfig(type: LeafMethodType, text: string): MethodConfigResult {
  const problems: Bilingual[] = [];
  const cls = clauses(text);
  let method: LeafMethod | null = null;
  switch (type) {
    case 'levels':
      method = parseLevels(cls, problems);
      break;
    case 'ratio_ladder':
    case 'ratio_proportional':
      method = parseRatio(type, cls, problems);
      break;
    case 'manual': {
      const extra = new Map<string, string>();
      const opts: RatioOptions = { labels: { ...DEFAULT_RATIO_LABELS }, zero: 'zero' };
      for (const cl of cls) parseOption(cl, opts, extra, problems);
      const raw = extra.get('step') ?? (cls.length === 1 && !splitAt(cls[0] ?? [], '=') ? str(cls[0] ?? []) : undefined);
      const step = raw !== undefined ? decimalOf(raw) : null;
      if (step === null) problems.push(bi('Cần khai báo bước điểm, ví dụ "step=0.25".', 'Declare the step, e.g. "step=0.25".'));
      for (const key of extra.keys()) {
        if (key !== 'step') problems.push(bi(`Tùy chọn "${key}" không dùng cho chấm trực tiếp.`, `Option "${key}" does not apply to direct scoring.`));
      }
      if (problems.length === 0 && step !== null) method = { type: 'manual', step };
      break;
    }
    case 'yes_no':
    case 'survey':
      if (cls.length > 0) {
        problems.push(bi(`Phương pháp này không cần cấu hình (đang có "${text.trim()}").`, `This method takes no configuration (got "${text.trim()}").`));
      } else method = { type };
      break;
  }
  return method && problems.length === 0 ? { ok: true, method } : { ok: false, problems };
}

/** Parses a points cell as the spreadsheet gives it (number, "1.5", "1,5") into canonical decimal text; null when it is not a valid decimal. */
export function parsePointsCell(value: unknown): string | null {
  if (typeof value !== 'number' && typeof value !== 'string') return null;
  const text = typeof value === 'string' ? value.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2') : value;
  try {
    return canonicalDecimal(text);
  } catch {
    return null;
  }
}
