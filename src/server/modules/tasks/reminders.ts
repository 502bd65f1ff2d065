import { addDays, daysBetween, DUE_SOON_DAYS, taskReminderDue, vietnamDate } from '../../../core/domain/tasks';
import type { Db } from '../../db/client';
import { agencyUsers, type Message, notifyUsers } from '../notifications/service';
import * as q from './queries';

function messageOf(task: q.TaskRow, agency: { nameVi: string; nameEn: string }, kind: string, today: string): Message {
  const due = task.dueOn!;
  const days = daysBetween(today, due);
  const dueVi = due.split('-').reverse().join('/');
  const title =
    kind === 'overdue'
      ? { vi: `Quá hạn ${-days} ngày: nhiệm vụ “${task.title}”`, en: `Overdue by ${-days} day${days === -1 ? '' : 's'}: task “${task.title}”` }
      : days === 0
        ? { vi: `Hôm nay đến hạn: nhiệm vụ “${task.title}”`, en: `Due today: task “${task.title}”` }
        : { vi: `Còn ${days} ngày đến hạn: nhiệm vụ “${task.title}”`, en: `${days} day${days === 1 ? '' : 's'} left: task “${task.title}”` };
  return {
    kind: `task.reminder.${kind}`,
    title,
    body: {
      vi: `${agency.nameVi} · Hạn hoàn thành: ${dueVi} · Tiến độ: ${task.progress}%.`,
      en: `${agency.nameEn || agency.nameVi} · Due: ${due} · Progress: ${task.progress}%.`,
    },
    link: `/remediation?task=${task.id}`,
  };
}

/**
 * Sends the deadline warnings of remediation and plan tasks: 7, 3 and 1 day before the due date and once overdue,
 * to the heads of the task's lead division and the agency's focal point and head. Each warning is recorded in
 * task_reminders_sent inside the transaction that sends it, so it goes out once even with several instances.
 * Returns how many warnings were sent.
 */
export async function sendTaskDeadlineWarnings(db: Db, now: Date): Promise<number> {
  const today = vietnamDate(now);
  let count = 0;
  for (const { task, agency, sent: already } of await q.tasksDueBy(db, addDays(today, DUE_SOON_DAYS))) {
    const kind = taskReminderDue(task.status, task.dueOn, today);
    // Already sent (checked again, atomically, by the claim below).
    if (!kind || already.includes(kind)) continue;
    const sent = await db.transaction(async (tx) => {
      if (!(await q.claimReminder(tx, task.id, kind, now))) return false;
      const recipients = [...(task.leadDivisionId ? await q.divisionHeads(tx, task.leadDivisionId) : []), ...(await agencyUsers(tx, agency.provinceId, [agency.id]))];
      await notifyUsers(tx, recipients, messageOf(task, agency, kind, today), now);
      return true;
    });
    if (sent) count++;
  }
  return count;
}
