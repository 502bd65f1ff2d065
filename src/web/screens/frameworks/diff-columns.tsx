import { Card, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactElement } from 'react';
import { describeMethod } from '../../../core/domain/explain-derivation';
import type { FrameworkNode } from '../../../core/schemas/framework';
import type { FrameworkDiffView } from '../../api/frameworks';
import { useLang, useT } from '../../i18n/i18n-context';
import { pickName } from '../../i18n/names';
import type { Lang, MessageKey, MessageParams } from '../../i18n/translate';
import { showDecimal } from './decimal-input';
import type { DiffKind, DiffRow } from './diff-rows';

type T = (key: MessageKey, params?: MessageParams) => string;

const KIND_KEYS: Record<DiffKind, MessageKey> = {
  added: 'fw.diff.added',
  removed: 'fw.diff.removed',
  moved: 'fw.diff.moved',
  renamed: 'fw.diff.renamed',
  changed: 'fw.diff.changed',
};

const FIELD_KEYS: Record<string, MessageKey> = {
  maxPoints: 'fw.node.maxPoints',
  method: 'fw.node.method',
  guidance: 'fw.diff.fieldGuidance',
  evidence: 'fw.node.evidence',
  appraisingBody: 'fw.node.appraisingBody',
  mayBeNotApplicable: 'fw.node.mayBeNa',
  kind: 'fw.node.kind',
  nameVi: 'fw.settings.nameVi',
  nameEn: 'fw.settings.nameEn',
  declaredTotal: 'fw.settings.declaredTotal',
  bonusCap: 'fw.settings.bonusCap',
  deductionCap: 'fw.settings.deductionCap',
  bands: 'fw.settings.bands',
};

function method(n: FrameworkNode, lang: Lang, t: T): string {
  if (!n.method) return t('fw.diff.sumOfChildren');
  try {
    return describeMethod(n.method, n.maxPoints, lang);
  } catch {
    return n.method.type;
  }
}

function Details({ row, t, lang }: { row: DiffRow; t: T; lang: Lang }) {
  if (row.kinds.includes('added') && row.after) {
    return (
      <span>
        {t('fw.diff.maxIs', { max: showDecimal(row.after.maxPoints, lang) })}
        {row.after.method ? ` · ${method(row.after, lang, t)}` : ''}
      </span>
    );
  }
  if (row.kinds.includes('removed') && row.before) return <span>{t('fw.diff.maxWas', { max: showDecimal(row.before.maxPoints, lang) })}</span>;
  const lines: ReactElement[] = [];
  const { before, after } = row;
  if (before && after) {
    for (const c of row.changes) {
      if (c === 'maxPoints') {
        lines.push(
          <li key={c}>
            {t('fw.node.maxPoints')}: <span className="fw-before">{showDecimal(before.maxPoints, lang)}</span> → <strong>{showDecimal(after.maxPoints, lang)}</strong>
          </li>,
        );
      } else if (c === 'method') {
        lines.push(
          <li key={c}>
            {t('fw.node.method')}: <span className="fw-before">{method(before, lang, t)}</span> → <strong>{method(after, lang, t)}</strong>
          </li>,
        );
      } else {
        lines.push(<li key={c}>{t('fw.diff.fieldChanged', { field: t(FIELD_KEYS[c] ?? 'fw.diff.changed') })}</li>);
      }
    }
  }
  if (row.kinds.includes('moved') && row.fromCode) lines.push(<li key="moved">{t('fw.diff.movedFrom', { code: row.fromCode })}</li>);
  return lines.length > 0 ? <ul className="pi-plain-list fw-diff-lines">{lines}</ul> : null;
}

/** Columns of the comparison: code (with the old one), name (old → new), what happened, details before → after. */
export function diffColumns({ t, lang, names }: { t: T; lang: Lang; names: Map<string, FrameworkNode> }): ColumnsType<DiffRow> {
  return [
    {
      title: t('fw.node.code'),
      key: 'code',
      width: 120,
      render: (_: unknown, r) => (
        <span className="pi-code">
          {r.fromCode ? (
            <>
              <span className="fw-before">{r.fromCode}</span> → {r.code}
            </>
          ) : (
            r.code
          )}
        </span>
      ),
    },
    {
      title: t('fw.node.name'),
      key: 'name',
      render: (_: unknown, r) => {
        const node = r.after ?? r.before ?? names.get(r.code);
        const now = r.toName ? pickName(lang, { nameVi: r.toName.vi, nameEn: r.toName.en }) : node ? pickName(lang, node) : r.code;
        return r.fromName ? (
          <span>
            <span className="fw-before">{pickName(lang, { nameVi: r.fromName.vi, nameEn: r.fromName.en })}</span> → {now}
          </span>
        ) : (
          now
        );
      },
    },
    {
      title: t('fw.diff.what'),
      key: 'kinds',
      width: 200,
      render: (_: unknown, r) => (
        <span className="pi-tag-list">
          {r.kinds.map((k) => (
            <Tag key={k} className={`fw-diff-tag fw-diff-tag-${k}`}>
              {t(KIND_KEYS[k])}
            </Tag>
          ))}
        </span>
      ),
    },
    { title: t('fw.diff.details'), key: 'details', render: (_: unknown, r) => <Details row={r} t={t} lang={lang} /> },
  ];
}

function metaValue(field: string, v: unknown, lang: Lang): string {
  if (field === 'bands' && Array.isArray(v)) {
    return (v as { labelVi: string; labelEn: string; minPercent: string }[]).map((b) => `${lang === 'en' && b.labelEn ? b.labelEn : b.labelVi} ≥ ${showDecimal(b.minPercent, lang)}%`).join('; ');
  }
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return showDecimal(v, lang);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Framework-level changes (names, declared total, caps, bands), before → after. */
export function MetaChanges({ meta }: { meta: FrameworkDiffView['meta'] }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Card className="pi-card fw-meta-changes" size="small" title={t('fw.diff.meta')}>
      <ul className="pi-plain-list">
        {meta.map((m) => (
          <li key={m.field}>
            <Typography.Text strong>{t(FIELD_KEYS[m.field] ?? 'fw.diff.changed')}:</Typography.Text> <span className="fw-before">{metaValue(m.field, m.before, lang)}</span> → {metaValue(m.field, m.after, lang)}
          </li>
        ))}
      </ul>
    </Card>
  );
}
