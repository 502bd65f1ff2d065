import { CheckCircleOutlined, FlagOutlined, GlobalOutlined } from '@ant-design/icons';
import { Alert, App, Card, Checkbox, DatePicker, Form, Input, Skeleton, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { phaseIndex } from '../../../core/domain/workflow';
import { useCurrentUser } from '../../api/auth';
import type { PeriodView } from '../../api/periods';
import { type CompletenessRow, useCompleteness, useFinalisePeriod, usePublishPeriod } from '../../api/publication';
import { asPhase } from '../../components/cycle-status-tag';
import { EmptyState } from '../../components/empty-state';
import { GuardedButton } from '../../components/guarded-button';
import { datePattern } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import { SnapshotsPanel } from './snapshots-panel';

/**
 * Finalising and publishing: the completeness report (who has not submitted, leaves not appraised, survey points
 * missing), finalising with an explicit acknowledgement of incomplete agencies, then publishing with the
 * decision number and date; the published revisions follow.
 */
export function PublicationPanel({ period }: { period: PeriodView }) {
  const t = useT();
  const { lang } = useLang();
  const me = useCurrentUser();
  const { message, modal } = App.useApp();
  const phase = asPhase(period.phase);
  const report = useCompleteness(period.id, period.abilities.finalise === true && phaseIndex(phase) >= phaseIndex('self_assessment') && phase !== 'published');
  const finalise = useFinalisePeriod(period.id);
  const publish = usePublishPeriod(period.id);
  const [ack, setAck] = useState(false);
  const [decisionNumber, setDecisionNumber] = useState('');
  const [decisionDate, setDecisionDate] = useState<Dayjs | null>(null);
  const incomplete = report.data ?? [];
  const canFinalise = period.abilities.finalise === true && phase === 'appraisal2';
  const canPublish = period.abilities.publish === true && phase === 'finalised';
  const finaliseDenied = phase === 'appraisal2' ? t('ability.denied') : t('periods.pub.finaliseWhen');

  return (
    <div className="pi-period-panel pi-pub">
      <Card size="small" className="pi-card" title={<span><FlagOutlined /> {t('periods.pub.completeness')}</span>}>
        {report.error && <Alert type="error" showIcon role="alert" title={report.error.message} className="pi-sa-alert" />}
        {!report.data ? (report.isFetching ? <Skeleton active paragraph={{ rows: 2 }} /> : null) : incomplete.length === 0 ? (
          <Alert type="success" showIcon icon={<CheckCircleOutlined />} data-testid="completeness-complete" title={phase === 'published' || phase === 'finalised' ? t('periods.pub.alreadyFinal') : t('periods.pub.complete')} />
        ) : (
          <>
            <Alert type="warning" showIcon title={t('periods.pub.incompleteCount', { count: incomplete.length })} className="pi-sa-alert" data-testid="completeness-incomplete" />
            <Table<CompletenessRow>
              size="small"
              rowKey="agencyId"
              dataSource={incomplete}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('assess.agency'), key: 'a', render: (_, r) => `${r.code} · ${pickName(lang, r)}` },
                { title: t('periods.pub.submitted'), key: 's', width: 120, render: (_, r) => (r.submitted ? t('common.yes') : <span className="pi-ap-none">{t('common.no')}</span>) },
                { title: t('periods.pub.notAppraised'), dataIndex: 'notAppraised', key: 'n', width: 150 },
                { title: t('periods.pub.surveyMissing'), dataIndex: 'surveyMissing', key: 'm', width: 150 },
              ]}
            />
          </>
        )}
        {phase === 'appraisal2' && incomplete.length > 0 && (
          <Checkbox checked={ack} onChange={(e) => setAck(e.target.checked)} className="pi-pub-ack">
            {t('periods.pub.acknowledge', { count: incomplete.length })}
          </Checkbox>
        )}
        {finalise.error && <Alert type="error" showIcon role="alert" title={finalise.error.message} className="pi-sa-alert" />}
        <div className="pi-pub-actions">
          <GuardedButton
            allowed={canFinalise && report.isSuccess && (incomplete.length === 0 || ack)}
            deniedReason={canFinalise ? t('periods.pub.ackFirst') : finaliseDenied}
            type="primary"
            loading={finalise.isPending}
            onClick={() =>
              void modal.confirm({
                title: t('periods.pub.finaliseConfirmTitle', { year: period.year }),
                content: t('periods.pub.finaliseConfirmText'),
                okText: t('periods.pub.finalise'),
                cancelText: t('action.cancel'),
                onOk: () => finalise.mutateAsync({ version: period.version, acknowledgeIncomplete: incomplete.length > 0 && ack }).then(() => void message.success(t('periods.pub.finalised')), () => undefined),
              })
            }
          >
            {t('periods.pub.finalise')}
          </GuardedButton>
        </div>
      </Card>

      <Card size="small" className="pi-card" title={<span><GlobalOutlined /> {t('periods.pub.publishTitle')}</span>}>
        {phase === 'published' ? (
          <Typography.Paragraph>
            {t('periods.pub.publishedText')} <Link to={`/public/${me.province.code}/${period.year}`}>{t('periods.pub.openPublic')}</Link>
          </Typography.Paragraph>
        ) : (
          <Form
            layout="vertical"
            className="pi-pub-form"
            onFinish={() =>
              void modal.confirm({
                title: t('periods.pub.publishConfirmTitle', { year: period.year }),
                content: t('periods.pub.publishConfirmText'),
                okText: t('periods.pub.publish'),
                cancelText: t('action.cancel'),
                onOk: () =>
                  publish
                    .mutateAsync({ version: period.version, decisionNumber: decisionNumber.trim(), decisionDate: decisionDate ? decisionDate.format('YYYY-MM-DD') : null })
                    .then((r) => void message.success(t('periods.pub.published', { hash: r.snapshot.contentHash.slice(0, 12) })), () => undefined),
              })
            }
          >
            <Typography.Paragraph type="secondary">{t('periods.pub.publishHint')}</Typography.Paragraph>
            <div className="pi-form-row">
              <Form.Item label={t('periods.pub.decisionNumber')} htmlFor="pub-decision-number">
                <Input id="pub-decision-number" value={decisionNumber} onChange={(e) => setDecisionNumber(e.target.value)} maxLength={200} placeholder="123/QĐ-UBND" disabled={!canPublish} />
              </Form.Item>
              <Form.Item label={t('periods.pub.decisionDate')} htmlFor="pub-decision-date">
                <DatePicker id="pub-decision-date" value={decisionDate} onChange={setDecisionDate} format={datePattern(lang)} style={{ width: '100%' }} disabled={!canPublish} />
              </Form.Item>
            </div>
            {publish.error && <Alert type="error" showIcon role="alert" title={publish.error.message} className="pi-sa-alert" />}
            <GuardedButton allowed={canPublish} deniedReason={t('periods.pub.publishWhen')} type="primary" htmlType="submit" loading={publish.isPending}>
              {t('periods.pub.publish')}
            </GuardedButton>
          </Form>
        )}
      </Card>

      {phaseIndex(phase) >= phaseIndex('published') ? <SnapshotsPanel period={period} /> : <EmptyState title={t('periods.pub.noSnapshots')} />}
    </div>
  );
}
