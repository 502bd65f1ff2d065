import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Sends a file download (bytes or a stream) with a safe ASCII fallback name and the UTF-8 name (RFC 6266). */
export function sendFile(reply: FastifyReply, body: Buffer | string | Readable, filename: string, type: 'xlsx' | 'docx' | 'csv' | 'json' | string) {
  const contentType = type === 'xlsx' ? XLSX : type === 'docx' ? DOCX : type === 'csv' ? 'text/csv; charset=utf-8' : type === 'json' ? 'application/json; charset=utf-8' : type;
  const ascii = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9._-]+/g, '_');
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store')
    .send(body);
}
