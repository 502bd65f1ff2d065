import { describe, expect, it } from 'vitest';
import { analysisEn, analysisVi } from '../../i18n/messages/analysis';
import { analysisNavVi } from '../../i18n/messages/analysis-nav';
import { analysisNavEn } from '../../i18n/messages/analysis-nav-en';
import { translateAnalysis } from './use-analysis-t';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('analysis dictionaries', () => {
  for (const [name, vi, en] of [
    ['screens', analysisVi, analysisEn],
    ['navigation', analysisNavVi, analysisNavEn],
  ] as const) {
    it(`${name}: same keys and placeholders in Vietnamese and English, none empty, NFC`, () => {
      expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
      for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
        const v: string = vi[key];
        const e: string = (en as Record<string, string>)[key]!;
        expect([key, placeholders(e)]).toEqual([key, placeholders(v)]);
        expect([key, v.trim().length > 0 && e.trim().length > 0]).toEqual([key, true]);
        expect(v).toBe(v.normalize('NFC'));
      }
    });
  }
  it('fills placeholders', () => {
    expect(translateAnalysis('vi', 'an.kpi.previousRank', { year: 2018, rank: 11 })).toBe('Năm 2018: hạng 11');
    expect(translateAnalysis('en', 'an.wit.ranks', { from: 12, to: 13 })).toBe('Ranks 12–13');
  });
});
