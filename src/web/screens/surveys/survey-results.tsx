import { CheckCircleOutlined, DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Segmented, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useOutletContext } from 'react-router';
import { formatPoints, parsePoints } from '../../../core/domain/decimal';
import { exportPeriodTally, type TallyCell, useApplyTally, useSurveyTally } from '../../api/surveys';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { SearchBox } from '../../components/search-box';
import { formatCount } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import type { Lang } from '../../i18n/translate';
import type { SurveyPageOutlet } from './survey-page';

const points = (s: string | null, lang: Lang) => (s === null ? '—' : formatPoints(parsePoints(s), lang, 2));

/**
 * The tally: survey points per agency × survey leaf from the valid answers (this questionnaire alone as a preview,
 * or the whole period), with the 95 % interval, counts against the quota, the points the period uses now and the
 * warnings; exported to .xlsx and applied as the period's survey points.
 */
export default function SurveyResults() {
  const t = useT();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const { survey, period } = useOutletContext<SurveyPageOutlet>();
  const [scope, setScope] = useState<'questionnaire' | 'period'>('questionnaire');
  const [q, setQ] = useState('');
  const tally = useSurveyTally(scope === 'questionnaire' ? { questionnaireId: survey.id } : { periodId: survey.periodId });
  const apply = useApplyTally(survey.periodId);
  const data = tally.data;
  const needle = q.trim().toLowerCase();
  // The preview of one questionnaire shows the agencies it rates; the period's tally shows every assessed agency.
  const rated = new Set(survey.content.ratedAgencyIds);
  const cells = (data?.cells ?? []).filter(
    (c) => (scope === 'period' || rated.has(c.agencyId)) && (!needle || `${c.agencyCode} ${c.agencyNameVi} ${c.agencyNameEn} ${c.leafCode}`.toLowerCase().includes(needle)),
  );
  const canApply = scope === 'period' && data?.abilities.enterSurvey === true;
  const ignored = Object.entries(data?.ignored ?? {}).filter(([, n]) => n > 0);

  const runApply = () =>
    modal.confirm({
      title: t('survey.tally.applyTitle', { year: survey.year }),
      content: t('survey.tally.applyText', { changed: data?.changed ?? 0 }),
      okText: t('survey.tally.apply'),
      cancelText: t('action.cancel'),
      onOk: () =>
        apply.mutateAsync().then(
          (r) => void message.success(t('survey.tally.applied', { updated: r.updated, unchanged: r.unchanged, without: r.withoutAnswers })),
          (err: unknown) => void message.error(err instanceof Error ? err.message : String(err)),
        ),
    });

  return (
    <Card
      className="pi-card pi-table-card"
      size="small"
      title={
        <Segmented<'questionnaire' | 'period'>
          value={scope}
          onChange={setScope}
          options={[
            { value: 'questionnaire', label: t('survey.tally.scopeOne', { code: survey.code }) },
            { value: 'period', label: t('survey.tally.scopePeriod', { year: survey.year }) },
          ]}
        />
      }
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void exportPeriodTally(survey.periodId, survey.year).then(
                (name) => void message.success(t('export.done', { name })),
                (err: unknown) => void message.error(err instanceof Error ? err.message : String(err)),
              )
            }
          >
            {t('survey.tally.export', { year: survey.year })}
          </Button>
          {scope === 'period' && (
            <GuardedButton allowed={canApply} deniedReason={t('survey.tally.applyDenied')} type="primary" icon={<CheckCircleOutlined />} loading={apply.isPending} onClick={runApply} disabled={!data?.changed}>
              {t('survey.tally.apply')}
            </GuardedButton>
          )}
        </Space>
      }
    >
      {scope === 'questionnaire' && <Alert type="info" showIcon className="pi-sb-alert" title={t('survey.tally.previewNote')} />}
      {scope === 'period' && period && <Alert type="info" showIcon className="pi-sb-alert" title={t('survey.tally.periodNote', { count: data?.questionnaires.length ?? 0, changed: data?.changed ?? 0 })} />}
      {ignored.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="pi-sb-alert"
          title={t('survey.tally.ignored', { count: ignored.reduce((n, [, v]) => n + v, 0) })}
          description={ignored.map(([k, n]) => `${k}: ${n}`).join(' · ')}
        />
      )}
      <div className="pi-toolbar">
        <SearchBox label={t('survey.tally.search')} placeholder={t('survey.tally.search')} value={q} onSearch={setQ} className="pi-toolbar-search" />
        <span className="pi-toolbar-count">{t('table.count', { count: formatCount(cells.length, lang) })}</span>
      </div>
      {tally.error && !data ? (
        <EmptyState title={t('error.loadFailed')} hint={tally.error.message} actions={<Button onClick={() => void tally.refetch()}>{t('action.retry')}</Button>} />
      ) : (
        <Table<TallyCell>
          size="small"
          rowKey={(c) => `${c.agencyId}:${c.leafCode}`}
          loading={tally.isFetching}
          dataSource={cells}
          sticky={{ offsetHeader: 56 }}
          scroll={{ x: 1400 }}
          pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: tally.isPending ? ' ' : <EmptyState title={t('survey.tally.empty')} hint={t('survey.tally.emptyHint')} /> }}
          columns={[
            { key: 'agency', title: t('survey.quota.agency'), width: 240, fixed: 'left', render: (_: unknown, c) => `${c.agencyCode} · ${lang === 'en' && c.agencyNameEn ? c.agencyNameEn : c.agencyNameVi}` },
            {
              key: 'leaf',
              title: t('survey.tally.leaf'),
              width: 260,
              render: (_: unknown, c) => (
                <span>
                  <b>{c.leafCode}</b> {lang === 'en' && c.leafNameEn ? c.leafNameEn : c.leafNameVi}
                </span>
              ),
            },
            {
              key: 'points',
              title: t('survey.tally.points'),
              align: 'right',
              width: 120,
              render: (_: unknown, c) => (
                <span className="pi-num">
                  <b>{points(c.points, lang)}</b> / {points(c.maxPoints, lang)}
                </span>
              ),
            },
            {
              key: 'interval',
              title: t('survey.tally.interval'),
              align: 'right',
              width: 140,
              render: (_: unknown, c) => (c.interval ? `${points(c.interval.low, lang)} – ${points(c.interval.high, lang)}` : '—'),
            },
            {
              key: 'count',
              title: t('survey.tally.count'),
              align: 'right',
              width: 120,
              render: (_: unknown, c) => (
                <Tooltip title={t('survey.tally.dontKnow', { n: c.dontKnow })}>
                  {formatCount(c.count, lang)}
                  {c.dontKnow ? <span className="pi-muted"> (+{formatCount(c.dontKnow, lang)})</span> : null}
                </Tooltip>
              ),
            },
            {
              key: 'responses',
              title: t('survey.tally.responses'),
              align: 'right',
              width: 120,
              render: (_: unknown, c) => (
                <span className={c.belowTarget ? 'pi-survey-below' : undefined}>
                  {formatCount(c.responses, lang)}
                  {c.target ? `/${formatCount(c.target, lang)}` : ''}
                </span>
              ),
            },
            { key: 'current', title: t('survey.tally.current'), align: 'right', width: 110, render: (_: unknown, c) => <span className={c.current !== c.points && c.points !== null ? 'pi-survey-changed' : undefined}>{points(c.current, lang)}</span> },
            {
              key: 'warnings',
              title: t('survey.tally.warnings'),
              width: 240,
              render: (_: unknown, c) =>
                c.warnings.map((w) => (
                  <Tooltip key={w.code} title={w.message[lang]}>
                    <Tag icon={<WarningOutlined />} color="warning">
                      {w.code}
                    </Tag>
                  </Tooltip>
                )),
            },
          ]}
        />
      )}
    </Card>
  );
}
