/**
 * Small formatting rules shared by the reports: dates in the administrative style of Nghị định 30/2020/NĐ-CP
 * (a leading zero for days below 10 and for January and February), place names, the signer's title, numbers with a
 * decimal comma in Vietnamese, and safe file names.
 */
import { formatIndex, formatPoints } from '../../../core/domain/decimal';
import type { Lang } from '../../../core/errors';

/** The province's offices keep Vietnam time (UTC+7, no daylight saving). */
const VN_OFFSET_MS = 7 * 3600 * 1000;

/** Year, month, day of an instant in Vietnam time. */
export function vnDate(d: Date): { y: number; m: number; d: number } {
  const v = new Date(d.getTime() + VN_OFFSET_MS);
  return { y: v.getUTCFullYear(), m: v.getUTCMonth() + 1, d: v.getUTCDate() };
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "ngày 05 tháng 01 năm 2026" (Nghị định 30/2020: days < 10 and months 1, 2 take a leading zero) / "5 January 2026". */
export function longDate(parts: { y: number; m: number; d: number }, lang: Lang): string {
  if (lang === 'en') return `${parts.d} ${MONTHS_EN[parts.m - 1]} ${parts.y}`;
  const dd = String(parts.d).padStart(2, '0');
  const mm = parts.m <= 2 ? String(parts.m).padStart(2, '0') : String(parts.m);
  return `ngày ${dd} tháng ${mm} năm ${parts.y}`;
}

/** "2020-03-15" → "15/3/2020" (vi) / "15 March 2020" (en); null stays null. */
export function shortDate(iso: string | null, lang: Lang): string | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  if (!m) return null;
  const parts = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return lang === 'en' ? longDate(parts, 'en') : `${String(parts.d).padStart(2, '0')}/${String(parts.m).padStart(2, '0')}/${parts.y}`;
}

/** The place of the date line: "Tỉnh Quảng Nam" → "Quảng Nam", "Thành phố Đà Nẵng" → "Đà Nẵng". */
export function placeName(provinceNameVi: string): string {
  return provinceNameVi.replace(/^(tỉnh|thành phố|tp\.?)\s+/i, '').trim() || provinceNameVi;
}

/** "Tỉnh Quảng Nam" → "tỉnh Quảng Nam" (inside a sentence); an acronym is kept. */
export function lowerFirst(s: string): string {
  return s.length > 1 && s[1] === s[1]!.toLowerCase() ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** The People's Committee that publishes the index: "Ủy ban nhân dân tỉnh Quảng Nam" / "the People's Committee of Quảng Nam Province". */
export function committeeName(province: { nameVi: string; nameEn: string }, lang: Lang): string {
  return lang === 'en' ? `the People's Committee of ${province.nameEn || province.nameVi}` : `Ủy ban nhân dân ${lowerFirst(province.nameVi)}`;
}

/** The heading of the governing body above the agency name (upper case, as in the document header). */
export function governingHeading(province: { nameVi: string; nameEn: string; governingBodyVi?: string }, lang: Lang): string {
  if (lang === 'en') return `${(province.nameEn || province.nameVi).toUpperCase()} PEOPLE'S COMMITTEE`;
  const g = (province.governingBodyVi ?? '').trim();
  return (g || `UBND ${province.nameVi}`).toUpperCase();
}

/** The signer's title by the kind of agency (Sở → Giám đốc, Ban → Trưởng ban, UBND → Chủ tịch, ...), one line per array item. */
export function signerTitle(agencyNameVi: string, lang: Lang): string[] {
  const n = agencyNameVi.trim().toLowerCase();
  const pick = (vi: string[], en: string[]) => (lang === 'en' ? en : vi);
  if (n.startsWith('sở ')) return pick(['GIÁM ĐỐC'], ['DIRECTOR']);
  if (n.startsWith('ban ')) return pick(['TRƯỞNG BAN'], ['HEAD']);
  if (n.startsWith('văn phòng')) return pick(['CHÁNH VĂN PHÒNG'], ['CHIEF OF OFFICE']);
  if (n.startsWith('thanh tra')) return pick(['CHÁNH THANH TRA'], ['CHIEF INSPECTOR']);
  if (n.startsWith('ubnd') || n.startsWith('ủy ban nhân dân') || n.startsWith('uỷ ban nhân dân'))
    return pick(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], ["ON BEHALF OF THE PEOPLE'S COMMITTEE", 'CHAIRPERSON']);
  return pick(['THỦ TRƯỞNG CƠ QUAN'], ['HEAD OF AGENCY']);
}

/** The agency's abbreviation in a document number ("…/BC-SKHĐT", "…/BC-SNN&PTNT"): upper case, without spaces. */
export function numberSuffix(abbreviation: string): string {
  return abbreviation.normalize('NFC').toUpperCase().replace(/\s+/g, '');
}

/** Points with 2 decimals (decimal comma in Vietnamese). */
export const pts = (units: number, lang: Lang) => formatPoints(units, lang, 2);
/** An index in hundredths as "63,09" (no percent sign); "—" when null. */
export const idx = (h: number | null | undefined, lang: Lang) => (h === null || h === undefined ? '—' : formatIndex(h, lang, { percentSign: false }));
/** An index in hundredths as "63,09%"; "—" when null. */
export const pct = (h: number | null | undefined, lang: Lang) => (h === null || h === undefined ? '—' : formatIndex(h, lang));
/** A signed change in hundredths of a percent point: "+1,25" / "−4,29" / "0,00". */
export const signedIdx = (h: number | null, lang: Lang) => (h === null ? '—' : `${h > 0 ? '+' : h < 0 ? '−' : ''}${formatIndex(Math.abs(h), lang, { percentSign: false })}`);
/** A rank change: "▲3" (climbed), "▼9" (fell), "–" (unchanged), "" (no previous rank). */
export const rankChangeMark = (c: number | null) => (c === null ? '' : c > 0 ? `▲${c}` : c < 0 ? `▼${-c}` : '–');

/** An integer with thousands separators: "1.000" (vi) / "1,000" (en). */
export const int = (n: number, lang: Lang) => n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US');

/** A file name from free text: NFC, no path or control characters, at most 120 characters (sendFile adds the ASCII fallback). */
export function safeFileName(s: string, ext: string): string {
  const base = s
    .normalize('NFC')
    .replace(/[\u0000-\u001F\u007F/\\:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120)
    .replace(/^[.\s]+|[.\s]+$/g, '');
  return `${base || 'export'}.${ext}`;
}
