import { MinusSquareOutlined, PlusSquareOutlined } from '@ant-design/icons';
import { Button, Card, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useId, useMemo, useState } from 'react';
import { tryParsePoints } from '../../../core/domain/decimal';
import type { ExplainedNodeView } from '../../../core/schemas/results';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { showIndex, showPoints } from './format';

interface Row {
  key: string;
  node: ExplainedNodeView;
  children?: Row[];
}

const lostUnits = (n: ExplainedNodeView) => (n.kind === 'regular' ? (tryParsePoints(n.lost) ?? 0) : 0);

function toRows(nodes: readonly ExplainedNodeView[], onlyLost: boolean): Row[] {
  const out: Row[] = [];
  for (const node of nodes) {
    const kids = toRows(node.children, onlyLost);
    if (onlyLost && (node.notApplicable || lostUnits(node) <= 0)) continue;
    if (onlyLost && node.children.length > 0 && kids.length === 0) continue;
    out.push(kids.length > 0 ? { key: node.code, node, children: kids } : { key: node.code, node });
  }
  return out;
}

function allKeys(rows: readonly Row[]): string[] {
  return rows.flatMap((r) => (r.children ? [r.key, ...allKeys(r.children)] : []));
}

/** The explained tree: points per node down to each leaf, with the sentence that explains the leaf's points. */
export function ScorecardTree({ tree }: { tree: ExplainedNodeView[] }) {
  const t = useT();
  const { lang } = useLang();
  const switchId = useId();
  const [onlyLost, setOnlyLost] = useState(false);
  const rows = useMemo(() => toRows(tree, onlyLost), [tree, onlyLost]);
  const [expanded, setExpanded] = useState<string[]>(() => tree.map((n) => n.code));

  const columns: ColumnsType<Row> = [
    { title: t('fw.node.code'), key: 'code', width: 130, render: (_: unknown, r) => <span className="pi-code">{r.node.code}</span> },
    {
      title: t('res.sc.criterion'),
      key: 'name',
      render: (_: unknown, r) => {
        const n = r.node;
        return (
          <div className="pi-cell-main">
            <span className={n.children.length > 0 && r.node.code.indexOf('.') < 0 ? 'res-tree-field' : undefined}>
              {pickName(lang, n)}
              {n.kind !== 'regular' && <Tag className="res-tree-kind">{t(n.kind === 'bonus' ? 'fw.kind.bonus' : 'fw.kind.deduction')}</Tag>}
              {n.notApplicable && <Tag className="res-na">{t('res.sc.na')}</Tag>}
            </span>
            {n.leaf?.explanation && (
              <Typography.Text type="secondary" className="res-explain">
                {n.leaf.explanation}
              </Typography.Text>
            )}
          </div>
        );
      },
    },
    {
      title: t('res.sc.points'),
      key: 'points',
      width: 130,
      align: 'right',
      render: (_: unknown, r) => {
        const n = r.node;
        if (n.notApplicable) return <span className="pi-muted">— / {showPoints(n.max, lang)}</span>;
        // Bonus adds and deductions subtract: their points carry the sign, and "lost" means nothing for them.
        const sign = n.kind === 'bonus' ? '+' : n.kind === 'deduction' ? '−' : '';
        return (
          <span className="res-num">
            <strong className={n.kind === 'deduction' && (tryParsePoints(n.points) ?? 0) > 0 ? 'res-lost' : undefined}>
              {sign}
              {showPoints(n.points, lang)}
            </strong>{' '}
            / {showPoints(n.applicableMax, lang)}
          </span>
        );
      },
    },
    {
      title: t('res.sc.lost'),
      key: 'lost',
      width: 84,
      align: 'right',
      render: (_: unknown, r) =>
        r.node.kind !== 'regular' ? null : lostUnits(r.node) > 0 ? <span className="res-lost res-num">−{showPoints(r.node.lost, lang)}</span> : <span className="pi-muted">0</span>,
    },
    {
      title: t('res.sc.index'),
      key: 'index',
      width: 84,
      align: 'right',
      render: (_: unknown, r) => (r.node.kind !== 'regular' ? null : <span className="res-num">{showIndex(r.node.index, lang)}</span>),
    },
  ];

  return (
    <Card
      className="pi-card pi-table-card res-tree-card"
      title={<h2 className="res-card-title">{t('res.sc.treeTitle')}</h2>}
      extra={
        <Space size={12} wrap className="res-tree-tools">
          <span className="res-switch">
            <Switch id={switchId} size="small" checked={onlyLost} onChange={(v) => {
              setOnlyLost(v);
              if (v) setExpanded(allKeys(toRows(tree, true)));
            }} />
            <label htmlFor={switchId}>{t('res.sc.onlyLost')}</label>
          </span>
          <Button size="small" type="text" icon={<PlusSquareOutlined />} onClick={() => setExpanded(allKeys(rows))}>
            {t('fw.tree.expandAll')}
          </Button>
          <Button size="small" type="text" icon={<MinusSquareOutlined />} onClick={() => setExpanded([])}>
            {t('fw.tree.collapseAll')}
          </Button>
        </Space>
      }
    >
      <Table<Row>
        className="res-tree"
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={false}
        sticky={{ offsetHeader: 56 }}
        expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: (k) => setExpanded(k.map(String)), indentSize: 14 }}
        rowClassName={(r) => (r.node.notApplicable ? 'res-row-na' : '')}
      />
    </Card>
  );
}
