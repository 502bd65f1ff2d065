import { App, Alert, Descriptions, Form, Input, Modal, Radio, Select, Tag } from 'antd';
import { useEffect } from 'react';
import { LIMITS } from '../../../core/schemas/common';
import { ApiError } from '../../api/client';
import { type InitiativeView, useCriteria, useReviewInitiative, useSaveInitiative } from '../../api/initiatives';
import { usePeriods } from '../../api/periods';
import { DivisionSelect } from '../../components/division-select';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { foldFilter } from '../../components/fold-filter';
import { formatDateTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';

interface Values {
  year: number;
  title: string;
  summary: string;
  authors: string;
  divisionId: number | null;
  nodeCodes: string[];
}

const isField = fieldsOf('year', 'title', 'summary', 'authors', 'divisionId', 'nodeCodes');

/** Registers an initiative of the user's agency, or edits a submitted one. */
export function InitiativeModal({
  open,
  agencyId,
  defaultYear,
  defaultDivisionId,
  initiative,
  onClose,
}: {
  open: boolean;
  agencyId: number | null;
  defaultYear: number;
  defaultDivisionId: number | null;
  initiative: InitiativeView | null;
  onClose: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveInitiative();
  const periods = usePeriods();
  const { problem, report, clear } = useFormProblem(form, (p) => isField(p) || p.startsWith('nodeCodes.'));
  const year = Form.useWatch('year', form) ?? initiative?.year ?? defaultYear;
  const owner = initiative?.agency.id ?? agencyId;
  const criteria = useCriteria(owner, year);

  useEffect(() => {
    if (!open) return;
    clear();
    form.resetFields();
    form.setFieldsValue(
      initiative
        ? { year: initiative.year, title: initiative.title, summary: initiative.summary, authors: initiative.authors, divisionId: initiative.division?.id ?? null, nodeCodes: initiative.nodes.map((n) => n.code) }
        : { year: defaultYear, title: '', summary: '', authors: '', divisionId: defaultDivisionId, nodeCodes: [] },
    );
  }, [open, initiative, defaultYear, defaultDivisionId, form, clear]);

  const submit = (v: Values) => {
    clear();
    const body = { title: v.title.trim(), summary: (v.summary ?? '').trim(), authors: v.authors.trim(), divisionId: v.divisionId ?? null, nodeCodes: v.nodeCodes ?? [] };
    const onError = (err: Error) => {
      if (err instanceof ApiError && err.code === 'conflict') {
        void message.warning(`${err.message} ${t('form.conflictClosed')}`);
        onClose();
        return;
      }
      report(err);
    };
    if (initiative) {
      save.mutate({ id: initiative.id, version: initiative.version, body }, { onSuccess: () => {
          void message.success(t('ini.updated'));
          onClose();
        }, onError });
    } else if (owner !== null) {
      save.mutate({ id: null, body: { ...body, agencyId: owner, year: v.year } }, { onSuccess: () => {
          void message.success(t('ini.created'));
          onClose();
        }, onError });
    }
  };

  const years = [...new Set((periods.data?.items ?? []).map((p) => p.year))].sort((a, b) => b - a);
  const options = (criteria.data?.items ?? []).map((n) => ({ value: n.code, label: `${'\u00a0'.repeat(n.depth * 3)}${n.code} ${pickName(lang, n)}` }));

  return (
    <Modal
      open={open}
      width={720}
      title={initiative ? t('ini.editTitle') : t('ini.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={initiative ? t('action.save') : t('ini.submit')}
      cancelText={t('action.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <FormAlert problem={problem} onClose={clear} />
      <Form<Values> form={form} layout="vertical" name="initiative" onFinish={submit} requiredMark="optional" scrollToFirstError>
        <Form.Item label={t('ini.year')} name="year" rules={[{ required: true, message: t('form.required') }]} extra={t('ini.yearHint')}>
          <Select options={years.map((y) => ({ value: y, label: String(y) }))} disabled={initiative !== null} style={{ width: 120 }} onChange={() => form.setFieldValue('nodeCodes', [])} />
        </Form.Item>
        <Form.Item label={t('ini.titleField')} name="title" rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
          <Input maxLength={LIMITS.name} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('ini.summary')} name="summary">
          <Input.TextArea maxLength={LIMITS.longText} autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item label={t('ini.authors')} name="authors" rules={[{ required: true, whitespace: true, message: t('form.required') }]} extra={t('ini.authorsHint')}>
          <Input maxLength={1000} autoComplete="off" />
        </Form.Item>
        <Form.Item label={t('ini.division')} name="divisionId">
          <DivisionSelect agencyId={owner} />
        </Form.Item>
        <Form.Item label={t('ini.criteria')} name="nodeCodes" extra={criteria.error ? criteria.error.message : t('ini.criteriaHint')}>
          <Select mode="multiple" options={options} loading={criteria.isFetching} showSearch={{ filterOption: foldFilter }} placeholder={t('ini.criteriaPlaceholder')} maxTagCount="responsive" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ReviewValues {
  decision: 'approve' | 'reject';
  note: string;
}

/** The agency head approves an initiative, or rejects it with the reason. */
export function ReviewModal({ initiative, onClose }: { initiative: InitiativeView | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReviewValues>();
  const review = useReviewInitiative();
  const { problem, report, clear } = useFormProblem(form, fieldsOf('note', 'decision'));
  const decision = Form.useWatch('decision', form);
  useEffect(() => {
    if (!initiative) return;
    clear();
    form.setFieldsValue({ decision: 'approve', note: '' });
  }, [initiative, form, clear]);
  if (!initiative) return null;
  const submit = (v: ReviewValues) =>
    review.mutate(
      { id: initiative.id, version: initiative.version, decision: v.decision, note: (v.note ?? '').trim() },
      { onSuccess: () => {
          void message.success(t(v.decision === 'approve' ? 'ini.approved' : 'ini.rejected'));
          onClose();
        }, onError: (err) => report(err) },
    );
  return (
    <Modal
      open
      width={680}
      title={t('ini.reviewTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('ini.reviewConfirm')}
      cancelText={t('action.cancel')}
      confirmLoading={review.isPending}
      destroyOnHidden
    >
      <FormAlert problem={problem} onClose={clear} />
      <Descriptions size="small" column={1} bordered className="council-banner">
        <Descriptions.Item label={t('ini.titleField')}>{initiative.title}</Descriptions.Item>
        <Descriptions.Item label={t('ini.authors')}>{initiative.authors}</Descriptions.Item>
        {initiative.division && <Descriptions.Item label={t('ini.division')}>{pickName(lang, initiative.division)}</Descriptions.Item>}
        {initiative.summary && <Descriptions.Item label={t('ini.summary')}>{initiative.summary}</Descriptions.Item>}
        <Descriptions.Item label={t('ini.criteria')}>
          {initiative.nodes.length ? initiative.nodes.map((n) => <Tag key={n.code} title={pickName(lang, n)}>{n.code}</Tag>) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('ini.registered')}>{`${initiative.createdBy ?? '—'} · ${formatDateTime(initiative.createdAt, lang)}`}</Descriptions.Item>
      </Descriptions>
      <Form<ReviewValues> form={form} layout="vertical" name="initiative-review" onFinish={submit}>
        <Form.Item name="decision" label={t('ini.decision')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'approve', label: t('ini.approve') },
              { value: 'reject', label: t('ini.reject') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={decision === 'reject' ? t('ini.rejectNote') : t('ini.note')}
          rules={decision === 'reject' ? [{ required: true, whitespace: true, message: t('ini.rejectNoteRequired') }] : []}
        >
          <Input.TextArea maxLength={LIMITS.longText} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
      {decision === 'approve' && <Alert type="info" showIcon title={t('ini.approveHint')} />}
    </Modal>
  );
}
