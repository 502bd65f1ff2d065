import { Form, InputNumber, Select } from 'antd';
import { useAgencyGroups } from '../../api/org';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';

/** The year and agency group a new framework is for (create and clone), side by side. */
export function YearGroupFields() {
  const t = useT();
  const { lang } = useLang();
  const groups = useAgencyGroups();
  return (
    <div className="fw-settings-row">
      <Form.Item name="year" label={t('fw.clone.year')} rules={[{ required: true, message: t('form.required') }]}>
        <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="groupId" label={t('fw.clone.group')} rules={[{ required: true, message: t('form.required') }]}>
        <Select
          loading={groups.isPending}
          options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: pickName(lang, g) }))}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
    </div>
  );
}
