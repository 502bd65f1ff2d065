/** Routes of the criteria frameworks, spread into router.tsx: the list, the editor and the comparison. */
import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const FrameworksPage = lazy(() => import('./frameworks-page'));
const FrameworkEditorPage = lazy(() => import('./framework-editor-page'));
const FrameworkComparePage = lazy(() => import('./framework-compare-page'));

export const frameworkRoutes: RouteObject[] = [
  { path: 'frameworks', element: <FrameworksPage /> },
  { path: 'frameworks/:id', element: <FrameworkEditorPage /> },
  { path: 'frameworks/:id/compare', element: <FrameworkComparePage /> },
];
