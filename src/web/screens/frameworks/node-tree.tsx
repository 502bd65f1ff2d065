import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, QuestionCircleOutlined } from '@ant-design/icons';
import { Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { memo, useMemo } from 'react';
import { formatPointsExact, tryParsePoints } from '../../../core/domain/decimal';
import type { FrameworkProblem } from '../../../core/domain/framework';
import { buildTree, LEAF_METHOD_LABELS, type TreeNode } from '../../../core/domain/framework';
import type { FrameworkNode } from '../../../core/schemas/framework';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { showDecimal } from './decimal-input';

interface Row {
  key: string;
  node: FrameworkNode;
  /** Sum of the children's maxima in units (null for leaves or when a child's maximum is not a number). */
  sum: number | null;
  children?: Row[];
}

function toRows(tree: readonly TreeNode[]): Row[] {
  return tree.map(({ children, ...node }) => {
    const kids = toRows(children);
    let sum: number | null = null;
    if (kids.length > 0) {
      sum = 0;
      for (const k of kids) {
        const u = tryParsePoints(k.node.maxPoints);
        if (u === null) {
          sum = null;
          break;
        }
        sum += u;
      }
    }
    return kids.length > 0 ? { key: node.code, node, sum, children: kids } : { key: node.code, node, sum };
  });
}

/** The codes of every node that has children (for "expand all"). */
export function parentKeys(nodes: readonly FrameworkNode[]): string[] {
  return [...new Set(nodes.map((n) => n.parentCode).filter((c): c is string => c !== null))];
}

/** The ancestors of a code, nearest last, by following parentCode. */
export function ancestorsOf(nodes: readonly FrameworkNode[], code: string): string[] {
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const out: string[] = [];
  let cur = byCode.get(code)?.parentCode ?? null;
  while (cur !== null && !out.includes(cur)) {
    out.unshift(cur);
    cur = byCode.get(cur)?.parentCode ?? null;
  }
  return out;
}

function CheckCell({ row, problems }: { row: Row; problems: FrameworkProblem[] }) {
  const t = useT();
  const { lang } = useLang();
  const errors = problems.filter((p) => p.severity === 'error');
  const max = tryParsePoints(row.node.maxPoints);
  const sumLine =
    row.sum !== null && max !== null
      ? row.sum === max
        ? t('fw.tree.sumOk', { sum: formatPointsExact(row.sum, lang) })
        : t('fw.tree.sumMismatch', { sum: formatPointsExact(row.sum, lang), max: formatPointsExact(max, lang) })
      : null;
  if (problems.length === 0) {
    return (
      <Tooltip title={sumLine ?? t('fw.tree.nodeOk')}>
        <CheckCircleFilled className="fw-ok" aria-label={sumLine ?? t('fw.tree.nodeOk')} role="img" />
      </Tooltip>
    );
  }
  const text = problems.map((p) => p.message[lang]);
  const Icon = errors.length > 0 ? CloseCircleFilled : ExclamationCircleFilled;
  return (
    <Tooltip
      title={
        <ul className="pi-plain-list">
          {text.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      }
    >
      <Icon className={errors.length > 0 ? 'fw-err' : 'fw-warn'} role="img" aria-label={text.join(' ')} />
    </Tooltip>
  );
}

/** The method of a leaf as a compact tag (parents show nothing: their points are the sum of their children). */
export function MethodTag({ node }: { node: FrameworkNode }) {
  const { lang } = useLang();
  if (!node.method) return null;
  return <Tag className={`fw-method fw-method-${node.method.type}`}>{LEAF_METHOD_LABELS[node.method.type][lang]}</Tag>;
}

/**
 * The framework as a tree table: code, name, scoring method, maximum and a check (✓, or the node's problems,
 * such as children whose maxima do not add up to the parent's), computed live by the core validator.
 */
export const NodeTree = memo(function NodeTree({
  nodes,
  problemsByNode,
  selected,
  onSelect,
  expanded,
  onExpandedChange,
}: {
  nodes: FrameworkNode[];
  problemsByNode: Map<string, FrameworkProblem[]>;
  selected: string | null;
  onSelect: (code: string) => void;
  expanded: string[];
  onExpandedChange: (keys: string[]) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const rows = useMemo(() => toRows(buildTree(nodes)), [nodes]);

  const columns: ColumnsType<Row> = [
    {
      title: t('fw.node.code'),
      key: 'code',
      width: 118,
      render: (_: unknown, r) => <span className="pi-code">{r.node.code}</span>,
    },
    {
      title: t('fw.node.name'),
      key: 'name',
      render: (_: unknown, r) => (
        <button
          type="button"
          className="fw-node-btn"
          aria-current={selected === r.key ? 'true' : undefined}
          onClick={(e) => {
            e.stopPropagation();
            onSelect(r.key);
          }}
        >
          <span className={r.node.parentCode === null ? 'fw-node-field' : undefined}>{pickName(lang, r.node)}</span>
          {r.node.parentCode === null && r.node.kind !== 'regular' && (
            <Tag className={`fw-kind fw-kind-${r.node.kind}`}>{t(r.node.kind === 'bonus' ? 'fw.kind.bonus' : 'fw.kind.deduction')}</Tag>
          )}
          {r.node.mayBeNotApplicable && (
            <Tooltip title={t('fw.node.mayBeNaShort')}>
              <QuestionCircleOutlined className="fw-na-icon" aria-label={t('fw.node.mayBeNaShort')} />
            </Tooltip>
          )}
        </button>
      ),
    },
    { title: t('fw.node.methodShort'), key: 'method', width: 128, render: (_: unknown, r) => <MethodTag node={r.node} /> },
    {
      title: t('fw.node.maxShort'),
      key: 'max',
      width: 70,
      align: 'right',
      render: (_: unknown, r) => <span className={r.children ? 'fw-max-parent' : undefined}>{showDecimal(r.node.maxPoints, lang)}</span>,
    },
    {
      title: <span className="pi-visually-hidden">{t('fw.tree.check')}</span>,
      key: 'check',
      width: 40,
      align: 'center',
      render: (_: unknown, r) => <CheckCell row={r} problems={problemsByNode.get(r.key) ?? []} />,
    },
  ];

  return (
    <Table<Row>
      className="fw-tree"
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      sticky={{ offsetHeader: 56 }}
      expandable={{
        expandedRowKeys: expanded,
        onExpandedRowsChange: (keys) => onExpandedChange(keys.map(String)),
        indentSize: 14,
      }}
      rowClassName={(r) => (r.key === selected ? 'fw-row-selected' : '')}
      onRow={(r) => ({ onClick: () => onSelect(r.key) })}
    />
  );
});
