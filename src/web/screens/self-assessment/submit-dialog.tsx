import { Alert, Button, List, Modal, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import type { FrameworkNode } from '../../../core/schemas/framework';
import { type AssessmentDetail, useChecklist, useSubmitAssessment } from '../../api/assessments';
import { ApiError } from '../../api/client';
import { useLang, useT } from '../../i18n/i18n-context';

/**
 * The head's submission: first the checklist of what is missing (leaves not scored, scores without evidence or
 * explanation), each a link to the leaf; submitting only when nothing is missing.
 */
export function SubmitDialog({
  open,
  detail,
  onClose,
  onGoTo,
  flush,
  onSubmitted,
}: {
  open: boolean;
  detail: AssessmentDetail;
  onClose: () => void;
  onGoTo: (code: string) => void;
  /** Saves pending edits; false when some could not be saved. */
  flush: () => Promise<boolean>;
  onSubmitted: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const checklist = useChecklist(detail.id, open);
  const submit = useSubmitAssessment(detail.id);
  const [error, setError] = useState<string | null>(null);
  const nodes = new Map<string, FrameworkNode>(detail.framework.nodes.map((n) => [n.code, n]));
  const name = (code: string) => {
    const n = nodes.get(code);
    return n ? (lang === 'en' && n.nameEn ? n.nameEn : n.nameVi) : '';
  };
  const notScored = checklist.data?.notScored ?? [];
  const noEvidence = checklist.data?.noEvidence ?? [];
  const ready = checklist.isSuccess && notScored.length === 0 && noEvidence.length === 0;

  const confirm = async () => {
    setError(null);
    if (!(await flush())) {
      setError(t('selfAssess.unsavedBeforeSubmit'));
      return;
    }
    submit.mutate(detail.version, {
      onSuccess: () => onSubmitted(),
      onError: (err) => {
        setError(err.message);
        if (err instanceof ApiError) void checklist.refetch();
      },
    });
  };

  const section = (title: string, codes: string[], testId: string) =>
    codes.length > 0 && (
      <>
        <Typography.Title level={3} className="pi-sa-section-title">
          {title}
        </Typography.Title>
        <List
          size="small"
          data-testid={testId}
          className="pi-checklist"
          dataSource={codes}
          renderItem={(code) => (
            <List.Item>
              <button type="button" className="pi-link-button" onClick={() => onGoTo(code)}>
                <span className="pi-code">{code}</span> {name(code)}
              </button>
            </List.Item>
          )}
        />
      </>
    );

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('selfAssess.submitTitle', { year: detail.year })}
      width={640}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.cancel')}
        </Button>,
        <Button key="ok" type="primary" disabled={!ready} loading={submit.isPending} onClick={() => void confirm()}>
          {t('selfAssess.submitConfirm')}
        </Button>,
      ]}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} className="pi-sa-alert" />}
      {checklist.isPending ? (
        <Skeleton active />
      ) : checklist.error ? (
        <Alert type="error" showIcon title={checklist.error.message} />
      ) : ready ? (
        <Alert type="success" showIcon title={t('selfAssess.checklistReady')} description={t('selfAssess.submitWarning')} data-testid="checklist-ready" />
      ) : (
        <>
          <Alert type="warning" showIcon title={t('selfAssess.checklistBlocked', { notScored: notScored.length, noEvidence: noEvidence.length })} />
          {section(t('selfAssess.notScored'), notScored, 'checklist-not-scored')}
          {section(t('selfAssess.noEvidence'), noEvidence, 'checklist-no-evidence')}
        </>
      )}
    </Modal>
  );
}
