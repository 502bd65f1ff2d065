import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { stageDifferences } from '../../../core/domain/matrix';
import type { LeafMatrix, MatrixStage } from '../../../core/schemas/matrix';

export const ROW_H = 28;
export const COL_W = 64;
export const FIXED_W = 280;
export const HEAD_H = 56;
const OVERSCAN = 4;
const STAGE_INDEX: Record<MatrixStage, number> = { self: 0, appraisal1: 1, final: 2 };

export interface GridProps {
  matrix: LeafMatrix;
  rows: LeafMatrix['rows'];
  /** Indices into matrix.leaves, in display order. */
  leaves: number[];
  stages: MatrixStage[];
  stageLabel: (s: MatrixStage) => string;
  naText: string;
  agencyLabel: string;
  name: (x: { nameVi: string; nameEn: string }) => string;
  formatPoints: (s: string) => string;
  maxLabel: (max: string) => string;
}

/**
 * The matrix grid: one scroll box, headers and the agency column sticky, and only the rows and columns in view
 * (plus a few) rendered, so 300 agencies × 120 leaves × 3 stages scroll smoothly.
 */
export function MatrixGrid(p: GridProps) {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, left: 0, width: 1200, height: 600 });
  const frame = useRef(0);
  const measure = useCallback(() => {
    const el = box.current;
    if (!el) return;
    setView({ top: el.scrollTop, left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight });
  }, []);
  useLayoutEffect(measure, [measure]);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [measure]);
  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(measure);
  };

  const per = p.stages.length;
  const colCount = p.leaves.length * per;
  const totalW = FIXED_W + colCount * COL_W;
  const totalH = HEAD_H + p.rows.length * ROW_H;
  const r0 = Math.max(0, Math.floor(view.top / ROW_H) - OVERSCAN);
  const r1 = Math.min(p.rows.length, Math.ceil((view.top + view.height) / ROW_H) + OVERSCAN);
  const c0 = Math.max(0, Math.floor(Math.max(0, view.left) / COL_W) - OVERSCAN);
  const c1 = Math.min(colCount, Math.ceil((view.left + view.width - FIXED_W) / COL_W) + OVERSCAN);
  const l0 = Math.floor(c0 / Math.max(1, per));
  const l1 = Math.ceil(c1 / Math.max(1, per));

  const headLeaves = [];
  const headStages = [];
  for (let j = l0; j < l1 && j < p.leaves.length; j++) {
    const leaf = p.matrix.leaves[p.leaves[j]!]!;
    headLeaves.push(
      <div key={leaf.code} className="mx-hcell mx-hleaf" style={{ left: FIXED_W + j * per * COL_W, width: per * COL_W }} title={`${leaf.code} ${p.name(leaf)} (${p.maxLabel(leaf.maxPoints)})`}>
        {leaf.code}
      </div>,
    );
  }
  for (let c = c0; c < c1; c++) {
    headStages.push(
      <div key={c} className="mx-hcell mx-hstage" style={{ left: FIXED_W + c * COL_W, width: COL_W }}>
        {p.stageLabel(p.stages[c % per]!)}
      </div>,
    );
  }

  const body = [];
  for (let r = r0; r < r1; r++) {
    const row = p.rows[r]!;
    const visible = row.visibleFields ? new Set(row.visibleFields) : null;
    const cells = [];
    for (let c = c0; c < c1; c++) {
      const leafIndex = p.leaves[Math.floor(c / per)]!;
      const leaf = p.matrix.leaves[leafIndex]!;
      const stage = p.stages[c % per]!;
      const base = leafIndex * 3;
      const v = row.cells[base + STAGE_INDEX[stage]]!;
      const hidden = visible !== null && !visible.has(leaf.fieldCode);
      const d = stageDifferences(row.cells[base]!, row.cells[base + 1]!, row.cells[base + 2]!);
      const diff = (stage === 'appraisal1' && d.appraisal1) || (stage === 'final' && d.final);
      cells.push(
        <div
          key={c}
          className={`mx-cell${diff ? ' mx-diff' : ''}${hidden ? ' mx-hidden' : ''}${c % per === per - 1 ? ' mx-leaf-end' : ''}`}
          style={{ left: FIXED_W + c * COL_W, width: COL_W }}
          data-cell={`${row.code}|${leaf.code}|${stage}`}
        >
          {v === null ? '' : v === 'na' ? p.naText : p.formatPoints(v)}
        </div>,
      );
    }
    body.push(
      <div key={row.agencyId} className="mx-row" style={{ top: HEAD_H + r * ROW_H, width: totalW }} data-agency={row.code}>
        <div className="mx-rowhead" style={{ width: FIXED_W }} title={p.name(row)}>
          <span className="mx-code">{row.code}</span> {p.name(row)}
        </div>
        {cells}
      </div>,
    );
  }

  return (
    <div ref={box} className="mx-scroll" data-scroll-intended="both axes: agencies × leaves × stages" onScroll={onScroll} data-testid="matrix-grid" role="grid" aria-rowcount={p.rows.length} aria-colcount={colCount + 1}>
      <div className="mx-canvas" style={{ width: totalW, height: totalH }}>
        <div className="mx-head" style={{ width: totalW, height: HEAD_H }}>
          <div className="mx-corner" style={{ width: FIXED_W, height: HEAD_H }}>
            {p.agencyLabel}
          </div>
          {headLeaves}
          {headStages}
        </div>
        {body}
      </div>
    </div>
  );
}
