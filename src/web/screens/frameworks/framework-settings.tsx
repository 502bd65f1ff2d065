import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Typography } from 'antd';
import type { FrameworkProblem } from '../../../core/domain/framework';
import type { ClassificationBand } from '../../../core/schemas/framework';
import type { FrameworkDraft } from '../../api/frameworks';
import { useLang, useT } from '../../i18n/i18n-context';
import { DecimalInput } from './decimal-input';
import { helpFor } from './field-help';
import type { FrameworkEditor } from './use-framework-editor';

function BandsEditor({ bands, problems, disabled, onChange }: { bands: ClassificationBand[]; problems: FrameworkProblem[]; disabled: boolean; onChange: (b: ClassificationBand[]) => void }) {
  const t = useT();
  const { lang } = useLang();
  const patch = (i: number, p: Partial<ClassificationBand>) => onChange(bands.map((b, k) => (k === i ? { ...b, ...p } : b)));
  const status = (path: string) => (problems.some((p) => p.path === path) ? ('error' as const) : undefined);
  return (
    <Form.Item label={t('fw.settings.bands')} extra={t('fw.settings.bandsHint')} {...helpFor(problems, lang, 'bands')}>
      <table className="fw-grid fw-bands">
        <thead>
          <tr>
            <th>{t('fw.settings.bandCode')}</th>
            <th>{t('fw.method.labelVi')}</th>
            <th>{t('fw.method.labelEn')}</th>
            <th>{t('fw.settings.bandMin')}</th>
            <th aria-label={t('common.actions')} />
          </tr>
        </thead>
        <tbody>
          {bands.map((b, i) => (
            <tr key={i}>
              <td className="fw-grid-code">
                <Input size="small" aria-label={`${t('fw.settings.bandCode')} ${i + 1}`} disabled={disabled} status={status(`bands.${i}.code`)} value={b.code} onChange={(e) => patch(i, { code: e.target.value })} />
              </td>
              <td>
                <Input size="small" aria-label={`${t('fw.method.labelVi')} ${i + 1}`} disabled={disabled} value={b.labelVi} status={b.labelVi.trim() === '' ? 'error' : undefined} onChange={(e) => patch(i, { labelVi: e.target.value })} />
              </td>
              <td>
                <Input size="small" aria-label={`${t('fw.method.labelEn')} ${i + 1}`} disabled={disabled} value={b.labelEn} onChange={(e) => patch(i, { labelEn: e.target.value })} />
              </td>
              <td className="fw-grid-num">
                <DecimalInput size="small" lang={lang} suffix="%" aria-label={`${t('fw.settings.bandMin')} ${i + 1}`} disabled={disabled} status={status(`bands.${i}.minPercent`)} value={b.minPercent} onChange={(v) => patch(i, { minPercent: v })} />
              </td>
              <td className="fw-grid-act">
                <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('fw.settings.removeBand', { n: i + 1 })} disabled={disabled || bands.length <= 1} onClick={() => onChange(bands.filter((_, k) => k !== i))} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!disabled && (
        <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => onChange([...bands, { code: `band${bands.length + 1}`, labelVi: '', labelEn: '', minPercent: '0' }])}>
          {t('fw.settings.addBand')}
        </Button>
      )}
    </Form.Item>
  );
}

/** Names, declared total, bonus and deduction caps, and classification bands of the framework. */
export function FrameworkSettings({ editor }: { editor: FrameworkEditor }) {
  const t = useT();
  const { lang } = useLang();
  const d = editor.draft;
  const ro = !editor.editable;
  const global = editor.problems.filter((p) => p.nodeCode === undefined);
  const set = (patch: Partial<FrameworkDraft>, key: string) => editor.edit({ ...d, ...patch }, `meta:${key}`);
  return (
    <Card className="pi-card fw-settings" size="small">
      <Form layout="vertical" className="fw-settings-form" disabled={ro} requiredMark={false}>
        <Typography.Title level={3} className="fw-settings-title">
          {t('fw.settings.general')}
        </Typography.Title>
        <Form.Item label={t('fw.settings.nameVi')} htmlFor="fw-s-nameVi" required validateStatus={d.nameVi.trim() === '' ? 'error' : undefined} help={d.nameVi.trim() === '' ? t('form.required') : undefined}>
          <Input.TextArea id="fw-s-nameVi" autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} value={d.nameVi} onChange={(e) => set({ nameVi: e.target.value }, 'nameVi')} />
        </Form.Item>
        <Form.Item label={t('fw.settings.nameEn')} htmlFor="fw-s-nameEn">
          <Input.TextArea id="fw-s-nameEn" autoSize={{ minRows: 1, maxRows: 3 }} maxLength={500} value={d.nameEn} onChange={(e) => set({ nameEn: e.target.value }, 'nameEn')} />
        </Form.Item>
        <div className="fw-settings-row">
          <Form.Item label={t('fw.settings.declaredTotal')} htmlFor="fw-s-total" extra={t('fw.settings.declaredTotalHint')} {...helpFor(global, lang, 'declaredTotal')}>
            <DecimalInput id="fw-s-total" lang={lang} value={d.declaredTotal} onChange={(v) => set({ declaredTotal: v }, 'declaredTotal')} />
          </Form.Item>
          <Form.Item label={t('fw.settings.bonusCap')} htmlFor="fw-s-bonus" extra={t('fw.settings.capHint')} {...helpFor(global, lang, 'bonusCap')}>
            <DecimalInput id="fw-s-bonus" lang={lang} value={d.bonusCap} onChange={(v) => set({ bonusCap: v }, 'bonusCap')} />
          </Form.Item>
          <Form.Item label={t('fw.settings.deductionCap')} htmlFor="fw-s-deduction" extra={t('fw.settings.capHint')} {...helpFor(global, lang, 'deductionCap')}>
            <DecimalInput id="fw-s-deduction" lang={lang} value={d.deductionCap} onChange={(v) => set({ deductionCap: v }, 'deductionCap')} />
          </Form.Item>
        </div>
        <BandsEditor bands={d.bands} problems={global} disabled={ro} onChange={(bands) => set({ bands }, 'bands')} />
      </Form>
    </Card>
  );
}
