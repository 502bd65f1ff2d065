/** Messages of the assessment cycle, spread into vi.ts and en.ts (split by screen to keep files short). */
import { cyclePeriodsVi } from './cycle-periods-vi';
import { cycleBaseVi } from './cycle-vi';

export const cycleVi = { ...cycleBaseVi, ...cyclePeriodsVi } as const;
