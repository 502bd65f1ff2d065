import { CheckCircleOutlined, EditOutlined } from '@ant-design/icons';
import { useT } from '../i18n/i18n-context';
import { StatusTag } from './status-tag';

/** "Bản nháp" / "Đã ban hành" for a criteria framework. */
export function FrameworkStatusTag({ status }: { status: 'draft' | 'published' }) {
  const t = useT();
  return status === 'published' ? (
    <StatusTag tone="ok" icon={<CheckCircleOutlined />}>
      {t('fw.status.published')}
    </StatusTag>
  ) : (
    <StatusTag tone="warn" icon={<EditOutlined />}>
      {t('fw.status.draft')}
    </StatusTag>
  );
}
