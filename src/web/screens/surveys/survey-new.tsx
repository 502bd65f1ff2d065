import { Card, Result } from 'antd';
import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useSelectedPeriod } from '../../api/periods';
import { type QuestionnaireDraft, useCreateSurvey, useSurveys } from '../../api/surveys';
import { CycleNoPeriod } from '../../components/cycle-no-period';
import { PageHeader } from '../../components/page-header';
import { useT } from '../../i18n/i18n-context';
import { newDraft } from './builder-draft';
import { SurveyBuilder } from './survey-builder';
import './surveys.css';

/** A new questionnaire for the period of the top bar: the builder on a fresh draft; the first save creates it. */
export default function SurveyNew() {
  const t = useT();
  const navigate = useNavigate();
  const { year, period, list } = useSelectedPeriod();
  const surveys = useSurveys(period?.id);
  const create = useCreateSurvey();
  const initial = useMemo(() => {
    const d = newDraft();
    const taken = new Set((surveys.data?.items ?? []).map((q) => q.code));
    let n = 1;
    while (taken.has(`P${String(n).padStart(2, '0')}`)) n++;
    return { ...d, code: `P${String(n).padStart(2, '0')}` };
  }, [surveys.data]);
  const onSave = useCallback(
    async (draft: QuestionnaireDraft) => {
      if (!period) return;
      const created = await create.mutateAsync({ periodId: period.id, draft });
      try {
        window.localStorage.removeItem(`parindex.survey-draft.new.${period.id}`);
      } catch {
        /* ignore */
      }
      // Leaving right after the save: the builder is clean by then, so its guard lets us go.
      window.setTimeout(() => void navigate(`/surveys/${created.id}`, { replace: true }), 0);
    },
    [create, navigate, period],
  );

  const header = <PageHeader title={t('survey.newTitle')} subtitle={t('survey.newSubtitle', { year })} crumbs={[{ title: t('survey.title'), to: '/surveys' }, { title: t('survey.newTitle') }]} />;
  if (list.isPending || (period && surveys.isPending)) return header;
  if (!period)
    return (
      <>
        {header}
        <Card className="pi-card">
          <CycleNoPeriod year={year} />
        </Card>
      </>
    );
  if (surveys.data && surveys.data.abilities.manage !== true) return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.text')} />;
  return (
    <>
      {header}
      <SurveyBuilder
        key={period.id}
        initial={initial}
        version={null}
        storageKey={`parindex.survey-draft.new.${period.id}`}
        period={period}
        knownAgencies={[]}
        editable
        onSave={onSave}
      />
    </>
  );
}
