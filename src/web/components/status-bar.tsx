import type { ReactNode } from 'react';
import { formatCount } from '../i18n/format';
import { useLang } from '../i18n/i18n-context';
import './status-bar.css';

export type StatusBarTone = 'ok' | 'info' | 'warn' | 'danger' | 'off';

export interface StatusBarSegment {
  key: string;
  label: string;
  count: number;
  tone: StatusBarTone;
  /** Clicking the segment's legend entry (e.g. to filter the table below by it). */
  onClick?: () => void;
  active?: boolean;
}

/**
 * One horizontal bar split by status, with a legend of counts: what a table of many rows says at a glance
 * (issue 11 part 7). Empty segments stay in the legend (a zero is news too) but take no width.
 */
export function StatusBar({ title, segments, extra }: { title: ReactNode; segments: StatusBarSegment[]; extra?: ReactNode }) {
  const { lang } = useLang();
  const total = segments.reduce((n, s) => n + s.count, 0);
  return (
    <section className="pi-statusbar" aria-label={typeof title === 'string' ? title : undefined}>
      <div className="pi-statusbar-head">
        <span className="pi-statusbar-title">{title}</span>
        {extra}
      </div>
      <div className="pi-statusbar-track" role="img" aria-label={segments.map((s) => `${s.label}: ${formatCount(s.count, lang)}`).join(', ')}>
        {total > 0 &&
          segments
            .filter((s) => s.count > 0)
            .map((s) => <span key={s.key} className={`pi-statusbar-seg pi-statusbar-${s.tone}`} style={{ flexGrow: s.count }} title={`${s.label}: ${formatCount(s.count, lang)}`} />)}
      </div>
      <ul className="pi-statusbar-legend">
        {segments.map((s) => {
          const body = (
            <>
              <span className={`pi-statusbar-dot pi-statusbar-${s.tone}`} aria-hidden />
              <span>{s.label}</span>
              <b className="pi-num">{formatCount(s.count, lang)}</b>
            </>
          );
          return (
            <li key={s.key}>
              {s.onClick ? (
                <button type="button" className={`pi-statusbar-item${s.active ? ' is-active' : ''}`} aria-pressed={Boolean(s.active)} onClick={s.onClick}>
                  {body}
                </button>
              ) : (
                <span className="pi-statusbar-item">{body}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
