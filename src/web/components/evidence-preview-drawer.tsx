import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Empty, Grid, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { evidenceFileUrl } from '../api/evidence';
import { useT } from '../i18n/i18n-context';
import { EvidenceIcon, type EvidenceBrief, useEvidenceFacts } from './evidence-list';
import './cycle-styles.css';

/**
 * The document as a `blob:` URL: the server forbids framing its responses, and the page may frame its own blobs,
 * so a PDF is fetched with the session and shown from memory (revoked when the preview changes).
 */
function useBlobUrl(url: string | null): { src: string | null; error: string | null } {
  const t = useT();
  const [state, setState] = useState<{ src: string | null; error: string | null }>({ src: null, error: null });
  useEffect(() => {
    if (!url) return;
    let revoked = false;
    let objectUrl: string | null = null;
    setState({ src: null, error: null });
    fetch(url, { credentials: 'same-origin' })
      .then(async (res) => {
        if (!res.ok) throw new Error(res.status === 404 ? t('evidence.gone') : t('error.loadFailed'));
        const blob = await res.blob();
        if (revoked) return;
        objectUrl = URL.createObjectURL(blob);
        setState({ src: objectUrl, error: null });
      })
      .catch((err: unknown) => !revoked && setState({ src: null, error: err instanceof Error && err.message !== 'Failed to fetch' ? err.message : t('error.network') }));
    return () => {
      revoked = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url, t]);
  return state;
}

/** A PDF previewed from a blob of the file. */
function PdfFrame({ id, title }: { id: number; title: string }) {
  const { src, error } = useBlobUrl(evidenceFileUrl(id));
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!src) return <Spin className="pi-evidence-loading" />;
  return <iframe className="pi-evidence-frame" src={src} title={title} />;
}

/**
 * A side drawer that previews evidence in the browser: PDF in the browser's viewer, images inline, other types
 * offered as a download. Several documents are listed on the left and switch the preview.
 */
export function EvidencePreviewDrawer({
  items,
  activeId,
  onClose,
  title,
}: {
  items: EvidenceBrief[];
  /** The document to show first; null closes the drawer. */
  activeId: number | null;
  onClose: () => void;
  title?: string;
}) {
  const t = useT();
  const facts = useEvidenceFacts();
  const screens = Grid.useBreakpoint();
  const [current, setCurrent] = useState<number | null>(activeId);
  useEffect(() => setCurrent(activeId), [activeId]);
  const doc = items.find((e) => e.id === current) ?? items[0] ?? null;
  return (
    <Drawer
      open={activeId !== null}
      onClose={onClose}
      size={screens.lg ? 900 : '100%'}
      title={title ?? t('evidence.previewTitle')}
      destroyOnHidden
      extra={
        doc && (
          <Button icon={<DownloadOutlined />} href={evidenceFileUrl(doc.id, true)}>
            {t('evidence.download')}
          </Button>
        )
      }
    >
      <div className="pi-evidence-viewer">
        {items.length > 1 && (
          <nav className="pi-evidence-viewer-list" aria-label={t('evidence.attached')}>
            {items.map((e) => (
              <button
                type="button"
                key={e.id}
                className={`pi-evidence-viewer-item${e.id === doc?.id ? ' is-active' : ''}`}
                aria-current={e.id === doc?.id}
                onClick={() => setCurrent(e.id)}
              >
                <EvidenceIcon mime={e.mime} />
                <span>{e.title}</span>
              </button>
            ))}
          </nav>
        )}
        <div className="pi-evidence-viewer-main">
          {!doc ? (
            <Empty description={t('evidence.none')} />
          ) : (
            <>
              <div className="pi-evidence-viewer-head">
                <Typography.Text strong>{doc.title}</Typography.Text>
                <Typography.Text type="secondary">{facts(doc)}</Typography.Text>
              </div>
              {doc.mime.startsWith('image/') ? (
                <img className="pi-evidence-image" src={evidenceFileUrl(doc.id)} alt={doc.title} />
              ) : doc.inline ? (
                <PdfFrame key={doc.id} id={doc.id} title={doc.title} />
              ) : (
                <Empty
                  description={t('evidence.noPreviewText', { name: doc.originalName })}
                  image={<EvidenceIcon mime={doc.mime} />}
                >
                  <Button type="primary" icon={<DownloadOutlined />} href={evidenceFileUrl(doc.id, true)}>
                    {t('evidence.download')}
                  </Button>
                </Empty>
              )}
            </>
          )}
        </div>
      </div>
    </Drawer>
  );
}
