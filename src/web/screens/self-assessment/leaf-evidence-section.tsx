import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Typography, Upload } from 'antd';
import { useState } from 'react';
import { setLeafEvidence, useRefreshAssessment, type AssessmentDetail, type LeafView } from '../../api/assessments';
import { EvidenceAttachModal } from '../../components/evidence-attach-modal';
import { EvidenceList } from '../../components/evidence-list';
import { EVIDENCE_ACCEPT } from '../../api/evidence';
import { useT } from '../../i18n/i18n-context';
import type { SelfAutosave } from './use-self-autosave';

/**
 * The evidence of one leaf: documents attached (preview, download, detach) and attaching more from the agency's
 * library or by dropping a file here. Changes run after the leaf's pending saves, with the leaf's latest version.
 */
export function LeafEvidenceSection({
  detail,
  leaf,
  canEdit,
  autosave,
  onPreview,
}: {
  detail: AssessmentDetail;
  leaf: LeafView;
  canEdit: boolean;
  autosave: SelfAutosave;
  onPreview: (id: number) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const refresh = useRefreshAssessment();
  const [open, setOpen] = useState(false);
  const [dropped, setDropped] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = leaf.evidence.map((e) => e.id);

  const change = (next: number[]) =>
    autosave.runOnLeaf(leaf.code, async () => {
      setBusy(true);
      try {
        const current = autosave.leafOf(leaf.code);
        const res = await setLeafEvidence(detail.id, leaf.code, next, current?.version ?? 0);
        autosave.setLeafVersion(leaf.code, res.version);
      } finally {
        setBusy(false);
        refresh(detail.id);
      }
    });

  const attach = async (next: number[]) => {
    await change(next);
    void message.success(t('evidence.attachedOk'));
    setOpen(false);
    setDropped(null);
  };

  const detach = (id: number) =>
    void change(ids.filter((x) => x !== id)).then(
      () => void message.success(t('evidence.detachedOk')),
      (err: unknown) => void message.error(err instanceof Error ? err.message : String(err)),
    );

  return (
    <section className="pi-sa-section" aria-labelledby={`ev-${leaf.code}`}>
      <div className="pi-sa-section-head">
        <Typography.Title level={3} id={`ev-${leaf.code}`} className="pi-sa-section-title">
          {t('evidence.sectionTitle', { count: leaf.evidence.length })}
        </Typography.Title>
        {canEdit && (
          <Button icon={<PaperClipOutlined />} onClick={() => setOpen(true)} loading={busy}>
            {t('evidence.attach')}
          </Button>
        )}
      </div>
      {leaf.evidence.length === 0 && <Typography.Paragraph type="secondary">{t('evidence.noneOnLeaf')}</Typography.Paragraph>}
      <EvidenceList items={leaf.evidence} onPreview={onPreview} {...(canEdit ? { onRemove: detach } : {})} />
      {canEdit && (
        <Upload.Dragger
          className="pi-sa-drop"
          accept={EVIDENCE_ACCEPT}
          multiple={false}
          showUploadList={false}
          beforeUpload={(f) => {
            setDropped(f);
            setOpen(true);
            return false;
          }}
        >
          <span className="pi-sa-drop-text">{t('evidence.dropShort')}</span>
        </Upload.Dragger>
      )}
      <EvidenceAttachModal
        open={open}
        agencyId={detail.agencyId}
        attachedIds={ids}
        initialFile={dropped}
        busy={busy}
        onClose={() => {
          setOpen(false);
          setDropped(null);
        }}
        onAttach={attach}
      />
    </section>
  );
}
