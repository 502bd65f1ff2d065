import { App, Button, DatePicker, Modal, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { proposalItem } from '../../../core/schemas/tasks';
import { ApiError } from '../../api/client';
import { type ProposalsView, useCreateFromProposals, useProposals } from '../../api/tasks';
import { EmptyState } from '../../components/empty-state';
import { FormAlert, type FormProblem } from '../../components/form-alert';
import { datePattern, formatCount, formatNumber } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { LandOnPublishedYear, usePeriod } from '../../session/period-context';

type Proposal = z.infer<typeof proposalItem>;

interface RowChoice {
  lead: number | null;
  supports: number[];
  due: Dayjs | null;
}

const EMPTY: RowChoice = { lead: null, supports: [], due: null };

/**
 * "Đề xuất từ điểm bị mất": for the top bar's (published) year, tick the leaves where the agency lost points (most lost first),
 * give each a lead division, supporting divisions and a deadline, and create the tasks in one go.
 */
export function ProposeModal({ open, agencyId, onClose }: { open: boolean; agencyId: number; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  // The top bar's year (decision 0015): the dialog has no year control of its own. Opened on a year without
  // published results (a period in progress), it moves the top bar to the latest published year, as the analyses do.
  const { year, entries, setYear } = usePeriod();
  const publishedYears = entries.filter((e) => e.phase === 'published' && e.year !== year).map((e) => e.year);
  const anyPublished = entries.some((e) => e.phase === 'published');
  const yearPublished = entries.some((e) => e.year === year && e.phase === 'published');
  // Asked only for a published year (the dialog lands on one first); with none at all, the server says so.
  const proposals = useProposals(agencyId, anyPublished ? year : undefined, open && (yearPublished || !anyPublished));
  const create = useCreateFromProposals(agencyId);
  const [selected, setSelected] = useState<string[]>([]);
  const [choices, setChoices] = useState<Record<string, RowChoice>>({});
  const [bulk, setBulk] = useState<RowChoice>(EMPTY);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, string[]>>({});
  const data: ProposalsView | undefined = proposals.data;

  useEffect(() => {
    if (!open) {
      setSelected([]);
      setChoices({});
      setBulk(EMPTY);
      setProblem(null);
      setRowErrors({});
    }
  }, [open]);

  const choice = (code: string) => choices[code] ?? EMPTY;
  const setChoice = (code: string, patch: Partial<RowChoice>) => setChoices((c) => ({ ...c, [code]: { ...(c[code] ?? EMPTY), ...patch } }));
  const divisionOptions = (data?.divisions ?? []).filter((d) => d.isActive).map((d) => ({ value: d.id, label: `${d.code} — ${pickName(lang, d)}` }));
  const applyBulk = () =>
    setChoices((c) => {
      const next = { ...c };
      for (const code of selected) {
        const cur = next[code] ?? EMPTY;
        next[code] = { lead: bulk.lead ?? cur.lead, supports: bulk.supports.length ? bulk.supports.filter((x) => x !== (bulk.lead ?? cur.lead)) : cur.supports, due: bulk.due ?? cur.due };
      }
      return next;
    });

  const submit = async () => {
    if (!data?.year || selected.length === 0) return;
    setProblem(null);
    setRowErrors({});
    const order = (data.items ?? []).map((i) => i.code).filter((c) => selected.includes(c));
    try {
      const res = await create.mutateAsync({
        year: data.year,
        items: order.map((code) => {
          const c = choice(code);
          return { nodeCode: code, leadDivisionId: c.lead, supportDivisionIds: c.supports.filter((x) => x !== c.lead), dueOn: c.due ? c.due.format('YYYY-MM-DD') : null };
        }),
      });
      void message.success(t('task.proposedCreated', { count: res.items.length }));
      onClose();
    } catch (err) {
      const byRow: Record<string, string[]> = {};
      const rest: string[] = [];
      if (err instanceof ApiError) {
        for (const f of err.fields) {
          const m = /^items\.(\d+)\./.exec(f.path);
          const code = m ? order[Number(m[1])] : undefined;
          if (code) (byRow[code] ??= []).push(f.message);
          else rest.push(f.message);
        }
      }
      setRowErrors(byRow);
      setProblem({ title: err instanceof Error ? err.message : String(err), lines: rest, kind: err instanceof ApiError && err.code === 'conflict' ? 'warning' : 'error', code: err instanceof ApiError ? err.code : null });
    }
  };

  const columns = [
    {
      title: t('task.col.leaf'),
      key: 'leaf',
      render: (_: unknown, p: Proposal) => (
        <div className="pi-task-cell">
          <span>
            <span className="pi-code">{p.code}</span> {pickName(lang, p)}
          </span>
          <span className="pi-cell-sub">{t('task.fieldShort', { code: p.fieldCode, name: pickName(lang, { nameVi: p.fieldNameVi, nameEn: p.fieldNameEn }) })}</span>
          {rowErrors[p.code]?.map((e, i) => (
            <Typography.Text key={i} type="danger" role="alert">
              {e}
            </Typography.Text>
          ))}
        </div>
      ),
    },
    { title: t('task.col.max'), key: 'max', width: 70, align: 'right' as const, render: (_: unknown, p: Proposal) => formatNumber(Number(p.max), lang, 2) },
    { title: t('task.col.points'), key: 'points', width: 70, align: 'right' as const, render: (_: unknown, p: Proposal) => formatNumber(Number(p.points), lang, 2) },
    {
      title: t('task.col.lost'),
      key: 'lost',
      width: 70,
      align: 'right' as const,
      render: (_: unknown, p: Proposal) => <strong className="pi-task-lost">{formatNumber(Number(p.lost), lang, 2)}</strong>,
    },
    {
      title: t('task.lead'),
      key: 'lead',
      width: 190,
      render: (_: unknown, p: Proposal) => (
        <Select<number | null>
          size="small"
          className="pi-task-row-select"
          aria-label={t('task.leadFor', { code: p.code })}
          placeholder={t('task.chooseDivision')}
          allowClear
          disabled={!selected.includes(p.code)}
          value={choice(p.code).lead}
          onChange={(v) => setChoice(p.code, { lead: v ?? null })}
          options={divisionOptions}
        />
      ),
    },
    {
      title: t('task.supports'),
      key: 'supports',
      width: 210,
      render: (_: unknown, p: Proposal) => (
        <Select<number[]>
          size="small"
          mode="multiple"
          className="pi-task-row-select"
          aria-label={t('task.supportsFor', { code: p.code })}
          placeholder={t('task.chooseDivisions')}
          disabled={!selected.includes(p.code)}
          value={choice(p.code).supports}
          onChange={(v) => setChoice(p.code, { supports: v })}
          options={divisionOptions.filter((o) => o.value !== choice(p.code).lead)}
          maxTagCount="responsive"
        />
      ),
    },
    {
      title: t('task.due'),
      key: 'due',
      width: 150,
      render: (_: unknown, p: Proposal) => (
        <DatePicker
          size="small"
          aria-label={t('task.dueFor', { code: p.code })}
          format={datePattern(lang)}
          disabled={!selected.includes(p.code)}
          value={choice(p.code).due}
          onChange={(d) => setChoice(p.code, { due: d })}
        />
      ),
    },
  ];

  const heading =
    data?.year != null ? (
      <Typography.Paragraph className="pi-task-propose-lead">
        {data.rank != null
          ? t('task.proposeLead', { year: data.year, rank: data.rank, of: data.rankOf ?? 0, index: formatNumber(Number(data.totalIndex ?? 0), lang, 2), count: data.items.length })
          : t('task.proposeLeadNoRank', { year: data.year, count: data.items.length })}
      </Typography.Paragraph>
    ) : null;

  return (
    <Modal
      open={open}
      title={t('task.proposeTitle')}
      onCancel={onClose}
      width={1180}
      destroyOnHidden
      okText={t('task.createSelected', { count: selected.length })}
      okButtonProps={{ disabled: selected.length === 0 || data?.abilities.manage !== true, loading: create.isPending }}
      onOk={() => void submit()}
    >
      {open && <LandOnPublishedYear />}
      <FormAlert problem={problem} onClose={() => setProblem(null)} />
      <div className="pi-toolbar">
        {data && data.existing.length > 0 && (
          <Typography.Text type="secondary">
            {t('task.alreadyTasks', { count: formatCount(data.existing.length, lang) })}{' '}
            {data.existing.slice(0, 6).map((e, i) => (
              <span key={e.code}>
                {i > 0 && ', '}
                <Link to={`/remediation?task=${e.taskId}`} onClick={onClose}>
                  {e.code}
                </Link>
              </span>
            ))}
            {data.existing.length > 6 && '…'}
          </Typography.Text>
        )}
      </div>
      {heading}
      {data && data.items.length > 0 && (
        <div className="pi-task-bulk" role="group" aria-label={t('task.bulkLabel')}>
          <span>{t('task.bulkLabel')}</span>
          <Select<number | null> size="small" className="pi-task-row-select" aria-label={t('task.bulkLead')} placeholder={t('task.lead')} allowClear value={bulk.lead} onChange={(v) => setBulk((b) => ({ ...b, lead: v ?? null }))} options={divisionOptions} />
          <Select<number[]> size="small" mode="multiple" className="pi-task-row-select" aria-label={t('task.bulkSupports')} placeholder={t('task.supports')} value={bulk.supports} onChange={(v) => setBulk((b) => ({ ...b, supports: v }))} options={divisionOptions} maxTagCount="responsive" />
          <DatePicker size="small" aria-label={t('task.bulkDue')} placeholder={t('task.due')} format={datePattern(lang)} value={bulk.due} onChange={(d) => setBulk((b) => ({ ...b, due: d }))} />
          <Button size="small" disabled={selected.length === 0} onClick={applyBulk}>
            {t('task.bulkApply', { count: selected.length })}
          </Button>
        </div>
      )}
      <Table<Proposal>
        size="small"
        rowKey="code"
        loading={proposals.isFetching}
        dataSource={data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ y: 420 }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
          getCheckboxProps: (p) => ({ 'aria-label': t('task.selectLeaf', { code: p.code }) }),
        }}
        locale={{
          emptyText: proposals.error ? (
            proposals.error instanceof ApiError && proposals.error.code === 'not_found' ? (
              <EmptyState
                title={t('task.yearNotPublished', { year })}
                hint={publishedYears.length > 0 ? t('task.yearNotPublishedHint') : t('task.noPublishedHint')}
                actions={publishedYears.slice(0, 4).map((y) => (
                  <Button key={y} onClick={() => setYear(y)} data-testid="propose-switch-year">
                    {t('cycle.switchYear', { year: y })}
                  </Button>
                ))}
              />
            ) : (
              <EmptyState title={t('error.loadFailed')} hint={proposals.error.message} />
            )
          ) : data && data.publishedYears.length === 0 ? (
            <EmptyState title={t('task.noPublished')} hint={t('task.noPublishedHint')} />
          ) : (
            <EmptyState title={t('task.nothingToPropose')} hint={t('task.nothingToProposeHint')} />
          ),
        }}
      />
    </Modal>
  );
}
