import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import type { GroupResults } from '../../api/results';
import { ClassTag } from '../../components/results-class-tag';
import { showIndex, showPercent } from './format';
import { groupStats } from './results-math';

/** Key figures of the group: agencies ranked, average, best and lowest index, and agencies per class. */
export function ResultsSummary({ results }: { results: GroupResults }) {
  const t = useT();
  const { lang } = useLang();
  const s = groupStats(results);
  return (
    <section className="res-summary" aria-label={t('res.summary.label')}>
      <div className="res-kpi">
        <div className="res-kpi-label">{t('res.summary.count')}</div>
        <div className="res-kpi-value">{s.count}</div>
      </div>
      <div className="res-kpi">
        <div className="res-kpi-label">{t('res.summary.average')}</div>
        <div className="res-kpi-value">{showPercent(s.average, lang)}</div>
      </div>
      <div className="res-kpi">
        <div className="res-kpi-label">{t('res.summary.best')}</div>
        <div className="res-kpi-value">{showIndex(s.best?.totalIndex, lang)}</div>
        <div className="res-kpi-sub">{s.best ? pickName(lang, s.best) : '—'}</div>
      </div>
      <div className="res-kpi">
        <div className="res-kpi-label">{t('res.summary.worst')}</div>
        <div className="res-kpi-value">{showIndex(s.worst?.totalIndex, lang)}</div>
        <div className="res-kpi-sub">{s.worst ? pickName(lang, s.worst) : '—'}</div>
      </div>
      <div className="res-kpi res-kpi-wide">
        <div className="res-kpi-label">{t('res.summary.classes')}</div>
        <div className="res-kpi-bands">
          {s.bands.map((b) => (
            <span key={b.code} className="res-kpi-band">
              <ClassTag classification={b} /> <strong>{b.count}</strong>
            </span>
          ))}
        </div>
      </div>
    </section>
  );
}
