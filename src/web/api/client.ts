/**
 * The one way the browser talks to the API: same-origin JSON with the session cookie, the CSRF header
 * (double-submit of the readable `pi_csrf` cookie) on every state-changing request, and `x-lang` so the server
 * localises its messages. Error replies become `ApiError`; successful replies are parsed with the core schemas.
 */
import type { z } from 'zod';
import { isErrorBody } from '../../core/errors';
import type { Lang } from '../i18n/translate';
import { translate } from '../i18n/translate';

export interface FieldError {
  path: string;
  message: string;
}

/** An error reply of the API (or a network failure, status 0, code `network`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly details: Record<string, unknown> | undefined = undefined,
    readonly requestId: string | undefined = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

const CSRF_COOKIE = 'pi_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let requestLang: Lang = 'vi';

/** The language sent as `x-lang` (set by the i18n provider). */
export function setRequestLang(lang: Lang): void {
  requestLang = lang;
}

/** True when the page holds a CSRF cookie: the server sets it at login and clears it at logout. */
export function hasCsrfCookie(): boolean {
  return readCookie(CSRF_COOKIE) !== null;
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Asks the server for the CSRF token (it also sets the cookie): the session's token, or a fresh one before login. */
async function fetchCsrfToken(): Promise<string> {
  const res = await send('GET', '/api/auth/csrf');
  const body = (await res.json().catch(() => ({}))) as { csrfToken?: string };
  return readCookie(CSRF_COOKIE) ?? body.csrfToken ?? '';
}

async function csrfToken(): Promise<string> {
  return readCookie(CSRF_COOKIE) ?? (await fetchCsrfToken());
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** `/api/x?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function send(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<Response> {
  const h: Record<string, string> = { accept: 'application/json', 'x-lang': requestLang, ...headers };
  if (UNSAFE.has(method)) h['x-csrf-token'] = headers['x-csrf-token'] ?? (await csrfToken());
  try {
    return await fetch(path, { method, body: body ?? null, headers: h, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'network', translate(requestLang, 'error.network'));
  }
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: a proxy error page, for instance */
  }
  if (isErrorBody(body)) {
    const e = body.error;
    return new ApiError(res.status, e.code, e.message, e.fields ?? [], e.details, e.requestId);
  }
  // Not our error body (a proxy in front of the server answered): keep the meaning, give a readable message.
  if (res.status === 413) return new ApiError(413, 'payload_too_large', translate(requestLang, 'error.tooLarge'));
  const code = res.status === 401 ? 'unauthenticated' : res.status >= 500 ? 'internal' : 'bad_request';
  return new ApiError(res.status, code, translate(requestLang, res.status >= 500 ? 'error.server' : 'error.unexpected'));
}

const unauthenticatedListeners = new Set<() => void>();

/** Called whenever the API answers `unauthenticated` (the session ended): the app goes back to the login page. */
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

const passwordChangeListeners = new Set<() => void>();

/** Called whenever the API answers `password_change_required`: the app shows the forced password change. */
export function onPasswordChangeRequired(listener: () => void): () => void {
  passwordChangeListeners.add(listener);
  return () => passwordChangeListeners.delete(listener);
}

/** Sends a request, retrying once with a fresh CSRF token when the server refused the old one. */
async function exchange(method: string, path: string, body?: () => BodyInit | undefined, headers?: Record<string, string>): Promise<Response> {
  let res = await send(method, path, body?.(), headers);
  if (res.status === 403 && UNSAFE.has(method)) {
    const err = await toApiError(res.clone());
    if (err.code === 'csrf_invalid') {
      const token = await fetchCsrfToken();
      res = await send(method, path, body?.(), { ...headers, 'x-csrf-token': token });
    }
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (err.code === 'unauthenticated') for (const l of unauthenticatedListeners) l();
    if (err.code === 'password_change_required') for (const l of passwordChangeListeners) l();
    throw err;
  }
  return res;
}

function parseWith<S extends z.ZodType>(schema: S, data: unknown, path: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    console.error(`Unexpected reply from ${path}`, parsed.error.issues);
    throw new ApiError(0, 'bad_reply', translate(requestLang, 'error.unexpected'));
  }
  return parsed.data;
}

/** A JSON request whose reply is parsed with `schema`. */
export async function request<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  schema: S,
  options: { body?: unknown; query?: Query } = {},
): Promise<z.infer<S>> {
  const url = withQuery(path, options.query);
  const hasBody = options.body !== undefined;
  const res = await exchange(
    method,
    url,
    hasBody ? () => JSON.stringify(options.body) : undefined,
    hasBody ? { 'content-type': 'application/json' } : {},
  );
  const data: unknown = res.status === 204 ? null : await res.json();
  return parseWith(schema, data, path);
}

/** Uploads one file as multipart field `file` (with optional text `fields` before it); the reply is parsed with `schema`. */
export async function upload<S extends z.ZodType>(path: string, file: File, schema: S, fields?: Record<string, string>): Promise<z.infer<S>> {
  const res = await exchange('POST', path, () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields ?? {})) form.append(k, v);
    form.append('file', file, file.name);
    return form;
  });
  return parseWith(schema, await res.json(), path);
}

function filenameOf(res: Response, fallback: string): string {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/** Downloads a file (e.g. an .xlsx export) and hands it to the browser under the server's file name. */
export async function download(path: string, fallbackName: string, query?: Query): Promise<string> {
  const res = await exchange('GET', withQuery(path, query), undefined, {
    accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/octet-stream, */*',
  });
  const blob = await res.blob();
  const name = filenameOf(res, fallbackName);
  saveBlob(blob, name);
  return name;
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a reply body, reporting bytes received and the total when the server sent a length. */
async function readWithProgress(res: Response, onProgress?: (received: number, total: number | null) => void): Promise<Blob> {
  if (!onProgress || !res.body) return res.blob();
  const length = Number(res.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const reader = res.body.getReader();
  const parts: BlobPart[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    received += value.byteLength;
    onProgress(received, total);
  }
  return new Blob(parts, { type: res.headers.get('content-type') ?? 'application/octet-stream' });
}

/**
 * POSTs a JSON body and downloads the file of the reply (e.g. `POST /api/exports/table.xlsx`), reporting the
 * download progress; the file is saved as `name`, or the server's file name when `name` is not given.
 */
export async function downloadPost(
  path: string,
  body: unknown,
  options: { name?: string | undefined; fallbackName: string; onProgress?: (received: number, total: number | null) => void },
): Promise<string> {
  const json = JSON.stringify(body);
  const res = await exchange('POST', path, () => json, { 'content-type': 'application/json', accept: 'application/octet-stream, */*' });
  const blob = await readWithProgress(res, options.onProgress);
  const name = options.name ?? filenameOf(res, options.fallbackName);
  saveBlob(blob, name);
  return name;
}
