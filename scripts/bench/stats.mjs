// Small timing and statistics helpers for the benchmark (plain Node ESM).
import { performance } from 'node:perf_hooks';

export const now = () => performance.now();

/** CPU time (user + system) the process has used, in ms: less sensitive than wall time to other load on the machine. */
export const cpuNow = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Median of a list of numbers (the list is not modified). */
export function median(values) {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of a list of numbers. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(samples) {
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length > 0 ? Math.max(...samples) : NaN,
    mean: samples.length > 0 ? samples.reduce((sum, value) => sum + value, 0) / samples.length : NaN,
  };
}

/** Full garbage collection when node runs with --expose-gc (otherwise a no-op). */
export function gc() {
  if (typeof globalThis.gc === 'function') globalThis.gc();
}

export const round = (value, digits = 2) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : value);
export const mb = (bytes) => round(bytes / (1024 * 1024), 1);
