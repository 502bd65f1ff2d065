/** Routes of the internal council, initiatives and commendation proposals (issue 6, parts 5 and 6), spread into router.tsx. */
import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const CouncilPage = lazy(() => import('./council-page'));
const InitiativesPage = lazy(() => import('../initiatives/initiatives-page'));
const CommendationsPage = lazy(() => import('../commendations/commendations-page'));

export const councilRoutes: RouteObject[] = [
  { path: 'council', element: <CouncilPage /> },
  { path: 'initiatives', element: <InitiativesPage /> },
  { path: 'commendations', element: <CommendationsPage /> },
];
