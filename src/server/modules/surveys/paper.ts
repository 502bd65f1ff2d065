import type { z } from 'zod';
import { checkAnswers, type StoredAnswer } from '../../../core/domain/survey-answers';
import { AppError, type Bilingual } from '../../../core/errors';
import type { paperEntryBody } from '../../../core/schemas/surveys';
import { appendAudit } from '../../lib/audit';
import type { Ctx } from '../../lib/context';
import { writeXlsx } from '../../lib/safe-export';
import { excel, cellText, columnLetter, loadWorkbook } from '../../lib/xlsx';
import { authorize, requireActor } from '../../policies';
import { importFailed } from '../org/service';
import * as q from './queries';
import { loadQuestionnaire } from './service';

/**
 * Stores one paper form typed in by staff. With double entry, the second, independent entry of the same paper
 * reference goes in the other slot and is compared at once: when both agree, entry 2 is `superseded` (it confirmed
 * entry 1, which counts once); when they differ, both wait as `pending_check` (counted by neither the tally nor the
 * quotas) until staff keep one (see {@link paperMismatches}, {@link resolvePaper}).
 */
export async function enterPaper(ctx: Ctx, id: number, body: z.infer<typeof paperEntryBody>) {
  const actor = requireActor(ctx.actor);
  const row = await loadQuestionnaire(ctx, id);
  authorize(actor, 'survey.enterPaper', { provinceId: row.q.provinceId });
  if (row.q.status !== 'published') throw new AppError('invalid_state', { vi: 'Phiếu chưa mở nhận trả lời.', en: 'The questionnaire is not open for answers.' });
  if (!row.q.content.respondentGroups.some((g) => g.code === body.respondentGroup)) {
    throw new AppError('validation_failed', undefined, { fields: [{ path: 'respondentGroup', message: { vi: 'Nhóm đối tượng không thuộc phiếu.', en: 'Not a respondent group of this questionnaire.' } }] });
  }
  const { problems, stored } = checkAnswers(row.q.content, body.answers);
  if (problems.length) throw new AppError('validation_failed', undefined, { fields: problems });
  const others = (await q.listResponses(ctx.db, id)).filter((r) => r.channel === 'paper' && r.paperRef === body.paperRef);
  if (others.some((r) => r.entrySlot === body.slot)) {
    throw new AppError('duplicate', { vi: `Phiếu giấy "${body.paperRef}" đã được nhập (lần ${body.slot}).`, en: `Paper form "${body.paperRef}" was already entered (entry ${body.slot}).` });
  }
  const existing = await q.findResponseByKey(ctx.db, body.idempotencyKey);
  if (existing) return { id: existing.id, status: existing.status, duplicate: true };
  const other = others.find((r) => r.entrySlot !== body.slot && r.status !== 'invalid') ?? null;
  const agree = other !== null && sameAnswers(other.answers, stored) && other.respondentGroup === body.respondentGroup;
  const status = other === null ? 'valid' : agree ? (body.slot === 2 ? 'superseded' : 'valid') : 'pending_check';
  const inserted = await ctx.db.transaction(async (tx) => {
    if (other && agree && body.slot === 1) await q.updateResponse(tx, other.id, { status: 'superseded' });
    if (other && !agree) await q.updateResponse(tx, other.id, { status: 'pending_check' });
    const r = await q.insertResponse(tx, {
      questionnaireId: id,
      respondentGroup: body.respondentGroup,
      channel: 'paper',
      idempotencyKey: body.idempotencyKey,
      answers: stored,
      status,
      enteredBy: actor.userId,
      entrySlot: body.slot,
      paperRef: body.paperRef,
      submittedAt: ctx.now,
    });
    if (!r) throw new AppError('conflict');
    await appendAudit(tx, ctx, { action: 'survey.paper_entry', entityType: 'survey_response', entityId: r.id, newValue: { paperRef: body.paperRef, slot: body.slot, answers: stored.length } });
    return r;
  });
  return { id: inserted.id, status: inserted.status, duplicate: false };
}

