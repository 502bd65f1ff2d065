import { CopyOutlined, EditOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, Button, Card, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { PeriodView } from '../../api/periods';
import { type SnapshotSummary, useSnapshot, useSnapshots } from '../../api/publication';
import { GuardedButton } from '../../components/guarded-button';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { CorrectionModal } from './correction-modal';

/** Every published revision of a period with its SHA-256 hash (verified on request), and corrections with a reason. */
export function SnapshotsPanel({ period }: { period: PeriodView }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const list = useSnapshots(period.id, true);
  const [verify, setVerify] = useState<number | null>(null);
  const checked = useSnapshot(period.id, verify);
  const [correcting, setCorrecting] = useState(false);

  const copy = (hash: string) =>
    void navigator.clipboard.writeText(hash).then(
      () => void message.success(t('common.copied')),
      () => void message.error(t('common.copyFailed')),
    );

  return (
    <Card
      size="small"
      className="pi-card"
      title={t('periods.snap.title')}
      extra={
        <GuardedButton allowed={period.abilities.correct === true && period.phase === 'published'} deniedReason={t('periods.snap.correctWhen')} icon={<EditOutlined />} onClick={() => setCorrecting(true)}>
          {t('periods.snap.correct')}
        </GuardedButton>
      }
    >
      <Table<SnapshotSummary>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: t('periods.snap.revision'), key: 'rev', width: 110, render: (_, s) => <span>{s.revision} {s.isLatest && <Tag color="green">{t('periods.snap.latest')}</Tag>}</span> },
          { title: t('periods.snap.publishedAt'), key: 'at', width: 160, render: (_, s) => formatDateTime(s.publishedAt, lang) },
          { title: t('periods.pub.decisionNumber'), key: 'dec', render: (_, s) => [s.decisionNumber, s.decisionDate && formatDate(s.decisionDate, lang)].filter(Boolean).join(' · ') || '—' },
          { title: t('periods.snap.reason'), key: 'reason', render: (_, s) => s.reason ?? t('periods.snap.firstPublication') },
          {
            title: t('periods.snap.hash'),
            key: 'hash',
            render: (_, s) => (
              <span className="pi-hash">
                <Tooltip title={s.contentHash}>
                  <code className="pi-code">{s.contentHash.slice(0, 16)}…</code>
                </Tooltip>
                <Button type="text" size="small" icon={<CopyOutlined />} aria-label={t('periods.snap.copyHash')} onClick={() => copy(s.contentHash)} />
                <Button type="link" size="small" icon={<SafetyCertificateOutlined />} loading={verify === s.revision && checked.isFetching} onClick={() => setVerify(s.revision)}>
                  {verify === s.revision && checked.data ? (checked.data.verified ? t('periods.snap.verified') : t('periods.snap.tampered')) : t('periods.snap.verify')}
                </Button>
              </span>
            ),
          },
        ]}
      />
      {verify !== null && checked.error && <Typography.Text type="danger">{checked.error.message}</Typography.Text>}
      <CorrectionModal period={period} open={correcting} onClose={() => setCorrecting(false)} />
    </Card>
  );
}
