import { CheckCircleOutlined, CloudSyncOutlined, ExclamationCircleOutlined, EyeOutlined, LoadingOutlined, SendOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Progress, Tag } from 'antd';
import type { StageResult } from '../../../core/domain/compute-index';
import { formatIndex, formatPoints } from '../../../core/domain/decimal';
import type { AssessmentDetail } from '../../api/assessments';
import { GuardedButton } from '../../components/guarded-button';
import { formatTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import type { Progress as LeafProgress } from './leaf-state';
import type { SaveState } from './use-self-autosave';

/** The save state in words: "Đã lưu lúc 10:21", "Đang lưu…", "Mất kết nối — đang thử lại". */
export function SaveStatus({ state, savedAt, pending, blocked }: { state: SaveState; savedAt: Date | null; pending: number; blocked: string | null }) {
  const t = useT();
  let icon = <CheckCircleOutlined />;
  let text = savedAt ? t('selfAssess.savedAt', { time: formatTime(savedAt) }) : t('selfAssess.autosave');
  let tone = 'ok';
  if (state === 'pending' || state === 'saving') {
    icon = <LoadingOutlined />;
    text = t('selfAssess.saving');
  } else if (state === 'retrying') {
    icon = <CloudSyncOutlined />;
    text = t('selfAssess.retrying', { count: pending });
    tone = 'warn';
  } else if (state === 'blocked') {
    icon = <ExclamationCircleOutlined />;
    text = blocked ? t('selfAssess.notSavedBecause', { reason: blocked }) : t('selfAssess.notSaved', { count: pending });
    tone = 'error';
  }
  return (
    <span className={`pi-save-status pi-save-${tone}`} role="status" aria-live="polite" data-testid="save-status">
      {icon} {text}
    </span>
  );
}

/**
 * The sticky header of the self-assessment: totals and estimated index computed in the browser by the core
 * engine, progress, the save state, and the head's submit / withdraw.
 */
export function SelfTotalsBar({
  detail,
  result,
  progress,
  save,
  onSubmit,
  onWithdraw,
  withdrawing,
  submitDeniedReason,
}: {
  detail: AssessmentDetail;
  result: StageResult;
  progress: LeafProgress;
  save: { state: SaveState; savedAt: Date | null; pending: number; blocked: string | null };
  onSubmit: () => void;
  onWithdraw: () => void;
  withdrawing: boolean;
  submitDeniedReason: string;
}) {
  const t = useT();
  const { lang } = useLang();
  const pct = progress.scorable ? Math.round((progress.scored / progress.scorable) * 100) : 0;
  const band = result.classification;
  return (
    <div className="pi-sa-bar" data-testid="self-totals">
      <div className="pi-sa-bar-figures">
        <div className="pi-sa-figure">
          <span className="pi-sa-figure-label">{t('selfAssess.totalPoints')}</span>
          <span className="pi-sa-figure-value" data-testid="self-total">
            {formatPoints(result.totalPoints, lang)}
            <span className="pi-sa-figure-max"> / {formatPoints(result.applicableMax, lang)}</span>
          </span>
        </div>
        <div className="pi-sa-figure">
          <span className="pi-sa-figure-label">{t('selfAssess.estimatedIndex')}</span>
          <span className="pi-sa-figure-value" data-testid="self-index">
            {result.totalIndex === null ? '—' : formatIndex(result.totalIndex, lang)}
            {band && <Tag className="pi-sa-band">{lang === 'en' && band.labelEn ? band.labelEn : band.labelVi}</Tag>}
          </span>
        </div>
        <div className="pi-sa-figure pi-sa-figure-progress">
          <span className="pi-sa-figure-label">{t('selfAssess.progress', { scored: progress.scored, total: progress.scorable })}</span>
          <Progress percent={pct} size="small" showInfo={false} aria-label={t('selfAssess.progress', { scored: progress.scored, total: progress.scorable })} />
          <span className="pi-sa-figure-sub">{t('selfAssess.withEvidence', { count: progress.withEvidence, scored: progress.scored })}</span>
        </div>
      </div>
      <div className="pi-sa-bar-actions">
        {/* "Every change is saved" would be false where nothing can be changed (a published period, a submitted one). */}
        {detail.abilities.selfAssess || save.state !== 'idle' ? (
          <SaveStatus {...save} />
        ) : (
          <span className="pi-save-status" data-testid="save-status">
            <EyeOutlined /> {t('selfAssess.readOnlyBadge')}
          </span>
        )}
        {detail.abilities.withdraw ? (
          <Popconfirm title={t('selfAssess.withdrawConfirm')} okText={t('selfAssess.withdraw')} cancelText={t('action.cancel')} onConfirm={onWithdraw}>
            <Button icon={<UndoOutlined />} loading={withdrawing}>
              {t('selfAssess.withdraw')}
            </Button>
          </Popconfirm>
        ) : (
          detail.status === 'draft' && (
            <GuardedButton allowed={detail.abilities.submit} deniedReason={submitDeniedReason} type="primary" icon={<SendOutlined />} onClick={onSubmit}>
              {t('selfAssess.submit')}
            </GuardedButton>
          )
        )}
      </div>
    </div>
  );
}
