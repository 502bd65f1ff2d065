import { ArrowDownOutlined, ArrowUpOutlined, HistoryOutlined, StepForwardOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { useId } from 'react';
import { describeMethod } from '../../../core/domain/explain-derivation';
import { LEAF_METHOD_LABELS } from '../../../core/domain/framework';
import type { FrameworkNode } from '../../../core/schemas/framework';
import type { AssessmentDetail } from '../../api/assessments';
import { LeafInputField, usePointsText } from '../../components/leaf-input';
import { LeafStageSummary } from '../../components/leaf-stage-summary';
import { useLang, useT } from '../../i18n/i18n-context';
import { LeafEvidenceSection } from './leaf-evidence-section';
import type { LeafRow } from './leaf-state';
import type { SelfAutosave } from './use-self-autosave';

/** The selected leaf: what it asks, its input in its method, comment, evidence, explanation, and moving on. */
export function LeafEditor({
  detail,
  row,
  ancestors,
  canEdit,
  autosave,
  position,
  onPrev,
  onNext,
  onNextIncomplete,
  onHistory,
  onPreview,
}: {
  detail: AssessmentDetail;
  row: LeafRow;
  ancestors: FrameworkNode[];
  canEdit: boolean;
  autosave: SelfAutosave;
  position: { index: number; total: number };
  onPrev: () => void;
  onNext: () => void;
  onNextIncomplete: (() => void) | null;
  onHistory: () => void;
  onPreview: (id: number) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const pointsText = usePointsText();
  const id = useId();
  const { node, leaf } = row;
  const code = node.code;
  const name = (n: FrameworkNode) => (lang === 'en' && n.nameEn ? n.nameEn : n.nameVi);
  const guidance = lang === 'en' && node.guidanceEn ? node.guidanceEn : node.guidanceVi;
  const survey = node.method?.type === 'survey';
  const rule = node.method ? describeMethod(node.method, node.maxPoints, lang) : null;
  const scored = row.completion !== 'empty' && !survey;
  const conflict = autosave.conflicts[code];
  const problem = autosave.problems[code];
  const noEvidence = (leaf?.evidence.length ?? 0) === 0;
  const showExplanation = !survey && row.input?.notApplicable !== true && (noEvidence || (row.explanation ?? '') !== '');

  return (
    <article className="pi-sa-editor" aria-labelledby={`${id}-title`} data-testid="leaf-editor">
      <header className="pi-sa-editor-head">
        <div className="pi-sa-crumbs">{ancestors.map((a) => `${a.code}. ${name(a)}`).join(' › ')}</div>
        <Typography.Title level={2} id={`${id}-title`} className="pi-sa-leaf-title">
          <span className="pi-code">{code}</span> {name(node)}
        </Typography.Title>
        <Space wrap size={[8, 4]}>
          <Tag>{t('leaf.max', { points: pointsText(node.maxPoints) })}</Tag>
          {node.method && <Tag color="blue">{LEAF_METHOD_LABELS[node.method.type][lang]}</Tag>}
          {node.kind !== 'regular' && <Tag color={node.kind === 'bonus' ? 'green' : 'red'}>{t(node.kind === 'bonus' ? 'leaf.bonus' : 'leaf.deduction')}</Tag>}
          <span className="pi-sa-position">{t('selfAssess.position', { index: position.index, total: position.total })}</span>
        </Space>
      </header>

      {conflict && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="pi-sa-alert"
          title={t('selfAssess.conflictTitle')}
          description={t('selfAssess.conflictText')}
          action={
            <Space orientation="vertical">
              <Button size="small" type="primary" onClick={() => autosave.reapplyConflict(code)} disabled={!canEdit}>
                {t('selfAssess.reapply')}
              </Button>
              <Button size="small" onClick={() => autosave.dismissConflict(code)}>
                {t('selfAssess.keepTheirs')}
              </Button>
            </Space>
          }
        />
      )}
      {problem && <Alert type="error" showIcon role="alert" className="pi-sa-alert" title={problem.message} description={problem.fields.map((f) => f.message).join(' ')} />}

      {(guidance || node.evidenceVi) && (
        <div className="pi-sa-guidance">
          {guidance && <Typography.Paragraph className="pi-sa-guidance-text">{guidance}</Typography.Paragraph>}
          {node.evidenceVi && (
            <Typography.Paragraph className="pi-sa-guidance-text">
              <strong>{t('leaf.requiredEvidence')}</strong> {node.evidenceVi}
            </Typography.Paragraph>
          )}
        </div>
      )}
      {rule && !(guidance ?? '').includes(rule.replace(/\.$/, '')) && <Typography.Paragraph type="secondary" className="pi-sa-rule">{t('leaf.rule', { rule })}</Typography.Paragraph>}

      <section className="pi-sa-section" aria-label={t('selfAssess.scoreSection')}>
        <Typography.Title level={3} className="pi-sa-section-title">
          {t('selfAssess.scoreSection')}
        </Typography.Title>
        <LeafInputField node={node} value={row.input} disabled={!canEdit} surveyPoints={leaf?.surveyPoints ?? null} onChange={(input) => autosave.edit(code, { input })} />
        <div className="pi-sa-lastyear">{t('leaf.lastYear', { points: leaf?.lastYearPoints != null ? pointsText(leaf.lastYearPoints) : t('leaf.noLastYear') })}</div>
      </section>

      {leaf && (leaf.appraisal1 || leaf.final) && <LeafStageSummary leaf={leaf} node={node} />}

      {!survey && (
        <section className="pi-sa-section">
          <label htmlFor={`${id}-comment`} className="pi-sa-label">
            {t('selfAssess.comment')}
          </label>
          <Tooltip title={!scored && canEdit ? t('selfAssess.scoreFirst') : undefined}>
            <Input.TextArea
              id={`${id}-comment`}
              value={row.comment ?? ''}
              disabled={!canEdit || (!scored && !row.comment)}
              maxLength={5000}
              autoSize={{ minRows: 2, maxRows: 6 }}
              onChange={(e) => autosave.edit(code, { comment: e.target.value || null })}
              placeholder={t('selfAssess.commentPlaceholder')}
            />
          </Tooltip>
        </section>
      )}

      {leaf && !survey && (
        <LeafEvidenceSection detail={detail} leaf={leaf} canEdit={canEdit} autosave={autosave} onPreview={onPreview} />
      )}

      {scored && row.completion === 'missing' && (
        <Alert type="warning" showIcon className="pi-sa-alert" title={t('selfAssess.missingTitle')} description={t('selfAssess.missingText')} data-testid="missing-evidence" />
      )}
      {showExplanation && (
        <section className="pi-sa-section">
          <label htmlFor={`${id}-explanation`} className="pi-sa-label">
            {t('selfAssess.explanation')}
          </label>
          <Input.TextArea
            id={`${id}-explanation`}
            value={row.explanation ?? ''}
            disabled={!canEdit || (!scored && !row.explanation)}
            maxLength={5000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            onChange={(e) => autosave.edit(code, { explanation: e.target.value || null })}
            placeholder={t('selfAssess.explanationPlaceholder')}
          />
        </section>
      )}

      <footer className="pi-sa-editor-foot">
        <Space wrap>
          <Button icon={<ArrowUpOutlined />} onClick={onPrev} aria-keyshortcuts="Alt+ArrowUp" title="Alt + ↑">
            {t('selfAssess.prev')}
          </Button>
          <Button icon={<ArrowDownOutlined />} onClick={onNext} aria-keyshortcuts="Alt+ArrowDown" title="Alt + ↓">
            {t('selfAssess.next')}
          </Button>
          <Button icon={<StepForwardOutlined />} onClick={onNextIncomplete ?? undefined} disabled={!onNextIncomplete} aria-keyshortcuts="Alt+N" title="Alt + N">
            {t('selfAssess.nextIncomplete')}
          </Button>
        </Space>
        <Button type="link" icon={<HistoryOutlined />} onClick={onHistory}>
          {t('selfAssess.history')}
        </Button>
      </footer>
      <p className="pi-sa-keys">{t('selfAssess.keys')}</p>
    </article>
  );
}
