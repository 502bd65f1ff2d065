import type { FastifyReply } from 'fastify';
import type { CsvText, XlsxBytes, XlsxStream } from './safe-export';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The body a download of this type needs: a spreadsheet only as written by safe-export.ts (formula-like text
 * neutralised, decision 0013), so an export cannot bypass it.
 */
type FileBody<T extends string> = T extends 'xlsx' ? XlsxBytes | XlsxStream : T extends 'csv' ? CsvText : Buffer | string;

/** Sends a file download (bytes or, for a large .xlsx, a stream) with a safe ASCII fallback name and the UTF-8 name (RFC 6266). */
export function sendFile<T extends string>(reply: FastifyReply, body: FileBody<T>, filename: string, type: T) {
  const contentType = type === 'xlsx' ? XLSX : type === 'docx' ? DOCX : type === 'csv' ? 'text/csv; charset=utf-8; header=present' : type === 'json' ? 'application/json; charset=utf-8' : type;
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
