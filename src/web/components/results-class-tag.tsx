import { Tag } from 'antd';
import { useLang } from '../i18n/i18n-context';
import './results-styles.css';

const KNOWN = new Set(['good', 'fair', 'average', 'weak']);

/** The classification (Tốt / Khá / Trung bình / Yếu) as a coloured tag; unknown band codes get a neutral tag. */
export function ClassTag({ classification }: { classification: { code: string; labelVi: string; labelEn: string } | null }) {
  const { lang } = useLang();
  if (!classification) return <span className="pi-muted">—</span>;
  const tone = KNOWN.has(classification.code) ? classification.code : 'other';
  return <Tag className={`res-class res-class-${tone}`}>{lang === 'en' && classification.labelEn ? classification.labelEn : classification.labelVi}</Tag>;
}
