import { Alert, Button, Form, Input, Radio, Select, Space } from 'antd';
import { useId, useState } from 'react';
import { ADJUSTMENT_REASONS } from '../../../core/domain/workflow';
import type { FrameworkNode, LeafInput } from '../../../core/schemas/framework';
import { type AppraisalBody, type LeafView, useAppraiseLeaf } from '../../api/assessments';
import { ApiError } from '../../api/client';
import { isEmptyLeafInput, LeafInputField } from '../../components/leaf-input';
import { useLang, useT } from '../../i18n/i18n-context';

type Decision = AppraisalBody['decision'];

/**
 * One leaf's appraisal decision: round 1 accepts the self-score or adjusts it; round 2 accepts the agency's claim,
 * confirms round 1, or adjusts. An adjustment needs the appraised value and a reason code; a comment is optional.
 */
export function AppraisalDecisionForm({
  assessmentId,
  leaf,
  node,
  round,
  onDone,
}: {
  assessmentId: number;
  leaf: LeafView;
  node: FrameworkNode;
  round: 1 | 2;
  onDone: (message: string) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const current = round === 1 ? leaf.appraisal1 : leaf.final;
  const initialDecision: Decision = current?.decision === 'adjusted' ? 'adjust' : current?.decision === 'confirmed' ? 'confirm' : round === 2 && leaf.appraisal1?.decision === 'adjusted' ? 'confirm' : 'accept';
  const [decision, setDecision] = useState<Decision>(initialDecision);
  const [input, setInput] = useState<LeafInput | null>(current?.decision === 'adjusted' ? current.input : (round === 2 ? leaf.appraisal1?.input : leaf.self?.input) ?? null);
  const [reasonCode, setReasonCode] = useState<string | null>(current?.reasonCode ?? null);
  const [comment, setComment] = useState(current?.comment ?? '');
  const [missing, setMissing] = useState<string | null>(null);
  const appraise = useAppraiseLeaf(assessmentId);
  const id = useId();
  const fieldError = (path: string) => (appraise.error instanceof ApiError ? appraise.error.fields.find((f) => f.path === path || f.path.startsWith(`${path}.`))?.message : undefined);

  const save = () => {
    setMissing(null);
    if (decision === 'adjust' && isEmptyLeafInput(input)) return setMissing(t('appraise.needValue'));
    if (decision === 'adjust' && !reasonCode) return setMissing(t('appraise.needReason'));
    const body: AppraisalBody = {
      round,
      decision,
      version: leaf.version,
      comment: comment.trim() || null,
      ...(decision === 'adjust' ? { input, reasonCode } : {}),
    };
    appraise.mutate(
      { code: leaf.code, body },
      { onSuccess: () => onDone(t(decision === 'adjust' ? 'appraise.savedAdjusted' : 'appraise.savedAccepted', { code: leaf.code })) },
    );
  };

  const options =
    round === 1
      ? [
          { value: 'accept', label: t('appraise.acceptSelf') },
          { value: 'adjust', label: t('appraise.adjust') },
        ]
      : [
          { value: 'accept', label: t('appraise.acceptClaim') },
          { value: 'confirm', label: t('appraise.confirmRound1') },
          { value: 'adjust', label: t('appraise.adjust') },
        ];

  return (
    <Form layout="vertical" className="pi-ap-form" onFinish={save} data-testid="appraisal-form">
      <Form.Item label={t('appraise.decision')}>
        <Radio.Group aria-label={t('appraise.decision')} value={decision} onChange={(e) => setDecision(e.target.value as Decision)} options={options} optionType="button" buttonStyle="solid" />
      </Form.Item>
      {decision === 'adjust' && (
        <>
          <Form.Item label={t('appraise.appraisedValue')} validateStatus={fieldError('input') ? 'error' : undefined} help={fieldError('input')}>
            <LeafInputField node={node} value={input} onChange={setInput} />
          </Form.Item>
          <Form.Item label={t('appraise.reason')} htmlFor={`${id}-reason`} required validateStatus={fieldError('reasonCode') ? 'error' : undefined} help={fieldError('reasonCode')}>
            <Select
              id={`${id}-reason`}
              value={reasonCode ?? undefined}
              onChange={setReasonCode}
              placeholder={t('appraise.reasonPlaceholder')}
              options={Object.entries(ADJUSTMENT_REASONS).map(([code, l]) => ({ value: code, label: l[lang] }))}
            />
          </Form.Item>
        </>
      )}
      <Form.Item label={t('appraise.comment')} htmlFor={`${id}-comment`}>
        <Input.TextArea id={`${id}-comment`} value={comment} onChange={(e) => setComment(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} placeholder={t('appraise.commentPlaceholder')} />
      </Form.Item>
      {(missing || (appraise.error && !fieldError('input') && !fieldError('reasonCode'))) && (
        <Alert type={appraise.error instanceof ApiError && appraise.error.code === 'conflict' ? 'warning' : 'error'} showIcon role="alert" title={missing ?? appraise.error?.message} className="pi-sa-alert" />
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={appraise.isPending}>
          {t('appraise.save')}
        </Button>
      </Space>
    </Form>
  );
}
