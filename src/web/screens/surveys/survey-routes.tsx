/**
 * Routes of the sociological survey, spread into router.tsx: the secretariat's screens (inside the app shell) and
 * the respondent's public form `/khao-sat/:token?ma=CODE` (outside it: no login, its own small chunk).
 */
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { FullPageSpinner } from '../../components/full-page-spinner';
import { RouteError } from '../../components/route-error';

const SurveysPage = lazy(() => import('./surveys-page'));
const SurveyPage = lazy(() => import('./survey-page'));
const SurveyDesign = lazy(() => import('./survey-design'));
const SurveyNew = lazy(() => import('./survey-new'));
const SurveyCodes = lazy(() => import('./survey-codes'));
const SurveyQuotas = lazy(() => import('./survey-quotas'));
const SurveyPaper = lazy(() => import('./survey-paper'));
const SurveyVerification = lazy(() => import('./survey-verification'));
const SurveyResults = lazy(() => import('./survey-results'));
const SurveyFormPage = lazy(() => import('../survey-form/survey-form-page'));

/** Logged-in routes (children of the app layout). */
export const surveyRoutes: RouteObject[] = [
  { path: 'surveys', element: <SurveysPage /> },
  { path: 'surveys/new', element: <SurveyNew /> },
  {
    path: 'surveys/:id',
    element: <SurveyPage />,
    children: [
      { index: true, element: <SurveyDesign /> },
      { path: 'codes', element: <SurveyCodes /> },
      { path: 'quotas', element: <SurveyQuotas /> },
      { path: 'paper', element: <SurveyPaper /> },
      { path: 'verification', element: <SurveyVerification /> },
      { path: 'results', element: <SurveyResults /> },
    ],
  },
];

/** The respondent's form (public). */
export const surveyPublicRoutes: RouteObject[] = [
  {
    path: '/khao-sat/:token',
    errorElement: <RouteError />,
    element: (
      <Suspense fallback={<FullPageSpinner />}>
        <SurveyFormPage />
      </Suspense>
    ),
  },
];
