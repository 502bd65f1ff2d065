import { App, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { type FrameworkSummary, useCloneFramework } from '../../api/frameworks';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { YearGroupFields } from './year-group-fields';

interface Values {
  year: number;
  groupId: number;
  nameVi?: string;
}

const isField = fieldsOf('year', 'groupId', 'nameVi');

/** Copies a framework into a new draft for a target year and agency group, then opens it. */
export function CloneModal({ source, onClose }: { source: FrameworkSummary | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const clone = useCloneFramework();
  const { problem, report, clear } = useFormProblem(form, isField);

  useEffect(() => {
    if (!source) return;
    clear();
    form.resetFields();
    form.setFieldsValue({ year: source.year + 1, groupId: source.groupId });
  }, [source, form, clear]);

  const submit = (v: Values) => {
    if (!source) return;
    clear();
    clone.mutate(
      // The English name is sent too: the server would otherwise store an empty one (see the report).
      { id: source.id, year: v.year, groupId: v.groupId, nameVi: v.nameVi?.trim() || undefined, nameEn: source.nameEn.replaceAll(String(source.year), String(v.year)) },
      {
        onSuccess: (created) => {
          void message.success(t('fw.clone.done', { year: created.year, group: created.groupCode }));
          onClose();
          void navigate(`/frameworks/${created.id}`);
        },
        onError: (err) => report(err),
      },
    );
  };

  return (
    <Modal
      open={source != null}
      title={source ? t('fw.clone.title', { name: pickName(lang, source) }) : ''}
      okText={t('fw.clone.submit')}
      cancelText={t('action.cancel')}
      confirmLoading={clone.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <p className="pi-muted">{t('fw.clone.hint')}</p>
      <FormAlert problem={problem} onClose={clear} />
      <Form<Values> form={form} layout="vertical" name="fw-clone" onFinish={submit} requiredMark="optional">
        <YearGroupFields />
        <Form.Item name="nameVi" label={t('fw.clone.name')} extra={t('fw.clone.nameHint')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
