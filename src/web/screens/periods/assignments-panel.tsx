import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Select, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { type AssignmentInput, type AssignmentView, type PeriodView, useAssignments, usePeriodFrameworkDocs, useSetAssignments } from '../../api/periods';
import { useUsers } from '../../api/users';
import { AgencySelect } from '../../components/agency-select';
import { EmptyState } from '../../components/empty-state';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';

interface Row extends AssignmentInput {
  key: string;
  /** Names of a saved row's agency (shown in the interface language). */
  agencyNames: { nameVi: string; nameEn: string | null } | null;
  /** The label chosen in the agency picker for a row not yet saved. */
  agencyLabel: string | null;
}

function savedRow(a: AssignmentView, i: number): Row {
  const agencyNames = a.agencyNameVi === null ? null : { nameVi: a.agencyNameVi, nameEn: a.agencyNameEn };
  return { key: `s${i}`, userId: a.userId, fieldCode: a.fieldCode, agencyId: a.agencyId, agencyNames, agencyLabel: null };
}

/**
 * Who appraises which field, for all agencies or one: edited as a list and saved as a whole. Without
 * assignments, appraisers work on the fields of their role.
 */
export function AssignmentsPanel({ period }: { period: PeriodView }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const current = useAssignments(period.id);
  const save = useSetAssignments(period.id);
  const users = useUsers({ page: 1, pageSize: 200, role: 'appraiser', active: 'true' });
  const docs = usePeriodFrameworkDocs(period);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [draft, setDraft] = useState<{ userId?: number; fieldCode?: string; agencyId?: number | null; agencyLabel?: string | null }>({});
  const canManage = period.abilities.manage === true && period.phase !== 'published';

  useEffect(() => {
    if (current.data && rows === null)
      setRows(current.data.map(savedRow));
  }, [current.data, rows]);

  const fields = useMemo(() => {
    const map = new Map<string, string>();
    for (const d of docs.data ?? []) for (const n of d.document.nodes) if (n.parentCode === null && n.kind === 'regular') map.set(n.code, pickName(lang, n));
    return [...map.entries()].sort((a, b) => a[0].localeCompare(b[0], undefined, { numeric: true }));
  }, [docs.data, lang]);
  const userName = (id: number) => users.data?.items.find((u) => u.id === id)?.fullName ?? current.data?.find((a) => a.userId === id)?.fullName ?? `#${id}`;
  const dirty = rows !== null && JSON.stringify(rows.map(({ userId, fieldCode, agencyId }) => [userId, fieldCode, agencyId])) !== JSON.stringify((current.data ?? []).map((a) => [a.userId, a.fieldCode, a.agencyId]));

  const add = () => {
    if (!draft.userId || !draft.fieldCode) return;
    setRows((r) => [...(r ?? []), { key: `n${Date.now()}`, userId: draft.userId!, fieldCode: draft.fieldCode!, agencyId: draft.agencyId ?? null, agencyNames: null, agencyLabel: draft.agencyLabel ?? null }]);
    setDraft({});
  };
  const submit = () =>
    save.mutate(
      (rows ?? []).map(({ userId, fieldCode, agencyId }) => ({ userId, fieldCode, agencyId })),
      {
        onSuccess: (saved) => {
          setRows(saved.map(savedRow));
          void message.success(t('periods.assign.saved'));
        },
      },
    );

  return (
    <div className="pi-period-panel">
      <Typography.Paragraph type="secondary">{t('periods.assign.hint')}</Typography.Paragraph>
      {canManage && (
        <Space wrap className="pi-assign-add">
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: 240 }}
            aria-label={t('periods.assign.appraiser')}
            placeholder={t('periods.assign.appraiser')}
            value={draft.userId}
            onChange={(userId: number) => setDraft((d) => ({ ...d, userId }))}
            options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))}
            loading={users.isFetching}
          />
          <Select style={{ width: 280 }} aria-label={t('periods.assign.field')} placeholder={t('periods.assign.field')} value={draft.fieldCode} onChange={(fieldCode: string) => setDraft((d) => ({ ...d, fieldCode }))} options={fields.map(([code, name]) => ({ value: code, label: `${code}. ${name}` }))} />
          <AgencySelect style={{ width: 240 }} placeholder={t('periods.assign.allAgencies')} aria-label={t('periods.assign.agency')} value={draft.agencyId ?? null} onChange={(agencyId, option) => setDraft((d) => ({ ...d, agencyId, agencyLabel: option?.label ?? null }))} />
          <Button icon={<PlusOutlined />} onClick={add} disabled={!draft.userId || !draft.fieldCode}>
            {t('periods.assign.add')}
          </Button>
        </Space>
      )}
      <Table<Row>
        size="small"
        rowKey="key"
        loading={current.isFetching && rows === null}
        dataSource={rows ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyState title={t('periods.assign.none')} hint={t('periods.assign.noneHint')} /> }}
        columns={[
          { title: t('periods.assign.appraiser'), key: 'user', render: (_, r) => userName(r.userId) },
          { title: t('periods.assign.field'), key: 'field', render: (_, r) => `${r.fieldCode}. ${fields.find(([c]) => c === r.fieldCode)?.[1] ?? ''}` },
          { title: t('periods.assign.agency'), key: 'agency', render: (_, r) => (r.agencyNames ? pickName(lang, r.agencyNames) : (r.agencyLabel ?? t('periods.assign.allAgencies'))) },
          ...(canManage
            ? [{ title: '', key: 'del', width: 56, render: (_: unknown, r: Row) => <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('periods.assign.remove')} onClick={() => setRows((all) => (all ?? []).filter((x) => x.key !== r.key))} /> }]
            : []),
        ]}
      />
      {save.error && <Alert type="error" showIcon role="alert" title={save.error.message} className="pi-sa-alert" />}
      {canManage && (
        <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={save.isPending} onClick={submit} className="pi-assign-save">
          {t('periods.assign.save')}
        </Button>
      )}
    </div>
  );
}
