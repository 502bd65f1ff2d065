import { CheckCircleOutlined, DeleteOutlined, DownloadOutlined, EyeOutlined, FileAddOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Popconfirm, Select, Skeleton, Slider, Timeline, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { TASK_STATUS_LABELS, TASK_STATUSES, type TaskStatus } from '../../../core/domain/tasks';
import { evidenceFileUrl } from '../../api/evidence';
import { useDivisions } from '../../api/org';
import { type TaskDetail, type TaskEventView, type TaskPatch, useAddNote, useLinkOutputs, useTask, useUnlinkOutput, useUpdateTask, useUseAsEvidence } from '../../api/tasks';
import { EvidenceAttachModal } from '../../components/evidence-attach-modal';
import { EvidenceIcon, useEvidenceFacts } from '../../components/evidence-list';
import { EvidencePreviewDrawer } from '../../components/evidence-preview-drawer';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { GuardedButton } from '../../components/guarded-button';
import { StatusTag } from '../../components/status-tag';
import { datePattern, formatDate, formatDateTime, formatNumber } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import type { MessageKey } from '../../i18n/translate';
import { DeadlineTag, TaskKindTag, TaskStatusTag } from './task-tags';

/**
 * The task page (a drawer over the plan): its leaf and the points lost there, assignment and progress, output
 * documents with "use as evidence next year", progress notes and the full history.
 */
export function TaskDrawer({ id, onClose, onLoaded }: { id: number | null; onClose: () => void; onLoaded?: (task: TaskDetail) => void }) {
  const t = useT();
  const task = useTask(id);
  const loadedId = task.data?.id;
  useEffect(() => {
    if (task.data) onLoaded?.(task.data);
    // Once per loaded task.
  }, [loadedId]);
  return (
    <Drawer open={id !== null} onClose={onClose} size={780} destroyOnHidden title={task.data?.title ?? t('task.title')} className="pi-task-drawer">
      {task.isPending ? (
        <Skeleton active />
      ) : task.error ? (
        <Alert type="error" showIcon title={task.error.message} action={<Button onClick={() => void task.refetch()}>{t('action.retry')}</Button>} />
      ) : (
        <TaskBody task={task.data} reload={() => void task.refetch()} />
      )}
    </Drawer>
  );
}

function TaskBody({ task, reload }: { task: TaskDetail; reload: () => void }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <div className="pi-task-body" data-testid="task-drawer">
      <div className="pi-task-head">
        <TaskKindTag kind={task.kind} />
        <TaskStatusTag status={task.status} />
        <DeadlineTag task={task} />
        <Typography.Text type="secondary">{pickName(lang, { nameVi: task.agencyNameVi, nameEn: task.agencyNameEn })}</Typography.Text>
      </div>
      {task.leaf && (
        <section className="pi-task-section pi-task-leaf" aria-label={t('task.leafSection')}>
          <Typography.Title level={3} className="pi-section-title">
            {t('task.leafHeading', { code: task.leaf.code })}
          </Typography.Title>
          <div>{pickName(lang, task.leaf)}</div>
          <Typography.Text type="secondary">{t('task.fieldShort', { code: task.leaf.fieldCode, name: pickName(lang, { nameVi: task.leaf.fieldNameVi, nameEn: task.leaf.fieldNameEn }) })}</Typography.Text>
          {task.leaf.max !== null && task.sourceYear !== null && (
            <div className="pi-task-leaf-points">
              {t('task.leafPoints', {
                year: task.sourceYear,
                points: formatNumber(Number(task.leaf.points), lang, 2),
                max: formatNumber(Number(task.leaf.max), lang, 2),
                lost: formatNumber(Number(task.leaf.lost), lang, 2),
              })}
            </div>
          )}
        </section>
      )}
      {task.description && !task.abilities.manage && <Typography.Paragraph className="pi-task-description">{task.description}</Typography.Paragraph>}
      <TaskEditor task={task} reload={reload} />
      <OutputsSection task={task} />
      <NotesSection task={task} />
      <HistorySection task={task} />
    </div>
  );
}

interface EditValues {
  title: string;
  description: string;
  planRef: string;
  leadDivisionId: number | null;
  supportDivisionIds: number[];
  dueOn: Dayjs | null;
  status: TaskStatus;
  progress: number;
  note: string;
}

