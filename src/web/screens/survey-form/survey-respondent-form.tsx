import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { PublicQuestion, PublicQuestionnaire } from '../../api/surveys';
import { useLang, useT } from '../../i18n/i18n-context';
import type { Lang } from '../../i18n/translate';
import { type AnswerMap, type AnswerValue, answerKey, isAnswered, missingRequired, progressOf, progressPercent, targetsOf } from './answers';
import './survey-form.css';

const pick = (lang: Lang, vi: string, en: string) => (lang === 'en' && en ? en : vi);

/** Options shown as a compact letter row per agency (with a legend) when a matrix question rates several agencies. */
const COMPACT_MAX_OPTIONS = 6;

export interface RespondentFormProps {
  questionnaire: PublicQuestionnaire;
  answers: AnswerMap;
  onAnswer: (key: string, value: AnswerValue | undefined) => void;
  /** -1 = the start screen, then the section index. */
  step: number;
  onStep: (step: number) => void;
  /** Problems placed on prompts (from the shared answer check or the server). */
  errors?: Record<string, string>;
  /** The respondent group: fixed by a code, or chosen on an open link. */
  group: string | null;
  onGroup?: ((code: string) => void) | undefined;
  onSubmit: () => void;
  submitting?: boolean;
  /** A line above the navigation buttons: "saved on this device at…", offline, retrying. */
  status?: ReactNode;
  /** A message at the top of the screen (e.g. a failed submission). */
  banner?: ReactNode;
}

/**
 * The respondent's form, phone first: a start screen (title, introduction, anonymity, respondent group), then one
 * section per screen with a progress bar, large tap targets (native radio and check inputs), matrix questions as
 * one compact row of letters per rated agency, and the required prompts checked before moving on. Used by the
 * public page and by the builder's preview.
 */
