import { eq, inArray } from 'drizzle-orm';
import { dueReminder, effectiveDeadline, formatDeadline, PHASE_LABELS, type CycleAction, type Phase } from '../../core/domain/workflow';
import type { Database } from '../db/client';
import { assessments, deadlineExtensions, periods, remindersSent } from '../db/schema/index';
import { agencyUsers, notifyUsers, provinceUsers } from '../modules/notifications/service';
import { sendTaskDeadlineWarnings } from '../modules/tasks/reminders';
import type { JobDefinition } from './queue';

const ACTION_OF: Partial<Record<Phase, CycleAction>> = {
  self_assessment: 'submit',
  appraisal1: 'appraise1',
  explanation: 'explain',
  appraisal2: 'appraise2',
};

/**
 * Sends the 7/3/1-day deadline reminders of every open period: to the agencies that still have to act
 * (self-assessment not submitted; explanation round) and to appraisers for the appraisal rounds. Each reminder is
 * recorded in reminders_sent inside the same transaction, so any instance may run this and each is sent once.
 */
export async function sendDeadlineReminders(database: Database, now: Date): Promise<number> {
  let count = 0;
  const open = await database.db.select().from(periods).where(inArray(periods.phase, ['self_assessment', 'appraisal1', 'explanation', 'appraisal2']));
  for (const p of open) {
    const phase = p.phase as Phase;
    const action = ACTION_OF[phase]!;
    const deadlines = { selfAssessmentDueAt: p.selfAssessmentDueAt, appraisal1DueAt: p.appraisal1DueAt, explanationDueAt: p.explanationDueAt, appraisal2DueAt: p.appraisal2DueAt };
    const rows = await database.db.select({ agencyId: assessments.agencyId, status: assessments.status }).from(assessments).where(eq(assessments.periodId, p.id));
    const extensions = await database.db.select().from(deadlineExtensions).where(eq(deadlineExtensions.periodId, p.id));
    const waiting = phase === 'self_assessment' ? rows.filter((r) => r.status === 'draft') : rows;
    for (const r of waiting) {
      const deadline = effectiveDeadline(action, deadlines, extensions.filter((e) => e.agencyId === r.agencyId).map((e) => ({ phase: e.phase as Phase, dueAt: e.dueAt })));
      if (!deadline) continue;
      const days = dueReminder(deadline, now);
      if (!days) continue;
      const sent = await database.db.transaction(async (tx) => {
        const claimed = await tx
          .insert(remindersSent)
          .values({ periodId: p.id, agencyId: r.agencyId, phase, daysBefore: days, sentAt: now })
          .onConflictDoNothing()
          .returning();
        if (!claimed.length) return 0;
        const forAgency = phase === 'self_assessment' || phase === 'explanation';
        const recipients = forAgency ? await agencyUsers(tx, p.provinceId, [r.agencyId]) : await provinceUsers(tx, p.provinceId, ['appraiser']);
        const label = PHASE_LABELS[phase];
        return notifyUsers(
          tx,
          recipients,
          {
            kind: `deadline.reminder.${days}`,
            title: { vi: `Còn ${days} ngày: hạn ${label.vi.toLowerCase()} ${p.year}`, en: `${days} day${days > 1 ? 's' : ''} left: ${label.en} ${p.year} deadline` },
            body: { vi: `Hạn chót: ${formatDeadline(deadline, 'vi')}.`, en: `Deadline: ${formatDeadline(deadline, 'en')}.` },
            link: `/periods/${p.id}`,
          },
          now,
        );
      });
      count += sent > 0 ? 1 : 0;
    }
  }
  return count;
}

/**
 * The deadline jobs, every five minutes (each reminder and warning is claimed in the database, so a late or
 * repeated run sends nothing twice): period deadline reminders and remediation task deadline warnings.
 */
export function reminderJobs(database: Database, now: () => Date): JobDefinition[] {
  const every5 = { expression: '*/5 * * * *' };
  const queue = { policy: 'stately', retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 600 } as const;
  return [
    {
      name: 'reminders.deadlines',
      cron: every5,
      queue,
      pollingIntervalSeconds: 10,
      async handler() {
        await sendDeadlineReminders(database, now());
      },
    },
    {
      name: 'tasks.deadline-warnings',
      cron: every5,
      queue,
      pollingIntervalSeconds: 10,
      async handler() {
        await sendTaskDeadlineWarnings(database.db, now());
      },
    },
  ];
}
