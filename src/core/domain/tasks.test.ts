import { describe, expect, it } from 'vitest';
import { addDays, compareCodes, daysBetween, deadlineState, lostLeaves, type ScorecardNode, statusAfterUpdate, taskReminderDue, vietnamDate } from './tasks';

const node = (code: string, kind: string, points: string, max: string, lost: string, children: ScorecardNode[] = [], notApplicable = false): ScorecardNode => ({
  code,
  nameVi: `Tiêu chí ${code}`,
  nameEn: `Leaf ${code}`,
  kind,
  points,
  max,
  lost,
  notApplicable,
  children,
});

describe('task deadlines', () => {
  it('reads today in Vietnam (UTC+7)', () => {
    expect(vietnamDate(new Date('2026-03-11T16:59:59Z'))).toBe('2026-03-11');
    expect(vietnamDate(new Date('2026-03-11T17:00:00Z'))).toBe('2026-03-12');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
  });

  it('states overdue, due soon (7 days, today included), on track, closed', () => {
    expect(deadlineState('open', '2026-03-01', '2026-03-02')).toEqual({ state: 'overdue', daysLeft: -1 });
    expect(deadlineState('in_progress', '2026-03-02', '2026-03-02')).toEqual({ state: 'due_soon', daysLeft: 0 });
    expect(deadlineState('open', '2026-03-09', '2026-03-02')).toEqual({ state: 'due_soon', daysLeft: 7 });
    expect(deadlineState('open', '2026-03-10', '2026-03-02')).toEqual({ state: 'on_track', daysLeft: 8 });
    expect(deadlineState('done', '2026-03-01', '2026-03-02').state).toBe('closed');
    expect(deadlineState('open', null, '2026-03-02')).toEqual({ state: 'none', daysLeft: null });
  });

  it('picks the warning due: the smallest of 7/3/1 days at least the days left, then overdue; none for closed tasks', () => {
    const at = (due: string, today: string, status = 'open') => taskReminderDue(status, due, today);
    expect(at('2026-03-12', '2026-03-04')).toBeNull();
    expect(at('2026-03-12', '2026-03-05')).toBe('due7');
    expect(at('2026-03-12', '2026-03-09')).toBe('due3');
    expect(at('2026-03-12', '2026-03-11')).toBe('due1');
    expect(at('2026-03-12', '2026-03-12')).toBe('due1');
    expect(at('2026-03-12', '2026-03-13')).toBe('overdue');
    expect(at('2026-03-12', '2026-03-13', 'done')).toBeNull();
    expect(taskReminderDue('open', null, '2026-03-13')).toBeNull();
  });
});

describe('lost leaves of a published scorecard', () => {
  const tree = [
    node('1', 'regular', '3.5', '6', '2.5', [
      node('1.1', 'regular', '1.5', '3', '1.5', [node('1.1.1', 'regular', '0.5', '1', '0.5'), node('1.1.2', 'regular', '0', '1', '1'), node('1.1.3', 'regular', '1', '1', '0')]),
      node('1.10', 'regular', '2', '3', '1', [node('1.10.1', 'regular', '2', '3', '1'), node('1.10.2', 'regular', '0', '0', '0', [], true)]),
    ]),
    node('B', 'bonus', '0', '2', '2', [node('B.1', 'bonus', '0', '2', '2')]),
    node('D', 'deduction', '1', '3', '2', [node('D.1', 'deduction', '1', '1', '0'), node('D.2', 'deduction', '0', '2', '2')]),
  ];

  it('lists regular leaves by points lost (then code) and deductions incurred; skips bonus and N/A', () => {
    const lost = lostLeaves(tree);
    expect(lost.map((l) => [l.code, l.lost])).toEqual([
      ['1.1.2', '1'],
      ['1.10.1', '1'],
      ['D.1', '1'],
      ['1.1.1', '0.5'],
    ]);
    expect(lost[0]).toMatchObject({ fieldCode: '1', fieldNameVi: 'Tiêu chí 1', max: '1', points: '0' });
  });

  it('compares codes part by part', () => {
    expect(['1.10', '1.2', '1.1.9', 'D.1', '2'].sort(compareCodes)).toEqual(['1.1.9', '1.2', '1.10', '2', 'D.1']);
  });
});

describe('statusAfterUpdate', () => {
  it.each([
    ['open', undefined, 40, 'in_progress'],
    ['open', undefined, 0, 'open'],
    ['open', undefined, 100, 'done'],
    ['in_progress', undefined, 100, 'done'],
    ['in_progress', undefined, 0, 'in_progress'],
    ['done', undefined, 40, 'done'],
    ['cancelled', undefined, 40, 'cancelled'],
    ['done', 'in_progress', 90, 'in_progress'],
    ['open', 'cancelled', 40, 'cancelled'],
  ] as const)('a task %s with status %s and progress %i %% becomes %s', (current, requested, progress, expected) => {
    expect(statusAfterUpdate(current, requested, progress)).toBe(expected);
  });
});