/** An answer as canonical text (stored answers come back from jsonb with their keys reordered). */
const canon = (x: StoredAnswer) => JSON.stringify([x.q, x.a ?? null, x.o ?? null, x.l ?? null, x.m ?? null, x.t ?? null]);

const sameAnswers = (a: StoredAnswer[], b: StoredAnswer[]) => {
  const key = (x: StoredAnswer) => `${x.q}|${x.a ?? ''}`;
  const mb = new Map(b.map((x) => [key(x), canon(x)]));
  return a.length === b.length && a.every((x) => mb.get(key(x)) === canon(x));
};

/** Paper forms entered twice whose two entries differ, answer by answer (the double-entry mismatch report). */
export async function paperMismatches(ctx: Ctx, id: number) {
  await loadQuestionnaire(ctx, id);
  const papers = (await q.listResponses(ctx.db, id)).filter((r) => r.channel === 'paper');
  const byRef = new Map<string, q.ResponseRow[]>();
  for (const p of papers) byRef.set(p.paperRef ?? '', [...(byRef.get(p.paperRef ?? '') ?? []), p]);
  const out = [];
  for (const [ref, entries] of byRef) {
    const first = entries.find((e) => e.entrySlot === 1);
    const second = entries.find((e) => e.entrySlot === 2);
    // Only unresolved pairs: a resolved pair has one entry valid and the other superseded.
    if (!first || !second || (first.status !== 'pending_check' && second.status !== 'pending_check')) continue;
    const key = (x: StoredAnswer) => `${x.q}|${x.a ?? ''}`;
    const m2 = new Map(second.answers.map((x) => [key(x), x]));
    const keys = new Set([...first.answers.map(key), ...second.answers.map(key)]);
    const m1 = new Map(first.answers.map((x) => [key(x), x]));
    const canonOf = (x: StoredAnswer | undefined) => (x ? canon(x) : null);
    const differences = [...keys]
      .filter((k) => canonOf(m1.get(k)) !== canonOf(m2.get(k)))
      .map((k) => ({ answer: k, first: m1.get(k) ?? null, second: m2.get(k) ?? null }));
    out.push({ paperRef: ref, firstId: first.id, secondId: second.id, differences });
  }
  return out;
}

/**
 * Resolves double entry: entries that agree make the second a confirmation (the first counts once); for a mismatch,
 * staff keep the correct one and the other becomes invalid with a reason.
 */
export async function resolvePaper(ctx: Ctx, id: number, paperRef: string, keep: 1 | 2) {
  const actor = requireActor(ctx.actor);
  const row = await loadQuestionnaire(ctx, id);
  authorize(actor, 'survey.enterPaper', { provinceId: row.q.provinceId });
  const entries = (await q.listResponses(ctx.db, id)).filter((r) => r.channel === 'paper' && r.paperRef === paperRef);
  const first = entries.find((e) => e.entrySlot === 1);
  const second = entries.find((e) => e.entrySlot === 2);
  if (!first || !second) throw new AppError('not_found');
  const [kept, dropped] = keep === 1 ? [first, second] : [second, first];
  await ctx.db.transaction(async (tx) => {
    await q.updateResponse(tx, kept.id, { status: 'valid' });
    await q.updateResponse(tx, dropped.id, { status: 'superseded', invalidReason: `Nhập hai lần: giữ lần ${keep} / double entry reconciled, entry ${keep} kept` });
    await appendAudit(tx, ctx, { action: 'survey.paper_resolve', entityType: 'survey_response', entityId: kept.id, newValue: { paperRef, kept: keep } });
  });
  return { kept: kept.id, dropped: dropped.id };
}

/**
 * Imports paper results from .xlsx: one row per paper form and rated agency — Mã phiếu giấy | Nhóm đối tượng | Mã cơ
 * quan | then one column per question code (A/B/C.. for choices, 1–5 for Likert, text). Every problem with row and
 * column; nothing stored on error.
 */
