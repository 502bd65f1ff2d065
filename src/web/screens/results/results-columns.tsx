import { WarningOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { AgencyResultRow, GroupResults } from '../../api/results';
import { ClassTag } from '../../components/results-class-tag';
import { RankChange } from '../../components/results-rank-change';
import { pickName } from '../../i18n/names';
import type { Lang, MessageKey, MessageParams } from '../../i18n/translate';
import { showIndex, showPoints } from './format';
import { heatColor, indexValue } from './results-math';

interface Options {
  t: (key: MessageKey, params?: MessageParams) => string;
  lang: Lang;
  results: GroupResults;
  onOpen: (a: AgencyResultRow) => void;
}

const byIndex = (get: (a: AgencyResultRow) => string | null | undefined) => (a: AgencyResultRow, b: AgencyResultRow) =>
  (indexValue(get(a)) ?? -1) - (indexValue(get(b)) ?? -1);

/**
 * The ranking table: rank, agency, total index, rank change, class, then one heat-coloured column per field's
 * component index (header: the field code, its name and maximum in the tooltip). Sorting is local: the whole
 * group is on the page.
 */
export function resultColumns({ t, lang, results, onOpen }: Options): ColumnsType<AgencyResultRow> {
  const fields: ColumnsType<AgencyResultRow> = results.fields.map((f) => ({
    title: (
      <Tooltip title={`${pickName(lang, f)} · ${t('res.col.fieldMax', { max: showPoints(f.maxPoints, lang) })}`}>
        <span className="res-field-code">{t('res.col.field', { code: f.code })}</span>
      </Tooltip>
    ),
    key: `f-${f.code}`,
    width: 66,
    align: 'right',
    sorter: byIndex((a) => a.components.find((c) => c.code === f.code)?.index),
    sortDirections: ['descend', 'ascend'],
    onCell: (a) => {
      const v = indexValue(a.components.find((c) => c.code === f.code)?.index);
      return { className: 'res-heat', style: { background: heatColor(v) } };
    },
    render: (_: unknown, a) => {
      const c = a.components.find((x) => x.code === f.code);
      return (
        <Tooltip title={c ? t('res.col.cellTip', { points: showPoints(c.points, lang), max: showPoints(c.applicableMax, lang), lost: showPoints(c.lost, lang) }) : undefined}>
          <span className="res-num">{showIndex(c?.index, lang)}</span>
        </Tooltip>
      );
    },
  }));

  return [
    {
      title: t('res.col.rank'),
      key: 'rank',
      width: 58,
      align: 'center',
      fixed: 'left',
      render: (_: unknown, a) => (
        <span className="res-rank">
          {a.rank}
          {a.tied && (
            <Tooltip title={t('res.col.tied')}>
              <sup className="res-tied" aria-label={t('res.col.tied')}>
                =
              </sup>
            </Tooltip>
          )}
        </span>
      ),
    },
    {
      title: t('res.col.agency'),
      key: 'agency',
      width: 178, // 22 px went to the rank-change column, whose header "Tăng/giảm" must not break inside a word
      fixed: 'left',
      sorter: (a, b) => pickName(lang, a).localeCompare(pickName(lang, b), lang),
      render: (_: unknown, a) => (
        <div className="pi-cell-main">
          <Button type="link" className="pi-link-cell res-agency-link" onClick={() => onOpen(a)}>
            {pickName(lang, a)}
          </Button>
          <span className="pi-cell-sub pi-muted">
            {a.code}
            {a.notScoredCount > 0 && (
              <Tooltip title={t('res.col.notScored', { count: a.notScoredCount })}>
                <WarningOutlined className="res-not-scored" aria-label={t('res.col.notScored', { count: a.notScoredCount })} />
              </Tooltip>
            )}
          </span>
        </div>
      ),
    },
    {
      title: t('res.col.index'),
      key: 'index',
      width: 80,
      align: 'right',
      sorter: byIndex((a) => a.totalIndex),
      sortDirections: ['descend', 'ascend'],
      render: (_: unknown, a) => <strong className="res-num res-index">{showIndex(a.totalIndex, lang)}</strong>,
    },
    {
      title: t('res.col.change'),
      key: 'change',
      width: 112,
      align: 'center',
      render: (_: unknown, a) => <RankChange change={a.rankChange} previousRank={a.previousRank} />,
    },
    {
      title: t('res.col.class'),
      key: 'class',
      width: 96,
      render: (_: unknown, a) => <ClassTag classification={a.classification} />,
    },
    ...fields,
  ];
}
