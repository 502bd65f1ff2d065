import { CheckCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Alert, Button, DatePicker, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { formatCouncilScore, parseCouncilScore, rankDivisions } from '../../../core/domain/council';
import { ApiError } from '../../api/client';
import { type CouncilDivisionRow, type CouncilLeaf, type CouncilSheet, useRecordCouncil, useSaveScores } from '../../api/council';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { GuardedButton } from '../../components/guarded-button';
import { datePattern, formatCount } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { normaliseScoreInput, showDecimal } from './council-format';

interface Draft {
  score: string;
  comment: string;
}

const draftOf = (r: CouncilDivisionRow): Draft => ({ score: r.score ?? '', comment: r.comment });

/** The leaves a division answers for, with the points lost on each in the published result. */
export function LeavesTable({ leaves }: { leaves: CouncilLeaf[] }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Table<CouncilLeaf>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={leaves}
      className="council-leaves"
      locale={{ emptyText: t('council.sheet.noLeaves') }}
      columns={[
        { key: 'code', title: t('council.col.leafCode'), dataIndex: 'code', width: 90 },
        { key: 'name', title: t('council.col.leaf'), render: (_: unknown, l) => pickName(lang, l) },
        { key: 'max', title: t('council.col.max'), align: 'right', width: 90, render: (_: unknown, l) => showDecimal(l.max, lang) },
        { key: 'points', title: t('council.col.points'), align: 'right', width: 90, render: (_: unknown, l) => showDecimal(l.points, lang) },
        {
          key: 'lost',
          title: t('council.col.lost'),
          align: 'right',
          width: 100,
          render: (_: unknown, l) => <span className={l.lost !== null && l.lost !== '0' ? 'council-lost' : undefined}>{showDecimal(l.lost, lang)}</span>,
        },
      ]}
    />
  );
}

/**
 * The council sheet: per division its leaves (expand), points lost, tasks of the year, the council's score
 * (0–100, two decimals) and comment, and the rank computed as scores are typed. Saving creates the draft; recording
 * asks for the decision number and date and freezes the result.
 */
