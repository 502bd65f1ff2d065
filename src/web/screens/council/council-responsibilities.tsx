import { CopyOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { App, Alert, Button, Checkbox, Select, Space, Table, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import { fetchResponsibilities, type ResponsibilityLeaf, useResponsibilities, useSetResponsibilities } from '../../api/council';
import { usePeriods } from '../../api/periods';
import { EmptyState } from '../../components/empty-state';
import { PageSpinner } from '../../components/full-page-spinner';
import { foldFilter } from '../../components/fold-filter';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { showDecimal } from './council-format';

/**
 * Which division answers for which leaf: one select per leaf, bulk assignment of the selected leaves, a copy of
 * last year's assignment, filters by field and "unassigned only". Changes are saved together; a recorded council
 * locks them.
 */
export function CouncilResponsibilities({ agencyId, periodId, year }: { agencyId: number; periodId: number; year: number }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const view = useResponsibilities(agencyId, periodId);
  const periods = usePeriods();
  const save = useSetResponsibilities(agencyId);
  const [draft, setDraft] = useState<Map<string, number | null>>(new Map());
  const [selected, setSelected] = useState<string[]>([]);
  const [bulkDivision, setBulkDivision] = useState<number | null>(null);
  const [field, setField] = useState<string | null>(null);
  const [onlyUnassigned, setOnlyUnassigned] = useState(false);
  const [copying, setCopying] = useState(false);

  const data = view.data;
  useEffect(() => {
    setDraft(new Map((data?.leaves ?? []).map((l) => [l.code, l.divisionId])));
    setSelected([]);
  }, [data]);

  const editable = data?.abilities.assign === true;
  const changes = useMemo(() => (data?.leaves ?? []).filter((l) => (draft.get(l.code) ?? null) !== l.divisionId), [data, draft]);
  const fields = useMemo(() => {
    const seen = new Map<string, string>();
    for (const l of data?.leaves ?? []) if (!seen.has(l.fieldCode)) seen.set(l.fieldCode, `${l.fieldCode}. ${pickName(lang, { nameVi: l.fieldNameVi, nameEn: l.fieldNameEn })}`);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [data, lang]);

  if (!data) {
    if (view.error) return <EmptyState title={t('error.loadFailed')} hint={view.error.message} actions={<Button onClick={() => void view.refetch()}>{t('action.retry')}</Button>} />;
    return <PageSpinner />;
  }

  const divisionOptions = data.divisions.filter((d) => d.isActive).map((d) => ({ value: d.id, label: `${d.code} — ${pickName(lang, d)}` }));
  // A division deactivated after the assignment keeps its label (it can be replaced, not chosen again).
  const rowOptions = data.divisions.map((d) => ({ value: d.id, label: `${d.code} — ${pickName(lang, d)}`, disabled: !d.isActive }));
  const labelOf = (id: number | null) => {
    const d = data.divisions.find((x) => x.id === id);
    return d ? `${d.code} — ${pickName(lang, d)}` : '—';
  };
  const assigned = data.leaves.filter((l) => (draft.get(l.code) ?? null) !== null).length;
  const shown = data.leaves.filter((l) => (!field || l.fieldCode === field) && (!onlyUnassigned || (draft.get(l.code) ?? null) === null));

  const set = (codes: string[], divisionId: number | null) =>
    setDraft((prev) => {
      const next = new Map(prev);
      for (const c of codes) next.set(c, divisionId);
      return next;
    });

  const previous = (periods.data?.items ?? []).filter((p) => p.year < year).sort((a, b) => b.year - a.year)[0];
  const copyPrevious = async () => {
    if (!previous) return;
    setCopying(true);
    try {
      const before = await fetchResponsibilities(agencyId, previous.id);
      const active = new Set(divisionOptions.map((o) => o.value));
      const codes = new Set(data.leaves.map((l) => l.code));
      const copied = before.leaves.filter((l) => l.divisionId !== null && codes.has(l.code) && active.has(l.divisionId));
      setDraft((prev) => {
        const next = new Map(prev);
        for (const l of copied) next.set(l.code, l.divisionId);
        return next;
      });
      void message.info(t('council.resp.copied', { count: copied.length, year: previous.year }));
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setCopying(false);
    }
  };

  const submit = () =>
    save.mutate(
      { periodId, assignments: changes.map((l) => ({ nodeCode: l.code, divisionId: draft.get(l.code) ?? null })) },
      {
        onSuccess: () => void message.success(t('council.resp.saved', { count: changes.length })),
        onError: (err) => void message.error(err instanceof ApiError ? [err.message, ...err.fields.map((f) => f.message)].join(' ') : String(err)),
      },
    );

  return (
    <div className="council-resp">
      {data.locked && <Alert className="council-banner" type="info" showIcon title={t('council.resp.locked')} />}
      <Typography.Paragraph type="secondary">{t('council.resp.hint', { assigned, total: data.leaves.length })}</Typography.Paragraph>
      <Space className="council-toolbar" wrap>
        <Select allowClear placeholder={t('council.resp.allFields')} aria-label={t('council.resp.field')} options={fields} value={field} onChange={(v) => setField(v ?? null)} style={{ minWidth: 260 }} />
        <Checkbox checked={onlyUnassigned} onChange={(e) => setOnlyUnassigned(e.target.checked)}>
          {t('council.resp.onlyUnassigned')}
        </Checkbox>
        {editable && previous && (
          <Button icon={<CopyOutlined />} loading={copying} onClick={() => void copyPrevious()}>
            {t('council.resp.copy', { year: previous.year })}
          </Button>
        )}
      </Space>
      {editable && (
        <Space className="council-toolbar council-bulk" wrap>
          <span>{t('council.resp.bulk', { count: selected.length })}</span>
          <Select
            aria-label={t('council.resp.bulkDivision')}
            placeholder={t('council.resp.bulkDivision')}
            options={divisionOptions}
            value={bulkDivision}
            onChange={setBulkDivision}
            showSearch={{ filterOption: foldFilter }}
            style={{ minWidth: 260 }}
          />
          <Button
            disabled={!selected.length || bulkDivision === null}
            onClick={() => {
              set(selected, bulkDivision);
              setSelected([]);
            }}
          >
            {t('council.resp.apply')}
          </Button>
          <Button disabled={!selected.length} onClick={() => set(selected, null)}>
            {t('council.resp.clear')}
          </Button>
        </Space>
      )}
      <Table<ResponsibilityLeaf>
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={shown}
        data-testid="council-responsibilities"
        rowSelection={editable ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) } : undefined}
        columns={[
          { key: 'code', title: t('council.col.leafCode'), dataIndex: 'code', width: 80 },
          { key: 'name', title: t('council.col.leaf'), render: (_: unknown, l) => pickName(lang, l) },
          { key: 'max', title: t('council.col.max'), align: 'right', width: 80, render: (_: unknown, l) => showDecimal(l.max, lang) },
          {
            key: 'lost',
            title: t('council.col.lost'),
            align: 'right',
            width: 90,
            render: (_: unknown, l) => <span className={l.lost !== null && l.lost !== '0' ? 'council-lost' : undefined}>{showDecimal(l.lost, lang)}</span>,
          },
          {
            key: 'division',
            title: t('council.col.responsible'),
            width: 300,
            render: (_: unknown, l) =>
              editable ? (
                <Select
                  aria-label={t('council.resp.divisionOf', { code: l.code })}
                  allowClear
                  placeholder={t('council.resp.none')}
                  options={rowOptions}
                  value={draft.get(l.code) ?? null}
                  onChange={(v) => set([l.code], v ?? null)}
                  showSearch={{ filterOption: foldFilter }}
                  style={{ width: '100%' }}
                  className={(draft.get(l.code) ?? null) !== l.divisionId ? 'council-changed' : undefined}
                />
              ) : (
                labelOf(l.divisionId)
              ),
          },
        ]}
      />
      {editable && (
        <Space className="council-actions" wrap>
          <Button type="primary" icon={<SaveOutlined />} disabled={!changes.length} loading={save.isPending} onClick={submit}>
            {t('council.resp.save', { count: changes.length })}
          </Button>
          <Button icon={<UndoOutlined />} disabled={!changes.length} onClick={() => setDraft(new Map(data.leaves.map((l) => [l.code, l.divisionId])))}>
            {t('council.resp.undo')}
          </Button>
        </Space>
      )}
    </div>
  );
}
