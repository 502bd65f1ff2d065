/**
 * Building blocks of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I) with the `docx`
 * package: A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm, Times New Roman, body 14 pt justified
 * with a first-line indent, page numbers centred at the top from page 2, the two-column heading (issuing body and
 * number on the left, national heading and place/date on the right), bordered tables with a repeated header row.
 */
import {
  AlignmentType,
  BorderStyle,
  Header,
  ImageRun,
  LineRuleType,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
  type ISectionOptions,
  type IStylesOptions,
} from 'docx';

/** Twips per millimetre. */
const MM = 56.7;
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM), header: Math.round(10 * MM), footer: Math.round(10 * MM) },
};
/** Width of the text area in twips (A4 minus the left and right margins): 16.5 cm. */
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
/** Width of the text area in pixels at 96 dpi (for images). */
export const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);

/** Half-points. */
export const SIZE = { body: 28, heading: 26, table: 24, small: 22, tiny: 20 } as const;
export const FONT = 'Times New Roman';

export const documentStyles: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT, size: SIZE.body, language: { value: 'vi-VN' } },
      paragraph: { spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    },
  },
};

type Runs = string | (TextRun | ImageRun)[];
const toRuns = (r: Runs, opts: Omit<IRunOptions, 'text'> = {}) => (typeof r === 'string' ? [new TextRun({ text: r, ...opts })] : r);

/** A body paragraph: justified, first line indented 1 cm, 6 pt after, line spacing 1.15. */
export function body(r: Runs, opts: { indent?: boolean; keepNext?: boolean; italics?: boolean; size?: number } = {}): Paragraph {
  return new Paragraph({
    children: toRuns(r, { italics: opts.italics, size: opts.size }),
    alignment: AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: Math.round(10 * MM) },
    spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO },
    keepNext: opts.keepNext,
  });
}

/** A bullet-like line of the body ("- text"), as administrative reports write lists. */
export function dash(r: Runs): Paragraph {
  const runs = toRuns(r);
  return new Paragraph({
    children: [new TextRun('- '), ...runs],
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: Math.round(10 * MM) },
    spacing: { after: 80, line: 276, lineRule: LineRuleType.AUTO },
  });
}

/** A section heading ("I. KẾT QUẢ CHUNG"): bold, indented like the body, kept with what follows. */
export function heading(text: string, level: 1 | 2 = 1): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text, bold: true, italics: level === 2 })],
    indent: { firstLine: Math.round(10 * MM) },
    spacing: { before: 120, after: 120, line: 276, lineRule: LineRuleType.AUTO },
    keepNext: true,
    keepLines: true,
  });
}

/** Centred text. */
export function centered(r: Runs, opts: { bold?: boolean; italics?: boolean; size?: number; after?: number; before?: number; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: toRuns(r, { bold: opts.bold, italics: opts.italics, size: opts.size }),
    alignment: AlignmentType.CENTER,
    spacing: { after: opts.after ?? 0, before: opts.before ?? 0 },
    keepNext: opts.keepNext,
  });
}

/** A short centred rule under a heading line (a bottom border on an empty paragraph narrowed by indents). */
export function rule(cellWidth: number, lineWidth: number): Paragraph {
  const side = Math.max(0, Math.round((cellWidth - lineWidth) / 2));
  return new Paragraph({
    children: [new TextRun({ text: '', size: 4 })],
    indent: { left: side, right: side },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    spacing: { after: 60 },
  });
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };

/** A borderless layout table (heading block, recipients and signature). */
export function layoutTable(widths: number[], rows: Paragraph[][][]): Table {
  return new Table({
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: rows.map(
      (cells) =>
        new TableRow({
          cantSplit: true,
          children: cells.map((children, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER }, children })),
        }),
    ),
  });
}

export interface Column {
  title: string;
  /** Share of the text width (the widths are scaled to fill it). */
  weight: number;
  align?: 'left' | 'center' | 'right';
}

export interface Cell {
  text: string;
  bold?: boolean;
  italics?: boolean;
  /** Indent level of the text in the cell (criteria under a field). */
  indent?: number;
  /** Spans several columns. */
  span?: number;
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/** A bordered data table filling the text width: a bold shaded header row repeated on every page, rows that do not split. */
export function dataTable(columns: Column[], rows: (string | Cell)[][], opts: { size?: number } = {}): Table {
  const total = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => Math.floor((c.weight / total) * TEXT_WIDTH));
  const size = opts.size ?? SIZE.table;
  const margins = { top: 40, bottom: 40, left: 80, right: 80 };
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i]!, type: WidthType.DXA },
          shading: { fill: 'E7E6E6', color: 'auto', type: 'clear' },
          verticalAlign: VerticalAlign.CENTER,
          margins,
          children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: c.title, bold: true, size })] })],
        }),
    ),
  });
  const body = rows.map(
    (cells) =>
      new TableRow({
        cantSplit: true,
        children: (() => {
          const out: TableCell[] = [];
          let col = 0;
          for (const raw of cells) {
            const cell: Cell = typeof raw === 'string' ? { text: raw } : raw;
            const span = cell.span ?? 1;
            const width = widths.slice(col, col + span).reduce((s, w) => s + w, 0);
            const align = columns[col]?.align ?? 'left';
            out.push(
              new TableCell({
                width: { size: width, type: WidthType.DXA },
                columnSpan: span > 1 ? span : undefined,
                verticalAlign: VerticalAlign.CENTER,
                margins,
                children: [
                  new Paragraph({
                    alignment: ALIGN[align],
                    indent: cell.indent ? { left: cell.indent * 200 } : undefined,
                    children: [new TextRun({ text: cell.text, bold: cell.bold, italics: cell.italics, size })],
                  }),
                ],
              }),
            );
            col += span;
          }
          return out;
        })(),
      }),
  );
  return new Table({
    width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [header, ...body],
  });
}

/** An image paragraph (centred, `widthPx` wide at 96 dpi, keeping the aspect ratio) with its caption below. */
export function figure(png: Buffer, size: { width: number; height: number }, caption: string, alt: string): Paragraph[] {
  const width = Math.min(TEXT_WIDTH_PX, size.width);
  const height = Math.round((size.height / size.width) * width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120, after: 60, line: 240, lineRule: LineRuleType.AUTO },
      children: [new ImageRun({ type: 'png', data: png, transformation: { width, height }, altText: { name: alt, description: alt, title: alt } })],
    }),
    centered(caption, { italics: true, size: SIZE.table, after: 160 }),
  ];
}

/** The page-number header: Arabic numerals centred at the top, not on the first page (Nghị định 30/2020). */
export function pageNumberHeaders(): ISectionOptions['headers'] {
  return {
    default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: SIZE.body })] })] }),
    first: new Header({ children: [new Paragraph({ children: [] })] }),
  };
}

export const sectionProperties: ISectionOptions['properties'] = {
  page: { size: { width: PAGE.width, height: PAGE.height }, margin: PAGE.margin },
  titlePage: true,
};
