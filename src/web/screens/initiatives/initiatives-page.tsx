import { PlusOutlined } from '@ant-design/icons';
import { Button, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../api/auth';
import { type InitiativeStatus, type InitiativeView, useInitiatives } from '../../api/initiatives';
import { usePeriods } from '../../api/periods';
import { AgencySelect } from '../../components/agency-select';
import { GuardedButton } from '../../components/guarded-button';
import { PageHeader } from '../../components/page-header';
import { StatusTag } from '../../components/status-tag';
import { ListView } from '../../components/list-view';
import { useListState } from '../../components/use-list-state';
import { enumParam, idParam } from '../../components/use-search-state';
import { formatCount, formatDate } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import type { MessageKey } from '../../i18n/translate';
import { usePeriod } from '../../session/period-context';
import { isStaff, ownAgency } from '../council/council-format';
import '../council/council.css';
import { InitiativeModal, ReviewModal } from './initiative-modals';

const STATUSES = ['all', 'submitted', 'approved', 'rejected'] as const;
const FILTERS = { status: 'all', agency: '' };
/** The register opens 20 to a page (entries are tall: title and summary). */
const PAGING = { pageSize: '20' };

const STATUS_LABEL: Record<InitiativeStatus, MessageKey> = { submitted: 'ini.status.submitted', approved: 'ini.status.approved', rejected: 'ini.status.rejected' };

export function InitiativeStatusTag({ status }: { status: InitiativeStatus }) {
  const t = useT();
  const tone = status === 'approved' ? 'ok' : status === 'rejected' ? 'danger' : 'warn';
  return <StatusTag tone={tone}>{t(STATUS_LABEL[status])}</StatusTag>;
}

/**
 * "Sáng kiến": reform initiatives registered by the agency's staff and linked to criteria, reviewed by the agency
 * head; the secretariat reads every agency's (to propose commendations).
 */
export default function InitiativesPage() {
  const t = useT();
  const { lang } = useLang();
  const me = useCurrentUser();
  const staff = isStaff(me);
  const own = ownAgency(me);
  const { year: selectedYear } = usePeriod();
  const periods = usePeriods();
  const listState = useListState(FILTERS, PAGING);
  const state = listState.values;
  const status = enumParam(state.status, STATUSES, 'all');
  const filters = {
    status: status === 'all' ? undefined : status,
    // No year control (decision 0015): the register lists every year with its year column, so an initiative
    // registered for another year than the top bar's stays in sight; new ones default to the top bar's year.
    agencyId: staff ? idParam(state.agency) : undefined,
    q: listState.q,
    page: listState.page,
    pageSize: listState.pageSize,
  };
  const list = useInitiatives(filters);
  const [editing, setEditing] = useState<{ initiative: InitiativeView | null } | null>(null);
  const [reviewing, setReviewing] = useState<InitiativeView | null>(null);
  const [agencyLabel, setAgencyLabel] = useState<{ value: number; label: string } | null>(null);

  const canCreate = list.data?.abilities.create === true && own !== null;
  const counts = list.data?.counts;
  const total = counts ? counts.submitted + counts.approved + counts.rejected : undefined;
  const years = [...new Set((periods.data?.items ?? []).map((p) => p.year))].sort((a, b) => b - a);
  const defaultYear = years.includes(selectedYear) ? selectedYear : (years[0] ?? selectedYear);
  const myDivision = me.user.roles.find((g) => g.role === 'division_head' && g.agencyId === own)?.divisionId ?? null;

  return (
    <>
      <PageHeader
        title={t('ini.title')}
        subtitle={staff ? t('ini.subtitleStaff') : t('ini.subtitle')}
        crumbs={[{ title: t('council.navGroup') }, { title: t('ini.title') }]}
        extra={
          <GuardedButton allowed={canCreate} whenDenied="hide" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ initiative: null })}>
            {t('ini.create')}
          </GuardedButton>
        }
      />
      <ListView<InitiativeView, keyof typeof FILTERS | keyof typeof PAGING>
        query={list}
        state={listState}
        testId="initiatives"
        stickyHeader={false}
        search={{ label: t('ini.search'), placeholder: t('ini.searchPlaceholder') }}
        filters={
          <>
            <Segmented<string>
              aria-label={t('common.statusFilter')}
              value={status}
              onChange={(v) => listState.setFilter({ status: v })}
              options={STATUSES.map((s) => ({
                value: s,
                label: `${s === 'all' ? t('ini.status.all') : t(STATUS_LABEL[s])}${counts ? ` (${formatCount(s === 'all' ? total : counts[s], lang)})` : ''}`,
              }))}
            />
            {staff && (
              <AgencySelect
                aria-label={t('ini.agency')}
                placeholder={t('ini.allAgencies')}
                value={filters.agencyId ?? null}
                known={agencyLabel ? [agencyLabel] : []}
                onChange={(v, option) => {
                  if (option) setAgencyLabel(option);
                  listState.setFilter({ agency: v ?? '' });
                }}
                style={{ minWidth: 260 }}
              />
            )}
          </>
        }
        empty={{
          title: t('ini.emptyTitle'),
          hint: canCreate ? t('ini.emptyHint') : t('ini.emptyHintReadOnly'),
          actions: canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ initiative: null })}>
              {t('ini.create')}
            </Button>
          ) : undefined,
        }}
        noMatch={{ title: t('ini.noMatchTitle') }}
        rowKey="id"
        columns={[
          {
            key: 'title',
            title: t('ini.titleField'),
            render: (_: unknown, i) => (
              <div>
                <div>
                  <b>{i.title}</b>
                </div>
                {i.summary && (
                  <Typography.Paragraph className="ini-summary" ellipsis={{ rows: 2, tooltip: i.summary }}>
                    {i.summary}
                  </Typography.Paragraph>
                )}
              </div>
            ),
          },
          ...(staff ? [{ key: 'agency', title: t('ini.agency'), width: 170, render: (_: unknown, i: InitiativeView) => pickName(lang, i.agency) }] : []),
          { key: 'authors', title: t('ini.authors'), width: 180, dataIndex: 'authors' },
          { key: 'division', title: t('ini.division'), width: 160, render: (_: unknown, i) => (i.division ? pickName(lang, i.division) : '—') },
          {
            key: 'nodes',
            title: t('ini.criteria'),
            width: 150,
            render: (_: unknown, i) => (
              <span className="ini-nodes">
                {i.nodes.map((n) => (
                  <Tooltip key={n.code} title={pickName(lang, n)}>
                    <Tag>{n.code}</Tag>
                  </Tooltip>
                ))}
              </span>
            ),
          },
          { key: 'year', title: t('ini.year'), width: 70, dataIndex: 'year' },
          {
            key: 'status',
            title: t('common.status'),
            width: 170,
            render: (_: unknown, i) => (
              <div>
                <InitiativeStatusTag status={i.status} />
                {i.reviewedAt && <div className="council-muted">{formatDate(i.reviewedAt, lang)}</div>}
                {i.status === 'rejected' && i.reviewNote && <div className="council-muted">{i.reviewNote}</div>}
                {i.commendation && <Tag className="council-rank-tag">{t('ini.proposed')}</Tag>}
              </div>
            ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 150,
            render: (_: unknown, i) => (
              <Space size={4} wrap>
                {i.abilities.review && (
                  <Button size="small" type="primary" onClick={() => setReviewing(i)} aria-label={t('ini.reviewOf', { title: i.title })}>
                    {t('ini.review')}
                  </Button>
                )}
                {i.abilities.edit && (
                  <Button size="small" onClick={() => setEditing({ initiative: i })}>
                    {t('action.edit')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <InitiativeModal
        open={editing !== null}
        agencyId={own}
        defaultYear={defaultYear}
        defaultDivisionId={myDivision}
        initiative={editing?.initiative ?? null}
        onClose={() => setEditing(null)}
      />
      <ReviewModal initiative={reviewing} onClose={() => setReviewing(null)} />
    </>
  );
}
