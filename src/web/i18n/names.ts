import { ROLE_LABELS, type Role } from '../../core/domain/roles';
import type { Lang } from './translate';

/** The name in the interface language; English falls back to Vietnamese when no English name exists. */
export function pickName(lang: Lang, item: { nameVi: string; nameEn?: string | null | undefined }): string {
  return lang === 'en' && item.nameEn ? item.nameEn : item.nameVi;
}

/** The label of a role as the UI shows it (roles.ts is the single source). */
export function roleLabel(lang: Lang, role: Role): string {
  return ROLE_LABELS[role][lang];
}
