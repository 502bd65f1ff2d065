import { CheckCircleOutlined, DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Segmented, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useOutletContext } from 'react-router';
import { formatPoints, parsePoints } from '../../../core/domain/decimal';
import { IGNORED_REASONS, TALLY_WARNING_CODES, type TallyWarningCode } from '../../../core/domain/survey/tally';
import { exportPeriodTally, type TallyCell, useApplyTally, useSurveyTally } from '../../api/surveys';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { SearchBox } from '../../components/search-box';
import { StatusBar, type StatusBarTone } from '../../components/status-bar';
import { formatCount } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import type { Lang, MessageKey } from '../../i18n/translate';
import type { SurveyPageOutlet } from './survey-page';

const points = (s: string | null, lang: Lang) => (s === null ? '—' : formatPoints(parsePoints(s), lang, 2));

/** A cell's state for the status bar: its most serious warning, or "ok". */
type CellState = 'ok' | TallyWarningCode;
const STATE_ORDER: readonly CellState[] = ['ok', 'few_answers', 'below_target', 'no_answers'];
const STATE_TONE: Record<CellState, StatusBarTone> = { ok: 'ok', few_answers: 'warn', below_target: 'info', no_answers: 'danger' };
function cellState(c: TallyCell): CellState {
  const codes = new Set(c.warnings.map((w) => w.code));
  return (['no_answers', 'below_target', 'few_answers'] as const).find((code) => codes.has(code)) ?? 'ok';
}
const isWarning = (code: string): code is TallyWarningCode => (TALLY_WARNING_CODES as readonly string[]).includes(code);
const isIgnored = (code: string): code is (typeof IGNORED_REASONS)[number] => (IGNORED_REASONS as readonly string[]).includes(code);

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
  const [state, setState] = useState<CellState | null>(null);
  const tally = useSurveyTally(scope === 'questionnaire' ? { questionnaireId: survey.id } : { periodId: survey.periodId });
  const apply = useApplyTally(survey.periodId);
  const data = tally.data;
  const needle = q.trim().toLowerCase();
  // The preview of one questionnaire shows the agencies it rates; the period's tally shows every assessed agency.
  const rated = new Set(survey.content.ratedAgencyIds);
  const inScope = (data?.cells ?? []).filter((c) => scope === 'period' || rated.has(c.agencyId));
  const cells = inScope.filter(
    (c) => (!state || cellState(c) === state) && (!needle || `${c.agencyCode} ${c.agencyNameVi} ${c.agencyNameEn} ${c.leafCode}`.toLowerCase().includes(needle)),
  );
  const stateCounts = new Map<CellState, number>();
  for (const c of inScope) stateCounts.set(cellState(c), (stateCounts.get(cellState(c)) ?? 0) + 1);
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
          description={ignored.map(([k, n]) => `${isIgnored(k) ? t(`survey.ignored.${k}` as MessageKey) : k}: ${formatCount(n, lang)}`).join(' · ')}
        />
      )}
      {inScope.length > 0 && (
        <StatusBar
          title={t('survey.tally.statusTitle', { count: formatCount(inScope.length, lang) })}
          segments={STATE_ORDER.map((key) => ({
            key,
            label: key === 'ok' ? t('survey.tally.stateOk') : t(`survey.warning.${key}` as MessageKey),
            count: stateCounts.get(key) ?? 0,
            tone: STATE_TONE[key],
            active: state === key,
            onClick: () => setState(state === key ? null : key),
          }))}
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
          pagination={{ pageSize: 100, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: tally.isPending ? ' ' : <EmptyState title={t('survey.tally.empty')} hint={t('survey.tally.emptyHint')} /> }}
          columns={[
            { key: 'agency', title: t('survey.quota.agency'), width: 200, render: (_: unknown, c) => (lang === 'en' && c.agencyNameEn ? c.agencyNameEn : c.agencyNameVi) },
            {
              key: 'leaf',
              title: t('survey.tally.leaf'),
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
              width: 130,
              render: (_: unknown, c) => (
                <span className="pi-num">
                  <b>{points(c.points, lang)}</b> / {points(c.maxPoints, lang)}
                  {c.interval && (
                    <Tooltip title={t('survey.tally.interval')}>
                      <div className="pi-muted">
                        {points(c.interval.low, lang)} – {points(c.interval.high, lang)}
                      </div>
                    </Tooltip>
                  )}
                </span>
              ),
            },
            {
              key: 'count',
              title: t('survey.tally.count'),
              align: 'right',
              width: 100,
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
              width: 100,
              render: (_: unknown, c) => (
                <span className={c.belowTarget ? 'pi-survey-below' : undefined}>
                  {formatCount(c.responses, lang)}
                  {c.target ? `/${formatCount(c.target, lang)}` : ''}
                </span>
              ),
            },
            { key: 'current', title: t('survey.tally.current'), align: 'right', width: 100, render: (_: unknown, c) => <span className={c.current !== c.points && c.points !== null ? 'pi-survey-changed' : undefined}>{points(c.current, lang)}</span> },
            {
              key: 'warnings',
              title: t('survey.tally.warnings'),
              width: 160,
              render: (_: unknown, c) =>
                c.warnings.map((w) => (
                  <Tooltip key={w.code} title={w.message[lang]}>
                    <Tag icon={<WarningOutlined />} color="warning" className="pi-tally-warning">
                      {isWarning(w.code) ? t(`survey.warning.${w.code}`) : w.message[lang]}
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
