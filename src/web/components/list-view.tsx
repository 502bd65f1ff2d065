import { Button, Card, Table, type TableProps } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { ReactNode } from 'react';
import { formatCount } from '../i18n/format';
import { useLang, useT } from '../i18n/i18n-context';
import { EmptyState } from './empty-state';
import { SearchBox } from './search-box';
import { PAGE_SIZES, type ListState } from './use-list-state';
import { useClampPage } from './use-search-state';

/** What a list screen's query gives the view (a TanStack query of a server page). */
export interface ListQuery<T> {
  data?: { items: T[]; total: number } | undefined;
  error: Error | null;
  isPending: boolean;
  isFetching: boolean;
  refetch: () => unknown;
}

export interface ListViewProps<T, K extends string> {
  query: ListQuery<T>;
  state: ListState<K>;
  /** The search box's label and placeholder; no search box without it. */
  search?: { label: string; placeholder: string };
  /** The screen's own filters (selects, pickers), between the search box and the count. */
  filters?: ReactNode;
  /** Shown when the list is empty without any filter: what to do next. */
  empty: { title: string; hint?: string | undefined; actions?: ReactNode };
  /** Shown when a search or filter matches nothing. */
  noMatch: { title: string; hint?: string };
  columns: NonNullable<TableProps<T>['columns']>;
  rowKey: TableProps<T>['rowKey'];
  scroll?: TableProps<T>['scroll'];
  expandable?: TableProps<T>['expandable'];
  /**
   * Keeps the header in view while scrolling (default). Off for a table whose columns need the automatic layout
   * (a sticky header fixes the layout, and an unsized column then gets only what the sized ones leave).
   */
  stickyHeader?: boolean;
  /** The table's data-testid. */
  testId?: string;
  /** For sortable columns: the URL values (e.g. sort, order) that the table's sorter stands for. */
  sortValues?: (sorter: SorterResult<T> | undefined) => Partial<Record<K, string>>;
}

/**
 * One list screen (issue 11 part 5): toolbar (search, filters, count), the error state with "retry", and a compact
 * paged table whose page, size, search and filters live in the URL (useListState). Server-side paging: the query
 * returns one page and the total.
 */
export function ListView<T extends object, K extends string>({ query, state, search, filters, empty, noMatch, columns, rowKey, scroll, expandable, sortValues, testId, stickyHeader = true }: ListViewProps<T, K>) {
  const t = useT();
  const { lang } = useLang();
  useClampPage(query.data, state.page, state.pageSize, state.update as (patch: { page: number }) => void);
  return (
    <Card className="pi-card pi-table-card">
      <div className="pi-toolbar" role="search">
        {search && <SearchBox label={search.label} placeholder={search.placeholder} value={state.values.q} onSearch={(q) => state.setFilter({ q } as never)} className="pi-toolbar-search" />}
        {filters}
        <span className="pi-toolbar-count" aria-live="polite">
          {query.data ? t('table.count', { count: formatCount(query.data.total, lang) }) : ''}
        </span>
      </div>
      {query.error && !query.data ? (
        <EmptyState title={t('error.loadFailed')} hint={query.error.message} actions={<Button onClick={() => void query.refetch()}>{t('action.retry')}</Button>} />
      ) : (
        <Table<T>
          size="small"
          rowKey={rowKey}
          {...(testId ? { 'data-testid': testId } : {})}
          {...(stickyHeader ? { sticky: { offsetHeader: 56 } } : {})}
          {...(scroll ? { scroll } : {})}
          {...(expandable ? { expandable } : {})}
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          columns={columns}
          locale={{
            emptyText: query.isPending ? ' ' : state.filtered ? (
              <EmptyState title={noMatch.title} hint={noMatch.hint} actions={<Button onClick={state.clear}>{t('action.clearFilters')}</Button>} />
            ) : (
              <EmptyState title={empty.title} hint={empty.hint} actions={empty.actions} />
            ),
          }}
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [...PAGE_SIZES],
            showTotal: (total, [from, to]) => t('table.range', { from, to, total: formatCount(total, lang) }),
          }}
          onChange={(p, _filters, sorter) => {
            const sort = sortValues ? sortValues((Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined) : {};
            state.update({ page: p.pageSize !== state.pageSize ? 1 : p.current, pageSize: p.pageSize, ...sort } as never);
          }}
        />
      )}
    </Card>
  );
}
