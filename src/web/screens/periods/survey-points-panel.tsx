import { DeleteOutlined, PlusOutlined, SaveOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ACTION_PHASES } from '../../../core/domain/workflow';
import { leafNodes } from '../../../core/domain/framework';
import { type PeriodView, type SurveyPointsEntry, useEnterSurveyPoints, useImportSurveyPoints, usePeriodFrameworkDocs } from '../../api/periods';
import { AgencySelect } from '../../components/agency-select';
import { EmptyState } from '../../components/empty-state';
import { ImportDialog } from '../../components/import-dialog';
import { useLang, useT } from '../../i18n/i18n-context';

interface Row extends SurveyPointsEntry {
  key: string;
  agencyLabel: string;
}

/** Survey points per agency and survey leaf: typed in, or imported from .xlsx (Mã cơ quan | Mã tiêu chí | Điểm). */
export function SurveyPointsPanel({ period }: { period: PeriodView }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const docs = usePeriodFrameworkDocs(period);
  const enter = useEnterSurveyPoints(period.id);
  const importer = useImportSurveyPoints(period.id);
  const [rows, setRows] = useState<Row[]>([]);
  const [importOpen, setImportOpen] = useState(false);
  const [draft, setDraft] = useState<{ agencyId?: number | null; agencyLabel?: string; nodeCode?: string; points?: string | null }>({});
  const open = (ACTION_PHASES.enterSurvey as readonly string[]).includes(period.phase);
  const canEnter = period.abilities.manage === true && open;

  const surveyLeaves = useMemo(() => {
    const map = new Map<string, string>();
    for (const d of docs.data ?? [])
      for (const n of leafNodes(d.document.nodes)) if (n.method?.type === 'survey') map.set(n.code, `${n.code}. ${lang === 'en' && n.nameEn ? n.nameEn : n.nameVi} (≤ ${n.maxPoints})`);
    return [...map.entries()];
  }, [docs.data, lang]);

  const add = () => {
    if (!draft.agencyId || !draft.nodeCode || !draft.points) return;
    setRows((r) => [...r.filter((x) => !(x.agencyId === draft.agencyId && x.nodeCode === draft.nodeCode)), { key: `${draft.agencyId}:${draft.nodeCode}`, agencyId: draft.agencyId!, agencyLabel: draft.agencyLabel ?? '', nodeCode: draft.nodeCode!, points: draft.points! }]);
    setDraft((d) => ({ agencyId: d.agencyId, agencyLabel: d.agencyLabel }));
  };

  return (
    <div className="pi-period-panel">
      <Typography.Paragraph type="secondary">{t('periods.survey.hint')}</Typography.Paragraph>
      {!open && <Alert type="info" showIcon title={t('periods.survey.closed')} className="pi-sa-alert" />}
      {canEnter && (
        <>
          <Space wrap className="pi-assign-add">
            <AgencySelect style={{ width: 260 }} onlyActive aria-label={t('assess.agency')} placeholder={t('assess.agency')} value={draft.agencyId ?? null} onChange={(agencyId, option) => setDraft((d) => ({ ...d, agencyId, agencyLabel: option?.label ?? '' }))} />
            <Select style={{ width: 340 }} aria-label={t('periods.survey.leaf')} placeholder={t('periods.survey.leaf')} value={draft.nodeCode} onChange={(nodeCode: string) => setDraft((d) => ({ ...d, nodeCode }))} options={surveyLeaves.map(([value, label]) => ({ value, label }))} />
            <InputNumber<string> stringMode min="0" max="999999" aria-label={t('periods.survey.points')} placeholder={t('periods.survey.points')} decimalSeparator={lang === 'vi' ? ',' : '.'} value={draft.points ?? null} onChange={(points) => setDraft((d) => ({ ...d, points }))} />
            <Button icon={<PlusOutlined />} onClick={add} disabled={!draft.agencyId || !draft.nodeCode || !draft.points}>
              {t('periods.survey.add')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)}>
              {t('action.importExcel')}
            </Button>
          </Space>
          <Table<Row>
            size="small"
            rowKey="key"
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: <EmptyState title={t('periods.survey.none')} hint={t('periods.survey.noneHint')} /> }}
            columns={[
              { title: t('assess.agency'), dataIndex: 'agencyLabel', key: 'agency' },
              { title: t('periods.survey.leaf'), dataIndex: 'nodeCode', key: 'leaf', width: 120 },
              { title: t('periods.survey.points'), key: 'points', width: 120, render: (_, r) => (lang === 'vi' ? r.points.replace('.', ',') : r.points) },
              { title: '', key: 'del', width: 56, render: (_, r) => <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('periods.assign.remove')} onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))} /> },
            ]}
          />
          {enter.error && <Alert type="error" showIcon role="alert" title={enter.error.message} className="pi-sa-alert" />}
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={rows.length === 0}
            loading={enter.isPending}
            className="pi-assign-save"
            onClick={() => enter.mutate(rows.map(({ agencyId, nodeCode, points }) => ({ agencyId, nodeCode, points })), { onSuccess: (r) => { setRows([]); void message.success(t('periods.survey.saved', { count: r.updated })); } })}
          >
            {t('periods.survey.save', { count: rows.length })}
          </Button>
        </>
      )}
      <ImportDialog
        open={importOpen}
        title={t('periods.survey.importTitle')}
        hint={t('periods.survey.importHint')}
        pending={importer.isPending}
        onClose={() => setImportOpen(false)}
        onImport={async (file) => {
          const r = await importer.mutateAsync(file);
          void message.success(t('periods.survey.saved', { count: r.updated }));
          setImportOpen(false);
          return r;
        }}
      />
    </div>
  );
}
