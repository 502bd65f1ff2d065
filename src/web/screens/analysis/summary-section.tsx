import { Card } from 'antd';
import type { AgencyAnalysis } from '../../api/analysis';
import { ClassTag } from '../../components/results-class-tag';
import { RankChange } from '../../components/results-rank-change';
import { useLang } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { showIdx, showUnits, signedIndex, weakestComponents } from './analysis-format';
import { useAnalysisT } from './use-analysis-t';

/**
 * The first thing the page says: the plain sentence (rank, change, where most points were lost), the components
 * that pull the index down, and four cards: index, rank x/N, change ▲/▼ and class.
 */
export function SummarySection({ data }: { data: AgencyAnalysis }) {
  const at = useAnalysisT();
  const { lang } = useLang();
  const { summary, comparison } = data;
  const weak = weakestComponents(comparison.fields, summary.totalIndex);
  const total = comparison.total;
  const lostMax = data.waterfall.applicableMax;
  return (
    <section className="an-summary" aria-label={at('an.summary.label')}>
      <Card className="pi-card an-sentence-card" size="small">
        <p className="an-sentence" data-testid="an-sentence">
          {summary.sentence[lang]}
        </p>
        {weak.length > 0 && (
          <div className="an-weak">
            <span className="an-weak-label" id="an-weak-label">
              {at('an.summary.weakest')}
            </span>
            <ul className="an-weak-list" aria-labelledby="an-weak-label" data-testid="an-weakest">
              {weak.map((f) => (
                <li key={f.code ?? ''} className="an-weak-item" data-code={f.code ?? ''}>
                  <span className="an-weak-name">
                    {f.code}. {pickName(lang, f)}
                  </span>{' '}
                  <span className="an-weak-value">{showIdx(f.index, lang)}</span>
                </li>
              ))}
            </ul>
            <span className="an-weak-hint pi-muted">{at('an.summary.weakestHint', { index: showIdx(summary.totalIndex, lang) })}</span>
          </div>
        )}
      </Card>
      <div className="an-kpis">
        <div className="an-kpi">
          <div className="an-kpi-label">{at('an.kpi.index')}</div>
          <div className="an-kpi-value an-kpi-big" data-testid="an-index">
            {showIdx(summary.totalIndex, lang)}
          </div>
          <div className="an-kpi-sub">
            {total.previousIndex !== null && data.previousYear !== null
              ? at('an.kpi.indexChange', { change: signedIndex(total.change, lang), year: data.previousYear, previous: showIdx(total.previousIndex, lang) })
              : at('an.kpi.noPrevious')}
          </div>
        </div>
        <div className="an-kpi">
          <div className="an-kpi-label">{at('an.kpi.rank')}</div>
          <div className="an-kpi-value an-kpi-big" data-testid="an-rank">
            {summary.rank.rank}/{summary.rank.of}
            {summary.rank.tied && <span className="an-kpi-tied"> {at('an.kpi.tied')}</span>}
          </div>
          <div className="an-kpi-sub">{pickName(lang, data.group)}</div>
        </div>
        <div className="an-kpi">
          <div className="an-kpi-label">{at('an.kpi.change')}</div>
          <div className="an-kpi-value an-kpi-big">
            <RankChange change={summary.change} previousRank={summary.previousRank} />
          </div>
          <div className="an-kpi-sub">
            {summary.previousRank !== null && data.previousYear !== null
              ? at('an.kpi.previousRank', { year: data.previousYear, rank: summary.previousRank })
              : at('an.kpi.noPreviousRank')}
          </div>
        </div>
        <div className="an-kpi">
          <div className="an-kpi-label">{at('an.kpi.class')}</div>
          <div className="an-kpi-value">
            <ClassTag classification={data.classification} />
          </div>
          <div className="an-kpi-sub">
            {summary.lostTotal !== null ? at('an.kpi.lost', { lost: showUnits(summary.lostTotal, lang), max: showUnits(lostMax, lang) }) : '—'}
          </div>
        </div>
      </div>
    </section>
  );
}
