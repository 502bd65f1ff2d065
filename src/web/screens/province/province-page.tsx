import { App, Button, Card, Descriptions, Form, Input, Skeleton } from 'antd';
import { useEffect } from 'react';
import { LIMITS, text } from '../../../core/schemas/common';
import { useProvince, useUpdateProvince } from '../../api/org';
import { EmptyState } from '../../components/empty-state';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { PageHeader } from '../../components/page-header';
import { zodRule } from '../../components/zod-rule';
import { useLang, useT } from '../../i18n/i18n-context';

interface Values {
  nameVi: string;
  nameEn: string;
  governingBodyVi: string;
}

const isField = fieldsOf('nameVi', 'nameEn', 'governingBodyVi');

/** The province's names and the governing body line printed on reports and decisions. */
export default function ProvincePage() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { data, isPending, error, refetch } = useProvince();
  const save = useUpdateProvince();
  const [form] = Form.useForm<Values>();
  const { problem, report, clear } = useFormProblem(form, isField);
  const canEdit = data?.abilities.update === true;

  useEffect(() => {
    if (data) form.setFieldsValue({ nameVi: data.nameVi, nameEn: data.nameEn, governingBodyVi: data.governingBodyVi });
  }, [data, form]);

  const submit = (v: Values) => {
    clear();
    save.mutate(
      { nameVi: v.nameVi.trim(), nameEn: v.nameEn.trim(), governingBodyVi: v.governingBodyVi.trim() },
      { onSuccess: () => void message.success(t('province.saved')), onError: (err) => report(err) },
    );
  };

  return (
    <>
      <PageHeader title={t('province.title')} subtitle={t('province.subtitle')} crumbs={[{ title: t('nav.groupAdmin') }, { title: t('province.title') }]} />
      <Card className="pi-card">
        {isPending ? (
          <Skeleton active />
        ) : error ? (
          <EmptyState title={t('error.loadFailed')} hint={error.message} actions={<Button onClick={() => void refetch()}>{t('action.retry')}</Button>} />
        ) : !canEdit && data ? (
          <>
            <p className="pi-muted">{t('ability.readOnly')}</p>
            <Descriptions
              bordered
              size="small"
              column={1}
              className="pi-narrow-form"
              items={[
                { key: 'code', label: t('province.code'), children: <span className="pi-code">{data.code}</span> },
                { key: 'vi', label: t('province.nameVi'), children: data.nameVi },
                { key: 'en', label: t('province.nameEn'), children: data.nameEn },
                { key: 'gov', label: t('province.governingBody'), children: data.governingBodyVi },
              ]}
            />
          </>
        ) : (
          <Form<Values> form={form} scrollToFirstError name="province" layout="vertical" requiredMark="optional" onFinish={submit} className="pi-narrow-form">
            <FormAlert problem={problem} onClose={clear} />
            <Form.Item label={t('province.code')} required>
              <span className="pi-code">{data?.code}</span>
            </Form.Item>
            <Form.Item label={t('province.nameVi')} name="nameVi" rules={[zodRule(text(), lang, { required: true })]}>
              <Input maxLength={LIMITS.name} />
            </Form.Item>
            <Form.Item label={t('province.nameEn')} name="nameEn" rules={[zodRule(text(), lang, { required: true })]}>
              <Input maxLength={LIMITS.name} lang="en" />
            </Form.Item>
            <Form.Item
              label={t('province.governingBody')}
              name="governingBodyVi"
              extra={t('province.governingBodyHint')}
              rules={[zodRule(text(LIMITS.shortText), lang, { required: true })]}
            >
              <Input maxLength={LIMITS.shortText} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('action.save')}
            </Button>
          </Form>
        )}
      </Card>
    </>
  );
}
