/**
 * Autosave of self-assessment edits, leaf by leaf: an edit waits briefly, then is saved with the version read;
 * writes to one leaf run one after another. Nothing typed is lost: unsaved edits stay on screen and in this
 * browser's storage, a dropped connection or a server error is retried with growing pauses (and when the browser
 * comes back online), a refusal (deadline passed, phase closed, submitted) keeps the edit and says why, and a
 * stale version ("someone else changed this leaf") reloads the leaf and keeps the user's value to re-apply.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LeafInput } from '../../../core/schemas/framework';
import { type AssessmentDetail, assessmentKey, type LeafView, type LeafWriteResult, saveSelfScore, useRefreshAssessment } from '../../api/assessments';
import { ApiError } from '../../api/client';

export interface Draft {
  input: LeafInput | null;
  comment: string | null;
  explanation: string | null;
  /** The leaf version the edit started from. */
  baseVersion: number;
}

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'retrying' | 'blocked';

export interface LeafProblem {
  message: string;
  fields: { path: string; message: string }[];
}

const DELAY_MS = 800;
const MAX_RETRY_MS = 30_000;
const storageKey = (id: number) => `parindex.drafts.${id}`;

function readStored(id: number): Record<string, Draft> {
  try {
    const raw = window.localStorage.getItem(storageKey(id));
    return raw ? (JSON.parse(raw) as Record<string, Draft>) : {};
  } catch {
    return {};
  }
}

function writeStored(id: number, drafts: Record<string, Draft>) {
  try {
    if (Object.keys(drafts).length === 0) window.localStorage.removeItem(storageKey(id));
    else window.localStorage.setItem(storageKey(id), JSON.stringify(drafts));
  } catch {
    /* storage full or disabled: the edits stay in memory */
  }
}

/** The leaf as the server last told us, merged with what a save returned. */
function applyWrite(leaf: LeafView, res: LeafWriteResult, draft: Draft): LeafView {
  return {
    ...leaf,
    version: res.version,
    self: res.self.input
      ? { input: res.self.input, points: res.self.points, notApplicable: res.self.input.notApplicable === true, decision: null, reasonCode: null, comment: draft.comment, at: res.updatedAt }
      : null,
    selfExplanation: res.self.input ? draft.explanation : null,
    effectivePoints: res.effectivePoints,
  };
}

const isTransient = (err: unknown) => !(err instanceof ApiError) || err.status === 0 || err.status >= 500 || err.status === 429;

