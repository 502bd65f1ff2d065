import { PlusOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { Link, useNavigate } from 'react-router';
import { type QuestionnaireView, useSurveys } from '../../api/surveys';
import { useSelectedPeriod } from '../../api/periods';
import { CycleNoPeriod } from '../../components/cycle-no-period';
import { GuardedButton } from '../../components/guarded-button';
import { ListView } from '../../components/list-view';
import { PageHeader } from '../../components/page-header';
import { useListState } from '../../components/use-list-state';
import { formatCount, formatDate } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { SurveyStatusTag } from './survey-status-tag';
import './surveys.css';

const NO_FILTERS = {};

/** The questionnaires of the period chosen in the top bar: status, answers so far, and the way to create one. */
export default function SurveysPage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const { year, period, list: periods } = useSelectedPeriod();
  const list = useSurveys(period?.id);
  // A period has few questionnaires: the server sends them all and the table pages them here.
  const listState = useListState(NO_FILTERS);
  const canManage = list.data?.abilities.manage === true;
  // The server offers creation only for a period not yet published.
  const canCreate = list.data?.abilities.create === true;

  const header = (
    <PageHeader
      title={t('survey.title')}
      subtitle={t('survey.subtitle', { year })}
      crumbs={[{ title: t('survey.title') }]}
      extra={
        <GuardedButton allowed={canCreate && !!period} whenDenied={canManage && period ? 'disable' : 'hide'} deniedReason={t('survey.createPublished', { year })} type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/surveys/new')}>
          {t('survey.create')}
        </GuardedButton>
      }
    />
  );
  if (periods.isPending) return header;
  if (!period)
    return (
      <>
        {header}
        <Card className="pi-card">
          <CycleNoPeriod year={year} />
        </Card>
      </>
    );

  const title = (q: QuestionnaireView) => (lang === 'en' && q.titleEn ? q.titleEn : q.titleVi);
  return (
    <>
      {header}
      <ListView<QuestionnaireView, never>
        query={{ ...list, data: list.data ? { items: list.data.items, total: list.data.items.length } : undefined }}
        state={listState}
        empty={{
          title: t('survey.emptyTitle', { year }),
          hint: canCreate ? t('survey.emptyHint') : t('survey.emptyHintReadOnly'),
          actions: canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/surveys/new')}>
              {t('survey.create')}
            </Button>
          ) : undefined,
        }}
        noMatch={{ title: t('common.noMatch') }}
        rowKey="id"
        columns={[
          { key: 'code', title: t('survey.col.code'), dataIndex: 'code', width: 110 },
          {
            key: 'title',
            title: t('survey.col.title'),
            render: (_: unknown, q) => (
              <Link to={`/surveys/${q.id}`} className="pi-survey-title-link">
                {title(q)}
              </Link>
            ),
          },
          {
            key: 'groups',
            title: t('survey.col.groups'),
            render: (_: unknown, q) => q.content.respondentGroups.map((g) => (lang === 'en' && g.nameEn ? g.nameEn : g.nameVi)).join(', '),
          },
          { key: 'agencies', title: t('survey.col.agencies'), align: 'right', width: 120, render: (_: unknown, q) => formatCount(q.ratedAgencies.length, lang) },
          {
            key: 'questions',
            title: t('survey.col.questions'),
            align: 'right',
            width: 100,
            render: (_: unknown, q) => formatCount(q.content.sections.reduce((n, s) => n + s.questions.length, 0), lang),
          },
          { key: 'status', title: t('common.status'), width: 150, render: (_: unknown, q) => <SurveyStatusTag status={q.status} /> },
          {
            key: 'responses',
            title: t('survey.col.responses'),
            align: 'right',
            width: 120,
            render: (_: unknown, q) => <span data-testid={`responses-${q.code}`}>{formatCount(q.responseCount, lang)}</span>,
          },
          { key: 'publishedAt', title: t('survey.col.publishedAt'), width: 130, render: (_: unknown, q) => formatDate(q.publishedAt, lang) },
        ]}
      />
    </>
  );
}