const isEditField = fieldsOf('title', 'description', 'planRef', 'leadDivisionId', 'supportDivisionIds', 'dueOn', 'status', 'progress', 'note');

/** Assignment and progress: managers edit everything, a division head status, progress and a note; others read. */
function TaskEditor({ task, reload }: { task: TaskDetail; reload: () => void }) {
  return task.abilities.update ? <TaskEditForm task={task} reload={reload} /> : <TaskFacts task={task} />;
}

function TaskFacts({ task }: { task: TaskDetail }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <section className="pi-task-section" aria-label={t('task.assignment')}>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'lead', label: t('task.lead'), children: task.leadDivision ? pickName(lang, task.leadDivision) : t('task.unassigned') },
          { key: 'supports', label: t('task.supports'), children: task.supportDivisions.map((d) => pickName(lang, d)).join(', ') || '—' },
          { key: 'due', label: t('task.due'), children: <DeadlineTag task={task} /> },
          { key: 'status', label: t('common.status'), children: <TaskStatusTag status={task.status} /> },
          { key: 'progress', label: t('task.col.progress'), children: `${task.progress}%` },
          ...(task.completedAt ? [{ key: 'done', label: t('task.completedAt'), children: formatDateTime(task.completedAt, lang) }] : []),
        ]}
      />
    </section>
  );
}