export function SurveyRespondentForm(props: RespondentFormProps) {
  const { questionnaire: q, answers, step, onStep, group } = props;
  const t = useT();
  const { lang } = useLang();
  const top = useRef<HTMLDivElement>(null);
  const [flagged, setFlagged] = useState<Set<string>>(new Set());
  const agencyIds = useMemo(() => q.ratedAgencies.map((a) => a.id), [q.ratedAgencies]);
  const progress = progressOf(q.sections, agencyIds, answers);
  const section = step >= 0 ? q.sections[step] : undefined;
  const last = step === q.sections.length - 1;
  const needsGroup = !group && q.respondentGroups.length > 1 && !!props.onGroup;

  const firstNumber = useMemo(() => {
    const out: number[] = [];
    let n = 1;
    for (const s of q.sections) {
      out.push(n);
      n += s.questions.length;
    }
    return out;
  }, [q.sections]);

  useEffect(() => {
    top.current?.scrollIntoView?.({ block: 'start' });
  }, [step]);

  const errorOf = (key: string): string | undefined => props.errors?.[key] ?? (flagged.has(key) ? t('sform.required') : undefined);

  const answer = (key: string, value: AnswerValue | undefined) => {
    if (flagged.has(key)) setFlagged((f) => new Set([...f].filter((k) => k !== key)));
    props.onAnswer(key, value);
  };

  const check = (sections: typeof q.sections): boolean => {
    const missing = missingRequired(sections, agencyIds, answers);
    setFlagged(new Set(missing));
    if (missing.length) {
      const first = missing[0]!;
      window.setTimeout(() => document.getElementById(promptId(first))?.scrollIntoView?.({ block: 'center', behavior: 'smooth' }), 0);
      return false;
    }
    return true;
  };

  const next = () => {
    if (step < 0) {
      if (needsGroup) return;
      onStep(0);
      return;
    }
    if (!section || !check([section])) return;
    if (last) {
      // Every section was checked on the way, but answers may have been cleared since: check them all again.
      const missing = missingRequired(q.sections, agencyIds, answers);
      if (missing.length) {
        const at = q.sections.findIndex((s) => s.questions.some((qn) => missing.some((k) => k.startsWith(`${qn.code}|`))));
        setFlagged(new Set(missing));
        onStep(at < 0 ? 0 : at);
        return;
      }
      props.onSubmit();
    } else onStep(step + 1);
  };

  const flaggedHere = section ? missingRequired([section], agencyIds, answers).filter((k) => flagged.has(k)).length : 0;
  const percent = progressPercent(progress);
  const answeredText = t('sform.answered', { percent });

  return (
    <div className="pi-sf" lang={lang} ref={top}>
      <div className="pi-sf-head">
        <div className="pi-sf-title">{pick(lang, q.titleVi, q.titleEn)}</div>
        {step >= 0 && (
          <div className="pi-sf-progress">
            <div className="pi-sf-progress-text">
              <span>{t('sform.sectionOf', { n: step + 1, total: q.sections.length })}</span>
              <span data-testid="sform-answered">{answeredText}</span>
            </div>
            <div className="pi-sf-bar" role="progressbar" aria-label={t('sform.progress')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={answeredText}>
              <div className="pi-sf-bar-fill" style={{ width: `${percent}%` }} />
            </div>
          </div>
        )}
      </div>

      {props.banner}

      {step < 0 || !section ? (
        <StartScreen q={q} lang={lang} group={group} onGroup={props.onGroup} resumed={progress.answered > 0} />
      ) : (
        <section className="pi-sf-section" aria-labelledby={`sf-s-${section.code}`}>
          <h2 className="pi-sf-section-title" id={`sf-s-${section.code}`}>
            {pick(lang, section.titleVi, section.titleEn)}
          </h2>
          {section.questions.map((qn, i) => (
            <Question
              key={qn.code}
              q={qn}
              n={(firstNumber[step] ?? 1) + i}
              lang={lang}
              agencies={q.ratedAgencies}
              agencyIds={agencyIds}
              answers={answers}
              onAnswer={answer}
              errorOf={errorOf}
            />
          ))}
        </section>
      )}

      <div className="pi-sf-nav">
        {flaggedHere > 0 && (
          <div className="pi-sf-nav-alert" role="alert">
            {t('sform.missing', { count: flaggedHere })}
          </div>
        )}
        {props.status && <div className="pi-sf-status">{props.status}</div>}
        <div className="pi-sf-nav-buttons">
          {step >= 0 && (
            <button type="button" className="pi-sf-btn pi-sf-btn-secondary" onClick={() => onStep(step - 1)} disabled={props.submitting}>
              {t('sform.back')}
            </button>
          )}
          <button type="button" className="pi-sf-btn pi-sf-btn-primary" onClick={next} disabled={props.submitting || (step < 0 && needsGroup)} aria-busy={props.submitting}>
            {step < 0 ? (progress.answered > 0 ? t('sform.continue') : t('sform.start')) : last ? (props.submitting ? t('sform.sending') : t('sform.submit')) : t('sform.next')}
          </button>
        </div>
      </div>
    </div>
  );
}

function promptId(key: string): string {
  return `sf-p-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function StartScreen({ q, lang, group, onGroup, resumed }: { q: PublicQuestionnaire; lang: Lang; group: string | null; onGroup: ((code: string) => void) | undefined; resumed: boolean }) {
  const t = useT();
  const intro = pick(lang, q.introVi, q.introEn);
  const questions = q.sections.reduce((n, s) => n + s.questions.length, 0);
  const chosen = q.respondentGroups.find((g) => g.code === group);
  return (
    <section className="pi-sf-start" aria-label={t('sform.startLabel')}>
      {intro && <p className="pi-sf-intro">{intro}</p>}
      <ul className="pi-sf-facts">
        <li>{t('sform.factQuestions', { count: questions, agencies: q.ratedAgencies.length })}</li>
        <li>{t('sform.factAnonymous')}</li>
        <li>{t('sform.factSaved')}</li>
      </ul>
      {resumed && <p className="pi-sf-resumed">{t('sform.resumed')}</p>}
      {chosen && !onGroup && (
        <p className="pi-sf-group">
          {t('sform.group')}: <b>{pick(lang, chosen.nameVi, chosen.nameEn)}</b>
        </p>
      )}
      {onGroup && q.respondentGroups.length > 1 && (
        <fieldset className="pi-sf-q">
          <legend className="pi-sf-q-text">{t('sform.chooseGroup')}</legend>
          <div className="pi-sf-options">
            {q.respondentGroups.map((g) => (
              <label key={g.code} className={`pi-sf-opt${group === g.code ? ' is-on' : ''}`}>
                <input type="radio" name="sf-group" value={g.code} checked={group === g.code} onChange={() => onGroup(g.code)} />
                <span className="pi-sf-opt-label">{pick(lang, g.nameVi, g.nameEn)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </section>
  );
}

interface QuestionProps {
  q: PublicQuestion;
  n: number;
  lang: Lang;
  agencies: PublicQuestionnaire['ratedAgencies'];
  agencyIds: number[];
  answers: AnswerMap;
  onAnswer: (key: string, value: AnswerValue | undefined) => void;
  errorOf: (key: string) => string | undefined;
}

function Question({ q, n, lang, agencies, agencyIds, answers, onAnswer, errorOf }: QuestionProps) {
  const t = useT();
  const targets = targetsOf(q, agencyIds);
  const matrix = q.perAgency && targets.length > 1;
  const compact = matrix && (q.type === 'likert' || (q.type === 'single' && q.options.length <= COMPACT_MAX_OPTIONS));
  const textId = `sf-q-${q.code}`;
  const agencyName = (id: number | null) => {
    const a = agencies.find((x) => x.id === id);
    return a ? pick(lang, a.nameVi, a.nameEn) : '';
  };
  const done = targets.filter((a) => isAnswered(q, answers[answerKey(q.code, a)])).length;

  return (
    <div className="pi-sf-q" role="group" aria-labelledby={textId}>
      <div className="pi-sf-q-text" id={textId}>
        <span className="pi-sf-q-num">{n}.</span> {pick(lang, q.textVi, q.textEn)}
        {q.required && q.type !== 'text' && (
          <span className="pi-sf-req" title={t('sform.requiredMark')}>
            {' '}*
          </span>
        )}
      </div>
      {matrix && (
        <div className="pi-sf-q-meta">
          {t('sform.matrixHint', { done, total: targets.length })}
        </div>
      )}
      {compact && <Legend q={q} lang={lang} />}
      {targets.map((agencyId) => {
        const key = answerKey(q.code, agencyId);
        const error = errorOf(key);
        const value = answers[key];
        const label = agencyId !== null ? agencyName(agencyId) : pick(lang, q.textVi, q.textEn);
        return (
          <div key={key} id={promptId(key)} className={`pi-sf-prompt${error ? ' has-error' : ''}${compact ? ' is-compact' : ''}`}>
            {agencyId !== null && matrix && <div className="pi-sf-agency">{label}</div>}
            {agencyId !== null && !matrix && <div className="pi-sf-agency pi-sf-agency-single">{label}</div>}
            <Input q={q} name={key} label={label} value={value} compact={compact} lang={lang} onChange={(v) => onAnswer(key, v)} />
            {error && (
              <div className="pi-sf-error" role="alert">
                {error}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}

function Legend({ q, lang }: { q: PublicQuestion; lang: Lang }) {
  const t = useT();
  if (q.type === 'likert')
    return (
      <div className="pi-sf-legend">
        <span>{t('sform.likertLow')}</span>
        <span>{t('sform.likertHigh')}</span>
      </div>
    );
  return (
    <ul className="pi-sf-legend-list">
      {q.options.map((o) => (
        <li key={o.code}>
          <b>{o.code}</b> {pick(lang, o.labelVi, o.labelEn)}
        </li>
      ))}
    </ul>
  );
}

function Input({ q, name, label, value, compact, lang, onChange }: { q: PublicQuestion; name: string; label: string; value: AnswerValue | undefined; compact: boolean; lang: Lang; onChange: (v: AnswerValue | undefined) => void }) {
  const t = useT();
  if (q.type === 'text') {
    const text = value?.t ?? '';
    return (
      <div className="pi-sf-text">
        <textarea
          aria-label={label}
          rows={4}
          maxLength={q.maxLength}
          value={text}
          placeholder={t('sform.textPlaceholder')}
          onChange={(e) => onChange(e.target.value ? { t: e.target.value } : undefined)}
        />
        <div className="pi-sf-count">
          {text.length}/{q.maxLength}
        </div>
      </div>
    );
  }
  if (q.type === 'likert') {
    return (
      <div className={`pi-sf-likert${compact ? ' is-compact' : ''}`} role="radiogroup" aria-label={label}>
        {[1, 2, 3, 4, 5].map((v) => (
          <label key={v} className={`pi-sf-chip${value?.l === v ? ' is-on' : ''}`}>
            <input type="radio" name={name} value={v} checked={value?.l === v} onChange={() => onChange({ l: v })} aria-label={`${v} / 5`} />
            <span aria-hidden>{v}</span>
          </label>
        ))}
        {!compact && (
          <div className="pi-sf-legend pi-sf-legend-under">
            <span>{t('sform.likertLow')}</span>
            <span>{t('sform.likertHigh')}</span>
          </div>
        )}
      </div>
    );
  }
  if (q.type === 'multiple') {
    const chosen = value?.m ?? [];
    return (
      <div className="pi-sf-options" role="group" aria-label={label}>
        <div className="pi-sf-hint">{t('sform.multipleHint')}</div>
        {q.options.map((o) => {
          const on = chosen.includes(o.code);
          return (
            <label key={o.code} className={`pi-sf-opt${on ? ' is-on' : ''}`}>
              <input
                type="checkbox"
                checked={on}
                onChange={() => {
                  const m = on ? chosen.filter((c) => c !== o.code) : [...chosen, o.code];
                  onChange(m.length ? { m } : undefined);
                }}
              />
              <span className="pi-sf-opt-code" aria-hidden>
                {o.code}
              </span>
              <span className="pi-sf-opt-label">{pick(lang, o.labelVi, o.labelEn)}</span>
            </label>
          );
        })}
      </div>
    );
  }
  if (compact) {
    const chosen = q.options.find((o) => o.code === value?.o);
    return (
      <div className="pi-sf-row">
        <div className="pi-sf-chips" role="radiogroup" aria-label={label}>
          {q.options.map((o) => (
            <label key={o.code} className={`pi-sf-chip${value?.o === o.code ? ' is-on' : ''}`} title={pick(lang, o.labelVi, o.labelEn)}>
              <input type="radio" name={name} value={o.code} checked={value?.o === o.code} onChange={() => onChange({ o: o.code })} aria-label={`${o.code}. ${pick(lang, o.labelVi, o.labelEn)}`} />
              <span aria-hidden>{o.code}</span>
            </label>
          ))}
        </div>
        <div className="pi-sf-chosen" aria-hidden>
          {chosen ? pick(lang, chosen.labelVi, chosen.labelEn) : ''}
        </div>
      </div>
    );
  }
  return (
    <div className="pi-sf-options" role="radiogroup" aria-label={label}>
      {q.options.map((o) => (
        <label key={o.code} className={`pi-sf-opt${value?.o === o.code ? ' is-on' : ''}`}>
          <input type="radio" name={name} value={o.code} checked={value?.o === o.code} onChange={() => onChange({ o: o.code })} />
          <span className="pi-sf-opt-code" aria-hidden>
            {o.code}
          </span>
          <span className="pi-sf-opt-label">{pick(lang, o.labelVi, o.labelEn)}</span>
        </label>
      ))}
    </div>
  );
}
