import compress from '@fastify/compress';
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler } from 'fastify';

/**
 * Bumped when the JSON shape of a cached representation changes, so a client holding a body of the old shape never
 * gets a 304 for it after an upgrade.
 */
const REPRESENTATION = 'r1';

/** Content codings the compression may add to a reply (the entity tag of an encoded body carries it as a suffix). */
const CODINGS = ['br', 'gzip', 'deflate', 'zstd'];

/**
 * Compresses replies of 1 KB and more (brotli or gzip, as the client's Accept-Encoding asks) whose content type is
 * compressible: JSON, text, JS, CSS, SVG (the not-found handler's index.html is not a route and stays as is). Office documents, zip archives, PDFs and images are compressed
 * already and pass through as they are (mime-db marks them incompressible), and so do routes that opt out with
 * `compress: false`. Registered before the routes, so every route gets the hook.
 *
 * A strong entity tag names one representation, and a compressed body is another one than the plain body (RFC 9110
 * §8.8.3): after compression the reply's ETag gets the coding as a suffix (`"tag-br"`), as Apache does; the
 * If-None-Match check below accepts either form. Decision 0014.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  // Request bodies are not inflated (globalDecompression: false): an upload or import is read as sent, never a
  // compressed body that expands to many times its size on the way in.
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'], globalDecompression: false });
  // Runs after the compression hook of each route (onRoute hooks run in registration order and both append).
  const tagEncoding: onSendHookHandler = (_req, reply, payload, done) => {
    const etag = reply.getHeader('etag');
    const coding = reply.getHeader('content-encoding');
    if (typeof etag === 'string' && typeof coding === 'string' && CODINGS.includes(coding) && etag.endsWith('"')) {
      void reply.header('etag', `${etag.slice(0, -1)}-${coding}"`);
    }
    done(null, payload);
  };
  app.addHook('onRoute', (route) => {
    // Only reads carry entity tags.
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.compress === false || !methods.includes('GET')) return;
    const existing = route.onSend;
    route.onSend = existing === undefined ? [tagEncoding] : Array.isArray(existing) ? [...existing, tagEncoding] : [existing, tagEncoding];
  });
}

/** A strong entity tag for a representation derived from a snapshot's content hash (and its variant: group, agency, format…). */
export function snapshotEtag(parts: { contentHash: string; revision: number; rowVersion: string }, variant: string): string {
  const safe = variant.replace(/[^A-Za-z0-9._-]/g, (c) => `~${c.charCodeAt(0).toString(16)}`);
  return `"${parts.contentHash.slice(0, 32)}.${parts.revision}.${parts.rowVersion}.${REPRESENTATION}.${safe}"`;
}

/** The opaque tags of an If-None-Match header (weak ones compared weakly, a coding suffix dropped), or '*'. */
function requestedTags(header: string | undefined): string[] | '*' {
  if (!header) return [];
  if (header.trim() === '*') return '*';
  const out: string[] = [];
  for (const raw of header.split(',')) {
    let tag = raw.trim();
    if (tag.startsWith('W/')) tag = tag.slice(2);
    if (!tag.startsWith('"') || !tag.endsWith('"') || tag.length < 2) continue;
    let inner = tag.slice(1, -1);
    for (const c of CODINGS) if (inner.endsWith(`-${c}`)) inner = inner.slice(0, -c.length - 1);
    out.push(inner);
  }
  return out;
}

/**
 * Conditional GET for a representation with the strong entity tag `etag`: sets ETag and Cache-Control, and when the
 * request's If-None-Match names it, answers 304 with no body and returns true (the handler then stops); otherwise
 * returns false and the handler sends the body. `cacheControl` is usually `public, no-cache` (shared caches may keep
 * it, every use is revalidated, so a correction is seen at once) or `private, no-cache` behind a login.
 */
export function answeredNotModified(req: FastifyRequest, reply: FastifyReply, etag: string, cacheControl: string): boolean {
  void reply.header('etag', etag).header('cache-control', cacheControl).header('vary', 'accept-encoding');
  const tags = requestedTags(req.headers['if-none-match']);
  const inner = etag.slice(1, -1);
  if (tags === '*' || tags.includes(inner)) {
    // A 304 repeats the tag the client holds (the coding it got is part of it).
    const held = req.headers['if-none-match']!.split(',').map((t) => t.trim().replace(/^W\//, '')).find((t) => t.startsWith(`"${inner}`));
    void reply.header('etag', held ?? etag).code(304).send();
    return true;
  }
  return false;
}
