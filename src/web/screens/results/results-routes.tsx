/** Routes of the results, spread into router.tsx: a group's ranking, the leaf matrix and an agency's scorecard. */
import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const ResultsPage = lazy(() => import('./results-page'));
const ScorecardPage = lazy(() => import('./scorecard-page'));
const MatrixPage = lazy(() => import('./matrix-page'));

export const resultsRoutes: RouteObject[] = [
  { path: 'results', element: <ResultsPage /> },
  { path: 'results/matrix', element: <MatrixPage /> },
  { path: 'results/:year/agencies/:agencyId', element: <ScorecardPage /> },
];
