import { BulbOutlined, DownloadOutlined, FileExcelOutlined, PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Progress, Segmented, Select, Table, Typography } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { useEffect, useMemo, useState } from 'react';
import { TASK_KIND_LABELS, TASK_KINDS, TASK_STATUS_LABELS, TASK_STATUSES, type TaskKind, type TaskStatus } from '../../../core/domain/tasks';
import { useCurrentUser } from '../../api/auth';
import { isApiError } from '../../api/client';
import { downloadPlanTemplate, downloadTasks, type TaskFilters, type TaskView, useImportPlan, useTasks } from '../../api/tasks';
import { AgencySelect } from '../../components/agency-select';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { ImportDialog } from '../../components/import-dialog';
import { PageHeader } from '../../components/page-header';
import { SearchBox } from '../../components/search-box';
import { useSearchState } from '../../components/use-search-state';
import { formatCount, formatNumber } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { DivisionBoard } from './division-board';
import { ProposeModal } from './propose-modal';
import { TaskDrawer } from './task-drawer';
import { TaskFormModal } from './task-form-modal';
import { deadlineClass, DeadlineTag, TaskKindTag, TaskStatusTag } from './task-tags';
import './remediation.css';

const DEFAULTS = { agency: '', view: 'table', status: '', kind: '', division: '', due: '', q: '', page: '1', sort: 'dueOn', order: 'asc', task: '' };
const PAGE_SIZE = 50;
const BOARD_SIZE = 200;

/** The agency's own agency (focal point, head, division head), or null for province staff. */
export function useOwnAgency(): number | null {
  const me = useCurrentUser();
  return me.user.roles.find((g) => g.agencyId !== null && (g.role === 'agency_focal' || g.role === 'agency_head' || g.role === 'division_head'))?.agencyId ?? null;
}

/**
 * Kế hoạch khắc phục: the agency's tasks as a table or a board by division (lead and supporting divisions,
 * deadline, status, progress, outputs; overdue in red, due soon in amber), with proposals from lost leaves, plan
 * import, export, and the task drawer. The secretariat chooses an agency and reads.
 */
