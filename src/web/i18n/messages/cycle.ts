/** Messages of the assessment cycle, spread into vi.ts and en.ts (split by screen to keep files short). */
import { cycleBaseEn } from './cycle-en';
import { cyclePeriodsEn } from './cycle-periods-en';
import { cyclePeriodsVi } from './cycle-periods-vi';
import { cycleBaseVi } from './cycle-vi';

export const cycleVi = { ...cycleBaseVi, ...cyclePeriodsVi } as const;
export const cycleEn: Record<keyof typeof cycleVi, string> = { ...cycleBaseEn, ...cyclePeriodsEn };
