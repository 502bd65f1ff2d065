import { describe, expect, it } from 'vitest';
import { en } from './en';
import { loadDictionary, translate } from './translate';
import { vi } from './vi';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });
  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) expect([key, placeholders(en[key])]).toEqual([key, placeholders(vi[key])]);
  });
  it('have no empty messages', () => {
    for (const [key, value] of [...Object.entries(vi), ...Object.entries(en)]) expect([key, value.trim().length > 0]).toEqual([key, true]);
  });
  it('are written in NFC, so Vietnamese text compares and searches reliably', () => {
    for (const value of Object.values(vi)) expect(value).toBe(value.normalize('NFC'));
  });
  it('fill placeholders; English once its dictionary is loaded (Vietnamese until then)', async () => {
    expect(translate('vi', 'agency.created', { code: 'SNV' })).toBe('Đã thêm cơ quan SNV.');
    expect(translate('en', 'agency.created', { code: 'SNV' })).toBe('Đã thêm cơ quan SNV.');
    await loadDictionary('en');
    expect(translate('en', 'table.range', { from: 1, to: 50, total: 41 })).toBe('1–50 of 41');
  });
});
