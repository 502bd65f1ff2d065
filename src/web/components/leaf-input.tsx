import { Button, Checkbox, InputNumber, Radio, Space, Typography } from 'antd';
import { useId } from 'react';
import { formatPointsExact, tryParsePoints } from '../../core/domain/decimal';
import { explainDerivation, scoreLeaf } from '../../core/domain/scoring';
import type { FrameworkNode, LeafInput } from '../../core/schemas/framework';
import { useLang, useT } from '../i18n/i18n-context';
import './cycle-styles.css';

/** True when an input carries nothing to score (the leaf counts as not scored). */
export function isEmptyLeafInput(input: LeafInput | null | undefined): boolean {
  if (!input) return true;
  if (input.notApplicable === true) return false;
  return [input.levelCode, input.numerator, input.denominator, input.value].every((v) => v === undefined || v === null || v === '');
}

/** "2 điểm" / "0,5 điểm" from a decimal text. */
export function usePointsText() {
  const { lang } = useLang();
  const t = useT();
  return (points: string | null | undefined) => {
    const u = points == null ? null : tryParsePoints(points);
    return u === null ? '—' : t('leaf.points', { points: formatPointsExact(u, lang) });
  };
}

/** What an input scores, in one sentence of the core engine ("Tỷ lệ 45/50 = 90,00% ≥ 90% → 2 điểm"), or why it cannot. */
export function LeafScoreLine({ node, input }: { node: FrameworkNode; input: LeafInput | null | undefined }) {
  const { lang } = useLang();
  const t = useT();
  if (isEmptyLeafInput(input)) return <Typography.Text type="secondary">{t('leaf.notScored')}</Typography.Text>;
  const r = scoreLeaf(node, input);
  if (!r.ok) {
    return (
      <Typography.Text type="danger" role="alert">
        {r.problem.message[lang]}
      </Typography.Text>
    );
  }
  return <span className="pi-leaf-derivation">{explainDerivation(r.derivation, lang)}</span>;
}

const numberText = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));

/**
 * The input of one leaf in its scoring method: levels (radio with points), a ratio (numerator and denominator,
 * with the percentage and points computed by the core engine), yes/no, points in steps, or a survey leaf that is
 * read-only. A leaf that may be not applicable has a check box for it.
 */
export function LeafInputField({
  node,
  value,
  onChange,
  disabled,
  surveyPoints,
  showScore = true,
}: {
  node: FrameworkNode;
  value: LeafInput | null | undefined;
  onChange: (next: LeafInput | null) => void;
  disabled?: boolean;
  surveyPoints?: string | null;
  showScore?: boolean;
}) {
  const t = useT();
  const { lang } = useLang();
  const id = useId();
  const pointsText = usePointsText();
  const method = node.method;
  if (!method) return null;

  if (method.type === 'survey') {
    return (
      <div className="pi-leaf-input pi-leaf-survey" data-testid="leaf-survey">
        <Typography.Text>{t('leaf.fromSurvey')}</Typography.Text>
        <div className="pi-leaf-survey-points">
          {surveyPoints != null ? t('leaf.surveyPoints', { points: pointsText(surveyPoints) }) : t('leaf.surveyPending')}
        </div>
      </div>
    );
  }

  const na = value?.notApplicable === true;
  const set = (patch: Partial<LeafInput>) => onChange({ ...(value ?? {}), notApplicable: null, ...patch });
  const decimalSeparator = lang === 'vi' ? ',' : '.';

  let body: React.ReactNode = null;
  switch (method.type) {
    case 'levels':
      body = (
        <Radio.Group
          aria-labelledby={`${id}-label`}
          value={value?.levelCode ?? null}
          disabled={disabled || na}
          onChange={(e) => set({ levelCode: e.target.value as string })}
          className="pi-leaf-levels"
        >
          <Space orientation="vertical" size={4}>
            {method.levels.map((l) => (
              <Radio key={l.code} value={l.code}>
                <span className="pi-leaf-level-label">{lang === 'en' && l.labelEn ? l.labelEn : l.labelVi}</span>
                <span className="pi-leaf-level-points">{pointsText(l.points)}</span>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      );
      break;
    case 'ratio_ladder':
    case 'ratio_proportional': {
      const numLabel = lang === 'en' && method.numeratorLabelEn ? method.numeratorLabelEn : method.numeratorLabelVi;
      const denLabel = lang === 'en' && method.denominatorLabelEn ? method.denominatorLabelEn : method.denominatorLabelVi;
      body = (
        <div className="pi-leaf-ratio">
          <label htmlFor={`${id}-num`}>{numLabel}</label>
          <InputNumber<string>
            id={`${id}-num`}
            stringMode
            min="0"
            max="999999"
            precision={undefined}
            decimalSeparator={decimalSeparator}
            disabled={disabled || na}
            value={numberText(value?.numerator)}
            onChange={(v) => set({ numerator: v ?? null })}
            className="pi-leaf-number"
          />
          <label htmlFor={`${id}-den`}>{denLabel}</label>
          <InputNumber<string>
            id={`${id}-den`}
            stringMode
            min="0"
            max="999999"
            decimalSeparator={decimalSeparator}
            disabled={disabled || na}
            value={numberText(value?.denominator)}
            onChange={(v) => set({ denominator: v ?? null })}
            className="pi-leaf-number"
          />
        </div>
      );
      break;
    }
    case 'yes_no':
      body = (
        <Radio.Group
          aria-labelledby={`${id}-label`}
          optionType="button"
          buttonStyle="solid"
          disabled={disabled || na}
          value={typeof value?.value === 'boolean' ? value.value : null}
          onChange={(e) => set({ value: e.target.value as boolean })}
          options={[
            { value: true, label: `${t('common.yes')} · ${pointsText(node.maxPoints)}` },
            { value: false, label: `${t('common.no')} · ${pointsText('0')}` },
          ]}
        />
      );
      break;
    case 'manual':
      body = (
        <div className="pi-leaf-ratio">
          <label htmlFor={`${id}-value`}>{t('leaf.manualValue', { max: pointsText(node.maxPoints), step: formatStep(method.step, lang) })}</label>
          <InputNumber<string>
            id={`${id}-value`}
            stringMode
            min="0"
            max={node.maxPoints}
            step={method.step}
            decimalSeparator={decimalSeparator}
            disabled={disabled || na}
            value={numberText(value?.value)}
            onChange={(v) => set({ value: v ?? null })}
            className="pi-leaf-number"
          />
        </div>
      );
      break;
  }

  return (
    <div className="pi-leaf-input" data-testid="leaf-input">
      <span id={`${id}-label`} className="pi-visually-hidden">
        {t('leaf.inputLabel', { code: node.code })}
      </span>
      {body}
      {node.mayBeNotApplicable && (
        <Checkbox className="pi-leaf-na" checked={na} disabled={disabled} onChange={(e) => onChange(e.target.checked ? { notApplicable: true } : null)}>
          {t('leaf.notApplicable')}
        </Checkbox>
      )}
      {showScore && (
        <div className="pi-leaf-score" aria-live="polite">
          <LeafScoreLine node={node} input={value} />
          {!disabled && !isEmptyLeafInput(value) && (
            <Button type="link" size="small" onClick={() => onChange(null)} className="pi-leaf-clear">
              {t('leaf.clear')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

function formatStep(step: string, lang: 'vi' | 'en'): string {
  const u = tryParsePoints(step);
  return u === null ? step : formatPointsExact(u, lang);
}
