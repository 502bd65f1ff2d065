import { Skeleton } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

type Setup = typeof import('./chart-echarts-setup');
let loading: Promise<Setup> | null = null;

/** Loads ECharts on first use (its own chunk, never in the initial bundle). */
function loadECharts(): Promise<Setup> {
  loading ??= import('./chart-echarts-setup');
  return loading;
}

export interface ChartClick {
  name: string;
  dataIndex: number;
  seriesIndex: number;
}

/**
 * An ECharts chart (SVG, so it prints sharply) that follows its container's width. `label` is its accessible
 * name; the data is always also shown as a table next to it.
 */
export function EChart({ option, height, label, onClick }: { option: EChartsCoreOption; height: number; label: string; onClick?: (e: ChartClick) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<Setup['init']> | null>(null);
  const clickRef = useRef(onClick);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  clickRef.current = onClick;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    loadECharts()
      .then((echarts) => {
        if (disposed || !box.current) return;
        const c = echarts.init(box.current, undefined, { renderer: 'svg' });
        chart.current = c;
        c.on('click', (p) => clickRef.current?.({ name: String(p.name), dataIndex: p.dataIndex, seriesIndex: p.seriesIndex ?? 0 }));
        observer = new ResizeObserver(() => c.resize());
        observer.observe(box.current);
        setReady(true);
      })
      .catch(() => setFailed(true));
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption(option, { notMerge: true });
  }, [ready, option]);

  return (
    <div className="pi-chart" style={{ height }}>
      {!ready && !failed && <Skeleton active paragraph={{ rows: 4 }} />}
      <div ref={box} role="img" aria-label={label} style={{ width: '100%', height: ready ? height : 0 }} />
    </div>
  );
}
