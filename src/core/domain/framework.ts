/**
 * The framework model (bộ tiêu chí): a flat list of nodes (field → criterion → sub-criterion, any depth) as the
 * database and spreadsheets hold it, with tree utilities and validation. Types are the Zod wire shapes of
 * `core/schemas/framework.ts`; rules are in docs/scoring.md and methodology.md §2–4.
 */
import type { Bilingual } from '../errors';
import type { FrameworkNode, LeafMethod } from '../schemas/framework';

export type {
  ClassificationBand,
  DenominatorZeroRule,
  Framework,
  FrameworkNode,
  LadderStep,
  LeafInput,
  LeafMethod,
  LevelOption,
  NodeKind,
} from '../schemas/framework';

/** The scoring method names of a leaf. */
export type LeafMethodType = LeafMethod['type'];

/** A rubric of levels (on time 1 / late 0.5 / not done 0); the input is a level code. */
export type LevelsMethod = Extract<LeafMethod, { type: 'levels' }>;
/** A percentage ladder from counts (≥ 90% → 2, ≥ 70% → 1, else 0). */
export type RatioLadderMethod = Extract<LeafMethod, { type: 'ratio_ladder' }>;
/** Points proportional to a ratio: max × min(ratio / cap, 1). */
export type RatioProportionalMethod = Extract<LeafMethod, { type: 'ratio_proportional' }>;
/** Yes gives the maximum, no gives 0. */
export type YesNoMethod = Extract<LeafMethod, { type: 'yes_no' }>;
/** Any multiple of `step` between 0 and the maximum. */
export type ManualMethod = Extract<LeafMethod, { type: 'manual' }>;
/** Points come from the survey tally, never self-scored. */
export type SurveyMethod = Extract<LeafMethod, { type: 'survey' }>;
/** A method computed from a numerator and a denominator. */
export type RatioMethod = RatioLadderMethod | RatioProportionalMethod;

/** All scoring method names, in the order the UI offers them. */
export const LEAF_METHOD_TYPES: readonly LeafMethodType[] = [
  'levels',
  'ratio_ladder',
  'ratio_proportional',
  'yes_no',
  'manual',
  'survey',
];

/** Vietnamese and English names of each scoring method, for labels and messages. */
export const LEAF_METHOD_LABELS: Record<LeafMethodType, Bilingual> = {
  levels: { vi: 'Chấm theo mức', en: 'Levels' },
  ratio_ladder: { vi: 'Thang tỷ lệ', en: 'Percentage ladder' },
  ratio_proportional: { vi: 'Tỷ lệ thuận', en: 'Proportional to a ratio' },
  yes_no: { vi: 'Có/Không', en: 'Yes/No' },
  manual: { vi: 'Chấm trực tiếp', en: 'Scored directly' },
  survey: { vi: 'Điều tra xã hội học', en: 'Survey' },
};

/** A node with its children, ordered by position then code (what {@link buildTree} returns). */
export type TreeNode = FrameworkNode & { children: TreeNode[] };

/** Severity of a framework problem: errors block publication, warnings are shown to the secretariat. */
export type ProblemSeverity = 'error' | 'warning';

/** The closed set of framework problem codes reported by validateFramework. */
export type FrameworkProblemCode =
  | 'empty_framework'
  | 'too_many_nodes'
  | 'invalid_code_format'
  | 'duplicate_code'
  | 'unknown_parent'
  | 'code_parent_mismatch'
  | 'cycle'
  | 'name_missing'
  | 'invalid_decimal'
  | 'negative_value'
  | 'leaf_without_method'
  | 'parent_with_method'
  | 'children_sum_mismatch'
  | 'total_mismatch'
  | 'kind_mismatch'
  | 'levels_empty'
  | 'duplicate_level_code'
  | 'level_points_exceed_max'
  | 'no_level_gives_max'
  | 'ladder_empty'
  | 'ladder_not_sorted'
  | 'ladder_points_exceed_max'
  | 'no_step_gives_max'
  | 'ladder_not_monotonic'
  | 'percent_out_of_range'
  | 'step_not_positive'
  | 'step_not_divisor'
  | 'floor_step_missing'
  | 'zero_max'
  | 'duplicate_position'
  | 'not_applicable_on_parent'
  | 'cap_zero_with_items'
  | 'bands_invalid';

/** One problem of a framework: `path` names the field (e.g. `maxPoints`, `method.levels.1.points`, `bands.0.minPercent`). */
export interface FrameworkProblem {
  code: FrameworkProblemCode;
  severity: ProblemSeverity;
  nodeCode?: string;
  path?: string;
  message: Bilingual;
}

export * from './framework-tree';
export { validateFramework, hasErrors } from './validate-framework';
