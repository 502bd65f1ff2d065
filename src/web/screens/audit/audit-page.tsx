import { Button, Card, DatePicker, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { type AuditEntry, useAudit } from '../../api/audit';
import { EmptyState } from '../../components/empty-state';
import { foldFilter } from '../../components/fold-filter';
import { PageHeader } from '../../components/page-header';
import { SearchBox } from '../../components/search-box';
import { idParam, intParam, useClampPage, useSearchState } from '../../components/use-search-state';
import { datePattern, formatCount, formatDateTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { ActorSelect } from './actor-select';
import { AuditDiff } from './audit-diff';
import { actionColor, actionLabel, entityLabel, entityText } from './audit-labels';

const DEFAULTS = { page: '1', pageSize: '50', q: '', entityType: '', entityId: '', action: '', actorId: '', from: '', to: '' };
const DAY = 'YYYY-MM-DD';

function day(value: string): Dayjs | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const d = dayjs(value);
  return d.isValid() ? d : null;
}

/** The append-only audit log: who did what, when, old → new. Newest first. */
export default function AuditPage() {
  const t = useT();
  const { lang } = useLang();
  const [state, update] = useSearchState(DEFAULTS);
  const [actorLabel, setActorLabel] = useState<string | null>(null);
  const from = day(state.from);
  const to = day(state.to);
  const params = {
    page: intParam(state.page, 1),
    pageSize: Math.min(intParam(state.pageSize, 50), 200),
    q: state.q || undefined,
    entityType: state.entityType || undefined,
    entityId: state.entityId || undefined,
    action: state.action || undefined,
    actorId: idParam(state.actorId),
    from: from ? from.startOf('day').toISOString() : undefined,
    to: to ? to.endOf('day').toISOString() : undefined,
  };
  const list = useAudit(params);
  useClampPage(list.data, params.page, params.pageSize, update);
  const facets = list.data?.facets;
  const filtered = Boolean(params.q || params.entityType || params.entityId || params.action || params.actorId || params.from || params.to);
  const clearFilters = () => update({ q: '', entityType: '', entityId: '', action: '', actorId: '', from: '', to: '', page: 1 });

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        crumbs={[{ title: t('nav.groupAdmin') }, { title: t('audit.title') }]}
      />
      <Card className="pi-card pi-table-card">
        <div className="pi-toolbar" role="search">
          <SearchBox
            label={t('audit.searchLabel')}
            placeholder={t('audit.searchPlaceholder')}
            value={state.q}
            onSearch={(q) => update({ q, page: 1 })}
            className="pi-toolbar-search"
          />
          <Select
            aria-label={t('audit.filterEntity')}
            placeholder={t('audit.allEntities')}
            allowClear
            value={state.entityType || undefined}
            onChange={(v?: string) => update({ entityType: v ?? '', entityId: '', page: 1 })}
            options={(facets?.entityTypes ?? []).map((e) => ({ value: e, label: entityLabel(e, lang) }))}
            className="pi-toolbar-select-sm"
            popupMatchSelectWidth={false}
          />
          <Select
            aria-label={t('audit.filterAction')}
            placeholder={t('audit.allActions')}
            allowClear
            showSearch={{ filterOption: foldFilter }}
            value={state.action || undefined}
            onChange={(v?: string) => update({ action: v ?? '', page: 1 })}
            options={(facets?.actions ?? []).map((a) => ({ value: a, label: actionLabel(a, lang) }))}
            className="pi-toolbar-select"
            popupMatchSelectWidth={false}
          />
          <ActorSelect
            value={params.actorId}
            knownLabel={actorLabel}
            onChange={(id, label) => {
              setActorLabel(label);
              update({ actorId: id ?? '', page: 1 });
            }}
          />
          <DatePicker.RangePicker
            aria-label={t('audit.filterDates')}
            format={datePattern(lang)}
            value={[from, to]}
            allowEmpty={[true, true]}
            onChange={(range) =>
              update({ from: range?.[0]?.format(DAY) ?? '', to: range?.[1]?.format(DAY) ?? '', page: 1 })
            }
            placeholder={[t('audit.fromDate'), t('audit.toDate')]}
          />
          {state.entityId && (
            <Tag closable onClose={() => update({ entityId: '', page: 1 })}>
              {Object.values(entityText(state.entityType, state.entityId, lang)).filter(Boolean).join(' ')}
            </Tag>
          )}
          <span className="pi-toolbar-count" aria-live="polite">
            {list.data ? t('table.count', { count: formatCount(list.data.total, lang) }) : ''}
          </span>
        </div>
        {list.error && !list.data ? (
          <EmptyState title={t('error.loadFailed')} hint={list.error.message} actions={<Button onClick={() => void list.refetch()}>{t('action.retry')}</Button>} />
        ) : (
          <Table<AuditEntry>
            size="small"
            rowKey="id"
            sticky={{ offsetHeader: 56 }}
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            expandable={{ expandedRowRender: (e) => <AuditDiff entry={e} />, columnWidth: 40 }}
            locale={{
              emptyText: list.isPending ? ' ' : filtered ? (
                <EmptyState
                  title={t('audit.noMatchTitle')}
                  hint={t('audit.noMatchHint')}
                  actions={<Button onClick={clearFilters}>{t('action.clearFilters')}</Button>}
                />
              ) : (
                <EmptyState title={t('audit.emptyTitle')} hint={t('audit.emptyHint')} />
              ),
            }}
            columns={[
              { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v, lang) },
              {
                title: t('audit.actor'),
                key: 'actor',
                width: 260,
                render: (_: unknown, e: AuditEntry) => {
                  if (e.actorName) return e.actorName;
                  // Logins are recorded before a session exists: the attempted username is in the new value.
                  const attempted = (e.newValue as { username?: unknown } | null)?.username;
                  return (
                    <Typography.Text type="secondary">
                      {typeof attempted === 'string' ? t('audit.attempted', { username: attempted }) : t('audit.anonymous')}
                    </Typography.Text>
                  );
                },
              },
              {
                title: t('audit.action'),
                dataIndex: 'action',
                width: 240,
                render: (a: string) => <Tag color={actionColor(a)}>{actionLabel(a, lang)}</Tag>,
              },
              {
                title: t('audit.entity'),
                key: 'entity',
                render: (_: unknown, e: AuditEntry) => {
                  const { name, ref } = entityText(e.entityType, e.entityId, lang);
                  return (
                    <span>
                      {name}
                      {ref && <Typography.Text type="secondary"> {ref}</Typography.Text>}
                    </span>
                  );
                },
              },
            ]}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (total, [a, b]) => t('table.range', { from: a, to: b, total: formatCount(total, lang) }),
            }}
            onChange={(p) => update({ page: p.pageSize !== params.pageSize ? 1 : p.current, pageSize: p.pageSize })}
          />
        )}
      </Card>
    </>
  );
}
