import { z } from 'zod';
import { periodView } from './periods';

/** One row of the appraiser's queue: an assessment × a field the appraiser reviews, with what is left in this round. */
export const queueRowView = z.object({
  assessmentId: z.number().int(),
  agencyId: z.number().int(),
  agencyCode: z.string(),
  agencyNameVi: z.string(),
  agencyNameEn: z.string(),
  groupCode: z.string(),
  fieldCode: z.string(),
  fieldNameVi: z.string(),
  fieldNameEn: z.string(),
  toReview: z.number().int(),
  disputed: z.number().int(),
  total: z.number().int(),
  due: z.string().nullable(),
});
export type QueueRowView = z.infer<typeof queueRowView>;

/** The parts of GET /api/dashboard the appraiser's home reads: the period and the queue (null: not an appraiser). */
export const appraiserDashboardView = z.object({
  period: periodView.nullable(),
  appraiser: z.object({ rows: z.array(queueRowView), submitted: z.number().int(), total: z.number().int() }).nullable(),
});
