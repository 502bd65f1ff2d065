import { Button, Card, Skeleton, Table, Tooltip } from 'antd';
import { type BackupItem, useBackups } from '../../api/backups';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { StatusTag, type StatusTone } from '../../components/status-tag';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';

const TONES: Record<BackupItem['status'], StatusTone> = { verified: 'ok', unverified: 'warn', running: 'off', failed: 'danger', unreadable: 'danger' };

/** A size in bytes as MB (or KB below one megabyte). */
function size(bytes: number, lang: 'vi' | 'en'): string {
  return bytes >= 1024 * 1024 ? `${formatNumber(bytes / 1024 / 1024, lang, 1)} MB` : `${formatNumber(Math.ceil(bytes / 1024), lang)} KB`;
}

/** Administrators: the scheduled backups (BACKUP_DIR or the S3 bucket), each with its verification and contents. */
export default function BackupsPage() {
  const t = useT();
  const { lang } = useLang();
  const { data, isPending, error, refetch } = useBackups();

  return (
    <>
      <PageHeader title={t('backup.title')} subtitle={t('backup.subtitle')} crumbs={[{ title: t('nav.groupAdmin') }, { title: t('backup.title') }]} />
      <Card className="pi-card">
        {isPending ? (
          <Skeleton active />
        ) : error ? (
          <EmptyState title={t('error.loadFailed')} hint={error.message} actions={<Button onClick={() => void refetch()}>{t('action.retry')}</Button>} />
        ) : !data.location ? (
          <EmptyState title={t('backup.notConfiguredTitle')} hint={t('backup.notConfiguredHint')} />
        ) : (
          <>
            <p className="pi-muted">{t('backup.location', { location: data.location, keep: data.keep ?? 0 })}</p>
            <Table<BackupItem>
              size="small"
              rowKey="name"
              dataSource={data.items}
              pagination={false}
              locale={{ emptyText: t('backup.none') }}
              scroll={{ x: 'max-content' }}
              columns={[
                { key: 'createdAt', title: t('backup.createdAt'), render: (_, b) => formatDateTime(b.createdAt, lang) },
                { key: 'name', title: t('backup.name'), render: (_, b) => <span className="pi-code">{b.name}</span> },
                { key: 'size', title: t('backup.size'), align: 'right', render: (_, b) => (b.bytes === null ? '—' : size(b.bytes, lang)) },
                {
                  key: 'status',
                  title: t('common.status'),
                  render: (_, b) => {
                    const hint =
                      b.status === 'verified' && b.verifiedAt ? t('backup.verifiedAt', { at: formatDateTime(b.verifiedAt, lang) }) : b.status === 'unverified' ? t('backup.unverifiedHint') : b.error;
                    const tag = <StatusTag tone={TONES[b.status]}>{t(`backup.status.${b.status}`)}</StatusTag>;
                    return hint ? <Tooltip title={hint}>{tag}</Tooltip> : tag;
                  },
                },
                {
                  key: 'contents',
                  title: t('backup.contents'),
                  render: (_, b) =>
                    b.summary ? (
                      <>
                        {t('backup.contentsValue', {
                          tables: b.summary.tables,
                          rows: formatNumber(b.summary.rows, lang),
                          files: formatNumber(b.summary.files, lang),
                          fileSize: size(b.summary.fileBytes, lang),
                        })}
                        <div className="pi-muted">{t('backup.migrations', { count: b.summary.migrations })}</div>
                      </>
                    ) : (
                      <span className="pi-muted">{b.error ?? '—'}</span>
                    ),
                },
              ]}
            />
            <p className="pi-muted" style={{ marginTop: 12 }}>
              {t('backup.restoreHint')}
            </p>
          </>
        )}
      </Card>
    </>
  );
}
