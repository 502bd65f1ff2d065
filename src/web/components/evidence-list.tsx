import { DeleteOutlined, DownloadOutlined, EyeOutlined, FileImageOutlined, FileOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import type { z } from 'zod';
import type { evidenceBrief } from '../../core/schemas/assessments';
import { evidenceFileUrl } from '../api/evidence';
import { formatDate } from '../i18n/format';
import { useLang, useT } from '../i18n/i18n-context';
import './cycle-styles.css';

export type EvidenceBrief = z.infer<typeof evidenceBrief>;

export function EvidenceIcon({ mime }: { mime: string }) {
  if (mime === 'application/pdf') return <FilePdfOutlined aria-hidden className="pi-evidence-icon pi-evidence-pdf" />;
  if (mime.startsWith('image/')) return <FileImageOutlined aria-hidden className="pi-evidence-icon" />;
  return <FileOutlined aria-hidden className="pi-evidence-icon" />;
}

/** "Số 12/KH-BDT · 15/01/2020 · Ban Dân tộc": a document's identifying facts in one line. */
export function useEvidenceFacts() {
  const t = useT();
  const { lang } = useLang();
  return (e: Pick<EvidenceBrief, 'docNumber' | 'issuedOn' | 'issuer' | 'originalName'>) =>
    [e.docNumber && t('evidence.numberShort', { number: e.docNumber }), e.issuedOn && formatDate(e.issuedOn, lang), e.issuer, !e.docNumber && !e.issuer ? e.originalName : null]
      .filter(Boolean)
      .join(' · ');
}

/** The documents attached to a leaf (or a message): preview in the browser, download, and optionally remove. */
export function EvidenceList({
  items,
  onPreview,
  onRemove,
  removeDisabledReason,
}: {
  items: EvidenceBrief[];
  onPreview: (id: number) => void;
  onRemove?: (id: number) => void;
  removeDisabledReason?: string;
}) {
  const t = useT();
  const facts = useEvidenceFacts();
  if (items.length === 0) return null;
  return (
    <ul className="pi-evidence-list" aria-label={t('evidence.attached')}>
      {items.map((e) => (
        <li key={e.id} className="pi-evidence-item">
          <EvidenceIcon mime={e.mime} />
          <div className="pi-evidence-text">
            <button type="button" className="pi-link-button pi-evidence-title" onClick={() => onPreview(e.id)}>
              {e.title}
            </button>
            <span className="pi-evidence-facts">{facts(e)}</span>
          </div>
          <div className="pi-evidence-actions">
            <Tooltip title={e.inline ? t('evidence.preview') : t('evidence.noPreview')}>
              <Button type="text" size="small" icon={<EyeOutlined />} aria-label={`${t('evidence.preview')}: ${e.title}`} onClick={() => onPreview(e.id)} />
            </Tooltip>
            <Tooltip title={t('evidence.download')}>
              <Button type="text" size="small" icon={<DownloadOutlined />} aria-label={`${t('evidence.download')}: ${e.title}`} href={evidenceFileUrl(e.id, true)} />
            </Tooltip>
            {onRemove && (
              <Tooltip title={removeDisabledReason ?? t('evidence.detach')}>
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={!!removeDisabledReason}
                  aria-label={`${t('evidence.detach')}: ${e.title}`}
                  onClick={() => onRemove(e.id)}
                />
              </Tooltip>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
