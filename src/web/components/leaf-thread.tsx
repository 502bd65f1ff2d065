import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { type LeafView, usePostExplanation } from '../api/assessments';
import { formatDateTime } from '../i18n/format';
import { useLang, useT } from '../i18n/i18n-context';
import { EvidenceList } from './evidence-list';
import './cycle-styles.css';

type Message = LeafView['thread'][number];

/** The kind of a message in words: agrees, disputes, replies. */
function KindTag({ m }: { m: Message }) {
  const t = useT();
  if (m.kind === 'dispute') return <Tag color="orange">{t('thread.dispute')}</Tag>;
  if (m.kind === 'accept') return <Tag color="green">{t('thread.accept')}</Tag>;
  return <Tag color="blue">{t('thread.reply')}</Tag>;
}

/** A leaf's explanation thread: the agency's answers and the appraisers' replies, with timestamps and evidence. */
export function LeafThread({ thread, onPreview }: { thread: Message[]; onPreview: (id: number, items: Message['evidence']) => void }) {
  const t = useT();
  const { lang } = useLang();
  if (thread.length === 0) return <Typography.Paragraph type="secondary">{t('thread.empty')}</Typography.Paragraph>;
  return (
    <ol className="pi-thread" aria-label={t('thread.title')} data-testid="thread">
      {thread.map((m) => (
        <li key={m.id} className={`pi-thread-msg pi-thread-${m.side}`}>
          <div className="pi-thread-head">
            <strong>{m.side === 'agency' ? t('thread.agency') : t('thread.appraiser')}</strong>
            {m.authorName && <span>· {m.authorName}</span>}
            <KindTag m={m} />
            <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, lang)}</time>
          </div>
          {m.body && <div className="pi-thread-body">{m.body}</div>}
          {m.evidence.length > 0 && <EvidenceList items={m.evidence} onPreview={(id) => onPreview(id, m.evidence)} />}
        </li>
      ))}
    </ol>
  );
}

/** An appraiser's reply in a leaf's thread (during the explanation round and round 2). */
export function ThreadReplyForm({ assessmentId, code, version }: { assessmentId: number; code: string; version: number }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState('');
  const post = usePostExplanation(assessmentId);
  return (
    <div className="pi-thread-reply">
      <label htmlFor={id} className="pi-sa-label">
        {t('thread.replyLabel')}
      </label>
      <Input.TextArea id={id} value={text} onChange={(e) => setText(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
      {post.error && <Alert type="error" showIcon role="alert" title={post.error.message} />}
      <Button
        icon={<SendOutlined />}
        disabled={!text.trim()}
        loading={post.isPending}
        onClick={() => post.mutate({ code, body: { kind: 'reply', body: text.trim(), evidenceIds: [], version } }, { onSuccess: () => setText('') })}
        className="pi-thread-send"
      >
        {t('thread.send')}
      </Button>
    </div>
  );
}
