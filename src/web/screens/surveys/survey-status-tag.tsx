import { CheckCircleOutlined, EditOutlined, StopOutlined } from '@ant-design/icons';
import type { QuestionnaireView } from '../../api/surveys';
import { StatusTag } from '../../components/status-tag';
import { useT } from '../../i18n/i18n-context';

/** Draft / open for answers / closed. */
export function SurveyStatusTag({ status }: { status: QuestionnaireView['status'] }) {
  const t = useT();
  if (status === 'published')
    return (
      <StatusTag tone="ok" icon={<CheckCircleOutlined />}>
        {t('survey.status.published')}
      </StatusTag>
    );
  if (status === 'closed')
    return (
      <StatusTag tone="off" icon={<StopOutlined />}>
        {t('survey.status.closed')}
      </StatusTag>
    );
  return (
    <StatusTag tone="warn" icon={<EditOutlined />}>
      {t('survey.status.draft')}
    </StatusTag>
  );
}
