import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Progress, Skeleton, Tag } from 'antd';
import type { DivisionRef } from '../../../core/schemas/tasks';
import type { TaskView } from '../../api/tasks';
import { EmptyState } from '../../components/empty-state';
import { formatCount } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { deadlineClass, DeadlineTag, TaskStatusTag } from './task-tags';

interface Column {
  key: string;
  title: string;
  lead: TaskView[];
  support: TaskView[];
}

/**
 * The tasks as a board by division: each division's column lists the tasks it leads, then those it supports
 * (marked "phối hợp"); tasks without a lead division have their own column. Overdue cards are red, due soon amber.
 */
export function DivisionBoard({
  tasks,
  divisions,
  loading,
  truncated,
  onOpen,
}: {
  tasks: TaskView[];
  divisions: DivisionRef[];
  loading: boolean;
  truncated: boolean;
  onOpen: (id: number) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  if (loading && tasks.length === 0) return <Skeleton active />;
  if (tasks.length === 0) return <EmptyState title={t('task.empty')} />;
  const columns: Column[] = divisions
    .map((d) => ({
      key: String(d.id),
      title: pickName(lang, d),
      lead: tasks.filter((x) => x.leadDivision?.id === d.id),
      support: tasks.filter((x) => x.supportDivisions.some((s) => s.id === d.id)),
    }))
    .filter((c) => c.lead.length + c.support.length > 0 || divisions.find((d) => String(d.id) === c.key)?.isActive);
  const unassigned = tasks.filter((x) => !x.leadDivision);
  if (unassigned.length) columns.push({ key: 'none', title: t('task.unassigned'), lead: unassigned, support: [] });

  const card = (task: TaskView, supporting: boolean) => (
    <li key={`${task.id}-${supporting ? 's' : 'l'}`}>
      <button type="button" className={`pi-task-card ${deadlineClass(task)}`} onClick={() => onOpen(task.id)}>
        <span className="pi-task-card-title">{task.title}</span>
        <span className="pi-task-card-meta">
          {supporting && <Tag className="pi-task-support-tag">{t('task.supporting')}</Tag>}
          {task.nodeCode && <span className="pi-code">{task.nodeCode}</span>}
          <TaskStatusTag status={task.status} />
        </span>
        <DeadlineTag task={task} />
        <span className="pi-task-card-foot">
          <Progress percent={task.progress} size="small" status={task.status === 'done' ? 'success' : task.deadline === 'overdue' ? 'exception' : 'normal'} aria-label={t('task.progressOf', { percent: task.progress })} />
          {task.outputCount > 0 && (
            <span aria-label={t('task.outputsCount', { count: task.outputCount })}>
              <PaperClipOutlined aria-hidden /> {task.outputCount}
            </span>
          )}
        </span>
      </button>
    </li>
  );

  return (
    <>
      {truncated && <Alert type="info" showIcon className="pi-task-board-note" title={t('task.boardTruncated')} />}
      <div className="pi-task-board">
        {columns.map((c) => (
          <section key={c.key} className="pi-task-column" aria-label={c.title}>
            <header className="pi-task-column-head">
              <span className="pi-task-column-title">{c.title}</span>
              <span className="pi-task-column-count">{t('task.boardCount', { lead: formatCount(c.lead.length, lang), support: formatCount(c.support.length, lang) })}</span>
            </header>
            {c.lead.length + c.support.length === 0 ? (
              <p className="pi-muted pi-task-column-empty">{t('task.boardEmpty')}</p>
            ) : (
              <ul className="pi-task-cards">
                {c.lead.map((x) => card(x, false))}
                {c.support.map((x) => card(x, true))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </>
  );
}
