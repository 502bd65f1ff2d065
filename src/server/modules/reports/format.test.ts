import { describe, expect, it } from 'vitest';
import { sheetNameOf, wrappedLines } from './annex';
import { niceStep, trendSvg, waterfallSvg, wrapLabel } from './charts';
import { committeeName, governingHeading, longDate, numberSuffix, placeName, rankChangeMark, safeFileName, shortDate, signedIdx, signerTitle, vnDate } from './format';
import { cellFor } from './table';

describe('administrative formatting (Nghị định 30/2020)', () => {
  it('writes dates with a leading zero for days below 10 and for January and February, in Vietnam time', () => {
    expect(longDate({ y: 2026, m: 1, d: 5 }, 'vi')).toBe('ngày 05 tháng 01 năm 2026');
    expect(longDate({ y: 2026, m: 2, d: 28 }, 'vi')).toBe('ngày 28 tháng 02 năm 2026');
    expect(longDate({ y: 2026, m: 3, d: 2 }, 'vi')).toBe('ngày 02 tháng 3 năm 2026');
    expect(longDate({ y: 2026, m: 11, d: 26 }, 'vi')).toBe('ngày 26 tháng 11 năm 2026');
    expect(longDate({ y: 2026, m: 3, d: 2 }, 'en')).toBe('2 March 2026');
    // 2025-12-31 20:00 UTC is already 1 January in Vietnam.
    expect(vnDate(new Date('2025-12-31T20:00:00Z'))).toEqual({ y: 2026, m: 1, d: 1 });
    expect(shortDate('2020-04-07', 'vi')).toBe('07/04/2020');
    expect(shortDate('2020-04-07', 'en')).toBe('7 April 2020');
    expect(shortDate(null, 'vi')).toBeNull();
  });

  it('names the place, the committee, the governing body, the signer and the number suffix', () => {
    expect(placeName('Tỉnh Quảng Nam')).toBe('Quảng Nam');
    expect(placeName('Thành phố Đà Nẵng')).toBe('Đà Nẵng');
    expect(committeeName({ nameVi: 'Tỉnh Quảng Nam', nameEn: 'Quảng Nam Province' }, 'vi')).toBe('Ủy ban nhân dân tỉnh Quảng Nam');
    expect(committeeName({ nameVi: 'Tỉnh Quảng Nam', nameEn: 'Quảng Nam Province' }, 'en')).toBe("the People's Committee of Quảng Nam Province");
    expect(governingHeading({ nameVi: 'Tỉnh Quảng Nam', nameEn: 'Quảng Nam Province', governingBodyVi: 'UBND tỉnh Quảng Nam' }, 'vi')).toBe('UBND TỈNH QUẢNG NAM');
    expect(governingHeading({ nameVi: 'Tỉnh Quảng Nam', nameEn: 'Quảng Nam Province', governingBodyVi: '' }, 'vi')).toBe('UBND TỈNH QUẢNG NAM');
    expect(signerTitle('Sở Nội vụ', 'vi')).toEqual(['GIÁM ĐỐC']);
    expect(signerTitle('Ban Dân tộc', 'vi')).toEqual(['TRƯỞNG BAN']);
    expect(signerTitle('UBND huyện Duy Xuyên', 'vi')).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
    expect(signerTitle('Thanh tra tỉnh', 'en')).toEqual(['CHIEF INSPECTOR']);
    expect(numberSuffix('skhđt')).toBe('SKHĐT');
    expect(numberSuffix('SNN & PTNT')).toBe('SNN&PTNT');
  });

  it('marks changes and signs', () => {
    expect(rankChangeMark(3)).toBe('▲3');
    expect(rankChangeMark(-9)).toBe('▼9');
    expect(rankChangeMark(0)).toBe('–');
    expect(rankChangeMark(null)).toBe('');
    expect(signedIdx(-1958, 'vi')).toBe('−19,58');
    expect(signedIdx(125, 'en')).toBe('+1.25');
  });

  it('makes safe file and sheet names', () => {
    expect(safeFileName('Kết quả: sở/ban "2019"', 'xlsx')).toBe('Kết quả sở ban 2019.xlsx');
    expect(safeFileName('../..', 'xlsx')).toBe('export.xlsx');
    const taken = new Set<string>();
    expect(sheetNameOf("Sở, ban [ngành]: 'A'", taken)).toBe('Sở, ban ngành A');
    expect(sheetNameOf('X'.repeat(40), taken)).toHaveLength(31);
    expect(sheetNameOf('x'.repeat(40), taken)).toBe(`${'x'.repeat(29)} 2`);
    expect(sheetNameOf('   ', taken)).toBe('Sheet');
  });
});

