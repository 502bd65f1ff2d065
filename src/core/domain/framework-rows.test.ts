import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbFramework } from './arbitraries.test-support';
import { sampleFramework } from './fixtures.test-support';
import { canonicalizeFramework, type Framework, type LeafMethod } from './framework';
import {
  frameworkMeta,
  frameworkToRows,
  matchHeaderRow,
  parseFrameworkJson,
  rowsToFramework,
  type FrameworkRow,
} from './framework-rows';
import { formatMethodConfig, parseMethodConfig } from './method-config';

describe('method config text', () => {
  it.each<[string, LeafMethod['type'], string, LeafMethod]>([
    [
      'levels with default codes',
      'levels',
      'Đúng hạn=1; Trễ hạn=0.5; Không thực hiện=0',
      {
        type: 'levels',
        levels: [
          { code: 'L1', labelVi: 'Đúng hạn', labelEn: 'Đúng hạn', points: '1' },
          { code: 'L2', labelVi: 'Trễ hạn', labelEn: 'Trễ hạn', points: '0.5' },
          { code: 'L3', labelVi: 'Không thực hiện', labelEn: 'Không thực hiện', points: '0' },
        ],
      },
    ],
    [
      'levels with codes, English labels and a decimal comma',
      'levels',
      '[on_time] Đúng hạn | On time = 1; [late] Trễ hạn | Late = 0,5',
      {
        type: 'levels',
        levels: [
          { code: 'on_time', labelVi: 'Đúng hạn', labelEn: 'On time', points: '1' },
          { code: 'late', labelVi: 'Trễ hạn', labelEn: 'Late', points: '0.5' },
        ],
      },
    ],
    [
      'a ladder with inclusive and exclusive steps',
      'ratio_ladder',
      '>90:2; >=70:1; <70:0; num=Số việc đúng hạn | Tasks on time; zero=full',
      {
        type: 'ratio_ladder',
        numeratorLabelVi: 'Số việc đúng hạn',
        numeratorLabelEn: 'Tasks on time',
        denominatorLabelVi: 'Mẫu số',
        denominatorLabelEn: 'Denominator',
        steps: [
          { minPercent: '90', inclusive: false, points: '2' },
          { minPercent: '70', inclusive: true, points: '1' },
        ],
        whenDenominatorZero: 'full',
      },
    ],
    [
      'a ladder with ≥ and % signs and a non-zero floor',
      'ratio_ladder',
      '≥ 90%: 2; ≥ 70%: 1; < 70%: 0.5; zero=na',
      {
        type: 'ratio_ladder',
        numeratorLabelVi: 'Tử số',
        numeratorLabelEn: 'Numerator',
        denominatorLabelVi: 'Mẫu số',
        denominatorLabelEn: 'Denominator',
        steps: [
          { minPercent: '90', inclusive: true, points: '2' },
          { minPercent: '70', inclusive: true, points: '1' },
          { minPercent: '0', inclusive: true, points: '0.5' },
        ],
        whenDenominatorZero: 'not_applicable',
      },
    ],
    [
      'proportional with cap and floor',
      'ratio_proportional',
      'cap=80; floor=0.25',
      {
        type: 'ratio_proportional',
        numeratorLabelVi: 'Tử số',
        numeratorLabelEn: 'Numerator',
        denominatorLabelVi: 'Mẫu số',
        denominatorLabelEn: 'Denominator',
        rounding: 'floor_to_step',
        step: '0.25',
        capPercent: '80',
        whenDenominatorZero: 'zero',
      },
    ],
    ['manual', 'manual', 'step=0.25', { type: 'manual', step: '0.25' }],
    ['yes/no', 'yes_no', '', { type: 'yes_no' }],
  ])('parses %s', (_name, type, text, method) => {
    expect(parseMethodConfig(type, text)).toEqual({ ok: true, method });
    const again = parseMethodConfig(type, formatMethodConfig(method));
    expect(again).toEqual({ ok: true, method });
  });

  it('formats the common shapes compactly', () => {
    expect(
      formatMethodConfig({
        type: 'ratio_ladder',
        numeratorLabelVi: 'Tử số',
        numeratorLabelEn: 'Numerator',
        denominatorLabelVi: 'Mẫu số',
        denominatorLabelEn: 'Denominator',
        steps: [
          { minPercent: '90', inclusive: true, points: '2' },
          { minPercent: '70', inclusive: false, points: '1' },
        ],
        whenDenominatorZero: 'zero',
      }),
    ).toBe('>=90:2; >70:1; <=70:0');
  });

  it.each<[string, LeafMethod['type'], string]>([
    ['a level without points', 'levels', 'Đúng hạn; Trễ hạn=0.5'],
    ['a bad number', 'levels', 'Đúng hạn=một'],
    ['a below clause that does not complement the lowest step', 'ratio_ladder', '>=90:2; >=70:1; <60:0'],
    ['no steps', 'ratio_ladder', 'zero=full'],
    ['an unknown zero rule', 'ratio_ladder', '>=90:2; zero=maybe'],
    ['a step on a proportional method', 'ratio_proportional', '>=90:2'],
    ['a manual method without step', 'manual', ''],
    ['configuration on yes/no', 'yes_no', 'step=1'],
  ])('rejects %s', (_name, type, text) => {
    const r = parseMethodConfig(type, text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]?.vi.length).toBeGreaterThan(0);
  });
});

