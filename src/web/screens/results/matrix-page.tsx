import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Input, Select, Space, Switch, Tag } from 'antd';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { leafDiffers } from '../../../core/domain/matrix';
import { MATRIX_STAGES, type MatrixStage } from '../../../core/schemas/matrix';
import { matrixXlsxUrl, useLeafMatrix } from '../../api/matrix';
import { useAgencyGroups } from '../../api/org';
import { usePeriods } from '../../api/periods';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { useSearchState } from '../../components/use-search-state';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { usePeriod } from '../../session/period-context';
import { MatrixGrid } from './matrix-grid';
import './matrix.css';

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/**
 * The leaf matrix (issue 12): a year's agency group as agencies × leaves with the self-assessed, round-1 and final
 * points, differences in amber; filters by field, stage and "differences only"; the whole matrix as .xlsx. What
 * the reader sees (every agency, their appraisal fields, or only their own agency) is the server's decision.
 */
export default function MatrixPage() {
  const t = useT();
  const { lang } = useLang();
  const { year, setYear } = usePeriod();
  const [state, update] = useSearchState({ year: '', group: '', field: '', stages: 'self,appraisal1,final', diff: '', q: '' });
  // A link with ?year= selects that year everywhere (the top bar's period), once; the address follows the year.
  const urlYear = Number(state.year);
  useEffect(() => {
    if (Number.isInteger(urlYear) && urlYear > 2000 && urlYear !== year) setYear(urlYear);
  }, []); // only on arrival
  useEffect(() => {
    if (state.year !== String(year)) update({ year });
  }, [year, state.year, update]);
  const periods = usePeriods();
  const groups = useAgencyGroups();
  const items = useMemo(() => [...(periods.data?.items ?? [])].sort((a, b) => b.year - a.year), [periods.data]);
  const period = items.find((p) => p.year === year);
  const groupOptions = (period?.frameworks ?? []).map((f) => {
    const g = groups.data?.items.find((x) => x.id === f.groupId);
    return { value: f.groupCode, label: g ? pickName(lang, g) : f.groupNameVi, id: f.groupId };
  });
  const group = groupOptions.find((g) => g.value === state.group) ?? groupOptions[0];
  const matrix = useLeafMatrix(period ? year : undefined, group?.id);
  const m = matrix.data;
  const [search, setSearch] = useState(state.q);
  const q = useDeferredValue(search);
  useEffect(() => {
    if (q !== state.q) update({ q });
  }, [q, state.q, update]);

  const wanted = state.stages.split(',').filter((s): s is MatrixStage => (MATRIX_STAGES as readonly string[]).includes(s));
  const stages = m ? MATRIX_STAGES.filter((s) => m.stages.includes(s) && wanted.includes(s)) : [];
  const rows = useMemo(() => {
    if (!m) return [];
    const needle = fold(q.trim());
    return needle ? m.rows.filter((r) => fold(`${r.code} ${r.nameVi} ${r.nameEn}`).includes(needle)) : m.rows;
  }, [m, q]);
  const leaves = useMemo(() => {
    if (!m) return [];
    const out: number[] = [];
    m.leaves.forEach((leaf, i) => {
      if (state.field && leaf.fieldCode !== state.field) return;
      if (state.diff === '1' && !rows.some((r) => leafDiffers(r.cells[i * 3]!, r.cells[i * 3 + 1]!, r.cells[i * 3 + 2]!))) return;
      out.push(i);
    });
    return out;
  }, [m, rows, state.field, state.diff]);

  const title = t('mx.title');
  const stageLabel = (s: MatrixStage) => t(`mx.stage.${s}`);
  const formatPoints = (s: string) => (lang === 'vi' ? s.replace('.', ',') : s);

  return (
    <div className="mx-page">
      <PageHeader
        title={title}
        subtitle={t('mx.subtitle')}
        crumbs={[{ title: t('res.title'), to: '/results' }, { title }]}
        extra={
          m && group ? (
            <Button icon={<DownloadOutlined />} href={matrixXlsxUrl(year, group.id, lang)} download data-testid="matrix-export">
              {t('mx.export')}
            </Button>
          ) : null
        }
      />
      <Card className="pi-card" size="small">
        <div className="mx-toolbar" role="search">
          <label htmlFor="mx-year">{t('mx.year')}</label>
          <Select<number> id="mx-year" style={{ width: 100 }} value={period ? year : undefined} onChange={(y) => setYear(y)} options={items.map((p) => ({ value: p.year, label: String(p.year) }))} />
          <label htmlFor="mx-group">{t('mx.group')}</label>
          <Select<string> id="mx-group" style={{ minWidth: 200 }} value={group?.value} disabled={!period} onChange={(v) => update({ group: v })} options={groupOptions.map(({ value, label }) => ({ value, label }))} popupMatchSelectWidth={false} />
          <label htmlFor="mx-field">{t('mx.field')}</label>
          <Select<string>
            id="mx-field"
            style={{ minWidth: 220 }}
            value={state.field}
            onChange={(v) => update({ field: v })}
            popupMatchSelectWidth={false}
            options={[{ value: '', label: t('mx.allFields') }, ...(m?.fields ?? []).map((f) => ({ value: f.code, label: `${f.code}. ${pickName(lang, f)}` }))]}
          />
          <span>{t('mx.stages')}</span>
          <Checkbox.Group
            value={wanted}
            onChange={(v) => update({ stages: MATRIX_STAGES.filter((s) => v.includes(s)).join(',') })}
            options={MATRIX_STAGES.map((s) => ({ value: s, label: stageLabel(s), disabled: m ? !m.stages.includes(s) : false }))}
          />
          <Space size={4}>
            <Switch id="mx-diff" size="small" checked={state.diff === '1'} onChange={(on) => update({ diff: on ? '1' : '' })} />
            <label htmlFor="mx-diff">{t('mx.onlyDiff')}</label>
          </Space>
          <Input.Search aria-label={t('mx.search')} placeholder={t('mx.search')} allowClear style={{ width: 220 }} value={search} onChange={(e) => setSearch(e.target.value)} />
          {m && <Tag color={m.periodPhase === 'published' ? 'green' : 'orange'}>{m.periodPhase === 'published' ? t('mx.published') : t('mx.provisional')}</Tag>}
        </div>
      </Card>
      {m?.scope === 'own' && <Alert type="info" showIcon style={{ marginTop: 8 }} message={t('mx.scope.own')} />}
      {m?.scope === 'appraiser' && <Alert type="info" showIcon style={{ marginTop: 8 }} message={t('mx.scope.appraiser')} />}
      {matrix.isError && <Alert type="error" showIcon style={{ marginTop: 8 }} message={matrix.error.message} />}
      {periods.isSuccess && !period ? (
        <Card className="pi-card">
          <EmptyState title={t('mx.noPeriod', { year })} />
        </Card>
      ) : (
        m && (
          <>
            <div className="mx-legend" data-testid="matrix-count">
              <span className="mx-swatch" aria-hidden /> {t('mx.count', { agencies: rows.length, leaves: leaves.length, stages: stages.length })}. {t('mx.legend')}
            </div>
            <MatrixGrid
              matrix={m}
              rows={rows}
              leaves={leaves}
              stages={stages}
              stageLabel={stageLabel}
              naText={t('mx.na')}
              agencyLabel={t('mx.agency')}
              name={(x) => pickName(lang, x)}
              formatPoints={formatPoints}
              maxLabel={(max) => t('mx.max', { max: formatPoints(max) })}
            />
          </>
        )
      )}
    </div>
  );
}
