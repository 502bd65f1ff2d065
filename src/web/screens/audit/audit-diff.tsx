import { Table, Typography } from 'antd';
import type { AuditEntry } from '../../api/audit';
import { useLang, useT } from '../../i18n/i18n-context';
import { roleLabel } from '../../i18n/names';
import type { Lang } from '../../i18n/translate';
import { ROLES, type Role } from '../../../core/domain/roles';
import { fieldLabel } from './audit-labels';
import { asRecord, type DiffRow, diffRows } from './audit-rows';

function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}

/** A value as a civil servant reads it: Có/Không, "—" for nothing, roles by name, lists one per line. */
function Value({ value, lang, t }: { value: unknown; lang: Lang; t: ReturnType<typeof useT> }) {
  if (value === undefined || value === null || value === '') return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'string' || typeof value === 'number') return <>{String(value)}</>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
    return (
      <ul className="pi-plain-list">
        {value.map((v, i) => {
          const r = asRecord(v);
          if (r && isRole(r.role)) {
            const extra = Object.entries(r)
              .filter(([k, x]) => k !== 'role' && x != null && !(Array.isArray(x) && x.length === 0))
              .map(([k, x]) => `${fieldLabel(k, lang)}: ${Array.isArray(x) ? x.join(', ') : String(x)}`);
            return <li key={i}>{[roleLabel(lang, r.role), ...extra].join(' · ')}</li>;
          }
          return <li key={i}>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</li>;
        })}
      </ul>
    );
  }
  return <code className="pi-json">{JSON.stringify(value)}</code>;
}

/** Old → new of one audit entry as a readable key/value table. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const { lang } = useLang();
  const rows = diffRows(entry.oldValue, entry.newValue);
  const hasOld = asRecord(entry.oldValue) != null;
  return (
    <div className="pi-audit-detail">
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('audit.noDetails')}</Typography.Text>
      ) : (
        <Table<DiffRow>
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          rowClassName={(r) => (r.changed ? 'pi-diff-changed' : 'pi-diff-same')}
          columns={[
            { title: t('audit.field'), dataIndex: 'field', width: 220, render: (f: string) => fieldLabel(f, lang) },
            ...(hasOld
              ? [{ title: t('audit.before'), key: 'before', render: (_: unknown, r: DiffRow) => <Value value={r.before} lang={lang} t={t} /> }]
              : []),
            { title: hasOld ? t('audit.after') : t('audit.value'), key: 'after', render: (_: unknown, r: DiffRow) => <Value value={r.after} lang={lang} t={t} /> },
          ]}
        />
      )}
      <div className="pi-audit-meta">
        {entry.reason && (
          <span>
            {t('audit.reason')}: {entry.reason === 'import' ? t('audit.reasonImport') : entry.reason}
          </span>
        )}
        {entry.requestId && (
          <span>
            {t('audit.requestId')}: <code>{entry.requestId}</code>
          </span>
        )}
      </div>
    </div>
  );
}
