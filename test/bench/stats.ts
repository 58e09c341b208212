/**
 * Summaries of repeated measurements. Every figure the bench reports is a median with its
 * spread (min–max), and ratios are taken per repetition (variants run side by side in
 * the same repetition) before summarizing, so machine-wide noise that hits one
 * repetition hits both sides of its ratio.
 */

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError('summarize() needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { n: sorted.length, median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Element-wise a[i] / b[i] (paired repetitions). */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new RangeError(`paired series differ in length (${a.length} vs ${b.length})`);
  return a.map((value, i) => value / b[i]!);
}

/** "1.23 (1.18–1.31)" with `format` applied to each number. */
export function formatSummary(summary: Summary, format: (value: number) => string): string {
  if (summary.n === 1 || summary.min === summary.max) return format(summary.median);
  return `${format(summary.median)} (${format(summary.min)}–${format(summary.max)})`;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
export const millis = (ms: number) => (ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`);
export const times = (ratio: number) => `${ratio.toFixed(2)}×`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const count = (n: number) => Math.round(n).toLocaleString('en-US');
export const perSecond = (n: number) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)} M/s` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k/s` : `${n.toFixed(0)}/s`;

/** Rotates the order of variants per repetition, so no variant always runs first (warm caches, thermal state). */
export function interleaved<T>(variants: readonly T[], repetition: number): T[] {
  const shift = repetition % variants.length;
  return [...variants.slice(shift), ...variants.slice(0, shift)];
}
