import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDateTime, formatNumber, formatPoints } from './format';

describe('number formatting follows the language', () => {
  it('uses a decimal comma in Vietnamese and a point in English', () => {
    expect(formatPoints(84.64, 'vi')).toBe('84,64');
    expect(formatPoints(84.64, 'en')).toBe('84.64');
  });
  it('groups thousands the local way', () => {
    expect(formatCount(12345, 'vi')).toBe('12.345');
    expect(formatCount(12345, 'en')).toBe('12,345');
  });
  it('always shows two decimals for points', () => {
    expect(formatPoints(2, 'vi')).toBe('2,00');
  });
  it('shows a dash for missing values', () => {
    expect(formatNumber(null, 'vi')).toBe('—');
    expect(formatNumber(Number.NaN, 'en')).toBe('—');
  });
});

describe('date formatting follows the language', () => {
  it('writes 26/11/2026 in Vietnamese and 2026-11-26 in English', () => {
    expect(formatDate('2026-11-26T10:21:00', 'vi')).toBe('26/11/2026');
    expect(formatDate('2026-11-26T10:21:00', 'en')).toBe('2026-11-26');
  });
  it('adds the time of day for date-times', () => {
    expect(formatDateTime('2026-11-26T10:21:00', 'vi')).toBe('26/11/2026 10:21');
  });
  it('shows a dash for missing or invalid dates', () => {
    expect(formatDate(null, 'vi')).toBe('—');
    expect(formatDate('not a date', 'en')).toBe('—');
  });
});
