/**
 * Checks a questionnaire before it is saved or opened (docs/survey-tally.md, "Questionnaires"): unique codes,
 * option weights within 0..1, scored questions with options, leaf mappings to survey leaves of the framework, and
 * which survey leaves no question covers. Every problem is reported, with a path and a bilingual message.
 */
import type { Bilingual } from '../../errors';
import type { FrameworkNode } from '../../schemas/framework';
import { LEVEL_CODE_RE } from '../../schemas/framework';
import { parentCodes } from '../framework-tree';
import {
  isScored,
  parseWeight,
  SURVEY_LIMITS,
  type Questionnaire,
  type SurveyOption,
  type SurveyProblem,
  type SurveyQuestion,
} from './questionnaire';

/** The closed set of questionnaire problem codes. */
export type QuestionnaireProblemCode =
  | 'invalid_code'
  | 'title_missing'
  | 'text_too_long'
  | 'no_respondent_group'
  | 'duplicate_respondent_group'
  | 'too_many'
  | 'no_agencies'
  | 'duplicate_agency'
  | 'no_questions'
  | 'duplicate_question_code'
  | 'question_text_missing'
  | 'unknown_type'
  | 'options_missing'
  | 'duplicate_option_code'
  | 'option_label_missing'
  | 'weight_invalid'
  | 'no_weighted_option'
  | 'unscored_question_mapped'
  | 'respondent_question_mapped'
  | 'leaf_unknown'
  | 'leaf_not_survey'
  | 'duplicate_leaf'
  | 'group_unknown'
  | 'likert_labels'
  | 'max_choices_invalid'
  | 'max_length_invalid'
  | 'leaf_uncovered';

/** A problem of a questionnaire (see {@link QuestionnaireProblemCode}). */
export type QuestionnaireProblem = SurveyProblem<QuestionnaireProblemCode>;

/** The framework nodes the check needs: codes, parents and methods (a framework's `nodes`). */
export type FrameworkNodesLike = readonly Pick<FrameworkNode, 'code' | 'parentCode' | 'method'>[];

/** Options of {@link validateQuestionnaire}: `coverage` (default true) warns about survey leaves no question of this questionnaire feeds. */
export interface QuestionnaireCheckOptions {
  coverage?: boolean;
}

const isText = (s: unknown): s is string => typeof s === 'string';
const blank = (s: unknown) => !isText(s) || s.trim() === '';

/** Survey leaf codes of a framework's nodes, in the given order. */
function surveyLeafCodes(nodes: FrameworkNodesLike): string[] {
  const parents = parentCodes(nodes as readonly FrameworkNode[]);
  return nodes.filter((n) => !parents.has(n.code) && n.method?.type === 'survey').map((n) => n.code);
}

/** The leaf codes the questionnaires feed, for all groups (used by coverage checks). */
function coveredLeaves(questionnaires: readonly Pick<Questionnaire, 'questions'>[]): Set<string> {
  const covered = new Set<string>();
  for (const q of questionnaires) {
    for (const question of q.questions ?? []) {
      if (!isScored(question)) continue;
      for (const c of question.leafCodes ?? []) covered.add(c);
      for (const list of Object.values(question.leafCodesByGroup ?? {})) for (const c of list ?? []) covered.add(c);
    }
  }
  return covered;
}

/** Survey leaves of the framework that no scored question of the questionnaires feeds (all of a province's questionnaires together). */
export function uncoveredSurveyLeaves(questionnaires: readonly Pick<Questionnaire, 'questions'>[], nodes: FrameworkNodesLike): string[] {
  const covered = coveredLeaves(questionnaires);
  return surveyLeafCodes(nodes).filter((c) => !covered.has(c));
}

