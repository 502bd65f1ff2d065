import { SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Segmented, Select, Table, Tooltip } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { type FrameworkSummary, useFramework, useFrameworkDiff, useFrameworks } from '../../api/frameworks';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { formatCount } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { diffColumns, MetaChanges } from './diff-columns';
import { defaultAgainst, type DiffRow, diffRows, toneOf } from './diff-rows';
import './compare.css';

type Filter = 'all' | 'added' | 'removed' | 'changed';

/** What changed between two frameworks: counts, framework-level changes and a coloured list of nodes. */
export default function FrameworkComparePage() {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const id = Number(params.id);
  const againstParam = Number(search.get('against'));
  const against = Number.isInteger(againstParam) && againstParam > 0 ? againstParam : undefined;
  const all = useFrameworks();
  const after = useFramework(Number.isInteger(id) && id > 0 ? id : undefined, lang);
  const diff = useFrameworkDiff(id, against, lang);
  const [filter, setFilter] = useState<Filter>('all');
  const items = useMemo(() => all.data?.items ?? [], [all.data]);
  const current = items.find((f) => f.id === id);

  useEffect(() => {
    if (against !== undefined || !current) return;
    const d = defaultAgainst(items, current);
    if (d) setSearch({ against: String(d.id) }, { replace: true });
  }, [against, current, items, setSearch]);

  const rows = useMemo(() => (diff.data ? diffRows(diff.data) : []), [diff.data]);
  const names = useMemo(() => new Map((after.data?.document.nodes ?? []).map((n) => [n.code, n])), [after.data]);
  const shown = rows.filter((r) => filter === 'all' || toneOf(r) === filter);
  const count = (tone: Filter) => rows.filter((r) => toneOf(r) === tone).length;
  const option = (f: FrameworkSummary) => ({ value: f.id, label: `${f.year} · ${f.groupCode} · ${t('fw.meta.revision', { revision: f.revision })}${f.status === 'draft' ? ` (${t('fw.status.draft')})` : ''}` });
  const groupName = (f: FrameworkSummary) => (lang === 'en' && f.groupNameEn ? f.groupNameEn : f.groupNameVi);
  const title = current ? t('fw.compare.titleOf', { year: current.year, group: groupName(current) }) : t('fw.compare.title');

  return (
    <>
      <PageHeader
        title={title}
        subtitle={t('fw.compare.subtitle')}
        crumbs={[{ title: t('fw.title'), to: '/frameworks' }, ...(current ? [{ title: `${current.year} · ${groupName(current)}`, to: `/frameworks/${current.id}` }] : []), { title: t('fw.compare.title') }]}
      />
      <Card className="pi-card fw-compare-pick" size="small">
        <div className="fw-compare-row">
          <label className="fw-compare-label" htmlFor="fw-cmp-from">
            {t('fw.compare.from')}
          </label>
          <Select<number>
            id="fw-cmp-from"
            className="fw-compare-select"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('fw.compare.choose')}
            value={against}
            onChange={(v) => setSearch({ against: String(v) })}
            options={items.filter((f) => f.id !== id).map(option)}
          />
          <Tooltip title={t('fw.compare.swap')}>
            <Button icon={<SwapOutlined />} aria-label={t('fw.compare.swap')} disabled={against === undefined} onClick={() => void navigate(`/frameworks/${against}/compare?against=${id}`)} />
          </Tooltip>
          <label className="fw-compare-label" htmlFor="fw-cmp-to">
            {t('fw.compare.to')}
          </label>
          <Select<number>
            id="fw-cmp-to"
            className="fw-compare-select"
            showSearch={{ optionFilterProp: 'label' }}
            value={Number.isInteger(id) ? id : undefined}
            onChange={(v) => void navigate(`/frameworks/${v}/compare${against ? `?against=${against}` : ''}`)}
            options={items.map(option)}
          />
        </div>
      </Card>
      {against === undefined ? (
        <Card className="pi-card">
          <EmptyState title={t('fw.compare.noneTitle')} hint={t('fw.compare.noneHint')} />
        </Card>
      ) : diff.error ? (
        <Alert type="error" showIcon title={t('error.loadFailed')} description={diff.error.message} action={<Button onClick={() => void diff.refetch()}>{t('action.retry')}</Button>} />
      ) : (
        <>
          {diff.data && (
            <div className="fw-diff-summary" aria-live="polite">
              <span className="fw-diff-count fw-diff-count-added">
                <strong>{formatCount(count('added'), lang)}</strong> {t('fw.diff.added')}
              </span>
              <span className="fw-diff-count fw-diff-count-removed">
                <strong>{formatCount(count('removed'), lang)}</strong> {t('fw.diff.removed')}
              </span>
              <span className="fw-diff-count fw-diff-count-changed">
                <strong>{formatCount(count('changed'), lang)}</strong> {t('fw.diff.changedAny')}
              </span>
              <span className="fw-diff-count">
                <strong>{formatCount(diff.data.unchangedCount, lang)}</strong> {t('fw.diff.unchanged')}
              </span>
            </div>
          )}
          {diff.data && diff.data.meta.length > 0 && <MetaChanges meta={diff.data.meta} />}
          <Card className="pi-card pi-table-card">
            <div className="pi-toolbar">
              <Segmented<Filter>
                aria-label={t('fw.diff.filter')}
                value={filter}
                onChange={setFilter}
                options={[
                  { value: 'all', label: t('fw.diff.all') },
                  { value: 'added', label: t('fw.diff.added') },
                  { value: 'removed', label: t('fw.diff.removed') },
                  { value: 'changed', label: t('fw.diff.changedAny') },
                ]}
              />
            </div>
            <Table<DiffRow>
              size="small"
              rowKey="key"
              className="fw-diff-table"
              loading={diff.isFetching}
              dataSource={shown}
              columns={diffColumns({ t, lang, names })}
              rowClassName={(r) => `fw-diff-${toneOf(r)}`}
              pagination={false}
              sticky={{ offsetHeader: 56 }}
              locale={{ emptyText: diff.isPending ? ' ' : <EmptyState title={t('fw.diff.noneTitle')} hint={t('fw.diff.noneHint')} /> }}
            />
          </Card>
        </>
      )}
    </>
  );
}
