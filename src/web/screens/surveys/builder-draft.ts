/**
 * The questionnaire builder's pure side: a new draft, the usual answer scale, weight ⇄ percent, the live check of a
 * draft (the core wire schema plus the server's content rules, with the server's paths so both kinds of error land
 * on the same fields), leaf coverage warnings, and the draft as the respondent's form shows it (for the preview).
 */
import { localizeIssue } from '../../../core/schemas/issues';
import { questionnaireCreate, type QuestionnaireContent } from '../../../core/schemas/surveys';
import type { PublicQuestionnaire, QuestionnaireDraft } from '../../api/surveys';
import type { Lang } from '../../i18n/translate';

export type Question = QuestionnaireContent['sections'][number]['questions'][number];
export type Section = QuestionnaireContent['sections'][number];
export type Option = Question['options'][number];
export type RespondentGroup = QuestionnaireContent['respondentGroups'][number];

/** The usual scale (methodology §5.1): A/B/C/D = 100/60/20/0 % of the item's points, E "don't know" excluded. */
export function defaultScale(): Option[] {
  return [
    { code: 'A', labelVi: 'Rất tốt', labelEn: 'Very good', weight: '1' },
    { code: 'B', labelVi: 'Tốt', labelEn: 'Good', weight: '0.6' },
    { code: 'C', labelVi: 'Chưa tốt', labelEn: 'Not good', weight: '0.2' },
    { code: 'D', labelVi: 'Kém', labelEn: 'Poor', weight: '0' },
    { code: 'E', labelVi: 'Không biết', labelEn: "Don't know", weight: null },
  ];
}

/** Respondent groups a province commonly surveys (methodology §5): offered as one-click additions. */
export const GROUP_PRESETS: RespondentGroup[] = [
  { code: 'DB', nameVi: 'Đại biểu HĐND tỉnh', nameEn: 'Provincial council deputies' },
  { code: 'LD', nameVi: 'Lãnh đạo cơ quan, đơn vị', nameEn: 'Agency leaders' },
  { code: 'CC', nameVi: 'Công chức, viên chức', nameEn: 'Civil servants' },
  { code: 'DN', nameVi: 'Người dân, doanh nghiệp', nameEn: 'Citizens and businesses' },
];

export function newQuestion(code: string): Question {
  return { code, type: 'single', textVi: '', textEn: '', required: true, perAgency: true, options: defaultScale(), leafCodes: [], maxLength: 1000 };
}

export function newSection(code: string, n: number): Section {
  return { code, titleVi: `Phần ${n}`, titleEn: `Part ${n}`, questions: [] };
}

export function newDraft(): QuestionnaireDraft {
  return {
    code: '',
    titleVi: '',
    titleEn: '',
    openLink: 'off',
    content: {
      introVi: 'Ý kiến của Quý vị được giữ kín và chỉ dùng để đánh giá công tác cải cách hành chính.',
      introEn: 'Your answers are anonymous and only used to assess administrative reform.',
      respondentGroups: [GROUP_PRESETS[3]!],
      ratedAgencyIds: [],
      sections: [{ ...newSection('S1', 1), questions: [newQuestion('Q1')] }],
    },
  };
}

