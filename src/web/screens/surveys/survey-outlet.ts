import { useOutletContext } from 'react-router';
import type { PeriodView } from '../../api/periods';
import type { QuestionnaireView } from '../../api/surveys';

export interface SurveyOutlet {
  survey: QuestionnaireView;
  period: PeriodView | undefined;
}

/** The questionnaire loaded by the questionnaire page, for its tabs. */
export function useSurveyOutlet(): SurveyOutlet {
  return useOutletContext<SurveyOutlet>();
}
