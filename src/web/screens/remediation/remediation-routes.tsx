/** Routes of the remediation plan (kế hoạch khắc phục), spread into router.tsx inside the app shell. */
import { lazy } from 'react';
import { Navigate, type RouteObject, useParams } from 'react-router';

const RemediationPage = lazy(() => import('./remediation-page'));

/** `/remediation/tasks/:id` is the task's own address: the plan with that task's drawer open. */
function TaskAddress() {
  const { id } = useParams();
  return <Navigate to={`/remediation?task=${encodeURIComponent(id ?? '')}`} replace />;
}

export const remediationRoutes: RouteObject[] = [
  { path: 'remediation', element: <RemediationPage /> },
  { path: 'remediation/tasks/:id', element: <TaskAddress /> },
];
