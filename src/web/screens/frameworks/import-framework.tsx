import { App, Form, Input, InputNumber, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useImportFramework } from '../../api/frameworks';
import { useAgencyGroups } from '../../api/org';
import { ImportDialog } from '../../components/import-dialog';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';

/**
 * Imports a framework file (.xlsx in the provinces' layout, or the JSON export) as a new draft for a chosen year
 * and agency group; the server lists every problem with its row and column, and nothing is stored on error.
 */
export function ImportFrameworkDialog({ open, defaults, onClose }: { open: boolean; defaults: { year: number; groupId?: number | undefined }; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const groups = useAgencyGroups();
  const importer = useImportFramework();
  const [year, setYear] = useState<number | null>(defaults.year);
  const [groupId, setGroupId] = useState<number | undefined>(defaults.groupId);
  const [nameVi, setNameVi] = useState('');

  const hint = (
    <div>
      <p className="pi-muted">{t('fw.import.hint')}</p>
      <Form layout="vertical" size="small" className="fw-import-target" requiredMark="optional">
        <div className="fw-settings-row">
          <Form.Item label={t('fw.clone.year')} htmlFor="fw-imp-year" required>
            <InputNumber id="fw-imp-year" min={2000} max={2100} precision={0} value={year} onChange={setYear} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('fw.clone.group')} htmlFor="fw-imp-group" required>
            <Select
              id="fw-imp-group"
              value={groupId}
              onChange={setGroupId}
              placeholder={t('agency.chooseGroup')}
              options={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: pickName(lang, g) }))}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
        </div>
        <Form.Item label={t('fw.clone.name')} htmlFor="fw-imp-name" extra={t('fw.import.nameHint')}>
          <Input id="fw-imp-name" maxLength={500} value={nameVi} onChange={(e) => setNameVi(e.target.value)} />
        </Form.Item>
      </Form>
    </div>
  );

  return (
    <ImportDialog
      open={open}
      title={t('fw.import.title')}
      hint={hint}
      accept=".xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      dropText={t('fw.import.drop')}
      pending={importer.isPending}
      onClose={onClose}
      onImport={async (file) => {
        if (!year || !groupId) throw new Error(t('fw.import.targetMissing'));
        const d = await importer.mutateAsync({ file, year, groupId, nameVi: nameVi.trim() || undefined });
        void message.success(t('fw.import.done', { count: d.nodeCount }));
        onClose();
        void navigate(`/frameworks/${d.id}`);
        return d;
      }}
    />
  );
}