describe('rows round trip', () => {
  it('exports the sample as rows in tree order with the config text', () => {
    const rows = frameworkToRows(sampleFramework());
    expect(rows[0]).toEqual({
      rowNumber: 2,
      cells: {
        code: '1',
        nameVi: 'Công tác chỉ đạo, điều hành CCHC',
        nameEn: 'PAR direction',
        maxPoints: '6',
        method: '',
        methodConfig: '',
        mayBeNotApplicable: '',
        kind: '',
        guidanceVi: '',
        guidanceEn: '',
        evidenceVi: '',
        appraisingBody: 'Sở Nội vụ',
      },
    });
    expect(rows.find((r) => r.cells.code === '1.1.2')?.cells.methodConfig).toBe(
      '>=90:2; >=70:1; <70:0; num=Số nhiệm vụ hoàn thành | Tasks done; den=Số nhiệm vụ kế hoạch | Tasks planned; zero=na',
    );
    expect(rows.find((r) => r.cells.code === 'B')?.cells.kind).toBe('bonus');
    expect(rows.find((r) => r.cells.code === 'B.1')?.cells.kind).toBe('');
  });

  it('imports what it exports, for any valid framework', () => {
    fc.assert(
      fc.property(arbFramework(), (f) => {
        const result = rowsToFramework(frameworkToRows(f), frameworkMeta(f));
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        expect(result.framework).toEqual(f);
      }),
      { numRuns: 300 },
    );
  });

  it('imports JSON what it exports, for any valid framework', () => {
    fc.assert(
      fc.property(arbFramework(), (f) => {
        const result = parseFrameworkJson(JSON.parse(JSON.stringify(f)));
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        expect(result.framework).toEqual(f);
        expect(canonicalizeFramework(f)).toEqual(f);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts spreadsheet spellings: numbers, decimal commas, trailing dots, Vietnamese aliases', () => {
    const f = sampleFramework();
    const rows = frameworkToRows(f).map((r) => ({ ...r, cells: { ...r.cells } }));
    const leaf = rows.find((r) => r.cells.code === '1.2.1')!;
    leaf.cells.maxPoints = 2;
    leaf.cells.mayBeNotApplicable = 'có';
    leaf.cells.method = 'Chấm trực tiếp';
    const top = rows.find((r) => r.cells.code === '1')!;
    top.cells.code = '1.';
    top.cells.maxPoints = '6,0';
    rows.find((r) => r.cells.code === 'D')!.cells.kind = 'Điểm trừ';
    const result = rowsToFramework(rows, frameworkMeta(f));
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(result.framework).toEqual(f);
  });
});

describe('rows problems', () => {
  const meta = frameworkMeta(sampleFramework());
  const rows = (): FrameworkRow[] => frameworkToRows(sampleFramework()).map((r) => ({ ...r, cells: { ...r.cells } }));
  const row = (list: FrameworkRow[], code: string) => list.find((r) => r.cells.code === code)!;

  it('reports every problem at once with its row and column', () => {
    const list = rows();
    row(list, '1.1.1').cells.method = 'thang điểm lạ'; // unknown method
    row(list, '1.1.2').cells.methodConfig = '>=90:2; >=70:x'; // unparsable config
    row(list, '1.1.3').cells.maxPoints = 'một'; // bad number
    row(list, '2.1').cells.maxPoints = '5'; // children do not sum to parent (2 = 4)
    row(list, 'D.1').cells.mayBeNotApplicable = 'maybe'; // bad flag
    list.push({ rowNumber: 99, cells: { ...row(list, 'B.1').cells } }); // duplicate code
    list.push({ rowNumber: 100, cells: { ...row(list, 'B.1').cells, code: '7.1' } }); // parent missing
    list.push({ rowNumber: 101, cells: { code: '', nameVi: 'Không có mã', maxPoints: '1' } }); // missing code
    const rowOf = (code: string) => row(list, code).rowNumber;
    const result = rowsToFramework(list, meta);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const found = result.problems.map((p) => [p.row, p.column, p.severity]);
    expect(found).toEqual(
      expect.arrayContaining([
        [rowOf('1.1.1'), 'method', 'error'],
        [rowOf('1.1.2'), 'methodConfig', 'error'],
        [rowOf('1.1.3'), 'maxPoints', 'error'],
        [rowOf('2'), 'maxPoints', 'error'], // field 2 declares 4, its child now 5
        [rowOf('D.1'), 'mayBeNotApplicable', 'error'],
        [99, 'code', 'error'],
        [100, 'code', 'error'],
        [101, 'code', 'error'],
      ]),
    );
    // the leaf whose method failed is not also reported as "leaf without method"
    expect(result.problems.filter((p) => p.row === rowOf('1.1.1')).map((p) => p.column)).toEqual(['method']);
    for (const p of result.problems) {
      expect(p.message.vi.length).toBeGreaterThan(0);
      expect(p.message.en.length).toBeGreaterThan(0);
    }
    // sorted by row
    const rowNumbers = result.problems.map((p) => p.row ?? 0);
    expect(rowNumbers).toEqual([...rowNumbers].sort((a, b) => a - b));
  });

  it('reports a leaf without method, a declared total mismatch and too-long names', () => {
    const list = rows();
    row(list, '1.1.3').cells.method = '';
    row(list, '2.1').cells.nameVi = 'x'.repeat(501);
    const result = rowsToFramework(list, { ...meta, declaredTotal: '12' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const found = result.problems.map((p) => [p.row, p.column]);
    expect(found).toEqual(expect.arrayContaining([[row(list, '1.1.3').rowNumber, 'method'], [null, null], [row(list, '2.1').rowNumber, 'nameVi']]));
  });

  it('returns warnings without failing', () => {
    const list = rows();
    row(list, '1.1').cells.mayBeNotApplicable = 'x';
    const result = rowsToFramework(list, meta);
    expect(result).toMatchObject({ ok: true, warnings: [{ row: row(list, '1.1').rowNumber, column: 'mayBeNotApplicable', severity: 'warning' }] });
  });

  it('skips empty rows and derives the declared total when the meta has none', () => {
    const list = rows();
    list.splice(3, 0, { rowNumber: 50, cells: { code: null, nameVi: '  ' } });
    const { declaredTotal: _omit, ...rest } = meta;
    const result = rowsToFramework(list, rest);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.framework.declaredTotal).toBe('10');
  });

  it('maps a header row in either language', () => {
    const { columns, missing } = matchHeaderRow(['STT/Mã', 'Nội dung', 'Max points', 'Hướng dẫn chấm điểm', 'Tài liệu kiểm chứng', 'ghi chú']);
    expect([...columns.entries()]).toEqual([
      [0, 'code'],
      [1, 'nameVi'],
      [2, 'maxPoints'],
      [3, 'guidanceVi'],
      [4, 'evidenceVi'],
    ]);
    expect(missing).toEqual([]);
    expect(matchHeaderRow(['Nội dung']).missing).toEqual(['code', 'maxPoints']);
  });
});

describe('parseFrameworkJson', () => {
  it('reports schema problems with paths and bilingual messages', () => {
    const bad = { ...sampleFramework(), nodes: [{ ...sampleFramework().nodes[0], code: '1 2', maxPoints: '1.23456' }] };
    const r = parseFrameworkJson(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['nodes.0.code', 'nodes.0.maxPoints']));
  });

  it('reports framework rules after the schema passes', () => {
    const f: Framework = { ...sampleFramework(), declaredTotal: '11' };
    const r = parseFrameworkJson(f);
    expect(r).toMatchObject({ ok: false, problems: [{ path: 'declaredTotal', severity: 'error' }] });
  });

  it('rejects non-objects', () => {
    expect(parseFrameworkJson('nope').ok).toBe(false);
    expect(parseFrameworkJson(null).ok).toBe(false);
  });
});
