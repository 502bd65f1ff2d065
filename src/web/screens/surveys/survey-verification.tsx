import { CheckOutlined, CloseOutlined, ExperimentOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useOutletContext } from 'react-router';
import { type SampledResponse, useDrawSample, useVerifyResponse } from '../../api/surveys';
import { EmptyState } from '../../components/empty-state';
import { StatusTag } from '../../components/status-tag';
import { formatCount, formatDateTime } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import type { SurveyPageOutlet } from './survey-page';

interface Drawn {
  percent: number;
  seed: number;
  items: SampledResponse[];
}

const randomSeed = () => Math.floor(Math.random() * 1_000_000);

/**
 * Re-verification (phúc tra): draw a reproducible sample (x % of the valid responses per rated agency, from a seed
 * recorded in the audit log), then mark each sampled response confirmed or invalid with the reason (an invalid
 * response leaves the tally).
 */
export default function SurveyVerification() {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const { survey } = useOutletContext<SurveyPageOutlet>();
  const storageKey = `parindex.survey-sample.${survey.id}`;
  const [drawn, setDrawn] = useState<Drawn | null>(() => {
    try {
      const raw = window.sessionStorage.getItem(storageKey);
      return raw ? (JSON.parse(raw) as Drawn) : null;
    } catch {
      return null;
    }
  });
  const [percent, setPercent] = useState<number>(drawn?.percent ?? 10);
  const [seed, setSeed] = useState<number>(drawn?.seed ?? randomSeed());
  const [invalidFor, setInvalidFor] = useState<SampledResponse | null>(null);
  const [reason, setReason] = useState('');
  const draw = useDrawSample(survey.id);
  const verify = useVerifyResponse();
  const canVerify = survey.abilities.verify === true;

  const keep = (next: Drawn) => {
    setDrawn(next);
    try {
      window.sessionStorage.setItem(storageKey, JSON.stringify(next));
    } catch {
      /* the sample stays on screen */
    }
  };

  const run = () =>
    draw.mutate(
      { percent, seed },
      {
        onSuccess: (items) => {
          keep({ percent, seed, items });
          void message.success(t('survey.verify.drawn', { count: formatCount(items.length, lang) }));
        },
        onError: (err) => void message.error(err.message),
      },
    );

  const mark = (r: SampledResponse, outcome: 'confirmed' | 'invalid', why?: string) =>
    verify.mutate(
      { responseId: r.id, outcome, ...(why ? { reason: why } : {}) },
      {
        onSuccess: () => {
          if (drawn) keep({ ...drawn, items: drawn.items.map((x) => (x.id === r.id ? { ...x, verification: outcome } : x)) });
          setInvalidFor(null);
          setReason('');
          void message.success(outcome === 'confirmed' ? t('survey.verify.confirmedMsg', { id: r.id }) : t('survey.verify.invalidMsg', { id: r.id }));
        },
        onError: (err) => void message.error(err.message),
      },
    );

  const groupName = (code: string) => pickName(lang, survey.content.respondentGroups.find((g) => g.code === code) ?? { nameVi: code });
  const done = drawn?.items.filter((r) => r.verification).length ?? 0;

  return (
    <div className="pi-survey-verify">
      <Card className="pi-card" size="small" title={t('survey.verify.drawTitle')}>
        {!canVerify && <Alert type="info" showIcon className="pi-sb-alert" title={t('ability.denied')} />}
        <Form layout="inline" disabled={!canVerify} onFinish={run} className="pi-verify-form">
          <Form.Item label={t('survey.verify.percent')} htmlFor="verify-percent">
            <InputNumber<number> id="verify-percent" min={0.1} max={100} step={1} value={percent} onChange={(v) => setPercent(v ?? 10)} suffix="%" style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label={t('survey.verify.seed')} tooltip={t('survey.verify.seedHint')} htmlFor="verify-seed">
            <Space.Compact>
              <InputNumber<number> id="verify-seed" min={0} max={2 ** 31} value={seed} onChange={(v) => setSeed(v ?? 0)} style={{ width: 140 }} />
              <Tooltip title={t('survey.verify.newSeed')}>
                <Button icon={<ReloadOutlined />} onClick={() => setSeed(randomSeed())} aria-label={t('survey.verify.newSeed')} />
              </Tooltip>
            </Space.Compact>
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<ExperimentOutlined />} loading={draw.isPending}>
            {t('survey.verify.draw')}
          </Button>
        </Form>
        <p className="pi-muted pi-verify-hint">{t('survey.verify.hint')}</p>
      </Card>
      <Card
        className="pi-card pi-table-card"
        size="small"
        title={drawn ? t('survey.verify.sampleTitle', { percent: drawn.percent, seed: drawn.seed }) : t('survey.verify.sample')}
        extra={drawn ? <span className="pi-muted">{t('survey.verify.progress', { done, total: drawn.items.length })}</span> : null}
      >
        <Table<SampledResponse>
          size="small"
          rowKey="id"
          dataSource={drawn?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          locale={{ emptyText: <EmptyState title={drawn ? t('survey.verify.emptySample') : t('survey.verify.noSample')} hint={t('survey.verify.noSampleHint')} /> }}
          columns={[
            { key: 'id', title: t('survey.verify.response'), width: 110, render: (_: unknown, r) => `#${r.id}` },
            { key: 'channel', title: t('survey.verify.channel'), width: 150, render: (_: unknown, r) => (r.channel === 'paper' ? t('survey.verify.paper', { ref: r.paperRef ?? '' }) : r.channel === 'code' ? t('survey.verify.online') : t('survey.verify.openLink')) },
            { key: 'group', title: t('survey.codes.group'), render: (_: unknown, r) => groupName(r.respondentGroup) },
            { key: 'at', title: t('survey.verify.submittedAt'), width: 150, render: (_: unknown, r) => formatDateTime(r.submittedAt, lang) },
            {
              key: 'outcome',
              title: t('survey.verify.outcome'),
              width: 140,
              render: (_: unknown, r) =>
                r.verification === 'confirmed' ? (
                  <StatusTag tone="ok">{t('survey.verify.confirmed')}</StatusTag>
                ) : r.verification === 'invalid' ? (
                  <StatusTag tone="danger">{t('survey.verify.invalid')}</StatusTag>
                ) : (
                  <Tag>{t('survey.verify.pending')}</Tag>
                ),
            },
            {
              key: 'act',
              title: '',
              width: 220,
              render: (_: unknown, r) => (
                <Space>
                  <Button size="small" icon={<CheckOutlined />} disabled={!canVerify || !!r.verification} loading={verify.isPending && verify.variables?.responseId === r.id && verify.variables.outcome === 'confirmed'} onClick={() => mark(r, 'confirmed')}>
                    {t('survey.verify.confirm')}
                  </Button>
                  <Button size="small" danger icon={<CloseOutlined />} disabled={!canVerify || r.verification === 'invalid'} onClick={() => setInvalidFor(r)}>
                    {t('survey.verify.exclude')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={invalidFor !== null}
        title={t('survey.verify.excludeTitle', { id: invalidFor?.id ?? '' })}
        okText={t('survey.verify.exclude')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: verify.isPending }}
        cancelText={t('action.cancel')}
        onOk={() => invalidFor && mark(invalidFor, 'invalid', reason.trim())}
        onCancel={() => {
          setInvalidFor(null);
          setReason('');
        }}
      >
        <p>{t('survey.verify.excludeText')}</p>
        <Form layout="vertical">
          <Form.Item label={t('survey.verify.reason')} required htmlFor="verify-reason">
            <Input.TextArea id="verify-reason" value={reason} onChange={(e) => setReason(e.target.value)} autoSize={{ minRows: 2, maxRows: 5 }} maxLength={5000} placeholder={t('survey.verify.reasonPlaceholder')} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
