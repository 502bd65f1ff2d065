import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unsafeTextReason } from './text';

describe('unsafeTextReason', () => {
  it.each([
    ['Kế hoạch số 1/KH-UBND', false, null],
    ['Dòng 1\nDòng 2\tcột\r\n', true, null],
    ['Dòng 1\nDòng 2', false, 'line_break'],
    ['tab\there', false, 'line_break'],
    ['a\u0000b', true, 'nul'],
    ['\u0007', true, 'control'],
    ['\u001b[31m', true, 'control'],
    ['\u007f', true, 'control'],
    ['\u0085', true, 'control'],
    ['\uD800', true, 'lone_surrogate'],
    ['x\uDC00', true, 'lone_surrogate'],
    ['\uDBFF\uDBFF', true, 'lone_surrogate'],
    ['💥 emoji pairs are whole', false, null],
    ['', false, null],
  ] as const)('%j (multiline %s) → %s', (text, multiline, reason) => {
    expect(unsafeTextReason(text, multiline)).toBe(reason);
  });

  it('lets every well-formed text without control characters through', () => {
    const printable = fc.string({ unit: 'grapheme' }).filter((s) => !/[\u0000-\u001F\u007F-\u009F]/.test(s));
    fc.assert(fc.property(printable, (s) => unsafeTextReason(s, false) === null));
  });

  it('refuses any text holding a NUL, wherever it is', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => unsafeTextReason(`${a}\u0000${b}`, true) === 'nul'));
  });
});
