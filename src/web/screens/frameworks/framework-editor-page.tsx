import { Alert, Button, Card, Space, Tabs } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { FrameworkProblem } from '../../../core/domain/framework';
import { type FrameworkDetail, useFramework, useNewRevision } from '../../api/frameworks';
import { EmptyState } from '../../components/empty-state';
import { FrameworkStatusTag } from '../../components/framework-status-tag';
import { PageSpinner } from '../../components/full-page-spinner';
import { PageHeader } from '../../components/page-header';
import { formatDate } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { CloneModal } from './clone-modal';
import { EditorActions, SaveStatus } from './editor-actions';
import { problemsByNode } from './field-help';
import { FrameworkSettings } from './framework-settings';
import { FrameworkTotalsLine } from './framework-totals';
import { LeaveGuard } from './leave-guard';
import { ancestorsOf, NodeTree, parentKeys } from './node-tree';
import { NodePanel } from './node-panel';
import { ProblemsBanner } from './problems-banner';
import { TreeToolbar } from './tree-toolbar';
import { useFrameworkEditor } from './use-framework-editor';
import './frameworks.css';

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

function Editor({ detail, onReload }: { detail: FrameworkDetail; onReload: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const navigate = useNavigate();
  const editor = useFrameworkEditor(detail, lang);
  const revision = useNewRevision();
  const nodes = editor.draft.nodes;
  const [tab, setTab] = useState<'tree' | 'settings'>('tree');
  const [selected, setSelected] = useState<string | null>(() => nodes[0]?.code ?? null);
  const [expanded, setExpanded] = useState<string[]>(() => nodes.filter((n) => n.parentCode === null).map((n) => n.code));
  const [cloning, setCloning] = useState(false);
  const byNode = useMemo(() => problemsByNode(editor.problems), [editor.problems]);
  const side = useRef<HTMLElement>(null);

  const select = useCallback(
    (code: string | null, reveal = false) => {
      setSelected(code);
      if (side.current) side.current.scrollTop = 0;
      if (code === null || !reveal) return;
      // A node just added is not in this render's list yet: its code's prefixes name its ancestors too.
      const prefixes = code.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'));
      const ancestors = [...ancestorsOf(editor.draft.nodes, code), ...prefixes];
      setExpanded((keys) => [...new Set([...keys, ...ancestors])]);
      setTab('tree');
      requestAnimationFrame(() => document.querySelector(`.fw-tree [data-row-key="${CSS.escape(code)}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
    },
    [editor.draft.nodes],
  );

  const goToProblem = (p: FrameworkProblem) => {
    if (p.nodeCode !== undefined && nodes.some((n) => n.code === p.nodeCode)) select(p.nodeCode, true);
    else setTab('settings');
  };

  const { undo, redo, flush } = editor;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === 's') {
        e.preventDefault();
        void flush();
        return;
      }
      if (isTyping(e.target)) return;
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, flush]);

  const f = editor.summary;
  const published = f.status === 'published';
  const name = pickName(lang, editor.draft);
  const newVersion = () => revision.mutate(f.id, { onSuccess: (d) => void navigate(`/frameworks/${d.id}`) });

  return (
    <>
      <PageHeader
        title={name}
        crumbs={[{ title: t('fw.title'), to: '/frameworks' }, { title: `${f.year} · ${pickName(lang, { nameVi: f.groupNameVi, nameEn: f.groupNameEn })}` }]}
        subtitle={
          <span className="fw-meta">
            <FrameworkStatusTag status={f.status} />
            <span>{t('fw.meta.yearGroup', { year: f.year, group: pickName(lang, { nameVi: f.groupNameVi, nameEn: f.groupNameEn }) })}</span>
            <span>{t('fw.meta.revision', { revision: f.revision })}</span>
            <FrameworkTotalsLine totals={editor.totals} />
            <SaveStatus editor={editor} />
          </span>
        }
        extra={<EditorActions editor={editor} onClone={() => setCloning(true)} onCompare={() => void navigate(`/frameworks/${f.id}/compare`)} />}
      />
      {editor.state.kind === 'conflict' && (
        <Alert
          className="fw-banner"
          type="warning"
          showIcon
          role="alert"
          title={editor.state.published ? editor.state.message : t('fw.conflict.title')}
          description={t('fw.conflict.text')}
          action={<Button onClick={onReload}>{t('fw.conflict.reload')}</Button>}
        />
      )}
      {published && (
        <Alert
          className="fw-banner"
          type="info"
          showIcon
          title={t('fw.readonly.published', { date: formatDate(f.publishedAt, lang) })}
          description={f.usedByPeriods > 0 ? t('fw.readonly.usedBy', { count: f.usedByPeriods }) : t('fw.readonly.howToChange')}
          action={
            f.abilities.newRevision ? (
              <Button size="small" loading={revision.isPending} onClick={newVersion}>
                {t('fw.action.newRevision')}
              </Button>
            ) : undefined
          }
        />
      )}
      {!published && !f.abilities.update && <Alert className="fw-banner" type="info" showIcon title={t('ability.readOnly')} />}
      {editor.state.kind === 'error' && editor.state.fields.length > 0 && (
        <Alert
          className="fw-banner"
          type="error"
          showIcon
          role="alert"
          title={editor.state.message}
          description={
            <ul className="pi-plain-list">
              {editor.state.fields.map((f, i) => (
                <li key={i}>{f}</li>
              ))}
            </ul>
          }
        />
      )}
      {editor.state.kind === 'invalid' && <Alert className="fw-banner" type="warning" showIcon title={t('fw.save.invalidBanner')} description={editor.state.message} />}
      {!published && <ProblemsBanner problems={editor.problems} onGo={goToProblem} />}
      <Tabs
        className="fw-tabs"
        activeKey={tab}
        onChange={(k) => setTab(k as 'tree' | 'settings')}
        items={[
          {
            key: 'tree',
            label: t('fw.tab.tree', { count: nodes.length }),
            children: (
              <div className="fw-workspace">
                <Card className="pi-card fw-tree-card" size="small">
                  <TreeToolbar
                    editor={editor}
                    selected={selected}
                    onSelect={select}
                    onExpandAll={() => setExpanded(parentKeys(nodes))}
                    onCollapseAll={() => setExpanded([])}
                  />
                  {nodes.length === 0 ? (
                    <EmptyState title={t('fw.tree.emptyTitle')} hint={editor.editable ? t('fw.tree.emptyHint') : undefined} />
                  ) : (
                    <NodeTree nodes={nodes} problemsByNode={byNode} selected={selected} onSelect={select} expanded={expanded} onExpandedChange={setExpanded} />
                  )}
                </Card>
                <aside className="fw-side" aria-label={t('fw.panel.label')} ref={side}>
                  {selected && nodes.some((n) => n.code === selected) ? (
                    <NodePanel key={selected} editor={editor} code={selected} problems={byNode.get(selected) ?? []} onSelect={select} />
                  ) : (
                    <Card className="pi-card fw-panel" size="small">
                      <EmptyState title={t('fw.panel.noneTitle')} hint={t('fw.panel.noneHint')} />
                    </Card>
                  )}
                </aside>
              </div>
            ),
          },
          { key: 'settings', label: t('fw.tab.settings'), children: <FrameworkSettings editor={editor} /> },
        ]}
      />
      <LeaveGuard editor={editor} />
      <CloneModal source={cloning ? f : null} onClose={() => setCloning(false)} />
    </>
  );
}

/** The framework editor: the tree with live validation, the node panel, settings, and autosave of drafts. */
export default function FrameworkEditorPage() {
  const t = useT();
  const { lang } = useLang();
  const params = useParams();
  const id = Number(params.id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useFramework(valid ? id : undefined, lang);
  const [reloads, setReloads] = useState(0);

  if (!valid || (query.error && !query.data)) {
    return (
      <>
        <PageHeader title={t('fw.title')} crumbs={[{ title: t('fw.title'), to: '/frameworks' }]} />
        <EmptyState
          title={valid ? t('error.loadFailed') : t('notFound.title')}
          hint={query.error?.message}
          actions={
            <Space>
              {valid && <Button onClick={() => void query.refetch()}>{t('action.retry')}</Button>}
              <Link to="/frameworks">{t('fw.backToList')}</Link>
            </Space>
          }
        />
      </>
    );
  }
  if (!query.data) return <PageSpinner />;
  const reload = () => {
    void query.refetch().then(() => setReloads((n) => n + 1));
  };
  return <Editor key={`${query.data.id}-${query.data.status}-${reloads}`} detail={query.data} onReload={reload} />;
}
