import { CopyOutlined, DownloadOutlined, LinkOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Result, Skeleton, Space, Tabs, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { usePeriodById } from '../../api/periods';
import { exportResponses, publicSurveyUrl, useSetSurveyStatus, useSurvey } from '../../api/surveys';
import { PageSpinner } from '../../components/full-page-spinner';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { formatCount } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import type { SurveyOutlet } from './survey-outlet';
import { SurveyStatusTag } from './survey-status-tag';
import './surveys.css';

export interface SurveyPageOutlet extends SurveyOutlet {
  /** The builder says whether it holds unsaved changes (publishing waits for them). */
  setDirty: (dirty: boolean) => void;
}

/** One questionnaire: its header (status, answers, public link, publish/close, exports) and its tabs. */
export default function SurveyPage() {
  const t = useT();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const location = useLocation();
  const navigate = useNavigate();
  const query = useSurvey(valid ? id : undefined);
  const period = usePeriodById(query.data?.periodId);
  const setStatus = useSetSurveyStatus(id);
  const [dirty, setDirty] = useState(false);
  const outlet = useMemo<SurveyPageOutlet | null>(() => (query.data ? { survey: query.data, period: period.data, setDirty } : null), [query.data, period.data]);

  if (!valid) return <Result status="404" title={t('survey.notFound')} />;
  if (query.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (query.error || !outlet) {
    const err = query.error;
    return (
      <Result
        status={err instanceof ApiError && err.status === 404 ? '404' : 'warning'}
        title={err instanceof ApiError && err.status === 404 ? t('survey.notFound') : t('error.loadFailed')}
        subTitle={err?.message}
        extra={<Button onClick={() => void navigate('/surveys')}>{t('survey.backToList')}</Button>}
      />
    );
  }
  const survey = query.data;
  const title = lang === 'en' && survey.titleEn ? survey.titleEn : survey.titleVi;
  const base = `/surveys/${id}`;
  const active = location.pathname.replace(base, '').replace(/^\//, '').split('/')[0] ?? '';
  const canManage = survey.abilities.manage === true;
  const link = publicSurveyUrl(survey.publicToken);

  const changeStatus = (status: 'published' | 'closed') => {
    modal.confirm({
      title: status === 'published' ? t('survey.publishConfirmTitle') : t('survey.closeConfirmTitle'),
      content: status === 'published' ? t('survey.publishConfirmText') : t('survey.closeConfirmText'),
      okText: status === 'published' ? t('survey.publish') : t('survey.close'),
      okButtonProps: status === 'closed' ? { danger: true } : {},
      cancelText: t('action.cancel'),
      onOk: () =>
        setStatus.mutateAsync({ status, version: survey.version }).then(
          () => void message.success(status === 'published' ? t('survey.published') : t('survey.closed')),
          (err: unknown) => void message.error(err instanceof Error ? err.message : String(err)),
        ),
    });
  };

  const runExport = (format: 'xlsx' | 'csv') =>
    exportResponses(id, format).then(
      (name) => void message.success(t('export.done', { name })),
      (err: unknown) => void message.error(err instanceof Error ? err.message : String(err)),
    );

  const tabs = [
    { key: '', label: t('survey.tab.design') },
    { key: 'codes', label: t('survey.tab.codes') },
    { key: 'quotas', label: t('survey.tab.quotas') },
    { key: 'paper', label: t('survey.tab.paper') },
    { key: 'verification', label: t('survey.tab.verification') },
    { key: 'results', label: t('survey.tab.results') },
  ];

  return (
    <div className="pi-survey">
      <PageHeader
        title={title}
        crumbs={[{ title: t('survey.title'), to: '/surveys' }, { title: survey.code }]}
        subtitle={
          <Space wrap size={[12, 4]}>
            <SurveyStatusTag status={survey.status} />
            <span>{t('survey.meta', { code: survey.code, year: survey.year })}</span>
            <span data-testid="survey-response-count">{t('survey.responses', { count: formatCount(survey.responseCount, lang) })}</span>
            {survey.status === 'published' && (
              <Typography.Text className="pi-survey-link" copyable={{ text: link, icon: [<CopyOutlined key="c" />, <CopyOutlined key="d" />], tooltips: [t('survey.copyLink'), t('common.copied')] }}>
                <a href={link} target="_blank" rel="noopener">
                  <LinkOutlined /> {t('survey.publicLink')}
                </a>
              </Typography.Text>
            )}
          </Space>
        }
        extra={
          <Space wrap>
            <Dropdown
              menu={{
                items: [
                  { key: 'xlsx', label: t('survey.exportXlsx'), onClick: () => void runExport('xlsx') },
                  { key: 'csv', label: t('survey.exportCsv'), onClick: () => void runExport('csv') },
                ],
              }}
            >
              <Button icon={<DownloadOutlined />}>{t('survey.export')}</Button>
            </Dropdown>
            {survey.status === 'draft' && (
              <GuardedButton
                allowed={canManage && !dirty}
                whenDenied={canManage ? 'disable' : 'hide'}
                deniedReason={t('survey.saveFirst')}
                type="primary"
                icon={<SendOutlined />}
                loading={setStatus.isPending}
                onClick={() => changeStatus('published')}
              >
                {t('survey.publish')}
              </GuardedButton>
            )}
            {survey.status === 'published' && (
              <GuardedButton allowed={canManage} whenDenied="hide" danger icon={<StopOutlined />} loading={setStatus.isPending} onClick={() => changeStatus('closed')}>
                {t('survey.close')}
              </GuardedButton>
            )}
          </Space>
        }
      />
      <Tabs className="pi-survey-tabs" activeKey={active} onChange={(k) => void navigate(k ? `${base}/${k}` : base)} items={tabs} />
      <Suspense fallback={<PageSpinner />}>
        <Outlet context={outlet} />
      </Suspense>
    </div>
  );
}
