/**
 * Issue 6, part 3: the reports. The agency's analysis report (.docx) and the province's results annex (.xlsx) are
 * built from published results only (the latest snapshot of a year); the generic table export formats rows the
 * client already has. Who may: any signed-in user of the province (published results are public; see
 * policies/remediation.ts and docs/reports.md).
 */
import type { z } from 'zod';
import { AppError, ERROR_CODES, type Lang } from '../../../core/errors';
import { TABLE_EXPORT_LIMITS, type tableExportBody } from '../../../core/schemas/reports';
import type { Ctx } from '../../lib/context';
import type { XlsxBytes } from '../../lib/safe-export';
import { authorize, requireActor } from '../../policies';
import { agencyAnalysis } from '../analysis/service';
import { getAgency } from '../org/service';
import { latestPublishedRankingOf, publishedYearsOf } from '../publication/service';
import { buildAnnex } from './annex';
import { safeFileName } from './format';
import { buildTableXlsx } from './table';

export interface FileOut<B extends Buffer = Buffer> {
  buffer: B;
  filename: string;
}

const isPlainNotFound = (e: unknown) => e instanceof AppError && e.code === 'not_found' && e.bilingual.vi === ERROR_CODES.not_found.vi;

const agencyNotFound = (id: number) =>
  new AppError('not_found', { vi: `Không tìm thấy cơ quan, đơn vị có mã số ${id} trong tỉnh.`, en: `No agency with id ${id} in this province.` });

const notPublished = (year: number) =>
  new AppError('not_found', { vi: `Chưa công bố kết quả Chỉ số CCHC năm ${year}.`, en: `No PAR Index results published for ${year}.` });

/** The agency's analysis report of a published year (default: the latest) as .docx, in `lang` (default: the request language). */
export async function agencyReportDocx(ctx: Ctx, agencyId: number, query: { year?: number | undefined; lang?: Lang | undefined }): Promise<FileOut> {
  const actor = requireActor(ctx.actor);
  const agency = await getAgency(ctx, agencyId).catch((e: unknown) => {
    throw isPlainNotFound(e) ? agencyNotFound(agencyId) : e;
  });
  authorize(actor, 'analysis.read', { provinceId: actor.provinceId, agencyId });
  const lang = query.lang ?? ctx.lang;
  // Same seed and draws as the analysis page by default, so the report and the page agree.
  const [analysis, given] = await Promise.all([
    agencyAnalysis(ctx, agencyId, { year: query.year, draws: 1000 }),
    query.year === undefined ? null : latestPublishedRankingOf(ctx, actor.provinceId, query.year),
  ]);
  const published = given ?? (await latestPublishedRankingOf(ctx, actor.provinceId, analysis.year));
  if (!published) throw notPublished(analysis.year);
  // The .docx writer (and the docx library) load with the first report.
  const { buildAgencyReport } = await import('./agency-report');
  const buffer = await buildAgencyReport(
    analysis,
    {
      province: published.content.province,
      decisionNumber: published.decisionNumber,
      decisionDate: published.decisionDate,
      revision: published.revision,
      contentHash: published.contentHash,
      abbreviation: agency.abbreviation || agency.code,
      generatedAt: ctx.now,
    },
    lang,
  );
  const title = lang === 'vi' ? `Báo cáo phân tích Chỉ số CCHC ${analysis.year} - ${agency.code}` : `PAR Index analysis ${analysis.year} - ${agency.code}`;
  return { buffer, filename: safeFileName(title, 'docx') };
}

/** The results annex of a published year: one group (one sheet) or every group (one sheet each), as .xlsx. */
export async function provinceAnnexXlsx(ctx: Ctx, query: { year: number; groupId?: number | undefined; lang?: Lang | undefined }): Promise<FileOut<XlsxBytes>> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'report.annex', { provinceId: actor.provinceId });
  const published = await latestPublishedRankingOf(ctx, actor.provinceId, query.year);
  if (!published) {
    const years = await publishedYearsOf(ctx, actor.provinceId);
    throw new AppError(
      'not_found',
      years.length
        ? { vi: `Chưa công bố kết quả Chỉ số CCHC năm ${query.year}. Các năm đã công bố: ${years.join(', ')}.`, en: `No PAR Index results published for ${query.year}. Published years: ${years.join(', ')}.` }
        : notPublished(query.year).bilingual,
    );
  }
  const groups = query.groupId === undefined ? published.content.groups : published.content.groups.filter((g) => g.group.id === query.groupId);
  if (!groups.length) {
    throw new AppError('not_found', {
      vi: `Nhóm cơ quan ${query.groupId} không có trong kết quả công bố năm ${query.year}.`,
      en: `Agency group ${query.groupId} is not in the results published for ${query.year}.`,
    });
  }
  const lang = query.lang ?? ctx.lang;
  const buffer = await buildAnnex(
    {
      year: query.year,
      province: published.content.province,
      decisionNumber: published.decisionNumber,
      decisionDate: published.decisionDate,
      revision: published.revision,
      contentHash: published.contentHash,
      groups,
    },
    lang,
  );
  const suffix = groups.length === 1 ? ` - ${groups[0]!.group.code}` : '';
  const title = lang === 'vi' ? `Phụ lục kết quả Chỉ số CCHC ${query.year}${suffix}` : `PAR Index results annex ${query.year}${suffix}`;
  return { buffer, filename: safeFileName(title, 'xlsx') };
}

/** Any on-screen table as .xlsx (the client sends the columns and the rows it shows). */
export async function tableXlsx(ctx: Ctx, body: z.output<typeof tableExportBody>): Promise<FileOut<XlsxBytes>> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'report.exportTable', { provinceId: actor.provinceId });
  const cells = body.rows.length * body.columns.length;
  if (cells > TABLE_EXPORT_LIMITS.cells) {
    throw new AppError('payload_too_large', {
      vi: `Bảng quá lớn để xuất: ${body.rows.length.toLocaleString('vi-VN')} dòng × ${body.columns.length} cột (tối đa ${TABLE_EXPORT_LIMITS.cells.toLocaleString('vi-VN')} ô). Hãy lọc bớt dòng hoặc cột.`,
      en: `The table is too large to export: ${body.rows.length.toLocaleString('en-US')} rows × ${body.columns.length} columns (at most ${TABLE_EXPORT_LIMITS.cells.toLocaleString('en-US')} cells). Filter rows or columns first.`,
    });
  }
  const buffer = await buildTableXlsx(body, ctx.lang, ctx.now);
  return { buffer, filename: safeFileName(body.title, 'xlsx') };
}