describe('table export cells', () => {
  const col = (type: 'text' | 'number' | 'percent' | 'integer') => ({ key: 'k', title: 'K', type });
  it('keeps text as text, converts numeric text in numeric columns, and never makes a formula', () => {
    expect(cellFor(col('text'), '=1+2', 'vi')).toEqual({ value: '=1+2', text: true });
    expect(cellFor(col('text'), 12, 'vi')).toEqual({ value: '12', text: true });
    expect(cellFor(col('number'), '84.64', 'vi')).toEqual({ value: 84.64, text: false });
    expect(cellFor(col('number'), '=SUM(A1)', 'vi')).toEqual({ value: '=SUM(A1)', text: true });
    expect(cellFor(col('number'), '1e5', 'vi')).toEqual({ value: '1e5', text: true });
    expect(cellFor(col('percent'), 84.64, 'vi').value).toBeCloseTo(0.8464, 12);
    expect(cellFor(col('integer'), true, 'en')).toEqual({ value: 'Yes', text: true });
    expect(cellFor(col('integer'), null, 'vi')).toEqual({ value: null, text: false });
    expect(cellFor(col('text'), '', 'vi')).toEqual({ value: null, text: false });
  });
});

describe('charts', () => {
  it('draws escaped SVG with one bar per non-zero amount and the total, and both trend panels', () => {
    const svg = waterfallSvg({
      lang: 'vi',
      bars: [
        { label: '8', name: 'Tác động <khảo sát> & dư luận', amount: 129200, kind: 'field' },
        { label: '6', name: 'Tài chính công', amount: 0, kind: 'field' },
        { label: '', name: 'Điểm thưởng', amount: -5000, kind: 'bonus' },
      ],
      netLost: 124200,
      axisLabel: 'Điểm bị mất',
      totalLabel: 'Tổng',
    });
    expect(svg).toContain('&lt;khảo sát&gt; &amp;');
    expect(svg.match(/<rect x=/g)).toHaveLength(3);
    expect(svg).toContain('12,92');
    expect(svg).toContain('−0,50');
    const trend = trendSvg({ lang: 'en', from: 2017, to: 2019, points: [{ year: 2017, totalIndex: 8400, rank: 15, of: 20 }, { year: 2019, totalIndex: 6309, rank: 20, of: 20 }], indexLabel: 'Index', rankLabel: 'Rank' });
    expect(trend).toContain('63.09');
    expect(trend).toContain('>2018<');
    // The missing year 2018 breaks the line: two separate moves, no line through it.
    expect(trend.match(/<path d="M[^"]*"/g)?.every((d) => !d.includes('L'))).toBe(true);
  });

  it('wraps labels and picks nice steps', () => {
    expect(wrapLabel('Cải cách thủ tục hành chính', 12, 2)).toEqual(['Cải cách thủ', 'tục hành…']);
    expect(niceStep(36.17, 5)).toBe(10);
    expect(niceStep(3.7, 5)).toBe(1);
    expect(niceStep(0, 5)).toBe(1);
  });
});

describe('wrappedLines (annex cells)', () => {
  it('counts the lines of a wrapped cell, words moving whole to the next line', () => {
    expect(wrappedLines('Ban Dân tộc', 40)).toBe(1);
    expect(wrappedLines('Ban Quản lý các Khu kinh tế và Khu công nghiệp tỉnh', 30)).toBe(2);
    expect(wrappedLines('Ban Quản lý các Khu kinh tế và Khu công nghiệp tỉnh', 20)).toBe(4);
    expect(wrappedLines('', 20)).toBe(1);
  });
});