export async function importPaper(ctx: Ctx, id: number, buffer: Buffer) {
  const actor = requireActor(ctx.actor);
  const row = await loadQuestionnaire(ctx, id);
  authorize(actor, 'survey.enterPaper', { provinceId: row.q.provinceId });
  const wb = await loadWorkbook(buffer);
  const sheet = wb.worksheets[0];
  if (!sheet) throw importFailed([], ctx);
  const header: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => (header[col] = cellText(cell.value as never)));
  const col = (names: string[]) => header.findIndex((h) => h && names.includes(h.trim().toLowerCase()));
  const refCol = col(['mã phiếu giấy', 'ma phieu giay', 'paper ref']);
  const groupCol = col(['nhóm đối tượng', 'nhom doi tuong', 'respondent group']);
  const agencyCol = col(['mã cơ quan', 'ma co quan', 'agency code']);
  const questions = new Map(row.q.content.sections.flatMap((s) => s.questions).map((x) => [x.code, x]));
  const qCols = header.map((h, i) => (h && questions.has(h.trim()) ? { i, code: h.trim() } : null)).filter((x): x is { i: number; code: string } => !!x);
  const problems: { row: number; column: string | null; message: Bilingual }[] = [];
  if (refCol < 0 || groupCol < 0) problems.push({ row: 1, column: null, message: { vi: 'Thiếu cột "Mã phiếu giấy" hoặc "Nhóm đối tượng".', en: 'Missing "Paper ref" or "Respondent group" column.' } });
  if (!qCols.length) problems.push({ row: 1, column: null, message: { vi: 'Không có cột nào trùng mã câu hỏi.', en: 'No column matches a question code.' } });
  if (problems.length) throw importFailed(problems, ctx);
  const agencies = await q.agenciesByIds(ctx.db, row.q.content.ratedAgencyIds);
  const byCode = new Map(agencies.map((a) => [a.code, a.id]));
  const forms = new Map<string, { row: number; group: string; answers: { questionCode: string; agencyId?: number; optionCode?: string; likert?: number; text?: string }[] }>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const cells = sheet.getRow(r);
    const ref = cellText(cells.getCell(refCol).value as never);
    if (!ref) continue;
    const group = cellText(cells.getCell(groupCol).value as never);
    const agencyCode = agencyCol > 0 ? cellText(cells.getCell(agencyCol).value as never) : '';
    const agencyId = agencyCode ? byCode.get(agencyCode) : undefined;
    if (agencyCode && agencyId === undefined) problems.push({ row: r, column: columnLetter(agencyCol), message: { vi: `Cơ quan "${agencyCode}" không thuộc phiếu.`, en: `Agency "${agencyCode}" is not rated by this questionnaire.` } });
    if (!row.q.content.respondentGroups.some((g) => g.code === group)) problems.push({ row: r, column: columnLetter(groupCol), message: { vi: `Nhóm "${group}" không thuộc phiếu.`, en: `Group "${group}" is not on this questionnaire.` } });
    const form = forms.get(ref) ?? { row: r, group, answers: [] };
    for (const c of qCols) {
      const v = cellText(cells.getCell(c.i).value as never);
      if (!v) continue;
      const qn = questions.get(c.code)!;
      const a: { questionCode: string; agencyId?: number; optionCode?: string; likert?: number; text?: string } = { questionCode: c.code, ...(qn.perAgency && agencyId !== undefined ? { agencyId } : {}) };
      if (qn.type === 'likert') {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 5) problems.push({ row: r, column: columnLetter(c.i), message: { vi: 'Mức phải từ 1 đến 5.', en: 'The level must be 1 to 5.' } });
        else a.likert = n;
      } else if (qn.type === 'text') a.text = v;
      else if (!qn.options.some((o) => o.code === v.toUpperCase())) problems.push({ row: r, column: columnLetter(c.i), message: { vi: `"${v}" không phải phương án của câu ${c.code}.`, en: `"${v}" is not an option of ${c.code}.` } });
      else a.optionCode = v.toUpperCase();
      form.answers.push(a);
    }
    forms.set(ref, form);
  }
  for (const [ref, f] of forms) {
    const res = checkAnswers(row.q.content, f.answers);
    for (const p of res.problems) problems.push({ row: f.row, column: null, message: { vi: `Phiếu ${ref}: ${p.message.vi}`, en: `Form ${ref}: ${p.message.en}` } });
  }
  if (problems.length) throw importFailed(problems, ctx);
  let created = 0;
  await ctx.db.transaction(async (tx) => {
    for (const [ref, f] of forms) {
      const { stored } = checkAnswers(row.q.content, f.answers);
      const r = await q.insertResponse(tx, { questionnaireId: id, respondentGroup: f.group, channel: 'paper', idempotencyKey: `paper-import-${id}-${ref}`, answers: stored, enteredBy: actor.userId, entrySlot: 1, paperRef: ref, submittedAt: ctx.now });
      if (r) created++;
    }
    await appendAudit(tx, ctx, { action: 'survey.paper_import', entityType: 'questionnaire', entityId: id, newValue: { forms: forms.size, created } });
  });
  return { rows: forms.size, created, updated: 0 };
}

