import { CheckOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useOutletContext } from 'react-router';
import { checkAnswers } from '../../../core/domain/survey-answers';
import { ApiError } from '../../api/client';
import { type PaperMismatch, useEnterPaper, useImportPaper, usePaperMismatches, useResolvePaper } from '../../api/surveys';
import { EmptyState } from '../../components/empty-state';
import { ImportDialog } from '../../components/import-dialog';
import { formatCount } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { type AnswerMap, missingRequired, placeProblems, toAnswerInputs } from '../survey-form/answers';
import { newIdempotencyKey } from '../survey-form/device-store';
import { describeStored, gridRows, keyEffect, nextPaperRef } from './paper-grid';
import type { SurveyPageOutlet } from './survey-page';

interface PaperDraft {
  paperRef: string;
  group: string;
  slot: 1 | 2;
  key: string;
  answers: AnswerMap;
}

function loadDraft(storageKey: string, fallbackGroup: string): PaperDraft {
  try {
    const raw = window.localStorage.getItem(storageKey);
    if (raw) {
      const d = JSON.parse(raw) as PaperDraft;
      if (typeof d.key === 'string' && d.answers) return d;
    }
  } catch {
    /* start afresh */
  }
  return { paperRef: '1', group: fallbackGroup, slot: 1, key: newIdempotencyKey(), answers: {} };
}

/**
 * Paper entry, made for the keyboard: the form's reference, group and entry slot (2 = the independent second entry
 * of double entry), then one row per question × rated agency where digits choose options (1 = A, 2 = B…), Enter
 * moves on and Ctrl+Enter saves; the running count of forms entered; the double-entry mismatch report; .xlsx import.
 */
