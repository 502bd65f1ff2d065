import { App, Button, Drawer, Form, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { type Agency, type AgencyInput, fetchAgency, useSaveAgency } from '../../api/org';
import { ApiError } from '../../api/client';
import { FormAlert, useFormProblem } from '../../components/form-alert';
import { fieldsOf } from '../../components/form-errors';
import { useT } from '../../i18n/i18n-context';
import { AgencyDetails } from './agency-details';
import { AgencyFormFields, type AgencyFormValues } from './agency-form-fields';

const isField = fieldsOf('code', 'nameVi', 'nameEn', 'abbreviation', 'groupId', 'parentId', 'activeFromYear', 'activeToYear');

function toValues(a: Agency | null): AgencyFormValues {
  if (!a) {
    return {
      code: '',
      nameVi: '',
      nameEn: '',
      abbreviation: '',
      groupId: undefined,
      parentId: null,
      activeFromYear: new Date().getFullYear(),
      activeToYear: null,
    };
  }
  return {
    code: a.code,
    nameVi: a.nameVi,
    nameEn: a.nameEn,
    abbreviation: a.abbreviation,
    groupId: a.groupId,
    parentId: a.parentId,
    activeFromYear: a.activeFromYear,
    activeToYear: a.activeToYear,
  };
}

function toInput(v: AgencyFormValues): AgencyInput {
  return {
    code: v.code.trim(),
    nameVi: v.nameVi.trim(),
    nameEn: v.nameEn.trim(),
    abbreviation: (v.abbreviation ?? '').trim(),
    groupId: v.groupId as number,
    parentId: v.parentId ?? null,
    activeFromYear: v.activeFromYear as number,
    activeToYear: v.activeToYear ?? null,
  };
}

/**
 * Creates or edits one agency. Edits send the version that was read; when someone else saved first, the form
 * reloads the latest data and says so (never a silent overwrite).
 */
export function AgencyDrawer({ open, agency, onClose }: { open: boolean; agency: Agency | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AgencyFormValues>();
  const save = useSaveAgency();
  const { problem, report, clear } = useFormProblem(form, isField);
  const [current, setCurrent] = useState<Agency | null>(agency);
  const readOnly = current != null && !current.abilities.update;

  useEffect(() => {
    if (!open) return;
    setCurrent(agency);
    clear();
    if (agency && !agency.abilities.update) return; // read-only: no form is shown
    form.resetFields();
    form.setFieldsValue(toValues(agency));
  }, [open, agency, form, clear]);

  const reloadAfterConflict = async (id: number) => {
    try {
      const fresh = await fetchAgency(id);
      setCurrent(fresh);
      form.setFieldsValue(toValues(fresh));
    } catch {
      /* the warning already tells the user to reload */
    }
  };

  const submit = (values: AgencyFormValues) => {
    clear();
    const body = toInput(values);
    save.mutate(
      current ? { id: current.id, version: current.version, body } : { id: null, body },
      {
        onSuccess: (saved) => {
          void message.success(t(current ? 'agency.updated' : 'agency.created', { code: saved.code }));
          onClose();
        },
        onError: (err) => {
          const conflict = err instanceof ApiError && err.code === 'conflict';
          report(err, conflict ? [t('form.conflictReloaded')] : []);
          if (conflict && current) void reloadAfterConflict(current.id);
        },
      },
    );
  };

  const title = current ? t(readOnly ? 'agency.viewTitle' : 'agency.editTitle', { code: current.code }) : t('agency.createTitle');
  return (
    <Drawer
      open={open}
      title={
        <Space>
          {title}
          {current && !current.isActive && <Tag>{t('status.inactive')}</Tag>}
        </Space>
      }
      size={560}
      onClose={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <div className="pi-drawer-footer">
          <Button onClick={onClose}>{readOnly ? t('action.close') : t('action.cancel')}</Button>
          {!readOnly && (
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
              {current ? t('action.save') : t('agency.createSubmit')}
            </Button>
          )}
        </div>
      }
    >
      <FormAlert problem={problem} onClose={clear} />
      {readOnly && current ? (
        <>
          <p className="pi-muted">{t('ability.readOnly')}</p>
          <AgencyDetails agency={current} />
        </>
      ) : (
        <Form<AgencyFormValues> form={form} scrollToFirstError name="agency" layout="vertical" onFinish={submit} requiredMark="optional">
          <AgencyFormFields
            agencyId={current?.id ?? null}
            parentKnown={current?.parentId && current.parentNameVi ? [{ value: current.parentId, label: current.parentNameVi }] : []}
          />
        </Form>
      )}
    </Drawer>
  );
}
