import type { Ctx } from '../../lib/context';
import { toCsv, writeTable } from '../../lib/safe-export';
import * as q from './queries';
import { loadQuestionnaire } from './service';

/**
 * The anonymised raw responses: one row per response and rated agency, one column per question; no code, IP, entry
 * user or any identity — only the respondent group, channel and date.
 */
export async function responseRows(ctx: Ctx, id: number) {
  const row = await loadQuestionnaire(ctx, id);
  const responses = await q.listResponses(ctx.db, id, 'valid');
  const questions = row.q.content.sections.flatMap((s) => s.questions);
  const agencies = new Map((await q.agenciesByIds(ctx.db, row.q.content.ratedAgencyIds)).map((a) => [a.id, a.code]));
  const rows: Record<string, string | number | null>[] = [];
  responses.forEach((r, n) => {
    const targets = new Set<number | null>(r.answers.map((a) => a.a ?? null));
    for (const agency of targets) {
      const out: Record<string, string | number | null> = { response: n + 1, group: r.respondentGroup, channel: r.channel, date: r.submittedAt.toISOString().slice(0, 10), agency: agency === null ? '' : (agencies.get(agency) ?? String(agency)) };
      for (const qn of questions) {
        const a = r.answers.find((x) => x.q === qn.code && (x.a ?? null) === (qn.perAgency ? agency : null));
        out[qn.code] = a ? (a.o ?? (a.l != null ? a.l : null) ?? (a.m ? a.m.join(',') : null) ?? a.t ?? null) : null;
      }
      rows.push(out);
    }
  });
  const headers = [
    { header: 'STT phiếu', key: 'response', width: 10 },
    { header: 'Nhóm đối tượng', key: 'group', width: 16 },
    { header: 'Hình thức', key: 'channel', width: 12 },
    { header: 'Ngày', key: 'date', width: 12 },
    { header: 'Cơ quan được đánh giá', key: 'agency', width: 14 },
    ...questions.map((qn) => ({ header: qn.code, key: qn.code, width: 10 })),
  ];
  return { headers, rows, code: row.q.code };
}

export async function responsesXlsx(ctx: Ctx, id: number) {
  const { headers, rows, code } = await responseRows(ctx, id);
  return { buffer: await writeTable('Phieu tra loi', headers, rows), filename: `khao-sat-${code}-phieu.xlsx` };
}

/** The same rows as CSV (`toCsv`: one declared separator `,`, RFC 4180 quoting, UTF-8 with BOM, formula-like text neutralised). */
export async function responsesCsv(ctx: Ctx, id: number) {
  const { headers, rows, code } = await responseRows(ctx, id);
  return { body: toCsv(headers, rows), filename: `khao-sat-${code}-phieu.csv` };
}
