import { Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useAnalysisT } from './use-analysis-t';

/** A leaf's name in an analysis table: a "survey" tag when its points come from the survey, and a second line (its criterion or field). */
export function LeafNameCell({ name, survey, sub }: { name: string; survey: boolean; sub: ReactNode }) {
  const at = useAnalysisT();
  return (
    <div className="pi-cell-main">
      <span>
        {name}{' '}
        {survey && (
          <Tooltip title={at('an.lost.surveyHint')}>
            <Tag className="an-tag-survey" tabIndex={0}>
              {at('an.lost.survey')}
            </Tag>
          </Tooltip>
        )}
      </span>
      <span className="pi-cell-sub pi-muted">{sub}</span>
    </div>
  );
}
