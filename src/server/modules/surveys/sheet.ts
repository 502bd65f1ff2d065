import QRCode from 'qrcode';
import { AppError } from '../../../core/errors';
import type { Ctx } from '../../lib/context';
import { authorize } from '../../policies';
import * as q from './queries';
import { loadQuestionnaire } from './service';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A printable A4 sheet of a batch's one-time codes: per code a card with its QR code (the public link carrying the
 * code), the code in large letters, and Vietnamese instructions; 8 cards a page. The browser prints it (or saves a PDF).
 */
export async function batchSheet(ctx: Ctx, questionnaireId: number, batchId: number, origin: string): Promise<string> {
  const row = await loadQuestionnaire(ctx, questionnaireId);
  authorize(ctx.actor, 'survey.manage', { provinceId: row.q.provinceId });
  const batch = await q.findBatch(ctx.db, batchId);
  if (!batch || batch.questionnaireId !== questionnaireId) throw new AppError('not_found');
  const codes = await q.batchCodes(ctx.db, batchId);
  const group = row.q.content.respondentGroups.find((g) => g.code === batch.respondentGroup);
  const cards = await Promise.all(
    codes.map(async (c) => {
      const url = `${origin}/khao-sat/${row.q.publicToken}?ma=${c.code}`;
      const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return `<div class="card${c.usedAt ? ' used' : ''}">
  <div class="qr">${svg}</div>
  <div class="text">
    <div class="title">${escape(row.q.titleVi)}</div>
    <div class="group">${escape(group?.nameVi ?? batch.respondentGroup)}</div>
    <ol>
      <li>Quét mã QR bằng điện thoại, hoặc vào <b>${escape(origin)}/khao-sat/${escape(row.q.publicToken)}</b></li>
      <li>Nhập mã phiếu: <span class="code">${c.code.replace(/(.{5})/, '$1 ')}</span></li>
      <li>Trả lời các câu hỏi; ý kiến của Quý vị được giữ kín (không ghi tên).</li>
    </ol>
    <div class="note">Mỗi mã chỉ dùng một lần.${c.issuedTo ? ` Gửi: ${escape(c.issuedTo)}` : ''}</div>
  </div>
</div>`;
    }),
  );
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>${escape(row.q.titleVi)} — mã phiếu (${escape(batch.label || String(batch.id))})</title>
<style>
@page { size: A4 portrait; margin: 12mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", "Liberation Serif", serif; margin: 0; color: #000; }
.sheet { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
.card { border: 1px dashed #555; padding: 4mm; display: flex; gap: 4mm; height: 64mm; break-inside: avoid; }
.card.used { opacity: .45; }
.qr { width: 34mm; flex: none; } .qr svg { width: 34mm; height: 34mm; }
.title { font-weight: bold; font-size: 11pt; } .group { font-size: 10pt; margin-bottom: 2mm; }
ol { margin: 0; padding-left: 4mm; font-size: 9.5pt; } .code { font-family: "DejaVu Sans Mono", monospace; font-size: 14pt; font-weight: bold; letter-spacing: 1px; }
.note { font-size: 8.5pt; margin-top: 2mm; font-style: italic; }
header { margin-bottom: 4mm; font-size: 10pt; } @media screen { body { padding: 12mm; } }
</style></head>
<body><header>${escape(row.q.titleVi)} — lô mã ${escape(batch.label || `#${batch.id}`)} — ${codes.length} mã — nhóm: ${escape(group?.nameVi ?? batch.respondentGroup)}</header>
<div class="sheet">${cards.join('\n')}</div></body></html>`;
}
