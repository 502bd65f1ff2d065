/**
 * Routes of the assessment cycle, spread into router.tsx: periods, assessments (self-assessment, appraisal,
 * explanation), the evidence library, and the public results pages (no login).
 */
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { FullPageSpinner } from '../../components/full-page-spinner';
import { RouteError } from '../../components/route-error';

const PeriodsPage = lazy(() => import('./periods-page'));
const PeriodPage = lazy(() => import('./period-page'));
const AssessmentsPage = lazy(() => import('../assessments/assessments-page'));
const MyAssessment = lazy(() => import('../assessments/my-assessment'));
const AssessmentPage = lazy(() => import('../assessments/assessment-page'));
const SelfAssessmentView = lazy(() => import('../self-assessment/self-assessment-view'));
const AppraisalView = lazy(() => import('../appraisal/appraisal-view'));
const ExplanationView = lazy(() => import('../explanation/explanation-view'));
const EvidencePage = lazy(() => import('../evidence/evidence-page'));
const PublicResultsPage = lazy(() => import('../public/public-results-page'));
const PublicLanding = lazy(() => import('../public/public-landing'));

/** Logged-in routes (children of the app layout). */
export const cycleRoutes: RouteObject[] = [
  { path: 'periods', element: <PeriodsPage /> },
  { path: 'periods/:id', element: <PeriodPage /> },
  { path: 'assessments', element: <AssessmentsPage /> },
  { path: 'my-assessment', element: <MyAssessment /> },
  {
    path: 'assessments/:id',
    element: <AssessmentPage />,
    children: [
      { index: true, element: <SelfAssessmentView /> },
      { path: 'appraisal', element: <AppraisalView /> },
      { path: 'explanation', element: <ExplanationView /> },
    ],
  },
  { path: 'evidence', element: <EvidencePage /> },
];

const publicPage = (
  <Suspense fallback={<FullPageSpinner />}>
    <PublicResultsPage />
  </Suspense>
);

/** Public routes (no login): the published results of a province, readable on a phone. */
export const publicRoutes: RouteObject[] = [
  {
    path: '/public',
    errorElement: <RouteError />,
    element: (
      <Suspense fallback={<FullPageSpinner />}>
        <PublicLanding />
      </Suspense>
    ),
  },
  { path: '/public/:province', errorElement: <RouteError />, element: publicPage },
  { path: '/public/:province/:year', errorElement: <RouteError />, element: publicPage },
];
