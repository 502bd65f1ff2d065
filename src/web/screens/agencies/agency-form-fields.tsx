import { Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { code as codeSchema, LIMITS, text } from '../../../core/schemas/common';
import { useAgencyGroups } from '../../api/org';
import { AgencySelect, type AgencyOption } from '../../components/agency-select';
import { foldFilter } from '../../components/fold-filter';
import { zodRule } from '../../components/zod-rule';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';

export interface AgencyFormValues {
  code: string;
  nameVi: string;
  nameEn: string;
  abbreviation: string;
  groupId: number | undefined;
  parentId: number | null;
  activeFromYear: number | null;
  activeToYear: number | null;
}

const nameSchema = text();

/** The fields of the agency form (used for creating and editing). */
export function AgencyFormFields({
  agencyId,
  parentKnown,
}: {
  agencyId: number | null;
  parentKnown: AgencyOption[];
}) {
  const t = useT();
  const { lang } = useLang();
  const groups = useAgencyGroups();
  const groupOptions = (groups.data?.items ?? []).map((g) => ({
    value: g.id,
    label: `${pickName(lang, g)}${g.isActive ? '' : ` (${t('status.inactive').toLowerCase()})`}`,
  }));

  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label={t('agency.code')} name="code" rules={[zodRule(codeSchema, lang, { required: true })]} extra={t('agency.codeHint')}>
            <Input maxLength={LIMITS.code} autoComplete="off" spellCheck={false} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label={t('agency.abbreviation')} name="abbreviation">
            <Input maxLength={LIMITS.code} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label={t('agency.nameVi')} name="nameVi" rules={[zodRule(nameSchema, lang, { required: true })]}>
        <Input maxLength={LIMITS.name} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('agency.nameEn')} name="nameEn" rules={[zodRule(nameSchema, lang, { required: true })]}>
        <Input maxLength={LIMITS.name} autoComplete="off" lang="en" />
      </Form.Item>
      <Form.Item label={t('agency.group')} name="groupId" rules={[{ required: true, message: t('agency.groupRequired') }]}>
        <Select
          options={groupOptions}
          loading={groups.isPending}
          showSearch={{ filterOption: foldFilter }}
          placeholder={t('agency.chooseGroup')}
        />
      </Form.Item>
      <Form.Item label={t('agency.parent')} name="parentId" extra={t('agency.parentHint')}>
        <AgencySelect known={parentKnown} excludeId={agencyId ?? undefined} placeholder={t('agency.parentPlaceholder')} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            label={t('agency.activeFrom')}
            name="activeFromYear"
            rules={[{ required: true, message: t('form.required') }]}
          >
            <InputNumber min={LIMITS.yearMin} max={LIMITS.yearMax} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            label={t('agency.activeTo')}
            name="activeToYear"
            dependencies={['activeFromYear']}
            extra={t('agency.activeToHint')}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_r, value: number | null) => {
                  const from = getFieldValue('activeFromYear') as number | null;
                  if (value != null && from != null && value < from) throw new Error(t('agency.yearsOrder'));
                },
              }),
            ]}
          >
            <InputNumber min={LIMITS.yearMin} max={LIMITS.yearMax} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