export default function RemediationPage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const own = useOwnAgency();
  const [s, update] = useSearchState(DEFAULTS);
  const agencyId = own ?? (s.agency ? Number(s.agency) : null);
  const board = s.view === 'board';
  const filters: TaskFilters = {
    status: s.status || undefined,
    kind: s.kind || undefined,
    divisionId: s.division ? Number(s.division) : undefined,
    due: s.due === 'overdue' || s.due === 'soon' ? s.due : undefined,
    q: s.q || undefined,
    sort: s.sort,
    order: s.order === 'desc' ? 'desc' : 'asc',
  };
  const page = Number(s.page) || 1;
  const list = useTasks(agencyId, { ...filters, page: board ? 1 : page, pageSize: board ? BOARD_SIZE : PAGE_SIZE });
  const canManage = list.data?.abilities.manage === true;
  const [proposing, setProposing] = useState(false);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const importer = useImportPlan(agencyId ?? 0);
  const divisions = list.data?.divisions ?? [];
  const counts = list.data?.counts;
  const taskId = s.task ? Number(s.task) : null;
  const filtered = Boolean(s.status || s.kind || s.division || s.due || s.q);

  // A staff member opening a task link lands on that task's agency.
  const [taskAgency, setTaskAgency] = useState<number | null>(null);
  useEffect(() => {
    if (!own && taskAgency && String(taskAgency) !== s.agency) update({ agency: taskAgency });
  }, [own, taskAgency, s.agency, update]);

  const exportXlsx = async () => {
    if (agencyId === null) return;
    try {
      const name = await downloadTasks(agencyId, filters);
      void message.success(t('export.done', { name }));
    } catch (err) {
      void message.error(isApiError(err) ? err.message : String(err));
    }
  };
  const template = async () => {
    if (agencyId === null) return;
    try {
      await downloadPlanTemplate(agencyId);
    } catch (err) {
      void message.error(isApiError(err) ? err.message : String(err));
    }
  };

  const divisionName = (d: { nameVi: string; nameEn: string }) => pickName(lang, d);
  const columns = useMemo(
    () => [
      {
        title: t('task.col.task'),
        key: 'title',
        sorter: true,
        sortOrder: s.sort === 'title' ? (s.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null,
        render: (_: unknown, r: TaskView) => (
          <div className="pi-task-cell">
            <button type="button" className="pi-link-button pi-task-title" onClick={() => update({ task: r.id })}>
              {r.title}
            </button>
            <span className="pi-cell-sub">
              <TaskKindTag kind={r.kind} />
              {r.nodeCode && (
                <span>
                  {t('task.leafShort', { code: r.nodeCode })}
                  {r.pointsLost !== null && ` · ${t('task.lostShort', { points: formatNumber(Number(r.pointsLost), lang, 2), year: r.sourceYear ?? '' })}`}
                </span>
              )}
              {r.planRef && <span>{t('task.planRefShort', { ref: r.planRef })}</span>}
            </span>
          </div>
        ),
      },
      {
        title: t('task.col.divisions'),
        key: 'lead',
        width: 230,
        render: (_: unknown, r: TaskView) => (
          <div className="pi-task-cell">
            <span>{r.leadDivision ? divisionName(r.leadDivision) : <Typography.Text type="secondary">{t('task.unassigned')}</Typography.Text>}</span>
            {r.supportDivisions.length > 0 && <span className="pi-cell-sub">{t('task.supportShort', { names: r.supportDivisions.map(divisionName).join(', ') })}</span>}
          </div>
        ),
      },
      {
        title: t('task.col.due'),
        key: 'dueOn',
        width: 190,
        sorter: true,
        sortOrder: s.sort === 'dueOn' ? (s.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null,
        render: (_: unknown, r: TaskView) => <DeadlineTag task={r} />,
      },
      { title: t('common.status'), key: 'status', width: 140, render: (_: unknown, r: TaskView) => <TaskStatusTag status={r.status} /> },
      {
        title: t('task.col.progress'),
        key: 'progress',
        width: 140,
        sorter: true,
        sortOrder: s.sort === 'progress' ? (s.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null,
        render: (_: unknown, r: TaskView) => (
          <Progress percent={r.progress} size="small" status={r.status === 'done' ? 'success' : r.deadline === 'overdue' ? 'exception' : 'normal'} aria-label={t('task.progressOf', { percent: r.progress })} />
        ),
      },
      {
        title: t('task.col.outputs'),
        key: 'outputs',
        width: 90,
        align: 'center' as const,
        render: (_: unknown, r: TaskView) =>
          r.outputCount ? (
            <span aria-label={t('task.outputsCount', { count: r.outputCount })}>
              <PaperClipOutlined aria-hidden /> {r.outputCount}
            </span>
          ) : (
            <span className="pi-muted">—</span>
          ),
      },
    ],
    // divisionName depends on lang only.
    [t, lang, s.sort, s.order, update],
  );

  const onTableChange = (_p: unknown, _f: unknown, sorter: SorterResult<TaskView> | SorterResult<TaskView>[]) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = one?.order ? String(one.columnKey) : 'dueOn';
    update({ sort: key, order: one?.order === 'descend' ? 'desc' : 'asc', page: 1 });
  };

  const header = (
    <PageHeader
      title={t('task.title')}
      subtitle={t('task.subtitle')}
      crumbs={[{ title: t('task.title') }]}
      extra={
        agencyId !== null && (
          <>
            <GuardedButton allowed={canManage} whenDenied="hide" type="primary" icon={<BulbOutlined />} onClick={() => setProposing(true)}>
              {t('task.propose')}
            </GuardedButton>
            <GuardedButton allowed={canManage} whenDenied="hide" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('task.create')}
            </GuardedButton>
            {canManage && (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'import', icon: <UploadOutlined />, label: t('task.importPlan') },
                    { key: 'template', icon: <DownloadOutlined />, label: t('task.downloadTemplate') },
                  ],
                  onClick: ({ key }) => (key === 'import' ? setImporting(true) : void template()),
                }}
              >
                <Button icon={<FileExcelOutlined />}>{t('task.plans')}</Button>
              </Dropdown>
            )}
            <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()}>
              {t('action.exportExcel')}
            </Button>
          </>
        )
      }
    />
  );

  const stat = (key: string, label: string, value: number | undefined, tone: string, onClick: () => void, active: boolean) => (
    <button type="button" key={key} className={`pi-task-stat pi-task-stat-${tone}${active ? ' pi-task-stat-active' : ''}`} onClick={onClick} aria-pressed={active}>
      <span className="pi-task-stat-value">{formatCount(value ?? 0, lang)}</span>
      <span className="pi-task-stat-label">{label}</span>
    </button>
  );

  return (
    <>
      {header}
      {!own && (
        <Card className="pi-card pi-task-agency">
          <label className="pi-task-agency-label" htmlFor="task-agency">
            {t('task.agency')}
          </label>
          <AgencySelect id="task-agency" style={{ width: 360 }} aria-label={t('task.agency')} placeholder={t('task.chooseAgency')} value={agencyId} onChange={(v) => update({ agency: v, page: 1, division: null, task: null })} />
          <Typography.Text type="secondary">{t('task.readOnlyHint')}</Typography.Text>
        </Card>
      )}
      {agencyId === null ? (
        <Card className="pi-card">
          <EmptyState title={t('task.chooseAgency')} hint={t('task.chooseAgencyHint')} />
        </Card>
      ) : (
        <>
          <div className="pi-task-stats" role="group" aria-label={t('task.summary')}>
            {stat('all', t('task.stat.total'), counts?.total, 'total', () => update({ status: null, due: null, page: 1 }), !s.status && !s.due)}
            {stat('progress', t('task.stat.inProgress'), counts?.in_progress, 'info', () => update({ status: 'in_progress', due: null, page: 1 }), s.status === 'in_progress')}
            {stat('done', t('task.stat.done'), counts?.done, 'ok', () => update({ status: 'done', due: null, page: 1 }), s.status === 'done')}
            {stat('overdue', t('task.stat.overdue'), counts?.overdue, 'danger', () => update({ due: 'overdue', status: null, page: 1 }), s.due === 'overdue')}
            {stat('soon', t('task.stat.dueSoon'), counts?.dueSoon, 'warn', () => update({ due: 'soon', status: null, page: 1 }), s.due === 'soon')}
          </div>
          <Card className="pi-card pi-table-card">
            <div className="pi-toolbar" role="search">
              <Segmented
                aria-label={t('task.viewLabel')}
                value={board ? 'board' : 'table'}
                onChange={(v) => update({ view: v, page: 1 })}
                options={[
                  { value: 'table', label: t('task.viewTable') },
                  { value: 'board', label: t('task.viewBoard') },
                ]}
              />
              <SearchBox label={t('task.search')} placeholder={t('task.searchPlaceholder')} value={s.q} onSearch={(v) => update({ q: v, page: 1 })} className="pi-toolbar-search" />
              <Select
                className="pi-toolbar-select-sm"
                aria-label={t('common.statusFilter')}
                placeholder={t('status.all')}
                allowClear
                value={s.status || undefined}
                onChange={(v?: string) => update({ status: v ?? null, page: 1 })}
                options={TASK_STATUSES.map((x: TaskStatus) => ({ value: x, label: TASK_STATUS_LABELS[x][lang] }))}
              />
              <Select
                className="pi-toolbar-select-sm"
                aria-label={t('task.kindFilter')}
                placeholder={t('task.allKinds')}
                allowClear
                value={s.kind || undefined}
                onChange={(v?: string) => update({ kind: v ?? null, page: 1 })}
                options={TASK_KINDS.map((x: TaskKind) => ({ value: x, label: TASK_KIND_LABELS[x][lang] }))}
              />
              <Select
                className="pi-toolbar-select"
                aria-label={t('task.divisionFilter')}
                placeholder={t('task.allDivisions')}
                allowClear
                value={s.division ? Number(s.division) : undefined}
                onChange={(v?: number) => update({ division: v ?? null, page: 1 })}
                options={divisions.map((d) => ({ value: d.id, label: divisionName(d) }))}
              />
              <Select
                className="pi-toolbar-select-sm"
                aria-label={t('task.dueFilter')}
                placeholder={t('task.anyDue')}
                allowClear
                value={s.due || undefined}
                onChange={(v?: string) => update({ due: v ?? null, page: 1 })}
                options={[
                  { value: 'overdue', label: t('task.stat.overdue') },
                  { value: 'soon', label: t('task.stat.dueSoon') },
                ]}
              />
              {filtered && (
                <Button type="link" onClick={() => update({ status: null, kind: null, division: null, due: null, q: null, page: 1 })}>
                  {t('action.clearFilters')}
                </Button>
              )}
              <span className="pi-toolbar-count">{t('table.count', { count: formatCount(list.data?.total ?? 0, lang) })}</span>
            </div>
            {list.error && !list.data ? (
              <EmptyState title={t('error.loadFailed')} hint={list.error.message} actions={<Button onClick={() => void list.refetch()}>{t('action.retry')}</Button>} />
            ) : board ? (
              <DivisionBoard tasks={list.data?.items ?? []} divisions={divisions} loading={list.isFetching} truncated={(list.data?.total ?? 0) > BOARD_SIZE} onOpen={(id) => update({ task: id })} />
            ) : (
              <Table<TaskView>
                size="small"
                rowKey="id"
                className="pi-task-table"
                loading={list.isFetching}
                dataSource={list.data?.items ?? []}
                columns={columns}
                onChange={onTableChange}
                rowClassName={deadlineClass}
                sticky
                onRow={(r) => ({ 'data-task-id': r.id }) as React.HTMLAttributes<HTMLElement>}
                pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: (p) => update({ page: p }), showSizeChanger: false, hideOnSinglePage: true }}
                locale={{
                  emptyText: filtered ? (
                    <EmptyState title={t('common.noMatch')} />
                  ) : (
                    <EmptyState
                      title={t('task.empty')}
                      hint={canManage ? t('task.emptyHint') : t('task.emptyHintReadOnly')}
                      actions={
                        canManage && (
                          <Button type="primary" icon={<BulbOutlined />} onClick={() => setProposing(true)}>
                            {t('task.propose')}
                          </Button>
                        )
                      }
                    />
                  ),
                }}
              />
            )}
          </Card>
          <ProposeModal open={proposing} agencyId={agencyId} onClose={() => setProposing(false)} />
          <TaskFormModal open={creating} agencyId={agencyId} divisions={divisions} onClose={() => setCreating(false)} onCreated={(id) => update({ task: id })} />
          <ImportDialog
            open={importing}
            title={t('task.importTitle')}
            hint={
              <>
                <p>{t('task.importHint')}</p>
                <Button type="link" icon={<DownloadOutlined />} onClick={() => void template()} className="pi-task-template-link">
                  {t('task.downloadTemplate')}
                </Button>
              </>
            }
            pending={importer.isPending}
            onClose={() => setImporting(false)}
            onImport={async (file) => {
              const r = await importer.mutateAsync(file);
              void message.success(t('task.imported', { count: r.created }));
              setImporting(false);
              return r;
            }}
          />
        </>
      )}
      <TaskDrawer id={taskId} onClose={() => update({ task: null })} onLoaded={(task) => setTaskAgency(task.agencyId)} />
    </>
  );
}
