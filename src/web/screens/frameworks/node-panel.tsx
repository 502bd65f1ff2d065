import { Alert, Button, Card, Form, Input, Select, Switch, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { formatPointsExact } from '../../../core/domain/decimal';
import type { FrameworkProblem } from '../../../core/domain/framework';
import { unitsToDecimalString } from '../../../core/domain/decimal';
import { NODE_CODE_RE, type FrameworkNode, type NodeKind } from '../../../core/schemas/framework';
import { useLang, useT } from '../../i18n/i18n-context';
import { DecimalInput } from './decimal-input';
import { helpFor } from './field-help';
import { MethodEditor } from './method-editor';
import { childrenSum, hasChildren, type TreeEdit, updateNode } from './tree-ops';
import type { FrameworkEditor } from './use-framework-editor';

/** The code field: applied on Enter or leaving the field, refused when the code is malformed or taken. */
function CodeField({ node, nodes, disabled, onApply, extra }: { node: FrameworkNode; nodes: FrameworkNode[]; disabled: boolean; onApply: (code: string) => void; extra: object }) {
  const t = useT();
  const [value, setValue] = useState(node.code);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setValue(node.code);
    setError(null);
  }, [node.code]);
  const apply = () => {
    const next = value.trim();
    if (next === node.code) return setError(null);
    if (!NODE_CODE_RE.test(next)) return setError(t('fw.node.codeInvalid'));
    if (nodes.some((n) => n.code === next)) return setError(t('fw.node.codeTaken', { code: next }));
    setError(null);
    onApply(next);
  };
  const status = error ? { validateStatus: 'error' as const, help: error } : extra;
  return (
    <Form.Item label={t('fw.node.code')} htmlFor="fw-node-code" extra={disabled ? undefined : t('fw.node.codeHint')} {...status}>
      <Input id="fw-node-code" className="pi-code" value={value} disabled={disabled} onChange={(e) => setValue(e.target.value)} onBlur={apply} onPressEnter={apply} />
    </Form.Item>
  );
}

