import { Typography } from 'antd';
import { useT } from '../../i18n/i18n-context';

/** What the agencies workbook must look like (the export is a ready-made template). */
export function ImportAgenciesHint() {
  const t = useT();
  return (
    <>
      <Typography.Paragraph>{t('agency.importHint')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" className="pi-import-columns">
        {t('agency.importColumns')}
      </Typography.Paragraph>
    </>
  );
}
