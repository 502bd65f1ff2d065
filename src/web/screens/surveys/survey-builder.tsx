import { EyeOutlined, PlusOutlined, SaveOutlined, DeleteOutlined, ArrowUpOutlined, ArrowDownOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Collapse, Dropdown, Form, Input, Modal, Row, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import { ApiError } from '../../api/client';
import type { PeriodView } from '../../api/periods';
import type { QuestionnaireDraft, QuestionnaireView } from '../../api/surveys';
import { formatTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import {
  allQuestionCodes,
  checkDraft,
  type DraftProblem,
  GROUP_PRESETS,
  newQuestion,
  newSection,
  nextCode,
  problemsByPath,
  type Question,
} from './builder-draft';
import { type FieldState, QuestionEditor } from './builder-question';
import { usePeriodAgencies, useSurveyLeaves } from './builder-sources';
import { SurveyPreview } from './survey-preview';

interface Props {
  initial: QuestionnaireDraft;
  /** The version the draft was loaded at (null for a new questionnaire). */
  version: number | null;
  /** Where unsaved edits are kept on this device. */
  storageKey: string;
  period: PeriodView | undefined;
  knownAgencies: QuestionnaireView['ratedAgencies'];
  editable: boolean;
  readOnlyReason?: string | undefined;
  /** Saves the draft; throws the server's error. */
  onSave: (draft: QuestionnaireDraft) => Promise<void>;
  /** After a `conflict`: load the latest version (remounts the builder). */
  onReload?: () => void;
  onDirty?: (dirty: boolean) => void;
}

interface Backup {
  version: number | null;
  draft: QuestionnaireDraft;
  at: string;
}

function readBackup(key: string): Backup | null {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as Backup) : null;
  } catch {
    return null;
  }
}

