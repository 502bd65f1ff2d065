import { EditOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, InputNumber, Progress, Row, Space, Statistic, Table, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useOutletContext } from 'react-router';
import { type SurveyDashboard, useSetQuotas, useSurveyDashboard } from '../../api/surveys';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { formatCount, formatDate, formatNumber } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import type { SurveyPageOutlet } from './survey-page';

type Targets = Record<string, number>;
const cellKey = (agencyId: number, group: string) => `${agencyId}|${group}`;

function targetsOf(d: SurveyDashboard | undefined): Targets {
  const out: Targets = {};
  for (const c of d?.quota.cells ?? []) if (c.agencyId !== null && c.respondentGroup && c.target > 0) out[cellKey(c.agencyId, c.respondentGroup)] = c.target;
  return out;
}

function Fill({ done, target, lang }: { done: number; target: number; lang: 'vi' | 'en' }) {
  const percent = target > 0 ? Math.min(100, Math.round((done * 100) / target)) : 0;
  return (
    <div className="pi-survey-fill">
      {target > 0 ? <Progress percent={percent} size="small" showInfo={false} status={done >= target ? 'success' : 'normal'} /> : <span className="pi-survey-fill-none" />}
      <span>
        {formatCount(done, lang)}
        {target > 0 ? `/${formatCount(target, lang)}` : ''}
      </span>
    </div>
  );
}

/**
 * The quota dashboard: responses and code use, then a matrix of rated agencies × respondent groups with fill bars
 * (valid responses against the target) and the completion rate; targets are edited in place and saved together.
 */