export function CouncilSheetTab({ sheet }: { sheet: CouncilSheet }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const save = useSaveScores(sheet.agency.id);
  const editable = sheet.abilities.score === true;
  const [drafts, setDrafts] = useState<Map<number, Draft>>(() => new Map(sheet.divisions.map((r) => [r.division.id, draftOf(r)])));
  const [recordOpen, setRecordOpen] = useState(false);
  const stamp = `${sheet.agency.id}:${sheet.period.id}:${sheet.evaluation?.version ?? 0}`;
  useEffect(() => {
    setDrafts(new Map(sheet.divisions.map((r) => [r.division.id, draftOf(r)])));
    // Reset when another agency, period or version arrives (not on every refetch of the same one).
  }, [stamp]);

  const rows = sheet.divisions;
  const draft = (id: number) => drafts.get(id) ?? { score: '', comment: '' };
  const invalid = (id: number) => {
    const s = normaliseScoreInput(draft(id).score);
    return s !== '' && parseCouncilScore(s) === null;
  };
  const dirty = rows.some((r) => {
    const d = draft(r.division.id);
    const s = normaliseScoreInput(d.score);
    const scoreNow = s === '' ? null : (parseCouncilScore(s) ?? -1);
    const scoreBefore = r.score === null ? null : parseCouncilScore(r.score);
    return scoreNow !== scoreBefore || d.comment !== r.comment;
  });
  const anyInvalid = rows.some((r) => invalid(r.division.id));
  const liveRanks = useMemo(
    () =>
      rankDivisions(
        rows.map((r) => {
          const s = normaliseScoreInput(drafts.get(r.division.id)?.score ?? '');
          return { divisionId: r.division.id, code: r.division.code, nameVi: r.division.nameVi, score: s === '' ? null : parseCouncilScore(s) };
        }),
      ),
    [rows, drafts],
  );
  const missing = rows.filter((r) => r.division.isActive && r.score === null);

  const setDraft = (id: number, patch: Partial<Draft>) =>
    setDrafts((prev) => {
      const next = new Map(prev);
      next.set(id, { ...draft(id), ...patch });
      return next;
    });

  const submit = () => {
    save.mutate(
      {
        periodId: sheet.period.id,
        version: sheet.evaluation?.version ?? null,
        scores: rows
          .filter((r) => r.division.isActive || r.score !== null)
          .map((r) => {
            const s = normaliseScoreInput(draft(r.division.id).score);
            return { divisionId: r.division.id, score: s === '' ? null : formatCouncilScore(parseCouncilScore(s)!), comment: draft(r.division.id).comment.trim() };
          }),
      },
      {
        onSuccess: () => void message.success(t('council.sheet.saved')),
        onError: (err) => void message.error(err instanceof ApiError ? [err.message, ...err.fields.map((f) => f.message)].join(' ') : String(err)),
      },
    );
  };

  return (
    <div className="council-sheet">
      {editable && (
        <Typography.Paragraph className="council-hint" type="secondary">
          {t('council.sheet.hint')}
        </Typography.Paragraph>
      )}
      <Table<CouncilDivisionRow>
        size="middle"
        rowKey={(r) => r.division.id}
        pagination={false}
        dataSource={rows}
        data-testid="council-sheet"
        expandable={{ expandedRowRender: (r) => <LeavesTable leaves={r.leaves} />, rowExpandable: () => true }}
        locale={{ emptyText: t('council.sheet.noDivisions') }}
        summary={() =>
          sheet.unassigned.leafCount > 0 ? (
            <Table.Summary.Row className="council-unassigned-row">
              <Table.Summary.Cell index={0} />
              <Table.Summary.Cell index={1}>{t('council.sheet.unassigned', { count: sheet.unassigned.leafCount })}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} />
              <Table.Summary.Cell index={3} align="right">
                {showDecimal(sheet.unassigned.lostPoints, lang)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} colSpan={5} />
            </Table.Summary.Row>
          ) : null
        }
        columns={[
          {
            key: 'division',
            title: t('council.col.division'),
            width: 250,
            render: (_: unknown, r) => (
              <span>
                <b>{r.division.code}</b> — {pickName(lang, r.division)}
                {!r.division.isActive && <Tag className="council-inactive">{t('status.inactive')}</Tag>}
              </span>
            ),
          },
          { key: 'leaves', title: t('council.col.leaves'), align: 'right', width: 90, render: (_: unknown, r) => formatCount(r.leaves.length, lang) },
          {
            key: 'lost',
            title: t('council.col.lost'),
            align: 'right',
            width: 110,
            render: (_: unknown, r) => (
              <Tooltip title={r.lossShare !== null ? t('council.col.share', { share: showDecimal(r.lossShare, lang) }) : undefined}>
                <span className={r.lostPoints !== null && r.lostPoints !== '0' ? 'council-lost' : undefined}>{showDecimal(r.lostPoints, lang)}</span>
              </Tooltip>
            ),
          },
          {
            key: 'tasks',
            title: t('council.col.tasks'),
            width: 200,
            render: (_: unknown, r) =>
              r.tasks.total === 0 ? (
                <span className="council-muted">{t('council.tasks.none')}</span>
              ) : (
                <span>
                  {t('council.tasks.done', { done: r.tasks.done, total: r.tasks.total, rate: showDecimal(r.tasks.completionRate, lang) })}
                  {r.tasks.late > 0 && <Tag className="council-tag-warn">{t('council.tasks.late', { n: r.tasks.late })}</Tag>}
                  {r.tasks.overdue > 0 && <Tag className="council-tag-danger">{t('council.tasks.overdue', { n: r.tasks.overdue })}</Tag>}
                </span>
              ),
          },
          {
            key: 'score',
            title: t('council.col.score'),
            width: 130,
            render: (_: unknown, r) =>
              editable ? (
                <Input
                  aria-label={t('council.scoreOf', { division: r.division.code })}
                  inputMode="decimal"
                  value={draft(r.division.id).score}
                  status={invalid(r.division.id) ? 'error' : undefined}
                  onChange={(e) => setDraft(r.division.id, { score: e.target.value })}
                  placeholder="0–100"
                  maxLength={6}
                  disabled={!r.division.isActive && r.score === null}
                />
              ) : (
                <b>{showDecimal(r.score, lang)}</b>
              ),
          },
          {
            key: 'comment',
            title: t('council.col.comment'),
            render: (_: unknown, r) =>
              editable ? (
                <Input.TextArea
                  aria-label={t('council.commentOf', { division: r.division.code })}
                  autoSize={{ minRows: 1, maxRows: 4 }}
                  value={draft(r.division.id).comment}
                  maxLength={2000}
                  onChange={(e) => setDraft(r.division.id, { comment: e.target.value })}
                />
              ) : (
                r.comment || <span className="council-muted">—</span>
              ),
          },
          {
            key: 'rank',
            title: t('council.col.rank'),
            align: 'center',
            width: 90,
            render: (_: unknown, r) => {
              const live = editable ? liveRanks.get(r.division.id) : r.rank !== null ? { rank: r.rank, tied: r.tied } : undefined;
              return live ? (
                <span data-testid={`rank-${r.division.code}`}>
                  {live.rank}
                  {live.tied && <span className="council-muted"> {t('council.tied')}</span>}
                </span>
              ) : (
                <span className="council-muted">—</span>
              );
            },
          },
        ]}
      />
      {anyInvalid && <Alert className="council-banner" type="error" showIcon title={t('council.sheet.invalidScore')} />}
      {editable && (
        <Space className="council-actions" wrap>
          <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} disabled={!dirty || anyInvalid} onClick={submit}>
            {t('council.sheet.save')}
          </Button>
          <GuardedButton
            allowed={sheet.abilities.record === true && !dirty && missing.length === 0}
            deniedReason={dirty ? t('council.record.saveFirst') : missing.length ? t('council.record.missing', { codes: missing.map((m) => m.division.code).join(', ') }) : t('council.record.noDraft')}
            icon={<CheckCircleOutlined />}
            onClick={() => setRecordOpen(true)}
          >
            {t('council.record.open')}
          </GuardedButton>
          {dirty && <span className="council-muted">{t('council.sheet.unsaved')}</span>}
        </Space>
      )}
      <RecordModal open={recordOpen} sheet={sheet} onClose={() => setRecordOpen(false)} />
    </div>
  );
}

