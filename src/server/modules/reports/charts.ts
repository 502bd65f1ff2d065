/**
 * The charts of the agency analysis report, drawn as SVG by plain functions and rasterised to PNG on the server
 * (resvg, a Rust renderer shipped as a prebuilt npm binary; the DejaVu Sans font ships as an npm package, so
 * nothing depends on the fonts of the machine). Numbers arrive as the core computes them: points in units of
 * 1/10000 point, indices in hundredths of a percent.
 */
import { createRequire } from 'node:module';
import { formatIndex, formatPoints } from '../../../core/domain/decimal';
import type { Lang } from '../../../core/errors';

const require = createRequire(import.meta.url);
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));
const FONT = 'DejaVu Sans';

/** Escapes text for SVG. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Splits a label into at most `lines` lines of about `width` characters, with an ellipsis when cut. */
export function wrapLabel(text: string, width: number, lines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (const w of words) {
    if (!line) line = w;
    else if ((line + ' ' + w).length <= width) line += ' ' + w;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line) out.push(line);
  if (out.length <= lines) return out.map((l) => (l.length > width ? l.slice(0, width - 1) + '…' : l));
  const kept = out.slice(0, lines);
  const last = kept[lines - 1]!;
  kept[lines - 1] = (last.length >= width ? last.slice(0, width - 1) : last) + '…';
  return kept;
}