export default function SurveyQuotas() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { survey } = useOutletContext<SurveyPageOutlet>();
  const dashboard = useSurveyDashboard(survey.id);
  const save = useSetQuotas(survey.id);
  const [editing, setEditing] = useState<Targets | null>(null);
  const d = dashboard.data;
  const saved = useMemo(() => targetsOf(d), [d]);
  const targets = editing ?? saved;
  const groups = survey.content.respondentGroups;
  const done = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of d?.quota.cells ?? []) if (c.agencyId !== null && c.respondentGroup) m.set(cellKey(c.agencyId, c.respondentGroup), c.done);
    return m;
  }, [d]);
  const canManage = survey.abilities.manage === true;

  const setTarget = (key: string, v: number | null) => setEditing((e) => ({ ...(e ?? saved), [key]: v ?? 0 }));
  const fillColumn = (group: string, v: number | null) =>
    setEditing((e) => {
      const next = { ...(e ?? saved) };
      for (const a of survey.ratedAgencies) next[cellKey(a.id, group)] = v ?? 0;
      return next;
    });

  const submit = () => {
    if (!editing) return;
    const quotas = Object.entries(editing)
      .filter(([, v]) => v > 0)
      .map(([k, target]) => {
        const [agencyId, respondentGroup] = k.split('|');
        return { agencyId: Number(agencyId), respondentGroup: respondentGroup!, target };
      });
    save.mutate(quotas, {
      onSuccess: () => {
        setEditing(null);
        void message.success(t('survey.quota.saved'));
      },
      onError: (err) => void message.error(err.message),
    });
  };

  if (dashboard.error && !d)
    return <EmptyState title={t('error.loadFailed')} hint={dashboard.error.message} actions={<Button onClick={() => void dashboard.refetch()}>{t('action.retry')}</Button>} />;

  type Row = (typeof survey.ratedAgencies)[number];
  const totalFor = (a: Row) => groups.reduce((acc, g) => ({ done: acc.done + (done.get(cellKey(a.id, g.code)) ?? 0), target: acc.target + (targets[cellKey(a.id, g.code)] ?? 0) }), { done: 0, target: 0 });
  const overall = d?.quota.overall;

  return (
    <div className="pi-survey-quotas">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card className="pi-card" size="small">
            <Statistic title={t('survey.quota.valid')} value={formatCount(d?.responses.valid ?? 0, lang)} />
            <div className="pi-muted">{t('survey.quota.pendingInvalid', { pending: formatCount(d?.responses.pendingCheck ?? 0, lang), invalid: formatCount(d?.responses.invalid ?? 0, lang) })}</div>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card className="pi-card" size="small">
            <Statistic title={t('survey.quota.codes')} value={`${formatCount(d?.codes.used ?? 0, lang)}/${formatCount(d?.codes.issued ?? 0, lang)}`} />
            <div className="pi-muted">{d?.codes.completionPercent ? t('survey.quota.codesRate', { percent: formatNumber(Number(d.codes.completionPercent), lang, 2) }) : t('survey.quota.noCodes')}</div>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card className="pi-card" size="small">
            <div className="pi-survey-overall">
              <Progress type="circle" size={72} percent={overall?.percent ? Math.min(100, Math.round(Number(overall.percent))) : 0} status={overall?.complete && overall.target > 0 ? 'success' : 'normal'} />
              <div>
                <div className="pi-survey-overall-title">{t('survey.quota.completion')}</div>
                <div data-testid="quota-overall">
                  {overall && overall.target > 0
                    ? t('survey.quota.overall', { capped: formatCount(overall.capped, lang), target: formatCount(overall.target, lang), percent: formatNumber(Number(overall.percent ?? 0), lang, 2) })
                    : t('survey.quota.noTargets')}
                </div>
                <PerDay days={d?.perDay ?? []} />
              </div>
            </div>
          </Card>
        </Col>
      </Row>

      <Card
        className="pi-card pi-table-card"
        size="small"
        title={t('survey.quota.matrix')}
        extra={
          <Space>
            {editing ? (
              <>
                <Button onClick={() => setEditing(null)}>{t('action.cancel')}</Button>
                <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={submit}>
                  {t('survey.quota.save')}
                </Button>
              </>
            ) : (
              <GuardedButton allowed={canManage} whenDenied="hide" icon={<EditOutlined />} onClick={() => setEditing({ ...saved })}>
                {t('survey.quota.edit')}
              </GuardedButton>
            )}
          </Space>
        }
      >
        {editing && <Alert type="info" showIcon className="pi-sb-alert" title={t('survey.quota.editHint')} />}
        <Table<Row>
          size="small"
          rowKey="id"
          loading={dashboard.isFetching && !d}
          dataSource={survey.ratedAgencies}
          pagination={false}
          sticky
          scroll={{ x: 260 + groups.length * 220 }}
          columns={[
            { key: 'agency', title: t('survey.quota.agency'), fixed: 'left', width: 260, render: (_: unknown, a) => `${a.code} · ${pickName(lang, a)}` },
            ...groups.map((g) => ({
              key: g.code,
              width: 220,
              title: (
                <div className="pi-survey-quota-head">
                  <Tooltip title={pickName(lang, g)}>
                    <span className="pi-survey-quota-group">
                      <b>{g.code}</b> <span className="pi-muted">{pickName(lang, g)}</span>
                    </span>
                  </Tooltip>
                  {editing && <InputNumber<number> size="small" min={0} max={100000} placeholder={t('survey.quota.all')} onChange={(v) => fillColumn(g.code, v)} aria-label={t('survey.quota.allFor', { group: g.code })} style={{ width: 84 }} />}
                </div>
              ),
              render: (_: unknown, a: Row) => {
                const key = cellKey(a.id, g.code);
                return editing ? (
                  <InputNumber<number> size="small" min={0} max={100000} value={targets[key] ?? 0} onChange={(v) => setTarget(key, v)} aria-label={t('survey.quota.targetFor', { agency: a.code, group: g.code })} style={{ width: 96 }} />
                ) : (
                  <Fill done={done.get(key) ?? 0} target={targets[key] ?? 0} lang={lang} />
                );
              },
            })),
            {
              key: 'total',
              width: 190,
              title: t('survey.quota.total'),
              render: (_: unknown, a) => {
                const tot = totalFor(a);
                return <Fill done={tot.done} target={tot.target} lang={lang} />;
              },
            },
          ]}
          summary={() => (
            <Table.Summary fixed>
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <b>{t('survey.quota.total')}</b>
                </Table.Summary.Cell>
                {groups.map((g, i) => {
                  const tot = survey.ratedAgencies.reduce((acc, a) => ({ done: acc.done + (done.get(cellKey(a.id, g.code)) ?? 0), target: acc.target + (targets[cellKey(a.id, g.code)] ?? 0) }), { done: 0, target: 0 });
                  return (
                    <Table.Summary.Cell key={g.code} index={i + 1}>
                      <Fill done={tot.done} target={tot.target} lang={lang} />
                    </Table.Summary.Cell>
                  );
                })}
                <Table.Summary.Cell index={groups.length + 1}>{overall ? <Fill done={overall.done} target={overall.target} lang={lang} /> : null}</Table.Summary.Cell>
              </Table.Summary.Row>
            </Table.Summary>
          )}
        />
      </Card>

      <Card className="pi-card pi-table-card" size="small" title={t('survey.quota.byGroup')}>
        <Table
          size="small"
          rowKey="respondentGroup"
          dataSource={d?.byGroup ?? []}
          pagination={false}
          columns={[
            { key: 'g', title: t('survey.codes.group'), render: (_: unknown, r) => pickName(lang, groups.find((g) => g.code === r.respondentGroup) ?? { nameVi: r.respondentGroup }) },
            { key: 'valid', title: t('survey.quota.valid'), align: 'right', render: (_: unknown, r) => formatCount(r.valid, lang) },
            { key: 'online', title: t('survey.quota.online'), align: 'right', render: (_: unknown, r) => formatCount(r.online, lang) },
            { key: 'paper', title: t('survey.quota.paper'), align: 'right', render: (_: unknown, r) => formatCount(r.paper, lang) },
            { key: 'codes', title: t('survey.quota.codes'), align: 'right', render: (_: unknown, r) => `${formatCount(r.codesUsed, lang)}/${formatCount(r.codesIssued, lang)}` },
          ]}
        />
      </Card>
    </div>
  );
}

function PerDay({ days }: { days: SurveyDashboard['perDay'] }) {
  const t = useT();
  const { lang } = useLang();
  const last = days.slice(-14);
  const max = Math.max(1, ...last.map((d) => d.n));
  if (!last.length) return null;
  return (
    <div className="pi-survey-days" role="img" aria-label={t('survey.quota.perDay')}>
      {last.map((d) => (
        <Tooltip key={d.date} title={`${formatDate(d.date, lang)}: ${formatCount(d.n, lang)}`}>
          <span className="pi-survey-day" style={{ height: `${Math.max(8, (d.n * 100) / max)}%` }} />
        </Tooltip>
      ))}
    </div>
  );
}
