import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { frameworkTotals, hasErrors, validateFramework } from '../../../core/domain/framework';
import type { Framework } from '../../../core/schemas/framework';
import { frameworkSave } from '../../../core/schemas/frameworks';
import { localizeIssue } from '../../../core/schemas/issues';
import { ApiError } from '../../api/client';
import { type FrameworkDetail, type FrameworkDraft, saveFramework } from '../../api/frameworks';
import { FRAMEWORKS_KEY } from '../../api/keys';
import type { Lang } from '../../i18n/translate';

/** Where the draft stands against the server copy. */
export type SaveState =
  | { kind: 'saved' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  /** The draft breaks a wire rule (e.g. an empty name): nothing is sent until it is fixed. */
  | { kind: 'invalid'; message: string; nodeCode: string | null }
  | { kind: 'error'; message: string; fields: string[] }
  /** Someone else saved or published first: autosave stops until the user reloads. */
  | { kind: 'conflict'; message: string; published: boolean };

const AUTOSAVE_MS = 1200;
const RETRY_MS = 5000;
const HISTORY = 100;
const COALESCE_MS = 1500;

export function draftOf(d: FrameworkDetail): FrameworkDraft {
  const f = d.document;
  return { nameVi: f.nameVi, nameEn: f.nameEn, declaredTotal: f.declaredTotal, bonusCap: f.bonusCap, deductionCap: f.deductionCap, bands: f.bands, nodes: f.nodes };
}

/** The draft as a core framework document (what the validator and totals read). */
export function documentOf(detail: FrameworkDetail, draft: FrameworkDraft): Framework {
  return { year: detail.year, groupCode: detail.groupCode, ...draft };
}

/**
 * The editing session of one framework: the local draft with undo/redo, live validation with the core validator,
 * and a debounced autosave of the whole document that sends the version it read. A conflict stops autosaving
 * (never a silent overwrite); a network failure retries.
 */
export function useFrameworkEditor(detail: FrameworkDetail, lang: Lang) {
  const qc = useQueryClient();
  const editable = detail.status === 'draft' && detail.abilities.update === true;
  const [draft, setDraft] = useState<FrameworkDraft>(() => draftOf(detail));
  const [past, setPast] = useState<FrameworkDraft[]>([]);
  const [future, setFuture] = useState<FrameworkDraft[]>([]);
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [summary, setSummary] = useState(detail);

  const version = useRef(detail.version);
  const seq = useRef(0);
  const savedSeq = useRef(0);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(draft);
  const lastEdit = useRef<{ key: string; at: number } | null>(null);
  const stopped = useRef(false);
  latest.current = draft;

  const document = useMemo(() => documentOf(detail, draft), [detail, draft]);
  const problems = useMemo(() => validateFramework(document), [document]);
  const totals = useMemo(() => frameworkTotals(document), [document]);

  const run = useRef<() => Promise<boolean>>(async () => false);
  /** (Re)starts the one autosave timer. */
  const later = useCallback((ms: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      void run.current();
    }, ms);
  }, []);

  const runSave = useCallback(async (): Promise<boolean> => {
    // One save at a time: each sends the version the previous one returned.
    while (inFlight.current) await inFlight.current;
    if (stopped.current) return false;
    const at = seq.current;
    if (at === savedSeq.current) return true;
    const body = latest.current;
    const wire = frameworkSave.safeParse({ version: version.current, ...body });
    if (!wire.success) {
      const issue = wire.error.issues[0];
      const index = issue?.path[0] === 'nodes' && typeof issue.path[1] === 'number' ? issue.path[1] : null;
      const nodeCode = index === null ? null : (body.nodes[index]?.code ?? null);
      const message = issue ? localizeIssue(issue, lang) : '';
      setState({ kind: 'invalid', message: nodeCode ? `${nodeCode}: ${message}` : message, nodeCode });
      return false;
    }
    setState({ kind: 'saving' });
    const attempt = (async () => {
      try {
        const saved = await saveFramework(detail.id, version.current, body);
        version.current = saved.version;
        savedSeq.current = at;
        setSummary(saved);
        setSavedAt(new Date());
        qc.setQueryData([...FRAMEWORKS_KEY, 'one', detail.id, lang], saved);
        void qc.invalidateQueries({ queryKey: [...FRAMEWORKS_KEY, 'list'] });
        setState(seq.current === at ? { kind: 'saved' } : { kind: 'dirty' });
        return true;
      } catch (err) {
        if (err instanceof ApiError && (err.code === 'conflict' || err.code === 'immutable')) {
          stopped.current = true;
          setState({ kind: 'conflict', message: err.message, published: err.code === 'immutable' });
        } else {
          // A field path such as `nodes.5.maxPoints` is shown with the node's code: "1.1.1 · maxPoints: …".
          const where = (path: string) => {
            const m = /^nodes\.(\d+)\.?(.*)$/.exec(path);
            const node = m ? body.nodes[Number(m[1])] : undefined;
            return node ? `${node.code}${m?.[2] ? ` · ${m[2]}` : ''}` : path;
          };
          const fields = err instanceof ApiError ? err.fields.map((f) => `${where(f.path)}: ${f.message}`) : [];
          setState({ kind: 'error', message: err instanceof Error ? err.message : String(err), fields });
          if (err instanceof ApiError && (err.code === 'network' || err.status >= 500)) {
            later(RETRY_MS);
          }
        }
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = attempt;
    const ok = await attempt;
    if (ok && seq.current !== savedSeq.current && !timer.current) later(AUTOSAVE_MS);
    return ok;
  }, [detail.id, lang, qc, later]);
  run.current = runSave;

  const schedule = useCallback(() => later(AUTOSAVE_MS), [later]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  /** Applies an edit; edits with the same `key` in quick succession (typing) make one undo step. */
  const edit = useCallback(
    (next: FrameworkDraft | ((d: FrameworkDraft) => FrameworkDraft), key = '') => {
      if (!editable || stopped.current) return;
      const before = latest.current;
      const after = typeof next === 'function' ? next(before) : next;
      if (after === before) return;
      const now = Date.now();
      const coalesce = key !== '' && lastEdit.current?.key === key && now - lastEdit.current.at < COALESCE_MS;
      lastEdit.current = { key, at: now };
      if (!coalesce) setPast((p) => [...p.slice(-HISTORY + 1), before]);
      setFuture([]);
      latest.current = after;
      setDraft(after);
      seq.current += 1;
      setState({ kind: 'dirty' });
      schedule();
    },
    [editable, schedule],
  );

  const jump = useCallback(
    (to: FrameworkDraft, from: 'undo' | 'redo') => {
      const current = latest.current;
      if (from === 'undo') {
        setPast((p) => p.slice(0, -1));
        setFuture((f) => [current, ...f]);
      } else {
        setFuture((f) => f.slice(1));
        setPast((p) => [...p, current]);
      }
      lastEdit.current = null;
      latest.current = to;
      setDraft(to);
      seq.current += 1;
      setState({ kind: 'dirty' });
      schedule();
    },
    [schedule],
  );
  const undo = useCallback(() => {
    const prev = past[past.length - 1];
    if (prev && editable && !stopped.current) jump(prev, 'undo');
  }, [past, editable, jump]);
  const redo = useCallback(() => {
    const next = future[0];
    if (next && editable && !stopped.current) jump(next, 'redo');
  }, [future, editable, jump]);

  /** Saves now (before publishing or leaving); resolves to true when the server holds the current draft. */
  const flush = useCallback(async () => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    return runSave();
  }, [runSave]);

  /** The version the next request must send (it moves with every save). */
  const currentVersion = useCallback(() => version.current, []);
  const pending = state.kind !== 'saved' && state.kind !== 'conflict';
  return {
    editable: editable && state.kind !== 'conflict',
    draft,
    document,
    problems,
    hasErrors: hasErrors(problems),
    totals,
    summary,
    state,
    savedAt,
    pending,
    edit,
    undo,
    redo,
    canUndo: past.length > 0,
    canRedo: future.length > 0,
    flush,
    currentVersion,
  };
}

export type FrameworkEditor = ReturnType<typeof useFrameworkEditor>;
