import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Button, Checkbox, Dropdown, Form, Input, InputNumber, Segmented, Select, Space, Switch, Tooltip } from 'antd';
import { useLang, useT } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/translate';
import { type Option, type Question, percentToWeight, type SurveyLeaf, weightToPercent } from './builder-draft';
import { SCALE_PRESETS } from './builder-presets';

export type FieldState = (path: string) => { validateStatus?: 'error' | 'warning'; help?: string };

interface Props {
  q: Question;
  path: string;
  field: FieldState;
  leaves: SurveyLeaf[] | null;
  leavesPending: boolean;
  disabled: boolean;
  onChange: (mutate: (q: Question) => void) => void;
  onMove: (delta: -1 | 1) => void;
  onDelete: () => void;
  first: boolean;
  last: boolean;
}

const TYPES: { value: Question['type']; label: MessageKey }[] = [
  { value: 'single', label: 'survey.type.single' },
  { value: 'likert', label: 'survey.type.likert' },
  { value: 'multiple', label: 'survey.type.multiple' },
  { value: 'text', label: 'survey.type.text' },
];

const fid = (path: string) => `sb-${path.replace(/\./g, '-')}`;

/** The editing panel of one question: code, type, texts, flags, options with weights, and the leaves it scores. */
export function QuestionEditor({ q, path, field, leaves, leavesPending, disabled, onChange, onMove, onDelete, first, last }: Props) {
  const t = useT();
  const { lang } = useLang();
  const choice = q.type === 'single' || q.type === 'multiple';
  const scored = q.type === 'single' || q.type === 'likert';

  const setType = (type: Question['type']) =>
    onChange((x) => {
      x.type = type;
      if (type === 'likert' || type === 'text') x.options = [];
      else if (!x.options.length) x.options = SCALE_PRESETS[0]!.options();
      if (type === 'multiple' || type === 'text') x.leafCodes = [];
    });

  const option = (i: number, mutate: (o: Option) => void) => onChange((x) => mutate(x.options[i]!));

  return (
    <div className="pi-sb-question" id={`f-${path}`}>
      <div className="pi-sb-row">
        <Form.Item label={t('survey.q.code')} {...field(`${path}.code`)} className="pi-sb-code" htmlFor={fid(`${path}.code`)}>
          <Input id={fid(`${path}.code`)} value={q.code} onChange={(e) => onChange((x) => void (x.code = e.target.value.toUpperCase()))} maxLength={32} aria-label={t('survey.q.code')} />
        </Form.Item>
        <Form.Item label={t('survey.q.type')} className="pi-sb-type">
          <Segmented<Question['type']> value={q.type} onChange={setType} options={TYPES.map((x) => ({ value: x.value, label: t(x.label) }))} disabled={disabled} />
        </Form.Item>
        <Form.Item label={t('survey.q.required')} {...field(`${path}.required`)} htmlFor={fid(`${path}.required`)}>
          <Switch id={fid(`${path}.required`)} checked={q.required && q.type !== 'text'} onChange={(v) => onChange((x) => void (x.required = v))} aria-label={t('survey.q.required')} disabled={q.type === 'text'} />
        </Form.Item>
        <Form.Item label={t('survey.q.perAgency')} {...field(`${path}.perAgency`)} tooltip={t('survey.q.perAgencyHint')} htmlFor={fid(`${path}.perAgency`)}>
          <Switch id={fid(`${path}.perAgency`)} checked={q.perAgency} onChange={(v) => onChange((x) => void (x.perAgency = v))} aria-label={t('survey.q.perAgency')} />
        </Form.Item>
        <Space className="pi-sb-row-actions">
          <Tooltip title={t('survey.moveUp')}>
            <Button size="small" icon={<ArrowUpOutlined />} disabled={first || disabled} onClick={() => onMove(-1)} aria-label={t('survey.moveUp')} />
          </Tooltip>
          <Tooltip title={t('survey.moveDown')}>
            <Button size="small" icon={<ArrowDownOutlined />} disabled={last || disabled} onClick={() => onMove(1)} aria-label={t('survey.moveDown')} />
          </Tooltip>
          <Tooltip title={t('survey.q.delete')}>
            <Button size="small" danger icon={<DeleteOutlined />} disabled={disabled} onClick={onDelete} aria-label={t('survey.q.delete')} />
          </Tooltip>
        </Space>
      </div>
      <Form.Item label={t('survey.q.textVi')} {...field(`${path}.textVi`)} required htmlFor={fid(`${path}.textVi`)}>
        <Input.TextArea id={fid(`${path}.textVi`)} value={q.textVi} autoSize={{ minRows: 1, maxRows: 6 }} onChange={(e) => onChange((x) => void (x.textVi = e.target.value))} placeholder={t('survey.q.textViPlaceholder')} />
      </Form.Item>
      <Form.Item label={t('survey.q.textEn')} {...field(`${path}.textEn`)} htmlFor={fid(`${path}.textEn`)}>
        <Input.TextArea id={fid(`${path}.textEn`)} value={q.textEn} autoSize={{ minRows: 1, maxRows: 6 }} onChange={(e) => onChange((x) => void (x.textEn = e.target.value))} />
      </Form.Item>

      {choice && (
        <Form.Item label={t('survey.q.options')} {...field(`${path}.options`)} className="pi-sb-options-item">
          <div className="pi-sb-options">
            <div className={`pi-sb-option pi-sb-option-head${q.type === 'multiple' ? ' pi-sb-option-multiple' : ''}`} aria-hidden>
              <span>{t('survey.o.code')}</span>
              <span>{t('survey.o.labelVi')}</span>
              <span>{t('survey.o.labelEn')}</span>
              {q.type === 'single' && <span>{t('survey.o.weight')}</span>}
              <span />
            </div>
            {q.options.map((o, i) => {
              const p = `${path}.options.${i}`;
              const errs = [field(`${p}.code`), field(`${p}.labelVi`), field(`${p}.labelEn`), field(`${p}.weight`)].flatMap((f) => (f.help ? [f.help] : []));
              return (
                <div key={i} className="pi-sb-option-wrap">
                  <div className={`pi-sb-option${q.type === 'multiple' ? ' pi-sb-option-multiple' : ''}`}>
                    <Input
                      value={o.code}
                      maxLength={32}
                      status={field(`${p}.code`).validateStatus === 'error' ? 'error' : undefined}
                      onChange={(e) => option(i, (x) => void (x.code = e.target.value.toUpperCase()))}
                      aria-label={t('survey.o.codeOf', { n: i + 1 })}
                    />
                    <Input value={o.labelVi} status={field(`${p}.labelVi`).validateStatus === 'error' ? 'error' : undefined} onChange={(e) => option(i, (x) => void (x.labelVi = e.target.value))} aria-label={t('survey.o.labelViOf', { n: i + 1 })} />
                    <Input value={o.labelEn} onChange={(e) => option(i, (x) => void (x.labelEn = e.target.value))} aria-label={t('survey.o.labelEnOf', { n: i + 1 })} />
                    {q.type === 'single' && (
                      <Space.Compact className="pi-sb-weight">
                        <InputNumber<number>
                          min={0}
                          max={100}
                          step={10}
                          decimalSeparator={lang === 'vi' ? ',' : '.'}
                          value={weightToPercent(o.weight)}
                          disabled={o.weight === null || disabled}
                          onChange={(v) => option(i, (x) => void (x.weight = percentToWeight(v ?? 0)))}
                          suffix="%"
                          aria-label={t('survey.o.weightOf', { n: i + 1 })}
                          style={{ width: 96 }}
                        />
                        <Checkbox
                          className="pi-sb-dontknow"
                          checked={o.weight === null}
                          onChange={(e) => option(i, (x) => void (x.weight = e.target.checked ? null : '0'))}
                        >
                          {t('survey.o.dontKnow')}
                        </Checkbox>
                      </Space.Compact>
                    )}
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={disabled}
                      onClick={() => onChange((x) => void x.options.splice(i, 1))}
                      aria-label={t('survey.o.delete', { code: o.code })}
                    />
                  </div>
                  {errs.map((help, k) => (
                    <div key={k} className="pi-sb-inline-error" role="alert">
                      {help}
                    </div>
                  ))}
                </div>
              );
            })}
            <Space wrap>
              <Button
                size="small"
                icon={<PlusOutlined />}
                disabled={disabled || q.options.length >= 12}
                onClick={() =>
                  onChange((x) => {
                    const code = String.fromCharCode(65 + x.options.length);
                    x.options.push({ code, labelVi: '', labelEn: '', weight: x.type === 'single' ? '0' : null });
                  })
                }
              >
                {t('survey.o.add')}
              </Button>
              <Dropdown
                disabled={disabled}
                menu={{
                  items: SCALE_PRESETS.map((preset) => ({
                    key: preset.key,
                    label: t(preset.label),
                    onClick: () => onChange((x) => void (x.options = preset.options())),
                  })),
                }}
              >
                <Button size="small" icon={<ThunderboltOutlined />} data-testid="quick-fill">
                  {t('survey.o.quickFill')}
                </Button>
              </Dropdown>
            </Space>
          </div>
        </Form.Item>
      )}

      {q.type === 'likert' && <div className="pi-sb-note">{t('survey.q.likertNote')}</div>}

      {q.type === 'text' && (
        <Form.Item label={t('survey.q.maxLength')} {...field(`${path}.maxLength`)} htmlFor={fid(`${path}.maxLength`)}>
          <InputNumber<number> id={fid(`${path}.maxLength`)} min={1} max={2000} value={q.maxLength} onChange={(v) => onChange((x) => void (x.maxLength = v ?? 1000))} />
        </Form.Item>
      )}

      {scored && (
        <Form.Item label={t('survey.q.leaves')} {...field(`${path}.leafCodes`)} tooltip={t('survey.q.leavesHint')} htmlFor={fid(`${path}.leafCodes`)}>
          <Select
            id={fid(`${path}.leafCodes`)}
            mode="multiple"
            allowClear
            value={q.leafCodes}
            loading={leavesPending}
            placeholder={leaves && leaves.length === 0 && !leavesPending ? t('survey.q.noLeaves') : t('survey.q.leavesPlaceholder')}
            onChange={(v: string[]) => onChange((x) => void (x.leafCodes = v))}
            options={(leaves ?? []).map((l) => ({ value: l.code, label: l.label }))}
            optionFilterProp="label"
            aria-label={t('survey.q.leaves')}
          />
        </Form.Item>
      )}
      {q.leafCodes.map((_, li) => {
        const f = field(`${path}.leafCodes.${li}`);
        return f.help ? (
          <div key={li} className="pi-sb-inline-error" role="alert">
            {f.help}
          </div>
        ) : null;
      })}
    </div>
  );
}
