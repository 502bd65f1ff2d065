import type { z } from 'zod';
import type { auditListQuery } from '../../../core/schemas/audit';
import type { Ctx } from '../../lib/context';
import { authorize, requireActor } from '../../policies';
import * as q from './queries';

/** Browses the audit log of the actor's province with filters (admin, secretariat). */
export async function listAudit(ctx: Ctx, query: z.infer<typeof auditListQuery>) {
  const actor = requireActor(ctx.actor);
  authorize(actor, 'audit.list', { provinceId: actor.provinceId });
  const { items, total } = await q.listAudit(
    ctx.db,
    {
      provinceId: actor.provinceId,
      actorId: query.actorId,
      entityType: query.entityType,
      entityId: query.entityId,
      action: query.action,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      q: query.q,
    },
    query.page,
    query.pageSize,
  );
  const facets = await q.auditFacets(ctx.db, actor.provinceId);
  return {
    items: items.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorId: e.actorId,
      actorName: e.actorName,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      oldValue: e.oldValue,
      newValue: e.newValue,
      reason: e.reason,
      requestId: e.requestId,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    abilities: {},
    facets: {
      entityTypes: [...new Set(facets.map((f) => f.entity_type))],
      actions: [...new Set(facets.map((f) => f.action))],
    },
  };
}
