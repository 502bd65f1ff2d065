import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type UnsafeTextReason, unsafeTextReason } from '../../core/domain/text';
import { AppError, type Bilingual } from '../../core/errors';

/** Where a text came from: the part of the request (the path inside it, such as `scores.0.comment`, is reported beside it). */
export type TextPart = 'query' | 'params' | 'body' | 'header' | 'field' | 'filename';

/** Headers whose values the application stores or puts into links (the session's user agent, the survey link's host). */
const DATA_HEADERS = ['user-agent', 'host', 'origin', 'x-lang', 'accept-language'] as const;

/** Deeper than any wire shape of the API: a body nested further is refused rather than walked. */
const MAX_DEPTH = 64;

const REASON_MESSAGES: Record<UnsafeTextReason, Bilingual> = {
  nul: { vi: 'Chứa ký tự NUL (mã 0), không được phép.', en: 'Contains a NUL character (code 0), which is not allowed.' },
  control: { vi: 'Chứa ký tự điều khiển không được phép.', en: 'Contains a control character that is not allowed.' },
  line_break: { vi: 'Không được chứa dấu xuống dòng hoặc tab.', en: 'May not contain a line break or a tab.' },
  lone_surrogate: { vi: 'Chứa ký tự Unicode bị lỗi (nửa cặp thay thế).', en: 'Contains broken Unicode (a lone surrogate).' },
};

/** The one refusal of a text that may not enter: 400 `invalid_text` naming the part, the field and the reason. */
export function invalidText(part: TextPart, path: string, reason: UnsafeTextReason): AppError {
  const message = REASON_MESSAGES[reason];
  return new AppError('invalid_text', undefined, {
    fields: [{ path: path || part, message }],
    details: { part, path, reason },
  });
}

/** Throws `invalid_text` when `value` may not enter; `multiline` allows tab and line breaks (free texts). */
export function checkText(value: string, part: TextPart, path: string, multiline: boolean): void {
  const reason = unsafeTextReason(value, multiline);
  if (reason) throw invalidText(part, path, reason);
}

/**
 * Walks a parsed value (query object, params, JSON body) and refuses the first unsafe text: keys are single-line,
 * string values multi-line only where `multilineValues` (a JSON body's free texts; a query or path never).
 */
export function checkValue(value: unknown, part: TextPart, multilineValues: boolean, path = '', depth = 0): void {
  if (typeof value === 'string') {
    checkText(value, part, path, multilineValues);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth > MAX_DEPTH) {
    throw new AppError('malformed_body', { vi: 'Dữ liệu lồng nhau quá sâu.', en: 'The data is nested too deeply.' }, { details: { part, path } });
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => checkValue(item, part, multilineValues, path ? `${path}.${i}` : String(i), depth + 1));
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const at = path ? `${path}.${key}` : key;
    checkText(key, part, at, false);
    checkValue(item, part, multilineValues, at, depth + 1);
  }
}

/** A part of a multipart body as @fastify/multipart yields it. */
interface MultipartPart {
  type: 'file' | 'field';
  fieldname?: string;
  filename?: string;
  value?: unknown;
}

/**
 * Checks one multipart part as it arrives: it must have a name; the name and a file name are single-line texts, a
 * field's value may hold line breaks. Returns the field's value as text (fields) or undefined (files).
 */
export function checkPart(part: MultipartPart): string | undefined {
  if (typeof part.fieldname !== 'string') {
    throw new AppError('malformed_body', { vi: 'Một phần của biểu mẫu không có tên.', en: 'A part of the form has no name.' });
  }
  checkText(part.fieldname, 'field', part.fieldname, false);
  if (part.type === 'file') {
    checkText(part.filename ?? '', 'filename', part.fieldname, false);
    return undefined;
  }
  const value = String(part.value ?? '');
  checkText(value, 'field', part.fieldname, true);
  return value;
}

/** Checks the texts of a request that arrived before its body: query string, path parameters, data headers. */
export function checkRequestHead(req: FastifyRequest): void {
  checkValue(req.query, 'query', false);
  checkValue(req.params, 'params', false);
  for (const name of DATA_HEADERS) {
    const value = req.headers[name];
    // Node hands header bytes over as latin1: a browser's UTF-8 (a device name with diacritics) would look like C1
    // controls, so the bytes are checked as the UTF-8 text they carry.
    if (typeof value === 'string') checkText(Buffer.from(value, 'latin1').toString('utf8'), 'header', name, false);
  }
}

/**
 * One sanitiser at the edge (decision 0012): every query string, path parameter, data header and JSON body is
 * checked before its schema runs; multipart fields and file names are checked as they stream (lib/uploads).
 */
export function registerSanitiser(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    checkRequestHead(req);
    if (req.body !== undefined) checkValue(req.body, 'body', true);
  });
}
