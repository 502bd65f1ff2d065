import { Tooltip } from 'antd';
import { useT } from '../i18n/i18n-context';
import './results-styles.css';

/** ▲3 (green, climbed), ▼9 (red, fell), = (same rank) or — (no previous rank). */
export function RankChange({ change, previousRank }: { change: number | null; previousRank?: number | null }) {
  const t = useT();
  if (change === null) {
    return (
      <span className="res-change res-change-none" aria-label={t('res.change.none')} title={t('res.change.none')}>
        —
      </span>
    );
  }
  const label = change > 0 ? t('res.change.up', { n: change }) : change < 0 ? t('res.change.down', { n: -change }) : t('res.change.same');
  const text = change > 0 ? `▲${change}` : change < 0 ? `▼${-change}` : '=';
  const cls = change > 0 ? 'res-change-up' : change < 0 ? 'res-change-down' : 'res-change-same';
  return (
    <Tooltip title={previousRank != null ? `${label} · ${t('res.change.previous', { rank: previousRank })}` : label}>
      <span className={`res-change ${cls}`} aria-label={label} tabIndex={0}>
        {text}
      </span>
    </Tooltip>
  );
}
