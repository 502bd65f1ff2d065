import { DatePicker, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { type AuditEntry, useAudit } from '../../api/audit';
import { foldFilter } from '../../components/fold-filter';
import { PageHeader } from '../../components/page-header';
import { ListView } from '../../components/list-view';
import { useListState } from '../../components/use-list-state';
import { idParam } from '../../components/use-search-state';
import { datePattern, formatDateTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { ActorSelect } from './actor-select';
import { AuditDiff } from './audit-diff';
import { actionColor, actionLabel, entityLabel, entityText } from './audit-labels';

const FILTERS = { entityType: '', entityId: '', action: '', actorId: '', from: '', to: '' };
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
  const listState = useListState(FILTERS);
  const state = listState.values;
  const update = listState.setFilter;
  const [actorLabel, setActorLabel] = useState<string | null>(null);
  const from = day(state.from);
  const to = day(state.to);
  const params = {
    page: listState.page,
    pageSize: listState.pageSize,
    q: listState.q,
    entityType: state.entityType || undefined,
    entityId: state.entityId || undefined,
    action: state.action || undefined,
    actorId: idParam(state.actorId),
    from: from ? from.startOf('day').toISOString() : undefined,
    to: to ? to.endOf('day').toISOString() : undefined,
  };
  const list = useAudit(params);
  const facets = list.data?.facets;

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        crumbs={[{ title: t('nav.groupAdmin') }, { title: t('audit.title') }]}
      />
      <ListView<AuditEntry, keyof typeof FILTERS>
        query={list}
        state={listState}
        search={{ label: t('audit.searchLabel'), placeholder: t('audit.searchPlaceholder') }}
        rowKey="id"
        expandable={{ expandedRowRender: (e) => <AuditDiff entry={e} />, columnWidth: 40 }}
        empty={{ title: t('audit.emptyTitle'), hint: t('audit.emptyHint') }}
        noMatch={{ title: t('audit.noMatchTitle'), hint: t('audit.noMatchHint') }}
        filters={
          <>
          <Select
            aria-label={t('audit.filterEntity')}
            placeholder={t('audit.allEntities')}
            allowClear
            value={state.entityType || undefined}
            onChange={(v?: string) => update({ entityType: v ?? '', entityId: '' })}
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
            onChange={(v?: string) => update({ action: v ?? '' })}
            options={(facets?.actions ?? []).map((a) => ({ value: a, label: actionLabel(a, lang) }))}
            className="pi-toolbar-select"
            popupMatchSelectWidth={false}
          />
          <ActorSelect
            value={params.actorId}
            knownLabel={actorLabel}
            onChange={(id, label) => {
              setActorLabel(label);
              update({ actorId: id ?? '' });
            }}
          />
          <DatePicker.RangePicker
            aria-label={t('audit.filterDates')}
            format={datePattern(lang)}
            value={[from, to]}
            allowEmpty={[true, true]}
            onChange={(range) =>
              update({ from: range?.[0]?.format(DAY) ?? '', to: range?.[1]?.format(DAY) ?? '' })
            }
            placeholder={[t('audit.fromDate'), t('audit.toDate')]}
          />
          {state.entityId && (
            <Tag closable onClose={() => update({ entityId: '' })}>
              {Object.values(entityText(state.entityType, state.entityId, lang)).filter(Boolean).join(' ')}
            </Tag>
          )}
          </>
        }
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
      />
    </>
  );
}
