import { DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { type PeriodInput, type PeriodView, useCreatePeriod, usePublishedFrameworks, useUpdatePeriod } from '../../api/periods';
import { useAgencyGroups } from '../../api/org';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { dateTimePattern } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';

const DEADLINES = ['selfAssessmentDueAt', 'appraisal1DueAt', 'explanationDueAt', 'appraisal2DueAt'] as const;
type DeadlineKey = (typeof DEADLINES)[number];

interface Values {
  year: number;
  nameVi: string;
  nameEn?: string;
  selfAssessmentDueAt?: Dayjs | null;
  appraisal1DueAt?: Dayjs | null;
  explanationDueAt?: Dayjs | null;
  appraisal2DueAt?: Dayjs | null;
  frameworks: Record<string, number | undefined>;
}

const isField = (path: string) => ['year', 'nameVi', 'nameEn', ...DEADLINES].includes(path);

/** Creates a period, or edits its names, deadlines and (during set-up) the framework of each agency group. */
export function PeriodFormModal({ open, period, onClose, onSaved }: { open: boolean; period: PeriodView | null; onClose: () => void; onSaved: (p: PeriodView) => void }) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<Values>();
  const { problem, report, clear } = useFormProblem(form, isField);
  const create = useCreatePeriod();
  const update = useUpdatePeriod();
  const groups = useAgencyGroups();
  const year = Form.useWatch('year', form) ?? period?.year;
  const frameworks = usePublishedFrameworks(open ? year : undefined);
  const canChangeFrameworks = !period || period.phase === 'setup';

  useEffect(() => {
    if (!open) return;
    clear();
    const next = new Date().getFullYear();
    form.setFieldsValue(
      period
        ? {
            year: period.year,
            nameVi: period.nameVi,
            nameEn: period.nameEn,
            ...Object.fromEntries(DEADLINES.map((k) => [k, period[k] ? dayjs(period[k]) : null])),
            frameworks: Object.fromEntries(period.frameworks.map((f) => [String(f.groupId), f.frameworkId])),
          }
        : { year: next, nameVi: t('periods.defaultName', { year: next }), nameEn: `PAR Index evaluation ${next}`, frameworks: {} },
    );
  }, [open, period, form, clear, t]);

  const submit = async () => {
    const v = await form.validateFields();
    clear();
    const deadlines = Object.fromEntries(DEADLINES.map((k) => [k, v[k] ? v[k]!.toISOString() : null])) as Record<DeadlineKey, string | null>;
    const fw = Object.entries(v.frameworks ?? {})
      .filter(([, id]) => id)
      .map(([groupId, frameworkId]) => ({ groupId: Number(groupId), frameworkId: frameworkId! }));
    try {
      const saved = period
        ? await update.mutateAsync({ id: period.id, body: { nameVi: v.nameVi, nameEn: v.nameEn ?? '', ...deadlines, ...(canChangeFrameworks ? { frameworks: fw } : {}), version: period.version } })
        : await create.mutateAsync({ year: v.year, nameVi: v.nameVi, nameEn: v.nameEn ?? '', ...deadlines, frameworks: fw } satisfies PeriodInput);
      onSaved(saved);
    } catch (err) {
      report(err);
    }
  };

  const activeGroups = (groups.data?.items ?? []).filter((g) => g.isActive);
  return (
    <Modal
      open={open}
      title={period ? t('periods.editTitle', { year: period.year }) : t('periods.createTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={period ? t('action.save') : t('periods.create')}
      confirmLoading={create.isPending || update.isPending}
      width={720}
      destroyOnHidden
    >
      <FormAlert problem={problem} onClose={clear} />
      <Form<Values> form={form} layout="vertical" requiredMark="optional">
        <div className="pi-form-row">
          <Form.Item name="year" label={t('periods.year')} rules={[{ required: true, message: t('form.required') }]}>
            <InputNumber min={2000} max={2100} disabled={!!period} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="nameVi" label={t('periods.nameVi')} rules={[{ required: true, whitespace: true, message: t('form.required') }]}>
            <Input maxLength={300} />
          </Form.Item>
        </div>
        <Form.Item name="nameEn" label={t('periods.nameEn')}>
          <Input maxLength={300} />
        </Form.Item>
        <Typography.Title level={3} className="pi-sa-section-title">
          {t('periods.deadlines')}
        </Typography.Title>
        <div className="pi-form-row">
          {DEADLINES.map((k) => (
            <Form.Item key={k} name={k} label={t(`periods.due.${k}`)}>
              <DatePicker showTime={{ format: 'HH:mm' }} format={dateTimePattern(lang)} style={{ width: '100%' }} />
            </Form.Item>
          ))}
        </div>
        <Typography.Title level={3} className="pi-sa-section-title">
          {t('periods.frameworks')}
        </Typography.Title>
        {!canChangeFrameworks && <Typography.Paragraph type="secondary">{t('periods.frameworksLocked')}</Typography.Paragraph>}
        {activeGroups.map((g) => {
          const options = (frameworks.data?.items ?? []).filter((f) => f.groupId === g.id).map((f) => ({ value: f.id, label: `${f.nameVi} (${t('periods.revision', { revision: f.revision })})` }));
          return (
            <Form.Item key={g.id} name={['frameworks', String(g.id)]} label={pickName(lang, g)} extra={options.length === 0 ? t('periods.noFramework', { year: year ?? '' }) : undefined}>
              <Select allowClear disabled={!canChangeFrameworks} options={options} placeholder={t('periods.chooseFramework')} loading={frameworks.isFetching} />
            </Form.Item>
          );
        })}
      </Form>
    </Modal>
  );
}
