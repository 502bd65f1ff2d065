/**
 * The spreadsheet layout of a framework, pure (the .xlsx reading/writing is the server's): one row per node as
 * provinces circulate them (STT/code | nội dung | điểm tối đa | hướng dẫn chấm điểm | tài liệu kiểm chứng) plus
 * the method columns. Import reports EVERY problem with its row and column; the parent is derived from the code.
 */
import type { Bilingual } from '../errors';
import { framework as frameworkSchema } from '../schemas/framework';
import type { ClassificationBand, Framework, FrameworkNode, LeafMethod, NodeKind } from '../schemas/framework';
import { canonicalDecimal, tryParsePoints, unitsToDecimalString } from './decimal';
import type { FrameworkProblem, LeafMethodType, ProblemSeverity } from './framework';
import { LEAF_METHOD_TYPES } from './framework';
import { orderedNodes, parentCodeOf } from './framework-tree';
import { formatMethodConfig, parseMethodConfig, parsePointsCell } from './method-config';
import { issuePath, localizeIssue } from '../schemas/issues';
import { validateFramework } from './validate-framework';

/** The columns of the spreadsheet layout, in order. */
export const FRAMEWORK_COLUMN_KEYS = [
  'code',
  'nameVi',
  'nameEn',
  'maxPoints',
  'method',
  'methodConfig',
  'mayBeNotApplicable',
  'kind',
  'guidanceVi',
  'guidanceEn',
  'evidenceVi',
  'appraisingBody',
] as const;

/** One column key of the spreadsheet layout. */
export type FrameworkColumn = (typeof FRAMEWORK_COLUMN_KEYS)[number];

/** Column headers in Vietnamese and English (the first header row of an exported sheet). */
export const FRAMEWORK_COLUMNS: readonly { key: FrameworkColumn; header: Bilingual }[] = [
  { key: 'code', header: { vi: 'STT/Mã', en: 'Code' } },
  { key: 'nameVi', header: { vi: 'Nội dung', en: 'Content (Vietnamese)' } },
  { key: 'nameEn', header: { vi: 'Nội dung (tiếng Anh)', en: 'Content (English)' } },
  { key: 'maxPoints', header: { vi: 'Điểm tối đa', en: 'Max points' } },
  { key: 'method', header: { vi: 'Phương pháp chấm', en: 'Scoring method' } },
  { key: 'methodConfig', header: { vi: 'Cấu hình chấm điểm', en: 'Scoring configuration' } },
  { key: 'mayBeNotApplicable', header: { vi: 'Có thể không áp dụng', en: 'May be not applicable' } },
  { key: 'kind', header: { vi: 'Loại', en: 'Kind' } },
  { key: 'guidanceVi', header: { vi: 'Hướng dẫn chấm điểm', en: 'Scoring guidance (Vietnamese)' } },
  { key: 'guidanceEn', header: { vi: 'Hướng dẫn chấm điểm (tiếng Anh)', en: 'Scoring guidance (English)' } },
  { key: 'evidenceVi', header: { vi: 'Tài liệu kiểm chứng', en: 'Evidence' } },
  { key: 'appraisingBody', header: { vi: 'Cơ quan thẩm định', en: 'Appraising body' } },
];

/** A cell value as a spreadsheet reader gives it. */
export type CellValue = string | number | boolean | null | undefined;

/** One sheet row: its 1-based row number in the sheet and its cells by column. */
export interface FrameworkRow {
  rowNumber: number;
  cells: Partial<Record<FrameworkColumn, CellValue>>;
}

/** What the rows do not hold: the framework's year, group, names, totals, caps and bands. */
export interface FrameworkMeta {
  year: number;
  groupCode?: string;
  nameVi: string;
  nameEn: string;
  /** Defaults to the sum of the regular top-level maxima. */
  declaredTotal?: string;
  bonusCap: string;
  deductionCap: string;
  bands: ClassificationBand[];
}

/** A problem of an imported sheet: row null means the sheet as a whole, column null the row as a whole. */
export interface RowProblem {
  row: number | null;
  column: FrameworkColumn | null;
  severity: ProblemSeverity;
  message: Bilingual;
}

/** Result of {@link rowsToFramework}: the framework with its warnings, or every problem found. */
export type RowsImportResult =
  | { ok: true; framework: Framework; warnings: RowProblem[] }
  | { ok: false; problems: RowProblem[] };

const KIND_ALIASES: Record<string, NodeKind> = {
  regular: 'regular',
  'thường': 'regular',
  bonus: 'bonus',
  'thưởng': 'bonus',
  'điểm thưởng': 'bonus',
  deduction: 'deduction',
  'trừ': 'deduction',
  'điểm trừ': 'deduction',
};

