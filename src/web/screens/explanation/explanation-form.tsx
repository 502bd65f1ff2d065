import { PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Radio, Space } from 'antd';
import { useId, useState } from 'react';
import type { EvidenceView } from '../../api/evidence';
import { type LeafView, usePostExplanation } from '../../api/assessments';
import { EvidenceAttachModal } from '../../components/evidence-attach-modal';
import { EvidenceList, type EvidenceBrief } from '../../components/evidence-list';
import { useEvidenceLibrary } from '../../api/evidence';
import { useT } from '../../i18n/i18n-context';

/** The agency's answer to one adjustment: accept it, or dispute it with an argument and new evidence. */
export function ExplanationForm({
  assessmentId,
  agencyId,
  leaf,
  onPreview,
  onSent,
}: {
  assessmentId: number;
  agencyId: number;
  leaf: LeafView;
  onPreview: (id: number, items: EvidenceBrief[]) => void;
  onSent: (kind: 'accept' | 'dispute') => void;
}) {
  const t = useT();
  const id = useId();
  const [kind, setKind] = useState<'accept' | 'dispute'>('dispute');
  const [text, setText] = useState('');
  const [evidenceIds, setEvidenceIds] = useState<number[]>([]);
  const [attachOpen, setAttachOpen] = useState(false);
  const [missing, setMissing] = useState<string | null>(null);
  const post = usePostExplanation(assessmentId);
  const library = useEvidenceLibrary(evidenceIds.length ? agencyId : undefined, { pageSize: 200 });
  const chosen: EvidenceBrief[] = (library.data?.items ?? []).filter((e: EvidenceView) => evidenceIds.includes(e.id));

  const send = () => {
    setMissing(null);
    if (kind === 'dispute' && !text.trim()) return setMissing(t('explain.needArgument'));
    post.mutate(
      { code: leaf.code, body: { kind, body: text.trim(), evidenceIds, version: leaf.version } },
      {
        onSuccess: () => {
          setText('');
          setEvidenceIds([]);
          onSent(kind);
        },
      },
    );
  };

  return (
    <div className="pi-ex-form" data-testid="explanation-form">
      <Radio.Group
        value={kind}
        onChange={(e) => setKind(e.target.value as 'accept' | 'dispute')}
        optionType="button"
        buttonStyle="solid"
        aria-label={t('explain.answer')}
        options={[
          { value: 'dispute', label: t('explain.dispute') },
          { value: 'accept', label: t('explain.accept') },
        ]}
      />
      <label htmlFor={id} className="pi-sa-label">
        {kind === 'dispute' ? t('explain.argument') : t('explain.acceptNote')}
      </label>
      <Input.TextArea id={id} value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} placeholder={kind === 'dispute' ? t('explain.argumentPlaceholder') : undefined} />
      {kind === 'dispute' && (
        <>
          <EvidenceList items={chosen} onPreview={(eid) => onPreview(eid, chosen)} onRemove={(eid) => setEvidenceIds((ids) => ids.filter((x) => x !== eid))} />
          <Button icon={<PaperClipOutlined />} onClick={() => setAttachOpen(true)} className="pi-ex-attach">
            {t('explain.addEvidence')}
          </Button>
        </>
      )}
      {(missing || post.error) && <Alert type="error" showIcon role="alert" title={missing ?? post.error?.message} />}
      <Space>
        <Button type="primary" icon={<SendOutlined />} loading={post.isPending} onClick={send}>
          {kind === 'dispute' ? t('explain.sendDispute') : t('explain.sendAccept')}
        </Button>
      </Space>
      <EvidenceAttachModal
        open={attachOpen}
        agencyId={agencyId}
        attachedIds={evidenceIds}
        onClose={() => setAttachOpen(false)}
        onAttach={async (ids) => {
          setEvidenceIds(ids);
          setAttachOpen(false);
        }}
      />
    </div>
  );
}
