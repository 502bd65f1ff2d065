import type { analysisNavVi } from './analysis-nav';

export const analysisNavEn: Record<keyof typeof analysisNavVi, string> = {
  'anav.analysis': 'Analysis',
  'anav.province': 'Province view',
  'anav.openAnalysis': 'Analysis',
  'anav.seeAnalysis': 'See the analysis',
};
