import { Alert, type FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from '../api/client';
import { applyServerErrors } from './form-errors';

export interface FormProblem {
  title: string;
  lines: string[];
  kind: 'error' | 'warning';
  code: string | null;
}

/** Tracks the server's answer to a form submission: field errors go next to fields, the rest above the form. */
export function useFormProblem(form: FormInstance, isField: (path: string) => boolean) {
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const report = useCallback(
    (err: unknown, extraLines: string[] = []) => {
      const lines = applyServerErrors(form, err, isField);
      const code = err instanceof ApiError ? err.code : null;
      const title = err instanceof Error ? err.message : String(err);
      setProblem({
        title,
        lines: [...lines.filter((l) => l !== title), ...extraLines],
        kind: code === 'conflict' ? 'warning' : 'error',
        code,
      });
    },
    [form, isField],
  );
  const clear = useCallback(() => setProblem(null), []);
  return { problem, report, clear };
}

/** The form-level message (server message plus errors that belong to no field). */
export function FormAlert({ problem, onClose }: { problem: FormProblem | null; onClose?: () => void }) {
  if (!problem) return null;
  return (
    <Alert
      className="pi-form-alert"
      type={problem.kind}
      showIcon
      role="alert"
      title={problem.title}
      description={
        problem.lines.length > 0 ? (
          <ul className="pi-plain-list">
            {problem.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        ) : undefined
      }
      closable={onClose ? { onClose } : false}
    />
  );
}
