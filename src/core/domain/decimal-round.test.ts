import { describe, expect, it } from 'vitest';
import { roundDecimalText } from './decimal';

describe('roundDecimalText: published figures rounded half-up once, on the digits', () => {
  // Each of these goes wrong through a float (x.toFixed(2) or Math.round(x * 100) / 100).
  it.each([
    ['84.645', '84.65'],
    ['80.005', '80.01'],
    ['1.005', '1.01'],
    ['1.015', '1.02'],
    ['1.025', '1.03'],
    ['8.345', '8.35'],
    ['0.125', '0.13'],
    ['0.135', '0.14'],
    ['99.995', '100.00'],
    ['72.415', '72.42'],
    ['84.644999', '84.64'],
    ['84.6450001', '84.65'],
    ['84.64', '84.64'],
    ['84.6', '84.60'],
    ['84', '84.00'],
    ['84,645', '84.65'],
    ['0.004', '0.00'],
    ['0.005', '0.01'],
    ['-1.005', '-1.01'],
    ['-0.004', '0.00'],
    [' 70.555 ', '70.56'],
  ])('%s → %s', (input, expected) => {
    expect(roundDecimalText(input)).toBe(expected);
  });

  it.each([['84.645', 1, '84.6'], ['84.655', 1, '84.7'], ['84.5', 0, '85'], ['2.00005', 4, '2.0001']] as const)('%s to %i decimals → %s', (input, d, expected) => {
    expect(roundDecimalText(input, d)).toBe(expected);
  });

  it.each(['', 'cao', '1e3', '84.6.4', '1.2.', 'NaN', '--1', '123456789012'])('refuses %j', (input) => {
    expect(roundDecimalText(input)).toBeNull();
  });
});
