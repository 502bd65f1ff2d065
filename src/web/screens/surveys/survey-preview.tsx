import { Alert, Button, Drawer, Segmented, Space } from 'antd';
import { useMemo, useState } from 'react';
import type { PublicQuestionnaire, QuestionnaireDraft } from '../../api/surveys';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import type { AnswerMap } from '../survey-form/answers';
import { SurveyRespondentForm } from '../survey-form/survey-respondent-form';
import { draftToPublic } from './builder-draft';

/**
 * The draft as a respondent sees it on a phone (the public form itself, in a 390 px frame): answers are kept only
 * in this preview; nothing is stored or sent.
 */
export function SurveyPreview({ open, onClose, draft, agencies }: { open: boolean; onClose: () => void; draft: QuestionnaireDraft; agencies: PublicQuestionnaire['ratedAgencies'] }) {
  const t = useT();
  const { lang } = useLang();
  const [group, setGroup] = useState<string | null>(null);
  const [answers, setAnswers] = useState<AnswerMap>({});
  const [step, setStep] = useState(-1);
  const [sent, setSent] = useState(false);
  const chosen = group && draft.content.respondentGroups.some((g) => g.code === group) ? group : (draft.content.respondentGroups[0]?.code ?? null);
  const q = useMemo(() => (open ? draftToPublic(draft, agencies, chosen) : null), [open, draft, agencies, chosen]);
  const reset = () => {
    setAnswers({});
    setStep(-1);
    setSent(false);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('survey.preview.title')}
      size={480}
      destroyOnHidden
      extra={
        <Button size="small" onClick={reset}>
          {t('survey.preview.restart')}
        </Button>
      }
    >
      <Space orientation="vertical" className="pi-sb-preview-controls">
        {draft.content.respondentGroups.length > 1 && (
          <Segmented<string>
            size="small"
            value={chosen ?? ''}
            onChange={setGroup}
            options={draft.content.respondentGroups.map((g) => ({ value: g.code, label: pickName(lang, g) || g.code }))}
            aria-label={t('survey.preview.group')}
          />
        )}
        <span className="pi-muted">{t('survey.preview.hint')}</span>
      </Space>
      <div className="pi-sb-phone" data-testid="survey-preview">
        <div className="pi-sf-page pi-sf-frame">
          <main className="pi-sf-main">
            {q && draft.content.sections.length > 0 ? (
              sent ? (
                <Alert type="success" showIcon title={t('survey.preview.sent')} action={<Button size="small" onClick={reset}>{t('survey.preview.restart')}</Button>} />
              ) : (
                <SurveyRespondentForm
                  questionnaire={q}
                  answers={answers}
                  onAnswer={(key, value) =>
                    setAnswers((a) => {
                      const next = { ...a };
                      if (value) next[key] = value;
                      else delete next[key];
                      return next;
                    })
                  }
                  step={Math.min(step, q.sections.length - 1)}
                  onStep={setStep}
                  group={chosen}
                  onSubmit={() => setSent(true)}
                />
              )
            ) : null}
          </main>
        </div>
      </div>
    </Drawer>
  );
}
