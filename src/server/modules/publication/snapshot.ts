import { explainAgencyResult, type ExplainedNode } from '../../../core/domain/compute-index';
import { unitsToDecimalString } from '../../../core/domain/decimal';
import type { GroupResults } from '../../../core/schemas/results';
import type { SnapshotNode } from '../../../core/schemas/publication';
import type { DbOrTx } from '../../db/client';
import { sha256 } from '../../lib/tokens';
import { periodFrameworksOf } from '../periods/service';
import { compiledFramework, computeGroupResults, groupInputs, indexText } from '../results/compute';
import * as q from './queries';

/** JSON with object keys sorted at every level: the canonical text whose SHA-256 identifies a snapshot. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface SnapshotContent {
  format: 'parindex-results';
  formatVersion: 1;
  province: { code: string; nameVi: string; nameEn: string; governingBodyVi: string };
  period: { id: number; year: number; nameVi: string; nameEn: string };
  revision: number;
  decision: { number: string; date: string | null };
  reason: string | null;
  groups: GroupResults[];
  scorecards: Record<string, { agency: { id: number; code: string; nameVi: string; nameEn: string; groupCode: string }; summaryVi: string; summaryEn: string; tree: SnapshotNode[] }>;
}

function node(n: ExplainedNode): SnapshotNode {
  return {
    code: n.code,
    nameVi: n.nameVi,
    nameEn: n.nameEn,
    kind: n.kind,
    points: unitsToDecimalString(n.points),
    max: unitsToDecimalString(n.max),
    applicableMax: unitsToDecimalString(n.applicableMax),
    lost: unitsToDecimalString(n.lost),
    notApplicable: n.notApplicable,
    index: indexText(n.index),
    ...(n.leaf?.explanation ? { explanationVi: n.leaf.explanation.vi, explanationEn: n.leaf.explanation.en } : {}),
    children: n.children.map(node),
  };
}

/**
 * Builds the frozen content of a period's results: every group's ranking (with rank change and components) and
 * every agency's explained scorecard, computed by the core engine from the stored scores; with its SHA-256.
 */
export async function buildSnapshot(
  db: DbOrTx,
  provinceId: number,
  periodId: number,
  meta: { revision: number; decisionNumber: string; decisionDate: string | null; reason: string | null },
): Promise<{ content: SnapshotContent; hash: string }> {
  const province = (await q.findProvince(db, provinceId))!;
  const period = (await q.findPeriod(db, periodId))!;
  const groups: GroupResults[] = [];
  const scorecards: SnapshotContent['scorecards'] = {};
  for (const pf of await periodFrameworksOf(db, periodId)) {
    const results = await computeGroupResults(db, provinceId, period.year, pf.groupId);
    if (!results || results.agencies.length === 0) continue;
    groups.push(results);
    const entry = (await compiledFramework(db, pf.frameworkId))!;
    for (const { agency, inputs } of await groupInputs(db, periodId, pf.frameworkId)) {
      const explained = explainAgencyResult(entry.compiled, inputs, 'effective');
      scorecards[String(agency.id)] = {
        agency: { ...agency, groupCode: pf.groupCode },
        summaryVi: explained.summary.vi,
        summaryEn: explained.summary.en,
        tree: explained.tree.map(node),
      };
    }
  }
  const content: SnapshotContent = {
    format: 'parindex-results',
    formatVersion: 1,
    province: { code: province.code, nameVi: province.nameVi, nameEn: province.nameEn, governingBodyVi: province.governingBodyVi },
    period: { id: period.id, year: period.year, nameVi: period.nameVi, nameEn: period.nameEn },
    revision: meta.revision,
    decision: { number: meta.decisionNumber, date: meta.decisionDate },
    reason: meta.reason,
    groups,
    scorecards,
  };
  return { content, hash: sha256(canonicalJson(content)) };
}