/** The next free code with a prefix: Q1, Q2… (codes are unique within the questionnaire). */
export function nextCode(prefix: string, used: Iterable<string>): string {
  const taken = new Set(used);
  for (let n = 1; ; n++) if (!taken.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

export function allQuestionCodes(content: QuestionnaireContent): string[] {
  return content.sections.flatMap((s) => s.questions.map((q) => q.code));
}

/** "0.6" → 60; null stays null ("don't know"). */
export function weightToPercent(weight: string | null): number | null {
  return weight === null ? null : Math.round(Number(weight) * 1_000_000) / 10_000;
}

/** 60 → "0.6", 33.33 → "0.3333": a share of 1 with at most 4 decimals, as the wire wants it. */
export function percentToWeight(percent: number): string {
  const units = Math.round(Math.min(100, Math.max(0, percent)) * 100);
  const whole = Math.floor(units / 10_000);
  const frac = String(units % 10_000).padStart(4, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

export interface SurveyLeaf {
  code: string;
  label: string;
}

export interface DraftProblem {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

const rule = (path: string, lang: Lang, vi: string, en: string, severity: 'error' | 'warning' = 'error'): DraftProblem => ({ path, message: lang === 'vi' ? vi : en, severity });

/**
 * Every problem of a draft, with the server's paths: the wire schema (lengths, codes, weights, at least one group,
 * agency and section), then the rules the server adds (unique question and option codes, two options at least,
 * weights on scored questions, only single choice and 1–5 questions mapped, mapped leaves among the period's
 * survey leaves), then what only the browser says (duplicate group or section codes; leaves no question covers,
 * as warnings).
 */
export function checkDraft(draft: QuestionnaireDraft, surveyLeaves: readonly SurveyLeaf[] | null, lang: Lang): DraftProblem[] {
  const out: DraftProblem[] = [];
  const parsed = questionnaireCreate.omit({ periodId: true }).safeParse(draft);
  if (!parsed.success) for (const issue of parsed.error.issues) out.push({ path: issue.path.map(String).join('.') || '_root', message: localizeIssue(issue, lang), severity: 'error' });
  const c = draft.content;
  const seenGroups = new Set<string>();
  c.respondentGroups.forEach((g, i) => {
    if (g.code && seenGroups.has(g.code)) out.push(rule(`content.respondentGroups.${i}.code`, lang, 'Mã nhóm bị trùng.', 'Duplicate group code.'));
    seenGroups.add(g.code);
  });
  const seenSections = new Set<string>();
  const codes = new Set<string>();
  const leafSet = surveyLeaves ? new Set(surveyLeaves.map((l) => l.code)) : null;
  const covered = new Set<string>();
  c.sections.forEach((s, si) => {
    if (s.code && seenSections.has(s.code)) out.push(rule(`content.sections.${si}.code`, lang, 'Mã phần bị trùng.', 'Duplicate section code.'));
    seenSections.add(s.code);
    if (!s.questions.length) out.push(rule(`content.sections.${si}.questions`, lang, 'Phần này chưa có câu hỏi.', 'This part has no question yet.', 'warning'));
    s.questions.forEach((q, qi) => {
      const path = `content.sections.${si}.questions.${qi}`;
      if (codes.has(q.code)) out.push(rule(`${path}.code`, lang, 'Mã câu hỏi bị trùng.', 'Duplicate question code.'));
      codes.add(q.code);
      const choice = q.type === 'single' || q.type === 'multiple';
      if (choice && q.options.length < 2) out.push(rule(`${path}.options`, lang, 'Cần ít nhất 2 phương án.', 'At least 2 options are needed.'));
      if (choice && new Set(q.options.map((o) => o.code)).size !== q.options.length) out.push(rule(`${path}.options`, lang, 'Mã phương án bị trùng.', 'Duplicate option code.'));
      if (q.type === 'single' && q.leafCodes.length && !q.options.some((o) => o.weight !== null))
        out.push(rule(`${path}.options`, lang, 'Câu hỏi tính điểm cần trọng số cho phương án.', 'A scored question needs option weights.'));
      if (q.leafCodes.length && (q.type === 'multiple' || q.type === 'text'))
        out.push(rule(`${path}.leafCodes`, lang, 'Chỉ câu hỏi một lựa chọn hoặc thang 1–5 được tính điểm.', 'Only single-choice or 1–5 questions are scored.'));
      q.leafCodes.forEach((code, li) => {
        covered.add(code);
        if (leafSet && !leafSet.has(code))
          out.push(rule(`${path}.leafCodes.${li}`, lang, `"${code}" không phải tiêu chí điều tra xã hội học của kỳ này.`, `"${code}" is not a survey leaf of this period.`));
      });
      if (q.leafCodes.length && !q.perAgency)
        out.push(rule(`${path}.perAgency`, lang, 'Câu hỏi tính điểm nên được hỏi cho từng cơ quan được đánh giá.', 'A scored question is usually asked for each rated agency.', 'warning'));
    });
  });
  for (const leaf of surveyLeaves ?? [])
    if (!covered.has(leaf.code)) out.push(rule('leaves', lang, `Tiêu chí ${leaf.code} chưa có câu hỏi nào tính điểm.`, `No question scores leaf ${leaf.code}.`, 'warning'));
  return out;
}

/** Problems by path (the first message of each path). */
export function problemsByPath(problems: readonly DraftProblem[]): Map<string, DraftProblem> {
  const m = new Map<string, DraftProblem>();
  for (const p of problems) if (!m.has(p.path)) m.set(p.path, p);
  return m;
}

/** The draft as a respondent's form shows it: no weights, no mapping; `agencies` names the rated agencies. */
export function draftToPublic(draft: QuestionnaireDraft, agencies: PublicQuestionnaire['ratedAgencies'], group: string | null): PublicQuestionnaire {
  const byId = new Map(agencies.map((a) => [a.id, a]));
  return {
    token: 'preview',
    titleVi: draft.titleVi || '—',
    titleEn: draft.titleEn,
    introVi: draft.content.introVi,
    introEn: draft.content.introEn,
    sections: draft.content.sections.map((s) => ({
      code: s.code,
      titleVi: s.titleVi,
      titleEn: s.titleEn,
      questions: s.questions.map((q) => ({
        code: q.code,
        type: q.type,
        textVi: q.textVi || '…',
        textEn: q.textEn,
        required: q.required,
        perAgency: q.perAgency,
        maxLength: q.maxLength,
        options: q.options.map((o) => ({ code: o.code, labelVi: o.labelVi, labelEn: o.labelEn })),
      })),
    })),
    ratedAgencies: draft.content.ratedAgencyIds.map((id) => byId.get(id) ?? { id, code: String(id), nameVi: `#${id}`, nameEn: '' }),
    respondentGroups: draft.content.respondentGroups,
    respondentGroup: group,
    openLink: draft.openLink === 'on',
  };
}