/** The value at a dotted path ("content.sections.0.titleVi"), or undefined. */
function valueAt(root: unknown, path: string): unknown {
  let v: unknown = root;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** Moves item `i` of a list by `delta` (in place). */
function move<T>(list: T[], i: number, delta: -1 | 1): void {
  const j = i + delta;
  if (j < 0 || j >= list.length) return;
  [list[i], list[j]] = [list[j]!, list[i]!];
}

/**
 * The questionnaire builder: general information, respondent groups, rated agencies (from the period's groups),
 * sections and questions (types, options with weights and one-click scales, Likert, leaf mapping), checked live
 * with the server's own rules and paths, a respondent's preview, and saves that keep unsaved edits on the device.
 */
export function SurveyBuilder({ initial, version, storageKey, period, knownAgencies, editable, readOnlyReason, onSave, onReload, onDirty }: Props) {
  const t = useT();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const [draft, setDraft] = useState<QuestionnaireDraft>(initial);
  const [baseline, setBaseline] = useState(() => JSON.stringify(initial));
  const [serverErrors, setServerErrors] = useState<Map<string, string>>(new Map());
  const [failure, setFailure] = useState<{ title: string; lines: string[]; code: string | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const [open, setOpen] = useState<string[]>(() => (initial.content.sections[0]?.questions[0] ? ['0.0'] : []));
  const [preview, setPreview] = useState(false);
  const [backup, setBackup] = useState<Backup | null>(() => {
    const b = readBackup(storageKey);
    return b && JSON.stringify(b.draft) !== JSON.stringify(initial) && b.version === version ? b : null;
  });
  const dirty = JSON.stringify(draft) !== baseline;
  const agencies = usePeriodAgencies(period);
  const { leaves, pending: leavesPending } = useSurveyLeaves(period, lang);
  const problems = useMemo(() => checkDraft(draft, leaves, lang), [draft, leaves, lang]);
  const byPath = useMemo(() => problemsByPath(problems), [problems]);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');

  useEffect(() => onDirty?.(dirty), [dirty, onDirty]);
  useEffect(() => () => onDirty?.(false), [onDirty]);

  // Unsaved edits stay on this device (restored on return), so leaving never loses them.
  useEffect(() => {
    if (!dirty) return;
    const timer = window.setTimeout(() => {
      try {
        window.localStorage.setItem(storageKey, JSON.stringify({ version, draft, at: new Date().toISOString() } satisfies Backup));
      } catch {
        /* storage full or private mode */
      }
    }, 400);
    return () => window.clearTimeout(timer);
  }, [draft, dirty, storageKey, version]);

  // Set by a successful save until the next edit: the page may move on (e.g. to the created questionnaire).
  const justSaved = useRef(false);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && editable && !justSaved.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty || !editable) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty, editable]);

  const edit = useCallback((mutate: (d: QuestionnaireDraft) => void) => {
    justSaved.current = false;
    setDraft((d) => {
      const next = structuredClone(d);
      mutate(next);
      return next;
    });
    setServerErrors((m) => (m.size ? new Map() : m));
  }, []);

  // A fresh questionnaire does not shout: a field shows its problem once edited, or after a first save attempt.
  const [attempted, setAttempted] = useState(version !== null);
  const shown = (path: string) => {
    if (attempted) return true;
    const before = valueAt(initial, path);
    const now = valueAt(draft, path);
    if (before === undefined && (now === '' || (Array.isArray(now) && now.length === 0))) return false;
    return JSON.stringify(before) !== JSON.stringify(now);
  };
  const field: FieldState = (path) => {
    const server = serverErrors.get(path);
    if (server) return { validateStatus: 'error', help: server };
    const p = byPath.get(path);
    return p && shown(path) ? { validateStatus: p.severity, help: p.message } : {};
  };

  const focusPath = (path: string) => {
    const m = /^content\.sections\.(\d+)\.questions\.(\d+)/.exec(path);
    if (m) setOpen((o) => (o.includes(`${m[1]}.${m[2]}`) ? o : [...o, `${m[1]}.${m[2]}`]));
    window.setTimeout(() => {
      const parts = path.split('.');
      for (let n = parts.length; n > 0; n--) {
        const el = document.getElementById(`f-${parts.slice(0, n).join('.')}`);
        if (el) {
          el.scrollIntoView({ block: 'center', behavior: 'smooth' });
          el.querySelector<HTMLElement>('input, textarea, [tabindex="0"]')?.focus({ preventScroll: true });
          return;
        }
      }
      document.getElementById('f-general')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    }, 60);
  };

  const save = async () => {
    setAttempted(true);
    if (errors.length) {
      setShowProblems(true);
      focusPath(errors[0]!.path);
      void message.error(t('survey.b.fixFirst', { count: errors.length }));
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await onSave(draft);
      justSaved.current = true;
      setBaseline(JSON.stringify(draft));
      setSavedAt(new Date().toISOString());
      setServerErrors(new Map());
      try {
        window.localStorage.removeItem(storageKey);
      } catch {
        /* ignore */
      }
      void message.success(t('survey.b.saved'));
    } catch (err) {
      if (err instanceof ApiError) {
        const map = new Map(err.fields.map((f) => [f.path, f.message]));
        setServerErrors(map);
        setFailure({ title: err.message, lines: err.fields.map((f) => f.message), code: err.code });
        if (err.fields[0]) focusPath(err.fields[0].path);
      } else setFailure({ title: err instanceof Error ? err.message : String(err), lines: [], code: null });
    } finally {
      setSaving(false);
    }
  };

  // Ctrl+S / ⌘S saves.
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (editable) void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editable]);

  const agencyOptions = useMemo(() => {
    const groups = new Map<string, { label: string; options: { value: number; label: string }[] }>();
    for (const a of agencies.data ?? []) {
      const g = groups.get(a.groupCode) ?? { label: lang === 'en' && a.groupNameEn ? a.groupNameEn : a.groupNameVi, options: [] };
      g.options.push({ value: a.id, label: `${a.code} · ${pickName(lang, a)}` });
      groups.set(a.groupCode, g);
    }
    const listed = new Set((agencies.data ?? []).map((a) => a.id));
    const extra = knownAgencies.filter((a) => !listed.has(a.id)).map((a) => ({ value: a.id, label: `${a.code} · ${pickName(lang, a)}` }));
    return [...groups.values(), ...(extra.length ? [{ label: t('survey.b.otherAgencies'), options: extra }] : [])];
  }, [agencies.data, knownAgencies, lang, t]);

  const previewAgencies = useMemo(() => {
    const all = [...(agencies.data ?? []).map((a) => ({ id: a.id, code: a.code, nameVi: a.nameVi, nameEn: a.nameEn })), ...knownAgencies];
    return all;
  }, [agencies.data, knownAgencies]);

  const c = draft.content;
  const disabled = !editable;

  return (
    <div className="pi-sb">
      {!editable && readOnlyReason && <Alert type="info" showIcon className="pi-sb-alert" title={readOnlyReason} />}
      {backup && editable && (
        <Alert
          type="warning"
          showIcon
          className="pi-sb-alert"
          title={t('survey.b.backupTitle', { time: formatTime(backup.at) })}
          description={t('survey.b.backupText')}
          action={
            <Space orientation="vertical">
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  setDraft(backup.draft);
                  setBackup(null);
                }}
              >
                {t('survey.b.restore')}
              </Button>
              <Button
                size="small"
                onClick={() => {
                  window.localStorage.removeItem(storageKey);
                  setBackup(null);
                }}
              >
                {t('survey.b.discard')}
              </Button>
            </Space>
          }
        />
      )}

      <div className="pi-sb-bar" role="region" aria-label={t('survey.b.actions')}>
        <Space wrap>
          {editable && (
            <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} disabled={!dirty && version !== null} data-testid="builder-save">
              {t('action.save')}
            </Button>
          )}
          <Button icon={<EyeOutlined />} onClick={() => setPreview(true)}>
            {t('survey.b.preview')}
          </Button>
          <span className="pi-sb-state" aria-live="polite">
            {dirty ? t('survey.b.unsaved') : savedAt ? t('survey.b.savedAt', { time: formatTime(savedAt) }) : ''}
          </span>
        </Space>
        <Space wrap>
          {errors.length > 0 && (
            <Button type="link" danger onClick={() => setShowProblems((s) => !s)} data-testid="builder-errors">
              {t('survey.b.errors', { count: errors.length })}
            </Button>
          )}
          {warnings.length > 0 && (
            <Button type="link" onClick={() => setShowProblems((s) => !s)} className="pi-sb-warnings">
              {t('survey.b.warnings', { count: warnings.length })}
            </Button>
          )}
          {!errors.length && !warnings.length && <Tag color="success">{t('survey.b.noProblems')}</Tag>}
        </Space>
      </div>

      {failure && (
        <Alert
          type={failure.code === 'conflict' ? 'warning' : 'error'}
          showIcon
          closable={{ onClose: () => setFailure(null) }}
          className="pi-sb-alert"
          role="alert"
          title={failure.title}
          description={
            failure.code === 'conflict' ? (
              <Space orientation="vertical">
                <span>{t('survey.b.conflictText')}</span>
                {onReload && <Button onClick={onReload}>{t('survey.b.reload')}</Button>}
              </Space>
            ) : failure.lines.length ? (
              <ul className="pi-plain-list">
                {failure.lines.slice(0, 8).map((l, i) => (
                  <li key={i}>{l}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}

      {showProblems && problems.length > 0 && <ProblemList problems={problems} draft={draft} onPick={focusPath} />}

      <Form layout="vertical" component={false} disabled={disabled}>
        <Row gutter={16}>
          <Col xs={24} xl={14}>
            <Card className="pi-card pi-sb-card" size="small" title={t('survey.b.general')} id="f-general">
              <Row gutter={12}>
                <Col xs={24} sm={8}>
                  <Form.Item label={t('survey.b.code')} {...field('code')} required tooltip={t('survey.b.codeHint')} htmlFor="sb-code">
                    <Input id="sb-code" value={draft.code} maxLength={32} onChange={(e) => edit((d) => void (d.code = e.target.value.toUpperCase()))} placeholder="P01" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={16}>
                  <Form.Item label={t('survey.b.openLink')} tooltip={t('survey.b.openLinkHint')} htmlFor="sb-openLink">
                    <Switch
                      id="sb-openLink"
                      checked={draft.openLink === 'on'}
                      onChange={(v) => edit((d) => void (d.openLink = v ? 'on' : 'off'))}
                      checkedChildren={t('survey.b.openLinkOn')}
                      unCheckedChildren={t('survey.b.openLinkOff')}
                      aria-label={t('survey.b.openLink')}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label={t('survey.b.titleVi')} {...field('titleVi')} required htmlFor="sb-titleVi">
                <Input id="sb-titleVi" value={draft.titleVi} onChange={(e) => edit((d) => void (d.titleVi = e.target.value))} placeholder={t('survey.b.titlePlaceholder')} />
              </Form.Item>
              <Form.Item label={t('survey.b.titleEn')} {...field('titleEn')} htmlFor="sb-titleEn">
                <Input id="sb-titleEn" value={draft.titleEn} onChange={(e) => edit((d) => void (d.titleEn = e.target.value))} />
              </Form.Item>
              <Form.Item label={t('survey.b.introVi')} {...field('content.introVi')} htmlFor="sb-introVi">
                <Input.TextArea id="sb-introVi" value={c.introVi} autoSize={{ minRows: 2, maxRows: 6 }} onChange={(e) => edit((d) => void (d.content.introVi = e.target.value))} />
              </Form.Item>
              <Form.Item label={t('survey.b.introEn')} {...field('content.introEn')} htmlFor="sb-introEn">
                <Input.TextArea id="sb-introEn" value={c.introEn} autoSize={{ minRows: 2, maxRows: 6 }} onChange={(e) => edit((d) => void (d.content.introEn = e.target.value))} />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Card
              className="pi-card pi-sb-card"
              size="small"
              title={t('survey.b.groups')}
              id="f-content.respondentGroups"
              extra={
                editable && (
                  <Dropdown
                    menu={{
                      items: [
                        ...GROUP_PRESETS.filter((g) => !c.respondentGroups.some((x) => x.code === g.code)).map((g) => ({
                          key: g.code,
                          label: `${g.code} · ${pickName(lang, g)}`,
                          onClick: () => edit((d) => void d.content.respondentGroups.push({ ...g })),
                        })),
                        { type: 'divider' as const },
                        {
                          key: '_new',
                          label: t('survey.b.groupCustom'),
                          onClick: () => edit((d) => void d.content.respondentGroups.push({ code: nextCode('G', d.content.respondentGroups.map((g) => g.code)), nameVi: '', nameEn: '' })),
                        },
                      ],
                    }}
                  >
                    <Button size="small" icon={<PlusOutlined />}>
                      {t('survey.b.groupAdd')}
                    </Button>
                  </Dropdown>
                )
              }
            >
              {field('content.respondentGroups').help && <div className="pi-sb-inline-error">{field('content.respondentGroups').help}</div>}
              <div className="pi-sb-groups">
                {c.respondentGroups.map((g, i) => {
                  const p = `content.respondentGroups.${i}`;
                  const errs = [field(`${p}.code`).help, field(`${p}.nameVi`).help, field(`${p}.nameEn`).help].filter(Boolean);
                  return (
                    <div key={i} className="pi-sb-group">
                      <div className="pi-sb-group-row">
                        <Input value={g.code} className="pi-sb-group-code" maxLength={32} status={field(`${p}.code`).help ? 'error' : undefined} onChange={(e) => edit((d) => void (d.content.respondentGroups[i]!.code = e.target.value.toUpperCase()))} aria-label={t('survey.b.groupCode', { n: i + 1 })} />
                        <Input value={g.nameVi} status={field(`${p}.nameVi`).help ? 'error' : undefined} placeholder={t('survey.b.groupNameVi')} onChange={(e) => edit((d) => void (d.content.respondentGroups[i]!.nameVi = e.target.value))} aria-label={t('survey.b.groupNameViOf', { n: i + 1 })} />
                        <Input value={g.nameEn} placeholder={t('survey.b.groupNameEn')} onChange={(e) => edit((d) => void (d.content.respondentGroups[i]!.nameEn = e.target.value))} aria-label={t('survey.b.groupNameEnOf', { n: i + 1 })} />
                        <Button type="text" danger icon={<DeleteOutlined />} disabled={disabled || c.respondentGroups.length <= 1} onClick={() => edit((d) => void d.content.respondentGroups.splice(i, 1))} aria-label={t('survey.b.groupDelete', { code: g.code })} />
                      </div>
                      {errs.map((e, k) => (
                        <div key={k} className="pi-sb-inline-error" role="alert">
                          {e}
                        </div>
                      ))}
                    </div>
                  );
                })}
              </div>
            </Card>
            <Card className="pi-card pi-sb-card" size="small" title={t('survey.b.agencies', { count: c.ratedAgencyIds.length })} id="f-content.ratedAgencyIds">
              <Form.Item {...field('content.ratedAgencyIds')} help={field('content.ratedAgencyIds').help ?? t('survey.b.agenciesHint')}>
                <Select
                  mode="multiple"
                  allowClear
                  value={c.ratedAgencyIds}
                  loading={agencies.isPending && (period?.frameworks.length ?? 0) > 0}
                  options={agencyOptions}
                  optionFilterProp="label"
                  maxTagCount="responsive"
                  placeholder={t('survey.b.agenciesPlaceholder')}
                  onChange={(ids: number[]) => edit((d) => void (d.content.ratedAgencyIds = ids))}
                  aria-label={t('survey.b.agenciesLabel')}
                  data-testid="rated-agencies"
                />
              </Form.Item>
              {editable && (
                <Space wrap size={[4, 4]}>
                  {(period?.frameworks ?? []).map((f) => (
                    <Button
                      key={f.groupId}
                      size="small"
                      onClick={() =>
                        edit((d) => {
                          const ids = (agencies.data ?? []).filter((a) => a.groupId === f.groupId).map((a) => a.id);
                          d.content.ratedAgencyIds = [...new Set([...d.content.ratedAgencyIds, ...ids])];
                        })
                      }
                    >
                      {t('survey.b.addGroupAgencies', { group: f.groupNameVi })}
                    </Button>
                  ))}
                </Space>
              )}
            </Card>
          </Col>
        </Row>

        {c.sections.map((s, si) => {
          const sp = `content.sections.${si}`;
          const firstQ = s.questions.length === 0;
          return (
            <Card
              key={si}
              className="pi-card pi-sb-card pi-sb-section"
              size="small"
              id={`f-${sp}`}
              title={
                <div className="pi-sb-section-head">
                  <Form.Item {...field(`${sp}.code`)} className="pi-sb-code">
                    <Input value={s.code} maxLength={32} onChange={(e) => edit((d) => void (d.content.sections[si]!.code = e.target.value.toUpperCase()))} aria-label={t('survey.b.sectionCode', { n: si + 1 })} />
                  </Form.Item>
                  <Form.Item {...field(`${sp}.titleVi`)} className="pi-sb-grow">
                    <Input value={s.titleVi} placeholder={t('survey.b.sectionTitleVi')} onChange={(e) => edit((d) => void (d.content.sections[si]!.titleVi = e.target.value))} aria-label={t('survey.b.sectionTitleViOf', { n: si + 1 })} />
                  </Form.Item>
                  <Form.Item {...field(`${sp}.titleEn`)} className="pi-sb-grow">
                    <Input value={s.titleEn} placeholder={t('survey.b.sectionTitleEn')} onChange={(e) => edit((d) => void (d.content.sections[si]!.titleEn = e.target.value))} aria-label={t('survey.b.sectionTitleEnOf', { n: si + 1 })} />
                  </Form.Item>
                </div>
              }
              extra={
                <Space>
                  <Tooltip title={t('survey.moveUp')}>
                    <Button size="small" icon={<ArrowUpOutlined />} disabled={disabled || si === 0} onClick={() => edit((d) => move(d.content.sections, si, -1))} aria-label={t('survey.b.sectionUp', { code: s.code })} />
                  </Tooltip>
                  <Tooltip title={t('survey.moveDown')}>
                    <Button size="small" icon={<ArrowDownOutlined />} disabled={disabled || si === c.sections.length - 1} onClick={() => edit((d) => move(d.content.sections, si, 1))} aria-label={t('survey.b.sectionDown', { code: s.code })} />
                  </Tooltip>
                  <Tooltip title={t('survey.b.sectionDelete')}>
                    <Button size="small" danger icon={<DeleteOutlined />} disabled={disabled || c.sections.length <= 1} onClick={() => modal.confirm({ title: t('survey.b.sectionDeleteConfirm', { code: s.code }), okButtonProps: { danger: true }, okText: t('survey.b.sectionDelete'), cancelText: t('action.cancel'), onOk: () => edit((d) => void d.content.sections.splice(si, 1)) })} aria-label={t('survey.b.sectionDelete')} />
                  </Tooltip>
                </Space>
              }
            >
              {firstQ && <div className="pi-sb-note">{t('survey.b.noQuestions')}</div>}
              <Collapse
                className="pi-sb-questions"
                activeKey={open}
                onChange={(keys) => setOpen(keys)}
                items={s.questions.map((q, qi) => {
                  const qp = `${sp}.questions.${qi}`;
                  const qErrors = problems.filter((p) => p.severity === 'error' && p.path.startsWith(`${qp}.`)).length + [...serverErrors.keys()].filter((k) => k.startsWith(`${qp}.`)).length;
                  return {
                    key: `${si}.${qi}`,
                    label: <QuestionSummary q={q} lang={lang} errors={qErrors} />,
                    children: (
                      <QuestionEditor
                        q={q}
                        path={qp}
                        field={field}
                        leaves={leaves}
                        leavesPending={leavesPending}
                        disabled={disabled}
                        first={qi === 0}
                        last={qi === s.questions.length - 1}
                        onChange={(mutate) => edit((d) => mutate(d.content.sections[si]!.questions[qi]!))}
                        onMove={(delta) => {
                          edit((d) => move(d.content.sections[si]!.questions, qi, delta));
                          setOpen((o) => o.map((k) => (k === `${si}.${qi}` ? `${si}.${qi + delta}` : k)));
                        }}
                        onDelete={() => edit((d) => void d.content.sections[si]!.questions.splice(qi, 1))}
                      />
                    ),
                  };
                })}
              />
              {editable && (
                <Button
                  className="pi-sb-add-question"
                  icon={<PlusOutlined />}
                  onClick={() => {
                    const code = nextCode('Q', allQuestionCodes(draft.content));
                    edit((d) => void d.content.sections[si]!.questions.push(newQuestion(code)));
                    setOpen((o) => [...o, `${si}.${s.questions.length}`]);
                  }}
                >
                  {t('survey.b.addQuestion')}
                </Button>
              )}
            </Card>
          );
        })}
        {editable && (
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            className="pi-sb-add-section"
            onClick={() => edit((d) => void d.content.sections.push(newSection(nextCode('S', d.content.sections.map((x) => x.code)), d.content.sections.length + 1)))}
          >
            {t('survey.b.addSection')}
          </Button>
        )}
      </Form>

      <SurveyPreview open={preview} onClose={() => setPreview(false)} draft={draft} agencies={previewAgencies} />

      <Modal
        open={blocker.state === 'blocked'}
        title={t('survey.b.leaveTitle')}
        okText={t('survey.b.leave')}
        cancelText={t('survey.b.stay')}
        onOk={() => blocker.state === 'blocked' && blocker.proceed()}
        onCancel={() => blocker.state === 'blocked' && blocker.reset()}
      >
        <p>{t('survey.b.leaveText')}</p>
      </Modal>
    </div>
  );
}

function QuestionSummary({ q, lang, errors }: { q: Question; lang: 'vi' | 'en'; errors: number }) {
  const t = useT();
  const text = (lang === 'en' && q.textEn ? q.textEn : q.textVi) || t('survey.b.untitled');
  return (
    <div className="pi-sb-summary">
      <b className="pi-sb-summary-code">{q.code}</b>
      <Tag className="pi-sb-summary-type">{t(`survey.type.${q.type}`)}</Tag>
      <span className="pi-sb-summary-text">{text}</span>
      {q.leafCodes.map((c) => (
        <Tag key={c} color="blue">
          {c}
        </Tag>
      ))}
      {errors > 0 && (
        <Tag color="error" className="pi-sb-summary-errors">
          {t('survey.b.errors', { count: errors })}
        </Tag>
      )}
    </div>
  );
}

/** Where a problem is, in words: "Part S1 › Question Q2". */
function describePath(path: string, draft: QuestionnaireDraft, t: ReturnType<typeof useT>): string {
  const q = /^content\.sections\.(\d+)\.questions\.(\d+)/.exec(path);
  if (q) {
    const s = draft.content.sections[Number(q[1])];
    return t('survey.b.whereQuestion', { section: s?.code ?? '?', question: s?.questions[Number(q[2])]?.code ?? '?' });
  }
  const s = /^content\.sections\.(\d+)/.exec(path);
  if (s) return t('survey.b.whereSection', { section: draft.content.sections[Number(s[1])]?.code ?? '?' });
  if (path.startsWith('content.respondentGroups')) return t('survey.b.groups');
  if (path.startsWith('content.ratedAgencyIds')) return t('survey.b.agenciesLabel');
  if (path === 'leaves') return t('survey.b.whereLeaves');
  return t('survey.b.general');
}

function ProblemList({ problems, draft, onPick }: { problems: DraftProblem[]; draft: QuestionnaireDraft; onPick: (path: string) => void }) {
  const t = useT();
  const errors = problems.filter((p) => p.severity === 'error');
  return (
    <Alert
      type={errors.length ? 'error' : 'warning'}
      showIcon
      className="pi-sb-alert"
      title={t('survey.b.problemsTitle', { errors: errors.length, warnings: problems.length - errors.length })}
      description={
        <ul className="pi-plain-list pi-sb-problems">
          {problems.slice(0, 30).map((p, i) => (
            <li key={i}>
              <Typography.Link onClick={() => onPick(p.path)}>{describePath(p.path, draft, t)}</Typography.Link>: {p.message}
              {p.severity === 'warning' && <span className="pi-muted"> ({t('survey.b.warning')})</span>}
            </li>
          ))}
        </ul>
      }
    />
  );
}
