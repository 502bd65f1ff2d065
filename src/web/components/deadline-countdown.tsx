import { ClockCircleOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { daysUntil, formatDeadline } from '../../core/domain/workflow';
import { useLang, useT } from '../i18n/i18n-context';
import './cycle-styles.css';

/** The current time, refreshed every minute (deadlines and countdowns stay right on a page left open). */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export type DeadlineTone = 'ok' | 'soon' | 'urgent' | 'past';

/** How close a deadline is: more than 7 days, within 7 days, within 1 day, or past. */
export function deadlineTone(deadline: Date, now: Date): DeadlineTone {
  const ms = deadline.getTime() - now.getTime();
  if (ms < 0) return 'past';
  if (ms <= 86_400_000) return 'urgent';
  if (ms <= 7 * 86_400_000) return 'soon';
  return 'ok';
}

/**
 * A deadline in Vietnam time with what is left ("còn 12 ngày", "hôm nay", "đã quá hạn 3 ngày"), coloured as it
 * approaches. `label` names the deadline (e.g. "Hạn tự đánh giá").
 */
export function DeadlineCountdown({ deadline, label, compact }: { deadline: string | null | undefined; label?: string; compact?: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const now = useNow();
  if (!deadline) return <span className="pi-deadline pi-deadline-none">{label ? `${label}: ` : ''}{t('deadline.none')}</span>;
  const d = new Date(deadline);
  const days = daysUntil(d, now);
  const tone = deadlineTone(d, now);
  const left =
    tone === 'past'
      ? t('deadline.past', { days: Math.max(1, -days) })
      : days <= 0
        ? t('deadline.today')
        : days === 1
          ? t('deadline.tomorrow')
          : t('deadline.daysLeft', { days });
  return (
    <span className={`pi-deadline pi-deadline-${tone}`} data-testid="deadline">
      <ClockCircleOutlined aria-hidden />
      {label && <span className="pi-deadline-label">{label}:</span>}
      {!compact && <span className="pi-deadline-date">{formatDeadline(d, lang)}</span>}
      <span className="pi-deadline-left">{compact ? left : `(${left})`}</span>
    </span>
  );
}