/** The editing panel of the selected node: names, points, method and the texts appraisers and agencies read. */
export function NodePanel({
  editor,
  code,
  problems,
  onSelect,
  actions,
}: {
  editor: FrameworkEditor;
  code: string;
  problems: FrameworkProblem[];
  onSelect: (code: string | null, reveal?: boolean) => void;
  actions?: ReactNode;
}) {
  const t = useT();
  const { lang } = useLang();
  const nodes = editor.draft.nodes;
  const node = nodes.find((n) => n.code === code);
  if (!node) return null;
  const ro = !editor.editable;
  const isParent = hasChildren(nodes, code);
  const sum = isParent ? childrenSum(nodes, code) : null;

  const apply = (r: TreeEdit, key: string) => {
    editor.edit({ ...editor.draft, nodes: r.nodes }, key);
    if (r.select !== code) onSelect(r.select);
  };
  const set = (patch: Partial<FrameworkNode>, field: string) => apply(updateNode(nodes, code, patch), `${code}:${field}`);
  const optional = (field: 'guidanceVi' | 'guidanceEn' | 'evidenceVi' | 'appraisingBody', v: string) => set({ [field]: v === '' ? undefined : v }, field);
  const unplaced = problems.filter((p) => p.path === undefined || p.path === 'parentCode' || p.path === 'position');

  return (
    <Card
      className="fw-panel pi-card"
      size="small"
      title={
        <span className="fw-panel-title">
          <span className="pi-code">{node.code}</span>
          <span>{isParent ? t(node.parentCode === null ? 'fw.panel.field' : 'fw.panel.criterion') : t('fw.panel.leaf')}</span>
        </span>
      }
      extra={actions}
    >
      {unplaced.length > 0 && (
        <Alert
          className="fw-panel-alert"
          type={unplaced.some((p) => p.severity === 'error') ? 'error' : 'warning'}
          showIcon
          title={unplaced.map((p) => p.message[lang]).join(' ')}
        />
      )}
      <Form layout="vertical" size="small" className="fw-panel-form" requiredMark={false} disabled={ro}>
        <div className="fw-panel-row">
          <CodeField node={node} nodes={nodes} disabled={ro} extra={helpFor(problems, lang, 'code')} onApply={(c) => apply(updateNode(nodes, code, { code: c }), `${code}:code`)} />
          <Form.Item label={t('fw.node.maxPoints')} htmlFor="fw-node-max" {...helpFor(problems, lang, 'maxPoints')}>
            <DecimalInput id="fw-node-max" lang={lang} value={node.maxPoints} onChange={(v) => set({ maxPoints: v }, 'maxPoints')} />
          </Form.Item>
        </div>
        <Form.Item label={t('fw.node.nameVi')} htmlFor="fw-node-nameVi" required {...helpFor(problems, lang, 'nameVi')}>
          <Input.TextArea id="fw-node-nameVi" autoSize={{ minRows: 1, maxRows: 4 }} value={node.nameVi} maxLength={500} onChange={(e) => set({ nameVi: e.target.value }, 'nameVi')} />
        </Form.Item>
        <Form.Item label={t('fw.node.nameEn')} htmlFor="fw-node-nameEn">
          <Input.TextArea id="fw-node-nameEn" autoSize={{ minRows: 1, maxRows: 4 }} value={node.nameEn} maxLength={500} onChange={(e) => set({ nameEn: e.target.value }, 'nameEn')} />
        </Form.Item>
        <div className="fw-panel-row">
          {isParent ? (
            <Form.Item label={t('fw.node.childrenSum')}>
              <div className="fw-sum-line">
                <Typography.Text strong>{sum === null ? '—' : formatPointsExact(sum, lang)}</Typography.Text>
                {!ro && sum !== null && unitsToDecimalString(sum) !== node.maxPoints && (
                  <Button size="small" onClick={() => set({ maxPoints: unitsToDecimalString(sum) }, 'maxPoints')}>
                    {t('fw.node.useSum')}
                  </Button>
                )}
              </div>
            </Form.Item>
          ) : (
            <Form.Item label={t('fw.node.mayBeNa')} htmlFor="fw-node-na" {...helpFor(problems, lang, 'mayBeNotApplicable')}>
              <Switch id="fw-node-na" checked={node.mayBeNotApplicable} onChange={(v) => set({ mayBeNotApplicable: v }, 'mayBeNotApplicable')} />
            </Form.Item>
          )}
          {node.parentCode === null && (
            <Form.Item label={t('fw.node.kind')} htmlFor="fw-node-kind" {...helpFor(problems, lang, 'kind')}>
              <Select<NodeKind>
                id="fw-node-kind"
                value={node.kind}
                onChange={(kind) => set({ kind }, 'kind')}
                options={[
                  { value: 'regular', label: t('fw.kind.regular') },
                  { value: 'bonus', label: t('fw.kind.bonus') },
                  { value: 'deduction', label: t('fw.kind.deduction') },
                ]}
              />
            </Form.Item>
          )}
        </div>
        {!isParent && (
          <MethodEditor node={node} readOnly={ro} problems={problems} onChange={(method, field) => set({ method }, `method:${field}`)} />
        )}
        <Typography.Title level={3} className="fw-panel-section">
          {t('fw.panel.texts')}
        </Typography.Title>
        <Form.Item label={t('fw.node.guidanceVi')} htmlFor="fw-node-gvi">
          <Input.TextArea id="fw-node-gvi" autoSize={{ minRows: 2, maxRows: 8 }} value={node.guidanceVi ?? ''} onChange={(e) => optional('guidanceVi', e.target.value)} />
        </Form.Item>
        <Form.Item label={t('fw.node.guidanceEn')} htmlFor="fw-node-gen">
          <Input.TextArea id="fw-node-gen" autoSize={{ minRows: 1, maxRows: 8 }} value={node.guidanceEn ?? ''} onChange={(e) => optional('guidanceEn', e.target.value)} />
        </Form.Item>
        <Form.Item label={t('fw.node.evidence')} htmlFor="fw-node-ev">
          <Input.TextArea id="fw-node-ev" autoSize={{ minRows: 1, maxRows: 6 }} value={node.evidenceVi ?? ''} onChange={(e) => optional('evidenceVi', e.target.value)} />
        </Form.Item>
        <Form.Item label={t('fw.node.appraisingBody')} htmlFor="fw-node-body" extra={ro ? undefined : t('fw.node.appraisingBodyHint')}>
          <Input id="fw-node-body" value={node.appraisingBody ?? ''} maxLength={200} onChange={(e) => optional('appraisingBody', e.target.value)} />
        </Form.Item>
      </Form>
    </Card>
  );
}
