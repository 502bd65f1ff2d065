import { useOutletContext } from 'react-router';
import type { AssessmentDetail } from '../../api/assessments';

export interface AssessmentOutlet {
  detail: AssessmentDetail;
}

/** The assessment loaded by the assessment page, for its tabs (self-assessment, appraisal, explanation). */
export function useAssessmentOutlet(): AssessmentOutlet {
  return useOutletContext<AssessmentOutlet>();
}
