import { z } from 'zod';
import { AppError } from '../../../core/errors';
import type { FrameworkDetail } from '../../../core/schemas/frameworks';
import { id as idSchema, text, year as yearSchema } from '../../../core/schemas/common';
import { issuesToFields } from '../../../core/schemas/issues';
import type { Ctx } from '../../lib/context';
import type { XlsxBytes } from '../../lib/safe-export';
import { authorize, requireActor } from '../../policies';
import { frameworkFromJson, frameworkFromXlsx, frameworkToXlsx } from './spreadsheet';
import * as q from './queries';
import { createDraftFromDocument, readDocument } from './service';

const importFields = z.object({ year: yearSchema, groupId: idSchema, nameVi: text(500).optional() });

/**
 * Imports a framework from .xlsx (provinces' layout) or JSON as a new draft for the given year and group; every
 * problem is reported with row and column and nothing is stored on error.
 */
export async function importFramework(ctx: Ctx, file: { buffer: Buffer; filename: string }, fields: Record<string, string>): Promise<FrameworkDetail> {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'framework.import', { provinceId: actor.provinceId });
  const parsed = importFields.safeParse(fields, { reportInput: true });
  if (!parsed.success) throw new AppError('validation_failed', undefined, { fields: issuesToFields(parsed.error.issues) });
  const group = await q.findGroup(ctx.db, parsed.data.groupId);
  if (!group || group.provinceId !== actor.provinceId) {
    throw new AppError('validation_failed', undefined, { fields: [{ path: 'groupId', message: { vi: 'Không tồn tại.', en: 'Does not exist.' } }] });
  }
  const defaults = {
    year: parsed.data.year,
    groupCode: group.code,
    nameVi: parsed.data.nameVi ?? `Bộ tiêu chí ${group.nameVi} năm ${parsed.data.year}`,
  };
  const isZip = file.buffer.length >= 4 && file.buffer.readUInt32LE(0) === 0x04034b50;
  const first = file.buffer.subarray(0, 64).toString('utf8').trimStart();
  let res;
  if (isZip) res = await frameworkFromXlsx(file.buffer, defaults, ctx.lang);
  else if (first.startsWith('{')) res = frameworkFromJson(file.buffer, defaults, ctx.lang);
  else {
    throw new AppError('unsupported_media_type', {
      vi: 'Chỉ nhận tệp Excel (.xlsx) hoặc JSON.',
      en: 'Only Excel (.xlsx) or JSON files are accepted.',
    });
  }
  if (!res.ok) throw new AppError('import_failed', undefined, { details: { problems: res.problems } });
  return createDraftFromDocument(ctx, res.framework, group.id, `import ${file.filename.slice(0, 200)}`);
}

/** The framework as .xlsx (the provinces' layout). */
export async function exportFrameworkXlsx(ctx: Ctx, id: number): Promise<{ buffer: XlsxBytes; filename: string }> {
  const { document, view } = await readDocument(ctx, id);
  return {
    buffer: await frameworkToXlsx(document, ctx.lang),
    filename: `bo-tieu-chi-${view.groupCode}-${view.framework.year}-v${view.framework.revision}.xlsx`,
  };
}

/** The framework as JSON (the core document). */
export async function exportFrameworkJson(ctx: Ctx, id: number): Promise<{ body: string; filename: string }> {
  const { document, view } = await readDocument(ctx, id);
  return {
    body: `${JSON.stringify(document, null, 2)}\n`,
    filename: `bo-tieu-chi-${view.groupCode}-${view.framework.year}-v${view.framework.revision}.json`,
  };
}