function TaskEditForm({ task, reload }: { task: TaskDetail; reload: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const { problem, report, clear } = useFormProblem(form, isEditField);
  const update = useUpdateTask();
  const divisions = useDivisions(task.agencyId);
  const manager = task.abilities.manage === true;
  const lead = Form.useWatch('leadDivisionId', form);
  const known = [...(task.leadDivision ? [task.leadDivision] : []), ...task.supportDivisions];
  const options = [
    ...(divisions.data?.items ?? []).filter((d) => d.isActive || known.some((k) => k.id === d.id)).map((d) => ({ value: d.id, label: `${d.code} — ${pickName(lang, d)}` })),
    ...known.filter((k) => !(divisions.data?.items ?? []).some((d) => d.id === k.id)).map((k) => ({ value: k.id, label: `${k.code} — ${pickName(lang, k)}` })),
  ];
  const initial: EditValues = {
    title: task.title,
    description: task.description,
    planRef: task.planRef,
    leadDivisionId: task.leadDivision?.id ?? null,
    supportDivisionIds: task.supportDivisions.map((d) => d.id),
    dueOn: task.dueOn ? dayjs(task.dueOn) : null,
    status: task.status,
    progress: task.progress,
    note: '',
  };
  useEffect(() => {
    form.setFieldsValue(initial);
    clear();
    // Reset when the server's version changes (ours or someone else's save).
  }, [task.id, task.version]);

  const save = async () => {
    clear();
    const v = await form.validateFields();
    const body: TaskPatch = { version: task.version };
    if (manager) {
      if (v.title !== task.title) body.title = v.title;
      if ((v.description ?? '') !== task.description) body.description = v.description ?? '';
      if ((v.planRef ?? '') !== task.planRef) body.planRef = v.planRef ?? '';
      if ((v.leadDivisionId ?? null) !== (task.leadDivision?.id ?? null)) body.leadDivisionId = v.leadDivisionId ?? null;
      const supports = (v.supportDivisionIds ?? []).filter((x) => x !== v.leadDivisionId);
      if (supports.join(',') !== task.supportDivisions.map((d) => d.id).join(',')) body.supportDivisionIds = supports;
      const due = v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null;
      if (due !== task.dueOn) body.dueOn = due;
    }
    if (v.status !== task.status) body.status = v.status;
    if (v.progress !== task.progress) body.progress = v.progress;
    if (v.note?.trim()) body.note = v.note.trim();
    if (Object.keys(body).length === 1) {
      void message.info(t('task.noChanges'));
      return;
    }
    try {
      await update.mutateAsync({ id: task.id, body });
      void message.success(t('task.saved'));
    } catch (err) {
      report(err);
    }
  };

  const statuses = TASK_STATUSES.filter((s) => manager || s !== 'cancelled' || task.status === 'cancelled');
  const cancelled = task.status === 'cancelled';
  return (
    <section className="pi-task-section" aria-label={t('task.assignment')}>
      <Typography.Title level={3} className="pi-section-title">
        {t('task.assignment')}
      </Typography.Title>
      <FormAlert problem={problem} onClose={clear} />
      {problem?.code === 'conflict' && (
        <Button size="small" onClick={reload} className="pi-task-reload">
          {t('task.reload')}
        </Button>
      )}
      {!manager && <Typography.Paragraph type="secondary">{t('task.divisionHeadHint')}</Typography.Paragraph>}
      <Form<EditValues> form={form} name="task-edit" layout="vertical" initialValues={initial} className="pi-task-form">
        {manager && (
          <>
            <Form.Item name="title" label={t('task.titleField')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
              <Input maxLength={300} disabled={cancelled} />
            </Form.Item>
            <Form.Item name="description" label={t('task.description')}>
              <Input.TextArea rows={2} maxLength={5000} disabled={cancelled} />
            </Form.Item>
            <div className="pi-form-row">
              <Form.Item name="leadDivisionId" label={t('task.lead')}>
                <Select<number | null> allowClear options={options} placeholder={t('task.chooseDivision')} disabled={cancelled} loading={divisions.isFetching} />
              </Form.Item>
              <Form.Item name="dueOn" label={t('task.due')}>
                <DatePicker format={datePattern(lang)} style={{ width: '100%' }} disabled={cancelled} />
              </Form.Item>
            </div>
            <Form.Item name="supportDivisionIds" label={t('task.supports')}>
              <Select<number[]> mode="multiple" options={options.filter((o) => o.value !== lead)} placeholder={t('task.chooseDivisions')} disabled={cancelled} />
            </Form.Item>
            {task.kind !== 'remediation' && (
              <Form.Item name="planRef" label={t('task.planRef')}>
                <Input maxLength={32} disabled={cancelled} />
              </Form.Item>
            )}
          </>
        )}
        <div className="pi-form-row">
          <Form.Item name="status" label={t('common.status')}>
            <Select<TaskStatus> options={statuses.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s][lang] }))} />
          </Form.Item>
          <Form.Item label={t('task.col.progress')} className="pi-task-progress-item">
            <div className="pi-task-progress">
              <Form.Item name="progress" noStyle>
                <Slider min={0} max={100} step={5} disabled={cancelled} tooltip={{ formatter: (v) => `${v}%` }} />
              </Form.Item>
              <Form.Item name="progress" noStyle>
                <InputNumber min={0} max={100} suffix="%" aria-label={t('task.col.progress')} disabled={cancelled} style={{ width: 96 }} />
              </Form.Item>
            </div>
          </Form.Item>
        </div>
        <Form.Item name="note" label={t('task.noteWithChange')}>
          <Input.TextArea rows={2} maxLength={5000} placeholder={t('task.notePlaceholder')} />
        </Form.Item>
        <Button type="primary" onClick={() => void save()} loading={update.isPending}>
          {t('task.save')}
        </Button>
      </Form>
    </section>
  );
}

