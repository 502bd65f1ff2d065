/** Small helpers shared by the benchmarks: timing, medians, memory, and a printed table. */

export async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; returns every duration and the median. */
export async function repeat(fn: () => Promise<unknown> | unknown, runs: number, warmup = 1): Promise<{ runs: number[]; median: number; min: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push((await time(fn)).ms);
  return { runs: out, median: median(out), min: Math.min(...out) };
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

/** Prints rows as an aligned text table. */
export function table(rows: Record<string, string | number>[]): void {
  if (!rows.length) return;
  const keys = Object.keys(rows[0]!);
  const width = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i]!)).join('  ');
  console.log(line(keys));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(keys.map((k) => String(r[k]))));
}

/** What an HTTP load measured: requests per second over all its slices, and p50/p99 latencies (median over slices). */
export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
}

interface SliceResult {
  requests: { total: number };
  duration: number;
  latency: { p50: number; p99: number };
}

/**
 * Runs a load on the app and the same load on its baseline in alternating slices (baseline, app, baseline, app…),
 * `rounds` of each, so that both meet the same background load on a shared machine: a ratio of two loads run one
 * after the other mostly measures how busy the machine was in each. `before` runs ahead of every app slice (to
 * resynchronise client state). Each side's req/s is its requests over its time; p50/p99 are medians over its slices.
 */
export async function interleave(
  rounds: number,
  baseline: () => Promise<SliceResult>,
  app: () => Promise<SliceResult>,
  before?: () => Promise<void>,
): Promise<{ baseline: LoadFigures; app: LoadFigures; ratio: number }> {
  const sides = { baseline: [] as SliceResult[], app: [] as SliceResult[] };
  for (let i = 0; i < rounds; i++) {
    sides.baseline.push(await baseline());
    await before?.();
    sides.app.push(await app());
  }
  const figures = (xs: SliceResult[]): LoadFigures => {
    const requests = xs.reduce((n, x) => n + x.requests.total, 0);
    const seconds = xs.reduce((n, x) => n + x.duration, 0);
    return { rps: requests / seconds, p50: median(xs.map((x) => x.latency.p50)), p99: median(xs.map((x) => x.latency.p99)), requests };
  };
  const b = figures(sides.baseline);
  const a = figures(sides.app);
  return { baseline: b, app: a, ratio: b.rps / Math.max(1e-9, a.rps) };
}