/** A "nice" axis step (1, 2, 2.5 or 5 × 10^k) giving about `target` intervals over `span`. */
export function niceStep(span: number, target = 5): number {
  if (span <= 0) return 1;
  const raw = span / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

const text = (x: number, y: number, s: string, attrs = '') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${FONT}" ${attrs}>${esc(s)}</text>`;

export interface WaterfallInput {
  lang: Lang;
  /** Bars in order: a field's lost points (positive), the bonus (negative), deductions and clamping. Units. */
  bars: { label: string; name: string; amount: number; kind: 'field' | 'bonus' | 'deduction' | 'clamp' }[];
  /** The closing bar: applicable max − total points (units). */
  netLost: number;
  axisLabel: string;
  totalLabel: string;
}

const BAR_COLORS = { field: '#c0392b', bonus: '#2e8b57', deduction: '#d68910', clamp: '#7f8c8d', total: '#1f3b73' } as const;

/** A waterfall of points lost: each bar starts where the previous ended; the last bar is the total. */
export function waterfallSvg(input: WaterfallInput): string {
  const W = 1000;
  const H = 520;
  const m = { left: 78, right: 16, top: 28, bottom: 118 };
  const bars = input.bars.filter((b) => b.amount !== 0);
  const steps: { label: string; name: string; from: number; to: number; color: string; value: number }[] = [];
  let run = 0;
  for (const b of bars) {
    steps.push({ label: b.label, name: b.name, from: run, to: run + b.amount, color: BAR_COLORS[b.kind], value: b.amount });
    run += b.amount;
  }
  steps.push({ label: input.totalLabel, name: '', from: 0, to: input.netLost, color: BAR_COLORS.total, value: input.netLost });
  const hi = Math.max(1, ...steps.map((s) => Math.max(s.from, s.to)));
  const lo = Math.min(0, ...steps.map((s) => Math.min(s.from, s.to)));
  const stepUnits = niceStep((hi - lo) / 10000, 5) * 10000;
  const top = Math.ceil(hi / stepUnits) * stepUnits;
  const bottom = Math.floor(lo / stepUnits) * stepUnits;
  const plotH = H - m.top - m.bottom;
  const plotW = W - m.left - m.right;
  const y = (u: number) => m.top + ((top - u) / (top - bottom || 1)) * plotH;
  const slot = plotW / steps.length;
  const barW = Math.min(90, slot * 0.62);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
  ];
  for (let v = bottom; v <= top + 1e-9; v += stepUnits) {
    const yy = y(v);
    parts.push(`<line x1="${m.left}" y1="${yy.toFixed(1)}" x2="${W - m.right}" y2="${yy.toFixed(1)}" stroke="${v === 0 ? '#555' : '#e3e3e3'}" stroke-width="1"/>`);
    parts.push(text(m.left - 8, yy + 5, formatPoints(Math.round(v), input.lang, stepUnits % 10000 === 0 ? 0 : 1), 'font-size="15" text-anchor="end" fill="#444"'));
  }
  parts.push(text(18, m.top + plotH / 2, input.axisLabel, `font-size="15" fill="#444" text-anchor="middle" transform="rotate(-90 18 ${(m.top + plotH / 2).toFixed(1)})"`));
  steps.forEach((s, i) => {
    const cx = m.left + slot * i + slot / 2;
    const y1 = y(Math.max(s.from, s.to));
    const y2 = y(Math.min(s.from, s.to));
    parts.push(`<rect x="${(cx - barW / 2).toFixed(1)}" y="${y1.toFixed(1)}" width="${barW.toFixed(1)}" height="${Math.max(1, y2 - y1).toFixed(1)}" fill="${s.color}"/>`);
    if (i < steps.length - 1) {
      const yy = y(s.to);
      parts.push(`<line x1="${(cx + barW / 2).toFixed(1)}" y1="${yy.toFixed(1)}" x2="${(cx + slot - barW / 2).toFixed(1)}" y2="${yy.toFixed(1)}" stroke="#888" stroke-dasharray="4 3"/>`);
    }
    const sign = s.value < 0 ? '−' : '';
    parts.push(text(cx, y1 - 7, sign + formatPoints(Math.abs(s.value), input.lang), 'font-size="15" text-anchor="middle" fill="#222" font-weight="bold"'));
    parts.push(text(cx, H - m.bottom + 22, s.label, 'font-size="15" text-anchor="middle" fill="#222" font-weight="bold"'));
    wrapLabel(s.name, Math.max(8, Math.floor(slot / 8.6)), 4).forEach((line, k) => parts.push(text(cx, H - m.bottom + 42 + k * 17, line, 'font-size="13" text-anchor="middle" fill="#444"')));
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export interface TrendInput {
  lang: Lang;
  from: number;
  to: number;
  points: { year: number; totalIndex: number | null; rank: number | null; of: number | null }[];
  indexLabel: string;
  rankLabel: string;
}

/** Two stacked line charts over the years: the total index (%) above, the rank below with its axis inverted (1 at the top). Missing years leave gaps. */
export function trendSvg(input: TrendInput): string {
  const W = 1000;
  const H = 600;
  const m = { left: 70, right: 34, top: 40, bottom: 44, gap: 70 };
  const panelH = (H - m.top - m.bottom - m.gap) / 2;
  const years: number[] = [];
  for (let yv = input.from; yv <= input.to; yv++) years.push(yv);
  const plotW = W - m.left - m.right;
  // Points stay clear of the axis labels: an inner margin on both sides.
  const pad = 36;
  const x = (yr: number) => m.left + (years.length === 1 ? plotW / 2 : pad + ((yr - input.from) / (years.length - 1)) * (plotW - 2 * pad));
  const byYear = new Map(input.points.map((p) => [p.year, p]));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
  ];
  const series = (values: (number | null)[], yOf: (v: number) => number, color: string, label: (v: number) => string, above: (v: number) => boolean) => {
    let path = '';
    values.forEach((v, i) => {
      if (v === null) return;
      const prev = i > 0 ? values[i - 1] : null;
      path += `${prev === null || prev === undefined ? 'M' : 'L'}${x(years[i]!).toFixed(1)},${yOf(v).toFixed(1)} `;
    });
    if (path) parts.push(`<path d="${path.trim()}" fill="none" stroke="${color}" stroke-width="3"/>`);
    values.forEach((v, i) => {
      if (v === null) return;
      const cx = x(years[i]!);
      const cy = yOf(v);
      parts.push(`<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="5" fill="${color}"/>`);
      parts.push(text(cx, above(v) ? cy - 11 : cy + 22, label(v), 'font-size="14" text-anchor="middle" fill="#222"'));
    });
  };

  // Index panel.
  const idx = years.map((yr) => byYear.get(yr)?.totalIndex ?? null);
  const known = idx.filter((v): v is number => v !== null);
  const lo = known.length ? Math.max(0, Math.floor((Math.min(...known) - 500) / 1000) * 1000) : 0;
  const hi = known.length ? Math.min(10000, Math.ceil((Math.max(...known) + 500) / 1000) * 1000) : 10000;
  const top1 = m.top;
  const yIdx = (v: number) => top1 + ((hi - v) / (hi - lo || 1)) * panelH;
  const idxStep = niceStep((hi - lo) / 100, 4) * 100;
  for (let v = lo; v <= hi + 1e-9; v += idxStep) {
    parts.push(`<line x1="${m.left}" y1="${yIdx(v).toFixed(1)}" x2="${W - m.right}" y2="${yIdx(v).toFixed(1)}" stroke="#e3e3e3"/>`);
    parts.push(text(m.left - 8, yIdx(v) + 5, formatIndex(Math.round(v), input.lang, { percentSign: false }).replace(/[.,]00$/, ''), 'font-size="14" text-anchor="end" fill="#444"'));
  }
  parts.push(text(m.left, top1 - 12, input.indexLabel, 'font-size="16" font-weight="bold" fill="#1f3b73"'));
  series(idx, yIdx, '#1f3b73', (v) => formatIndex(v, input.lang, { percentSign: false }), (v) => yIdx(v) - top1 > 24);

  // Rank panel, inverted: 1 at the top.
  const ranks = years.map((yr) => byYear.get(yr)?.rank ?? null);
  const maxOf = Math.max(2, ...input.points.map((p) => p.of ?? p.rank ?? 1));
  const top2 = m.top + panelH + m.gap;
  const yRank = (r: number) => top2 + ((r - 1) / (maxOf - 1)) * panelH;
  const rankStep = Math.max(1, Math.round(niceStep(maxOf - 1, 4)));
  const ticks = new Set<number>([1, maxOf]);
  for (let r = rankStep; r < maxOf; r += rankStep) ticks.add(r);
  for (const r of [...ticks].sort((a, b) => a - b)) {
    parts.push(`<line x1="${m.left}" y1="${yRank(r).toFixed(1)}" x2="${W - m.right}" y2="${yRank(r).toFixed(1)}" stroke="#e3e3e3"/>`);
    parts.push(text(m.left - 8, yRank(r) + 5, String(r), 'font-size="14" text-anchor="end" fill="#444"'));
  }
  parts.push(text(m.left, top2 - 12, input.rankLabel, 'font-size="16" font-weight="bold" fill="#a93226"'));
  series(ranks, yRank, '#a93226', (v) => String(v), (v) => yRank(v) - top2 > 24);

  for (const yr of years) parts.push(text(x(yr), H - m.bottom + 26, String(yr), 'font-size="14" text-anchor="middle" fill="#222"'));
  parts.push('</svg>');
  return parts.join('\n');
}

/** Rasterises an SVG to PNG at `width` pixels (off the event loop), with the bundled DejaVu Sans font only. */
export async function svgToPng(svg: string, width = 1600): Promise<Buffer> {
  // The rasteriser (a native module) loads with the first report.
  const { renderAsync } = await import('@resvg/resvg-js');
  const img = await renderAsync(svg, {
    fitTo: { mode: 'width', value: width },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT, sansSerifFamily: FONT },
    background: '#ffffff',
    logLevel: 'off',
  });
  return img.asPng();
}
