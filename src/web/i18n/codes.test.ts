import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '../../core/domain/audit-catalogue';
import { ROLE_LABELS, ROLES } from '../../core/domain/roles';
import { IGNORED_REASONS, TALLY_WARNING_CODES } from '../../core/domain/survey/tally';
import { TASK_KIND_LABELS, TASK_KINDS, TASK_STATUS_LABELS, TASK_STATUSES } from '../../core/domain/tasks';
import { ASSESSMENT_STATUS_LABELS, ASSESSMENT_STATUSES, PHASE_LABELS, PHASES } from '../../core/domain/workflow';
import { backupItem } from '../../core/schemas/backups';
import { COMMENDATION_STATUSES, commendationKind } from '../../core/schemas/commendations';
import { councilEvaluationView } from '../../core/schemas/council';
import { nodeKind } from '../../core/schemas/framework';
import { frameworkStatus } from '../../core/schemas/frameworks';
import { INITIATIVE_STATUSES } from '../../core/schemas/initiatives';
import { questionnaireView } from '../../core/schemas/surveys';
import { en } from './en';
import { vi } from './vi';

/**
 * Every code a screen may show (an enum of src/core) must have words in both languages: the dictionaries name
 * the codes listed here by `<prefix><code>`, and the core's own label tables name the rest.
 */
const DICTIONARY_CODES: [prefix: string, codes: readonly string[]][] = [
  ['auditAction.', AUDIT_ACTIONS],
  ['auditEntity.', AUDIT_ENTITY_TYPES],
  ['survey.warning.', TALLY_WARNING_CODES],
  ['survey.ignored.', IGNORED_REASONS],
  ['survey.status.', questionnaireView.shape.status.options],
  ['com.status.', COMMENDATION_STATUSES],
  ['com.kind.', commendationKind.options],
  ['ini.status.', INITIATIVE_STATUSES],
  ['fw.status.', frameworkStatus.options],
  ['fw.kind.', nodeKind.options],
  ['council.status.', councilEvaluationView.shape.status.options],
  ['backup.status.', backupItem.shape.status.options],
];

const CORE_LABELS: [name: string, codes: readonly string[], labels: Record<string, { vi: string; en: string }>][] = [
  ['roles', ROLES, ROLE_LABELS],
  ['phases', PHASES, PHASE_LABELS],
  ['assessment statuses', ASSESSMENT_STATUSES, ASSESSMENT_STATUS_LABELS],
  ['task statuses', TASK_STATUSES, TASK_STATUS_LABELS],
  ['task kinds', TASK_KINDS, TASK_KIND_LABELS],
];

const dictionaries = { vi: vi as Record<string, string>, en: en as Record<string, string> };

describe('every code shown on a screen has words in Vietnamese and English', () => {
  it.each(DICTIONARY_CODES)('%s* names each code in both dictionaries', (prefix, codes) => {
    const missing = codes.flatMap((code) =>
      (['vi', 'en'] as const).filter((lang) => !dictionaries[lang][`${prefix}${code}`]?.trim()).map((lang) => `${lang}: ${prefix}${code}`),
    );
    expect(missing).toEqual([]);
  });

  it.each(CORE_LABELS)('the core labels of %s cover every value', (_name, codes, labels) => {
    const missing = codes.flatMap((code) => (['vi', 'en'] as const).filter((lang) => !labels[code]?.[lang]?.trim()).map((lang) => `${lang}: ${code}`));
    expect(missing).toEqual([]);
  });

  it('reads the English labels as English (no Vietnamese letters), so the English UI never falls back', () => {
    const vietnamese = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;
    const suspicious = DICTIONARY_CODES.flatMap(([prefix, codes]) => codes.map((c) => `${prefix}${c}`)).filter((k) => vietnamese.test(dictionaries.en[k] ?? ''));
    expect(suspicious).toEqual([]);
  });
});
