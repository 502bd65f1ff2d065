import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { TASK_KIND_LABELS, TASK_STATUS_LABELS, type TaskKind, type TaskStatus } from '../../../core/domain/tasks';
import type { TaskView } from '../../api/tasks';
import { StatusTag, type StatusTone } from '../../components/status-tag';
import { formatDate } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';

const STATUS_TONE: Record<TaskStatus, StatusTone | 'info'> = { open: 'off', in_progress: 'info', done: 'ok', cancelled: 'off' };

/** A task's status: Chưa thực hiện, Đang thực hiện, Hoàn thành, Đã hủy. */
export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { lang } = useLang();
  const tone = STATUS_TONE[status];
  if (tone === 'info') {
    return (
      <Tag className="pi-status pi-status-info" variant="outlined">
        {TASK_STATUS_LABELS[status][lang]}
      </Tag>
    );
  }
  return (
    <StatusTag tone={tone}>
      <span className={status === 'cancelled' ? 'pi-task-cancelled' : undefined}>{TASK_STATUS_LABELS[status][lang]}</span>
    </StatusTag>
  );
}

/** Remediation, annual PAR plan or procedure-control plan. */
export function TaskKindTag({ kind }: { kind: TaskKind }) {
  const { lang } = useLang();
  return (
    <Tag className={`pi-task-kind pi-task-kind-${kind}`} variant="outlined">
      {TASK_KIND_LABELS[kind][lang]}
    </Tag>
  );
}

/** The due date with its state: red when overdue, amber when due within 7 days. */
export function DeadlineTag({ task }: { task: Pick<TaskView, 'dueOn' | 'deadline' | 'daysLeft'> }) {
  const t = useT();
  const { lang } = useLang();
  if (!task.dueOn) return <span className="pi-muted">{t('task.noDue')}</span>;
  const date = formatDate(task.dueOn, lang);
  if (task.deadline === 'overdue') {
    return (
      <span className="pi-task-due">
        <span>{date}</span>
        <StatusTag tone="danger" icon={<ExclamationCircleOutlined aria-hidden />}>
          {t('task.overdueDays', { days: -(task.daysLeft ?? 0) })}
        </StatusTag>
      </span>
    );
  }
  if (task.deadline === 'due_soon') {
    return (
      <span className="pi-task-due">
        <span>{date}</span>
        <StatusTag tone="warn" icon={<ClockCircleOutlined aria-hidden />}>
          {task.daysLeft === 0 ? t('task.dueToday') : t('task.daysLeft', { days: task.daysLeft ?? 0 })}
        </StatusTag>
      </span>
    );
  }
  return <span className={task.deadline === 'closed' ? 'pi-muted' : undefined}>{date}</span>;
}

/** The row class of a task in a table or board: overdue (red) or due soon (amber). */
export function deadlineClass(task: Pick<TaskView, 'deadline'>): string {
  return task.deadline === 'overdue' ? 'pi-task-overdue' : task.deadline === 'due_soon' ? 'pi-task-soon' : '';
}
