/**
 * The words of the analysis (issue 6) that screens outside it show: the navigation and the links from the home,
 * the results and the scorecard. The analysis screens' own messages are in analysis.ts, loaded with them.
 */
export const analysisNavVi = {
  'anav.analysis': 'Phân tích',
  'anav.province': 'Phân tích toàn tỉnh',
  'anav.openAnalysis': 'Phân tích',
  'anav.seeAnalysis': 'Xem phân tích kết quả',
} as const;
