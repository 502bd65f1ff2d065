import { z } from 'zod';
import { id, year } from './common';

/**
 * Wire shapes of the analysis (issue 6). The bodies are the core analysis results as they are computed
 * (src/core/domain/analysis): points in integer units of 1/10000 point, indices in integer hundredths of a
 * percent; the web formats them with core/domain/decimal. Types: AgencyAnalysis / ProvinceAnalysis.
 */
export const agencyAnalysisQuery = z.object({
  year: year.optional(),
  mode: z.enum(['one_step', 'to_max']).default('one_step'),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).optional(),
  draws: z.coerce.number().int().min(100).max(20_000).default(1000),
});

export const provinceAnalysisQuery = z.object({ year, groupId: id });

export const agencyIdParams = z.object({ agencyId: id });
