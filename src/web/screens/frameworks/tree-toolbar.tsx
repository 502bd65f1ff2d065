import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowRightOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  MinusSquareOutlined,
  PlusOutlined,
  PlusSquareOutlined,
} from '@ant-design/icons';
import { Button, Popconfirm, Space, Tooltip } from 'antd';
import { type ReactNode, useState } from 'react';
import { useT } from '../../i18n/i18n-context';
import type { FrameworkEditor } from './use-framework-editor';
import {
  addChild,
  addSibling,
  indentNode,
  moveNode,
  moveOptions,
  outdentNode,
  removeNode,
  subtreeCodes,
  type TreeEdit,
} from './tree-ops';

/** Tree operations on the selected node: add, move, indent/outdent, delete; and expand/collapse all. */
export function TreeToolbar({
  editor,
  selected,
  onSelect,
  onExpandAll,
  onCollapseAll,
}: {
  editor: FrameworkEditor;
  selected: string | null;
  onSelect: (code: string | null, reveal?: boolean) => void;
  onExpandAll: () => void;
  onCollapseAll: () => void;
}) {
  const t = useT();
  const [confirmOpen, setConfirmOpen] = useState(false);
  const nodes = editor.draft.nodes;
  const node = selected ? nodes.find((n) => n.code === selected) : undefined;
  const can = node ? moveOptions(nodes, node.code) : { up: false, down: false, indent: false, outdent: false };
  const newName = t('fw.node.newName');

  const apply = (op: (ns: typeof nodes) => TreeEdit) => {
    const r = op(nodes);
    editor.edit({ ...editor.draft, nodes: r.nodes });
    onSelect(r.select, true);
  };

  const iconButton = (label: string, icon: ReactNode, enabled: boolean, run: () => void) => (
    <Tooltip title={label}>
      <Button size="small" icon={icon} aria-label={label} disabled={!enabled} onClick={run} />
    </Tooltip>
  );

  const subtreeSize = node ? subtreeCodes(nodes, node.code).size - 1 : 0;
  return (
    <div className="fw-tree-toolbar" role="toolbar" aria-label={t('fw.tree.toolbar')}>
      {editor.editable && (
        <Space size={6} wrap>
          <Button size="small" icon={<PlusOutlined />} onClick={() => apply((ns) => addChild(ns, null, newName))}>
            {t('fw.tree.addField')}
          </Button>
          <Button size="small" icon={<PlusOutlined />} disabled={!node} onClick={() => node && apply((ns) => addChild(ns, node.code, newName))}>
            {t('fw.tree.addChild')}
          </Button>
          <Button size="small" icon={<PlusOutlined />} disabled={!node} onClick={() => node && apply((ns) => addSibling(ns, node.code, newName))}>
            {t('fw.tree.addSibling')}
          </Button>
          <span className="fw-toolbar-sep" aria-hidden />
          {iconButton(t('fw.tree.moveUp'), <ArrowUpOutlined />, can.up, () => node && apply((ns) => moveNode(ns, node.code, -1)))}
          {iconButton(t('fw.tree.moveDown'), <ArrowDownOutlined />, can.down, () => node && apply((ns) => moveNode(ns, node.code, 1)))}
          {iconButton(t('fw.tree.outdent'), <ArrowLeftOutlined />, can.outdent, () => node && apply((ns) => outdentNode(ns, node.code)))}
          {iconButton(t('fw.tree.indent'), <ArrowRightOutlined />, can.indent, () => node && apply((ns) => indentNode(ns, node.code)))}
          <span className="fw-toolbar-sep" aria-hidden />
          <Popconfirm
            open={confirmOpen}
            onOpenChange={(o) => setConfirmOpen(o && !!node)}
            title={node ? t('fw.tree.deleteConfirm', { code: node.code }) : ''}
            description={subtreeSize > 0 ? t('fw.tree.deleteSubtree', { count: subtreeSize }) : undefined}
            okText={t('fw.action.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('action.cancel')}
            onConfirm={() => node && apply((ns) => removeNode(ns, node.code))}
          >
            <Tooltip title={t('fw.tree.delete')} open={confirmOpen ? false : undefined}>
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('fw.tree.delete')} disabled={!node} />
            </Tooltip>
          </Popconfirm>
        </Space>
      )}
      <Space size={2} className="fw-tree-toolbar-right">
        <Tooltip title={t('fw.tree.expandAll')}>
          <Button size="small" type="text" icon={<PlusSquareOutlined />} aria-label={t('fw.tree.expandAll')} onClick={onExpandAll} />
        </Tooltip>
        <Tooltip title={t('fw.tree.collapseAll')}>
          <Button size="small" type="text" icon={<MinusSquareOutlined />} aria-label={t('fw.tree.collapseAll')} onClick={onCollapseAll} />
        </Tooltip>
      </Space>
    </div>
  );
}
