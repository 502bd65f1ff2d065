import { Alert, Descriptions, Drawer, Grid, Skeleton, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import type { SnapshotNode } from '../../../core/schemas/publication';
import { agencyResultRow } from '../../../core/schemas/results';
import { usePublicScorecard } from '../../api/publication';
import { formatNumber } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { ClassTag, RankChange, useIndexText } from './public-format';

/** An agency's published scorecard: the sentence, its rank and index, and the tree of points per node down to the leaf. */
export function PublicScorecard({ province, year, code, onClose }: { province: string; year: number; code: string | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const screens = Grid.useBreakpoint();
  const idx = useIndexText();
  const card = usePublicScorecard(province, year, code);
  const row = card.data ? agencyResultRow.safeParse(card.data.row) : null;
  const r = row?.success ? row.data : null;
  const pts = (s: string) => formatNumber(Number(s), lang, 2);

  const toTree = (nodes: SnapshotNode[]): DataNode[] =>
    nodes.map((n) => ({
      key: n.code,
      title: (
        <span className="pi-pub-node" title={lang === 'en' && n.nameEn ? n.nameEn : n.nameVi}>
          <span className="pi-code">{n.code}</span>
          <span className="pi-tree-name">{lang === 'en' && n.nameEn ? n.nameEn : n.nameVi}</span>
          <span className="pi-pub-node-points">{n.notApplicable ? t('selfAssess.na') : `${pts(n.points)}/${pts(n.applicableMax)}`}</span>
          {(lang === 'en' ? n.explanationEn : n.explanationVi) && <span className="pi-pub-node-why">{lang === 'en' ? n.explanationEn : n.explanationVi}</span>}
        </span>
      ),
      children: n.children.length ? toTree(n.children) : undefined,
    }));

  const name = card.data ? (lang === 'en' && card.data.scorecard.agency.nameEn ? card.data.scorecard.agency.nameEn : card.data.scorecard.agency.nameVi) : '';
  return (
    <Drawer open={code !== null} onClose={onClose} size={screens.md ? 720 : '100%'} title={name || t('public.scorecard')} destroyOnHidden>
      {card.isPending ? (
        <Skeleton active />
      ) : card.error ? (
        <Alert type="error" showIcon title={card.error.message} />
      ) : (
        <>
          <Typography.Paragraph className="pi-pub-summary">{lang === 'en' ? card.data.scorecard.summaryEn : card.data.scorecard.summaryVi}</Typography.Paragraph>
          {r && (
            <Descriptions
              size="small"
              column={screens.md ? 4 : 2}
              items={[
                { key: 'rank', label: t('public.rank'), children: <strong data-testid="scorecard-rank">{r.rank}</strong> },
                { key: 'index', label: t('public.index'), children: idx(r.totalIndex) },
                { key: 'change', label: t('public.change'), children: <RankChange change={r.rankChange} /> },
                { key: 'class', label: t('public.class'), children: <ClassTag band={r.classification} /> },
              ]}
            />
          )}
          <Typography.Title level={3} className="pi-sa-section-title">
            {t('public.tree')}
          </Typography.Title>
          <Tree className="pi-pub-tree" treeData={toTree(card.data.scorecard.tree)} defaultExpandedKeys={card.data.scorecard.tree.map((n) => n.code)} selectable={false} blockNode />
        </>
      )}
    </Drawer>
  );
}
