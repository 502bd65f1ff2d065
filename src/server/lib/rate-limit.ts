/**
 * Fixed-window request counters kept in the process (per IP, per survey code). In memory rather than in the
 * database: a counter row updated by every request from one IP (a one-stop desk, a school) serialises writes
 * under load, and a limiter only needs to be approximately right. With several instances behind a load balancer
 * each instance counts on its own, so the effective limit is at most instances × max.
 */
export class RateLimiter {
  private window = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys = 200_000,
  ) {}

  /** Counts a hit for `key` at `now`; returns the count in the current window and the seconds until it resets. */
  hit(key: string, now: number): { count: number; retryAfterSeconds: number } {
    const window = Math.floor(now / this.windowMs);
    if (window !== this.window) {
      this.window = window;
      this.counts.clear();
    }
    // A flood of distinct keys (spoofed codes) cannot grow memory without bound: past maxKeys, start afresh.
    if (this.counts.size >= this.maxKeys && !this.counts.has(key)) this.counts.clear();
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return { count, retryAfterSeconds: Math.ceil(((window + 1) * this.windowMs - now) / 1000) };
  }
}
