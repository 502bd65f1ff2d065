/**
 * The analysis of published results (issue 6): one agency's analysis (sentence, comparison, loss waterfall, lost
 * leaves, what it takes to climb, rank robustness, trends) and the province view of a group. The wire shapes
 * mirror `AgencyAnalysis` / `ProvinceAnalysis` of the server's analysis service, built from the core analysis
 * types (the web never imports server code). Numbers are integers: points in units of 1/10000 point, indices in
 * hundredths of a percent; agency ids inside the analysis objects are strings.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { lineageNote, type LineageNote } from '../../core/schemas/history';
import type {
  AgencySummary,
  ComponentComparison,
  Distribution,
  DrawDistribution,
  FieldInfo,
  GainMode,
  Heatmap,
  LossWaterfall,
  LostLeaf,
  Mover,
  RankRobustness,
  Trend,
  WeakField,
  WeakLeaf,
  WhatItTakes,
} from '../../core/domain/analysis';
import type { IndexHundredths } from '../../core/domain/decimal';
import { download, isApiError, request } from './client';
import { ANALYSIS_KEY } from './keys';

export type { GainMode };

/** The published snapshot the analysis reads (decision number and SHA-256 hash of the frozen results). */
export interface AnalysisPublished {
  periodId: number;
  revision: number;
  decisionNumber: string;
  contentHash: string;
}

/** The agency group of the analysed year, with the number of agencies ranked in it. */
export interface AnalysisGroup {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  size: number;
}

/** An agency of the group in ranked display order (rank, then code). */
export interface RankedAgency {
  agencyId: string;
  code: string;
  nameVi: string;
  nameEn: string;
  rank: number;
  tied: boolean;
  totalIndex: IndexHundredths | null;
}

/** `GET /api/analysis/agencies/:agencyId`: everything the agency analysis page shows. */
export interface AgencyAnalysis {
  agency: { id: number; code: string; nameVi: string; nameEn: string };
  year: number;
  /** Published years of the province, latest first. */
  years: number[];
  previousYear: number | null;
  published: AnalysisPublished;
  group: AnalysisGroup;
  fields: FieldInfo[];
  agencies: RankedAgency[];
  classification: { code: string; labelVi: string; labelEn: string } | null;
  summary: AgencySummary;
  comparison: ComponentComparison;
  waterfall: LossWaterfall;
  topLost: LostLeaf[];
  whatItTakes: WhatItTakes;
  robustness: {
    draws: number;
    seed: number | string;
    distribution: DrawDistribution;
    /** Survey leaves with a confidence interval drawn in each draw, over the whole group (0 = no survey intervals that year). */
    surveyLeavesDrawn: number;
    agency: RankRobustness | null;
  };
  trend: Trend;
  /** The changes the agency's trend reaches back across (rename, merger, split) and the rule used, newest first. */
  lineage: LineageNote[];
}

/** `GET /api/analysis/province`: the province view of one group and published year (secretariat, administrators). */
export interface ProvinceAnalysis {
  year: number;
  years: number[];
  previousYear: number | null;
  published: AnalysisPublished;
  group: AnalysisGroup;
  fields: FieldInfo[];
  distribution: Distribution;
  heatmap: Heatmap;
  weakestFields: WeakField[];
  weakestLeaves: WeakLeaf[];
  /** Null when there is no previous year to compare with. */
  movers: { climbers: Mover[]; fallers: Mover[] } | null;
}

// The replies are the core's results as computed; the client checks the envelope it relies on and keeps the rest.
const agencyAnalysisReply = z
  .looseObject({
    agency: z.looseObject({ id: z.number() }),
    year: z.number().int(),
    years: z.array(z.number().int()),
    summary: z.looseObject({ sentence: z.looseObject({ vi: z.string(), en: z.string() }) }),
    comparison: z.looseObject({}),
    waterfall: z.looseObject({ bars: z.array(z.unknown()) }),
    topLost: z.array(z.unknown()),
    whatItTakes: z.looseObject({ targets: z.array(z.unknown()) }),
    robustness: z.looseObject({ surveyLeavesDrawn: z.number() }),
    trend: z.looseObject({ points: z.array(z.unknown()) }),
    lineage: z.array(lineageNote).default([]),
  })
  .transform((v) => v as unknown as AgencyAnalysis);

const provinceAnalysisReply = z
  .looseObject({
    year: z.number().int(),
    distribution: z.looseObject({ bins: z.array(z.unknown()) }),
    heatmap: z.looseObject({ rows: z.array(z.unknown()) }),
    weakestFields: z.array(z.unknown()),
    weakestLeaves: z.array(z.unknown()),
  })
  .transform((v) => v as unknown as ProvinceAnalysis);

export interface AgencyAnalysisParams {
  /** The published year; the latest published one when absent. */
  year?: number | undefined;
  mode?: GainMode;
}

/** A 404 means "nothing published (for that year)": not worth retrying. */
const retryUnlessMissing = (count: number, err: Error) => !(isApiError(err) && (err.status === 404 || err.status === 403)) && count < 2;

export function fetchAgencyAnalysis(agencyId: number, params: AgencyAnalysisParams = {}): Promise<AgencyAnalysis> {
  return request('GET', `/api/analysis/agencies/${agencyId}`, agencyAnalysisReply, { query: { year: params.year, mode: params.mode } });
}

/** One agency's analysis; switching the mode of "what it takes" keeps the page on screen while it reloads. */
export function useAgencyAnalysis(agencyId: number | undefined, params: AgencyAnalysisParams = {}) {
  const mode = params.mode ?? 'one_step';
  return useQuery({
    queryKey: [...ANALYSIS_KEY, 'agency', agencyId, params.year ?? 'latest', mode],
    queryFn: () => fetchAgencyAnalysis(agencyId!, { year: params.year, mode }),
    enabled: agencyId !== undefined,
    placeholderData: (previous, previousQuery) =>
      // Keep the previous answer only while the same agency and year reload (mode switch), never across agencies.
      previousQuery && previousQuery.queryKey[2] === agencyId && previousQuery.queryKey[3] === (params.year ?? 'latest') ? previous : undefined,
    retry: retryUnlessMissing,
    staleTime: 60_000,
  });
}

export function useProvinceAnalysis(year: number | undefined, groupId: number | undefined) {
  return useQuery({
    queryKey: [...ANALYSIS_KEY, 'province', year, groupId],
    queryFn: () => request('GET', '/api/analysis/province', provinceAnalysisReply, { query: { year, groupId } }),
    enabled: year !== undefined && groupId !== undefined,
    placeholderData: keepPreviousData,
    retry: retryUnlessMissing,
    staleTime: 60_000,
  });
}

/** Downloads the agency's analysis report (.docx, Vietnamese administrative document layout) of a published year. */
export function downloadAgencyReport(agencyId: number, year: number, code: string): Promise<string> {
  return download(`/api/reports/agencies/${agencyId}/analysis.docx`, `phan-tich-${code}-${year}.docx`, { year });
}

/** Downloads the province's results annex (.xlsx, A4 landscape) of a group and published year. */
export function downloadProvinceAnnex(year: number, groupId: number, groupCode: string): Promise<string> {
  return download('/api/reports/province/annex.xlsx', `phu-luc-ket-qua-${groupCode}-${year}.xlsx`, { year, groupId });
}