const METHOD_ALIASES: Record<string, LeafMethodType> = {
  'mức': 'levels',
  'theo mức': 'levels',
  'chấm theo mức': 'levels',
  'thang tỷ lệ': 'ratio_ladder',
  'tỷ lệ thuận': 'ratio_proportional',
  'có/không': 'yes_no',
  'có/ không': 'yes_no',
  'chấm trực tiếp': 'manual',
  'điều tra': 'survey',
  'điều tra xã hội học': 'survey',
  'khảo sát': 'survey',
};

const TRUE_CELLS = new Set(['x', 'có', 'co', 'yes', 'y', 'true', '1', 'đúng']);
const FALSE_CELLS = new Set(['', 'không', 'khong', 'no', 'n', 'false', '0', 'sai']);

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'x' : '';
  return value.normalize('NFC').trim();
}

/** The rows of the spreadsheet layout for a framework, in tree order, starting at `firstRowNumber` (row 1 holds the headers). */
export function frameworkToRows(f: Framework, firstRowNumber = 2): FrameworkRow[] {
  return orderedNodes(f.nodes).map((node, i) => ({
    rowNumber: firstRowNumber + i,
    cells: {
      code: node.code,
      nameVi: node.nameVi,
      nameEn: node.nameEn,
      maxPoints: node.maxPoints,
      method: node.method?.type ?? '',
      methodConfig: node.method ? formatMethodConfig(node.method) : '',
      mayBeNotApplicable: node.mayBeNotApplicable ? 'x' : '',
      // The kind is written on top-level rows only; descendants inherit it.
      kind: node.parentCode === null && node.kind !== 'regular' ? node.kind : '',
      guidanceVi: node.guidanceVi ?? '',
      guidanceEn: node.guidanceEn ?? '',
      evidenceVi: node.evidenceVi ?? '',
      appraisingBody: node.appraisingBody ?? '',
    },
  }));
}

/** The meta part of a framework that the rows do not hold. */
export function frameworkMeta(f: Framework): FrameworkMeta {
  return {
    year: f.year,
    ...(f.groupCode !== undefined ? { groupCode: f.groupCode } : {}),
    nameVi: f.nameVi,
    nameEn: f.nameEn,
    declaredTotal: f.declaredTotal,
    bonusCap: f.bonusCap,
    deductionCap: f.deductionCap,
    bands: f.bands,
  };
}

function columnOfPath(path: string | undefined): FrameworkColumn | null {
  if (!path) return null;
  const head = path.split('.')[0] ?? '';
  if (head === 'parentCode' || head === 'code' || head === 'position') return 'code';
  if (head === 'method') return path === 'method' ? 'method' : 'methodConfig';
  return (FRAMEWORK_COLUMN_KEYS as readonly string[]).includes(head) ? (head as FrameworkColumn) : null;
}

