import { PlusOutlined, PrinterOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Progress, Row, Select, Table, Typography } from 'antd';
import { useOutletContext } from 'react-router';
import { type BatchView, batchSheetUrl, publicSurveyUrl, useBatches, useCreateBatch } from '../../api/surveys';
import { EmptyState } from '../../components/empty-state';
import { fieldsOf } from '../../components/form-errors';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { formatCount, formatDateTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import type { SurveyPageOutlet } from './survey-page';

interface BatchForm {
  respondentGroup: string;
  size: number;
  label: string;
}

const isField = fieldsOf('respondentGroup', 'size', 'label');

/**
 * One-time codes: issue a batch for a respondent group (size, label), see how many of each batch were used, and open
 * the printable A4 sheet with one QR code per code (the link carries the code).
 */
export default function SurveyCodes() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { survey } = useOutletContext<SurveyPageOutlet>();
  const batches = useBatches(survey.id);
  const create = useCreateBatch(survey.id);
  const [form] = Form.useForm<BatchForm>();
  const { problem, report, clear } = useFormProblem(form, isField);
  const canManage = survey.abilities.manage === true;
  const groupName = (code: string) => {
    const g = survey.content.respondentGroups.find((x) => x.code === code);
    return g ? pickName(lang, g) : code;
  };
  const totals = (batches.data ?? []).reduce((acc, b) => ({ size: acc.size + b.size, used: acc.used + b.used }), { size: 0, used: 0 });

  const submit = (v: BatchForm) => {
    clear();
    create.mutate(
      { respondentGroup: v.respondentGroup, size: v.size, label: v.label ?? '' },
      {
        onSuccess: (b) => {
          void message.success(t('survey.codes.created', { size: formatCount(b.size, lang) }));
          form.setFieldsValue({ label: '' });
        },
        onError: (err) => report(err),
      },
    );
  };

  return (
    <Row gutter={16}>
      <Col xs={24} lg={8}>
        <Card className="pi-card" size="small" title={t('survey.codes.newBatch')}>
          {survey.status === 'draft' && <Alert type="info" showIcon className="pi-sb-alert" title={t('survey.codes.draftNote')} />}
          {survey.status === 'closed' && <Alert type="warning" showIcon className="pi-sb-alert" title={t('survey.codes.closedNote')} />}
          <FormAlert problem={problem} onClose={clear} />
          <Form<BatchForm>
            form={form}
            layout="vertical"
            disabled={!canManage}
            initialValues={{ respondentGroup: survey.content.respondentGroups[0]?.code, size: 50, label: '' }}
            onFinish={submit}
          >
            <Form.Item name="respondentGroup" label={t('survey.codes.group')} rules={[{ required: true, message: t('form.required') }]}>
              <Select options={survey.content.respondentGroups.map((g) => ({ value: g.code, label: `${g.code} · ${pickName(lang, g)}` }))} />
            </Form.Item>
            <Form.Item name="size" label={t('survey.codes.size')} rules={[{ required: true, message: t('form.required') }]} extra={t('survey.codes.sizeHint')}>
              <InputNumber<number> min={1} max={5000} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="label" label={t('survey.codes.label')} extra={t('survey.codes.labelHint')}>
              <Input maxLength={200} placeholder={t('survey.codes.labelPlaceholder')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={create.isPending} disabled={!canManage}>
              {t('survey.codes.issue')}
            </Button>
          </Form>
        </Card>
        <Card className="pi-card" size="small" title={t('survey.codes.linkTitle')}>
          <Typography.Paragraph className="pi-muted">{survey.openLink === 'on' ? t('survey.codes.openLinkOn') : t('survey.codes.openLinkOff')}</Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: publicSurveyUrl(survey.publicToken) }} className="pi-survey-url">
            {publicSurveyUrl(survey.publicToken)}
          </Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card
          className="pi-card pi-table-card"
          size="small"
          title={t('survey.codes.batches')}
          extra={
            <span className="pi-muted" data-testid="codes-total">
              {t('survey.codes.totals', { used: formatCount(totals.used, lang), size: formatCount(totals.size, lang) })}
            </span>
          }
        >
          <Table<BatchView>
            size="small"
            rowKey="id"
            loading={batches.isFetching}
            dataSource={batches.data ?? []}
            pagination={false}
            locale={{ emptyText: batches.isPending ? ' ' : <EmptyState title={t('survey.codes.emptyTitle')} hint={t('survey.codes.emptyHint')} /> }}
            columns={[
              { key: 'label', title: t('survey.codes.label'), render: (_: unknown, b) => b.label || `#${b.id}` },
              { key: 'group', title: t('survey.codes.group'), render: (_: unknown, b) => groupName(b.respondentGroup) },
              { key: 'createdAt', title: t('survey.codes.createdAt'), width: 150, render: (_: unknown, b) => formatDateTime(b.createdAt, lang) },
              {
                key: 'used',
                title: t('survey.codes.used'),
                width: 200,
                render: (_: unknown, b) => (
                  <div className="pi-survey-fill">
                    <Progress percent={b.size ? Math.round((b.used * 100) / b.size) : 0} size="small" showInfo={false} />
                    <span>
                      {formatCount(b.used, lang)}/{formatCount(b.size, lang)}
                    </span>
                  </div>
                ),
              },
              {
                key: 'sheet',
                title: '',
                width: 150,
                render: (_: unknown, b) => (
                  <Button size="small" icon={<PrinterOutlined />} href={batchSheetUrl(survey.id, b.id)} target="_blank" rel="noopener" disabled={!canManage} aria-label={t('survey.codes.sheetOf', { label: b.label || `#${b.id}` })}>
                    {t('survey.codes.sheet')}
                  </Button>
                ),
              },
            ]}
          />
          <div className="pi-survey-hint">
            <QrcodeOutlined aria-hidden /> {t('survey.codes.sheetHint')}
          </div>
        </Card>
      </Col>
    </Row>
  );
}
