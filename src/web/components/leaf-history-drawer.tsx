import { Drawer, Empty, Skeleton, Timeline, Typography } from 'antd';
import { ADJUSTMENT_REASONS } from '../../core/domain/workflow';
import { explainDerivation, scoreLeaf } from '../../core/domain/scoring';
import type { FrameworkNode, LeafInput } from '../../core/schemas/framework';
import { useLeafHistory } from '../api/assessments';
import { formatDateTime } from '../i18n/format';
import { useLang, useT } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/translate';

const ACTIONS: Record<string, MessageKey> = {
  'leaf.self_assess': 'history.selfAssess',
  'leaf.evidence': 'history.evidence',
  'leaf.appraise1': 'history.appraise1',
  'leaf.appraise2': 'history.appraise2',
  'leaf.explanation_accept': 'history.explanationAccept',
  'leaf.explanation_dispute': 'history.explanationDispute',
  'leaf.explanation_reply': 'history.explanationReply',
  'leaf.survey_points': 'history.surveyPoints',
  'leaf.correct': 'history.correct',
};

const INPUT_KEYS = ['selfInput', 'appraisal1Input', 'finalInput'];

const FIELDS: Record<string, MessageKey> = {
  selfInput: 'history.f.selfInput',
  selfComment: 'history.f.comment',
  selfExplanation: 'history.f.explanation',
  appraisal1Input: 'history.f.appraisal1',
  appraisal1Decision: 'history.f.decision',
  appraisal1ReasonCode: 'history.f.reason',
  appraisal1Comment: 'history.f.appraiserComment',
  finalInput: 'history.f.final',
  finalDecision: 'history.f.decision',
  finalReasonCode: 'history.f.reason',
  finalComment: 'history.f.appraiserComment',
  surveyPoints: 'history.f.survey',
  evidenceIds: 'history.f.evidence',
  body: 'history.f.body',
  kind: 'history.f.kind',
};

/** The history of one leaf (who, when, old → new, reason) in a side drawer. */
export function LeafHistoryDrawer({ assessmentId, node, onClose }: { assessmentId: number; node: FrameworkNode | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const history = useLeafHistory(assessmentId, node?.code ?? null);

  const describe = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('history.empty');
    if (INPUT_KEYS.includes(key) && node) {
      const r = scoreLeaf(node, value as LeafInput);
      return r.ok ? explainDerivation(r.derivation, lang) : JSON.stringify(value);
    }
    if (key.endsWith('ReasonCode') && typeof value === 'string' && value in ADJUSTMENT_REASONS) return ADJUSTMENT_REASONS[value as keyof typeof ADJUSTMENT_REASONS][lang];
    if (Array.isArray(value)) return value.length ? value.join(', ') : t('history.empty');
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };

  const changes = (oldValue: unknown, newValue: unknown) => {
    const o = (oldValue ?? {}) as Record<string, unknown>;
    const n = (newValue ?? {}) as Record<string, unknown>;
    return Object.keys(n)
      .filter((k) => k !== 'version')
      .map((k) => (
        <div key={k} className="pi-history-change">
          <span className="pi-history-field">{FIELDS[k] ? t(FIELDS[k]!) : k}</span>
          <span className="pi-history-old">{describe(k, o[k])}</span>
          <span aria-hidden> → </span>
          <span className="pi-visually-hidden">{t('history.becomes')}</span>
          <span className="pi-history-new">{describe(k, n[k])}</span>
        </div>
      ));
  };

  return (
    <Drawer open={node !== null} onClose={onClose} size={560} title={node ? t('history.title', { code: node.code }) : ''} destroyOnHidden>
      {history.isPending ? (
        <Skeleton active />
      ) : history.error ? (
        <Typography.Text type="danger">{history.error.message}</Typography.Text>
      ) : history.data.length === 0 ? (
        <Empty description={t('history.none')} />
      ) : (
        <Timeline
          items={history.data.map((h, i) => ({
            key: i,
            title: formatDateTime(h.at, lang),
            content: (
              <div className="pi-history-entry">
                <Typography.Text strong>{ACTIONS[h.action] ? t(ACTIONS[h.action]!) : h.action}</Typography.Text>
                <Typography.Text type="secondary"> · {h.actorName ?? t('history.system')}</Typography.Text>
                {changes(h.oldValue, h.newValue)}
                {h.reason && <div className="pi-history-reason">{t('history.reason', { reason: h.reason })}</div>}
              </div>
            ),
          }))}
        />
      )}
    </Drawer>
  );
}
