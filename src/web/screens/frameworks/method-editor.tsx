import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Typography } from 'antd';
import { describeMethod } from '../../../core/domain/explain-derivation';
import type { FrameworkProblem } from '../../../core/domain/framework';
import { LEAF_METHOD_LABELS, LEAF_METHOD_TYPES, type LeafMethodType } from '../../../core/domain/framework';
import type { FrameworkNode, LadderStep, LeafMethod, LevelOption } from '../../../core/schemas/framework';
import { useLang, useT } from '../../i18n/i18n-context';
import { DecimalInput } from './decimal-input';
import { helpFor } from './field-help';
import { defaultMethod } from './tree-ops';

type Ratio = Extract<LeafMethod, { type: 'ratio_ladder' | 'ratio_proportional' }>;

function cellStatus(problems: FrameworkProblem[], path: string): 'error' | 'warning' | undefined {
  const hit = problems.filter((p) => p.path === path);
  if (hit.length === 0) return undefined;
  return hit.some((p) => p.severity === 'error') ? 'error' : 'warning';
}

function LevelsEditor({ levels, onChange, problems }: { levels: LevelOption[]; onChange: (l: LevelOption[]) => void; problems: FrameworkProblem[] }) {
  const t = useT();
  const { lang } = useLang();
  const patch = (i: number, p: Partial<LevelOption>) => onChange(levels.map((l, k) => (k === i ? { ...l, ...p } : l)));
  return (
    <Form.Item label={t('fw.method.levels')} {...helpFor(problems, lang, 'method.levels')}>
      <table className="fw-grid">
        <thead>
          <tr>
            <th>{t('fw.method.levelCode')}</th>
            <th>{t('fw.method.labelVi')}</th>
            <th>{t('fw.method.labelEn')}</th>
            <th>{t('fw.method.points')}</th>
            <th aria-label={t('common.actions')} />
          </tr>
        </thead>
        <tbody>
          {levels.map((l, i) => (
            <tr key={i}>
              <td className="fw-grid-code">
                <Input size="small" aria-label={`${t('fw.method.levelCode')} ${i + 1}`} status={cellStatus(problems, `method.levels.${i}.code`)} value={l.code} onChange={(e) => patch(i, { code: e.target.value })} />
              </td>
              <td>
                <Input size="small" aria-label={`${t('fw.method.labelVi')} ${i + 1}`} value={l.labelVi} onChange={(e) => patch(i, { labelVi: e.target.value })} status={l.labelVi.trim() === '' ? 'error' : undefined} />
              </td>
              <td>
                <Input size="small" aria-label={`${t('fw.method.labelEn')} ${i + 1}`} value={l.labelEn} onChange={(e) => patch(i, { labelEn: e.target.value })} />
              </td>
              <td className="fw-grid-num">
                <DecimalInput size="small" lang={lang} aria-label={`${t('fw.method.points')} ${i + 1}`} status={cellStatus(problems, `method.levels.${i}.points`)} value={l.points} onChange={(v) => patch(i, { points: v })} />
              </td>
              <td className="fw-grid-act">
                <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('fw.method.removeLevel', { n: i + 1 })} disabled={levels.length <= 1} onClick={() => onChange(levels.filter((_, k) => k !== i))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => onChange([...levels, { code: `L${levels.length + 1}`, labelVi: '', labelEn: '', points: '0' }])}>
        {t('fw.method.addLevel')}
      </Button>
    </Form.Item>
  );
}

function StepsEditor({ steps, onChange, problems }: { steps: LadderStep[]; onChange: (s: LadderStep[]) => void; problems: FrameworkProblem[] }) {
  const t = useT();
  const { lang } = useLang();
  const patch = (i: number, p: Partial<LadderStep>) => onChange(steps.map((s, k) => (k === i ? { ...s, ...p } : s)));
  return (
    <Form.Item label={t('fw.method.steps')} extra={t('fw.method.stepsHint')} {...helpFor(problems, lang, 'method.steps')}>
      <table className="fw-grid">
        <thead>
          <tr>
            <th>{t('fw.method.comparison')}</th>
            <th>{t('fw.method.minPercent')}</th>
            <th>{t('fw.method.points')}</th>
            <th aria-label={t('common.actions')} />
          </tr>
        </thead>
        <tbody>
          {steps.map((s, i) => (
            <tr key={i}>
              <td className="fw-grid-op">
                <Select<'ge' | 'gt'>
                  size="small"
                  aria-label={`${t('fw.method.comparison')} ${i + 1}`}
                  value={s.inclusive ? 'ge' : 'gt'}
                  onChange={(v) => patch(i, { inclusive: v === 'ge' })}
                  options={[
                    { value: 'ge', label: '≥' },
                    { value: 'gt', label: '>' },
                  ]}
                />
              </td>
              <td className="fw-grid-num">
                <DecimalInput size="small" lang={lang} suffix="%" aria-label={`${t('fw.method.minPercent')} ${i + 1}`} status={cellStatus(problems, `method.steps.${i}.minPercent`)} value={s.minPercent} onChange={(v) => patch(i, { minPercent: v })} />
              </td>
              <td className="fw-grid-num">
                <DecimalInput size="small" lang={lang} aria-label={`${t('fw.method.points')} ${i + 1}`} status={cellStatus(problems, `method.steps.${i}.points`)} value={s.points} onChange={(v) => patch(i, { points: v })} />
              </td>
              <td className="fw-grid-act">
                <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('fw.method.removeStep', { n: i + 1 })} disabled={steps.length <= 1} onClick={() => onChange(steps.filter((_, k) => k !== i))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => onChange([...steps, { minPercent: '0', inclusive: true, points: '0' }])}>
        {t('fw.method.addStep')}
      </Button>
    </Form.Item>
  );
}

function RatioFields({ method, onChange, problems }: { method: Ratio; onChange: (m: Ratio, field: string) => void; problems: FrameworkProblem[] }) {
  const t = useT();
  const { lang } = useLang();
  const text = (key: 'numeratorLabelVi' | 'numeratorLabelEn' | 'denominatorLabelVi' | 'denominatorLabelEn', label: string, required: boolean) => (
    <Form.Item label={label} htmlFor={`fw-m-${key}`} required={required} validateStatus={required && method[key].trim() === '' ? 'error' : undefined}>
      <Input id={`fw-m-${key}`} size="small" value={method[key]} onChange={(e) => onChange({ ...method, [key]: e.target.value }, key)} />
    </Form.Item>
  );
  return (
    <>
      <div className="fw-panel-row">
        {text('numeratorLabelVi', t('fw.method.numeratorVi'), true)}
        {text('numeratorLabelEn', t('fw.method.numeratorEn'), false)}
      </div>
      <div className="fw-panel-row">
        {text('denominatorLabelVi', t('fw.method.denominatorVi'), true)}
        {text('denominatorLabelEn', t('fw.method.denominatorEn'), false)}
      </div>
      <Form.Item label={t('fw.method.zeroRule')} htmlFor="fw-m-zero" {...helpFor(problems, lang, 'method.whenDenominatorZero')}>
        <Select
          id="fw-m-zero"
          size="small"
          value={method.whenDenominatorZero}
          onChange={(v) => onChange({ ...method, whenDenominatorZero: v }, 'zero')}
          options={[
            { value: 'full', label: t('fw.method.zeroFull') },
            { value: 'zero', label: t('fw.method.zeroZero') },
            { value: 'not_applicable', label: t('fw.method.zeroNa') },
          ]}
        />
      </Form.Item>
    </>
  );
}

/** The method of a leaf: its type, and the levels, ladder steps, ratio rule or step that go with it. */
export function MethodEditor({
  node,
  readOnly,
  problems,
  onChange,
}: {
  node: FrameworkNode;
  readOnly: boolean;
  problems: FrameworkProblem[];
  onChange: (m: LeafMethod, field: string) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const m = node.method;
  const labels = { yes: t('fw.method.defaultYes'), no: t('fw.method.defaultNo'), num: t('fw.method.defaultNum'), den: t('fw.method.defaultDen') };
  let preview: string | null = null;
  try {
    preview = m ? describeMethod(m, node.maxPoints, lang) : null;
  } catch {
    preview = null;
  }
  return (
    <div className="fw-method-box">
      <Form.Item label={t('fw.node.method')} htmlFor="fw-node-method" {...helpFor(problems, lang, 'method')}>
        <Select<LeafMethodType>
          id="fw-node-method"
          value={m?.type}
          placeholder={t('fw.method.choose')}
          disabled={readOnly}
          onChange={(type) => onChange(defaultMethod(type, node.maxPoints, labels), 'type')}
          options={LEAF_METHOD_TYPES.map((type) => ({ value: type, label: LEAF_METHOD_LABELS[type][lang] }))}
        />
      </Form.Item>
      {m?.type === 'levels' && <LevelsEditor levels={m.levels} problems={problems} onChange={(levels) => onChange({ ...m, levels }, 'levels')} />}
      {m?.type === 'ratio_ladder' && (
        <>
          <RatioFields method={m} problems={problems} onChange={(x, f) => onChange(x, f)} />
          <StepsEditor steps={m.steps} problems={problems} onChange={(steps) => onChange({ ...m, steps }, 'steps')} />
        </>
      )}
      {m?.type === 'ratio_proportional' && (
        <>
          <RatioFields method={m} problems={problems} onChange={(x, f) => onChange(x, f)} />
          <div className="fw-panel-row">
            <Form.Item label={t('fw.method.capPercent')} htmlFor="fw-m-cap" extra={t('fw.method.capHint')} {...helpFor(problems, lang, 'method.capPercent')}>
              <DecimalInput id="fw-m-cap" size="small" lang={lang} suffix="%" placeholder="100" value={m.capPercent} onChange={(v) => {
                const { capPercent: _drop, ...rest } = m;
                onChange(v === '' ? rest : { ...m, capPercent: v }, 'cap');
              }} />
            </Form.Item>
            <Form.Item label={t('fw.method.rounding')} htmlFor="fw-m-round">
              <Select
                id="fw-m-round"
                size="small"
                value={m.rounding}
                onChange={(rounding) => onChange({ ...m, rounding, ...(rounding === 'floor_to_step' && !m.step ? { step: '0.25' } : {}) }, 'rounding')}
                options={[
                  { value: 'exact', label: t('fw.method.roundExact') },
                  { value: 'floor_to_step', label: t('fw.method.roundFloor') },
                ]}
              />
            </Form.Item>
          </div>
          {m.rounding === 'floor_to_step' && (
            <Form.Item label={t('fw.method.step')} htmlFor="fw-m-step" {...helpFor(problems, lang, 'method.step')}>
              <DecimalInput id="fw-m-step" size="small" lang={lang} value={m.step} onChange={(v) => onChange({ ...m, step: v }, 'step')} />
            </Form.Item>
          )}
        </>
      )}
      {m?.type === 'manual' && (
        <Form.Item label={t('fw.method.step')} htmlFor="fw-m-step" extra={t('fw.method.stepHint')} {...helpFor(problems, lang, 'method.step')}>
          <DecimalInput id="fw-m-step" size="small" lang={lang} value={m.step} onChange={(v) => onChange({ ...m, step: v }, 'step')} />
        </Form.Item>
      )}
      {preview && (
        <div className="fw-method-preview">
          <Typography.Text type="secondary">{t('fw.method.preview')}</Typography.Text> {preview}
        </div>
      )}
    </div>
  );
}
