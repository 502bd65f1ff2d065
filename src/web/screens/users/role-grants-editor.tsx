import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, type FormInstance, Row, Select, Tooltip } from 'antd';
import { ROLES, type Role } from '../../../core/domain/roles';
import { code as codeSchema } from '../../../core/schemas/common';
import { AgencySelect } from '../../components/agency-select';
import { DivisionSelect } from '../../components/division-select';
import { useLang, useT } from '../../i18n/i18n-context';
import { roleLabel } from '../../i18n/names';

/** One role grant as the form holds it; the labels are only for showing already-chosen agencies and divisions. */
export interface GrantFormValue {
  role: Role | undefined;
  agencyId: number | null;
  agencyLabel?: string | null;
  divisionId: number | null;
  divisionLabel?: string | null;
  fieldCodes: string[];
  agencyIds: number[];
}

export const needsAgency = (role: Role | undefined) => role === 'agency_focal' || role === 'agency_head' || role === 'division_head';
const allowsAgency = (role: Role | undefined) => needsAgency(role) || role === 'appraiser';

export const EMPTY_GRANT: GrantFormValue = { role: undefined, agencyId: null, divisionId: null, fieldCodes: [], agencyIds: [] };

/** True when a server field path belongs to this editor (`roles.0.agencyId`). */
export const isGrantField = (path: string) => /^roles\.\d+\.(role|agencyId|divisionId|fieldCodes)$/.test(path);

function GrantRow({ form, name, onRemove, canRemove }: { form: FormInstance; name: number; onRemove: () => void; canRemove: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const role = Form.useWatch(['roles', name, 'role'], form) as Role | undefined;
  const agencyId = Form.useWatch(['roles', name, 'agencyId'], form) as number | null | undefined;
  const agencyLabel = Form.useWatch(['roles', name, 'agencyLabel'], form) as string | null | undefined;
  const divisionLabel = Form.useWatch(['roles', name, 'divisionLabel'], form) as string | null | undefined;

  return (
    <div className="pi-grant" role="group" aria-label={t('user.grantN', { n: name + 1 })}>
      <Row gutter={12} align="top">
        <Col flex="1 1 200px">
          <Form.Item label={t('user.role')} name={[name, 'role']} rules={[{ required: true, message: t('user.roleRequired') }]}>
            <Select<Role>
              options={ROLES.map((r) => ({ value: r, label: roleLabel(lang, r) }))}
              placeholder={t('user.chooseRole')}
              onChange={(r) => {
                if (!allowsAgency(r)) form.setFieldValue(['roles', name, 'agencyId'], null);
                if (r !== 'division_head') form.setFieldValue(['roles', name, 'divisionId'], null);
                if (r !== 'appraiser') form.setFieldValue(['roles', name, 'fieldCodes'], []);
              }}
            />
          </Form.Item>
        </Col>
        {allowsAgency(role) && (
          <Col flex="2 1 260px">
            <Form.Item
              label={role === 'appraiser' ? t('user.appraiserAgency') : t('user.agency')}
              name={[name, 'agencyId']}
              rules={needsAgency(role) ? [{ required: true, message: t('user.agencyRequired') }] : []}
            >
              <AgencySelect
                onlyActive
                known={agencyId != null && agencyLabel ? [{ value: agencyId, label: agencyLabel }] : []}
                onChange={(_v, option) => {
                  form.setFieldValue(['roles', name, 'agencyLabel'], option?.label ?? null);
                  form.setFieldValue(['roles', name, 'divisionId'], null);
                }}
              />
            </Form.Item>
          </Col>
        )}
        <Col flex="none" className="pi-grant-remove">
          <Tooltip title={canRemove ? t('user.removeRole') : t('user.atLeastOneRole')}>
            <Button
              type="text"
              danger
              icon={<DeleteOutlined />}
              disabled={!canRemove}
              onClick={onRemove}
              aria-label={t('user.removeRoleN', { n: name + 1 })}
            />
          </Tooltip>
        </Col>
      </Row>
      {role === 'division_head' && (
        <Form.Item label={t('user.division')} name={[name, 'divisionId']} rules={[{ required: true, message: t('user.divisionRequired') }]}>
          <DivisionSelect agencyId={agencyId ?? null} knownLabel={divisionLabel ?? null} />
        </Form.Item>
      )}
      {role === 'appraiser' && (
        <Form.Item
          label={t('user.fieldCodes')}
          name={[name, 'fieldCodes']}
          extra={t('user.fieldCodesHint')}
          rules={[
            {
              validator: async (_r, codes: string[] | undefined) => {
                const bad = (codes ?? []).find((c) => !codeSchema.safeParse(c).success);
                if (bad) throw new Error(t('user.fieldCodeInvalid', { code: bad }));
              },
            },
          ]}
        >
          <Select mode="tags" tokenSeparators={[',', ';', ' ']} open={false} suffixIcon={null} placeholder={t('user.fieldCodesPlaceholder')} />
        </Form.Item>
      )}
      <Form.Item name={[name, 'agencyIds']} hidden>
        <Select mode="multiple" />
      </Form.Item>
    </div>
  );
}

/** The roles of a user: each grant is a role plus, where the role needs it, an agency, a division or fields. */
export function RoleGrantsEditor({ form }: { form: FormInstance }) {
  const t = useT();
  return (
    <Form.List name="roles">
      {(fields, { add, remove }) => (
        <div className="pi-grants">
          {fields.map((field) => (
            <GrantRow key={field.key} form={form} name={field.name} canRemove={fields.length > 1} onRemove={() => remove(field.name)} />
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ ...EMPTY_GRANT })} block>
            {t('user.addRole')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
