import { Alert, Button } from 'antd';
import { useState } from 'react';
import type { FrameworkProblem } from '../../../core/domain/framework';
import { useLang, useT } from '../../i18n/i18n-context';

const SHOWN = 6;

/**
 * Every validation problem of the framework, errors first; clicking one goes to its node (or to the general
 * settings for totals, caps and bands). Errors block publication, warnings do not.
 */
export function ProblemsBanner({ problems, onGo }: { problems: FrameworkProblem[]; onGo: (p: FrameworkProblem) => void }) {
  const t = useT();
  const { lang } = useLang();
  const [all, setAll] = useState(false);
  if (problems.length === 0) return null;
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const sorted = [...errors, ...warnings];
  const shown = all ? sorted : sorted.slice(0, SHOWN);
  const title =
    errors.length > 0
      ? t('fw.problems.errors', { errors: errors.length, warnings: warnings.length })
      : t('fw.problems.warnings', { warnings: warnings.length });
  return (
    <Alert
      className="fw-problems"
      type={errors.length > 0 ? 'error' : 'warning'}
      showIcon
      role={errors.length > 0 ? 'alert' : 'status'}
      title={title}
      description={
        <>
          <ul className="fw-problem-list">
            {shown.map((p, i) => (
              <li key={`${p.code}-${p.nodeCode ?? ''}-${p.path ?? ''}-${i}`} className={p.severity === 'error' ? 'fw-problem-error' : 'fw-problem-warning'}>
                <button type="button" className="fw-problem-link" onClick={() => onGo(p)}>
                  {p.nodeCode !== undefined ? <span className="pi-code fw-problem-code">{p.nodeCode}</span> : <span className="fw-problem-code">{t('fw.problems.general')}</span>}
                  <span>{p.message[lang]}</span>
                </button>
              </li>
            ))}
          </ul>
          {sorted.length > SHOWN && (
            <Button type="link" size="small" className="fw-problem-more" onClick={() => setAll((v) => !v)}>
              {all ? t('fw.problems.less') : t('fw.problems.more', { count: sorted.length - SHOWN })}
            </Button>
          )}
        </>
      }
    />
  );
}