/** Drafts, their save state, and the operations of the self-assessment form. */
export function useSelfAutosave(assessmentId: number, detail: AssessmentDetail | undefined) {
  const qc = useQueryClient();
  const refresh = useRefreshAssessment();
  const [drafts, setDraftsState] = useState<Record<string, Draft>>({});
  const draftsRef = useRef<Record<string, Draft>>({});
  const [conflicts, setConflicts] = useState<Record<string, Draft>>({});
  const [problems, setProblems] = useState<Record<string, LeafProblem>>({});
  const [state, setState] = useState<SaveState>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [blocked, setBlocked] = useState<string | null>(null);
  const timers = useRef(new Map<string, number>());
  const chains = useRef(new Map<string, Promise<void>>());
  const seq = useRef(new Map<string, number>());
  const retryMs = useRef(0);
  const retryTimer = useRef<number | null>(null);
  const saveRef = useRef<(code: string) => Promise<void>>(async () => undefined);

  const setDrafts = useCallback(
    (next: Record<string, Draft>) => {
      draftsRef.current = next;
      setDraftsState(next);
      writeStored(assessmentId, next);
    },
    [assessmentId],
  );

  const leafOf = useCallback(
    (code: string): LeafView | undefined => qc.getQueryData<AssessmentDetail>(assessmentKey(assessmentId))?.leaves.find((l) => l.code === code),
    [qc, assessmentId],
  );

  /**
   * Records the leaf's new version after another write of ours (evidence links), so the next save of the leaf is
   * made at it; a draft waiting on the leaf moves to it too (it was not overtaken by someone else).
   */
  const setLeafVersion = useCallback(
    (code: string, version: number) => {
      qc.setQueryData<AssessmentDetail>(assessmentKey(assessmentId), (d) => (d ? { ...d, leaves: d.leaves.map((l) => (l.code === code ? { ...l, version } : l)) } : d));
      const draft = draftsRef.current[code];
      if (draft) setDrafts({ ...draftsRef.current, [code]: { ...draft, baseVersion: version } });
    },
    [qc, assessmentId, setDrafts],
  );

  /** Runs a task on one leaf after the leaf's earlier tasks (saves and evidence changes never overtake each other). */
  const runOnLeaf = useCallback((code: string, task: () => Promise<void>): Promise<void> => {
    const prev = chains.current.get(code) ?? Promise.resolve();
    const next = prev.catch(() => undefined).then(task);
    chains.current.set(code, next);
    return next;
  }, []);

  const schedule = useCallback((code: string, delay: number) => {
    const old = timers.current.get(code);
    if (old) window.clearTimeout(old);
    timers.current.set(
      code,
      window.setTimeout(() => {
        timers.current.delete(code);
        void runOnLeaf(code, () => saveRef.current(code));
      }, delay),
    );
  }, [runOnLeaf]);

  const scheduleRetry = useCallback(() => {
    if (retryTimer.current) return;
    retryMs.current = Math.min(MAX_RETRY_MS, retryMs.current ? retryMs.current * 2 : 2000);
    retryTimer.current = window.setTimeout(() => {
      retryTimer.current = null;
      for (const code of Object.keys(draftsRef.current)) schedule(code, 0);
    }, retryMs.current);
  }, [schedule]);

  saveRef.current = async (code: string) => {
    const draft = draftsRef.current[code];
    if (!draft) return;
    const mySeq = seq.current.get(code) ?? 0;
    const leaf = leafOf(code);
    setState('saving');
    try {
      const res = await saveSelfScore(assessmentId, code, { input: draft.input, comment: draft.comment, explanation: draft.explanation, version: leaf?.version ?? 0 });
      qc.setQueryData<AssessmentDetail>(assessmentKey(assessmentId), (d) => (d ? { ...d, leaves: d.leaves.map((l) => (l.code === code ? applyWrite(l, res, draft) : l)) } : d));
      const rest = { ...draftsRef.current };
      if ((seq.current.get(code) ?? 0) === mySeq) delete rest[code];
      else rest[code] = { ...rest[code]!, baseVersion: res.version };
      setDrafts(rest);
      setProblems(({ [code]: _gone, ...others }) => others);
      retryMs.current = 0;
      setBlocked(null);
      setSavedAt(new Date());
      setState(Object.keys(rest).length ? 'pending' : 'saved');
      if (rest[code]) schedule(code, 0);
    } catch (err) {
      if (isTransient(err)) {
        setState('retrying');
        scheduleRetry();
        return;
      }
      const e = err as ApiError;
      if (e.code === 'conflict') {
        // Someone else saved this leaf: show their version, keep ours to re-apply.
        const rest = { ...draftsRef.current };
        delete rest[code];
        setDrafts(rest);
        setConflicts((c) => ({ ...c, [code]: draft }));
        refresh(assessmentId);
        setState(Object.keys(rest).length ? 'pending' : 'idle');
        return;
      }
      if (e.code === 'validation_failed' || e.code === 'bad_request') {
        setProblems((p) => ({ ...p, [code]: { message: e.message, fields: e.fields } }));
        setState('blocked');
        return;
      }
      // Deadline passed, phase closed, submitted, forbidden: the edit stays, the reason is shown, no retry.
      setBlocked(e.message);
      setState('blocked');
      refresh(assessmentId);
    }
  };

  /** Records an edit of a leaf and saves it shortly. */
  const edit = useCallback(
    (code: string, patch: Partial<Omit<Draft, 'baseVersion'>>) => {
      const leaf = leafOf(code);
      const current = draftsRef.current[code] ?? {
        input: leaf?.self?.input ?? null,
        comment: leaf?.self?.comment ?? null,
        explanation: leaf?.selfExplanation ?? null,
        baseVersion: leaf?.version ?? 0,
      };
      seq.current.set(code, (seq.current.get(code) ?? 0) + 1);
      setDrafts({ ...draftsRef.current, [code]: { ...current, ...patch } });
      setProblems(({ [code]: _gone, ...others }) => others);
      setState('pending');
      schedule(code, DELAY_MS);
    },
    [leafOf, setDrafts, schedule],
  );

  /** Saves every pending edit now and waits for the writes (before submitting, for instance). */
  const flush = useCallback(async () => {
    for (const [code, timer] of timers.current) {
      window.clearTimeout(timer);
      timers.current.delete(code);
      void runOnLeaf(code, () => saveRef.current(code));
    }
    await Promise.allSettled([...chains.current.values()]);
    return Object.keys(draftsRef.current).length === 0;
  }, [runOnLeaf]);

  const dismissConflict = useCallback((code: string) => setConflicts(({ [code]: _gone, ...rest }) => rest), []);
  const reapplyConflict = useCallback(
    (code: string) => {
      const mine = conflicts[code];
      dismissConflict(code);
      if (mine) edit(code, { input: mine.input, comment: mine.comment, explanation: mine.explanation });
    },
    [conflicts, dismissConflict, edit],
  );

  // Edits left unsaved in this browser (tab closed, connection lost) come back: re-queued when the leaf has not
  // changed since, offered to re-apply when it has.
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || !detail) return;
    restored.current = true;
    const stored = readStored(assessmentId);
    const keep: Record<string, Draft> = {};
    const stale: Record<string, Draft> = {};
    for (const [code, d] of Object.entries(stored)) {
      const leaf = detail.leaves.find((l) => l.code === code);
      if (!leaf) continue;
      if (leaf.version === d.baseVersion) keep[code] = d;
      else stale[code] = d;
    }
    if (Object.keys(keep).length) {
      setDrafts(keep);
      setState('pending');
      for (const code of Object.keys(keep)) schedule(code, 0);
    } else writeStored(assessmentId, {});
    if (Object.keys(stale).length) setConflicts(stale);
  }, [detail, assessmentId, setDrafts, schedule]);

  useEffect(() => {
    const online = () => {
      if (retryTimer.current) window.clearTimeout(retryTimer.current);
      retryTimer.current = null;
      retryMs.current = 0;
      for (const code of Object.keys(draftsRef.current)) schedule(code, 0);
    };
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (Object.keys(draftsRef.current).length) e.preventDefault();
    };
    window.addEventListener('online', online);
    window.addEventListener('beforeunload', beforeUnload);
    const pending = timers.current;
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('beforeunload', beforeUnload);
      // Leaving the screen saves what is waiting instead of dropping it (the drafts also stay in storage).
      for (const [code, timer] of pending) {
        window.clearTimeout(timer);
        void saveRef.current(code);
      }
      pending.clear();
      if (retryTimer.current) window.clearTimeout(retryTimer.current);
    };
  }, [schedule]);

  const pendingCount = useMemo(() => Object.keys(drafts).length, [drafts]);
  return { drafts, conflicts, problems, state, savedAt, blocked, pendingCount, edit, flush, runOnLeaf, dismissConflict, reapplyConflict, leafOf, setLeafVersion };
}

export type SelfAutosave = ReturnType<typeof useSelfAutosave>;