/**
 * The .xlsx template for importing paper forms: the header row the importer reads (paper ref, respondent group,
 * agency code, one column per question), one example row per rated agency, and a sheet explaining the codes.
 */
export async function paperTemplate(ctx: Ctx, id: number) {
  const actor = requireActor(ctx.actor);
  const row = await loadQuestionnaire(ctx, id);
  authorize(actor, 'survey.enterPaper', { provinceId: row.q.provinceId });
  const questions = row.q.content.sections.flatMap((s) => s.questions);
  const agencies = await q.agenciesByIds(ctx.db, row.q.content.ratedAgencyIds);
  const wb = new (await excel()).Workbook();
  wb.creator = 'ParIndex';
  const ws = wb.addWorksheet('Phieu giay', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'Mã phiếu giấy', key: 'ref', width: 16 },
    { header: 'Nhóm đối tượng', key: 'group', width: 16 },
    { header: 'Mã cơ quan', key: 'agency', width: 14 },
    ...questions.map((x) => ({ header: x.code, key: x.code, width: 8 })),
  ];
  ws.getRow(1).font = { bold: true };
  const group = row.q.content.respondentGroups[0]?.code ?? '';
  for (const a of agencies) ws.addRow({ ref: 'P-0001', group, agency: a.code });
  const help = wb.addWorksheet('Huong dan');
  help.columns = [
    { header: 'Cột / Column', key: 'col', width: 16 },
    { header: 'Nội dung', key: 'vi', width: 70 },
    { header: 'Giá trị hợp lệ / Valid values', key: 'values', width: 50 },
  ];
  help.getRow(1).font = { bold: true };
  help.addRow({ col: 'Mã phiếu giấy', vi: 'Số hiệu in trên phiếu giấy; mỗi phiếu một mã, lặp lại trên mọi dòng của phiếu.', values: '' });
  help.addRow({ col: 'Nhóm đối tượng', vi: 'Mã nhóm đối tượng khảo sát.', values: row.q.content.respondentGroups.map((g) => `${g.code} = ${g.nameVi}`).join('; ') });
  help.addRow({ col: 'Mã cơ quan', vi: 'Cơ quan được đánh giá (một dòng cho mỗi cơ quan trên phiếu).', values: agencies.map((a) => a.code).join(', ') });
  for (const x of questions) {
    const values =
      x.type === 'single' || x.type === 'multiple'
        ? x.options.map((o) => `${o.code} = ${o.labelVi}`).join('; ') + (x.type === 'multiple' ? ' (nhiều lựa chọn, cách nhau bởi dấu phẩy)' : '')
        : x.type === 'likert'
          ? '1 … 5'
          : `văn bản, tối đa ${x.maxLength} ký tự`;
    help.addRow({ col: x.code, vi: x.textVi, values });
  }
  const buffer = await writeXlsx(wb);
  return { buffer, filename: `khao-sat-${row.q.code}-mau-nhap-phieu-giay.xlsx` };
}
