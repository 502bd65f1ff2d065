import { MinusOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { formatNumber } from '../../i18n/format';
import { useLang, useT } from '../../i18n/i18n-context';
import './public-format.css';

/** An index text ("84.64") in the language's notation with a percent sign. */
export function useIndexText() {
  const { lang } = useLang();
  return (s: string | null | undefined) => (s == null ? '—' : `${formatNumber(Number(s), lang, 2)}%`);
}

/** Rank change against last year: ▲3 in green (climbed), ▼9 in red (fell), = when unchanged, — when unknown. */
export function RankChange({ change }: { change: number | null }) {
  const t = useT();
  if (change === null) return <span className="pi-muted" aria-label={t('public.noPrevious')}>—</span>;
  if (change === 0)
    return (
      <span className="pi-rank-same" aria-label={t('public.rankSame')}>
        <MinusOutlined aria-hidden />
      </span>
    );
  const up = change > 0;
  return (
    <span className={up ? 'pi-rank-up' : 'pi-rank-down'} aria-label={t(up ? 'public.rankUp' : 'public.rankDown', { count: Math.abs(change) })} data-testid="rank-change">
      <span aria-hidden>
        {up ? '▲' : '▼'}
        {Math.abs(change)}
      </span>
    </span>
  );
}

const BAND_COLORS: Record<string, string> = { good: 'green', fair: 'blue', average: 'gold', weak: 'red' };

/** A classification band (Tốt, Khá, Trung bình, Yếu) as a coloured tag. */
export function ClassTag({ band }: { band: { code: string; labelVi: string; labelEn: string } | null }) {
  const { lang } = useLang();
  if (!band) return <span className="pi-muted">—</span>;
  return <Tag color={BAND_COLORS[band.code] ?? 'default'}>{lang === 'en' && band.labelEn ? band.labelEn : band.labelVi}</Tag>;
}

/** A background for a component index on a red → amber → green scale (text stays dark for contrast). */
export function indexColor(s: string | null): string | undefined {
  if (s == null) return undefined;
  const v = Number(s);
  if (v >= 90) return '#d9f7be';
  if (v >= 80) return '#f4ffb8';
  if (v >= 70) return '#fff1b8';
  if (v >= 50) return '#ffe7ba';
  return '#ffccc7';
}
