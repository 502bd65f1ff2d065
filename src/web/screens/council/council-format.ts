import { formatPoints, tryParsePoints } from '../../../core/domain/decimal';
import type { Me } from '../../api/auth';
import type { Lang } from '../../i18n/translate';

/** Points or a percentage sent as decimal text ("15.1") shown with two decimals ("15,10" / "15.10"); "—" when absent. */
export function showDecimal(s: string | null | undefined, lang: Lang): string {
  const u = tryParsePoints(s ?? undefined);
  return u === null ? '—' : formatPoints(u, lang);
}

/** A score as typed by a Vietnamese user ("85,5") in the wire form ("85.5"). */
export function normaliseScoreInput(s: string): string {
  return s.trim().replace(',', '.');
}

/** The agency whose council and initiatives an agency user works on (their first agency-scoped grant). */
export function ownAgency(me: Me): number | null {
  return me.user.roles.find((g) => g.agencyId != null && g.role !== 'appraiser')?.agencyId ?? null;
}

/** Staff (secretariat, administrators) choose an agency; everyone else works on their own. */
export function isStaff(me: Me): boolean {
  return me.user.roles.some((g) => g.role === 'secretariat' || g.role === 'admin');
}
