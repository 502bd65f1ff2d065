/** Small helpers shared by the analysis charts (ECharts options are plain objects; tooltips are HTML). */

/** Tooltips are HTML: names typed by administrators must not become markup. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Units of 1/10000 point as a plain number of points, for chart geometry only (labels use the exact formatters). */
export const unitsToNumber = (u: number): number => u / 10_000;

/** Hundredths of a percent as a number of percent, for chart geometry only. */
export const hundredthsToNumber = (h: number): number => h / 100;

/** The palette of the analysis charts (AA contrast on white for the labels drawn in these colours). */
export const COLOURS = {
  agency: '#1554ad',
  previous: '#8c8c8c',
  average: '#d48806',
  best: '#389e0d',
  above: '#7c3aed',
  loss: '#cf1322',
  bonus: '#389e0d',
  deduction: '#ad4e00',
  clamp: '#595959',
  total: '#1554ad',
} as const;
