/**
 * Formula-like text in spreadsheet cells (issue 9 part 7, decision 0013): the rule every export applies
 * (`safe-export.ts`) and its inverse, which the importers apply so an exported workbook imports back unchanged.
 * Pure: no I/O, no spreadsheet library.
 */

/** Characters that make a spreadsheet read a cell as a formula (or mangle it) when they come first. */
const TRIGGERS = '=+\\-@\\t\\r\\n\\0\\uFF1D\\uFF0B\\uFF0D\\uFF20';
/** Field separators a spreadsheet may split a text on when a CSV is opened with another separator than it was written with. */
const SEPARATORS = ',;\\t';

/**
 * A text position that starts a field: the start of the text or right after a separator. The quotes already there
 * (`'*`) are counted in, so that a text that itself starts with quotes before a trigger gets one more: this keeps
 * {@link restoreText} an exact inverse.
 */
const NEUTRALISE = new RegExp(`(?<=^|[${SEPARATORS}])(?='*[${TRIGGERS}])`, 'gu');
const RESTORE = new RegExp(`(?<=^|[${SEPARATORS}])'(?='*[${TRIGGERS}])`, 'gu');
const UNSAFE = new RegExp(`(?:^|[${SEPARATORS}])[${TRIGGERS}]`, 'u');

/** The text with a `'` before every field start (text start, or after `,` `;` tab) that a spreadsheet would read as a formula. */
export function neutraliseText(text: string): string {
  return text.replace(NEUTRALISE, "'");
}

/** The inverse of {@link neutraliseText}: `restoreText(neutraliseText(s)) === s` for every string. */
export function restoreText(text: string): string {
  return text.replace(RESTORE, '');
}

/** Whether a text could start a formula in a spreadsheet (at its start or after a separator). */
export function isFormulaLike(text: string): boolean {
  return UNSAFE.test(text);
}
