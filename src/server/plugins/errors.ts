import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, defaultMessage, type ErrorBody, type ErrorCode, type Lang } from '../../core/errors';
import { issuesToFields } from '../../core/schemas/issues';
import { isAnonymousUrl } from '../lib/log-redact';

/** A request part failed its Zod schema; carries the raw issues so messages can be localised. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly issues: readonly import('zod').z.core.$ZodIssue[],
    readonly part: string,
  ) {
    super(`Invalid ${part}`);
    this.name = 'RequestValidationError';
  }
}

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

function fromDatabaseError(err: PgError): AppError | null {
  switch (err.code) {
    case '23505':
      return new AppError('duplicate', undefined, { details: { constraint: err.constraint } });
    case '23503':
      return new AppError('bad_request', {
        vi: 'Dữ liệu tham chiếu không tồn tại hoặc đang được sử dụng.',
        en: 'A referenced record does not exist or is still in use.',
      });
    case '23514':
      return new AppError('validation_failed');
    case '40001':
    case '40P01':
      return new AppError('conflict');
    default:
      // Class 22, data exception (a day that does not exist, a number out of range, a NUL in text, ...): the input
      // was wrong, so a 400 even where a schema let it through.
      return typeof err.code === 'string' && err.code.startsWith('22') ? new AppError('validation_failed') : null;
  }
}

/**
 * Errors of the multipart parser (busboy) carry no code: a missing boundary is thrown when parsing starts, a body
 * cut short is emitted when the stream ends, a boundary longer than 256 characters refused by its search. All are the client's malformed request.
 */
const MULTIPART_PARSE_ERROR = /^Multipart: |^The needle cannot |unexpected end of multipart data|^Unsupported Content-Type\.$|^Missing Content-Type-header\.$|^Boundary required$/i;

/** Fastify's own codes for a body that cannot be read as what its content type says. */
const MALFORMED_BODY_CODES = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY', 'FST_ERR_CTP_INVALID_CONTENT_LENGTH', 'FST_MP_PREMATURE_CLOSE', 'FST_INVALID_JSON_FIELD_ERROR', 'FST_PROTO_VIOLATION']);

/** True when `err` says the request body is malformed or incomplete (invalid JSON, broken or truncated multipart). */
function isMalformedBody(err: FastifyError & { cause?: unknown }): boolean {
  if (typeof err?.code === 'string' && MALFORMED_BODY_CODES.has(err.code)) return true;
  if (err instanceof SyntaxError && err.statusCode === 400) return true;
  return err instanceof Error && !err.code && MULTIPART_PARSE_ERROR.test(err.message);
}

/** Maps any thrown value to an AppError; unknown errors become `internal`. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof RequestValidationError) {
    return new AppError('validation_failed', undefined, { fields: issuesToFields(err.issues) });
  }
  const e = err as FastifyError & PgError & { cause?: unknown };
  if (isMalformedBody(e)) return new AppError('malformed_body');
  // drizzle wraps driver errors: look at the cause too.
  const db = fromDatabaseError(e) ?? (e?.cause ? fromDatabaseError(e.cause as PgError) : null);
  if (db) return db;
  if (e && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const byStatus: Record<number, ErrorCode> = {
      400: 'bad_request',
      401: 'unauthenticated',
      403: 'forbidden',
      404: 'not_found',
      406: 'bad_request',
      413: 'payload_too_large',
      415: 'unsupported_media_type',
      429: 'rate_limited',
    };
    return new AppError(byStatus[e.statusCode] ?? 'bad_request');
  }
  if (e && (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.code === 'FST_PARTS_LIMIT' || e.code === 'FST_FILES_LIMIT')) {
    return new AppError('payload_too_large');
  }
  return new AppError('internal');
}

/** Renders an AppError as the wire body in the request's language. */
export function renderError(err: AppError, lang: Lang, requestId?: string): ErrorBody {
  const body: ErrorBody = {
    error: {
      code: err.code,
      message: err.bilingual[lang] || defaultMessage(err.code, lang),
    },
  };
  if (err.fields.length) body.error.fields = err.fields.map((f) => ({ path: f.path, message: f.message[lang] }));
  if (err.details) body.error.details = err.details;
  if (requestId) body.error.requestId = requestId;
  return body;
}

/** One error handler for the whole API: codes, field errors, localised messages, no stack traces to clients. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const appErr = toAppError(err);
    // A respondent's error is logged without its message: a JSON parse error quotes the body, a database error
    // its parameters (the code, the answers).
    const anonymous = isAnonymousUrl(req.url);
    if (appErr.status >= 500) {
      if (anonymous) req.log.error({ errType: (err as Error)?.name, errCode: (err as { code?: unknown })?.code }, 'request failed');
      else req.log.error({ err }, 'request failed');
    } else if (appErr.code === 'bad_request' || appErr.code === 'malformed_body') {
      req.log.info(anonymous ? { errType: (err as Error)?.name } : { err: (err as Error)?.message }, 'bad request');
    }
    if (appErr.code === 'rate_limited' && appErr.details?.retryAfterSeconds) {
      void reply.header('retry-after', String(appErr.details.retryAfterSeconds));
    }
    void reply.status(appErr.status).type('application/json; charset=utf-8').send(renderError(appErr, req.lang ?? 'vi', req.id));
  });
}
