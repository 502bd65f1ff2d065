import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useOutletContext } from 'react-router';
import { SURVEYS_KEY } from '../../api/keys';
import { type QuestionnaireDraft, useSaveSurvey } from '../../api/surveys';
import { useT } from '../../i18n/i18n-context';
import type { SurveyPageOutlet } from './survey-page';
import { SurveyBuilder } from './survey-builder';

/** The design tab: the builder on the saved questionnaire (read-only once it has answers or is closed). */
export default function SurveyDesign() {
  const t = useT();
  const { survey, period, setDirty } = useOutletContext<SurveyPageOutlet>();
  const save = useSaveSurvey(survey.id);
  const qc = useQueryClient();
  const [generation, setGeneration] = useState(0);
  const initial: QuestionnaireDraft = { code: survey.code, titleVi: survey.titleVi, titleEn: survey.titleEn, openLink: survey.openLink, content: survey.content };
  const onSave = useCallback(async (draft: QuestionnaireDraft) => void (await save.mutateAsync({ version: survey.version, draft })), [save, survey.version]);
  const reason = survey.abilities.manage !== true ? t('survey.b.readOnlyRole') : survey.status === 'closed' ? t('survey.b.readOnlyClosed') : survey.responseCount > 0 ? t('survey.b.readOnlyAnswered') : undefined;
  return (
    <SurveyBuilder
      key={`${survey.id}:${generation}`}
      initial={initial}
      version={survey.version}
      storageKey={`parindex.survey-draft.${survey.id}`}
      period={period}
      knownAgencies={survey.ratedAgencies}
      editable={survey.abilities.edit === true}
      readOnlyReason={reason}
      onSave={onSave}
      onDirty={setDirty}
      onReload={() => {
        void qc.invalidateQueries({ queryKey: [...SURVEYS_KEY, 'one', survey.id] }).then(() => setGeneration((g) => g + 1));
      }}
    />
  );
}
