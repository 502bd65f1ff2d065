import type { FastifyRequest } from 'fastify';

/**
 * The URLs of anonymous respondents: the public survey API (`/api/public/surveys/<token>…`, `?code=…`) and the
 * respondent's page (`/khao-sat/<token>?ma=<code>`). A token or a code in a log line would tie a respondent's
 * address and time to a questionnaire and a code, so these URLs are logged without them.
 */
const ANONYMOUS = /^(\/api\/public\/surveys\/|\/khao-sat\/)[^/?#]*([^?#]*)/;

/** True for a request of an anonymous respondent (see {@link redactUrl}). */
export function isAnonymousUrl(url: string): boolean {
  return ANONYMOUS.test(url);
}

/** The URL as it may be logged: the survey token and everything after `?` replaced on respondents' paths. */
export function redactUrl(url: string): string {
  const m = ANONYMOUS.exec(url);
  return m ? `${m[1]}[redacted]${m[2]}` : url;
}

/** pino serializer of requests: method, redacted URL, host and client address (no headers, no query of respondents). */
export function serializeRequest(req: FastifyRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
