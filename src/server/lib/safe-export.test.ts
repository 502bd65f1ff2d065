/**
 * The export writer's formula neutralisation (issue 9 part 7, decision 0013): the text rule by a table of cases and
 * by properties, then the .xlsx writers (in memory and streaming) and the CSV writer on hostile values, read back
 * from the bytes they produce.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readZip } from '../modules/reports/zip.test-support';
import { CSV_SEPARATOR, isFormulaLike, neutraliseText, restoreText, streamXlsx, toCsv, writeTable, writeXlsx } from './safe-export';
import { parseCsv } from '../testing/libreoffice';

describe('neutraliseText', () => {
  const cases: [string, string, string][] = [
    ['a formula', '=1+1', "'=1+1"],
    ['a link formula', '=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
    ['a leading plus', '+1+1', "'+1+1"],
    ['a leading minus', '-2+3', "'-2+3"],
    ['a lone minus', '-', "'-"],
    ['a negative number as text', '-1', "'-1"],
    ['a leading at sign', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab (tab is also a separator)', '\t=1', "'\t'=1"],
    ['a leading carriage return', '\r=1', "'\r=1"],
    ['a leading line feed', '\n1', "'\n1"],
    ['a leading NUL', '\u0000=1', "'\u0000=1"],
    ['a semicolon then =', 'a;=1', "a;'=1"],
    ['a comma then =', 'a,=1', "a,'=1"],
    ['a tab then +', 'a\t+1', "a\t'+1"],
    ['a comma then a tab then =', 'a,\t=1', "a,'\t'=1"],
    ['a comma then -', '1,-2', "1,'-2"],
    ['every field of a separated list', '=a;+b,-c', "'=a;'+b,'-c"],
    ['a full-width equals sign', '＝1+1', "'＝1+1"],
    ['a full-width plus, minus and at', '＋1;－1,＠A', "'＋1;'－1,'＠A"],
    ['a quote already before a trigger (kept reversible)', "'=1", "''=1"],
    ['two quotes before a trigger', "''-1", "'''-1"],
    ['a quote before ordinary text', "'abc", "'abc"],
    ['a separator then a space then =', 'a, =1', 'a, =1'],
    ['a line feed then = (not a separator)', 'a\n=1', 'a\n=1'],
    ['= inside a text', 'a=b', 'a=b'],
    ['an e-mail address', 'ban.dantoc@quangnam.gov.vn', 'ban.dantoc@quangnam.gov.vn'],
    ['Vietnamese text with a dash inside', 'Sở Nội vụ - Phòng CCHC', 'Sở Nội vụ - Phòng CCHC'],
    ['a decimal comma', 'Điểm: 0,5', 'Điểm: 0,5'],
    ['a Unicode minus sign (not a trigger)', '−1', '−1'],
    ['a leading space', ' =1', ' =1'],
    ['an empty text', '', ''],
  ];
  it.each(cases)('%s: %j → %j', (_name, input, expected) => {
    expect(neutraliseText(input)).toBe(expected);
    expect(isFormulaLike(expected)).toBe(false);
    expect(restoreText(expected)).toBe(input);
  });

  const alphabet = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '\u0000', ',', ';', "'", ' ', 'a', '1', 'ệ', '＝', '"');
  const text = fc.array(alphabet, { maxLength: 24 }).map((cs) => cs.join(''));

  it('leaves no field start a spreadsheet would read as a formula', () => {
    fc.assert(fc.property(fc.oneof(text, fc.string()), (s) => !isFormulaLike(neutraliseText(s))));
  });

  it('is undone exactly by restoreText, so an export imports back unchanged', () => {
    fc.assert(fc.property(fc.oneof(text, fc.string(), fc.string({ unit: 'binary' })), (s) => restoreText(neutraliseText(s)) === s));
  });

  it('changes nothing in a text that is not formula-like, and restoreText leaves such a text alone', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string()), (s) => {
        fc.pre(!isFormulaLike(s) && !/(?:^|[,;\t])'+[=+\-@\t\r\n\u0000＝＋－＠]/.test(s));
        return neutraliseText(s) === s && restoreText(s) === s;
      }),
    );
  });
});

const HOSTILE = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '=1+1', '\t=1', 'a;=1', 'a,=1'];
const NEUTRAL = HOSTILE.map(neutraliseText);

/** Cells of the first sheet of an .xlsx as the file stores them, and whether any part holds a formula or a hyperlink. */
async function inspect(bytes: Buffer) {
  const zip = readZip(bytes);
  const xml = [...zip].filter(([name]) => name.endsWith('.xml') || name.endsWith('.rels')).map(([, b]) => b.toString('utf8'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const values: unknown[][] = [];
  ws.eachRow((row, r) => row.eachCell((cell, c) => ((values[r] ??= [])[c] = cell.value)));
  return { values, formulas: xml.some((x) => /<f[\s>]/.test(x)), links: xml.some((x) => /<hyperlink[\s>]|\/relationships\/hyperlink"/.test(x)) };
}

describe('writeXlsx', () => {
  it('writes hostile text as neutralised text, formulas and links as plain text, numbers and dates unchanged', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    HOSTILE.forEach((h, i) => (ws.getCell(1, i + 1).value = h));
    ws.getCell(2, 1).value = { formula: 'HYPERLINK("http://x","y")', result: 'y' };
    ws.getCell(2, 2).value = { text: '=click', hyperlink: 'http://x' };
    ws.getCell(2, 3).value = { richText: [{ text: '=1' }, { text: '+1', font: { bold: true } }] };
    ws.getCell(2, 4).value = -5;
    ws.getCell(2, 5).value = new Date(Date.UTC(2026, 0, 31));
    ws.getCell(2, 6).value = { formula: '1+1', result: 2 };
    ws.getCell(2, 7).value = { richText: [{ text: 'Sở ' }, { text: 'Nội vụ', font: { bold: true } }] };
    ws.mergeCells(3, 1, 3, 3);
    ws.getCell(3, 1).value = '=merged';
    const { values, formulas, links } = await inspect(await writeXlsx(wb));
    expect(values[1]!.slice(1)).toEqual(NEUTRAL);
    // A formula becomes its result, a link its neutralised text, rich text that starts a formula plain neutralised text.
    expect(values[2]!.slice(1, 5)).toEqual(['y', "'=click", "'=1+1", -5]);
    expect(values[2]![5]).toEqual(new Date(Date.UTC(2026, 0, 31)));
    expect(values[2]![6]).toBe(2);
    expect(values[2]![7]).toEqual({ richText: [{ text: 'Sở ' }, { text: 'Nội vụ', font: { bold: true } }] });
    expect(values[3]![1]).toBe("'=merged");
    expect(formulas).toBe(false);
    expect(links).toBe(false);
  });

  it('writeTable neutralises headers and rows and keeps numbers as numbers', async () => {
    const bytes = await writeTable('T', [{ header: '=h', key: 'a' }, { header: 'n', key: 'n' }], HOSTILE.map((h, i) => ({ a: h, n: -i - 1 })));
    const { values, formulas } = await inspect(bytes);
    expect(values[1]).toEqual([undefined, "'=h", 'n']);
    expect(values.slice(2).map((r) => r[1])).toEqual(NEUTRAL);
    expect(values.slice(2).map((r) => r[2])).toEqual(HOSTILE.map((_, i) => -i - 1));
    expect(formulas).toBe(false);
  });
});

describe('streamXlsx', () => {
  it('neutralises rows committed one by one and rows left for the sheet to commit', async () => {
    const bytes = await streamXlsx(async (wb) => {
      const ws = wb.addWorksheet('S');
      const first = ws.addRow(['=1+1', -3]);
      first.commit();
      for (const h of HOSTILE.slice(1)) ws.addRow([h, 7]);
      ws.commit();
    });
    const { values, formulas, links } = await inspect(bytes);
    expect(values.slice(1).map((r) => r[1])).toEqual(["'=1+1", ...NEUTRAL.slice(1)]);
    expect(values[1]![2]).toBe(-3);
    expect(formulas).toBe(false);
    expect(links).toBe(false);
  });
});


describe('toCsv', () => {
  it('writes a BOM, CRLF lines, one comma between fields, every text quoted and neutralised, numbers bare', () => {
    const csv = toCsv(
      [
        { key: 'text', header: 'Văn bản' },
        { key: 'n', header: 'Số' },
      ],
      [...HOSTILE.map((h, i) => ({ text: h, n: -i - 0.5 })), { text: 'say "hi"\r\nnext line', n: null }, { text: null, n: 0 }],
    );
    expect(CSV_SEPARATOR).toBe(',');
    expect(csv.startsWith('\ufeff"Văn bản","Số"\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"\'=HYPERLINK(""http://x"",""y"")",-0.5\r\n');
    expect(csv).toContain('"\'-2+3",-2.5\r\n');
    const rows = parseCsv(csv.slice(1), ',');
    expect(rows.slice(1, 1 + HOSTILE.length).map((r) => r[0])).toEqual(NEUTRAL);
    expect(rows.slice(1, 1 + HOSTILE.length).map((r) => Number(r[1]))).toEqual(HOSTILE.map((_, i) => -i - 0.5));
    expect(rows.at(-2)).toEqual(['say "hi"\r\nnext line', '']);
    expect(rows.at(-1)).toEqual(['', '0']);
  });
});
