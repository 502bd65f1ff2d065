import { describe, expect, it } from 'vitest';
import { actionGate, ACTION_PHASES, CYCLE_ACTIONS, daysUntil, dueReminder, effectiveDeadline, nextPhase, PHASES } from './workflow';

const now = new Date('2026-03-10T03:00:00Z');
const deadlines = {
  selfAssessmentDueAt: '2026-03-15T10:00:00Z',
  appraisal1DueAt: '2026-03-01T10:00:00Z',
  explanationDueAt: '2026-03-20T10:00:00Z',
  appraisal2DueAt: null,
};

describe('phases', () => {
  it('move forward one at a time and stop after publication', () => {
    expect(PHASES.map(nextPhase)).toEqual([...PHASES.slice(1), null]);
  });

  it('open every action in exactly its phases (table)', () => {
    for (const action of CYCLE_ACTIONS) {
      for (const phase of PHASES) {
        const gate = actionGate(action, phase, now, {});
        expect([action, phase, gate === null]).toEqual([action, phase, ACTION_PHASES[action].includes(phase)]);
        if (gate) expect(gate.code).toBe('phase_closed');
      }
    }
  });
});

describe('deadlines', () => {
  it('refuses after the deadline with deadline_passed and a message in both languages', () => {
    expect(actionGate('selfAssess', 'self_assessment', now, deadlines)).toBeNull();
    const late = actionGate('appraise1', 'appraisal1', now, deadlines);
    expect(late?.code).toBe('deadline_passed');
    expect(late?.message.vi).toContain('17:00 01/03/2026');
    expect(late?.message.en).toContain('17:00 2026-03-01');
  });

  it('is exactly inclusive at the deadline instant', () => {
    const at = new Date('2026-03-15T10:00:00Z');
    expect(actionGate('submit', 'self_assessment', at, deadlines)).toBeNull();
    expect(actionGate('submit', 'self_assessment', new Date(at.getTime() + 1), deadlines)?.code).toBe('deadline_passed');
  });

  it('pushes the deadline of one agency with an extension for that phase only', () => {
    const ext = [{ phase: 'appraisal1' as const, dueAt: '2026-03-12T00:00:00Z' }, { phase: 'explanation' as const, dueAt: '2026-01-01T00:00:00Z' }];
    expect(effectiveDeadline('appraise1', deadlines, ext)?.toISOString()).toBe('2026-03-12T00:00:00.000Z');
    expect(actionGate('appraise1', 'appraisal1', now, deadlines, ext)).toBeNull();
    // An earlier extension never shortens the period's deadline.
    expect(effectiveDeadline('explain', deadlines, ext)?.toISOString()).toBe('2026-03-20T10:00:00.000Z');
  });

  it('has no deadline where none is set', () => {
    expect(effectiveDeadline('appraise2', deadlines)).toBeNull();
    expect(actionGate('appraise2', 'appraisal2', now, deadlines)).toBeNull();
  });
});

describe('reminders', () => {
  const d = new Date('2026-03-20T00:00:00Z');
  it.each([
    ['2026-03-05T00:00:00Z', null],
    ['2026-03-13T00:00:00Z', 7],
    ['2026-03-17T00:00:00Z', 3],
    ['2026-03-19T12:00:00Z', 1],
    ['2026-03-21T00:00:00Z', null],
  ])('at %s the reminder due is %s days', (at, expected) => {
    expect(dueReminder(d, new Date(at))).toBe(expected);
  });

  it('counts days left rounding up', () => {
    expect(daysUntil(d, new Date('2026-03-19T01:00:00Z'))).toBe(1);
    expect(daysUntil(d, new Date('2026-03-21T00:00:00Z'))).toBe(-1);
  });
});