/** Checks a questionnaire against the framework's nodes and returns every problem (errors block saving; `leaf_uncovered` is a warning). */
export function validateQuestionnaire(q: Questionnaire, nodes: FrameworkNodesLike, options: QuestionnaireCheckOptions = {}): QuestionnaireProblem[] {
  const problems: QuestionnaireProblem[] = [];
  const add = (code: QuestionnaireProblemCode, path: string, message: Bilingual, severity: 'error' | 'warning' = 'error') =>
    problems.push({ code, severity, path, message });
  const checkCode = (value: unknown, path: string, what: Bilingual) => {
    if (!isText(value) || value.length === 0 || value.length > SURVEY_LIMITS.code || !LEVEL_CODE_RE.test(value)) {
      add('invalid_code', path, {
        vi: `${what.vi} "${String(value ?? '')}" không hợp lệ: tối đa ${SURVEY_LIMITS.code} ký tự gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch dưới.`,
        en: `${what.en} "${String(value ?? '')}" is not valid: at most ${SURVEY_LIMITS.code} unaccented letters, digits, dots, dashes or underscores.`,
      });
      return false;
    }
    return true;
  };
  const checkLength = (value: unknown, max: number, path: string) => {
    if (isText(value) && value.length > max) {
      add('text_too_long', path, { vi: `Nội dung dài quá ${max} ký tự.`, en: `The text is longer than ${max} characters.` });
    }
  };

  checkCode(q.code, 'code', { vi: 'Mã phiếu', en: 'The questionnaire code' });
  if (blank(q.titleVi)) add('title_missing', 'titleVi', { vi: 'Cần nhập tên phiếu khảo sát.', en: 'The questionnaire needs a title.' });
  checkLength(q.titleVi, SURVEY_LIMITS.text, 'titleVi');
  checkLength(q.titleEn, SURVEY_LIMITS.text, 'titleEn');

  const groups = new Set<string>();
  const groupList = Array.isArray(q.respondentGroups) ? q.respondentGroups : [];
  if (groupList.length === 0) {
    add('no_respondent_group', 'respondentGroups', {
      vi: 'Phiếu cần ít nhất một nhóm đối tượng khảo sát.',
      en: 'The questionnaire needs at least one respondent group.',
    });
  }
  if (groupList.length > SURVEY_LIMITS.respondentGroups) {
    add('too_many', 'respondentGroups', {
      vi: `Tối đa ${SURVEY_LIMITS.respondentGroups} nhóm đối tượng.`,
      en: `At most ${SURVEY_LIMITS.respondentGroups} respondent groups.`,
    });
  }
  groupList.forEach((g, i) => {
    if (!checkCode(g, `respondentGroups.${i}`, { vi: 'Mã nhóm đối tượng', en: 'The respondent group code' })) return;
    if (groups.has(g)) add('duplicate_respondent_group', `respondentGroups.${i}`, { vi: `Nhóm "${g}" bị trùng.`, en: `Group "${g}" is listed twice.` });
    groups.add(g);
  });

  const agencyList = Array.isArray(q.agencyIds) ? q.agencyIds : [];
  if (agencyList.length > SURVEY_LIMITS.agencies) {
    add('too_many', 'agencyIds', { vi: `Tối đa ${SURVEY_LIMITS.agencies} cơ quan trên một phiếu.`, en: `At most ${SURVEY_LIMITS.agencies} agencies per questionnaire.` });
  }
  const agencies = new Set<string>();
  agencyList.forEach((a, i) => {
    if (agencies.has(a)) add('duplicate_agency', `agencyIds.${i}`, { vi: `Cơ quan "${a}" bị trùng.`, en: `Agency "${a}" is listed twice.` });
    agencies.add(a);
  });

  const questions = Array.isArray(q.questions) ? q.questions : [];
  if (questions.length === 0) add('no_questions', 'questions', { vi: 'Phiếu chưa có câu hỏi nào.', en: 'The questionnaire has no question.' });
  if (questions.length > SURVEY_LIMITS.questions) {
    add('too_many', 'questions', { vi: `Tối đa ${SURVEY_LIMITS.questions} câu hỏi.`, en: `At most ${SURVEY_LIMITS.questions} questions.` });
  }

  const nodeByCode = new Map(nodes.map((n) => [n.code, n]));
  const parents = parentCodes(nodes as readonly FrameworkNode[]);
  const checkLeaves = (codes: readonly string[] | undefined, path: string) => {
    if (!Array.isArray(codes)) return;
    if (codes.length > SURVEY_LIMITS.leafCodesPerQuestion) {
      add('too_many', path, { vi: `Tối đa ${SURVEY_LIMITS.leafCodesPerQuestion} tiêu chí cho một câu hỏi.`, en: `At most ${SURVEY_LIMITS.leafCodesPerQuestion} leaves per question.` });
    }
    const seen = new Set<string>();
    codes.forEach((code, i) => {
      const node = nodeByCode.get(code);
      if (!node) {
        add('leaf_unknown', `${path}.${i}`, {
          vi: `Tiêu chí "${String(code)}" không có trong bộ tiêu chí.`,
          en: `Leaf "${String(code)}" is not in the framework.`,
        });
      } else if (parents.has(code) || node.method?.type !== 'survey') {
        add('leaf_not_survey', `${path}.${i}`, {
          vi: `"${code}" không phải tiêu chí chấm bằng điều tra xã hội học.`,
          en: `"${code}" is not a survey-scored leaf.`,
        });
      }
      if (seen.has(code)) {
        add('duplicate_leaf', `${path}.${i}`, { vi: `Tiêu chí "${code}" được gắn hai lần.`, en: `Leaf "${code}" is mapped twice.` }, 'warning');
      }
      seen.add(code);
    });
  };

  const codes = new Set<string>();
  questions.forEach((question: SurveyQuestion, qi) => {
    const base = `questions.${qi}`;
    if (checkCode(question.code, `${base}.code`, { vi: 'Mã câu hỏi', en: 'The question code' })) {
      if (codes.has(question.code)) {
        add('duplicate_question_code', `${base}.code`, {
          vi: `Mã câu hỏi "${question.code}" bị trùng.`,
          en: `Question code "${question.code}" is used more than once.`,
        });
      }
      codes.add(question.code);
    }
    const name = isText(question.code) ? question.code : String(qi + 1);
    if (blank(question.textVi)) {
      add('question_text_missing', `${base}.textVi`, { vi: `Câu hỏi "${name}" chưa có nội dung.`, en: `Question "${name}" has no text.` });
    }
    checkLength(question.textVi, SURVEY_LIMITS.text, `${base}.textVi`);
    checkLength(question.textEn, SURVEY_LIMITS.text, `${base}.textEn`);
    const type = (question as { type: unknown }).type;
    if (type !== 'single' && type !== 'likert' && type !== 'multiple' && type !== 'text') {
      add('unknown_type', `${base}.type`, { vi: `Loại câu hỏi "${String(type)}" không hợp lệ.`, en: `Unknown question type "${String(type)}".` });
      return;
    }
    const mapped =
      (question.leafCodes?.length ?? 0) > 0 || Object.values(question.leafCodesByGroup ?? {}).some((l) => (l?.length ?? 0) > 0);
    if (mapped && !isScored(question)) {
      add('unscored_question_mapped', `${base}.leafCodes`, {
        vi: `Câu hỏi "${name}" (nhiều lựa chọn hoặc tự luận) không chấm điểm nên không gắn với tiêu chí.`,
        en: `Question "${name}" (multiple choice or open text) is not scored and cannot feed a leaf.`,
      });
    }
    if (mapped && question.scope === 'respondent') {
      add('respondent_question_mapped', `${base}.scope`, {
        vi: `Câu hỏi "${name}" hỏi về người trả lời, không về cơ quan, nên không gắn với tiêu chí.`,
        en: `Question "${name}" is about the respondent, not an agency, so it cannot feed a leaf.`,
      });
    }
    if (question.scope === 'agency' && agencyList.length === 0) {
      add('no_agencies', 'agencyIds', {
        vi: `Câu hỏi "${name}" đánh giá cơ quan nhưng phiếu chưa có cơ quan nào được đánh giá.`,
        en: `Question "${name}" rates agencies but the questionnaire rates none.`,
      });
    }
    checkLeaves(question.leafCodes, `${base}.leafCodes`);
    for (const [group, list] of Object.entries(question.leafCodesByGroup ?? {})) {
      if (!groups.has(group)) {
        add(
          'group_unknown',
          `${base}.leafCodesByGroup.${group}`,
          { vi: `Nhóm "${group}" không thuộc phiếu này.`, en: `Group "${group}" is not a respondent group of this questionnaire.` },
          'warning',
        );
      }
      checkLeaves(list, `${base}.leafCodesByGroup.${group}`);
    }
    if (question.type === 'single' || question.type === 'multiple') {
      checkOptions(question.options, base, name, question.type === 'single' && mapped, add);
      if (question.type === 'multiple' && question.maxChoices !== undefined) {
        if (!Number.isInteger(question.maxChoices) || question.maxChoices < 1) {
          add('max_choices_invalid', `${base}.maxChoices`, { vi: 'Số lựa chọn tối đa phải là số nguyên dương.', en: 'The maximum number of choices must be a positive integer.' });
        }
      }
    } else if (question.type === 'likert') {
      if (question.labels !== undefined && (!Array.isArray(question.labels) || question.labels.length !== 5)) {
        add('likert_labels', `${base}.labels`, { vi: 'Thang Likert cần đúng 5 nhãn (1 đến 5).', en: 'A Likert scale needs exactly 5 labels (1 to 5).' });
      }
    } else if (question.maxLength !== undefined) {
      if (!Number.isInteger(question.maxLength) || question.maxLength < 1 || question.maxLength > SURVEY_LIMITS.openText) {
        add('max_length_invalid', `${base}.maxLength`, {
          vi: `Độ dài tối đa phải từ 1 đến ${SURVEY_LIMITS.openText} ký tự.`,
          en: `The maximum length must be from 1 to ${SURVEY_LIMITS.openText} characters.`,
        });
      }
    }
  });

  if (options.coverage !== false) {
    const covered = coveredLeaves([q]);
    for (const code of surveyLeafCodes(nodes)) {
      if (covered.has(code)) continue;
      add(
        'leaf_uncovered',
        'questions',
        { vi: `Chưa có câu hỏi nào cho tiêu chí điều tra "${code}".`, en: `No question feeds the survey leaf "${code}".` },
        'warning',
      );
    }
  }
  return problems;
}

