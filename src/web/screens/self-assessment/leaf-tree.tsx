import { CheckCircleFilled, EditOutlined, ExclamationCircleFilled, MinusCircleOutlined, TeamOutlined } from '@ant-design/icons';
import { Segmented, Tooltip, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { StageResult } from '../../../core/domain/compute-index';
import { formatPoints } from '../../../core/domain/decimal';
import type { TreeNode } from '../../../core/domain/framework';
import { useLang, useT } from '../../i18n/i18n-context';
import type { LeafCompletion, LeafRow } from './leaf-state';

export type TreeFilter = 'all' | 'todo';

/** The completion icon of a leaf (its meaning is also in the accessible name). */
export function CompletionIcon({ completion, unsaved }: { completion: LeafCompletion; unsaved?: boolean }) {
  const t = useT();
  const label = t(`selfAssess.state.${completion}`);
  const icon =
    completion === 'done' ? (
      <CheckCircleFilled className="pi-leaf-state pi-leaf-state-done" />
    ) : completion === 'missing' ? (
      <ExclamationCircleFilled className="pi-leaf-state pi-leaf-state-missing" />
    ) : completion === 'survey' ? (
      <TeamOutlined className="pi-leaf-state pi-leaf-state-survey" />
    ) : (
      <MinusCircleOutlined className="pi-leaf-state pi-leaf-state-empty" />
    );
  return (
    <Tooltip title={unsaved ? `${label} · ${t('selfAssess.unsaved')}` : label}>
      <span role="img" aria-label={unsaved ? `${label}, ${t('selfAssess.unsaved')}` : label} className="pi-leaf-state-wrap">
        {icon}
        {unsaved && <EditOutlined className="pi-leaf-unsaved" aria-hidden />}
      </span>
    </Tooltip>
  );
}

/**
 * The framework tree of the self-assessment: each leaf with its completion icon and points, each field and
 * criterion with its subtotal (points / applicable maximum) computed live by the engine.
 */
export function LeafTree({
  tree,
  rows,
  result,
  selected,
  onSelect,
}: {
  tree: TreeNode[];
  rows: LeafRow[];
  result: StageResult;
  selected: string | null;
  onSelect: (code: string) => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const [filter, setFilter] = useState<TreeFilter>('all');
  const rowByCode = useMemo(() => new Map(rows.map((r) => [r.node.code, r])), [rows]);
  const nodeResult = useMemo(() => new Map(result.nodes.map((n) => [n.code, n])), [result]);
  const leafResult = useMemo(() => new Map(result.leaves.map((l) => [l.code, l])), [result]);

  const data = useMemo(() => {
    const build = (nodes: TreeNode[]): DataNode[] =>
      nodes.flatMap((n): DataNode[] => {
        const name = lang === 'en' && n.nameEn ? n.nameEn : n.nameVi;
        if (n.children.length === 0) {
          const row = rowByCode.get(n.code);
          if (!row) return [];
          // The open leaf stays listed under "to complete" once completed (attaching its evidence must not make it vanish).
          if (filter === 'todo' && n.code !== selected && row.completion !== 'empty' && row.completion !== 'missing') return [];
          const lr = leafResult.get(n.code);
          const pts = row.completion === 'empty' ? '—' : lr?.notApplicable ? t('selfAssess.na') : formatPoints(lr?.units ?? 0, lang);
          return [
            {
              key: n.code,
              isLeaf: true,
              title: (
                <span className="pi-tree-leaf" title={name}>
                  <CompletionIcon completion={row.completion} unsaved={row.unsaved} />
                  <span className="pi-code">{n.code}</span>
                  <span className="pi-tree-name">{name}</span>
                  <span className="pi-tree-points">{pts}</span>
                </span>
              ),
            },
          ];
        }
        const children = build(n.children);
        if (children.length === 0) return [];
        const r = nodeResult.get(n.code);
        return [
          {
            key: n.code,
            selectable: false,
            title: (
              <span className={`pi-tree-branch${n.parentCode === null ? ' is-field' : ''}`} title={name}>
                <span className="pi-code">{n.code}</span>
                <span className="pi-tree-name">{name}</span>
                {r && (
                  <span className="pi-tree-points">
                    {formatPoints(r.points, lang)}/{formatPoints(r.applicableMax, lang)}
                  </span>
                )}
              </span>
            ),
            children,
          },
        ];
      });
    return build(tree);
  }, [tree, rowByCode, nodeResult, leafResult, filter, selected, lang, t]);

  const allKeys = useMemo(() => {
    const keys: string[] = [];
    const walk = (nodes: TreeNode[]) => nodes.forEach((n) => n.children.length && (keys.push(n.code), walk(n.children)));
    walk(tree);
    return keys;
  }, [tree]);
  const [expanded, setExpanded] = useState<React.Key[]>(allKeys);
  const parentOf = useMemo(() => {
    const map = new Map<string, string>();
    const walk = (nodes: TreeNode[]) => nodes.forEach((n) => n.children.forEach((c) => (map.set(c.code, n.code), walk([c]))));
    walk(tree);
    return map;
  }, [tree]);
  const navRef = useRef<HTMLElement>(null);
  // Keyboard moves (next, previous, next incomplete) open the leaf's branch and bring it into view.
  useEffect(() => {
    if (!selected) return;
    const ancestors: string[] = [];
    for (let p = parentOf.get(selected); p; p = parentOf.get(p)) ancestors.push(p);
    setExpanded((prev) => (ancestors.every((a) => prev.includes(a)) ? prev : [...new Set([...prev, ...ancestors])]));
    // Scrolls the tree pane only (scrollIntoView would move the whole page too).
    const timer = window.setTimeout(() => {
      const nav = navRef.current;
      const el = nav?.querySelector('.ant-tree-treenode-selected');
      if (!nav || !el) return;
      const box = nav.getBoundingClientRect();
      const row = el.getBoundingClientRect();
      if (row.top < box.top) nav.scrollTop -= box.top - row.top + 8;
      else if (row.bottom > box.bottom) nav.scrollTop += row.bottom - box.bottom + 8;
    }, 50);
    return () => window.clearTimeout(timer);
  }, [selected, parentOf]);
  const todo = rows.filter((r) => r.completion === 'empty' || r.completion === 'missing').length;

  return (
    <nav ref={navRef} className="pi-sa-tree" aria-label={t('selfAssess.treeLabel')}>
      <Segmented<TreeFilter>
        size="small"
        block
        value={filter}
        onChange={setFilter}
        options={[
          { value: 'all', label: t('selfAssess.filterAll', { count: rows.length }) },
          { value: 'todo', label: t('selfAssess.filterTodo', { count: todo }) },
        ]}
      />
      {data.length === 0 ? (
        <p className="pi-sa-tree-empty">{t('selfAssess.nothingTodo')}</p>
      ) : (
        <Tree
          blockNode
          showLine={false}
          treeData={data}
          selectedKeys={selected ? [selected] : []}
          expandedKeys={expanded}
          onExpand={setExpanded}
          onSelect={(keys) => keys[0] !== undefined && onSelect(String(keys[0]))}
        />
      )}
    </nav>
  );
}
