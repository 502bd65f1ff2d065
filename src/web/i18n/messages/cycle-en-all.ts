/** English messages of the assessment cycle (a separate module, so they load with the English dictionary only). */
import type { cycleVi } from './cycle';
import { cycleBaseEn } from './cycle-en';
import { cyclePeriodsEn } from './cycle-periods-en';

export const cycleEn: Record<keyof typeof cycleVi, string> = { ...cycleBaseEn, ...cyclePeriodsEn };