function checkOptions(
  options: readonly SurveyOption[] | undefined,
  base: string,
  name: string,
  scored: boolean,
  add: (code: QuestionnaireProblemCode, path: string, message: Bilingual, severity?: 'error' | 'warning') => void,
): void {
  const list = Array.isArray(options) ? options : [];
  if (list.length === 0) {
    add('options_missing', `${base}.options`, { vi: `Câu hỏi "${name}" chưa có phương án trả lời.`, en: `Question "${name}" has no answer options.` });
    return;
  }
  if (list.length > SURVEY_LIMITS.options) {
    add('too_many', `${base}.options`, { vi: `Tối đa ${SURVEY_LIMITS.options} phương án.`, en: `At most ${SURVEY_LIMITS.options} options.` });
  }
  const codes = new Set<string>();
  let weighted = 0;
  list.forEach((o, oi) => {
    const path = `${base}.options.${oi}`;
    if (!isText(o.code) || o.code.length === 0 || o.code.length > SURVEY_LIMITS.code || !LEVEL_CODE_RE.test(o.code)) {
      add('invalid_code', `${path}.code`, { vi: `Mã phương án "${String(o.code ?? '')}" không hợp lệ.`, en: `Option code "${String(o.code ?? '')}" is not valid.` });
    } else if (codes.has(o.code)) {
      add('duplicate_option_code', `${path}.code`, { vi: `Mã phương án "${o.code}" bị trùng.`, en: `Option code "${o.code}" is used more than once.` });
    }
    if (isText(o.code)) codes.add(o.code);
    if (blank(o.labelVi)) add('option_label_missing', `${path}.labelVi`, { vi: 'Phương án chưa có nội dung.', en: 'The option has no label.' });
    if (isText(o.labelVi) && o.labelVi.length > SURVEY_LIMITS.label) {
      add('text_too_long', `${path}.labelVi`, { vi: `Nội dung dài quá ${SURVEY_LIMITS.label} ký tự.`, en: `The text is longer than ${SURVEY_LIMITS.label} characters.` });
    }
    if (o.weight !== null && o.weight !== undefined) {
      if (parseWeight(o.weight) === null) {
        add('weight_invalid', `${path}.weight`, {
          vi: `Trọng số "${String(o.weight)}" phải là số thập phân từ 0 đến 1 (ví dụ 0.6), hoặc để trống cho "không biết".`,
          en: `Weight "${String(o.weight)}" must be a decimal from 0 to 1 (e.g. 0.6), or empty for "don't know".`,
        });
      } else weighted++;
    }
  });
  if (scored && weighted === 0) {
    add('no_weighted_option', `${base}.options`, {
      vi: `Câu hỏi "${name}" được chấm điểm nhưng không phương án nào có trọng số.`,
      en: `Question "${name}" is scored but no option has a weight.`,
    });
  }
}
