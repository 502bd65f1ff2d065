/** Routes of the analysis, spread into router.tsx: the way in, one agency's analysis and the province view. */
import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const AnalysisHome = lazy(() => import('./analysis-home'));
const AgencyAnalysisPage = lazy(() => import('./agency-analysis-page'));
const ProvinceAnalysisPage = lazy(() => import('./province-analysis-page'));

export const analysisRoutes: RouteObject[] = [
  { path: 'analysis', element: <AnalysisHome /> },
  { path: 'analysis/agencies/:agencyId', element: <AgencyAnalysisPage /> },
  { path: 'analysis/province', element: <ProvinceAnalysisPage /> },
];
