import { Alert, Card } from 'antd';
import type { AgencyAnalysis } from '../../api/analysis';
import { useLang } from '../../i18n/i18n-context';
import { rankStrip, showIdx, showShare } from './analysis-format';
import { useAnalysisT } from './use-analysis-t';

/**
 * How robust the rank is: (a) the survey's uncertainty, a Monte Carlo over the survey confidence intervals of
 * every agency (the rank's 5–95 % interval, min–max and the probability of each rank), said plainly when that
 * year has no survey intervals; (b) one step of appraisal judgement on every leaf (best and worst rank), others
 * unchanged. A strip of the ranks 1 … N shows both intervals around the current rank.
 */
export function RobustnessCard({ data }: { data: AgencyAnalysis }) {
  const at = useAnalysisT();
  const { lang } = useLang();
  const r = data.robustness;
  const a = r.agency;
  if (!a) {
    return (
      <Card className="pi-card an-card an-robust" title={<h2 className="an-card-title">{at('an.rob.title')}</h2>}>
        <p className="pi-muted">{at('an.rob.none')}</p>
      </Card>
    );
  }
  const drawn = r.surveyLeavesDrawn > 0;
  const of = data.summary.rank.of;
  const cells = rankStrip(of, a.currentRank, drawn ? { p5: a.ranks.p5, p95: a.ranks.p95, probabilities: a.probabilities } : null, a.appraisal ? { best: a.appraisal.best.rank, worst: a.appraisal.worst.rank } : null);
  const maxPercent = Math.max(1, ...a.probabilities.map((p) => p.percent));
  const interval = (lo: number, hi: number) => (lo === hi ? String(lo) : `${lo}–${hi}`);

  return (
    <Card className="pi-card an-card an-robust" title={<h2 className="an-card-title" id="an-rob-title">{at('an.rob.title')}</h2>}>
      <p className="an-card-lead pi-muted">{at('an.rob.lead')}</p>
      <div className="an-strip-wrap">
        <ol className="an-strip" aria-label={at('an.rob.stripLabel', { of })}>
          {cells.map((c) => (
            <li
              key={c.rank}
              className={['an-strip-cell', c.current ? 'an-strip-current' : '', c.inSurveyInterval ? 'an-strip-survey' : '', c.inAppraisalInterval ? 'an-strip-appraisal' : ''].join(' ')}
            >
              {c.rank}
              {(c.current || c.inSurveyInterval || c.inAppraisalInterval) && (
                <span className="pi-visually-hidden">
                  {`: ${[c.current ? at('an.rob.cellCurrent') : '', c.inSurveyInterval ? at('an.rob.cellSurvey') : '', c.inAppraisalInterval ? at('an.rob.cellAppraisal') : ''].filter(Boolean).join(', ')}`}
                </span>
              )}
            </li>
          ))}
        </ol>
        <div className="an-strip-legend" aria-hidden>
          <span>
            <i className="an-swatch an-swatch-current" /> {at('an.rob.legendCurrent')}
          </span>
          {drawn && (
            <span>
              <i className="an-swatch an-swatch-survey" /> {at('an.rob.legendSurvey')}
            </span>
          )}
          {a.appraisal && (
            <span>
              <i className="an-swatch an-swatch-appraisal" /> {at('an.rob.legendAppraisal')}
            </span>
          )}
        </div>
      </div>
      <div className="an-rob-grid">
        <section className="an-rob-part" aria-labelledby="an-rob-survey">
          <h3 className="an-subtitle" id="an-rob-survey">
            {at('an.rob.surveyTitle')}
          </h3>
          {!drawn ? (
            <Alert type="info" showIcon className="an-alert" data-testid="an-rob-no-survey" title={at('an.rob.noSurvey', { year: data.year, rank: a.currentRank })} />
          ) : (
            <>
              <dl className="an-dl">
                <dt>{at('an.rob.p5p95')}</dt>
                <dd data-testid="an-rob-interval">{at('an.rob.rankInterval', { interval: interval(a.ranks.p5, a.ranks.p95) })}</dd>
                <dt>{at('an.rob.minMax')}</dt>
                <dd>{at('an.rob.rankInterval', { interval: interval(a.ranks.min, a.ranks.max) })}</dd>
                <dt>{at('an.rob.median')}</dt>
                <dd>{at('an.rob.rankInterval', { interval: String(a.ranks.p50) })}</dd>
                <dt>{at('an.rob.indexInterval')}</dt>
                <dd>
                  {showIdx(a.index.p5, lang)} – {showIdx(a.index.p95, lang)}
                </dd>
              </dl>
              <table className="an-prob">
                <caption className="an-prob-caption">{at('an.rob.probCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{at('an.rob.rank')}</th>
                    <th scope="col">{at('an.rob.probability')}</th>
                  </tr>
                </thead>
                <tbody>
                  {a.probabilities.map((p) => (
                    <tr key={p.rank} className={p.rank === a.currentRank ? 'an-prob-current' : undefined}>
                      <th scope="row">{p.rank}</th>
                      <td>
                        <span className="an-prob-bar" aria-hidden style={{ width: `${Math.max(2, (p.percent / maxPercent) * 100)}%` }} />
                        <span className="an-num">{showShare(p.percent, lang)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="an-footnote pi-muted">{at('an.rob.method', { draws: r.draws, leaves: r.surveyLeavesDrawn, seed: String(r.seed) })}</p>
            </>
          )}
        </section>
        <section className="an-rob-part" aria-labelledby="an-rob-appraisal">
          <h3 className="an-subtitle" id="an-rob-appraisal">
            {at('an.rob.appraisalTitle')}
          </h3>
          {a.appraisal ? (
            <>
              <dl className="an-dl">
                <dt>{at('an.rob.best')}</dt>
                <dd data-testid="an-rob-best">{at('an.rob.rankIndex', { rank: a.appraisal.best.rank, index: showIdx(a.appraisal.best.index, lang) })}</dd>
                <dt>{at('an.rob.current')}</dt>
                <dd>{at('an.rob.rankIndex', { rank: a.currentRank, index: showIdx(a.currentIndex, lang) })}</dd>
                <dt>{at('an.rob.worst')}</dt>
                <dd data-testid="an-rob-worst">{at('an.rob.rankIndex', { rank: a.appraisal.worst.rank, index: showIdx(a.appraisal.worst.index, lang) })}</dd>
              </dl>
              <p className="an-footnote pi-muted">{at('an.rob.appraisalNote')}</p>
            </>
          ) : (
            <p className="pi-muted">{at('an.rob.noAppraisal')}</p>
          )}
        </section>
      </div>
    </Card>
  );
}
