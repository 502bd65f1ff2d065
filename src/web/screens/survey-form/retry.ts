/** How the respondent's form reacts to a failed submission: wait and retry, or stop and say why. Pure. */
import { ApiError } from '../../api/client';

export type FailureKind =
  /** No connection or a server hiccup: keep the answers, retry after `delayMs`. */
  | { kind: 'retry'; delayMs: number; offline: boolean }
  /** The code was used by another submission. */
  | { kind: 'used' }
  /** The answers were refused field by field. */
  | { kind: 'invalid' }
  /** The questionnaire closed or the code is unknown. */
  | { kind: 'gone' }
  | { kind: 'fatal' };

/** Exponential back-off with jitter: 2 s, 4 s, 8 s … capped at 60 s; `random` is in [0, 1). */
export function backoffMs(attempt: number, random: number): number {
  const base = Math.min(60_000, 2_000 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random));
}

export function classifyFailure(err: unknown, attempt: number, random: number): FailureKind {
  if (!(err instanceof ApiError)) return { kind: 'retry', delayMs: backoffMs(attempt, random), offline: false };
  if (err.status === 0 && err.code === 'network') return { kind: 'retry', delayMs: backoffMs(attempt, random), offline: true };
  if (err.status === 429) {
    const after = Number(err.details?.retryAfterSeconds);
    return { kind: 'retry', delayMs: Number.isFinite(after) && after > 0 ? after * 1000 : backoffMs(attempt, random), offline: false };
  }
  if (err.status >= 500 || err.status === 408) return { kind: 'retry', delayMs: backoffMs(attempt, random), offline: false };
  if (err.status === 409 && err.code === 'invalid_state') return { kind: 'used' };
  if (err.status === 400) return { kind: 'invalid' };
  if (err.status === 404) return { kind: 'gone' };
  return { kind: 'fatal' };
}