/** Builds a framework from sheet rows and meta, reporting every problem (unknown method, unparsable config, bad number, duplicate code, missing parent, sums…) with its row and column. */
export function rowsToFramework(rows: readonly FrameworkRow[], meta: FrameworkMeta): RowsImportResult {
  const problems: RowProblem[] = [];
  const add = (row: number | null, column: FrameworkColumn | null, message: Bilingual, severity: ProblemSeverity = 'error') =>
    problems.push({ row, column, severity, message });
  const nodes: FrameworkNode[] = [];
  const rowOfCode = new Map<string, number>();
  const siblingCount = new Map<string | null, number>();
  const badCells = new Set<string>();
  const allCodes = new Set(rows.map((row) => cellText(row.cells.code).replace(/\.$/, '')));
  const nodeByCode = new Map<string, FrameworkNode>();
  const bad = (row: number, column: FrameworkColumn, message: Bilingual) => {
    badCells.add(`${row}:${column}`);
    add(row, column, message);
  };

  for (const { rowNumber: r, cells } of rows) {
    const text = (col: FrameworkColumn) => cellText(cells[col]);
    if (FRAMEWORK_COLUMN_KEYS.every((col) => text(col) === '')) continue;
    const code = text('code').replace(/\.$/, '');
    if (code === '') {
      bad(r, 'code', { vi: 'Thiếu mã (STT) của tiêu chí.', en: 'The code is missing.' });
      continue;
    }
    if (rowOfCode.has(code)) {
      bad(r, 'code', {
        vi: `Mã "${code}" bị trùng với dòng ${rowOfCode.get(code)}.`,
        en: `Code "${code}" duplicates row ${rowOfCode.get(code)}.`,
      });
      continue;
    }
    rowOfCode.set(code, r);
    const parentCode = parentCodeOf(code);
    if (parentCode !== null && !allCodes.has(parentCode)) {
      bad(r, 'code', {
        vi: `Không có dòng nào mang mã mục cha "${parentCode}" của "${code}".`,
        en: `No row has the parent code "${parentCode}" of "${code}".`,
      });
    }
    const nameVi = text('nameVi');
    if (nameVi === '') bad(r, 'nameVi', { vi: 'Thiếu nội dung (tên tiêu chí).', en: 'The content (name) is missing.' });
    let maxPoints = parsePointsCell(cells.maxPoints ?? null);
    if (maxPoints === null) {
      bad(r, 'maxPoints', {
        vi: `Điểm tối đa không phải số hợp lệ: "${text('maxPoints')}".`,
        en: `Max points is not a valid number: "${text('maxPoints')}".`,
      });
      maxPoints = text('maxPoints') || '0';
    }
    let method: LeafMethod | null = null;
    const methodText = text('method');
    if (methodText !== '') {
      const lower = methodText.toLowerCase();
      const type = (LEAF_METHOD_TYPES as readonly string[]).includes(lower) ? (lower as LeafMethodType) : METHOD_ALIASES[lower];
      if (!type) {
        bad(r, 'method', {
          vi: `Phương pháp chấm "${methodText}" không được hỗ trợ (dùng: ${LEAF_METHOD_TYPES.join(', ')}).`,
          en: `Unknown scoring method "${methodText}" (use: ${LEAF_METHOD_TYPES.join(', ')}).`,
        });
      } else {
        const parsed = parseMethodConfig(type, text('methodConfig'));
        if (parsed.ok) method = parsed.method;
        else for (const message of parsed.problems) bad(r, 'methodConfig', message);
      }
    } else if (text('methodConfig') !== '') {
      bad(r, 'method', { vi: 'Có cấu hình chấm điểm nhưng chưa chọn phương pháp chấm.', en: 'A scoring configuration is given without a method.' });
    }
    const naText = text('mayBeNotApplicable').toLowerCase();
    if (!TRUE_CELLS.has(naText) && !FALSE_CELLS.has(naText)) {
      bad(r, 'mayBeNotApplicable', { vi: `Ghi "x" nếu có thể không áp dụng, để trống nếu không (đang là "${naText}").`, en: `Write "x" if it may be not applicable, leave empty otherwise (got "${naText}").` });
    }
    const kindText = text('kind').toLowerCase();
    let kind: NodeKind | undefined;
    if (kindText !== '') {
      kind = KIND_ALIASES[kindText];
      if (!kind) bad(r, 'kind', { vi: `Loại "${kindText}" không hợp lệ (để trống, "bonus"/"thưởng" hoặc "deduction"/"trừ").`, en: `Unknown kind "${kindText}" (empty, "bonus" or "deduction").` });
    }
    const parentNode = parentCode === null ? undefined : nodeByCode.get(parentCode);
    const position = siblingCount.get(parentCode) ?? 0;
    siblingCount.set(parentCode, position + 1);
    const node: FrameworkNode = {
      code,
      parentCode,
      position,
      nameVi,
      nameEn: text('nameEn'),
      maxPoints,
      mayBeNotApplicable: TRUE_CELLS.has(naText),
      method,
      kind: kind ?? parentNode?.kind ?? 'regular',
    };
    for (const key of ['guidanceVi', 'guidanceEn', 'evidenceVi', 'appraisingBody'] as const) {
      const value = text(key);
      if (value !== '') node[key] = value;
    }
    nodes.push(node);
    nodeByCode.set(code, node);
  }
  if (nodes.length === 0 && problems.length === 0) {
    add(null, null, { vi: 'Bảng không có dòng tiêu chí nào.', en: 'The sheet has no rows.' });
  }

  const regularSum = nodes
    .filter((n) => n.parentCode === null && n.kind === 'regular')
    .reduce((a, n) => a + (tryParsePoints(n.maxPoints) ?? 0), 0);
  let declaredTotal = meta.declaredTotal ?? unitsToDecimalString(regularSum);
  try {
    declaredTotal = canonicalDecimal(declaredTotal);
  } catch {
    // validateFramework reports it
  }
  const f: Framework = {
    year: meta.year,
    ...(meta.groupCode !== undefined ? { groupCode: meta.groupCode } : {}),
    nameVi: meta.nameVi,
    nameEn: meta.nameEn,
    declaredTotal,
    bonusCap: meta.bonusCap,
    deductionCap: meta.deductionCap,
    bands: meta.bands,
    nodes,
  };

  // Framework rules (sums, methods, kinds…), each mapped to its row and column unless that cell already failed.
  const seen = new Set(problems.map((p) => `${p.row}:${p.column}:${p.message.en}`));
  for (const p of validateFramework(f)) {
    if (p.code === 'unknown_parent' || p.code === 'duplicate_code') continue;
    const row = p.nodeCode !== undefined ? (rowOfCode.get(p.nodeCode) ?? null) : null;
    const column = p.nodeCode !== undefined ? columnOfPath(p.path) : null;
    if (row !== null && column !== null && badCells.has(`${row}:${column}`)) continue;
    if (p.code === 'invalid_decimal' && row !== null && badCells.has(`${row}:maxPoints`)) continue;
    const key = `${row}:${column}:${p.message.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    add(row, column, p.message, p.severity);
  }
  // Field limits and text rules of the wire schema (lengths, control characters).
  const parsed = frameworkSchema.safeParse(f);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index, field] = issue.path;
      if (head !== 'nodes' || typeof index !== 'number') {
        add(null, null, { vi: `Thông tin chung của bộ tiêu chí không hợp lệ (${issue.path.join('.')}).`, en: `Invalid framework metadata (${issue.path.join('.')}).` });
        continue;
      }
      const node = nodes[index];
      const row = node ? (rowOfCode.get(node.code) ?? null) : null;
      const column = columnOfPath(typeof field === 'string' ? field : undefined);
      if (row !== null && column !== null && badCells.has(`${row}:${column}`)) continue;
      const message = { vi: localizeIssue(issue, 'vi'), en: localizeIssue(issue, 'en') };
      const key = `${row}:${column}:${message.en}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add(row, column, message);
    }
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || FRAMEWORK_COLUMN_KEYS.indexOf(a.column ?? 'code') - FRAMEWORK_COLUMN_KEYS.indexOf(b.column ?? 'code'));
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  return { ok: true, framework: f, warnings: problems };
}

