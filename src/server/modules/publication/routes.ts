import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { code, id, idParams } from '../../../core/schemas/common';
import { periodView } from '../../../core/schemas/periods';
import {
  completenessRow,
  correctionBody,
  finaliseBody,
  publicGroupQuery,
  publicGroupResults,
  publicIndex,
  publicParams,
  publicScorecard,
  publishBody,
  snapshotSummary,
} from '../../../core/schemas/publication';
import { ctxOf } from '../../lib/context';
import { answeredNotModified, snapshotEtag } from '../../lib/http-cache';
import * as service from './service';

const tags = ['publication'];
const publicTags = ['public results'];

/**
 * Published results change only by a correction (a new revision), so shared caches may keep them if every use is
 * revalidated (ETag → 304); content failing its hash check is never cached.
 */
const PUBLIC_REVALIDATE = 'public, no-cache';

/** Finalisation, publication as frozen snapshots, corrections, and the public (no login) results pages. */
export async function publicationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/periods/:id/completeness',
    {
      schema: {
        tags,
        summary: 'Agencies not submitted, leaves not appraised, survey points missing (before finalising)',
        params: idParams,
        response: { 200: z.array(completenessRow) },
      },
    },
    async (req) => {
      const ctx = ctxOf(req);
      const p = await service.finaliseGuard(ctx, req.params.id);
      return service.completenessReport(ctx, p.id);
    },
  );
  r.post(
    '/api/periods/:id/finalise',
    { schema: { tags, summary: 'Finalise the period (round 2 → finalised)', params: idParams, body: finaliseBody, response: { 200: periodView } } },
    async (req) => service.finalisePeriod(ctxOf(req), req.params.id, req.body.version, req.body.acknowledgeIncomplete),
  );
  r.post(
    '/api/periods/:id/publish',
    { schema: { tags, summary: 'Publish: freeze the results as an immutable snapshot with a content hash', params: idParams, body: publishBody, response: { 200: z.object({ period: periodView, snapshot: snapshotSummary }) } } },
    async (req) => service.publishPeriod(ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/periods/:id/corrections',
    { schema: { tags, summary: 'Correct published results with a reason (makes a new snapshot revision)', params: idParams, body: correctionBody, response: { 201: snapshotSummary } } },
    async (req, reply) => reply.status(201).send(await service.correctPublished(ctxOf(req), req.params.id, req.body)),
  );
  r.get(
    '/api/periods/:id/snapshots',
    { schema: { tags, summary: 'Every publication revision of a period', params: idParams, response: { 200: z.array(snapshotSummary) } } },
    async (req) => service.listSnapshots(ctxOf(req), req.params.id),
  );
  r.get(
    '/api/periods/:id/snapshots/:revision',
    {
      schema: {
        tags,
        summary: "One revision's content, with its hash verified (ETag; If-None-Match answers 304)",
        params: z.object({ id, revision: z.coerce.number().int().min(1).max(10_000) }),
        response: { 200: snapshotSummary.extend({ verified: z.boolean(), content: z.unknown() }) },
      },
    },
    async (req, reply) => {
      const s = await service.getSnapshot(ctxOf(req), req.params.id, req.params.revision);
      // A revision never changes (immutable rows, hash verified on every read): its tag is its hash.
      if (s.verified && answeredNotModified(req, reply, snapshotEtag({ contentHash: s.contentHash, revision: s.revision, rowVersion: 'x' }, 'content'), 'private, no-cache')) return reply;
      return s;
    },
  );

  const pub = { config: { public: true } };
  r.get(
    '/api/public/provinces',
    {
      ...pub,
      schema: {
        tags: publicTags,
        summary: 'Provinces with published results (for the public page)',
        response: { 200: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), latestYear: z.number().int() })) },
      },
    },
    async (req) => service.publicProvinces(ctxOf(req)),
  );
  r.get(
    '/api/public/:province/results',
    { ...pub, schema: { tags: publicTags, summary: 'Published years and groups of a province (ETag; If-None-Match answers 304)', params: z.object({ province: code }), response: { 200: publicIndex } } },
    async (req, reply) => {
      const { body, version } = await service.publicIndex(ctxOf(req), req.params.province);
      if (version && answeredNotModified(req, reply, snapshotEtag({ contentHash: version, revision: body.years.length, rowVersion: '0' }, 'index'), PUBLIC_REVALIDATE)) return reply;
      return body;
    },
  );
  r.get(
    '/api/public/:province/results/:year',
    { ...pub, schema: { tags: publicTags, summary: "A group's published ranking (ETag; If-None-Match answers 304)", params: publicParams, querystring: publicGroupQuery, response: { 200: publicGroupResults } } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const at = await service.publicSnapshotAt(ctx, req.params.province, req.params.year);
      if (answeredNotModified(req, reply, snapshotEtag(at.head, `group:${req.query.group}`), PUBLIC_REVALIDATE)) return reply;
      const body = await service.publicGroupResults(ctx, at, req.query.group);
      if (!body.verified) void reply.removeHeader('etag').header('cache-control', 'no-store');
      return body;
    },
  );
  r.get(
    '/api/public/:province/results/:year/agencies/:agency',
    { ...pub, schema: { tags: publicTags, summary: "An agency's published scorecard (ETag; If-None-Match answers 304)", params: publicParams.extend({ agency: code }), response: { 200: publicScorecard } } },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const at = await service.publicSnapshotAt(ctx, req.params.province, req.params.year);
      if (answeredNotModified(req, reply, snapshotEtag(at.head, `agency:${req.params.agency}`), PUBLIC_REVALIDATE)) return reply;
      const body = await service.publicScorecard(ctx, at, req.params.agency);
      if (!body.verified) void reply.removeHeader('etag').header('cache-control', 'no-store');
      return body;
    },
  );
  r.get(
    '/api/public/:province/results/:year/snapshot.json',
    {
      ...pub,
      schema: {
        tags: publicTags,
        summary:
          'The frozen content (canonical JSON); its SHA-256 is the published hash (x-content-verified: false when the stored content no longer matches it). ETag; If-None-Match answers 304',
        params: publicParams,
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      const at = await service.publicSnapshotAt(ctx, req.params.province, req.params.year);
      if (answeredNotModified(req, reply, snapshotEtag(at.head, 'json'), PUBLIC_REVALIDATE)) return reply;
      const s = await service.publicSnapshotJson(ctx, at);
      if (!s.verified) void reply.removeHeader('etag').header('cache-control', 'no-store');
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('x-content-sha256', s.hash)
        .header('x-content-verified', String(s.verified))
        .send(s.body);
    },
  );
}