interface RecordValues {
  decisionNumber: string;
  decidedOn: Dayjs;
}

const isRecordField = fieldsOf('decisionNumber', 'decidedOn');

/** Records the council's result with its decision (or minutes) number and date; afterwards nothing can change. */
function RecordModal({ open, sheet, onClose }: { open: boolean; sheet: CouncilSheet; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordValues>();
  const record = useRecordCouncil(sheet.agency.id);
  const { problem, report, clear } = useFormProblem(form, isRecordField);
  useEffect(() => {
    if (!open) return;
    clear();
    form.setFieldsValue({ decisionNumber: '', decidedOn: dayjs() });
  }, [open, form, clear]);
  const submit = (v: RecordValues) => {
    if (!sheet.evaluation) return;
    record.mutate(
      { periodId: sheet.period.id, version: sheet.evaluation.version, decisionNumber: v.decisionNumber.trim(), decidedOn: v.decidedOn.format('YYYY-MM-DD') },
      {
        onSuccess: () => {
          void message.success(t('council.record.done'));
          onClose();
        },
        onError: (err) => report(err),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('council.record.title', { year: sheet.period.year })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('council.record.confirm')}
      cancelText={t('action.cancel')}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      <FormAlert problem={problem} onClose={clear} />
      <Alert className="council-banner" type="warning" showIcon title={t('council.record.warning')} />
      <Form<RecordValues> form={form} layout="vertical" name="council-record" onFinish={submit} requiredMark="optional">
        <Form.Item label={t('council.record.number')} name="decisionNumber" rules={[{ required: true, whitespace: true, message: t('form.required') }]} extra={t('council.record.numberHint')}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('council.record.date')} name="decidedOn" rules={[{ required: true, message: t('form.required') }]}>
          <DatePicker format={datePattern(lang)} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