/** Maps a header row (Vietnamese or English headers, or column keys; case-insensitive) to column keys by cell index; lists required columns that are missing. */
export function matchHeaderRow(cells: readonly CellValue[]): { columns: Map<number, FrameworkColumn>; missing: FrameworkColumn[] } {
  const columns = new Map<number, FrameworkColumn>();
  const norm = (s: string) => s.normalize('NFC').trim().toLowerCase();
  cells.forEach((cell, i) => {
    const t = norm(cellText(cell));
    if (t === '') return;
    const col = FRAMEWORK_COLUMNS.find((c) => norm(c.key) === t || norm(c.header.vi) === t || norm(c.header.en) === t);
    if (col && ![...columns.values()].includes(col.key)) columns.set(i, col.key);
  });
  const present = new Set(columns.values());
  const missing = (['code', 'nameVi', 'maxPoints'] as const).filter((c) => !present.has(c));
  return { columns, missing };
}

/** A problem of a JSON import: `path` is the dotted field path (`nodes.3.maxPoints`) or, for framework rules, `nodes[<code>].<field>`. */
export interface JsonImportProblem {
  path: string;
  nodeCode?: string;
  severity: ProblemSeverity;
  message: Bilingual;
}

/** Result of {@link parseFrameworkJson}. */
export type JsonImportResult =
  | { ok: true; framework: Framework; warnings: JsonImportProblem[] }
  | { ok: false; problems: JsonImportProblem[] };

function fromFrameworkProblem(p: FrameworkProblem): JsonImportProblem {
  const path = p.nodeCode !== undefined ? `nodes[${p.nodeCode}]${p.path ? `.${p.path}` : ''}` : (p.path ?? '_root');
  return { path, ...(p.nodeCode !== undefined ? { nodeCode: p.nodeCode } : {}), severity: p.severity, message: p.message };
}

/** Parses a framework from JSON data: the wire schema first (limits, shapes), then every framework rule; ok only without errors. */
export function parseFrameworkJson(value: unknown): JsonImportResult {
  const parsed = frameworkSchema.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issuePath(issue),
        severity: 'error' as const,
        message: { vi: localizeIssue(issue, 'vi'), en: localizeIssue(issue, 'en') },
      })),
    };
  }
  const problems = validateFramework(parsed.data).map(fromFrameworkProblem);
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  return { ok: true, framework: parsed.data, warnings: problems };
}
