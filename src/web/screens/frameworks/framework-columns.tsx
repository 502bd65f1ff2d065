import { CopyOutlined, DeleteOutlined, DiffOutlined, DownloadOutlined, EditOutlined, EyeOutlined, ForkOutlined, MoreOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps, Space, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { FrameworkSummary } from '../../api/frameworks';
import { FrameworkStatusTag } from '../../components/framework-status-tag';
import { formatCount, formatDate } from '../../i18n/format';
import { pickName } from '../../i18n/names';
import type { Lang, MessageKey, MessageParams } from '../../i18n/translate';

export type RowAction = 'open' | 'clone' | 'compare' | 'newRevision' | 'delete' | 'xlsx' | 'json';

interface Options {
  t: (key: MessageKey, params?: MessageParams) => string;
  lang: Lang;
  onAction: (f: FrameworkSummary, action: RowAction) => void;
  busyId: number | null;
}

/** Columns of the frameworks list; row actions come from each framework's abilities (hidden when not allowed). */
export function frameworkColumns({ t, lang, onAction, busyId }: Options): ColumnsType<FrameworkSummary> {
  return [
    { title: t('fw.col.year'), dataIndex: 'year', key: 'year', width: 72 },
    {
      title: t('fw.col.group'),
      key: 'group',
      width: 160,
      render: (_: unknown, f) => pickName(lang, { nameVi: f.groupNameVi, nameEn: f.groupNameEn }),
    },
    {
      title: t('fw.col.name'),
      key: 'name',
      render: (_: unknown, f) => (
        <div className="pi-cell-main">
          <Link to={`/frameworks/${f.id}`} className="fw-name-link">
            {pickName(lang, f)}
          </Link>
          {f.publishedAt && (
            <Typography.Text type="secondary" className="pi-cell-sub">
              {t('fw.col.publishedOn', { date: formatDate(f.publishedAt, lang) })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('fw.col.revision'), dataIndex: 'revision', key: 'revision', width: 80, align: 'center' },
    { title: t('common.status'), key: 'status', width: 132, render: (_: unknown, f) => <FrameworkStatusTag status={f.status} /> },
    { title: t('fw.col.nodes'), key: 'nodes', width: 88, align: 'right', render: (_: unknown, f) => formatCount(f.nodeCount, lang) },
    { title: t('fw.col.periods'), key: 'periods', width: 92, align: 'right', render: (_: unknown, f) => formatCount(f.usedByPeriods, lang) },
    {
      title: <span className="pi-visually-hidden">{t('common.actions')}</span>,
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_: unknown, f) => {
        const editable = f.status === 'draft' && f.abilities.update;
        const label = `${editable ? t('action.edit') : t('action.view')} ${f.groupCode} ${f.year}`;
        const more: MenuProps['items'] = [
          { key: 'xlsx', icon: <DownloadOutlined />, label: t('fw.export.xlsx') },
          { key: 'json', icon: <DownloadOutlined />, label: t('fw.export.json') },
        ];
        if (f.abilities.newRevision) more.unshift({ key: 'newRevision', icon: <ForkOutlined />, label: t('fw.action.newRevision') });
        if (f.abilities.delete) more.push({ type: 'divider' }, { key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('fw.action.deleteDraft') });
        return (
          <Space size={2}>
            <Tooltip title={editable ? t('action.edit') : t('action.view')}>
              <Button type="text" size="small" icon={editable ? <EditOutlined /> : <EyeOutlined />} aria-label={label} onClick={() => onAction(f, 'open')} />
            </Tooltip>
            <Tooltip title={t('fw.action.compare')}>
              <Button type="text" size="small" icon={<DiffOutlined />} aria-label={`${t('fw.action.compare')} ${f.groupCode} ${f.year}`} onClick={() => onAction(f, 'compare')} />
            </Tooltip>
            {f.abilities.clone && (
              <Tooltip title={t('fw.action.clone')}>
                <Button type="text" size="small" icon={<CopyOutlined />} aria-label={`${t('fw.action.clone')} ${f.groupCode} ${f.year}`} onClick={() => onAction(f, 'clone')} />
              </Tooltip>
            )}
            <Dropdown menu={{ items: more, onClick: ({ key }) => onAction(f, key as RowAction) }} trigger={['click']}>
              <Button type="text" size="small" icon={<MoreOutlined />} loading={busyId === f.id} aria-label={`${t('fw.action.more')} ${f.groupCode} ${f.year}`} />
            </Dropdown>
          </Space>
        );
      },
    },
  ];
}
