import { ASSESSMENT_STATUSES, ASSESSMENT_STATUS_LABELS } from '../../../core/domain/workflow';
import type { AssessmentSummary } from '../../api/assessments';
import { useLang, useT } from '../../i18n/i18n-context';

const COLORS: Record<(typeof ASSESSMENT_STATUSES)[number], string> = {
  draft: '#8c8c8c',
  submitted: '#1554ad',
  appraised: '#6a3fb5',
  explained: '#ad6800',
  finalised: '#237804',
};

/**
 * Where the agencies' assessments stand, as one bar (one segment per status, width by count) with a legend: what the
 * secretariat reads before the agency-by-agency table below it.
 */
export function StatusBar({ items }: { items: AssessmentSummary[] }) {
  const t = useT();
  const { lang } = useLang();
  const counts = ASSESSMENT_STATUSES.map((s) => ({ status: s, count: items.filter((a) => a.status === s).length, label: ASSESSMENT_STATUS_LABELS[s][lang] }));
  if (items.length === 0) return null;
  return (
    <div className="pi-dash-status" data-testid="home-status-bar">
      <div className="pi-sa-figure-label">{t('dash.statusBar')}</div>
      <div className="pi-dash-bands pi-dash-status-bar" role="img" aria-label={counts.map((c) => `${c.label}: ${c.count}`).join(', ')}>
        {counts
          .filter((c) => c.count > 0)
          .map((c) => (
            <span key={c.status} style={{ flex: c.count, background: COLORS[c.status] }} title={`${c.label}: ${c.count}`}>
              {c.count}
            </span>
          ))}
      </div>
      <div className="pi-dash-band-legend">
        {counts.map((c) => (
          <span key={c.status}>
            <i style={{ background: COLORS[c.status] }} /> {c.label} {c.count}
          </span>
        ))}
      </div>
    </div>
  );
}
