import { type FormEvent, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { checkAnswers } from '../../../core/domain/survey-answers';
import { ApiError } from '../../api/client';
import { contentOfPublic, fetchPublicSurvey, type PublicQuestionnaire, publicQuestionnaire, submitPublicSurvey, type SubmissionReceipt } from '../../api/surveys';
import { BrandMark } from '../../components/brand';
import { LanguageSwitch } from '../../components/language-switch';
import { useDocumentTitle } from '../../components/use-document-title';
import { formatDateTime, formatTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { type AnswerValue, placeProblems, sectionOfKey, toAnswerInputs } from './answers';
import { cachedQuestionnaire, cacheQuestionnaire, type DeviceRecord, forgetRecord, keepOnlyReceipt, loadRecord, saveRecord } from './device-store';
import { classifyFailure } from './retry';
import { SurveyRespondentForm } from './survey-respondent-form';
import './survey-form.css';

type View =
  | { kind: 'loading' }
  | { kind: 'code'; reason: 'none' | 'wrong' | 'used' }
  | { kind: 'gone'; message: string }
  | { kind: 'unreachable' }
  | { kind: 'form'; q: PublicQuestionnaire; fromCache: boolean }
  | { kind: 'thanks'; receipt: SubmissionReceipt };

type Sending = { phase: 'idle' } | { phase: 'sending'; attempt: number } | { phase: 'waiting'; attempt: number; at: number; offline: boolean };

/** A code as typed or scanned: upper case, without spaces or dashes. */
export function normaliseCode(raw: string | null): string | null {
  const c = (raw ?? '').toUpperCase().replace(/[\s-]+/g, '');
  return c ? c.slice(0, 32) : null;
}

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * The public respondent's page (no login), `/khao-sat/:token?ma=CODE`: checks the one-time code, shows the form, keeps
 * every answer on the device as it is given, submits with the idempotency key made once for this form, retries with
 * back-off when the connection drops, and ends on a thank-you with the receipt. A used code gets a kind message.
 */
export default function SurveyFormPage() {
  const t = useT();
  const { lang } = useLang();
  const token = useParams().token ?? '';
  const [search, setSearch] = useSearchParams();
  const code = normaliseCode(search.get('ma'));
  const online = useOnline();
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [record, setRecord] = useState<DeviceRecord>(() => loadRecord(token, code));
  const [stored, setStored] = useState(true);
  const [sending, setSending] = useState<Sending>({ phase: 'idle' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string[] | null>(null);
  const [reload, setReload] = useState(0);
  const [, tick] = useState(0);
  const recordRef = useRef(record);
  recordRef.current = record;

  const q = view.kind === 'form' ? view.q : null;
  useDocumentTitle(q ? (lang === 'en' && q.titleEn ? q.titleEn : q.titleVi) : t('sform.pageTitle'));

  // Load the questionnaire (or the thank-you, when this device already holds the receipt of this code).
  useEffect(() => {
    const rec = loadRecord(token, code);
    setRecord(rec);
    setErrors({});
    setBanner(null);
    setSending({ phase: 'idle' });
    if (rec.receipt) {
      setView({ kind: 'thanks', receipt: rec.receipt });
      return;
    }
    let cancelled = false;
    setView({ kind: 'loading' });
    fetchPublicSurvey(token, code, lang)
      .then((pq) => {
        if (cancelled) return;
        cacheQuestionnaire(token, code, pq);
        setView({ kind: 'form', q: pq, fromCache: false });
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        if (err instanceof ApiError && err.status === 404) setView(code ? { kind: 'code', reason: 'wrong' } : { kind: 'gone', message: err.message });
        else if (err instanceof ApiError && err.status === 409) setView({ kind: 'code', reason: 'used' });
        else if (err instanceof ApiError && err.status === 400) setView({ kind: 'code', reason: 'none' });
        else {
          const cached = publicQuestionnaire.safeParse(cachedQuestionnaire(token, code));
          setView(cached.success ? { kind: 'form', q: cached.data, fromCache: true } : { kind: 'unreachable' });
        }
      });
    return () => {
      cancelled = true;
    };
    // The language only changes server messages, which this page does not show from the load: no reload for it.
  }, [token, code, reload]);

  // Back online after failing to load: try again by itself.
  useEffect(() => {
    if (online && view.kind === 'unreachable') setReload((n) => n + 1);
  }, [online, view.kind]);

  const update = useCallback(
    (change: (r: DeviceRecord) => DeviceRecord) => {
      const next = { ...change(recordRef.current), savedAt: new Date().toISOString() };
      recordRef.current = next;
      setRecord(next);
      setStored(saveRecord(token, code, next));
    },
    [token, code],
  );

  const group = q ? (q.respondentGroup ?? record.group ?? (q.respondentGroups.length === 1 ? (q.respondentGroups[0]?.code ?? null) : null)) : null;

  const send = useCallback(
    async (attempt: number) => {
      if (!q) return;
      const rec = recordRef.current;
      const { answers, keys } = toAnswerInputs(q.sections, q.ratedAgencies.map((a) => a.id), rec.answers);
      const local = checkAnswers(contentOfPublic(q), answers);
      if (local.problems.length) {
        const placed = placeProblems(local.problems.map((p) => ({ path: p.path, message: p.message[lang] })), keys);
        setErrors(placed.byKey);
        setBanner(placed.other.length ? placed.other : [t('sform.fixProblems')]);
        const first = Object.keys(placed.byKey)[0];
        if (first) update((r) => ({ ...r, step: sectionOfKey(q.sections, first) }));
        return;
      }
      setSending({ phase: 'sending', attempt });
      setBanner(null);
      try {
        const receipt = await submitPublicSurvey(token, { ...(code ? { code } : group ? { respondentGroup: group } : {}), idempotencyKey: rec.key, answers }, lang);
        const done = keepOnlyReceipt(token, code, rec, receipt);
        recordRef.current = done;
        setRecord(done);
        setSending({ phase: 'idle' });
        setView({ kind: 'thanks', receipt });
        window.scrollTo?.(0, 0);
      } catch (err) {
        const failure = classifyFailure(err, attempt, Math.random());
        if (failure.kind === 'retry') {
          setSending({ phase: 'waiting', attempt: attempt + 1, at: Date.now() + failure.delayMs, offline: failure.offline || !navigator.onLine });
          return;
        }
        setSending({ phase: 'idle' });
        if (failure.kind === 'used') setView({ kind: 'code', reason: 'used' });
        else if (failure.kind === 'invalid' && err instanceof ApiError) {
          if (err.fields.some((f) => f.path === 'code')) {
            setView({ kind: 'code', reason: 'wrong' });
            return;
          }
          const placed = placeProblems(err.fields, keys);
          setErrors(placed.byKey);
          setBanner([err.message, ...placed.other]);
          const first = Object.keys(placed.byKey)[0];
          if (first) update((r) => ({ ...r, step: sectionOfKey(q.sections, first) }));
        } else if (failure.kind === 'gone') setView({ kind: 'gone', message: err instanceof Error ? err.message : String(err) });
        else setBanner([err instanceof Error ? err.message : String(err)]);
      }
    },
    [q, token, code, group, lang, t, update],
  );

  // Waiting to retry: a countdown, the timer, and an immediate retry when the connection comes back.
  useEffect(() => {
    if (sending.phase !== 'waiting') return;
    const wait = Math.max(0, sending.at - Date.now());
    const timer = window.setTimeout(() => void send(sending.attempt), wait);
    const every = window.setInterval(() => tick((n) => n + 1), 1000);
    const onOnline = () => void send(sending.attempt);
    window.addEventListener('online', onOnline);
    return () => {
      window.clearTimeout(timer);
      window.clearInterval(every);
      window.removeEventListener('online', onOnline);
    };
  }, [sending, send]);

  const onAnswer = useCallback(
    (key: string, value: AnswerValue | undefined) => {
      setErrors((e) => {
        if (!(key in e)) return e;
        const { [key]: _gone, ...rest } = e;
        return rest;
      });
      update((r) => {
        const answers = { ...r.answers };
        if (value) answers[key] = value;
        else delete answers[key];
        return { ...r, answers };
      });
    },
    [update],
  );

  const status = useMemo(() => {
    const parts: ReactNode[] = [];
    if (sending.phase === 'waiting') {
      const seconds = Math.max(0, Math.ceil((sending.at - Date.now()) / 1000));
      parts.push(
        <span key="wait" className="pi-sf-status-warn" role="status">
          {sending.offline ? t('sform.waitOffline', { seconds }) : t('sform.waitServer', { seconds })}{' '}
          <button type="button" className="pi-sf-link" onClick={() => void send(sending.attempt)}>
            {t('sform.retryNow')}
          </button>
        </span>,
      );
    } else if (!online) parts.push(<span key="off" className="pi-sf-status-warn" role="status">{t('sform.offline')}</span>);
    if (!stored) parts.push(<span key="nostore" className="pi-sf-status-warn">{t('sform.notStored')}</span>);
    else if (record.savedAt && sending.phase !== 'waiting') parts.push(<span key="saved">{t('sform.savedAt', { time: formatTime(record.savedAt) })}</span>);
    return parts.length ? parts : null;
  }, [sending, online, stored, record.savedAt, send, t]);

  let body: ReactNode;
  switch (view.kind) {
    case 'loading':
      body = (
        <div className="pi-sf-center" role="status" aria-live="polite">
          <div className="pi-sf-spinner" aria-hidden />
          {t('sform.loading')}
        </div>
      );
      break;
    case 'code':
      body = <CodeEntry key={`${view.reason}:${code ?? ''}`} reason={view.reason} initial={view.reason === 'wrong' ? (code ?? '') : ''} onCode={(c) => setSearch({ ma: c })} />;
      break;
    case 'gone':
      body = (
        <Message tone="info" title={t('sform.goneTitle')}>
          <p>{t('sform.goneText')}</p>
        </Message>
      );
      break;
    case 'unreachable':
      body = (
        <Message tone="warn" title={t('sform.unreachableTitle')}>
          <p>{t('sform.unreachableText')}</p>
          <button type="button" className="pi-sf-btn pi-sf-btn-primary" onClick={() => setReload((n) => n + 1)}>
            {t('sform.tryAgain')}
          </button>
        </Message>
      );
      break;
    case 'thanks':
      body = (
        <Thanks
          receipt={view.receipt}
          onAnother={
            code
              ? undefined
              : () => {
                  forgetRecord(token, null);
                  setReload((n) => n + 1);
                }
          }
        />
      );
      break;
    case 'form':
      body = (
        <SurveyRespondentForm
          questionnaire={view.q}
          answers={record.answers}
          onAnswer={onAnswer}
          step={Math.min(record.step, view.q.sections.length - 1)}
          onStep={(step) => update((r) => ({ ...r, step }))}
          errors={errors}
          group={group}
          onGroup={!code && view.q.respondentGroups.length > 1 ? (g) => update((r) => ({ ...r, group: g })) : undefined}
          onSubmit={() => void send(0)}
          submitting={sending.phase === 'sending'}
          status={status}
          banner={
            <>
              {view.fromCache && <div className="pi-sf-banner pi-sf-banner-info">{t('sform.fromCache')}</div>}
              {banner && (
                <div className="pi-sf-banner pi-sf-banner-error" role="alert">
                  {banner.map((b, i) => (
                    <div key={i}>{b}</div>
                  ))}
                </div>
              )}
            </>
          }
        />
      );
      break;
  }

  return (
    <div className="pi-sf-page">
      <header className="pi-sf-topbar">
        <span className="pi-sf-brand">
          <BrandMark size={24} />
          <span>{t('sform.brand')}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main className="pi-sf-main" id="main">
        {body}
      </main>
      <footer className="pi-sf-footer">{t('sform.footer')}</footer>
    </div>
  );
}

function Message({ tone, title, children }: { tone: 'ok' | 'info' | 'warn'; title: string; children?: ReactNode }) {
  return (
    <section className={`pi-sf-message pi-sf-message-${tone}`} aria-labelledby="sf-message-title">
      <div className="pi-sf-message-icon" aria-hidden>
        {tone === 'ok' ? '✓' : tone === 'warn' ? '!' : 'i'}
      </div>
      <h1 id="sf-message-title" className="pi-sf-message-title">
        {title}
      </h1>
      {children}
    </section>
  );
}

function Thanks({ receipt, onAnother }: { receipt: SubmissionReceipt; onAnother: (() => void) | undefined }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Message tone="ok" title={t('sform.thanksTitle')}>
      <p className="pi-sf-thanks-text">{t('sform.thanksText', { time: formatDateTime(receipt.submittedAt, lang) })}</p>
      <div className="pi-sf-receipt">
        <div className="pi-sf-receipt-label">{t('sform.receipt')}</div>
        <div className="pi-sf-receipt-code" data-testid="survey-receipt">
          {receipt.receipt}
        </div>
      </div>
      <p className="pi-sf-muted">{t('sform.thanksPrivacy')}</p>
      {onAnother && (
        <button type="button" className="pi-sf-btn pi-sf-btn-secondary" onClick={onAnother}>
          {t('sform.another')}
        </button>
      )}
    </Message>
  );
}

function CodeEntry({ reason, initial, onCode }: { reason: 'none' | 'wrong' | 'used'; initial: string; onCode: (code: string) => void }) {
  const t = useT();
  const [value, setValue] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const c = normaliseCode(value);
    if (c) onCode(c);
  };
  const title = reason === 'used' ? t('sform.usedTitle') : reason === 'wrong' ? t('sform.wrongTitle') : t('sform.codeTitle');
  return (
    <Message tone={reason === 'used' ? 'info' : reason === 'wrong' ? 'warn' : 'info'} title={title}>
      <p>{reason === 'used' ? t('sform.usedText') : reason === 'wrong' ? t('sform.wrongText') : t('sform.codeText')}</p>
      <form className="pi-sf-code" onSubmit={submit}>
        <label htmlFor="sf-code" className="pi-sf-code-label">
          {reason === 'used' ? t('sform.otherCode') : t('sform.codeLabel')}
        </label>
        <input
          id="sf-code"
          className="pi-sf-code-input"
          value={value}
          onChange={(e) => setValue(e.target.value.toUpperCase())}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          inputMode="text"
          maxLength={40}
          placeholder="ABCDE 23456"
        />
        <button type="submit" className="pi-sf-btn pi-sf-btn-primary" disabled={!normaliseCode(value)}>
          {t('sform.codeSubmit')}
        </button>
      </form>
    </Message>
  );
}