export default function SurveyPaper() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { survey } = useOutletContext<SurveyPageOutlet>();
  const content = survey.content;
  const storageKey = `parindex.survey-paper.${survey.id}`;
  const countKey = `parindex.survey-paper-count.${survey.id}`;
  const [draft, setDraft] = useState<PaperDraft>(() => loadDraft(storageKey, content.respondentGroups[0]?.code ?? ''));
  const [active, setActive] = useState(0);
  const [autoAdvance, setAutoAdvance] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string[] | null>(null);
  const [count, setCount] = useState(() => Number(window.sessionStorage.getItem(countKey) ?? 0) || 0);
  const [importOpen, setImportOpen] = useState(false);
  const enter = useEnterPaper(survey.id);
  const importer = useImportPaper(survey.id);
  const rows = useMemo(() => gridRows(content), [content]);
  const agencies = useMemo(() => new Map(survey.ratedAgencies.map((a) => [a.id, a])), [survey.ratedAgencies]);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const textRefs = useRef<Map<number, HTMLTextAreaElement>>(new Map());
  const canEnter = survey.abilities.enterPaper === true && survey.status === 'published';

  useEffect(() => {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(draft));
    } catch {
      /* the form is still on screen */
    }
  }, [draft, storageKey]);

  const focusRow = useCallback(
    (i: number) => {
      const n = Math.max(0, Math.min(rows.length - 1, i));
      setActive(n);
      // Synchronously: a fast typist's next key must already land on the next row.
      const text = textRefs.current.get(n);
      if (text) text.focus();
      else rowRefs.current[n]?.focus();
    },
    [rows.length],
  );

  const setAnswer = (key: string, value: AnswerMap[string] | undefined) => {
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key]: _gone, ...rest } = e;
      return rest;
    });
    setDraft((d) => {
      const answers = { ...d.answers };
      if (value) answers[key] = value;
      else delete answers[key];
      return { ...d, answers };
    });
  };

  const save = async () => {
    if (!canEnter || enter.isPending) return;
    setProblem(null);
    const agencyIds = content.ratedAgencyIds;
    const { answers, keys } = toAnswerInputs(content.sections, agencyIds, draft.answers);
    const missing = missingRequired(content.sections, agencyIds, draft.answers);
    const local = checkAnswers(content, answers);
    const placed = placeProblems(
      local.problems.map((p) => ({ path: p.path, message: p.message[lang] })),
      keys,
    );
    const byKey = { ...placed.byKey };
    for (const k of missing) byKey[k] ??= t('survey.paper.missing');
    if (!draft.paperRef.trim()) {
      setProblem([t('survey.paper.refRequired')]);
      return;
    }
    if (Object.keys(byKey).length || placed.other.length || answers.length === 0) {
      setErrors(byKey);
      setProblem([t('survey.paper.fix', { count: Object.keys(byKey).length }), ...placed.other]);
      const first = rows.findIndex((r) => r.key in byKey);
      if (first >= 0) focusRow(first);
      return;
    }
    try {
      const res = await enter.mutateAsync({ respondentGroup: draft.group, paperRef: draft.paperRef.trim(), slot: draft.slot, idempotencyKey: draft.key, answers });
      const n = count + 1;
      setCount(n);
      window.sessionStorage.setItem(countKey, String(n));
      void message.success(res.duplicate ? t('survey.paper.savedAgain', { ref: draft.paperRef }) : t('survey.paper.saved', { ref: draft.paperRef }));
      setErrors({});
      setDraft((d) => ({ ...d, paperRef: nextPaperRef(d.paperRef), key: newIdempotencyKey(), answers: {} }));
      focusRow(0);
    } catch (err) {
      if (err instanceof ApiError) {
        const server = placeProblems(err.fields, keys);
        setErrors(server.byKey);
        setProblem([err.message, ...server.other]);
      } else setProblem([err instanceof Error ? err.message : String(err)]);
    }
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, i: number) => {
    const row = rows[i]!;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
      return;
    }
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      e.preventDefault();
      if (e.key === 'Enter' && e.shiftKey) focusRow(i - 1);
      else if (e.key === 'Enter' && i === rows.length - 1) void save();
      else focusRow(i + 1);
      return;
    }
    if (e.key === 'ArrowUp') {
      e.preventDefault();
      focusRow(i - 1);
      return;
    }
    if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      focusRow(e.key === 'Home' ? 0 : rows.length - 1);
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const effect = keyEffect(row.question, draft.answers[row.key], e.key);
    if (effect.kind === 'set') {
      e.preventDefault();
      setAnswer(row.key, effect.value);
      if (autoAdvance && effect.value && row.question.type !== 'multiple' && i < rows.length - 1) focusRow(i + 1);
    }
  };

  const agencyLabel = (id: number | null) => {
    if (id === null) return '';
    const a = agencies.get(id);
    return a ? `${a.code} · ${pickName(lang, a)}` : `#${id}`;
  };
  const answered = rows.filter((r) => r.key in draft.answers).length;

  return (
    <div className="pi-survey-paper">
      {!canEnter && <Alert type="info" showIcon className="pi-sb-alert" title={survey.status !== 'published' ? t('survey.paper.notOpen') : t('ability.denied')} />}
      <Card
        className="pi-card"
        size="small"
        title={t('survey.paper.title')}
        extra={
          <Space wrap>
            <Tag color="blue" data-testid="paper-count">
              {t('survey.paper.count', { count: formatCount(count, lang) })}
            </Tag>
            <Button icon={<UploadOutlined />} disabled={!canEnter} onClick={() => setImportOpen(true)}>
              {t('action.importExcel')}
            </Button>
          </Space>
        }
      >
        <div className="pi-paper-head">
          <label className="pi-paper-field">
            <span>{t('survey.paper.ref')}</span>
            <Input value={draft.paperRef} onChange={(e) => setDraft((d) => ({ ...d, paperRef: e.target.value }))} maxLength={60} style={{ width: 160 }} disabled={!canEnter} onPressEnter={() => focusRow(0)} data-testid="paper-ref" />
          </label>
          <label className="pi-paper-field">
            <span>{t('survey.paper.group')}</span>
            <Select
              value={draft.group}
              onChange={(group: string) => setDraft((d) => ({ ...d, group }))}
              options={content.respondentGroups.map((g) => ({ value: g.code, label: `${g.code} · ${pickName(lang, g)}` }))}
              style={{ minWidth: 220 }}
              disabled={!canEnter}
              aria-label={t('survey.paper.group')}
            />
          </label>
          <div className="pi-paper-field">
            <span id="paper-slot">{t('survey.paper.slot')}</span>
            <Segmented<1 | 2>
              value={draft.slot}
              onChange={(slot) => setDraft((d) => ({ ...d, slot }))}
              options={[
                { value: 1, label: t('survey.paper.slot1') },
                { value: 2, label: t('survey.paper.slot2') },
              ]}
              disabled={!canEnter}
              aria-labelledby="paper-slot"
            />
          </div>
          <Checkbox checked={autoAdvance} onChange={(e) => setAutoAdvance(e.target.checked)}>
            {t('survey.paper.autoAdvance')}
          </Checkbox>
        </div>
        <Typography.Paragraph className="pi-muted pi-paper-keys">{t('survey.paper.keys')}</Typography.Paragraph>
        {problem && (
          <Alert type="error" showIcon className="pi-sb-alert" role="alert" title={problem[0]} description={problem.length > 1 ? problem.slice(1).join(' ') : undefined} closable={{ onClose: () => setProblem(null) }} />
        )}
        <div className="pi-paper-grid-wrap">
          <table className="pi-paper-grid" aria-label={t('survey.paper.gridLabel')}>
            <thead>
              <tr>
                <th className="pi-paper-n">#</th>
                <th>{t('survey.paper.question')}</th>
                <th>{t('survey.paper.agency')}</th>
                <th>{t('survey.paper.answer')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const value = draft.answers[r.key];
                const q = r.question;
                const error = errors[r.key];
                return (
                  <tr
                    key={r.key}
                    ref={(el) => void (rowRefs.current[i] = el)}
                    tabIndex={canEnter ? (active === i ? 0 : -1) : undefined}
                    className={`pi-paper-row${active === i ? ' is-active' : ''}${error ? ' has-error' : ''}`}
                    onFocus={() => setActive(i)}
                    onClick={() => q.type !== 'text' && focusRow(i)}
                    onKeyDown={(e) => canEnter && e.target === e.currentTarget && onRowKey(e, i)}
                    aria-label={`${q.code} ${agencyLabel(r.agencyId)}`}
                    data-testid={`paper-row-${r.key}`}
                  >
                    <td className="pi-paper-n">{i + 1}</td>
                    <td className="pi-paper-q">
                      <b>{q.code}</b> <span className="pi-paper-qtext">{lang === 'en' && q.textEn ? q.textEn : q.textVi}</span>
                    </td>
                    <td className="pi-paper-agency">{agencyLabel(r.agencyId)}</td>
                    <td className="pi-paper-answer">
                      {q.type === 'text' ? (
                        <Input.TextArea
                          ref={(el) => {
                            const area = el?.resizableTextArea?.textArea;
                            if (area) textRefs.current.set(i, area);
                            else textRefs.current.delete(i);
                          }}
                          autoSize={{ minRows: 1, maxRows: 4 }}
                          value={value?.t ?? ''}
                          maxLength={q.maxLength}
                          disabled={!canEnter}
                          onFocus={() => setActive(i)}
                          onChange={(e) => setAnswer(r.key, e.target.value ? { t: e.target.value } : undefined)}
                          onKeyDown={(e) => {
                            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                              e.preventDefault();
                              void save();
                            } else if (e.key === 'Enter' && !e.shiftKey) {
                              e.preventDefault();
                              if (i === rows.length - 1) void save();
                              else focusRow(i + 1);
                            } else if (e.key === 'Escape') rowRefs.current[i]?.focus();
                          }}
                          aria-label={`${q.code} ${t('survey.paper.answer')}`}
                        />
                      ) : q.type === 'likert' ? (
                        <span className="pi-paper-chips">
                          {[1, 2, 3, 4, 5].map((v) => (
                            <span key={v} className={`pi-paper-chip${value?.l === v ? ' is-on' : ''}`}>
                              {v}
                            </span>
                          ))}
                        </span>
                      ) : (
                        <span className="pi-paper-chips">
                          {q.options.map((o, k) => {
                            const on = q.type === 'single' ? value?.o === o.code : !!value?.m?.includes(o.code);
                            return (
                              <span key={o.code} className={`pi-paper-chip${on ? ' is-on' : ''}`} title={pickName(lang, { nameVi: o.labelVi, nameEn: o.labelEn })}>
                                <kbd>{k + 1}</kbd> {o.code}
                              </span>
                            );
                          })}
                        </span>
                      )}
                      {error && <div className="pi-sb-inline-error">{error}</div>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="pi-paper-foot">
          <span className="pi-muted" aria-live="polite">
            {t('survey.paper.progress', { answered, total: rows.length })}
          </span>
          <Space>
            <Button
              onClick={() => {
                setDraft((d) => ({ ...d, answers: {}, key: newIdempotencyKey() }));
                setErrors({});
                setProblem(null);
                focusRow(0);
              }}
              disabled={!canEnter}
            >
              {t('survey.paper.clear')}
            </Button>
            <Button type="primary" icon={<SaveOutlined />} loading={enter.isPending} disabled={!canEnter} onClick={() => void save()} data-testid="paper-save">
              {t('survey.paper.save')}
            </Button>
          </Space>
        </div>
      </Card>
      <Mismatches surveyId={survey.id} canResolve={survey.abilities.enterPaper === true} agencyLabel={agencyLabel} />
      <ImportDialog
        open={importOpen}
        title={t('survey.paper.importTitle')}
        hint={<PaperImportHint codes={rows.filter((r, i, all) => all.findIndex((x) => x.question.code === r.question.code) === i).map((r) => r.question.code)} />}
        pending={importer.isPending}
        onClose={() => setImportOpen(false)}
        onImport={async (file) => {
          const r = await importer.mutateAsync(file);
          void message.success(t('survey.paper.imported', { rows: r.rows, created: r.created }));
          setImportOpen(false);
          return r;
        }}
      />
    </div>
  );
}

function PaperImportHint({ codes }: { codes: string[] }) {
  const t = useT();
  return (
    <div>
      <p>{t('survey.paper.importHint')}</p>
      <code className="pi-paper-columns">{['Mã phiếu giấy', 'Nhóm đối tượng', 'Mã cơ quan', ...codes].join(' | ')}</code>
    </div>
  );
}

function Mismatches({ surveyId, canResolve, agencyLabel }: { surveyId: number; canResolve: boolean; agencyLabel: (id: number | null) => string }) {
  const t = useT();
  const { message } = App.useApp();
  const list = usePaperMismatches(surveyId);
  const resolve = useResolvePaper(surveyId);
  // The server lists unresolved pairs only: a resolved pair keeps one entry and supersedes the other.
  const open = (list.data ?? []).length;
  const where = (answer: string) => {
    const [q, a] = answer.split('|');
    return a ? `${q} · ${agencyLabel(Number(a))}` : (q ?? answer);
  };
  return (
    <Card className="pi-card pi-table-card" size="small" title={t('survey.paper.mismatches', { count: open })}>
      <Table<PaperMismatch>
        size="small"
        rowKey="paperRef"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        locale={{ emptyText: list.isPending ? ' ' : <EmptyState title={t('survey.paper.noMismatch')} hint={t('survey.paper.noMismatchHint')} /> }}
        columns={[
          { key: 'ref', title: t('survey.paper.ref'), dataIndex: 'paperRef', width: 140 },
          {
            key: 'diff',
            title: t('survey.paper.differences'),
            render: (_: unknown, m) => (
              <ul className="pi-plain-list">
                {m.differences.map((d) => (
                  <li key={d.answer}>
                    {where(d.answer)}: <Tag>{t('survey.paper.entry1')}: {describeStored(d.first)}</Tag>
                    <Tag>{t('survey.paper.entry2')}: {describeStored(d.second)}</Tag>
                  </li>
                ))}
              </ul>
            ),
          },
          {
            key: 'keep',
            title: '',
            width: 240,
            render: (_: unknown, m) => (
                <Space>
                  {([1, 2] as const).map((keep) => (
                    <Button
                      key={keep}
                      size="small"
                      icon={<CheckOutlined />}
                      disabled={!canResolve}
                      loading={resolve.isPending && resolve.variables?.paperRef === m.paperRef && resolve.variables.keep === keep}
                      onClick={() =>
                        resolve.mutate(
                          { paperRef: m.paperRef, keep },
                          {
                            onSuccess: () => {
                              void message.success(t('survey.paper.resolved', { ref: m.paperRef, keep }));
                            },
                            onError: (err) => void message.error(err.message),
                          },
                        )
                      }
                    >
                      {keep === 1 ? t('survey.paper.keep1') : t('survey.paper.keep2')}
                    </Button>
                  ))}
                </Space>
              ),
          },
        ]}
      />
    </Card>
  );
}