/** Output documents: add (the agency's library), preview, download, unlink, and use as evidence next year. */
function OutputsSection({ task }: { task: TaskDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const facts = useEvidenceFacts();
  const [attaching, setAttaching] = useState(false);
  const [preview, setPreview] = useState<number | null>(null);
  const link = useLinkOutputs();
  const unlink = useUnlinkOutput();
  const use = useUseAsEvidence();
  const target = task.evidenceTarget;
  const ids = task.outputs.map((o) => o.id);

  const useNextYear = async (evidenceId: number) => {
    try {
      const res = await use.mutateAsync({ id: task.id, evidenceIds: [evidenceId] });
      void message.success(t('task.usedAsEvidence', { year: res.year, code: res.nodeCode }));
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err), 8);
    }
  };

  return (
    <section className="pi-task-section" aria-label={t('task.outputs')}>
      <div className="pi-task-section-head">
        <Typography.Title level={3} className="pi-section-title">
          {t('task.outputs')}
        </Typography.Title>
        <GuardedButton allowed={task.abilities.addOutput} deniedReason={task.status === 'cancelled' ? t('task.cancelledNoOutputs') : t('task.addOutputDenied')} icon={<FileAddOutlined />} onClick={() => setAttaching(true)}>
          {t('task.addOutput')}
        </GuardedButton>
      </div>
      {target &&
        (target.canAttach || (!task.abilities.manage && target.assessmentId !== null) ? (
          // Who may not attach (division heads, the secretariat) still learns where the documents can go.
          <Alert type="info" showIcon className="pi-task-target" title={t('task.targetInfo', { code: target.nodeCode, year: target.year })} />
        ) : (
          <Alert type={task.abilities.manage ? 'warning' : 'info'} showIcon className="pi-task-target" title={t('task.targetClosed', { year: target.year })} description={target.reason} />
        ))}
      {task.outputs.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('task.noOutputs')} />
      ) : (
        <ul className="pi-evidence-list pi-task-outputs" aria-label={t('task.outputs')}>
          {task.outputs.map((o) => (
            <li key={o.id} className="pi-evidence-item" data-evidence-id={o.id}>
              <EvidenceIcon mime={o.mime} />
              <div className="pi-evidence-text">
                <button type="button" className="pi-link-button pi-evidence-title" onClick={() => setPreview(o.id)}>
                  {o.title}
                </button>
                <span className="pi-evidence-facts">{facts(o)}</span>
              </div>
              <div className="pi-evidence-actions">
                {target &&
                  (o.attachedToTarget ? (
                    <StatusTag tone="ok" icon={<CheckCircleOutlined aria-hidden />}>
                      {t('task.attachedTo', { year: target.year })}
                    </StatusTag>
                  ) : (
                    <GuardedButton
                      size="small"
                      allowed={task.abilities.useAsEvidence && target.canAttach}
                      deniedReason={target.reason ?? t('task.useDenied')}
                      icon={<SendOutlined />}
                      loading={use.isPending && use.variables?.evidenceIds[0] === o.id}
                      onClick={() => void useNextYear(o.id)}
                    >
                      {task.kind === 'remediation' ? t('task.useNextYear', { year: target.year }) : t('task.useForYear', { year: target.year })}
                    </GuardedButton>
                  ))}
                <Tooltip title={t('evidence.preview')}>
                  <Button type="text" size="small" icon={<EyeOutlined />} aria-label={`${t('evidence.preview')}: ${o.title}`} onClick={() => setPreview(o.id)} />
                </Tooltip>
                <Tooltip title={t('evidence.download')}>
                  <Button type="text" size="small" icon={<DownloadOutlined />} aria-label={`${t('evidence.download')}: ${o.title}`} href={evidenceFileUrl(o.id, true)} />
                </Tooltip>
                {task.abilities.removeOutput && (
                  <Popconfirm title={t('task.unlinkConfirm')} description={t('task.unlinkHint')} okText={t('action.confirm')} cancelText={t('action.cancel')} onConfirm={() => unlink.mutateAsync({ id: task.id, evidenceId: o.id }).catch((err: unknown) => void message.error(err instanceof Error ? err.message : String(err)))}>
                    <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('task.unlink')}: ${o.title}`} />
                  </Popconfirm>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <EvidenceAttachModal
        open={attaching}
        agencyId={task.agencyId}
        attachedIds={ids}
        busy={link.isPending}
        onClose={() => setAttaching(false)}
        onAttach={async (all) => {
          const fresh = all.filter((x) => !ids.includes(x));
          if (fresh.length) await link.mutateAsync({ id: task.id, evidenceIds: fresh });
          setAttaching(false);
          void message.success(t('task.outputAdded'));
        }}
      />
      <EvidencePreviewDrawer items={task.outputs} activeId={preview} onClose={() => setPreview(null)} />
    </section>
  );
}

/** Progress notes (ghi chú tiến độ). */
function NotesSection({ task }: { task: TaskDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const add = useAddNote();
  if (!task.abilities.note) return null;
  const submit = async () => {
    if (!note.trim()) return;
    try {
      await add.mutateAsync({ id: task.id, note: note.trim() });
      setNote('');
      void message.success(t('task.noteAdded'));
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <section className="pi-task-section" aria-label={t('task.notes')}>
      <Typography.Title level={3} className="pi-section-title">
        {t('task.notes')}
      </Typography.Title>
      <Input.TextArea rows={2} maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} aria-label={t('task.newNote')} placeholder={t('task.notePlaceholder')} />
      <Button className="pi-task-note-button" onClick={() => void submit()} disabled={!note.trim()} loading={add.isPending}>
        {t('task.addNote')}
      </Button>
    </section>
  );
}

const EVENT_LABELS: Record<string, MessageKey> = {
  created: 'task.ev.created',
  status: 'task.ev.status',
  assigned: 'task.ev.assigned',
  progress: 'task.ev.progress',
  updated: 'task.ev.updated',
  note: 'task.ev.note',
  output_added: 'task.ev.outputAdded',
  output_removed: 'task.ev.outputRemoved',
  evidence_next_year: 'task.ev.evidenceNextYear',
};

const FIELD_LABELS: Record<string, MessageKey> = {
  title: 'task.titleField',
  description: 'task.description',
  planRef: 'task.planRef',
  leadDivisionId: 'task.lead',
  supportDivisionIds: 'task.supports',
  dueOn: 'task.due',
  status: 'common.status',
  progress: 'task.col.progress',
};

/** The task's history: who did what when, with old → new values. */
function HistorySection({ task }: { task: TaskDetail }) {
  const t = useT();
  const { lang } = useLang();
  const divisions = useDivisions(task.agencyId);
  const divisionName = (id: unknown) => {
    const d = divisions.data?.items.find((x) => x.id === id);
    return d ? pickName(lang, d) : `#${String(id)}`;
  };
  const show = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (key === 'leadDivisionId') return divisionName(value);
    if (key === 'supportDivisionIds') return Array.isArray(value) && value.length ? value.map(divisionName).join(', ') : '—';
    if (key === 'dueOn') return formatDate(String(value), lang);
    if (key === 'status') return TASK_STATUS_LABELS[value as TaskStatus]?.[lang] ?? String(value);
    if (key === 'progress') return `${String(value)}%`;
    return String(value);
  };
  const detail = (e: TaskEventView) => {
    const changes = (e.data.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
    const rows = Object.entries(changes).map(([k, c]) => (
      <div key={k} className="pi-history-change">
        <span className="pi-history-field">{FIELD_LABELS[k] ? t(FIELD_LABELS[k]!) : k}</span>
        <span className="pi-history-old">{show(k, c.from)}</span>
        <span aria-hidden> → </span>
        <span className="pi-visually-hidden">{t('history.becomes')}</span>
        <span className="pi-history-new">{show(k, c.to)}</span>
      </div>
    ));
    const extra =
      e.kind === 'output_added' && typeof e.data.title === 'string' ? (
        <div className="pi-history-change">{e.data.title}</div>
      ) : e.kind === 'evidence_next_year' ? (
        <div className="pi-history-change">{t('task.ev.evidenceDetail', { year: String(e.data.year ?? ''), code: String(e.data.nodeCode ?? '') })}</div>
      ) : null;
    return (
      <>
        {rows}
        {extra}
        {e.note && <div className="pi-task-note">{e.note}</div>}
      </>
    );
  };
  return (
    <section className="pi-task-section" aria-label={t('task.history')}>
      <Typography.Title level={3} className="pi-section-title">
        {t('task.history')}
      </Typography.Title>
      <Timeline
        items={task.events.map((e) => ({
          key: e.id,
          title: formatDateTime(e.at, lang),
          color: e.kind === 'evidence_next_year' || (e.kind === 'status' && (e.data.changes as Record<string, { to: unknown }> | undefined)?.status?.to === 'done') ? 'green' : e.kind === 'note' ? 'gray' : 'blue',
          content: (
            <div className="pi-history-entry">
              <Typography.Text strong>{EVENT_LABELS[e.kind] ? t(EVENT_LABELS[e.kind]!) : e.kind}</Typography.Text>
              <Typography.Text type="secondary"> · {e.userName ?? t('history.system')}</Typography.Text>
              {detail(e)}
            </div>
          ),
        }))}
      />
    </section>
  );
}
