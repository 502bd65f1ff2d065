import { describe, expect, it } from 'vitest';
import { compileFramework, computeStageResult } from '../../../core/domain/compute-index';
import { sampleFramework, sampleInputs } from '../../../core/domain/fixtures.test-support';
import type { AssessmentDetail, LeafView } from '../../api/assessments';
import { leafRows, liveSelfResult, nextIncomplete, progressOf } from './leaf-state';
import type { Draft } from './use-self-autosave';

const framework = sampleFramework();

function leaf(code: string, patch: Partial<LeafView> = {}): LeafView {
  return {
    code,
    fieldCode: code.split('.')[0]!,
    survey: code === '2.1',
    self: null,
    selfExplanation: null,
    appraisal1: null,
    final: null,
    surveyPoints: null,
    effectivePoints: null,
    evidence: [],
    thread: [],
    lastYearPoints: null,
    version: 0,
    canAppraise: false,
    ...patch,
  };
}

const stage = (input: NonNullable<LeafView['self']>['input']) => ({ input, points: null, notApplicable: input?.notApplicable === true, decision: null, reasonCode: null, comment: null, at: null });
const doc = { id: 1, title: 'Kế hoạch', docNumber: '1/KH', issuedOn: null, issuer: '', originalName: 'a.pdf', mime: 'application/pdf', inline: true };

function detailOf(leaves: LeafView[]): AssessmentDetail {
  return { framework, leaves } as unknown as AssessmentDetail;
}

describe('self-assessment state', () => {
  const leaves = [
    leaf('1.1.1', { self: stage({ levelCode: 'on_time' }), evidence: [doc], version: 1 }),
    leaf('1.1.2', { self: stage({ numerator: '45', denominator: '50' }), version: 1 }),
    leaf('1.1.3'),
    leaf('1.2.1', { self: stage({ notApplicable: true }), version: 1 }),
    leaf('2.1', { surveyPoints: '3.2' }),
    leaf('B.1'),
    leaf('D.1'),
  ];

  it('classifies each leaf: done with evidence or N/A, missing evidence, empty, survey', () => {
    const rows = leafRows(detailOf(leaves), {});
    expect(Object.fromEntries(rows.map((r) => [r.node.code, r.completion]))).toEqual({
      '1.1.1': 'done',
      '1.1.2': 'missing',
      '1.1.3': 'empty',
      '1.2.1': 'done',
      '2.1': 'survey',
      'B.1': 'empty',
      'D.1': 'empty',
    });
    expect(progressOf(rows)).toEqual({ scorable: 6, scored: 3, withEvidence: 1, missing: 1 });
  });

  it('shows unsaved edits instead of the saved values, and an explanation completes a leaf without evidence', () => {
    const drafts: Record<string, Draft> = {
      '1.1.2': { input: { numerator: '45', denominator: '50' }, comment: null, explanation: 'Hồ sơ giấy', baseVersion: 1 },
      '1.1.3': { input: { value: true }, comment: null, explanation: null, baseVersion: 0 },
    };
    const rows = leafRows(detailOf(leaves), drafts);
    const byCode = new Map(rows.map((r) => [r.node.code, r]));
    expect(byCode.get('1.1.2')).toMatchObject({ completion: 'done', unsaved: true });
    expect(byCode.get('1.1.3')).toMatchObject({ completion: 'missing', unsaved: true, input: { value: true } });
  });

  it('computes the live totals with the core engine exactly as from the stored inputs', () => {
    const inputs = sampleInputs();
    const stored = leaves.map((l) => (inputs[l.code]?.self ? { ...l, self: stage(inputs[l.code]!.self!) } : l));
    const live = liveSelfResult(compileFramework(framework), leafRows(detailOf(stored), {}));
    const direct = computeStageResult(framework, Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, { self: v!.self ?? null, surveyPoints: v!.surveyPoints ?? null }])), 'self');
    expect([live.totalPoints, live.applicableMax, live.totalIndex]).toEqual([direct.totalPoints, direct.applicableMax, direct.totalIndex]);
  });

  it('finds the next leaf that still needs work, wrapping around, and none when all are complete', () => {
    const rows = leafRows(detailOf(leaves), {});
    expect(nextIncomplete(rows, '1.1.1')).toBe('1.1.2');
    expect(nextIncomplete(rows, '1.1.2')).toBe('1.1.3');
    expect(nextIncomplete(rows, 'D.1')).toBe('1.1.2');
    const done = leafRows(detailOf(leaves.filter((l) => ['1.1.1', '1.2.1', '2.1'].includes(l.code))), {});
    expect(nextIncomplete(done, '1.1.1')).toBeNull();
  });
});
